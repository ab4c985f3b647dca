using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Flow
{
    /// <summary>How the result of a call into code without source relates to its inputs.</summary>
    internal enum LibraryBehavior
    {
        /// <summary>Identity from the receiver or any argument comes out in the result (the contract's default).</summary>
        Propagate,

        /// <summary>The result carries no identity (sizes, comparisons, predicates, user-declared clean methods).</summary>
        Clean,

        /// <summary>The result is minimized (a library method the user's configuration declares a minimizer).</summary>
        Minimize,
    }

    /// <summary>How a library call that takes delegates combines the delegates' results with its inputs.</summary>
    internal enum DelegateResultShape
    {
        /// <summary>Unknown: the result may hold the inputs and what the delegates return.</summary>
        Both,

        /// <summary>Filters and orderings: the result holds the inputs' elements; the delegates' results (predicates, keys) do not flow.</summary>
        InputsOnly,

        /// <summary>Projections: the result holds what the delegates return.</summary>
        DelegatesOnly,
    }

    /// <summary>
    /// The small built-in table for code without source, extended by the user's <c>.editorconfig</c>
    /// (<c>minimization.minimizers</c>, <c>minimization.clean_methods</c>, <c>minimization.propagators</c>).
    /// </summary>
    internal sealed class LibraryModel
    {
        private static readonly HashSet<string> CleanMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "Length", "LongLength", "Count", "IsEmpty", "Capacity", "Rank", "HasValue", "IsDefault", "IsDefaultOrEmpty",
        };

        private static readonly HashSet<string> CleanMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Count", "LongCount", "GetLength", "GetLongLength", "CompareTo", "Compare", "CompareOrdinal", "IndexOf", "IndexOfAny",
            "LastIndexOf", "LastIndexOfAny", "GetType", "FindIndex", "FindLastIndex", "BinarySearch", "GetTypeCode",
        };

        private static readonly HashSet<string> FilterMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "First", "FirstOrDefault", "Last", "LastOrDefault",
            "Single", "SingleOrDefault", "TakeWhile", "SkipWhile", "ForEach", "RemoveAll", "Find", "FindAll", "FindLast",
            "DistinctBy", "ExceptBy", "IntersectBy", "UnionBy", "MinBy", "MaxBy", "Sort", "Any", "All", "Count", "LongCount",
            "Exists", "TrueForAll", "FindIndex", "FindLastIndex", "Order", "OrderDescending", "Chunk",
        };

        private static readonly HashSet<string> ProjectionMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Select", "SelectMany", "ConvertAll", "Aggregate", "Sum", "Average", "Min", "Max", "Zip", "Join", "GroupJoin",
            "AggregateBy", "CountBy",
        };

        /// <summary>Calls whose result is (some of) the elements they were given, structure intact: enumerators, filters, copies.</summary>
        private static readonly HashSet<string> ElementPreservingMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "GetEnumerator", "ToList", "ToArray", "AsEnumerable", "ToHashSet", "ToImmutableArray", "ToImmutableList", "AsReadOnly",
            "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault",
            "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Skip", "Take", "SkipWhile", "TakeWhile",
            "SkipLast", "TakeLast", "Distinct", "DistinctBy", "Reverse", "Concat", "Union", "Append", "Prepend", "Find", "FindLast",
            "FindAll", "Peek", "Dequeue", "Pop", "MinBy", "MaxBy", "DefaultIfEmpty", "Order", "OrderDescending", "GetValueOrDefault",
            "ConfigureAwait", "AsTask", "WaitAsync", "GetAwaiter", "GetResult",
        };

        /// <summary>Calls that put their arguments into the receiver.</summary>
        private static readonly HashSet<string> AdderMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Add", "AddRange", "Insert", "InsertRange", "Enqueue", "Push", "AddFirst", "AddLast", "TryAdd", "Append", "AppendLine",
            "Prepend", "Write", "WriteLine", "Set", "SetValue", "AddOrUpdate", "GetOrAdd",
        };

        private readonly FlowOptions _options;

        public LibraryModel(FlowOptions options)
        {
            _options = options;
        }

        public LibraryBehavior Classify(IMethodSymbol method)
        {
            if (FlowOptions.Matches(_options.Minimizers, method))
            {
                return LibraryBehavior.Minimize;
            }

            if (FlowOptions.Matches(_options.Propagators, method))
            {
                return LibraryBehavior.Propagate;
            }

            if (FlowOptions.Matches(_options.CleanMethods, method) || CleanMethods.Contains(method.Name) || IsPredicateType(method.ReturnType))
            {
                return LibraryBehavior.Clean;
            }

            return LibraryBehavior.Propagate;
        }

        /// <summary>Sizes and flags read from library objects never carry identity.</summary>
        public bool IsCleanMember(ISymbol member)
        {
            if (member is IPropertySymbol p && IsPredicateType(p.Type) || member is IFieldSymbol f && IsPredicateType(f.Type))
            {
                return true;
            }

            return CleanMembers.Contains(member.Name) && IsNumeric(member is IPropertySymbol pp ? pp.Type : (member as IFieldSymbol)?.Type);
        }

        public static bool PreservesElements(IMethodSymbol method) => ElementPreservingMethods.Contains(method.Name);

        public static bool IsAdder(IMethodSymbol method) => AdderMethods.Contains(method.Name);

        /// <summary>
        /// Reading 10: whether a call on a library receiver of type <paramref name="receiverType"/> (one that
        /// <see cref="IsFillableContainer"/> accepts) puts its arguments into it. A builder, stream, writer or channel is
        /// filled by whatever it is given (<c>Append</c>, <c>Write</c>, <c>Replace</c>). A collection is filled only by the
        /// calls that store (<see cref="IsStoringCall"/>); a lookup, a test or a removal by key or element
        /// (<c>TryGetValue</c>, <c>ContainsKey</c>, <c>IndexOf</c>, <c>Remove</c>, <c>TryRemove</c>) leaves in it only what
        /// it held before.
        /// </summary>
        public static bool FillsReceiver(IMethodSymbol method, ITypeSymbol? receiverType)
            => IsStoringCall(method.Name) || !IsCollection(receiverType);

        /// <summary>
        /// The calls by which a collection stores what it is given: adding, inserting, pushing, enqueuing, appending,
        /// writing, putting, setting, updating, attaching or upserting an element, and merging another collection in
        /// (<c>UnionWith</c>, <c>Merge</c>).
        /// </summary>
        public static bool IsStoringCall(string name)
        {
            if (StoringMethods.Contains(name))
            {
                return true;
            }

            foreach (var prefix in StoringPrefixes)
            {
                // A prefix is a word of the name (AddWithValue, TryAddWithoutValidation, EnqueueRange), not a part of one.
                if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && char.IsUpper(name[prefix.Length]))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly HashSet<string> StoringMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Add", "TryAdd", "Insert", "Enqueue", "TryEnqueue", "Push", "TryPush", "Append", "Prepend", "Write", "TryWrite", "Set",
            "SetValue", "SetItem", "AddOrUpdate", "GetOrAdd", "TryUpdate", "UnionWith", "SymmetricExceptWith", "Post", "Fill",
            "Update", "Attach", "Merge", "Put", "Upsert", "Store", "SetResult", "TrySetResult",
        };

        private static readonly string[] StoringPrefixes =
        {
            "Add", "TryAdd", "Insert", "Enqueue", "Push", "Append", "Prepend", "Write", "TryWrite", "Update", "Attach", "Merge",
            "Put", "Upsert", "Store",
        };

        /// <summary>
        /// `Interlocked.Exchange`, `Interlocked.CompareExchange` and `Volatile.Write`: they store their second argument into
        /// the location their first one passes by reference.
        /// </summary>
        public static bool IsAtomicStore(IMethodSymbol target)
            => target.IsStatic && target.Name is "Exchange" or "CompareExchange" or "Write"
                && target.ContainingType is { Name: "Interlocked" or "Volatile", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
                && target.Parameters.Length >= 2 && target.Parameters[0].RefKind == RefKind.Ref;

        /// <summary>A builder, stream or writer (and not a collection): it holds whatever any of its methods is given.</summary>
        public static bool HoldsWhatItIsGiven(ITypeSymbol? type)
            => type is not null && type.TypeKind != TypeKind.Array && IsFillableContainer(type) && !IsCollection(type);

        /// <summary>
        /// A collection of elements (it enumerates them) that is not also a builder, a stream or a writer, which hold what
        /// any of their methods is given.
        /// </summary>
        private static bool IsCollection(ITypeSymbol? type)
        {
            if (type is null || !IsFillableContainer(type) || type.Name.EndsWith("Writer", StringComparison.Ordinal) || type.Name == "StringBuilder" || IsInterpolatedStringHandler(type))
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Array || IsPriorityQueue(type))
            {
                return true;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.Name is "Stream" or "TextWriter" or "BinaryWriter" or "Channel" && t.ContainingNamespace?.ToDisplayString() is "System.IO" or "System.Threading.Channels")
                {
                    return false;
                }
            }

            if (type.TypeKind == TypeKind.Interface && (type.SpecialType == SpecialType.System_Collections_IEnumerable || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T))
            {
                return true;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (i.SpecialType == SpecialType.System_Collections_IEnumerable || i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return false;
        }

        public DelegateResultShape ShapeOf(IMethodSymbol method)
        {
            if (FilterMethods.Contains(method.Name))
            {
                return DelegateResultShape.InputsOnly;
            }

            return ProjectionMethods.Contains(method.Name) || IsKeyedProjection(method) ? DelegateResultShape.DelegatesOnly : DelegateResultShape.Both;
        }

        private static readonly HashSet<string> KeyedMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "ToDictionary", "ToLookup", "GroupBy", "ToFrozenDictionary", "ToImmutableDictionary", "ToImmutableSortedDictionary",
            "ToSortedDictionary",
        };

        /// <summary>
        /// A keyed collection built from two functions (<c>ToDictionary(c => c.Id, c => Privacy.Hash(c.Email))</c>, a
        /// <c>GroupBy</c> with an element or result selector): its keys and values are what the functions return, not the
        /// elements. With the key selector alone the values are the elements themselves.
        /// </summary>
        private static bool IsKeyedProjection(IMethodSymbol method)
        {
            if (!KeyedMethods.Contains(method.Name))
            {
                return false;
            }

            var functions = 0;
            foreach (var p in method.OriginalDefinition.Parameters)
            {
                if (p.Type.TypeKind == TypeKind.Delegate)
                {
                    functions++;
                }
            }

            return functions >= 2;
        }

        /// <summary><see langword="bool"/> results (comparisons, predicates) are clean: implicit flows are out of scope.</summary>
        /// <summary>
        /// Numbers, <c>Guid</c>, <c>bool</c>, enums and dates (Reading 11): types that cannot hold another value's identity,
        /// so a member of such a type read from a container of identity is clean unless it is itself a source.
        /// </summary>
        public static bool IsScalarType(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type is null)
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return true;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_DateTime:
                    return true;
            }

            return type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Guid" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly";
        }

        /// <summary>
        /// Reading 10: the library receivers a call fills with its arguments: collections, builders, streams, writers and
        /// channels. Any other receiver (a client, factory, service, scope or context) does not carry identity afterwards.
        /// </summary>
        /// <summary>
        /// A type the compiler fills with an interpolated string's parts (<c>[InterpolatedStringHandler]</c>: the handlers of
        /// <c>StringBuilder.Append($"…")</c>, <c>string.Create</c>, <c>span.TryWrite</c>, a logger's): a builder, holding every
        /// part appended to it, which the call it is passed to then receives.
        /// </summary>
        public static bool IsInterpolatedStringHandler(ITypeSymbol type)
        {
            if (type.TypeKind is not (TypeKind.Struct or TypeKind.Class) || !type.Name.EndsWith("Handler", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "InterpolatedStringHandlerAttribute", ContainingNamespace: { Name: "CompilerServices" } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>TaskCompletionSource&lt;T&gt;</c>: what <c>SetResult</c> puts in, its <c>Task</c> hands out.</summary>
        public static bool IsPromise(ITypeSymbol? type)
            => type is INamedTypeSymbol { Name: "TaskCompletionSource" } && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        public static bool IsFillableContainer(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType == SpecialType.System_String || type.TypeKind is TypeKind.Delegate or TypeKind.Error)
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Array || type.Name.EndsWith("Builder", StringComparison.Ordinal) || type.Name.EndsWith("Writer", StringComparison.Ordinal)
                || IsInterpolatedStringHandler(type))
            {
                return true;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.Name is "Stream" or "TextWriter" or "BinaryWriter" or "Channel" or "ChannelWriter" or "ChannelReader" && t.ContainingNamespace?.ToDisplayString() is "System.IO" or "System.Threading.Channels")
                {
                    return true;
                }
            }

            if (IsPromise(type))
            {
                // A TaskCompletionSource holds the result it is completed with until its Task is awaited.
                return true;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (i.SpecialType == SpecialType.System_Collections_IEnumerable || i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return type.TypeKind == TypeKind.Interface && (type.SpecialType == SpecialType.System_Collections_IEnumerable || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                || IsPriorityQueue(type);
        }

        /// <summary><c>PriorityQueue&lt;TElement, TPriority&gt;</c>: a collection whose elements are not enumerable through it (only through <c>UnorderedItems</c>).</summary>
        private static bool IsPriorityQueue(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: "PriorityQueue", Arity: 2 } && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

        public static bool IsPredicateType(ITypeSymbol? type)
            => type is not null && (type.SpecialType == SpecialType.System_Boolean
                || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n && n.TypeArguments[0].SpecialType == SpecialType.System_Boolean);

        private static bool IsNumeric(ITypeSymbol? type)
            => type is not null && type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Boolean;
    }
}
