using System;
using System.Security.Cryptography;
using System.Text;

namespace Minimization.Runtime
{
    /// <summary>
    /// Keyed pseudonyms: the HMAC-SHA-256 of the normalized value under a secret key, written as 32 lower-case hex digits
    /// (the first 128 bits). Without the key the token cannot be recomputed, so enumerating every phone number does not
    /// reverse it; with different keys per partner, tokens cannot be joined across partners.
    /// </summary>
    /// <remarks>The minimizing helpers of this package are marked <see cref="MinimizerAttribute"/>, so MIN001 treats their results as clean. Thread-safe. The category is part of the hashed input, so the same digits as a phone number and as an IMSI give different tokens.</remarks>
    /// <example>
    /// <code>
    /// var p = new Pseudonymizer(key32Bytes);
    /// string? token = p.Pseudonymize("+1 613 555 0100", IdentityCategory.Phone);
    /// </code>
    /// </example>
    public sealed class Pseudonymizer
    {
        private readonly byte[] _key;

        /// <summary>Creates a pseudonymizer.</summary>
        /// <param name="key">The secret key, at least 32 bytes; it is copied.</param>
        /// <exception cref="ArgumentException">The key is shorter than 32 bytes.</exception>
        public Pseudonymizer(byte[] key)
        {
            KeyMaterial.EnsureLongEnough(key, nameof(key));
            _key = (byte[])key.Clone();
        }

        /// <summary>The length of every token, in characters.</summary>
        public const int TokenLength = 32;

        /// <summary>Pseudonymizes one value.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category; it selects the normalization and separates token spaces.</param>
        /// <param name="normalization">How to normalize the value first.</param>
        /// <returns>A 32-character token, or <see langword="null"/> when the value is null, empty or normalizes to nothing; never the raw value.</returns>
        [Minimizer]
        public string? Pseudonymize(string? value, string? category = null, PseudonymNormalization normalization = PseudonymNormalization.Auto)
        {
            string? normalized = IdentifierNormalization.Normalize(value, category, normalization);
            if (normalized is null)
            {
                return null;
            }

            string input = (category ?? string.Empty) + "\u001F" + normalized;
            byte[] mac;
            using (var hmac = new HMACSHA256(_key))
            {
                mac = hmac.ComputeHash(Encoding.UTF8.GetBytes(input));
            }

            var builder = new StringBuilder(TokenLength);
            for (int i = 0; i < TokenLength / 2; i++)
            {
                builder.Append(mac[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}
