using System;

namespace Minimization.Testing.Generators
{
    /// <summary>
    /// The Luhn (mod 10) check digit used by Canadian social insurance numbers and IMEIs.
    /// </summary>
    /// <example>
    /// <code>
    /// char check = Luhn.CheckDigit("04645428");   // '6'
    /// bool ok = Luhn.IsValid("046454286");        // true
    /// </code>
    /// </example>
    public static class Luhn
    {
        /// <summary>The check digit to append to <paramref name="digits"/> (which must hold only ASCII digits).</summary>
        /// <param name="digits">The payload, without its check digit.</param>
        /// <returns>The digit that makes the payload plus it pass <see cref="IsValid"/>.</returns>
        public static char CheckDigit(ReadOnlySpan<char> digits)
        {
            int sum = 0;
            bool doubleIt = true;
            for (int i = digits.Length - 1; i >= 0; i--)
            {
                int d = digits[i] - '0';
                if (d < 0 || d > 9)
                {
                    throw new ArgumentException("Only ASCII digits are allowed.", nameof(digits));
                }

                if (doubleIt)
                {
                    d *= 2;
                    if (d > 9)
                    {
                        d -= 9;
                    }
                }

                sum += d;
                doubleIt = !doubleIt;
            }

            return (char)('0' + ((10 - (sum % 10)) % 10));
        }

        /// <summary>Whether <paramref name="digits"/> (check digit last, digits only) passes the Luhn check.</summary>
        /// <param name="digits">The full number including its check digit.</param>
        /// <returns><see langword="true"/> when the last digit is the Luhn check digit of the rest.</returns>
        public static bool IsValid(ReadOnlySpan<char> digits)
        {
            if (digits.Length < 2)
            {
                return false;
            }

            foreach (char c in digits)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return CheckDigit(digits.Slice(0, digits.Length - 1)) == digits[digits.Length - 1];
        }
    }
}
