using Minimization.Analyzers;

namespace Minimization.Generators.Models
{
    /// <summary>Everything the emitter needs about one [GenerateMinimizer] type: names and values only, no symbols or syntax.</summary>
    internal sealed record MinimizerModel(
        string? Namespace,
        string TypeName,
        string TypeKeyword,
        bool IsReferenceType,
        bool IsPublic,
        string OutputTypeName,
        EquatableArray<MemberModel> Members,
        EquatableArray<string> Dropped,
        string FileHint);

    /// <summary>One member that appears in the minimized type, with its policy's arguments.</summary>
    internal sealed record MemberModel(
        string Name,
        string OutputName,
        PolicyKind Kind,
        ValueShape Shape,
        bool IsNullableValue,
        string SourceType,
        string? Category)
    {
        public int PrefixLength { get; init; }

        public int PrefixUnit { get; init; }

        public int IPv4PrefixLength { get; init; } = 24;

        public int IPv6PrefixLength { get; init; } = 48;

        public double Real { get; init; }

        public int Granularity { get; init; }

        public EquatableArray<double> Boundaries { get; init; } = EquatableArray<double>.Empty;

        public int Rotation { get; init; }

        public int Normalization { get; init; }

        public string? RotateBy { get; init; }

        public string? Justification { get; init; }

        /// <summary>Whether the policy applies to each element of a collection, and which kind.</summary>
        public CollectionShape Collection { get; init; }

        /// <summary>The collection is a nullable ImmutableArray.</summary>
        public bool CollectionIsNullableValue { get; init; }

        /// <summary>For a collection: the element type, fully qualified.</summary>
        public string? ElementType { get; init; }

        /// <summary>[Generalize]: value, group, value, group…</summary>
        public EquatableArray<string> Map { get; init; } = EquatableArray<string>.Empty;

        /// <summary>[Generalize]: the group of values the map does not name.</summary>
        public string? Other { get; init; }

        /// <summary>[ShiftDate]: the largest shift in days.</summary>
        public int MaxDays { get; init; }

        /// <summary>[ShiftDate]: the member that names the subject, its shape and its category.</summary>
        public string? SubjectBy { get; init; }

        public ValueShape SubjectShape { get; init; }

        public bool SubjectIsNullableValue { get; init; }

        public string? SubjectCategory { get; init; }

        /// <summary>[Nested]: the nested minimized type and the class whose static Minimize minimizes it, fully qualified.</summary>
        public string? NestedOutputType { get; init; }

        public string? NestedMinimizer { get; init; }

        public bool NestedIsValueType { get; init; }

        /// <summary>[SuppressRare]: the minimum count (0 when absent) and what a rare value becomes.</summary>
        public int RareMinimum { get; init; }

        public string? RareOther { get; init; }

        /// <summary>A kept, non-nullable reference: the property needs <c>= default!</c> to satisfy nullable analysis of the initializer-built type.</summary>
        public bool KeepsNonNullableReference { get; init; }
    }

    /// <summary>What the compilation offers the generated code.</summary>
    internal sealed record EmitSettings(bool RuntimeReferenced, bool UseRecords);
}
