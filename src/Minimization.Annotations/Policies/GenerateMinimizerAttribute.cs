using System;

namespace Minimization
{
    /// <summary>
    /// Asks Minimization.Generators to write the minimized form of this <c>partial</c>, identity-bearing type and its
    /// <see cref="MinimizerAttribute"/> method, from the one policy declared on each member
    /// (<see cref="DropAttribute"/>, <see cref="PseudonymizeAttribute"/>, <see cref="KeepPrefixAttribute"/>,
    /// <see cref="MaskIpAddressAttribute"/>, <see cref="SnapToGridAttribute"/>, <see cref="TruncateTimeAttribute"/>,
    /// <see cref="BucketAttribute"/>, <see cref="BucketBoundariesAttribute"/>, <see cref="GeneralizeAttribute"/>,
    /// <see cref="ShiftDateAttribute"/>, <see cref="NestedAttribute"/> or <see cref="KeepAttribute"/>). On a collection
    /// (array, <c>List&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, <c>ImmutableArray&lt;T&gt;</c>…)
    /// a policy other than <see cref="DropAttribute"/> and <see cref="KeepAttribute"/> applies to each element.
    /// </summary>
    /// <remarks>
    /// A member without a policy is an error (<c>MIN002</c>), so a field added later cannot be shared raw. The generated
    /// extension method is <c>Minimize(this T source, MinimizationContext context)</c> from the Minimization.Runtime package.
    /// </remarks>
    /// <example>
    /// <code>
    /// [IdentityBearing, GenerateMinimizer("SharedCall")]
    /// public partial record CallRecord(
    ///     [Pseudonymize(Rotation = KeyRotation.Daily)] string Caller,
    ///     [TruncateTime(TimeGranularity.Hour)] DateTimeOffset Start,
    ///     [property: NonIdentifying, Keep] int DurationSeconds);
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class GenerateMinimizerAttribute : Attribute
    {
        /// <summary>Asks for a generated minimizer.</summary>
        /// <param name="typeName">The simple name of the generated minimized type; <c>Minimized</c> + the type's name when omitted.</param>
        public GenerateMinimizerAttribute(string? typeName = null)
        {
            TypeName = typeName;
        }

        /// <summary>The simple name of the generated minimized type, or <see langword="null"/> for the default <c>Minimized{Type}</c>.</summary>
        public string? TypeName { get; }
    }
}
