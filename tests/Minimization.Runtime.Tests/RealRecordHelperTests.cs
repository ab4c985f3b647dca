using System;
using System.Collections.Generic;
using System.Linq;
using Minimization.Runtime;
using Xunit;

namespace Minimization.Runtime.Tests
{
    /// <summary>The run-time side of declared maps, rare-value suppression, element-wise collections and per-subject date shifts.</summary>
    public class RealRecordHelperTests
    {
        private static readonly byte[] Master = Enumerable.Range(50, 32).Select(i => (byte)i).ToArray();

        private static MinimizationContext Context(string partner = "UK", byte[]? master = null)
            => new MinimizationContext(partner, new DerivedKeyProvider(master ?? Master), new DateTimeOffset(2024, 3, 7, 12, 0, 0, TimeSpan.Zero));

        private static GeneralizationMap Makers() => new GeneralizationMap(
            new Dictionary<string, string> { ["iPhone 15"] = "Apple", ["iPhone 14"] = "Apple", ["Pixel 8"] = "Google" }, "other");

        [Theory]
        [InlineData("iPhone 15", "Apple")]
        [InlineData("  IPHONE 14\t", "Apple")]
        [InlineData("pixel 8", "Google")]
        [InlineData("Nokia 3310", "other")]
        [InlineData("", "other")]
        public void A_map_gives_the_group_matching_trimmed_and_ignoring_case_and_other_otherwise(string value, string group)
        {
            Assert.Equal(group, Makers().Generalize(value));
        }

        [Fact]
        public void A_map_gives_null_for_null_and_refuses_a_value_named_twice()
        {
            Assert.Null(Makers().Generalize(null));
            Assert.Throws<ArgumentException>(() => new GeneralizationMap(new[] { new KeyValuePair<string, string>("a", "x"), new KeyValuePair<string, string>(" A ", "y") }, "other"));
            Assert.Throws<ArgumentException>(() => new GeneralizationMap(new[] { new KeyValuePair<string, string>(" ", "x") }, "other"));
            Assert.Throws<ArgumentNullException>(() => new GeneralizationMap(new Dictionary<string, string>(), null!));
        }

        [Fact]
        public void Values_fewer_than_k_share_become_other_and_nulls_are_neither_counted_nor_replaced()
        {
            string?[] result = RareValues.Suppress(new[] { "Apple", "Google", "Apple", null, "Apple", "Samsung", null }, 3, "other");
            Assert.Equal(new[] { "Apple", "other", "Apple", null, "Apple", "other", null }, result);
        }

