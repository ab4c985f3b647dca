using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Minimization.Testing.Generators;
using Minimization.Testing.Tests.Fixtures;
using Xunit;

namespace Minimization.Testing.Tests.Generators
{
    public class IdentityGenTests
    {
        private static string[] Sample(Gen<string> gen, int n = 500) => gen.Sample(n, new Rnd(42UL, 7UL), 10).ToArray();

        [Fact]
        public void Nanp_phones_have_valid_area_and_exchange_codes()
            => Props.Holds(Prop.ForAll(IdentityGen.NanpPhone.ToArbitrary(), p => IdentityFormats.IsValidNanp(p)));

        [Fact]
        public void Nanp_phones_are_written_in_several_notations()
        {
            string[] phones = Sample(IdentityGen.NanpPhone);
            Assert.Contains(phones, p => p.StartsWith("+1", StringComparison.Ordinal));
            Assert.Contains(phones, p => p.StartsWith("(", StringComparison.Ordinal));
            Assert.Contains(phones, p => p.All(char.IsDigit));
        }

        [Fact]
        public void E164_numbers_are_well_formed_and_not_only_north_american()
        {
            string[] phones = Sample(IdentityGen.E164Phone);
            Assert.All(phones, p => Assert.True(IdentityFormats.IsE164(p), p));
            Assert.Contains(phones, p => p.StartsWith("+44", StringComparison.Ordinal));
            Assert.Contains(phones, p => p.StartsWith("+1", StringComparison.Ordinal));
        }

        [Fact]
        public void Fictitious_phones_stay_in_555_0100_to_0199()
            => Props.Holds(Prop.ForAll(IdentityGen.FictitiousPhone.ToArbitrary(), p =>
                p.Substring(3, 3) == "555" && int.Parse(p.Substring(6)) is >= 100 and <= 199));

        [Fact]
        public void Emails_are_plausible_with_plus_addressing_and_case_variants()
        {
            string[] emails = Sample(IdentityGen.Email, 1000);
            Assert.All(emails, e => Assert.True(IdentityFormats.IsPlausibleEmail(e), e));
            Assert.Contains(emails, e => e.Contains('+'));
            Assert.Contains(emails, e => e.Any(char.IsUpper));
            Assert.Contains(emails, e => e.EndsWith("@gmail.com", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Postal_codes_use_only_letters_canada_post_uses()
            => Props.Holds(Prop.ForAll(IdentityGen.CanadianPostalCode.ToArbitrary(), p =>
                IdentityFormats.IsValidCanadianPostalCode(p) && "DFIOQUWZ".IndexOf(p[0]) < 0 && !p.Any(c => "DFIOQU".IndexOf(c) >= 0)));

        [Fact]
        public void Sins_carry_a_valid_luhn_check_digit()
            => Props.Holds(Prop.ForAll(IdentityGen.Sin.ToArbitrary(), s => IdentityFormats.IsValidSin(s)));

        [Fact]
        public void Imeis_carry_a_valid_luhn_check_digit_and_imsis_start_with_mcc_302()
        {
            Props.Holds(Prop.ForAll(IdentityGen.Imei.ToArbitrary(), i => IdentityFormats.IsValidImei(i)));
            Props.Holds(Prop.ForAll(IdentityGen.Imsi.ToArbitrary(), i => IdentityFormats.IsValidCanadianImsi(i)));
        }

        [Fact]
        public void Macs_are_unicast_and_locally_administered()
            => Props.Holds(Prop.ForAll(IdentityGen.Mac.ToArbitrary(), m =>
                IdentityFormats.IsUnicastMac(m) && (Convert.ToByte(m.Substring(0, 2), 16) & 0x02) != 0));

        [Fact]
        public void IPv4_addresses_are_public_and_documentation_ones_stay_in_test_nets()
        {
            Props.Holds(Prop.ForAll(IdentityGen.IPv4.ToArbitrary(), s =>
            {
                byte[] b = IPAddress.Parse(s).GetAddressBytes();
                return b[0] != 10 && b[0] != 127 && !(b[0] == 192 && b[1] == 168) && !(b[0] == 172 && b[1] >= 16 && b[1] < 32) && b[0] < 224;
            }));
            Props.Holds(Prop.ForAll(IdentityGen.IPv4Documentation.ToArbitrary(), s =>
                s.StartsWith("192.0.2.", StringComparison.Ordinal) || s.StartsWith("198.51.100.", StringComparison.Ordinal) || s.StartsWith("203.0.113.", StringComparison.Ordinal)));
        }

        [Fact]
        public void IPv6_addresses_are_global_unicast_in_canonical_form()
        {
            Props.Holds(Prop.ForAll(IdentityGen.IPv6.ToArbitrary(), s =>
            {
                IPAddress a = IPAddress.Parse(s);
                return a.AddressFamily == AddressFamily.InterNetworkV6 && (a.GetAddressBytes()[0] & 0xE0) == 0x20 && a.ToString() == s;
            }));
            Props.Holds(Prop.ForAll(IdentityGen.IPv6Documentation.ToArbitrary(), s => s.StartsWith("2001:db8:", StringComparison.Ordinal)));
        }

        [Fact]
        public void Dates_of_birth_give_plausible_ages()
            => Props.Holds(Prop.ForAll(IdentityGen.DateOfBirth.ToArbitrary(), d => d.Year is > 1920 and <= 2026));

        [Fact]
        public void Timestamps_fall_inside_their_window()
        {
            var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            Props.Holds(Prop.ForAll(IdentityGen.TimestampIn(start, TimeSpan.FromDays(2)).ToArbitrary(), t => t >= start && t < start.AddDays(2)));
        }

        [Fact]
        public void Geo_points_and_towers_are_canadian()
        {
            Props.Holds(Prop.ForAll(IdentityGen.GeoPoint.ToArbitrary(), g => g.Latitude is > 41 and < 62 && g.Longitude is > -137 and < -52));
            Props.Holds(Prop.ForAll(IdentityGen.CellTowerId.ToArbitrary(), t => t.StartsWith("302-720-", StringComparison.Ordinal) && t.Split('-').Length == 4));
        }

        [Fact]
        public void Person_names_have_a_first_and_a_last_name()
            => Props.Holds(Prop.ForAll(IdentityGen.PersonName.ToArbitrary(), n => n.Split(' ').Length >= 2));

        [Theory]
        [InlineData("046454286", true)]
        [InlineData("046454287", false)]
        [InlineData("490154203237518", true)]
        public void Luhn_agrees_with_published_examples(string digits, bool valid) => Assert.Equal(valid, Luhn.IsValid(digits));

        [Theory]
        [InlineData("K1A 0B1", true)]
        [InlineData("k1a0b1", true)]
        [InlineData("D1A 0B1", false)]
        [InlineData("W1A 0B1", false)]
        [InlineData("K1A 0O1", false)]
        public void Postal_code_validation_follows_canada_post_letters(string code, bool valid)
            => Assert.Equal(valid, IdentityFormats.IsValidCanadianPostalCode(code));

        [Theory]
        [InlineData("(613) 555-0143", true)]
        [InlineData("+1 211 555 0143", false)]
        [InlineData("613-911-0143", false)]
        [InlineData("193-555-0143", false)]
        public void Nanp_validation_rejects_n11_and_codes_starting_with_0_or_1(string phone, bool valid)
            => Assert.Equal(valid, IdentityFormats.IsValidNanp(phone));
    }
}
