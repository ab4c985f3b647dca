using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy (generalization): replaces a number by the lower bound of its fixed-width bucket
    /// (<c>floor(value / width) * width</c>). On a <see cref="TimeSpan"/> the width is in seconds.
    /// </summary>
    /// <remarks>
    /// Integral members give a <see cref="long"/> (the width must be whole), <see cref="decimal"/> a <see cref="decimal"/>,
    /// <see cref="double"/> and <see cref="float"/> a nullable <see cref="double"/> (NaN and infinities give <see langword="null"/>).
    /// </remarks>
    /// <example>
    /// <code>
    /// [NonIdentifying, Bucket(60)] public TimeSpan Duration { get; set; }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class BucketAttribute : Attribute
    {
        /// <summary>Buckets by fixed width.</summary>
        /// <param name="width">The bucket width; greater than 0.</param>
        public BucketAttribute(double width)
        {
            Width = width;
        }

        /// <summary>The bucket width.</summary>
        public double Width { get; }
    }
}
