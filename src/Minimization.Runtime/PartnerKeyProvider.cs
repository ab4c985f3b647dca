using System;
using System.Collections.Generic;

namespace Minimization.Runtime
{
    /// <summary>
    /// Holds one explicit key per partner (for example, one secret per partner in a vault). Rotating periods use a sub-key
    /// derived from the partner's key and the period; an unknown partner is refused rather than given a shared key.
    /// </summary>
    /// <example>
    /// <code>
    /// var keys = new PartnerKeyProvider(new Dictionary&lt;string, byte[]&gt; { ["UK"] = ukKey, ["FR"] = frKey });
    /// </code>
    /// </example>
    public sealed class PartnerKeyProvider : IPseudonymKeyProvider
    {
        private readonly Dictionary<string, byte[]> _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);

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
        public byte[] GetKey(string partner, KeyPeriod period)
        {
            if (partner is null || !_keys.TryGetValue(partner, out byte[]? key))
            {
                throw new KeyNotFoundException("No pseudonymization key is configured for partner '" + partner + "'.");
            }

            return period.Rotation == KeyRotation.None ? (byte[])key.Clone() : KeyMaterial.Derive(key, "period", period.Id);
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
