using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Minimization.Testing.Generators
{
    /// <summary>
    /// Validation and normalisation of the identifier formats the generators produce. The self-tests use these to
    /// prove the generators realistic; the survival check uses the normalisers to find an identifier in any notation.
    /// </summary>
    /// <example>
    /// <code>
    /// IdentityFormats.IsValidNanp("(613) 555-0143");          // true
    /// IdentityFormats.NationalDigits("+1 613-555-0143");      // "6135550143"
    /// IdentityFormats.IsValidCanadianPostalCode("K1A 0B1");   // true
    /// </code>
    /// </example>
    public static class IdentityFormats
    {
        /// <summary>Letters Canada Post uses in the first position of a postal code (no D, F, I, O, Q, U, W, Z).</summary>
        public const string PostalFirstLetters = "ABCEGHJKLMNPRSTVXY";

        /// <summary>Letters Canada Post uses in the other positions (no D, F, I, O, Q, U).</summary>
        public const string PostalOtherLetters = "ABCEGHJKLMNPRSTVWXYZ";

        /// <summary>Only the ASCII digits of <paramref name="value"/>, in order.</summary>
        /// <param name="value">Any text, for example a formatted phone number.</param>
        /// <returns>The digits, or an empty string.</returns>
        public static string DigitsOnly(string value)
        {
            // One string, no builder: the survival check makes these for every identifier of its sample.
            int count = 0;
            foreach (char c in value)
            {
                count += c >= '0' && c <= '9' ? 1 : 0;
            }

            if (count == value.Length)
            {
                return value;
            }

            return string.Create(count, value, (span, text) =>
            {
                int w = 0;
                foreach (char c in text)
                {
                    if (c >= '0' && c <= '9')
                    {
                        span[w++] = c;
                    }
                }
            });
        }

        /// <summary>The ten national digits of a NANP number written in any notation (with or without +1), or <see langword="null"/>.</summary>
        /// <param name="phone">A phone number such as <c>"+1 (613) 555-0143"</c>.</param>
        /// <returns>For example <c>"6135550143"</c>.</returns>
        public static string? NationalDigits(string phone)
        {
            string digits = DigitsOnly(phone);
            if (digits.Length == 11 && digits[0] == '1')
            {
                return digits.Substring(1);
            }

            return digits.Length == 10 ? digits : null;
        }

        /// <summary>Whether <paramref name="phone"/> is a NANP number with a valid area code and exchange (NPA and NXX in [2-9]XX, no N11).</summary>
        /// <param name="phone">A phone number in any notation.</param>
        /// <returns><see langword="true"/> for a plausible NANP number.</returns>
        public static bool IsValidNanp(string phone)
        {
            string? n = NationalDigits(phone);
            return n != null && IsValidNanpCode(n, 0, area: true) && IsValidNanpCode(n, 3, area: false);
        }

        internal static bool IsValidNanpCode(string digits, int at, bool area)
        {
            char a = digits[at], b = digits[at + 1], c = digits[at + 2];
            if (a < '2' || a > '9')
            {
                return false;
            }

            if (b == '1' && c == '1')
            {
                return false;
            }

            // Area codes with 9 in the middle are reserved for expansion; 37X and 96X are reserved too.
            return !area || (b != '9' && !(a == '3' && b == '7') && !(a == '9' && b == '6'));
        }

        /// <summary>Whether <paramref name="phone"/> is in E.164 form: '+', a country code not starting with 0, at most 15 digits.</summary>
        /// <param name="phone">For example <c>"+447911123456"</c>.</param>
        /// <returns><see langword="true"/> for a well-formed E.164 string.</returns>
        public static bool IsE164(string phone)
        {
            if (phone.Length < 8 || phone.Length > 16 || phone[0] != '+' || phone[1] == '0')
            {
                return false;
            }

            for (int i = 1; i < phone.Length; i++)
            {
                if (phone[i] < '0' || phone[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether <paramref name="postalCode"/> is a Canadian postal code using only the letters Canada Post uses (<c>A1A 1A1</c>, space optional, any case).</summary>
        /// <param name="postalCode">For example <c>"K1A 0B1"</c>.</param>
        /// <returns><see langword="true"/> when every letter and digit is in its allowed set.</returns>
        public static bool IsValidCanadianPostalCode(string postalCode)
        {
            string p = postalCode.Replace(" ", string.Empty).ToUpperInvariant();
            return p.Length == 6
                && PostalFirstLetters.IndexOf(p[0]) >= 0 && char.IsDigit(p[1]) && PostalOtherLetters.IndexOf(p[2]) >= 0
                && char.IsDigit(p[3]) && PostalOtherLetters.IndexOf(p[4]) >= 0 && char.IsDigit(p[5]);
        }

        /// <summary>Whether <paramref name="sin"/> is nine digits (separators allowed) with a valid Luhn check digit.</summary>
        /// <param name="sin">For example <c>"046 454 286"</c>.</param>
        /// <returns><see langword="true"/> for a well-formed SIN.</returns>
        public static bool IsValidSin(string sin)
        {
            string d = DigitsOnly(sin);
            return d.Length == 9 && d[0] != '0' && d[0] != '8' && Luhn.IsValid(d);
        }

        /// <summary>Whether <paramref name="imei"/> is 15 digits whose last is the Luhn check digit.</summary>
        /// <param name="imei">For example <c>"353285110123456"</c> with a valid check digit.</param>
        /// <returns><see langword="true"/> for a well-formed IMEI.</returns>
        public static bool IsValidImei(string imei)
        {
            string d = DigitsOnly(imei);
            return d.Length == 15 && Luhn.IsValid(d);
        }

        /// <summary>Whether <paramref name="imsi"/> is a Canadian IMSI: MCC 302, then MNC and MSIN, 15 digits at most.</summary>
        /// <param name="imsi">For example <c>"302720123456789"</c>.</param>
        /// <returns><see langword="true"/> for a well-formed Canadian IMSI.</returns>
        public static bool IsValidCanadianImsi(string imsi)
        {
            string d = DigitsOnly(imsi);
            return d.Length >= 14 && d.Length <= 15 && d.Length == imsi.Length && d.StartsWith("302", StringComparison.Ordinal);
        }

        /// <summary>The 12 lower-case hex digits of a MAC address in any common notation, or <see langword="null"/>.</summary>
        /// <param name="mac">For example <c>"02-1A-2B-3C-4D-5E"</c> or <c>"021a.2b3c.4d5e"</c>.</param>
        /// <returns>For example <c>"021a2b3c4d5e"</c>.</returns>
        public static string? MacHex(string mac)
        {
            var sb = new StringBuilder(12);
            foreach (char c in mac)
            {
                if (Uri.IsHexDigit(c))
                {
                    sb.Append(char.ToLowerInvariant(c));
                }
                else if (c != ':' && c != '-' && c != '.' && c != ' ')
                {
                    return null;
                }
            }

            return sb.Length == 12 ? sb.ToString() : null;
        }

        /// <summary>Whether <paramref name="mac"/> is a unicast MAC address (multicast bit clear).</summary>
        /// <param name="mac">A MAC address in any common notation.</param>
        /// <returns><see langword="true"/> for a well-formed unicast MAC.</returns>
        public static bool IsUnicastMac(string mac)
        {
            string? hex = MacHex(mac);
            return hex != null && (byte.Parse(hex.Substring(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 1) == 0;
        }

        /// <summary>Parses an IPv4 or IPv6 address, tolerating brackets, a port and surrounding spaces; <see langword="null"/> when it is none.</summary>
        /// <param name="ip">For example <c>"[2001:db8::1]:443"</c> or <c>" 203.0.113.7 "</c>.</param>
        /// <returns>The address, with IPv4-mapped IPv6 addresses turned back into IPv4.</returns>
        public static IPAddress? ParseIp(string ip)
        {
            string s = ip.Trim();
            if (s.StartsWith("[", StringComparison.Ordinal))
            {
                int close = s.IndexOf(']');
                if (close > 0)
                {
                    s = s.Substring(1, close - 1);
                }
            }
            else if (s.Count(':') == 1)
            {
                s = s.Substring(0, s.IndexOf(':'));
            }

            if (!IPAddress.TryParse(s, out IPAddress? address))
            {
                return null;
            }

            return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        }

        /// <summary>Whether <paramref name="email"/> looks like an e-mail address: one '@', a non-empty local part and a dotted domain.</summary>
        /// <param name="email">For example <c>"Ana.Silva+news@example.org"</c>.</param>
        /// <returns><see langword="true"/> for a plausible address.</returns>
        public static bool IsPlausibleEmail(string email)
        {
            int at = email.IndexOf('@');
            return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith(".", StringComparison.Ordinal)
                && email.IndexOf(' ') < 0;
        }

        internal static bool IsIPv4(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork;

        private static int Count(this string s, char c)
        {
            int n = 0;
            foreach (char x in s)
            {
                if (x == c)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
