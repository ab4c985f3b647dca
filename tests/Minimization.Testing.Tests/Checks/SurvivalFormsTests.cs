using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Minimization.Testing.Checks;
using Xunit;

namespace Minimization.Testing.Tests.Checks
{
    /// <summary>
    /// Survival's faster steps (harness round 4) give what the straightforward way gives: encoded forms written into stack
    /// buffers, a category's normal-form kind resolved once per member, and haystacks of tokens made afresh instead of kept.
    /// </summary>
    public class SurvivalFormsTests
    {
        private static readonly string[] Whats = { "digits", "E.164 form", "address", "name", "postal code", "date", "value", "anything else" };

        public static IEnumerable<object[]> Texts()
        {
            foreach (string text in new[]
            {
                "2025550143", "+12025550143", "jane.doe@example.com", "Jane.Doe+news@Example.COM", "Zoë O'Brien-Smith", "K1A 0B1",
                "203.0.113.7", "2001:db8::1", "1984-02-29", "abc", "abcdef", "abcdefg", string.Empty, "日本語の名前", "\ud83d\ude00 emoji",
                new string('x', 300), new string('é', 200), "lone \ud800 surrogate",
            })
            {
                yield return new object[] { text };
            }

            // Random texts of 1 to 89 characters, ASCII and not, from a fixed seed.
            var random = new Random(20261206);
            for (int k = 0; k < 60; k++)
            {
                var chars = new char[random.Next(1, 90)];
                for (int c = 0; c < chars.Length; c++)
                {
                    chars[c] = random.Next(4) == 0 ? (char)random.Next(0x80, 0x3000) : (char)random.Next(0x20, 0x7F);
                }

                yield return new object[] { new string(chars) };
            }
        }

        /// <summary>The forms as they were made before: UTF-8 bytes, upper-case hex compacted, Base64 trimmed of padding and its last character.</summary>
        private static List<Needle> Straightforward(string text, string what)
        {
            var needles = new List<Needle>();
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            needles.Add(new Needle(Convert.ToHexString(utf8), compact: true, "as hex of its " + what));
            string b64 = Convert.ToBase64String(utf8).TrimEnd('=');
            if (b64.Length > 8)
            {
                needles.Add(new Needle(b64.Substring(0, b64.Length - 1), compact: false, "as Base64 of its " + what));
            }

            return needles;
        }

        [Theory]
        [MemberData(nameof(Texts))]
        public void Encoded_forms_written_into_buffers_equal_the_straightforward_hex_and_Base64(string text)
        {
            foreach (string what in Whats)
            {
                var fast = new List<Needle>();
                IdentifierVariants.Encoded(fast, text, what);
                List<Needle> expected = Straightforward(text, what);
                Assert.Equal(expected.Select(n => (n.Text, n.Compact, n.How, n.DigitBoundary)), fast.Select(n => (n.Text, n.Compact, n.How, n.DigitBoundary)));
            }
        }

        [Theory]
        [InlineData(IdentityCategory.Phone, "(202) 555-0143")]
        [InlineData(IdentityCategory.Phone, "1-202-555-0143")]
        [InlineData(IdentityCategory.Email, "Jane.Doe@Example.COM")]
        [InlineData(IdentityCategory.Imei, "352099001761481")]
        [InlineData(IdentityCategory.Imsi, "302720123456789")]
        [InlineData(IdentityCategory.Sin, "046-454-286")]
        [InlineData(IdentityCategory.Name, "Zoë O'Brien")]
        [InlineData(IdentityCategory.PostalCode, "k1a 0b1")]
        [InlineData(IdentityCategory.Mac, "00-1A-2B-3C-4D-5E")]
        [InlineData(IdentityCategory.AccountId, "AC-00421337")]
        [InlineData("loyalty-card", "LC-0042-7781")]
        public void A_kind_resolved_once_per_member_gives_the_normal_form_of_its_category(string category, string value)
        {
            var expected = IdentifierVariants.NormalForm(category, value);
            var destination = new char[value.Length];
            IdentifierVariants.FormResult result = IdentifierVariants.NormalForm(IdentifierVariants.KindOf(category), value, destination, out int length);
            Assert.NotNull(expected);
            Assert.Equal(expected!.Value.Compact ? IdentifierVariants.FormResult.Compact : IdentifierVariants.FormResult.Raw, result);
            Assert.Equal(expected.Value.Text, new string(destination, 0, length));
        }

        [Theory]
        [InlineData(IdentityCategory.IpAddress)]
        [InlineData(IdentityCategory.DateOfBirth)]
        public void Categories_parsed_into_an_object_resolve_to_the_parsed_kind(string category)
            => Assert.Equal(IdentifierVariants.FormKind.Parsed, IdentifierVariants.KindOf(category));

        [Theory]
        [InlineData("9F3A0BC12D4E5F60718A", true)]
        [InlineData("c2FtcGxlIHRva2Vu", true)]
        [InlineData("ab_cd-ef+gh/ij", true)]
        [InlineData("abcdefghijk", false)]
        [InlineData("2026-11-02", false)]
        [InlineData("rural", false)]
        [InlineData("abcdef ghijkl", false)]
        [InlineData("", false)]
        public void A_leaf_has_an_encoded_run_exactly_when_its_haystacks_include_a_decoded_one(string text, bool expected)
        {
            Assert.Equal(expected, SurvivalSearch.HasEncodedRun(text));
            List<Haystack> hay = SurvivalSearch.Haystacks(new List<Leaf> { new Leaf("Shared.Token", text) });
            Assert.Equal(expected, hay.Any(h => h.How.StartsWith("as ", StringComparison.Ordinal)));
        }

        [Fact]
        public void Haystacks_through_the_cache_equal_those_made_directly_and_tokens_are_not_kept()
        {
            var leaves = new List<Leaf>
            {
                new Leaf("Shared.Token", "9F3A0BC12D4E5F60718A"),
                new Leaf("Shared.Region", "rural"),
                new Leaf("Shared.Day", "2026-11-02"),
                new Leaf("Shared.Other", "c2FtcGxlIHRva2Vu"),
                new Leaf("Shared.Raw", "raw bytes", Encoding.UTF8.GetBytes("2025550143")),
            };
            var cache = new Dictionary<(string, string), Haystack[]>();
            List<Haystack> direct = SurvivalSearch.Haystacks(leaves);
            for (int round = 0; round < 2; round++)
            {
                List<Haystack> cached = SurvivalSearch.Haystacks(leaves, cache);
                Assert.Equal(direct.Select(h => (h.Path, h.Raw, h.Compact, h.How)), cached.Select(h => (h.Path, h.Raw, h.Compact, h.How)));
            }

            Assert.Equal(new[] { ("Shared.Day", "2026-11-02"), ("Shared.Region", "rural") }, cache.Keys.OrderBy(k => k.Item1));
        }
    }
}
