using System;
using System.Text;

namespace Minimization.Runtime
{
    /// <summary>
    /// Keeps the first characters or digits of a value: the forward sortation area of a postal code, the area code and
    /// exchange of a phone number.
    /// </summary>
    /// <remarks>
    /// A value with no more significant characters than asked for (including null and empty) gives <see langword="null"/>:
    /// keeping all of it would share it raw. The overloads that take an identity category normalize first, so that one
    /// phone number written two ways keeps one prefix; the ones without count the value as written.
    /// </remarks>
    /// <example>
    /// <code>
    /// Prefixes.KeepCharacters("k1a 0b1", 3); // "K1A"
    /// Prefixes.KeepDigits("+1 (613) 555-0100", 4); // "1613": as written
    /// Prefixes.KeepDigits("+1 (613) 555-0100", 6, IdentityCategory.Phone); // "613555": area code and exchange
    /// </code>
    /// </example>
    public static class Prefixes
    {
        /// <summary>Keeps a prefix counted in <paramref name="unit"/>.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="length">How many to keep; at least 1.</param>
        /// <param name="unit">Characters (letters and digits) or digits.</param>
        /// <returns>The prefix, or <see langword="null"/> when the value is too short.</returns>
        [Minimizer]
        public static string? Keep(string? value, int length, PrefixUnit unit)
            => unit == PrefixUnit.Digits ? KeepDigits(value, length) : KeepCharacters(value, length);

        /// <summary>Keeps the first <paramref name="length"/> letters and digits, upper-cased; spaces, dashes and other separators are skipped.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="length">How many to keep; at least 1.</param>
        /// <returns>The prefix, or <see langword="null"/> when the value has <paramref name="length"/> or fewer letters and digits.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
        [Minimizer]
        public static string? KeepCharacters(string? value, int length) => KeepWhere(value, length, char.IsLetterOrDigit, upper: true);

        /// <summary>Keeps the first <paramref name="length"/> decimal digits; everything else is skipped.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="length">How many to keep; at least 1.</param>
        /// <returns>The prefix, or <see langword="null"/> when the value has <paramref name="length"/> or fewer digits.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
        [Minimizer]
        public static string? KeepDigits(string? value, int length) => KeepWhere(value, length, c => c >= '0' && c <= '9', upper: false);

        /// <summary>
        /// Keeps a prefix counted in <paramref name="unit"/>, after bringing the value to the one form of its identity
        /// category: a <c>phone</c> number is normalized by <see cref="IdentifierNormalization.NormalizePhone"/> first, so
        /// <c>"+1 819 555 0178"</c> and <c>"819-555-0178"</c> keep the same prefix (<c>"819555"</c> for 6 digits). Other
        /// categories, and <see langword="null"/>, count the value as written.
        /// </summary>
        /// <param name="value">The raw value.</param>
        /// <param name="length">How many to keep; at least 1.</param>
        /// <param name="unit">Characters (letters and digits) or digits.</param>
        /// <param name="category">The identity category (<see cref="IdentityCategory"/>), or <see langword="null"/>.</param>
        /// <returns>The prefix, or <see langword="null"/> when the normalized value is too short.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
        [Minimizer]
        public static string? Keep(string? value, int length, PrefixUnit unit, string? category)
            => unit == PrefixUnit.Digits ? KeepDigits(value, length, category) : KeepCharacters(value, length, category);

        /// <summary>Keeps the first <paramref name="length"/> letters and digits, upper-cased, of the value normalized for <paramref name="category"/> (see <see cref="Keep(string, int, PrefixUnit, string)"/>).</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="length">How many to keep; at least 1.</param>
        /// <param name="category">The identity category (<see cref="IdentityCategory"/>), or <see langword="null"/>.</param>
        /// <returns>The prefix, or <see langword="null"/> when the normalized value has <paramref name="length"/> or fewer letters and digits.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
        [Minimizer]
        public static string? KeepCharacters(string? value, int length, string? category)
            => KeepCharacters(Normalize(value, category, length), length);

        /// <summary>Keeps the first <paramref name="length"/> decimal digits of the value normalized for <paramref name="category"/> (see <see cref="Keep(string, int, PrefixUnit, string)"/>).</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="length">How many to keep; at least 1.</param>
        /// <param name="category">The identity category (<see cref="IdentityCategory"/>), or <see langword="null"/>.</param>
        /// <returns>The prefix, or <see langword="null"/> when the normalized value has <paramref name="length"/> or fewer digits.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
        [Minimizer]
        public static string? KeepDigits(string? value, int length, string? category)
            => KeepDigits(Normalize(value, category, length), length);

        private static string? Normalize(string? value, string? category, int length)
        {
            if (length < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "A prefix keeps at least one character.");
            }

            return string.Equals(category, IdentityCategory.Phone, StringComparison.Ordinal) ? IdentifierNormalization.NormalizePhone(value) : value;
        }

        private static string? KeepWhere(string? value, int length, Func<char, bool> significant, bool upper)
        {
            if (length < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "A prefix keeps at least one character.");
            }

            if (value is null)
            {
                return null;
            }

            // Not 'length': a prefix longer than any value must not allocate for it.
            var kept = new StringBuilder(Math.Min(length, 32));
            int count = 0;
            foreach (char c in value)
            {
                if (!significant(c))
                {
                    continue;
                }

                count++;
                if (count <= length)
                {
                    kept.Append(upper ? char.ToUpperInvariant(c) : c);
                }
                else
                {
                    return kept.ToString();
                }
            }

            return null;
        }
    }
}
