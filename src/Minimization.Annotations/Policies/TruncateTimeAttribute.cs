using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy (generalization): truncates a <see cref="DateTime"/>, <see cref="DateTimeOffset"/> or <c>DateOnly</c>
    /// to the start of its hour, day, ISO week (Monday), month or year.
    /// </summary>
    /// <example>
    /// <code>
    /// [IdentityBearing(IdentityCategory.Timestamp), TruncateTime(TimeGranularity.Hour)] public DateTimeOffset StartTime { get; set; }
    /// [IdentityBearing(IdentityCategory.DateOfBirth), TruncateTime(TimeGranularity.Year)] public DateTime BirthDate { get; set; }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class TruncateTimeAttribute : Attribute
    {
        /// <summary>Truncates a point in time.</summary>
        /// <param name="granularity">The unit to truncate to.</param>
        public TruncateTimeAttribute(TimeGranularity granularity)
        {
            Granularity = granularity;
        }

        /// <summary>The unit the value is truncated to.</summary>
        public TimeGranularity Granularity { get; }
    }
}
