using System;

namespace Minimization
{
    /// <summary>
    /// Alongside a policy whose result is text (<see cref="GeneralizeAttribute"/>, <see cref="KeepPrefixAttribute"/>,
    /// <see cref="MaskIpAddressAttribute"/>, <see cref="BucketBoundariesAttribute"/>, or <see cref="KeepAttribute"/> on a
    /// string): in a batch minimized with the generated <c>MinimizeBatch</c>, a minimized value that fewer than
    /// <see cref="MinimumCount"/> records share becomes <see cref="Other"/>. It is not a policy of its own.
    /// </summary>
    /// <remarks>
    /// A rare value singles out the few records that have it (the one caller on a rare handset model). Counting happens
    /// on the minimized values of the batch, so the groups of a <see cref="GeneralizeAttribute"/> map are counted, not the
    /// raw values. Nulls stay null and are not counted. <c>Minimize</c> on a single record does not suppress anything.
    /// </remarks>
    /// <example>
    /// <code>
    /// [Generalize("iPhone 15 => Apple", "iPhone 14 => Apple", "Pixel 8 => Google"), SuppressRare(11)]
    /// public string DeviceModel { get; set; } = "";
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class SuppressRareAttribute : Attribute
    {
        /// <summary>Suppresses rare values in a batch.</summary>
        /// <param name="minimumCount">How many records of the batch must share a value for it to be kept; at least 2.</param>
        public SuppressRareAttribute(int minimumCount)
        {
            MinimumCount = minimumCount;
        }

        /// <summary>How many records of the batch must share a value for it to be kept.</summary>
        public int MinimumCount { get; }

        /// <summary>What a rare value becomes; <c>"other"</c> by default.</summary>
        public string Other { get; set; } = "other";
    }
}
