using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy: the member is copied unchanged. Allowed without more on a <see cref="NonIdentifyingAttribute"/>
    /// member; on an identifying member only with a written <see cref="Justification"/> (otherwise <c>MIN004</c>).
    /// </summary>
    /// <example>
    /// <code>
    /// [NonIdentifying, Keep] public int DurationSeconds { get; set; }
    /// [IdentityBearing(IdentityCategory.CellTower), Keep("Tower ids are public in the regulator's register and the partner needs coverage per tower.")]
    /// public string TowerId { get; set; } = "";
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class KeepAttribute : Attribute
    {
        /// <summary>Keeps the member unchanged.</summary>
        /// <param name="justification">Why sharing this value raw is acceptable; required when the member identifies a person.</param>
        public KeepAttribute(string? justification = null)
        {
            Justification = justification;
        }

        /// <summary>The written reason for keeping the value, or <see langword="null"/>.</summary>
        public string? Justification { get; }
    }
}
