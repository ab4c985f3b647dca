using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Minimization.Runtime
{
    /// <summary>
    /// Keyed pseudonyms: the HMAC-SHA-256 of the normalized value under a secret key, written as 32 lower-case hex digits
    /// (the first 128 bits). Without the key the token cannot be recomputed, so enumerating every phone number does not
    /// reverse it; with different keys per partner, tokens cannot be joined across partners.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The minimizing helpers of this package are marked <see cref="MinimizerAttribute"/>, so MIN001 treats their results as
    /// clean. Thread-safe. The category is part of the hashed input, so the same digits as a phone number and as an IMSI give
    /// different tokens.
    /// </para>
    /// <para>
    /// The token carries the version of the root key it was made under: <c>v{version}.</c> then the 32 hex digits
    /// (<c>v2.3f9a…</c>), except for version 0, the version of a key given without one, whose tokens are the 32 hex digits
    /// alone. Tokens of different versions never join; see <see cref="DerivedKeyProvider"/> for root-key rotation.
    /// </para>
    /// <para>Dispose it to clear the key from memory; it cannot be used afterwards.</para>
    /// </remarks>
    /// <example>
    /// <code>
    /// using var p = new Pseudonymizer(key32Bytes);
    /// string? token = p.Pseudonymize("+1 613 555 0100", IdentityCategory.Phone);
    /// </code>
    /// </example>
    public sealed class Pseudonymizer : IDisposable
    {
        private readonly byte[] _key;
        private int _disposed;

        /// <summary>Creates a pseudonymizer whose tokens are of key version 0 (no version prefix).</summary>
        /// <param name="key">The secret key, at least 32 bytes; it is copied.</param>
        /// <exception cref="ArgumentException">The key is shorter than 32 bytes.</exception>
        public Pseudonymizer(byte[] key)
            : this(key, 0)
        {
        }

        /// <summary>Creates a pseudonymizer whose tokens name <paramref name="keyVersion"/>.</summary>
        /// <param name="key">The secret key, at least 32 bytes; it is copied.</param>
        /// <param name="keyVersion">The version of the root key <paramref name="key"/> comes from; 0 or more (0 writes no prefix).</param>
        /// <exception cref="ArgumentException">The key is shorter than 32 bytes.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="keyVersion"/> is negative.</exception>
        public Pseudonymizer(byte[] key, int keyVersion)
        {
            KeyMaterial.EnsureLongEnough(key, nameof(key));
            if (keyVersion < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(keyVersion), keyVersion, "A key version is 0 or more.");
            }

            _key = (byte[])key.Clone();
            KeyVersion = keyVersion;
        }

        /// <summary>The length of a token's hex digits; a token of key version 0 is exactly this long, others add <c>v{version}.</c> in front.</summary>
        public const int TokenLength = 32;

        /// <summary>The root-key version the tokens name; 0 for a key given without one.</summary>
        public int KeyVersion { get; }

        /// <summary>Pseudonymizes one value.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category; it selects the normalization and separates token spaces.</param>
        /// <param name="normalization">How to normalize the value first.</param>
        /// <returns>A token (32 hex digits, after <c>v{version}.</c> for a key version above 0), or <see langword="null"/> when the value is null, empty or normalizes to nothing; never the raw value.</returns>
        /// <exception cref="ObjectDisposedException">The pseudonymizer was disposed.</exception>
        [Minimizer]
        public string? Pseudonymize(string? value, string? category = null, PseudonymNormalization normalization = PseudonymNormalization.Auto)
        {
            ThrowIfDisposed();
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

            // A Dispose that raced with this call may have cleared the key while it was read: never return that token.
            Thread.MemoryBarrier();
            ThrowIfDisposed();

            var builder = new StringBuilder(TokenLength + 12);
            if (KeyVersion != 0)
            {
                builder.Append('v').Append(KeyVersion.ToString(CultureInfo.InvariantCulture)).Append('.');
            }

            for (int i = 0; i < TokenLength / 2; i++)
            {
                builder.Append(mac[i].ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }

        /// <summary>
        /// A number in [0, <paramref name="range"/>) drawn from a keyed HMAC of the normalized value under a key derived from
        /// this pseudonymizer's key for <paramref name="purpose"/>: the same value gives the same number, and neither the
        /// number nor the value's token reveals the other. Null when the value normalizes to nothing.
        /// </summary>
        internal ulong? Draw(string purpose, string? value, string? category, ulong range)
        {
            ThrowIfDisposed();
            string? normalized = IdentifierNormalization.Normalize(value, category, PseudonymNormalization.Auto);
            if (normalized is null || range == 0)
            {
                return null;
            }

            byte[] purposeKey = KeyMaterial.Derive(_key, purpose);
            byte[] mac;
            try
            {
                using (var hmac = new HMACSHA256(purposeKey))
                {
                    mac = hmac.ComputeHash(Encoding.UTF8.GetBytes((category ?? string.Empty) + "\u001F" + normalized));
                }
            }
            finally
            {
                Array.Clear(purposeKey, 0, purposeKey.Length);
            }

            Thread.MemoryBarrier();
            ThrowIfDisposed();
            ulong drawn = 0;
            for (int i = 0; i < 8; i++)
            {
                drawn = (drawn << 8) | mac[i];
            }

            // The bias of a 64-bit draw reduced modulo a range of a few thousand is below 2^-50.
            return drawn % range;
        }

        /// <summary>Clears the key from memory. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Array.Clear(_key, 0, _key.Length);
            }
        }

        /// <summary>The key buffer itself, for tests that check it is cleared.</summary>
        internal byte[] KeyBuffer => _key;

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(Pseudonymizer));
            }
        }
    }
}
