using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Minimization.Runtime
{
    /// <summary>
    /// Keeps the network part of an IP address and writes it in CIDR form: <c>203.0.113.77</c> → <c>203.0.113.0/24</c>,
    /// <c>2001:db8:1234:5678::1</c> → <c>2001:db8:1234::/48</c>. An IPv4-mapped IPv6 address is masked as IPv4.
    /// </summary>
    /// <remarks>
    /// IPv4 text must be four dotted decimal numbers 0–255 (no shorthand such as <c>"10.1"</c>); IPv6 text follows RFC 4291,
    /// and a zone (<c>%eth0</c>) is dropped. Anything else, null or empty gives <see langword="null"/>.
    /// </remarks>
    /// <example>
    /// <code>
    /// IpMasking.Mask("198.51.100.23");          // "198.51.100.0/24"
    /// IpMasking.Mask("198.51.100.23", 16, 48);  // "198.51.0.0/16"
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

            if (address.IsIPv4MappedToIPv6)
            {
                return MaskBytes(address.MapToIPv4().GetAddressBytes(), ipv4PrefixLength);
            }

            return MaskBytes(address.GetAddressBytes(), ipv6PrefixLength);
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
