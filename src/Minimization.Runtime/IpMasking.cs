using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Minimization.Runtime
{
    /// <summary>
    /// Keeps the network part of an IP address and writes it in CIDR form: <c>203.0.113.77</c> → <c>203.0.113.0/24</c>,
    /// <c>2001:db8:1234:5678::1</c> → <c>2001:db8:1234::/48</c>. An IPv4 address embedded in an IPv6 address keeps no
    /// more than the IPv4 mask would keep of it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// IPv4 text must be four dotted decimal numbers 0–255 (no shorthand such as <c>"10.1"</c>); IPv6 text follows RFC 4291,
    /// and a zone (<c>%eth0</c>) is dropped. Anything else, null or empty gives <see langword="null"/>.
    /// </para>
    /// <para>
    /// An IPv4-mapped (<c>::ffff:203.0.113.77</c>) or IPv4-compatible (<c>::203.0.113.77</c>) address is the IPv4 address
    /// written as IPv6, and is masked and written as IPv4 (<c>203.0.113.0/24</c>). In 6to4 (<c>2002::/16</c>), Teredo
    /// (<c>2001:0::/32</c>), NAT64 (<c>64:ff9b::/96</c>; <c>64:ff9b:1::/48</c> is cut at /48) and ISATAP
    /// (<c>…:0:5efe:a.b.c.d</c>) addresses the IPv6 prefix length is lowered so that the embedded IPv4 address keeps at
    /// most its IPv4 prefix length: <c>2002:cb00:714d::1</c> → <c>2002:cb00:7100::/40</c> (203.0.113 of 203.0.113.77).
    /// </para>
    /// </remarks>
    /// <example>
    /// <code>
    /// IpMasking.Mask("198.51.100.23");          // "198.51.100.0/24"
    /// IpMasking.Mask("198.51.100.23", 16, 48);  // "198.51.0.0/16"
    /// IpMasking.Mask("2002:cb00:714d::1");      // "2002:cb00:7100::/40": the 6to4 IPv4 keeps its /24
    /// IpMasking.Mask("not an address");         // null
    /// </code>
    /// </example>
    public static class IpMasking
    {
        /// <summary>Masks an address given as text.</summary>
        /// <param name="address">The raw address.</param>
        /// <param name="ipv4PrefixLength">Bits kept of an IPv4 address (0–32).</param>
        /// <param name="ipv6PrefixLength">Bits kept of an IPv6 address (0–128).</param>
        /// <returns>The network in CIDR form, or <see langword="null"/> when the text is not an address.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A prefix length is out of range.</exception>
        [Minimizer]
        public static string? Mask(string? address, int ipv4PrefixLength = 24, int ipv6PrefixLength = 48)
        {
            CheckLengths(ipv4PrefixLength, ipv6PrefixLength);
            if (address is null)
            {
                return null;
            }

            string text = address.Trim();
            if (text.Length == 0)
            {
                return null;
            }

            if (text.IndexOf(':') < 0)
            {
                byte[]? v4 = ParseIPv4(text);
                return v4 is null ? null : MaskBytes(v4, ipv4PrefixLength);
            }

            return IPAddress.TryParse(text, out IPAddress? parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6
                ? Mask(parsed, ipv4PrefixLength, ipv6PrefixLength)
                : null;
        }

        /// <summary>Masks an address.</summary>
        /// <param name="address">The raw address.</param>
        /// <param name="ipv4PrefixLength">Bits kept of an IPv4 address (0–32).</param>
        /// <param name="ipv6PrefixLength">Bits kept of an IPv6 address (0–128).</param>
        /// <returns>The network in CIDR form, or <see langword="null"/> for a null address or another address family.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A prefix length is out of range.</exception>
        [Minimizer]
        public static string? Mask(IPAddress? address, int ipv4PrefixLength = 24, int ipv6PrefixLength = 48)
        {
            CheckLengths(ipv4PrefixLength, ipv6PrefixLength);
            if (address is null)
            {
                return null;
            }

            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                return MaskBytes(address.GetAddressBytes(), ipv4PrefixLength);
            }

            if (address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return null;
            }

            byte[] bytes = address.GetAddressBytes();
            if (IsIPv4AsIPv6(bytes))
            {
                // ::ffff:a.b.c.d and ::a.b.c.d are an IPv4 address written as IPv6: masked as the IPv4 address they are.
                return MaskBytes(new[] { bytes[12], bytes[13], bytes[14], bytes[15] }, ipv4PrefixLength);
            }

            return MaskBytes(bytes, Math.Min(ipv6PrefixLength, EmbeddedIPv4Limit(bytes, ipv4PrefixLength)));
        }

        /// <summary>IPv4-mapped (<c>::ffff:0:0/96</c>) or IPv4-compatible (<c>::/96</c> but <c>::</c> and <c>::1</c>).</summary>
        private static bool IsIPv4AsIPv6(byte[] b)
        {
            for (int i = 0; i < 10; i++)
            {
                if (b[i] != 0)
                {
                    return false;
                }
            }

            if (b[10] == 0xFF && b[11] == 0xFF)
            {
                return true;
            }

            return b[10] == 0 && b[11] == 0 && (b[12] | b[13] | b[14] | (b[15] & 0xFE)) != 0;
        }

        /// <summary>
        /// The most bits of an IPv6 address that may be kept without keeping more of an IPv4 address embedded in it than
        /// <paramref name="ipv4PrefixLength"/>: the embedded address starts at bit 16 in 6to4 (<c>2002::/16</c>), at bit 32
        /// (the Teredo server; the client follows at bit 96) in Teredo (<c>2001:0::/32</c>), at bit 96 in NAT64
        /// (<c>64:ff9b::/96</c>) and behind an ISATAP interface identifier (<c>…:0:5efe:a.b.c.d</c>, <c>…:200:5efe:a.b.c.d</c>).
        /// The local-use NAT64 prefix (<c>64:ff9b:1::/48</c>) places it where the operator chose, so nothing past its /48 is kept.
        /// 128 for any other address.
        /// </summary>
        private static int EmbeddedIPv4Limit(byte[] b, int ipv4PrefixLength)
        {
            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return 16 + ipv4PrefixLength;
            }

            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
            {
                return 32 + ipv4PrefixLength;
            }

            if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
            {
                bool wellKnown = true;
                for (int i = 4; i < 12; i++)
                {
                    wellKnown &= b[i] == 0;
                }

                if (wellKnown)
                {
                    return 96 + ipv4PrefixLength;
                }

                if (b[4] == 0 && b[5] == 1)
                {
                    return 48;
                }
            }

            if ((b[8] & 0xFD) == 0 && b[9] == 0 && b[10] == 0x5E && b[11] == 0xFE)
            {
                return 96 + ipv4PrefixLength;
            }

            return 128;
        }

        private static void CheckLengths(int v4, int v6)
        {
            if (v4 < 0 || v4 > 32)
            {
                throw new ArgumentOutOfRangeException(nameof(v4), v4, "An IPv4 prefix length is between 0 and 32.");
            }

            if (v6 < 0 || v6 > 128)
            {
                throw new ArgumentOutOfRangeException(nameof(v6), v6, "An IPv6 prefix length is between 0 and 128.");
            }
        }

        private static string MaskBytes(byte[] bytes, int prefixLength)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                int bitsKept = Math.Max(0, Math.Min(8, prefixLength - (i * 8)));
                bytes[i] &= (byte)(0xFF << (8 - bitsKept));
            }

            return new IPAddress(bytes).ToString() + "/" + prefixLength.ToString(CultureInfo.InvariantCulture);
        }

        private static byte[]? ParseIPv4(string text)
        {
            string[] parts = text.Split('.');
            if (parts.Length != 4)
            {
                return null;
            }

            var bytes = new byte[4];
            for (int i = 0; i < 4; i++)
            {
                string part = parts[i];
                if (part.Length == 0 || part.Length > 3)
                {
                    return null;
                }

                int value = 0;
                foreach (char c in part)
                {
                    if (c < '0' || c > '9')
                    {
                        return null;
                    }

                    value = (value * 10) + (c - '0');
                }

                if (value > 255)
                {
                    return null;
                }

                bytes[i] = (byte)value;
            }

            return bytes;
        }
    }
}
