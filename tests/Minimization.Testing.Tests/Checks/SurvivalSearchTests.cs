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

        [Fact]
        public void An_email_survives_lower_cased_or_as_its_local_part()
        {
            Assert.Equal("as the lower-cased address in Out.Field", Find(IdentityCategory.Email, "Ana.Silva+news@Example.org", new Out("ana.silva+news@example.org")));
            Assert.Equal("as its local part in Out.Field", Find(IdentityCategory.Email, "Ana.Silva+news@Example.org", new Out("user=ana.silva")));
        }

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
