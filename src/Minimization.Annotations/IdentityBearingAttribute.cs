using System;

namespace Minimization
{
    /// <summary>
    /// Marks data that identifies a person: a phone number, an e-mail address, a device identifier.
    /// Minimization.Analyzers reports <c>MIN001</c> when such a value reaches a <see cref="PartnerShareAttribute"/>
    /// sink without passing through a <see cref="MinimizerAttribute"/> method.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>On a class, struct, record or interface: every value of the type (or of a derived or implementing type)
    /// carries identity, and so does every member read from it unless the member is <see cref="NonIdentifyingAttribute"/>.</item>
    /// <item>On a property or field: every value read from it carries identity.</item>
    /// <item>On a parameter: the parameter's value carries identity inside the method.</item>
    /// <item>On a return value (<c>[return: IdentityBearing]</c>): the value the method returns carries identity.</item>
    /// </list>
    /// </remarks>
    /// <example>
    /// <code>
    /// public sealed class CallRecord
    /// {
    ///     [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; set; } = "";
    /// }
    /// </code>
    /// </example>
    [AttributeUsage(
        AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface |
        AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue,
        AllowMultiple = false, Inherited = true)]
    public sealed class IdentityBearingAttribute : Attribute
    {
        /// <summary>Marks identity-bearing data of the given category.</summary>
        /// <param name="category">One of the <see cref="IdentityCategory"/> constants where one fits; any other string is an opaque category.</param>
        public IdentityBearingAttribute(string? category = null)
        {
            Category = category;
        }

        /// <summary>The identity category (for example <see cref="IdentityCategory.Phone"/>), or <see langword="null"/> when none was given.</summary>
        public string? Category { get; }
    }
}
