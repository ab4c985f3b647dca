using System;

namespace Minimization
{
    /// <summary>
    /// Marks a sink that hands data to a partner. An identity-bearing value that reaches it without passing through a
    /// <see cref="MinimizerAttribute"/> method is reported as <c>MIN001</c>.
    /// </summary>
    /// <remarks>
    /// On a method every argument is a sink (the receiver is not); on a parameter, the argument passed for it; on a property,
    /// the value assigned to it. Overrides and implementations of a sink are sinks, and so are calls through the annotated member.
    /// </remarks>
    /// <example>
    /// <code>
    /// public interface IPartnerGateway
    /// {
    ///     [PartnerShare("UK")] void Send(object payload);
    /// }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class PartnerShareAttribute : Attribute
    {
        /// <summary>Marks a sink that shares with the named partner.</summary>
        /// <param name="partner">The partner's name as it should appear in diagnostics, for example <c>"UK"</c>.</param>
        public PartnerShareAttribute(string? partner = null)
        {
            Partner = partner;
        }

        /// <summary>The partner's name, or <see langword="null"/> when none was given.</summary>
        public string? Partner { get; }
    }
}
