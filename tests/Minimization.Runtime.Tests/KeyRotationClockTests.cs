using System;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Minimization.Runtime.Tests
{
    /// <summary>
    /// Rotation follows the clock the context is given, read at every call; root-key versions change at period boundaries
    /// and travel with each token.
    /// </summary>
    public class KeyRotationClockTests
    {
        private static readonly byte[] Master = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        private static readonly byte[] NextMaster = Enumerable.Range(64, 32).Select(i => (byte)i).ToArray();

        private static string? Daily(MinimizationContext c, DateTimeOffset? at = null)
            => c.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily, at);

        [Fact]
        public void Daily_rotation_without_a_time_member_follows_the_clock_it_is_given()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 7, 9, 0, 0, TimeSpan.Zero));
            using var context = MinimizationContext.WithClock("UK", new DerivedKeyProvider(Master), clock);

            string? morning = Daily(context);
            clock.Advance(TimeSpan.FromHours(14)); // 23:00 the same UTC day
            Assert.Equal(morning, Daily(context));
            Assert.Equal(clock.GetUtcNow(), context.ReleaseTime);

            clock.Advance(TimeSpan.FromHours(2)); // 01:00 the next day
            string? nextDay = Daily(context);
            Assert.NotEqual(morning, nextDay);

            clock.Advance(TimeSpan.FromDays(1));
            Assert.NotEqual(nextDay, Daily(context));
        }

        [Fact]
        public void Weekly_rotation_without_a_time_member_follows_the_clock_it_is_given()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 10, 23, 0, 0, TimeSpan.Zero)); // a Sunday
            using var context = MinimizationContext.WithClock("UK", new DerivedKeyProvider(Master), clock);
            string? sunday = context.Pseudonymize("a@example.com", IdentityCategory.Email, PseudonymNormalization.Auto, KeyRotation.Weekly);
            clock.Advance(TimeSpan.FromHours(2));
            Assert.NotEqual(sunday, context.Pseudonymize("a@example.com", IdentityCategory.Email, PseudonymNormalization.Auto, KeyRotation.Weekly));
        }

        [Fact]
        public void Without_a_release_time_the_system_clock_is_read_at_every_call_not_once()
        {
            using var context = new MinimizationContext("UK", new DerivedKeyProvider(Master));
            DateTimeOffset first = context.ReleaseTime;
            Thread.Sleep(50);
            Assert.True(context.ReleaseTime > first, "the release time stayed at " + first.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        [Fact]
        public void A_fixed_release_time_stays_fixed_and_a_record_time_still_wins()
        {
            var release = new DateTimeOffset(2024, 3, 7, 12, 0, 0, TimeSpan.Zero);
            using var context = new MinimizationContext("UK", new DerivedKeyProvider(Master), release);
            Thread.Sleep(10);
            Assert.Equal(release, context.ReleaseTime);
            Assert.Equal(Daily(context), Daily(context, release.AddHours(-11)));
            Assert.NotEqual(Daily(context), Daily(context, release.AddDays(1)));
        }

        [Fact]
        public void WithClock_refuses_a_missing_clock()
            => Assert.Throws<ArgumentNullException>(() => MinimizationContext.WithClock("UK", new DerivedKeyProvider(Master), null!));

        [Fact]
        public void A_root_key_rotated_mid_day_takes_over_at_the_next_period_so_joins_inside_the_day_hold()
        {
            var rotation = new DateTimeOffset(2024, 3, 7, 12, 0, 0, TimeSpan.Zero);
            using var keys = new DerivedKeyProvider(new[] { new RootKey(1, Master, DateTimeOffset.MinValue), new RootKey(2, NextMaster, rotation) });
            using var context = new MinimizationContext("UK", keys, rotation);

            string? before = Daily(context, rotation.AddHours(-4));
            string? after = Daily(context, rotation.AddHours(11));
            string? nextDay = Daily(context, rotation.AddHours(13));

            Assert.Matches("^v1\\.[0-9a-f]{32}$", before);
            Assert.Equal(before, after);
            Assert.Matches("^v2\\.[0-9a-f]{32}$", nextDay);

            string? weekBefore = context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Weekly, rotation.AddHours(-4));
            Assert.Equal(weekBefore, context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Weekly, rotation.AddDays(3)));
            Assert.StartsWith("v2.", context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Weekly, rotation.AddDays(5)));
        }

        [Fact]
        public void Without_rotation_the_new_root_key_takes_over_at_once_and_the_version_shows_it()
        {
            var rotation = new DateTimeOffset(2024, 3, 7, 12, 0, 0, TimeSpan.Zero);
            using var keys = new DerivedKeyProvider(new[] { new RootKey(1, Master, DateTimeOffset.MinValue), new RootKey(2, NextMaster, rotation) });
            var clock = new FakeTimeProvider(rotation.AddMinutes(-1));
            using var context = MinimizationContext.WithClock("UK", keys, clock);

            string? old = context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.None);
            clock.Advance(TimeSpan.FromMinutes(2));
            string? current = context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.None);

            Assert.StartsWith("v1.", old);
            Assert.StartsWith("v2.", current);
            Assert.NotEqual(old!.Substring(3), current!.Substring(3));
        }

        [Fact]
        public void Listing_the_old_key_as_version_0_keeps_existing_tokens()
        {
            var rotation = new DateTimeOffset(2024, 3, 7, 12, 0, 0, TimeSpan.Zero);
            var day = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
            using var single = new MinimizationContext("UK", new DerivedKeyProvider(Master), day);
            using var versioned = new MinimizationContext("UK", new DerivedKeyProvider(new[] { new RootKey(0, Master, DateTimeOffset.MinValue), new RootKey(1, NextMaster, rotation) }), day);

            Assert.Equal(Daily(single), Daily(versioned));
            Assert.Matches("^[0-9a-f]{32}$", Daily(versioned));
            Assert.StartsWith("v1.", Daily(versioned, rotation.AddDays(1)));
        }

        [Fact]
        public void Pseudonymizers_write_their_key_version()
        {
            using var v0 = new Pseudonymizer(Master);
            using var v7 = new Pseudonymizer(Master, 7);
            Assert.Equal(0, v0.KeyVersion);
            Assert.Equal(7, v7.KeyVersion);
            Assert.Equal("v7." + v0.Pseudonymize("x", "email"), v7.Pseudonymize("x", "email"));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Pseudonymizer(Master, -1));
        }

        [Fact]
        public void Root_key_versions_are_checked()
        {
            var t = new DateTimeOffset(2024, 3, 7, 0, 0, 0, TimeSpan.Zero);
            Assert.Throws<ArgumentException>(() => new DerivedKeyProvider(Array.Empty<RootKey>()));
            Assert.Throws<ArgumentException>(() => new DerivedKeyProvider(new[] { new RootKey(1, Master, t), new RootKey(2, NextMaster, t) }));
            Assert.Throws<ArgumentException>(() => new DerivedKeyProvider(new[] { new RootKey(2, Master, t), new RootKey(1, NextMaster, t.AddDays(1)) }));
            Assert.Throws<ArgumentException>(() => new DerivedKeyProvider(new[] { new RootKey(1, Master, t), new RootKey(1, NextMaster, t.AddDays(1)) }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new RootKey(-1, Master, t));
            Assert.Throws<ArgumentException>(() => new RootKey(1, new byte[16], t));
            Assert.Throws<ArgumentNullException>(() => new DerivedKeyProvider(new RootKey[] { null! }));
        }

        [Fact]
        public void Periods_before_the_first_version_use_the_earliest_one()
        {
            var t = new DateTimeOffset(2024, 3, 7, 0, 0, 0, TimeSpan.Zero);
            using var keys = new DerivedKeyProvider(new[] { new RootKey(3, Master, t), new RootKey(4, NextMaster, t.AddDays(30)) });
            using var context = new MinimizationContext("UK", keys, t);
            Assert.StartsWith("v3.", Daily(context, t.AddYears(-1)));
        }
    }
}
