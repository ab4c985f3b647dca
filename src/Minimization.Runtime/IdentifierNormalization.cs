using System;
using System.Net;
using System.Text;

namespace Minimization.Runtime
{
    /// <summary>
    /// Brings one identifier written different ways to one form before it is pseudonymized, so that
    /// <c>"+1 (613) 555-0100"</c> and <c>"613.555.0100"</c> give the same token.
    /// </summary>
    /// <example>
    /// <code>
    /// string? n = IdentifierNormalization.Normalize(" Ann@Example.COM ", IdentityCategory.Email, PseudonymNormalization.Auto);
    /// // n == "ann@example.com"
    /// </code>
    /// </example>
    public static class IdentifierNormalization
    {
        /// <summary>Normalizes <paramref name="value"/>; see <see cref="PseudonymNormalization"/> for what each mode does.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category (<see cref="IdentityCategory"/>), used by <see cref="PseudonymNormalization.Auto"/>.</param>
        /// <param name="mode">The normalization.</param>
        /// <returns>The normalized value, or <see langword="null"/> when nothing significant is left (null, empty, a phone number without digits).</returns>
        public static string? Normalize(string? value, string? category, PseudonymNormalization mode)
        {
            if (value is null)
            {
                return null;
            }

            string? result;
            switch (mode)
            {
                case PseudonymNormalization.None:
                    result = value;
                    break;
                case PseudonymNormalization.Trim:
                    result = value.Trim();
                    break;
                case PseudonymNormalization.CaseInsensitive:
                    result = value.Trim().ToLowerInvariant();
                    break;
                case PseudonymNormalization.Digits:
                    result = DigitsOnly(value);
                    break;
                default:
                    result = ByCategory(value, category);
                    break;
            }

            return string.IsNullOrEmpty(result) || result!.Trim().Length == 0 ? null : result;
        }

        /// <summary>The decimal digits of <paramref name="value"/> in order, or an empty string.</summary>
        /// <param name="value">Any text.</param>
        /// <returns>The digits.</returns>
        public static string DigitsOnly(string? value)
        {
            if (value is null)
            {
                return string.Empty;
            }

            var builder = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                if (c >= '0' && c <= '9')
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// Brings a phone number written in any notation to one string of digits, the form that is pseudonymized and whose
        /// prefix <see cref="Prefixes"/> keeps for the <c>phone</c> category. Spaces, dots, dashes, slashes and brackets are
        /// ignored. A number written internationally (a leading <c>+</c> or <c>00</c>) becomes its E.164 digits, country
        /// code first, with a <c>(0)</c> trunk prefix written after the country code dropped (<c>"+44 (0)20 7946 0958"</c>
        /// → <c>"442079460958"</c>). A North American (NANP, country code 1) number becomes its 10-digit national number,
        /// whether it is written <c>"+1 819 555 0178"</c>, <c>"1-819-555-0178"</c>, <c>"(819) 555-0178"</c> or
        /// <c>"819.555.0178"</c> (all give <c>"8195550178"</c>).
        /// </summary>
        /// <remarks>
        /// There is no country context: a number written in the national notation of another country keeps its digits as
        /// written, trunk prefix included (<c>"020 7946 0958"</c> → <c>"02079460958"</c>), so it does not meet its
        /// international form (<c>"442079460958"</c>). Ten digits, and eleven starting with 1, are read as NANP.
        /// </remarks>
        /// <param name="value">The raw phone number.</param>
        /// <returns>The digits, or <see langword="null"/> when there are none.</returns>
        public static string? NormalizePhone(string? value)
        {
            if (value is null)
            {
                return null;
            }

            string text = value.Trim();
            bool international = text.Length > 0 && text[0] == '+';
            var digits = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= '0' && c <= '9')
                {
                    digits.Append(c);
                    if (!international && digits.Length == 2 && digits[0] == '0' && digits[1] == '0')
                    {
                        // "0044 20 …": 00 is the international call prefix of most of the world, the same as "+".
                        digits.Clear();
                        international = true;
                    }
                }
                else if (c == '(' && international && digits.Length > 0 && IsTrunkZero(text, i, out int close))
                {
                    // "+44 (0)20 …": the 0 is dialled only inside the country; the E.164 number has none there.
                    i = close;
                }
            }

            return Finish(digits.ToString());
        }

        private static string? Finish(string digits)
        {
            if (digits.Length == 0)
            {
                return null;
            }

            // NANP numbers are written with and without the country code 1; one number, one form: the national number.
            return digits.Length == 11 && digits[0] == '1' ? digits.Substring(1) : digits;
        }

        private static bool IsTrunkZero(string text, int open, out int close)
        {
            close = open;
            int i = open + 1;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i >= text.Length || text[i] != '0')
            {
                return false;
            }

            i++;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i >= text.Length || text[i] != ')')
            {
                return false;
            }

            close = i;
            return true;
        }

        private static string ByCategory(string value, string? category)
        {
            switch (category)
            {
                case IdentityCategory.Phone:
                    return NormalizePhone(value) ?? string.Empty;
                case IdentityCategory.Sin:
                case IdentityCategory.Imei:
                case IdentityCategory.Imsi:
                    return DigitsOnly(value);
                case IdentityCategory.Email:
                    return value.Trim().ToLowerInvariant();
                case IdentityCategory.Mac:
                    var hex = new StringBuilder(12);
                    foreach (char c in value)
                    {
                        if (Uri.IsHexDigit(c))
                        {
                            hex.Append(char.ToLowerInvariant(c));
                        }
                    }

                    return hex.ToString();
                case IdentityCategory.IpAddress:
                    string trimmed = value.Trim();
                    return IPAddress.TryParse(trimmed, out IPAddress? parsed) ? parsed.ToString() : trimmed;
                default:
                    return value.Trim();
            }
        }
    }
}
