using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Minimization.Testing.Checks;
using Xunit;

namespace Minimization.Testing.Tests.Checks
{
    public class SurvivalSearchTests
    {
        public sealed record Out(string Field, string? Other = null, byte[]? Blob = null, List<string>? Tags = null, long Number = 0);

        private static string? Find(string category, object value, object output)
        {
            Identifier id = IdentifierVariants.Create(category, "In.Member", value)!;
            Hit? hit = SurvivalSearch.Find(id, SurvivalSearch.Haystacks(ObjectGraph.Leaves(output)));
            return hit.HasValue ? hit.Value.How + " in " + hit.Value.Path : null;
        }

        private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

        private static string Hex(string s) => Convert.ToHexString(Encoding.UTF8.GetBytes(s));

        [Theory]
        [InlineData("(202) 555-0143", "2025550143")]
        [InlineData("202-555-0143", "+12025550143")]
        [InlineData("+1 202 555 0143", "tel:202.555.0143;ext=1")]
        [InlineData("2025550143", "call from 1-202-555-0143 ended")]
        public void A_phone_survives_in_any_notation(string input, string field)
            => Assert.Equal("as its digits in Out.Field", Find(IdentityCategory.Phone, input, new Out(field)));

        [Fact]
        public void A_phone_survives_as_base64_inside_a_longer_payload()
            => Assert.Equal("as Base64 in Out.Field", Find(IdentityCategory.Phone, "2025550143", new Out(B64("{\"caller\":\"+12025550143\",\"v\":1}"))));

        [Fact]
        public void A_phone_survives_as_hex()
            => Assert.NotNull(Find(IdentityCategory.Phone, "2025550143", new Out("x" + Hex("2025550143"))));

        [Fact]
        public void A_phone_survives_in_a_byte_array_a_collection_or_a_number()
        {
            Assert.Equal("as raw bytes in Out.Blob", Find(IdentityCategory.Phone, "2025550143", new Out("", Blob: Encoding.UTF8.GetBytes("2025550143"))));
            Assert.Equal("as its digits in Out.Tags[1]", Find(IdentityCategory.Phone, "2025550143", new Out("", Tags: new List<string> { "a", "2025550143" })));
            Assert.Equal("as its digits in Out.Number", Find(IdentityCategory.Phone, "2025550143", new Out("", Number: 12025550143)));
        }

        private static string? FindPart(string category, object value, object output)
        {
            Identifier id = IdentifierVariants.Create(category, "In.Member", value)!;
            List<Haystack> hay = SurvivalSearch.Haystacks(ObjectGraph.Leaves(output));
            foreach (Part part in id.Parts)
            {
                if (SurvivalSearch.FindPart(part, hay).HasValue)
                {
                    return part.Kind;
                }
            }

            return null;
        }

        [Fact]
        public void An_email_survives_lower_cased_and_its_local_part_is_a_part()
        {
            Assert.Equal("as the lower-cased address in Out.Field", Find(IdentityCategory.Email, "Ana.Silva+news@Example.org", new Out("ana.silva+news@example.org")));
            Assert.Null(Find(IdentityCategory.Email, "Ana.Silva+news@Example.org", new Out("user=ana.silva")));
            Assert.Equal("its local part (without the domain)", FindPart(IdentityCategory.Email, "Ana.Silva+news@Example.org", new Out("user=ana.silva")));
            Assert.Null(FindPart(IdentityCategory.Email, "Ana.Silva+news@Example.org", new Out("user=ana.silvana")));
        }

        [Theory]
        [InlineData("613-402-0187", "613-402-018", "its first 9 digits")]
        [InlineData("613-402-0187", "613402018|K1A", "its first 9 digits")]
        [InlineData("613-402-0187", "xxx-402-0187", "its last 7 digits")]
        public void A_phone_kept_but_for_a_digit_or_three_is_a_part(string phone, string output, string kind)
            => Assert.Equal(kind, FindPart(IdentityCategory.Phone, phone, new Out(output)));

        [Theory]
        [InlineData("302720013134247", "013134247", "its last 9 digits")]
        [InlineData("302720013134247", "msin 2720013134247", "its last 13 digits")]
        [InlineData("302720013134247", "30272001", "its first 8 digits")]
        [InlineData("AC38524955", "acct ***8524955", "its last 7 digits")]
        public void A_long_identifier_kept_but_for_its_network_code_or_a_few_digits_is_a_part(string value, string output, string kind)
            => Assert.Equal(kind, FindPart(value.StartsWith("AC", StringComparison.Ordinal) ? IdentityCategory.AccountId : IdentityCategory.Imsi, value, new Out(output)));

        [Theory]
        [InlineData("2025550143", "3410555202")]
        [InlineData("+1 (202) 555-0143", "token=3410-555-202")]
        public void A_phone_written_backwards_survives_reversed(string phone, string output)
            => Assert.Equal("reversed in Out.Field", Find(IdentityCategory.Phone, phone, new Out(output)));

        [Fact]
        public void An_email_written_backwards_survives_reversed()
            => Assert.Equal("reversed in Out.Field", Find(IdentityCategory.Email, "Ana.Silva@Example.org", new Out("gro.elpmaxe@avlis.ana")));

