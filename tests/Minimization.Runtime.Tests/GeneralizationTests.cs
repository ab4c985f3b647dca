using System;
using System.Net;
using Minimization.Runtime;
using Xunit;

namespace Minimization.Runtime.Tests
{
    public class GeneralizationTests
    {
        [Theory]
        [InlineData("K1A 0B1", 3, "K1A")]
        [InlineData("k1a-0b1", 3, "K1A")]
        [InlineData("K1A", 3, null)]
        [InlineData("K1", 3, null)]
        [InlineData("", 3, null)]
        [InlineData(null, 3, null)]
        [InlineData("  --  ", 1, null)]
        public void Character_prefix_is_upper_cased_and_never_the_whole_value(string? value, int length, string? expected)
            => Assert.Equal(expected, Prefixes.KeepCharacters(value, length));

        [Theory]
        [InlineData("+1 (613) 555-0100", 4, "1613")]
        [InlineData("613-555-0100", 6, "613555")]
        [InlineData("555-0100", 7, null)]
        [InlineData("call me", 3, null)]
        public void Digit_prefix_skips_everything_but_digits(string value, int length, string? expected)
            => Assert.Equal(expected, Prefixes.KeepDigits(value, length));

        [Fact]
        public void A_huge_prefix_length_allocates_nothing_for_it_and_gives_null()
        {
            Assert.Null(Prefixes.KeepCharacters("K1A 0B1", int.MaxValue));
            Assert.Null(Prefixes.KeepDigits("613 555 0100", int.MaxValue));
        }

        [Fact]
        public void Prefix_length_below_one_is_a_programming_error()
            => Assert.Throws<ArgumentOutOfRangeException>(() => Prefixes.KeepDigits("123", 0));

        [Theory]
        [InlineData("203.0.113.77", "203.0.113.0/24")]
        [InlineData(" 198.51.100.255 ", "198.51.100.0/24")]
        [InlineData("2001:db8:1234:5678::1", "2001:db8:1234::/48")]
        [InlineData("fe80::1%eth0", "fe80::/48")]
        [InlineData("::ffff:192.0.2.33", "192.0.2.0/24")]
        [InlineData("10.1", null)]
        [InlineData("256.1.1.1", null)]
        [InlineData("1.2.3.4.5", null)]
        [InlineData("1.2.3.-4", null)]
        [InlineData("not an address", null)]
        [InlineData("2001:db8:::1", null)]
        [InlineData("", null)]
        [InlineData(null, null)]
        public void IP_addresses_keep_their_network_and_malformed_ones_give_null(string? address, string? expected)
            => Assert.Equal(expected, IpMasking.Mask(address));

        [Fact]
        public void IP_prefix_lengths_are_configurable()
        {
            Assert.Equal("203.0.0.0/16", IpMasking.Mask("203.0.113.77", 16, 48));
            Assert.Equal("2001:db8::/32", IpMasking.Mask(IPAddress.Parse("2001:db8:1234::1"), 24, 32));
            Assert.Equal("0.0.0.0/0", IpMasking.Mask("203.0.113.77", 0, 48));
            Assert.Throws<ArgumentOutOfRangeException>(() => IpMasking.Mask("203.0.113.77", 33, 48));
        }

        [Fact]
        public void Times_truncate_to_hour_day_Monday_month_and_year_keeping_kind_and_offset()
        {
            var t = new DateTime(2024, 3, 7, 14, 35, 12, DateTimeKind.Utc);
            Assert.Equal(new DateTime(2024, 3, 7, 14, 0, 0, DateTimeKind.Utc), TimeTruncation.Truncate(t, TimeGranularity.Hour));
            Assert.Equal(new DateTime(2024, 3, 7), TimeTruncation.Truncate(t, TimeGranularity.Day));
            Assert.Equal(new DateTime(2024, 3, 4), TimeTruncation.Truncate(t, TimeGranularity.Week));
            Assert.Equal(new DateTime(2024, 3, 4), TimeTruncation.Truncate(new DateTime(2024, 3, 4, 0, 0, 1), TimeGranularity.Week));
            Assert.Equal(new DateTime(2024, 3, 4), TimeTruncation.Truncate(new DateTime(2024, 3, 10, 23, 59, 59), TimeGranularity.Week));
            Assert.Equal(new DateTime(2024, 3, 1), TimeTruncation.Truncate(t, TimeGranularity.Month));
            Assert.Equal(new DateTime(2024, 1, 1), TimeTruncation.Truncate(t, TimeGranularity.Year));
            Assert.Equal(DateTimeKind.Utc, TimeTruncation.Truncate(t, TimeGranularity.Year).Kind);

            var o = new DateTimeOffset(2024, 3, 7, 1, 30, 0, TimeSpan.FromHours(-5));
            Assert.Equal(new DateTimeOffset(2024, 3, 7, 0, 0, 0, TimeSpan.FromHours(-5)), TimeTruncation.Truncate(o, TimeGranularity.Day));
            Assert.Null(TimeTruncation.Truncate((DateTime?)null, TimeGranularity.Day));
        }

