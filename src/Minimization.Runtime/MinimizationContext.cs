using System;
using System.Collections.Concurrent;

namespace Minimization.Runtime
{
    /// <summary>
    /// What a minimizer needs to know about one release: the partner it goes to, where keys come from, and the release time
    /// (which picks the key period when a policy names no time member). Generated <c>Minimize</c> methods take one.
    /// </summary>
    /// <example>
    /// <code>
    /// var context = new MinimizationContext("UK", new DerivedKeyProvider(masterKey));
    /// SharedCall shared = record.Minimize(context);
    /// </code>
    /// </example>
    public sealed class MinimizationContext
    {
        private readonly ConcurrentDictionary<KeyPeriod, Pseudonymizer> _pseudonymizers = new ConcurrentDictionary<KeyPeriod, Pseudonymizer>();

        /// <summary>Creates a context.</summary>
        /// <param name="partner">The partner the data goes to; not empty.</param>
        /// <param name="keys">Where the partner's keys come from.</param>
        /// <param name="releaseTime">The release time; now (UTC) when omitted.</param>
        /// <exception cref="ArgumentException"><paramref name="partner"/> is empty.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
        public MinimizationContext(string partner, IPseudonymKeyProvider keys, DateTimeOffset? releaseTime = null)
        {
            if (string.IsNullOrWhiteSpace(partner))
            {
                throw new ArgumentException("A partner name is required.", nameof(partner));
            }

            Partner = partner;
            Keys = keys ?? throw new ArgumentNullException(nameof(keys));
            ReleaseTime = releaseTime ?? DateTimeOffset.UtcNow;
        }

        /// <summary>The partner the data goes to.</summary>
        public string Partner { get; }

        /// <summary>Where the partner's keys come from.</summary>
        public IPseudonymKeyProvider Keys { get; }

        /// <summary>The release time; it picks the key period when a policy names no time member.</summary>
        public DateTimeOffset ReleaseTime { get; }

        /// <summary>The pseudonymizer for this partner in <paramref name="period"/> (created once per period and reused).</summary>
        /// <param name="period">The key period.</param>
        /// <returns>The pseudonymizer.</returns>
        /// <exception cref="ArgumentException">The key provider returned a key shorter than 32 bytes.</exception>
        public Pseudonymizer GetPseudonymizer(KeyPeriod period)
            => _pseudonymizers.GetOrAdd(period, p => new Pseudonymizer(Keys.GetKey(Partner, p)));

        /// <summary>Pseudonymizes with the key of the period that contains <see cref="ReleaseTime"/>.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category, or <see langword="null"/>.</param>
        /// <param name="normalization">How to normalize first.</param>
        /// <param name="rotation">How often the key changes.</param>
        /// <returns>The token, or <see langword="null"/> for a null, empty or meaningless value.</returns>
        [Minimizer]
        public string? Pseudonymize(string? value, string? category, PseudonymNormalization normalization, KeyRotation rotation)
            => Pseudonymize(value, category, normalization, rotation, (DateTimeOffset?)null);

        /// <summary>Pseudonymizes with the key of the period that contains <paramref name="periodTime"/> (or <see cref="ReleaseTime"/> when it is null).</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category, or <see langword="null"/>.</param>
        /// <param name="normalization">How to normalize first.</param>
        /// <param name="rotation">How often the key changes.</param>
        /// <param name="periodTime">The point in time that picks the period, usually the record's own time stamp.</param>
        /// <returns>The token, or <see langword="null"/> for a null, empty or meaningless value.</returns>
        [Minimizer]
        public string? Pseudonymize(string? value, string? category, PseudonymNormalization normalization, KeyRotation rotation, DateTimeOffset? periodTime)
        {
            if (IdentifierNormalization.Normalize(value, category, normalization) is null)
            {
                return null;
            }

            KeyPeriod period = KeyPeriod.For(rotation, periodTime ?? ReleaseTime);
            return GetPseudonymizer(period).Pseudonymize(value, category, normalization);
        }

        /// <summary>Pseudonymizes with the key of the period that contains <paramref name="periodTime"/>; an unspecified <see cref="DateTime.Kind"/> is read as UTC.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category, or <see langword="null"/>.</param>
        /// <param name="normalization">How to normalize first.</param>
        /// <param name="rotation">How often the key changes.</param>
        /// <param name="periodTime">The point in time that picks the period.</param>
        /// <returns>The token, or <see langword="null"/> for a null, empty or meaningless value.</returns>
        [Minimizer]
        public string? Pseudonymize(string? value, string? category, PseudonymNormalization normalization, KeyRotation rotation, DateTime? periodTime)
        {
            DateTimeOffset? at = null;
            if (periodTime is DateTime t)
            {
                at = new DateTimeOffset(DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Utc));
            }

            return Pseudonymize(value, category, normalization, rotation, at);
        }
    }
}
