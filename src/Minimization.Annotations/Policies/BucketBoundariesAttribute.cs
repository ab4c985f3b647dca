using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy (generalization): replaces a number by the label of the bucket it falls in, given explicit,
    /// strictly ascending boundaries: <c>"&lt; 0"</c>, <c>"[0, 60)"</c>, …, <c>"&gt;= 3600"</c>. On a <see cref="TimeSpan"/>
    /// the boundaries are in seconds.
    /// </summary>
    /// <remarks>Null and NaN give <see langword="null"/>. Use it to group the tails (ages over 90, very long calls).</remarks>
    /// <example>
    /// <code>
    /// [NonIdentifying, BucketBoundaries(0, 60, 300, 1800, 3600)] public int DurationSeconds { get; set; }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class BucketBoundariesAttribute : Attribute
    {
        /// <summary>Buckets by explicit boundaries.</summary>
        /// <param name="boundaries">At least one finite boundary, strictly ascending.</param>
        public BucketBoundariesAttribute(params double[] boundaries)
        {
            Boundaries = boundaries ?? new double[0];
        }

        /// <summary>The bucket boundaries, ascending.</summary>
        public double[] Boundaries { get; }
    }
}