        [Fact]
        public void Time_truncation_at_the_edges_of_the_calendar_does_not_throw()
        {
            Assert.Equal(DateTime.MinValue, TimeTruncation.Truncate(DateTime.MinValue, TimeGranularity.Week));
            Assert.Equal(new DateTime(9999, 12, 1), TimeTruncation.Truncate(DateTime.MaxValue, TimeGranularity.Month));
            Assert.Equal(DateTimeOffset.MinValue, TimeTruncation.Truncate(new DateTimeOffset(1, 1, 1, 20, 0, 0, TimeSpan.FromHours(14)), TimeGranularity.Day));
        }

        [Fact]
        public void Fixed_width_buckets_floor_toward_negative_infinity()
        {
            Assert.Equal(120L, Bucketing.ByWidth(137L, 60L));
            Assert.Equal(-60L, Bucketing.ByWidth(-1L, 60L));
            Assert.Equal(0L, Bucketing.ByWidth(0L, 60L));
            Assert.Equal(long.MinValue, Bucketing.ByWidth(long.MinValue + 1, 10L));
            Assert.Equal(2.5, Bucketing.ByWidth(2.7, 0.5));
            Assert.Null(Bucketing.ByWidth(double.NaN, 0.5));
            Assert.Null(Bucketing.ByWidth(double.PositiveInfinity, 0.5));
            Assert.Equal(100m, Bucketing.ByWidth(124.99m, 25m));
            Assert.Equal(TimeSpan.FromMinutes(2), Bucketing.ByWidth(TimeSpan.FromSeconds(137), TimeSpan.FromMinutes(1)));
            Assert.Null(Bucketing.ByWidth((long?)null, 10L));
            Assert.Throws<ArgumentOutOfRangeException>(() => Bucketing.ByWidth(1L, 0L));
        }

        [Theory]
        [InlineData(-1.0, "< 0")]
        [InlineData(0.0, "[0, 60)")]
        [InlineData(59.9, "[0, 60)")]
        [InlineData(60.0, "[60, 300)")]
        [InlineData(300.0, ">= 300")]
        [InlineData(1e9, ">= 300")]
        public void Boundary_buckets_are_labelled(double value, string expected)
            => Assert.Equal(expected, Bucketing.ByBoundaries(value, new double[] { 0, 60, 300 }));

        [Fact]
        public void Boundary_buckets_handle_null_NaN_and_bad_boundaries()
        {
            Assert.Null(Bucketing.ByBoundaries((double?)null, new double[] { 0 }));
            Assert.Null(Bucketing.ByBoundaries(double.NaN, new double[] { 0 }));
            Assert.Equal("[1.5, 2.5)", Bucketing.ByBoundaries(TimeSpan.FromSeconds(2), new[] { 1.5, 2.5, 3 }));
            Assert.Throws<ArgumentException>(() => Bucketing.ByBoundaries(1, new double[0]));
            Assert.Throws<ArgumentException>(() => Bucketing.ByBoundaries(1, new double[] { 2, 1 }));
        }

        [Fact]
        public void Grid_snapping_floors_to_the_cell_and_absorbs_floating_point_noise()
        {
            Assert.Equal(45.4, GeoGrid.Snap(45.4215, 0.1));
            Assert.Equal(-75.7, GeoGrid.Snap(-75.6972, 0.1));
            Assert.Equal(0.3, GeoGrid.Snap(0.3, 0.1));
            Assert.Null(GeoGrid.Snap(double.NaN, 0.1));
            Assert.Equal((45.4, -75.7), GeoGrid.SnapPoint((45.4215, -75.6972), 0.1));
            Assert.Null(GeoGrid.SnapPoint((double.NaN, 1), 0.1));
            Assert.Throws<ArgumentOutOfRangeException>(() => GeoGrid.Snap(1, 0));
        }
    }
}
