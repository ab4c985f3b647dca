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
    /// keeping all of it would share it raw.
    /// </remarks>
    /// <example>
    /// <code>
    /// Prefixes.KeepCharacters("k1a 0b1", 3); // "K1A"
    /// Prefixes.KeepDigits("+1 (613) 555-0100", 4); // "1613"
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