        [Fact]
        public void Rare_value_suppression_refuses_a_count_that_suppresses_nothing()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => RareValues.Suppress(new[] { "a" }, 1, "other"));
            Assert.Throws<ArgumentNullException>(() => RareValues.Suppress(null!, 2, "other"));
        }

        private sealed record Row(string? Maker, int Id);

        [Fact]
        public void The_batch_minimizer_for_records_replaces_only_the_rare_values()
        {
            var rows = new[] { new Row("Apple", 1), new Row("Apple", 2), new Row("Google", 3), new Row(null, 4) };
            Row[] result = RareValues.Suppress(rows, r => r.Maker, (r, v) => r with { Maker = v }, 2, "other");

            Assert.Equal(new[] { "Apple", "Apple", "other", null }, result.Select(r => r.Maker));
            Assert.Same(rows[0], result[0]);
            Assert.Equal(new[] { 1, 2, 3, 4 }, result.Select(r => r.Id));
        }

        [Fact]
        public void Collections_are_minimized_in_order_and_null_gives_null()
        {
            Assert.Null(CollectionMinimization.Map<string, string?>(null, s => s));
            IReadOnlyList<string?> masked = CollectionMinimization.Map(new[] { "203.0.113.9", null, "x" }, a => IpMasking.Mask(a))!;
            Assert.Equal(new[] { "203.0.113.0/24", null, null }, masked);
            Assert.Throws<ArgumentNullException>(() => CollectionMinimization.Map<string, string>(new string[0], null!));
        }

        [Fact]
        public void One_subject_gets_one_offset_in_every_notation_and_for_every_date()
        {
            using MinimizationContext context = Context();
            var first = new DateTimeOffset(2024, 3, 7, 9, 15, 0, TimeSpan.FromHours(-5));
            DateTimeOffset a = context.ShiftDate(first, "+1 (613) 555-0100", IdentityCategory.Phone, 60)!.Value;
            DateTimeOffset b = context.ShiftDate(first.AddDays(100), "613.555.0100", IdentityCategory.Phone, 60)!.Value;

            TimeSpan shift = a - first;
            Assert.Equal(shift, b - first.AddDays(100));
            Assert.Equal(0, shift.Ticks % TimeSpan.TicksPerDay);
            Assert.InRange(Math.Abs(shift.TotalDays), 1, 60);
            Assert.Equal(first.Offset, a.Offset);
        }

        [Fact]
        public void Offsets_cover_both_directions_and_the_whole_range_and_are_never_zero()
        {
            using MinimizationContext context = Context();
            var date = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            int[] days = Enumerable.Range(0, 2000)
                .Select(i => (int)(context.ShiftDate(date, "subject-" + i, null, 5)!.Value - date).TotalDays)
                .ToArray();

            Assert.DoesNotContain(0, days);
            Assert.Equal(new[] { -5, -4, -3, -2, -1, 1, 2, 3, 4, 5 }, days.Distinct().OrderBy(d => d));
            Assert.All(days.GroupBy(d => d), g => Assert.InRange(g.Count(), 120, 280));
        }

        [Fact]
        public void Offsets_differ_across_partners_and_root_keys_and_are_not_the_pseudonym()
        {
            using MinimizationContext uk = Context("UK");
            using MinimizationContext fr = Context("FR");
            using MinimizationContext otherKey = Context("UK", Enumerable.Range(90, 32).Select(i => (byte)i).ToArray());
            var date = new DateTime(2024, 1, 1);
            string[] subjects = Enumerable.Range(0, 50).Select(i => "acct-" + i).ToArray();
            double[] Offsets(MinimizationContext c) => subjects.Select(s => (c.ShiftDate(date, s, null, 365)!.Value - date).TotalDays).ToArray();

            double[] ukOffsets = Offsets(uk);
            Assert.True(ukOffsets.Zip(Offsets(fr)).Count(p => p.First != p.Second) >= 45);
            Assert.True(ukOffsets.Zip(Offsets(otherKey)).Count(p => p.First != p.Second) >= 45);
            Assert.Equal(ukOffsets, Offsets(Context("UK")));
        }

        [Fact]
        public void A_missing_subject_or_date_gives_null_never_the_unshifted_date()
        {
            using MinimizationContext context = Context();
            Assert.Null(context.ShiftDate(new DateTime(2024, 1, 1), null, null, 30));
            Assert.Null(context.ShiftDate(new DateTime(2024, 1, 1), "  ", null, 30));
            Assert.Null(context.ShiftDate((DateTime?)null, "a", null, 30));
            Assert.Null(context.ShiftDate(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "()", IdentityCategory.Phone, 30));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(3651)]
        public void A_shift_out_of_range_is_refused(int maxDays)
        {
            using MinimizationContext context = Context();
            Assert.Throws<ArgumentOutOfRangeException>(() => context.ShiftDate(new DateTime(2024, 1, 1), "a", null, maxDays));
        }

        [Fact]
        public void Dates_at_the_ends_of_the_calendar_are_shifted_the_other_way_instead_of_failing()
        {
            using MinimizationContext context = Context();
            for (int i = 0; i < 20; i++)
            {
                DateTime low = context.ShiftDate(DateTime.MinValue, "s" + i, null, 3650)!.Value;
                DateTime high = context.ShiftDate(DateTime.MaxValue.Date, "s" + i, null, 3650)!.Value;
                Assert.Equal(Math.Abs((low - DateTime.MinValue).TotalDays), Math.Abs((high - DateTime.MaxValue.Date).TotalDays));
                Assert.NotEqual(DateTime.MinValue, low);
            }
        }

        [Fact]
        public void A_disposed_context_refuses_to_shift()
        {
            MinimizationContext context = Context();
            context.Dispose();
            Assert.Throws<ObjectDisposedException>(() => context.ShiftDate(new DateTime(2024, 1, 1), "a", null, 30));
        }
    }
}