        [Theory]
        [InlineData("ana.silva%40example.org")]
        [InlineData("https://partner.example/u?mail=Ana.Silva%40Example.org&plan=2")]
        [InlineData("ana%2Esilva%40example%2Eorg")]
        public void A_url_encoded_email_survives_url_encoded(string output)
            => Assert.Equal("URL-encoded in Out.Field", Find(IdentityCategory.Email, "ana.silva@example.org", new Out(output)));

        [Fact]
        public void An_email_in_json_a_minimizer_serialized_survives_its_escapes()
        {
            string json = System.Text.Json.JsonSerializer.Serialize(new { owner = new { mail = "ana.silva+news@example.org" } });
            Assert.Contains("\\u002B", json, StringComparison.Ordinal);
            Assert.Equal("JSON-escaped in Out.Field", Find(IdentityCategory.Email, "Ana.Silva+news@Example.org", new Out(json)));
            Assert.Equal("ana.silva+news \\u12", SurvivalSearch.JsonUnescaped("ana.silva\\u002Bnews \\u12"));
        }

        [Fact]
        public void A_url_encoded_name_survives_and_a_lone_percent_sign_is_harmless()
        {
            Assert.NotNull(Find(IdentityCategory.Name, "Zoë Tremblay", new Out("name=Zo%C3%AB%20Tremblay")));
            Assert.Null(Find(IdentityCategory.Email, "ana.silva@example.org", new Out("100% of ana.silva%zz")));
        }

        [Theory]
        [InlineData("613-402-0187", "613-402")]
        [InlineData("613-402-0187", "613402")]
        [InlineData("613-402-0187", "61340201899")]
        public void Too_few_digits_or_other_digits_are_not_a_part(string phone, string output)
            => Assert.Null(FindPart(IdentityCategory.Phone, phone, new Out(output)));

        [Theory]
        [InlineData("203.0.113.57", "203.0.113.0/24", "its /24 (all but the last octet)")]
        [InlineData("203.0.113.57", "203.0.113.x", "its /24 (all but the last octet)")]
        [InlineData("2001:db8:85a3:1234:5678:9abc:def0:1", "2001:db8:85a3:1234::/64", "its /64 prefix")]
        public void An_address_prefix_that_keeps_a_household_is_a_part(string ip, string output, string kind)
            => Assert.Equal(kind, FindPart(IdentityCategory.IpAddress, ip, new Out(output)));

        [Theory]
        [InlineData("203.0.113.57", "203.0.11")]
        [InlineData("203.0.113.57", "1203.0.113.0")]
        [InlineData("2001:db8:85a3:1234:5678:9abc:def0:1", "2001:db8:85a3::/48")]
        public void A_coarser_prefix_is_not_a_part(string ip, string output)
            => Assert.Null(FindPart(IdentityCategory.IpAddress, ip, new Out(output)));

        [Fact]
        public void An_ip_survives_in_another_notation()
        {
            Assert.Equal("as a 32-bit integer in Out.Field", Find(IdentityCategory.IpAddress, "203.0.113.7", new Out("ip=3405803783")));
            Assert.Equal("in hex in Out.Field", Find(IdentityCategory.IpAddress, "203.0.113.7", new Out("0xCB007107")));
            Assert.NotNull(Find(IdentityCategory.IpAddress, "2001:db8::1", new Out("2001:0db8:0000:0000:0000:0000:0000:0001")));
            Assert.NotNull(Find(IdentityCategory.IpAddress, IPAddress.Parse("203.0.113.7"), new Out("::ffff:203.0.113.7")));
        }

        [Fact]
        public void An_ip_inside_another_address_is_not_a_hit()
            => Assert.Null(Find(IdentityCategory.IpAddress, "3.0.113.7", new Out("203.0.113.70")));

        [Fact]
        public void A_mac_a_sin_and_a_full_date_of_birth_survive_whatever_their_separators()
        {
            Assert.NotNull(Find(IdentityCategory.Mac, "02:1a:2b:3c:4d:5e", new Out("021A.2B3C.4D5E")));
            Assert.NotNull(Find(IdentityCategory.Sin, "046 454 286", new Out("sin:046-454-286")));
            Assert.NotNull(Find(IdentityCategory.DateOfBirth, new DateOnly(1984, 3, 7), new Out("07/03/1984")));
            Assert.NotNull(Find(IdentityCategory.Name, "Ana Silva", new Out("SILVA, Ana")));
        }

        [Fact]
        public void Coarse_prefixes_and_keyed_tokens_are_not_hits()
        {
            Assert.Null(Find(IdentityCategory.PostalCode, "K1A 0B1", new Out("K1A")));
            Assert.Null(Find(IdentityCategory.DateOfBirth, new DateOnly(1984, 3, 7), new Out("1984")));
            Assert.Null(Find(IdentityCategory.Phone, "2025550143", new Out("202555")));
            string token = Convert.ToHexString(HMACSHA256.HashData(new byte[32], Encoding.UTF8.GetBytes("2025550143")));
            Assert.Null(Find(IdentityCategory.Phone, "2025550143", new Out(token, Convert.ToBase64String(Convert.FromHexString(token)))));
        }
    }
}
