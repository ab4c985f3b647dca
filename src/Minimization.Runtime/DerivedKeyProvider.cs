using System;

namespace Minimization.Runtime
{
    /// <summary>
    /// Derives every partner's key for every period from one master key (HMAC-SHA-256 key derivation), so that only the
    /// master key needs a secret store. Partners never see keys; tokens for one partner cannot be matched with another's.
    /// </summary>
    /// <example>
    /// <code>
    /// byte[] master = LoadFromKeyVault("minimization-master"); // 32 bytes or more
    /// var context = new MinimizationContext("UK", new DerivedKeyProvider(master));
    /// </code>
    /// </example>
    public sealed class DerivedKeyProvider : IPseudonymKeyProvider
    {
        private readonly byte[] _master;

        /// <summary>Creates the provider.</summary>
        /// <param name="masterKey">The master key, at least 32 bytes; it is copied.</param>
        /// <exception cref="ArgumentException">The key is shorter than 32 bytes.</exception>
        public DerivedKeyProvider(byte[] masterKey)
        {
            KeyMaterial.EnsureLongEnough(masterKey, nameof(masterKey));
            _master = (byte[])masterKey.Clone();
        }

        /// <inheritdoc/>
        public byte[] GetKey(string partner, KeyPeriod period)
        {
            if (string.IsNullOrWhiteSpace(partner))
            {
                throw new ArgumentException("A partner name is required to pick a key.", nameof(partner));
            }

            return KeyMaterial.Derive(_master, "partner", partner, "period", period.Id);
        }
    }
}
