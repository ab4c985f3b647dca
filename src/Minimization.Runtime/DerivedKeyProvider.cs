using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Minimization.Runtime
{
    /// <summary>
    /// Derives every partner's key for every period from one root (master) key (HMAC-SHA-256 key derivation), so that only
    /// the root key needs a secret store. Partners never see keys; tokens for one partner cannot be matched with another's.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Root-key rotation: build the provider from several <see cref="RootKey"/> versions. A rotating key period (daily,
    /// weekly) uses the version in force when the period starts, so tokens of one period always join, and a new version
    /// takes over at the first period boundary after its <see cref="RootKey.ActiveFrom"/>. The single period of
    /// <see cref="KeyRotation.None"/> never ends; it uses the version in force at the time that picks the period (the
    /// record's time or the release time), so rotating the root key starts new tokens for it at once. Tokens carry their
    /// version (<c>v2.…</c>); version 0, the version of a provider built from one key, writes none, so tokens made before
    /// versions existed keep their form: list the old key as version 0 to keep them. Keep a version as long as records of
    /// its periods may be released again.
    /// </para>
    /// <para>Dispose the provider to clear the root keys from memory; it cannot be used afterwards.</para>
    /// </remarks>
    /// <example>
    /// <code>
    /// byte[] master = LoadFromKeyVault("minimization-master"); // 32 bytes or more
    /// using var keys = new DerivedKeyProvider(master);
    /// using var context = new MinimizationContext("UK", keys);
    /// </code>
    /// </example>
    public sealed class DerivedKeyProvider : IPseudonymKeyProvider, IKeyDerivation, IDisposable
    {
        private readonly Root[] _roots;
        private int _disposed;

        /// <summary>Creates the provider from one root key (version 0, in force for good).</summary>
        /// <param name="masterKey">The master key, at least 32 bytes; it is copied.</param>
        /// <exception cref="ArgumentException">The key is shorter than 32 bytes.</exception>
        public DerivedKeyProvider(byte[] masterKey)
        {
            KeyMaterial.EnsureLongEnough(masterKey, nameof(masterKey));
            _roots = new[] { new Root(0, DateTimeOffset.MinValue, (byte[])masterKey.Clone()) };
        }

        /// <summary>Creates the provider from root-key versions (see the remarks on rotation).</summary>
        /// <param name="rootKeys">At least one version; later <see cref="RootKey.ActiveFrom"/> times must have higher versions. The keys are copied.</param>
        /// <exception cref="ArgumentNullException"><paramref name="rootKeys"/> or one of its items is null.</exception>
        /// <exception cref="ArgumentException">No version is given, or two share a start or a version, or a later start has a lower version.</exception>
        public DerivedKeyProvider(IEnumerable<RootKey> rootKeys)
        {
            if (rootKeys is null)
            {
                throw new ArgumentNullException(nameof(rootKeys));
            }

            List<RootKey> ordered = rootKeys.ToList();
            if (ordered.Any(k => k is null))
            {
                throw new ArgumentNullException(nameof(rootKeys), "A root-key version is null.");
            }

            if (ordered.Count == 0)
            {
                throw new ArgumentException("At least one root-key version is required.", nameof(rootKeys));
            }

            ordered.Sort((a, b) => a.ActiveFrom.CompareTo(b.ActiveFrom));
            for (int i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].ActiveFrom == ordered[i - 1].ActiveFrom || ordered[i].Version <= ordered[i - 1].Version)
                {
                    throw new ArgumentException(
                        "Root-key versions " + ordered[i - 1].Version + " and " + ordered[i].Version + ": each version needs its own start, and a later start a higher version.",
                        nameof(rootKeys));
                }
            }

            _roots = ordered.Select(k => new Root(k.Version, k.ActiveFrom, (byte[])k.Key.Clone())).ToArray();
        }

        /// <inheritdoc/>
        /// <remarks>
        /// Derived from the root-key version in force when <paramref name="period"/> starts; for the static period, the
        /// version in force now. Prefer a <see cref="MinimizationContext"/>, which keeps keys inside.
        /// </remarks>
        /// <exception cref="ObjectDisposedException">The provider was disposed.</exception>
        public byte[] GetKey(string partner, KeyPeriod period)
            => Derive(partner, period, VersionFor(period, DateTimeOffset.UtcNow));

        /// <summary>Clears the root keys from memory. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                foreach (Root root in _roots)
                {
                    Array.Clear(root.Key, 0, root.Key.Length);
                }
            }
        }

        int IKeyDerivation.VersionFor(KeyPeriod period, DateTimeOffset at) => VersionFor(period, at);

        Pseudonymizer IKeyDerivation.CreatePseudonymizer(string partner, KeyPeriod period, int version)
        {
            byte[] key = Derive(partner, period, version);
            try
            {
                return new Pseudonymizer(key, version);
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        /// <summary>The root-key buffers themselves, for tests that check they are cleared.</summary>
        internal IEnumerable<byte[]> KeyBuffers => _roots.Select(r => r.Key);

        private int VersionFor(KeyPeriod period, DateTimeOffset at)
        {
            DateTimeOffset when = period.Rotation == KeyRotation.None ? at : period.Start;
            Root chosen = _roots[0];
            foreach (Root root in _roots)
            {
                if (root.ActiveFrom <= when)
                {
                    chosen = root;
                }
            }

            return chosen.Version;
        }

        private byte[] Derive(string partner, KeyPeriod period, int version)
        {
            ThrowIfDisposed();
            if (string.IsNullOrWhiteSpace(partner))
            {
                throw new ArgumentException("A partner name is required to pick a key.", nameof(partner));
            }

            Root root = _roots.FirstOrDefault(r => r.Version == version)
                        ?? throw new ArgumentOutOfRangeException(nameof(version), version, "No root key of this version.");
            byte[] key = version == 0
                ? KeyMaterial.Derive(root.Key, "partner", partner, "period", period.Id)
                : KeyMaterial.Derive(root.Key, "partner", partner, "period", period.Id, "version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // A Dispose that raced with the derivation may have cleared the root while it was read.
            Thread.MemoryBarrier();
            if (Volatile.Read(ref _disposed) != 0)
            {
                Array.Clear(key, 0, key.Length);
                ThrowIfDisposed();
            }

            return key;
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(DerivedKeyProvider));
            }
        }

        private sealed class Root
        {
            public Root(int version, DateTimeOffset activeFrom, byte[] key)
            {
                Version = version;
                ActiveFrom = activeFrom;
                Key = key;
            }

            public int Version { get; }

            public DateTimeOffset ActiveFrom { get; }

            public byte[] Key { get; }
        }
    }
}
