using System;

namespace Minimization
{
    /// <summary>Minimization policy: the member is left out of the minimized type altogether.</summary>
    /// <remarks>The safest policy, and the default for names, social insurance numbers and street addresses.</remarks>
    /// <example>
    /// <code>
    /// [IdentityBearing(IdentityCategory.Name), Drop] public string SubscriberName { get; set; } = "";
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class DropAttribute : Attribute
    {
    }
}
