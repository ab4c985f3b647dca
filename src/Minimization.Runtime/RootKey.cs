using System;

namespace Minimization.Runtime
{
    /// <summary>
    /// One version of a root (master) key for <see cref="DerivedKeyProvider"/>, and when it comes into force. Give a new
    /// version a start in the future to rotate the root key: each key period uses the version in force when the period
    /// starts, so a version never changes keys in the middle of a period.
    /// </summary>
    /// <remarks>The key array is not copied here; <see cref="DerivedKeyProvider"/> copies it when it is constructed.</remarks>
    /// <example>
    /// <code>
    /// using var keys = new DerivedKeyProvider(new[]
    /// {
    ///     new RootKey(1, LoadFromVault("minimization-root-v1"), DateTimeOffset.MinValue),
    ///     new RootKey(2, LoadFromVault("minimization-root-v2"), new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero)),
    /// });
    /// </code>
    /// </example>
    public sealed class RootKey
    {
        /// <summary>Describes one root-key version.</summary>
        /// <param name="version">The version, 0 or more; tokens made under it start with <c>v{version}.</c> (none for 0, the version of a provider built from one key).</param>
        /// <param name="key">The root key, at least 32 bytes.</param>
        /// <param name="activeFrom">When the version comes into force; key periods that start at or after it use it.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is negative.</exception>
        /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than 32 bytes.</exception>
        public RootKey(int version, byte[] key, DateTimeOffset activeFrom)
        {
            if (version < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(version), version, "A key version is 0 or more.");
            }

            KeyMaterial.EnsureLongEnough(key, nameof(key));
            Version = version;
            Key = key;
            ActiveFrom = activeFrom;
        }

        /// <summary>The version tokens made under this key carry.</summary>
        public int Version { get; }

        /// <summary>When the version comes into force.</summary>
        public DateTimeOffset ActiveFrom { get; }

        internal byte[] Key { get; }
    }
}
