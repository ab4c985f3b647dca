using System;
using System.Linq;
using System.Net;
using Xunit;

namespace Minimization.Runtime.Tests
{
    /// <summary>
    /// An IPv4 address carried inside an IPv6 address (IPv4-mapped, IPv4-compatible, 6to4, Teredo, NAT64, ISATAP) keeps no
    /// more bits than the IPv4 mask keeps of the same address.
    /// </summary>
    public class EmbeddedIPv4MaskingTests
    {
        private const string Client = "203.0.113.77";

        public static TheoryData<int, int> Lengths() => new TheoryData<int, int>
        {
            { 24, 48 },
            { 24, 64 },
            { 16, 64 },
            { 8, 128 },
            { 24, 128 },
            { 29, 125 },
            { 0, 128 },
        };

        [Theory]
        [MemberData(nameof(Lengths))]
        public void IPv4_mapped_addresses_are_masked_as_the_IPv4_address(int v4, int v6)
            => Assert.Equal(IpMasking.Mask(Client, v4, v6), IpMasking.Mask("::ffff:" + Client, v4, v6));

        [Theory]
        [MemberData(nameof(Lengths))]
        public void IPv4_compatible_addresses_are_masked_as_the_IPv4_address(int v4, int v6)
        {
            Assert.Equal(IpMasking.Mask(Client, v4, v6), IpMasking.Mask("::" + Client, v4, v6));
            Assert.Equal(IpMasking.Mask(Client, v4, v6), IpMasking.Mask("::cb00:714d", v4, v6));
            Assert.Equal(IpMasking.Mask(Client, v4, v6), IpMasking.Mask(IPAddress.Parse("::" + Client), v4, v6));
        }

        [Fact]
        public void The_unspecified_and_loopback_addresses_are_not_IPv4_compatible()
        {
            Assert.Equal("::/48", IpMasking.Mask("::1"));
            Assert.Equal("::/48", IpMasking.Mask("::"));
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void Six_to_four_keeps_no_more_of_its_IPv4_address_than_the_IPv4_mask(int v4, int v6)
        {
            // 2002:cb00:714d::/48 is the 6to4 site of 203.0.113.77; the IPv4 address is bits 16 to 47.
            string masked = IpMasking.Mask("2002:cb00:714d:1234::1", v4, v6)!;
            AssertEmbeddedKeepsNoMore(masked, firstBit: 16, v4);
            Assert.Equal(Math.Min(v6, 16 + v4), PrefixLength(masked));
        }

        [Theory]
        [InlineData("2002:cb00:714d::1", "2002:cb00:7100::/40")]
        [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:0:4136::/48")]
        [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
        [InlineData("::203.0.113.77", "203.0.113.0/24")]
        [InlineData("64:ff9b:1:cb00:71:4d00::", "64:ff9b:1::/48")]
        public void Documented_examples_at_the_default_lengths(string address, string expected)
            => Assert.Equal(expected, IpMasking.Mask(address));

        [Theory]
        [MemberData(nameof(Lengths))]
        public void Teredo_keeps_no_more_of_the_server_and_nothing_of_the_client(int v4, int v6)
        {
            // RFC 4380 example: server 65.54.227.120, client 192.0.2.45 (obfuscated in the last 32 bits).
            string masked = IpMasking.Mask("2001:0000:4136:e378:8000:63bf:3fff:fdd2", v4, v6)!;
            AssertEmbeddedKeepsNoMore(masked, firstBit: 32, v4);
            byte[] network = Network(masked);
            Assert.All(network.Skip(8), b => Assert.Equal(0, b));
            Assert.Equal(Math.Min(v6, 32 + v4), PrefixLength(masked));
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void NAT64_keeps_no_more_of_its_IPv4_address_than_the_IPv4_mask(int v4, int v6)
        {
            AssertEmbeddedKeepsNoMore(IpMasking.Mask("64:ff9b::" + Client, v4, v6)!, firstBit: 96, v4);
            Assert.True(PrefixLength(IpMasking.Mask("64:ff9b:1:cb00:71:4d00::", v4, v6)!) <= 48);
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void ISATAP_keeps_no_more_of_its_IPv4_address_than_the_IPv4_mask(int v4, int v6)
        {
            AssertEmbeddedKeepsNoMore(IpMasking.Mask("2001:db8:1:2:0:5efe:" + Client, v4, v6)!, firstBit: 96, v4);
            AssertEmbeddedKeepsNoMore(IpMasking.Mask("fe80::200:5efe:" + Client, v4, v6)!, firstBit: 96, v4);
        }

        [Fact]
        public void Other_IPv6_addresses_keep_their_IPv6_prefix_length()
        {
            Assert.Equal("2001:db8:1234:5678::/64", IpMasking.Mask("2001:db8:1234:5678:5efe:0:cb00:714d", 24, 64));
            Assert.Equal("2001:db8:1234::/48", IpMasking.Mask("2001:db8:1234:5678::1"));
        }

        /// <summary>The 32 bits at <paramref name="firstBit"/> of the masked network, as an IPv4 address, equal the IPv4 mask's network or keep less.</summary>
        private static void AssertEmbeddedKeepsNoMore(string masked, int firstBit, int v4)
        {
            byte[] network = Network(masked);
            uint embedded = 0;
            for (int i = 0; i < 32; i++)
            {
                int bit = firstBit + i;
                embedded = (embedded << 1) | (uint)((network[bit / 8] >> (7 - (bit % 8))) & 1);
            }

            uint ipv4Mask = v4 == 0 ? 0 : uint.MaxValue << (32 - v4);
            Assert.True((embedded & ~ipv4Mask) == 0, masked + " keeps more than /" + v4 + " of the embedded IPv4 address");
            uint client = BitConverter.ToUInt32(IPAddress.Parse(Client).GetAddressBytes().Reverse().ToArray(), 0);
            if (firstBit == 96 || firstBit == 16)
            {
                Assert.Equal(0u, embedded & ~(client & ipv4Mask));
            }
        }

        private static byte[] Network(string cidr) => IPAddress.Parse(cidr.Substring(0, cidr.IndexOf('/'))).GetAddressBytes();

        private static int PrefixLength(string cidr) => int.Parse(cidr.Substring(cidr.IndexOf('/') + 1), System.Globalization.CultureInfo.InvariantCulture);
    }
}
