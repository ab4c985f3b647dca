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

        private static string ByCategory(string value, string? category)
        {
            switch (category)
            {
                case IdentityCategory.Phone:
                    string digits = DigitsOnly(value);
                    // NANP numbers are written with and without the country code; one person, one token.
                    return digits.Length == 11 && digits[0] == '1' ? digits.Substring(1) : digits;
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
