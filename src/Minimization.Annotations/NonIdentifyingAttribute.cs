using System;

namespace Minimization
{
    /// <summary>
    /// Marks a property or field of an <see cref="IdentityBearingAttribute"/> type whose value does not identify anyone
    /// (a call's duration, a schema version). Reading it yields a clean value, unless the member's own type is identity-bearing.
    /// </summary>
    /// <example>
    /// <code>
    /// [IdentityBearing] public sealed class CallRecord
    /// {
    ///     [NonIdentifying] public int DurationSeconds { get; set; }
    /// }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
    public sealed class NonIdentifyingAttribute : Attribute
    {
    }
}
