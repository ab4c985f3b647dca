using System;
using System.Security.Cryptography;
using System.Text;

namespace Minimization.Runtime
{
    /// <summary>Checks and derives key material.</summary>
    /// <example>
    /// <code>
    /// KeyMaterial.EnsureLongEnough(key, nameof(key)); // throws for fewer than 32 bytes
    /// </code>
    /// </example>
    public static class KeyMaterial
    {
        /// <summary>The shortest key accepted, in bytes (256 bits, the HMAC-SHA-256 block strength).</summary>
        public const int MinimumKeyLength = 32;

        /// <summary>Refuses a missing key or one shorter than <see cref="MinimumKeyLength"/> bytes.</summary>
        /// <param name="key">The key to check.</param>
        /// <param name="parameterName">The parameter name used in the exception.</param>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than 32 bytes.</exception>
        public static void EnsureLongEnough(byte[]? key, string parameterName)
        {
            if (key is null)
            {
                throw new ArgumentNullException(parameterName, "A pseudonymization key is required.");
            }

            if (key.Length < MinimumKeyLength)
            {
                throw new ArgumentException(
                    "A pseudonymization key must be at least " + MinimumKeyLength + " bytes (256 bits); this one has " + key.Length +
                    ". Generate one with System.Security.Cryptography.RandomNumberGenerator and keep it in a secret store.",
                    parameterName);
            }
        }

        /// <summary>Derives a 32-byte sub-key: HMAC-SHA-256 of the labelled parts under <paramref name="key"/>.</summary>
        /// <param name="key">The parent key (at least 32 bytes).</param>
        /// <param name="parts">The labels; each is length-prefixed so that no two lists give the same input.</param>
        /// <returns>The derived key.</returns>
        public static byte[] Derive(byte[] key, params string[] parts)
        {
            EnsureLongEnough(key, nameof(key));
            var builder = new StringBuilder("minimization-key-v1");
            foreach (string part in parts ?? new string[0])
            {
                string p = part ?? string.Empty;
                builder.Append('|').Append(p.Length).Append(':').Append(p);
            }

            using (var hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(Encoding.UTF8.GetBytes(builder.ToString()));
            }
        }
    }
}
