using System.Linq;
using Xunit;

namespace Minimization.Runtime.Tests
{
    /// <summary>
    /// One phone number written in any notation is normalized before it is generalized or pseudonymized: NANP numbers to
    /// their 10-digit national number, numbers written internationally (+ or 00) to their E.164 digits.
    /// </summary>
    public class PhoneNotationTests
    {
        private static readonly string[] OneNanpNumber =
        {
            "+1 819 555 0178",
            "+1 (819) 555-0178",
            "+1.819.555.0178",
            "+18195550178",
            "1-819-555-0178",
            "1 (819) 555-0178",
            "(819) 555-0178",
            "819.555.0178",
            "819-555-0178",
            "819 555 0178",
            " 8195550178 ",
            "001 819 555 0178",
            "[819] 555/0178",
        };

        private static readonly string[] OneLondonNumberWrittenInternationally =
        {
            "+44 20 7946 0958",
            "+44 (0)20 7946 0958",
            "+44 (0) 20 7946 0958",
            "+44-20-7946-0958",
            "+44.20.7946.0958",
            "0044 20 7946 0958",
            "+442079460958",
        };

        [Fact]
        public void A_NANP_number_keeps_area_code_and_exchange_whatever_its_notation()
        {
            foreach (string notation in OneNanpNumber)
            {
                Assert.Equal("819555", Prefixes.KeepDigits(notation, 6, IdentityCategory.Phone));
                Assert.Equal("819555", Prefixes.Keep(notation, 6, PrefixUnit.Digits, IdentityCategory.Phone));
                Assert.Equal("819555", Prefixes.KeepCharacters(notation, 6, IdentityCategory.Phone));
                Assert.Equal("8195550178", IdentifierNormalization.NormalizePhone(notation));
            }
        }

        [Fact]
        public void An_international_number_keeps_its_country_code_first_whatever_its_notation()
        {
            foreach (string notation in OneLondonNumberWrittenInternationally)
            {
                Assert.Equal("442079", Prefixes.KeepDigits(notation, 6, IdentityCategory.Phone));
                Assert.Equal("442079460958", IdentifierNormalization.NormalizePhone(notation));
            }
        }

        [Fact]
        public void Without_a_country_context_a_national_notation_of_another_country_is_kept_as_written()
        {
            // 020 7946 0958 is the London number above in UK national notation; with no country context its trunk 0 cannot
            // be told from a digit of the number, so it keeps its own prefix and its own token (documented in runtime.md).
            Assert.Equal("02079460958", IdentifierNormalization.NormalizePhone("020 7946 0958"));
            Assert.Equal("020794", Prefixes.KeepDigits("020 7946 0958", 6, IdentityCategory.Phone));
            Assert.NotEqual(Prefixes.KeepDigits("+44 20 7946 0958", 6, IdentityCategory.Phone), Prefixes.KeepDigits("020 7946 0958", 6, IdentityCategory.Phone));
        }

        [Fact]
        public void Pseudonyms_use_the_same_rule_so_every_notation_gives_one_token()
        {
            var p = new Pseudonymizer(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
            Assert.Single(OneNanpNumber.Select(n => p.Pseudonymize(n, IdentityCategory.Phone)).Distinct());
            Assert.Single(OneLondonNumberWrittenInternationally.Select(n => p.Pseudonymize(n, IdentityCategory.Phone)).Distinct());
            Assert.NotEqual(p.Pseudonymize(OneNanpNumber[0], IdentityCategory.Phone), p.Pseudonymize(OneLondonNumberWrittenInternationally[0], IdentityCategory.Phone));
        }

        [Theory]
        [InlineData(null, null)]
        [InlineData("", null)]
        [InlineData("no digits", null)]
        [InlineData("+", null)]
        [InlineData("00", null)]
        [InlineData("555-0100", "5550100")]
        [InlineData("+7 495 123-45-67", "74951234567")]
        [InlineData("+33 (0)1 23 45 67 89", "33123456789")]
        [InlineData("(0)20 7946 0958", "02079460958")]
        public void Edge_cases_are_documented_values(string? raw, string? expected)
            => Assert.Equal(expected, IdentifierNormalization.NormalizePhone(raw));

        [Fact]
        public void Prefixes_without_a_category_still_count_the_value_as_written()
        {
            Assert.Equal("1613", Prefixes.KeepDigits("+1 (613) 555-0100", 4));
            Assert.Equal("1613", Prefixes.KeepDigits("+1 (613) 555-0100", 4, null));
            Assert.Equal("K1A", Prefixes.KeepCharacters("k1a 0b1", 3, IdentityCategory.PostalCode));
        }

        [Fact]
        public void A_phone_prefix_as_long_as_the_normalized_number_gives_null()
        {
            Assert.Null(Prefixes.KeepDigits("+1 819 555 0178", 10, IdentityCategory.Phone));
            Assert.Equal("819555017", Prefixes.KeepDigits("+1 819 555 0178", 9, IdentityCategory.Phone));
        }
    }
}
