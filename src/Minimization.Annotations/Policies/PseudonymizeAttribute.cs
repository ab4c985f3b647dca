using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy: the member is replaced by a keyed HMAC-SHA-256 token computed with the partner's own key. Tokens
    /// are stable within one partner (and one key period) and cannot be joined across partners.
    /// </summary>
    /// <remarks>
    /// A plain hash would not do: the space of phone numbers is small enough to hash in full. The key rotates daily unless
    /// <see cref="Rotation"/> says otherwise, so that a partner cannot stitch one person's records into a long trace; the
    /// period is taken from the member named by <see cref="RotateBy"/>, or from the release time in the <c>MinimizationContext</c>.
    /// </remarks>
    /// <example>
    /// <code>
    /// [IdentityBearing(IdentityCategory.Phone)]
    /// [Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = nameof(StartTime))]
    /// public string CallerNumber { get; set; } = "";
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class PseudonymizeAttribute : Attribute
    {
        /// <summary>
        /// How often the partner's key changes; <see cref="KeyRotation.Daily"/> by default, so tokens link one day of a
        /// person's records, not a trace. <see cref="KeyRotation.None"/> (tokens stable for good) must be asked for.
        /// </summary>
        public KeyRotation Rotation { get; set; } = KeyRotation.Daily;

        /// <summary>
        /// The name of a <see cref="DateTime"/> or <see cref="DateTimeOffset"/> member of the same type whose value picks the key
        /// period; when <see langword="null"/>, the context's release time does.
        /// </summary>
        public string? RotateBy { get; set; }

        /// <summary>How the value is normalized before hashing; <see cref="PseudonymNormalization.Auto"/> picks by identity category.</summary>
        public PseudonymNormalization Normalization { get; set; }
    }
}
