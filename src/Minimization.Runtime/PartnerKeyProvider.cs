using System;
using System.Collections.Generic;
using System.Threading;

namespace Minimization.Runtime
{
    /// <summary>
    /// Holds one explicit key per partner (for example, one secret per partner in a vault). Rotating periods use a sub-key
    /// derived from the partner's key and the period; an unknown partner is refused rather than given a shared key.
    /// </summary>
    /// <remarks>Tokens are of key version 0 (no version prefix). Dispose the provider to clear the keys from memory; it cannot be used afterwards.</remarks>
    /// <example>
    /// <code>
    /// var keys = new PartnerKeyProvider(new Dictionary&lt;string, byte[]&gt; { ["UK"] = ukKey, ["FR"] = frKey });
    /// </code>
    /// </example>
    public sealed class PartnerKeyProvider : IPseudonymKeyProvider, IKeyDerivation, IDisposable
    {
        private readonly Dictionary<string, byte[]> _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        private int _disposed;

        /// <summary>Creates the provider.</summary>
        /// <param name="keys">Partner name to key; every key at least 32 bytes, and no two partners may share a key.</param>
        /// <exception cref="ArgumentException">A key is too short, or two partners share one.</exception>
        public PartnerKeyProvider(IEnumerable<KeyValuePair<string, byte[]>> keys)
        {
            if (keys is null)
            {
                throw new ArgumentNullException(nameof(keys));
            }

            foreach (KeyValuePair<string, byte[]> pair in keys)
            {
                KeyMaterial.EnsureLongEnough(pair.Value, nameof(keys));
                foreach (KeyValuePair<string, byte[]> existing in _keys)
                {
                    if (SameBytes(existing.Value, pair.Value))
                    {
                        throw new ArgumentException("Partners '" + existing.Key + "' and '" + pair.Key + "' share a key; their tokens could be joined.", nameof(keys));
                    }
                }

                _keys[pair.Key] = (byte[])pair.Value.Clone();
            }
        }

        /// <inheritdoc/>
        /// <exception cref="KeyNotFoundException">No key is configured for <paramref name="partner"/>.</exception>
        /// <exception cref="ObjectDisposedException">The provider was disposed.</exception>
        public byte[] GetKey(string partner, KeyPeriod period)
        {
            ThrowIfDisposed();
            if (partner is null || !_keys.TryGetValue(partner, out byte[]? key))
            {
                throw new KeyNotFoundException("No pseudonymization key is configured for partner '" + partner + "'.");
            }

            byte[] result = period.Rotation == KeyRotation.None ? (byte[])key.Clone() : KeyMaterial.Derive(key, "period", period.Id);

            // A Dispose that raced with this call may have cleared the key while it was read.
            Thread.MemoryBarrier();
            if (Volatile.Read(ref _disposed) != 0)
            {
                Array.Clear(result, 0, result.Length);
                ThrowIfDisposed();
            }

            return result;
        }

        /// <summary>Clears the partners' keys from memory. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                foreach (byte[] key in _keys.Values)
                {
                    Array.Clear(key, 0, key.Length);
                }
            }
        }

        int IKeyDerivation.VersionFor(KeyPeriod period, DateTimeOffset at) => 0;

        Pseudonymizer IKeyDerivation.CreatePseudonymizer(string partner, KeyPeriod period, int version)
        {
            byte[] key = GetKey(partner, period);
            try
            {
                return new Pseudonymizer(key, 0);
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        /// <summary>The key buffers themselves, for tests that check they are cleared.</summary>
        internal IEnumerable<byte[]> KeyBuffers => _keys.Values;

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(PartnerKeyProvider));
            }
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
