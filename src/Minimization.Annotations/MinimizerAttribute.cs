using System;

namespace Minimization
{
    /// <summary>
    /// Marks a method that minimizes: the value it returns carries no identity, whatever went in.
    /// Identity-bearing data may reach a <see cref="PartnerShareAttribute"/> sink only through such a method.
    /// </summary>
    /// <example>
    /// <code>
    /// [Minimizer]
    /// public static SharedCall Minimize(CallRecord r, byte[] key) =&gt; new SharedCall(Pseudonym.Of(r.CallerNumber, key));
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public sealed class MinimizerAttribute : Attribute
    {
    }
}
