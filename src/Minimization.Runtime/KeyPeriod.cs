using System;
using System.Globalization;

namespace Minimization.Runtime
{
    /// <summary>
    /// The key period a point in time falls in under a <see cref="KeyRotation"/>: one period for <see cref="KeyRotation.None"/>,
    /// one per UTC day for <see cref="KeyRotation.Daily"/>, one per ISO week (starting Monday, UTC) for <see cref="KeyRotation.Weekly"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// KeyPeriod p = KeyPeriod.For(KeyRotation.Weekly, new DateTimeOffset(2024, 3, 7, 12, 0, 0, TimeSpan.Zero));
    /// // p.Id == "week-2024-03-04"
    /// </code>
    /// </example>
    public readonly struct KeyPeriod : IEquatable<KeyPeriod>
    {
        private readonly string? _id;
        private readonly DateTime _startUtc;

        private KeyPeriod(KeyRotation rotation, string id, DateTime startUtc)
        {
            Rotation = rotation;
            _id = id;
            _startUtc = startUtc;
        }

        /// <summary>The rotation this period belongs to.</summary>
        public KeyRotation Rotation { get; }

        /// <summary>A stable name of the period: <c>"static"</c>, <c>"day-2024-03-07"</c> or <c>"week-2024-03-04"</c>; key providers derive keys from it.</summary>
        public string Id => _id ?? "static";

        /// <summary>The single period of <see cref="KeyRotation.None"/>.</summary>
        public static KeyPeriod Static => new KeyPeriod(KeyRotation.None, "static", DateTime.MinValue);

        /// <summary>When the period starts (UTC); the beginning of time for <see cref="Static"/>. Root-key versions are chosen by it.</summary>
        internal DateTimeOffset Start => new DateTimeOffset(DateTime.SpecifyKind(_startUtc, DateTimeKind.Utc));

        /// <summary>The period <paramref name="time"/> falls in.</summary>
        /// <param name="rotation">The rotation; an undefined value is refused.</param>
        /// <param name="time">The point in time; it is converted to UTC first.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="rotation"/> is not a defined value.</exception>
        public static KeyPeriod For(KeyRotation rotation, DateTimeOffset time)
        {
            DateTime utc = time.UtcDateTime.Date;
            switch (rotation)
            {
                case KeyRotation.None:
                    return Static;
                case KeyRotation.Daily:
                    return new KeyPeriod(rotation, "day-" + utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), utc);
                case KeyRotation.Weekly:
                    DateTime monday = TimeTruncation.Truncate(utc, TimeGranularity.Week);
                    return new KeyPeriod(rotation, "week-" + monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), monday);
                default:
                    throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "Unknown key rotation.");
            }
        }

        /// <inheritdoc/>
        public bool Equals(KeyPeriod other) => Rotation == other.Rotation && string.Equals(Id, other.Id, StringComparison.Ordinal);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is KeyPeriod other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => ((int)Rotation * 397) ^ StringComparer.Ordinal.GetHashCode(Id);

        /// <inheritdoc/>
        public override string ToString() => Id;

        /// <summary>Compares two periods.</summary>
        public static bool operator ==(KeyPeriod left, KeyPeriod right) => left.Equals(right);

        /// <summary>Compares two periods.</summary>
        public static bool operator !=(KeyPeriod left, KeyPeriod right) => !left.Equals(right);
    }
}
