using System;
using System.Collections.Generic;
using System.Linq;
using Minimization.Runtime;
using Xunit;

namespace Minimization.Runtime.Tests
{
    public class PseudonymizerTests
    {
        private static readonly byte[] Master = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        private static MinimizationContext Context(string partner, DateTimeOffset? release = null)
            => new MinimizationContext(partner, new DerivedKeyProvider(Master), release ?? new DateTimeOffset(2024, 3, 7, 12, 0, 0, TimeSpan.Zero));

        [Fact]
        public void Token_is_stable_within_a_partner_and_differs_across_partners()
        {
            string? uk1 = Context("UK").Pseudonymize("613-555-0100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.None);
            string? uk2 = Context("UK").Pseudonymize("613-555-0100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.None);
            string? fr = Context("FR").Pseudonymize("613-555-0100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.None);

            Assert.Equal(uk1, uk2);
            Assert.NotEqual(uk1, fr);
            Assert.Matches("^[0-9a-f]{32}$", uk1);
        }

        [Fact]
        public void Phone_numbers_written_differently_give_one_token()
        {
            MinimizationContext c = Context("UK");
            string?[] tokens = new[] { "+1 (613) 555-0100", "613.555.0100", "16135550100", " 613 555 0100 " }
                .Select(p => c.Pseudonymize(p, IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.None))
                .Distinct()
                .ToArray();
            Assert.Single(tokens);
        }

        [Fact]
        public void Daily_rotation_changes_the_token_between_days_but_not_within_one()
        {
            MinimizationContext c = Context("UK");
            var morning = new DateTimeOffset(2024, 3, 7, 1, 0, 0, TimeSpan.Zero);
            var evening = new DateTimeOffset(2024, 3, 7, 23, 0, 0, TimeSpan.Zero);
            var nextDay = new DateTimeOffset(2024, 3, 8, 1, 0, 0, TimeSpan.Zero);

            string? a = c.Pseudonymize("6135550100", "phone", PseudonymNormalization.Auto, KeyRotation.Daily, morning);
            Assert.Equal(a, c.Pseudonymize("6135550100", "phone", PseudonymNormalization.Auto, KeyRotation.Daily, evening));
            Assert.NotEqual(a, c.Pseudonymize("6135550100", "phone", PseudonymNormalization.Auto, KeyRotation.Daily, nextDay));
        }

        [Fact]
        public void Weekly_rotation_keys_on_the_ISO_week()
        {
            Assert.Equal("week-2024-03-04", KeyPeriod.For(KeyRotation.Weekly, new DateTimeOffset(2024, 3, 10, 23, 0, 0, TimeSpan.Zero)).Id);
            Assert.Equal("week-2024-03-11", KeyPeriod.For(KeyRotation.Weekly, new DateTimeOffset(2024, 3, 11, 0, 0, 0, TimeSpan.Zero)).Id);
            Assert.Equal("day-2024-03-07", KeyPeriod.For(KeyRotation.Daily, new DateTimeOffset(2024, 3, 7, 20, 0, 0, TimeSpan.FromHours(-5)).AddHours(-20)).Id);
            Assert.Equal("static", KeyPeriod.For(KeyRotation.None, DateTimeOffset.MaxValue).Id);
        }

        [Fact]
        public void Period_time_as_DateTime_is_read_as_UTC_when_unspecified()
        {
            MinimizationContext c = Context("UK");
            string? fromOffset = c.Pseudonymize("x@example.com", "email", PseudonymNormalization.Auto, KeyRotation.Daily, new DateTimeOffset(2024, 1, 2, 23, 30, 0, TimeSpan.Zero));
            string? fromDateTime = c.Pseudonymize("x@example.com", "email", PseudonymNormalization.Auto, KeyRotation.Daily, new DateTime(2024, 1, 2, 23, 30, 0));
            Assert.Equal(fromOffset, fromDateTime);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("no digits here")]
        public void Null_empty_and_meaningless_values_give_null(string? value)
            => Assert.Null(Context("UK").Pseudonymize(value, IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily));

        [Fact]
        public void Token_never_contains_the_raw_identifier()
        {
            var p = new Pseudonymizer(Master);
            for (int i = 0; i < 200; i++)
            {
                string number = "613555" + i.ToString("0000");
                string token = p.Pseudonymize(number, IdentityCategory.Phone)!;
                Assert.DoesNotContain(number, token);
                Assert.DoesNotContain(number.Substring(3), token);
            }
        }

        [Fact]
        public void Category_separates_token_spaces()
        {
            var p = new Pseudonymizer(Master);
            Assert.NotEqual(p.Pseudonymize("302720123456789", IdentityCategory.Imsi), p.Pseudonymize("302720123456789", IdentityCategory.Imei));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(16)]
        [InlineData(31)]
        public void Keys_shorter_than_32_bytes_are_refused_with_a_clear_error(int length)
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => new Pseudonymizer(new byte[length]));
            Assert.Contains("at least 32 bytes", e.Message);
            Assert.Throws<ArgumentException>(() => new DerivedKeyProvider(new byte[length]));
        }

        [Fact]
        public void A_key_provider_returning_a_short_key_is_refused()
        {
            var c = new MinimizationContext("UK", new ShortKeys());
            ArgumentException e = Assert.Throws<ArgumentException>(() => c.Pseudonymize("a", null, PseudonymNormalization.Auto, KeyRotation.None));
            Assert.Contains("at least 32 bytes", e.Message);
        }

        [Fact]
        public void Partner_key_provider_refuses_unknown_partners_and_shared_keys()
        {
            byte[] other = Master.Select(b => (byte)(b + 100)).ToArray();
            var keys = new PartnerKeyProvider(new Dictionary<string, byte[]> { ["UK"] = Master, ["FR"] = other });
            Assert.Throws<KeyNotFoundException>(() => keys.GetKey("DE", KeyPeriod.Static));
            Assert.NotEqual(keys.GetKey("UK", KeyPeriod.For(KeyRotation.Daily, DateTimeOffset.UnixEpoch)), keys.GetKey("UK", KeyPeriod.Static));
            Assert.Throws<ArgumentException>(() => new PartnerKeyProvider(new Dictionary<string, byte[]> { ["UK"] = Master, ["FR"] = (byte[])Master.Clone() }));
        }

        [Theory]
        [InlineData(" Ann@Example.COM ", "email", "ann@example.com")]
        [InlineData("AA:BB:cc-dd-ee-FF", "mac", "aabbccddeeff")]
        [InlineData("2001:DB8::0001", "ip", "2001:db8::1")]
        [InlineData("046 454 286", "sin", "046454286")]
        [InlineData("  ABC  ", "cell-tower", "ABC")]
        public void Auto_normalization_follows_the_category(string raw, string category, string expected)
            => Assert.Equal(expected, IdentifierNormalization.Normalize(raw, category, PseudonymNormalization.Auto));

        private sealed class ShortKeys : IPseudonymKeyProvider
        {
            public byte[] GetKey(string partner, KeyPeriod period) => new byte[8];
        }
    }
}
