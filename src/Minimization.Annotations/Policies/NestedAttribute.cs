using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy: the member's value is itself a <see cref="GenerateMinimizerAttribute"/> type (a call's
    /// <c>Location</c> or <c>Device</c>), or a collection of one, and is minimized by that type's own generated minimizer.
    /// </summary>
    /// <remarks>
    /// The minimized type holds the nested type's minimized type (<c>MinimizedLocation?</c>), or for a collection an
    /// <c>IReadOnlyList</c> of them, element by element. A null value or element stays null. The nested type's policies
    /// apply unchanged, with the same <c>MinimizationContext</c>, so its pseudonyms are those of the same partner and period.
    /// </remarks>
    /// <example>
    /// <code>
    /// [Nested] public Location Origin { get; set; } = new Location();
    /// [Nested] public IReadOnlyList&lt;Party&gt; Recipients { get; set; } = Array.Empty&lt;Party&gt;();
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class NestedAttribute : Attribute
    {
    }
}
