using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Minimization.Analyzers.Flow;

namespace Minimization.Analyzers.Adoption
{
    /// <summary>
    /// Identity, sinks and minimizers a codebase already has without the toolkit's attributes: attributes of the .NET
    /// ecosystem (matched by metadata name, so none of their packages is a dependency), configured types, members and
    /// sink methods, and <c>Redactor.Redact</c>. One per compilation, built with <see cref="FlowAnnotations"/>; no state
    /// but the compilation's own, every answer cached by the caller.
    /// </summary>
    internal sealed class AdoptionModel
    {
        public const string DataClassificationAttributeName = "Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute";
        public const string NoDataClassificationAttributeName = "Microsoft.Extensions.Compliance.Classification.NoDataClassificationAttribute";
        public const string PersonalDataAttributeName = "Microsoft.AspNetCore.Identity.PersonalDataAttribute";
        public const string DataTypeAttributeName = "System.ComponentModel.DataAnnotations.DataTypeAttribute";
        public const string RedactorName = "Microsoft.Extensions.Compliance.Redaction.Redactor";

        /// <summary>The category a classification falls back to when its taxonomy's name cannot be read from code.</summary>
        public const string PersonalCategory = "personal";

        private static readonly SymbolDisplayFormat FullName = new SymbolDisplayFormat(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.None);

        /// <summary>The data-annotation attributes that name a kind of identifier, and its category.</summary>
        private static readonly Dictionary<string, string> AnnotationCategories = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["System.ComponentModel.DataAnnotations.PhoneAttribute"] = "phone",
            ["System.ComponentModel.DataAnnotations.EmailAddressAttribute"] = "email",
            ["System.ComponentModel.DataAnnotations.CreditCardAttribute"] = "account-id",
        };

        /// <summary><c>System.ComponentModel.DataAnnotations.DataType</c> values that name a kind of identifier.</summary>
        private static readonly Dictionary<int, string> DataTypeCategories = new Dictionary<int, string>
        {
            [5] = "phone",        // PhoneNumber
            [10] = "email",       // EmailAddress
            [14] = "account-id",   // CreditCard
            [15] = "postal-code",  // PostalCode
        };

        private readonly Compilation _compilation;

        /// <summary>What each attribute class is to the analysis, computed once per class (its base chain is walked by name).</summary>
        private readonly ConcurrentDictionary<INamedTypeSymbol, AttributeKind> _kinds = new ConcurrentDictionary<INamedTypeSymbol, AttributeKind>(SymbolEqualityComparer.Default);
        private readonly AdoptionOptions _options;
        private readonly bool _hasRedactor;

        public AdoptionModel(Compilation compilation, AdoptionOptions options)
        {
            _compilation = compilation;
            _options = options;
            _hasRedactor = compilation.GetTypeByMetadataName(RedactorName) is not null;
            CanHaveSources = options.HasConfiguredSources
                || options.RecognizeDataClassification && compilation.GetTypeByMetadataName(DataClassificationAttributeName) is not null
                || options.RecognizeAspNetIdentity && compilation.GetTypeByMetadataName(PersonalDataAttributeName) is not null
                || options.RecognizeDataAnnotations && compilation.GetTypeByMetadataName(DataTypeAttributeName) is not null;
        }

        public AdoptionOptions Options => _options;

        /// <summary>Whether anything in the compilation can be identity without <c>[IdentityBearing]</c>.</summary>
        public bool CanHaveSources { get; }

        /// <summary>Whether anything can be a sink without <c>[PartnerShare]</c>.</summary>
        public bool CanHaveSinks => _options.HasConfiguredSinks;

        /// <summary>Whether <paramref name="attribute"/> is a recognized attribute of the ecosystem, and the category it gives.</summary>
        public bool IsIdentityAttribute(AttributeData attribute, out string? category)
        {
            category = null;
            var type = attribute.AttributeClass;
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            var kind = _kinds.GetOrAdd(type, Classify);
            if (kind.IsDataType)
            {
                // [DataType(DataType.PhoneNumber)] and its kin; a custom data type names nothing.
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Enum
                    && attribute.ConstructorArguments[0].Value is int value && DataTypeCategories.TryGetValue(value, out var c))
                {
                    category = c;
                    return true;
                }

                return false;
            }

            category = kind.Category;
            return kind.IsIdentity;
        }

        private AttributeKind Classify(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.SpecialType == SpecialType.System_Object || string.Equals(t.Name, "Attribute", StringComparison.Ordinal) && t.ContainingNamespace?.Name == "System")
                {
                    break;
                }

                var name = t.ToDisplayString(FullName);
                if (_options.RecognizeDataAnnotations && AnnotationCategories.TryGetValue(name, out var c))
                {
                    return AttributeKind.Identity(c);
                }

                if (_options.RecognizeDataAnnotations && string.Equals(name, DataTypeAttributeName, StringComparison.Ordinal))
                {
                    return AttributeKind.DataType;
                }

                if (_options.RecognizeAspNetIdentity && string.Equals(name, PersonalDataAttributeName, StringComparison.Ordinal))
                {
                    return AttributeKind.Identity(PersonalCategory);
                }

                if (_options.RecognizeDataClassification && string.Equals(name, NoDataClassificationAttributeName, StringComparison.Ordinal))
                {
                    // "This data is not classified": the one classification that says it is not personal.
                    return AttributeKind.None;
                }

                if (_options.RecognizeDataClassification && string.Equals(name, DataClassificationAttributeName, StringComparison.Ordinal))
                {
                    return AttributeKind.Identity(TaxonomyName(type, 0) ?? WithoutSuffix(type.Name));
                }
            }

            return AttributeKind.None;
        }

        /// <summary>An attribute class: not recognized, identity with a fixed category, or <c>[DataType]</c> (its argument decides).</summary>
        private sealed class AttributeKind
        {
            public static readonly AttributeKind None = new AttributeKind(false, false, null);
            public static readonly AttributeKind DataType = new AttributeKind(false, true, null);

            private AttributeKind(bool isIdentity, bool isDataType, string? category)
            {
                IsIdentity = isIdentity;
                IsDataType = isDataType;
                Category = category;
            }

            public bool IsIdentity { get; }

            public bool IsDataType { get; }

            public string? Category { get; }

            public static AttributeKind Identity(string category) => new AttributeKind(true, false, category);
        }

        /// <summary>A recognized attribute on <paramref name="symbol"/> (a type, member or parameter).</summary>
        public bool HasIdentityAttribute(ISymbol symbol, out string? category)
        {
            category = null;
            if (!CanHaveSources)
            {
                return false;
            }

            foreach (var a in symbol.GetAttributes())
            {
                if (IsIdentityAttribute(a, out category))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A recognized attribute on the return value of <paramref name="method"/>.</summary>
        public bool HasReturnIdentityAttribute(IMethodSymbol method, out string? category)
        {
            category = null;
            if (!CanHaveSources)
            {
                return false;
            }

            foreach (var a in method.GetReturnTypeAttributes())
            {
                if (IsIdentityAttribute(a, out category))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>minimization.identity_bearing</c> entry naming <paramref name="type"/>.</summary>
        public bool IsConfiguredType(INamedTypeSymbol type, out string? category)
        {
            category = null;
            if (!_options.HasConfiguredSources)
            {
                return false;
            }

            var name = type.OriginalDefinition.ToDisplayString(FullName);
            foreach (var e in _options.IdentityBearing)
            {
                if (NameMatches(name, e.Name))
                {
                    category = e.Value;
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>minimization.identity_bearing</c> entry naming <paramref name="member"/> (a property, field or method: its result).</summary>
        public bool IsConfiguredMember(ISymbol member, out string? category)
        {
            category = null;
            if (!_options.HasConfiguredSources || member.ContainingType is null)
            {
                return false;
            }

            var name = member.ContainingType.OriginalDefinition.ToDisplayString(FullName) + "." + member.Name;
            foreach (var e in _options.IdentityBearing)
            {
                if (NameMatches(name, e.Name) || e.Name.EndsWith(".*", StringComparison.Ordinal) && NameMatches(member.ContainingType.OriginalDefinition.ToDisplayString(FullName), e.Name.Substring(0, e.Name.Length - 2)))
                {
                    category = e.Value;
                    return true;
                }
            }

            return false;
        }

        /// <summary>The <c>minimization.partner_sinks</c> entry naming <paramref name="method"/>, if any.</summary>
        public ConfiguredEntry? ConfiguredSink(IMethodSymbol method)
        {
            if (!_options.HasConfiguredSinks)
            {
                return null;
            }

            foreach (var e in _options.PartnerSinks)
            {
                if (FlowOptions.Matches(ImmutableArray.Create(e.Name), method))
                {
                    return e;
                }
            }

            return null;
        }

        /// <summary><c>Redactor.Redact</c> and its overloads (and overrides in redactors that derive from it), when the package is used.</summary>
        public bool IsBuiltInMinimizer(IMethodSymbol method)
        {
            if (!_hasRedactor || !string.Equals(method.Name, "Redact", StringComparison.Ordinal))
            {
                return false;
            }

            for (var t = method.ContainingType; t is not null; t = t.BaseType)
            {
                if (string.Equals(t.ToDisplayString(FullName), RedactorName, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Entries of <c>minimization.identity_bearing</c>, <c>minimization.partner_sinks</c> and <c>minimization.minimizers</c>
        /// that name no type, member or method of the compilation or its references (MIN019).
        /// </summary>
        public IEnumerable<ConfiguredEntry> Unresolved(FlowOptions flow, CancellationToken cancellationToken)
        {
            var index = new Lazy<Dictionary<string, List<INamedTypeSymbol>>>(() => IndexTypes(cancellationToken));
            foreach (var e in _options.IdentityBearing)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Resolves(e.Name, index, allowType: true))
                {
                    yield return e;
                }
            }

            foreach (var e in _options.PartnerSinks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Resolves(e.Name, index, allowType: false))
                {
                    yield return e;
                }
            }

            foreach (var m in flow.Minimizers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Resolves(m, index, allowType: false))
                {
                    yield return new ConfiguredEntry(FlowOptions.MinimizersKey, m, m, null);
                }
            }
        }

        private bool Resolves(string name, Lazy<Dictionary<string, List<INamedTypeSymbol>>> index, bool allowType)
        {
            if (name.EndsWith(".*", StringComparison.Ordinal))
            {
                return FindTypes(name.Substring(0, name.Length - 2), index).Any();
            }

            if (allowType && FindTypes(name, index).Any())
            {
                return true;
            }

            var dot = name.LastIndexOf('.');
            if (dot <= 0)
            {
                return false;
            }

            var member = name.Substring(dot + 1);
            foreach (var type in FindTypes(name.Substring(0, dot), index))
            {
                for (var t = type; t is not null; t = t.BaseType)
                {
                    if (t.GetMembers(member).Any(m => allowType || m is IMethodSymbol))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private IEnumerable<INamedTypeSymbol> FindTypes(string name, Lazy<Dictionary<string, List<INamedTypeSymbol>>> index)
        {
            // C# keywords for the special types, as the library table allows (string.Format).
            var keyword = KeywordType(name);
            if (keyword is not null)
            {
                return new[] { keyword };
            }

            var exact = _compilation.GetTypeByMetadataName(name);
            if (exact is not null)
            {
                return new[] { exact };
            }

            var simple = name.Substring(name.LastIndexOf('.') + 1);
            if (!index.Value.TryGetValue(simple, out var candidates))
            {
                return Array.Empty<INamedTypeSymbol>();
            }

            return candidates.Where(t => NameMatches(t.ToDisplayString(FullName), name));
        }

        private INamedTypeSymbol? KeywordType(string name)
        {
            switch (name)
            {
                case "string": return _compilation.GetSpecialType(SpecialType.System_String);
                case "object": return _compilation.GetSpecialType(SpecialType.System_Object);
                case "int": return _compilation.GetSpecialType(SpecialType.System_Int32);
                case "long": return _compilation.GetSpecialType(SpecialType.System_Int64);
                case "bool": return _compilation.GetSpecialType(SpecialType.System_Boolean);
                case "char": return _compilation.GetSpecialType(SpecialType.System_Char);
                case "byte": return _compilation.GetSpecialType(SpecialType.System_Byte);
                case "short": return _compilation.GetSpecialType(SpecialType.System_Int16);
                case "uint": return _compilation.GetSpecialType(SpecialType.System_UInt32);
                case "ulong": return _compilation.GetSpecialType(SpecialType.System_UInt64);
                case "float": return _compilation.GetSpecialType(SpecialType.System_Single);
                case "double": return _compilation.GetSpecialType(SpecialType.System_Double);
                case "decimal": return _compilation.GetSpecialType(SpecialType.System_Decimal);
                default: return null;
            }
        }

        /// <summary>Every type of the compilation and its references by simple name; built only when an entry is a suffix.</summary>
        private Dictionary<string, List<INamedTypeSymbol>> IndexTypes(CancellationToken cancellationToken)
        {
            var index = new Dictionary<string, List<INamedTypeSymbol>>(StringComparer.Ordinal);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(_compilation.GlobalNamespace);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = pending.Pop();
                foreach (var member in current.GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        if (!index.TryGetValue(type.Name, out var list))
                        {
                            index[type.Name] = list = new List<INamedTypeSymbol>();
                        }

                        list.Add(type);
                        pending.Push(type);
                    }
                }
            }

            return index;
        }

        /// <summary><paramref name="full"/> is <paramref name="entry"/> or ends with <c>.</c> + it (the library table's suffix rule).</summary>
        internal static bool NameMatches(string full, string entry)
            => entry.Length > 0 && (string.Equals(full, entry, StringComparison.Ordinal) || full.EndsWith("." + entry, StringComparison.Ordinal));

        private static string WithoutSuffix(string name)
            => name.EndsWith("Attribute", StringComparison.Ordinal) && name.Length > "Attribute".Length ? name.Substring(0, name.Length - "Attribute".Length) : name;

        /// <summary>
        /// The taxonomy's name of a classification attribute declared in this compilation, read from its constructor's
        /// <c>base(...)</c>: <c>new DataClassification("Taxonomy", ...)</c>, or a member of a taxonomy class that returns one,
        /// whose first argument is a literal, a constant, <c>nameof(...)</c> or <c>typeof(T).FullName</c>/<c>.Name</c>.
        /// Null when it cannot be read (an attribute from a package): the attribute's name then stands for it.
        /// </summary>
        private string? TaxonomyName(INamedTypeSymbol attribute, int depth)
        {
            foreach (var ctor in attribute.InstanceConstructors)
            {
                foreach (var reference in ctor.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is ConstructorDeclarationSyntax { Initializer: { } init } && init.ArgumentList.Arguments.Count > 0)
                    {
                        var name = ClassificationTaxonomy(init.ArgumentList.Arguments[0].Expression, attribute, depth);
                        if (name is not null)
                        {
                            return name;
                        }
                    }
                }
            }

            return null;
        }

        private string? ClassificationTaxonomy(ExpressionSyntax expression, INamedTypeSymbol context, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            switch (expression)
            {
                case BaseObjectCreationExpressionSyntax { ArgumentList: { Arguments.Count: > 0 } args }:
                    return StringOf(args.Arguments[0].Expression, context, depth + 1);
                case InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } call when call.Expression.ToString().EndsWith("DataClassification", StringComparison.Ordinal):
                    return StringOf(call.ArgumentList.Arguments[0].Expression, context, depth + 1);
                default:
                    return MemberExpression(expression, context, out var owner) is { } body ? ClassificationTaxonomy(body, owner!, depth + 1) : null;
            }
        }

        private string? StringOf(ExpressionSyntax expression, INamedTypeSymbol context, int depth)
        {
            if (depth > 6)
            {
                return null;
            }

            switch (expression)
            {
                case LiteralExpressionSyntax literal when literal.Token.Value is string s:
                    return s;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments.Count: 1 } nameOf:
                    var text = nameOf.ArgumentList.Arguments[0].Expression.ToString();
                    return text.Substring(text.LastIndexOf('.') + 1);
                case PostfixUnaryExpressionSyntax { Operand: var operand }:
                    return StringOf(operand, context, depth + 1);
                case MemberAccessExpressionSyntax { Expression: TypeOfExpressionSyntax typeOf, Name.Identifier.ValueText: var part } when part is "FullName" or "Name":
                    var type = FindType(typeOf.Type.ToString(), context);
                    return type is null ? null : part == "Name" ? type.Name : type.ToDisplayString(FullName);
            }

            var symbol = ResolveMember(expression, context);
            if (symbol is IFieldSymbol { HasConstantValue: true, ConstantValue: string constant })
            {
                return constant;
            }

            return MemberExpression(expression, context, out var owner) is { } body ? StringOf(body, owner!, depth + 1) : null;
        }

        /// <summary>The expression a property or field named by <paramref name="expression"/> returns (its initializer or expression body).</summary>
        private ExpressionSyntax? MemberExpression(ExpressionSyntax expression, INamedTypeSymbol context, out INamedTypeSymbol? owner)
        {
            owner = null;
            var symbol = ResolveMember(expression, context);
            if (symbol is null)
            {
                return null;
            }

            owner = symbol.ContainingType;
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax())
                {
                    case PropertyDeclarationSyntax { ExpressionBody: { } arrow }:
                        return arrow.Expression;
                    case PropertyDeclarationSyntax { Initializer: { } init }:
                        return init.Value;
                    case PropertyDeclarationSyntax { AccessorList: { } accessors }:
                        var getter = accessors.Accessors.FirstOrDefault(a => a.Keyword.ValueText == "get");
                        if (getter?.ExpressionBody is { } body)
                        {
                            return body.Expression;
                        }

                        if (getter?.Body?.Statements.Count == 1 && getter.Body.Statements[0] is ReturnStatementSyntax { Expression: { } returned })
                        {
                            return returned;
                        }

                        break;
                    case VariableDeclaratorSyntax { Initializer: { } value }:
                        return value.Value;
                }
            }

            return null;
        }

        /// <summary>The field or property <c>Name</c> or <c>Type.Name</c> denotes, looked up by name (no semantic model is needed).</summary>
        private ISymbol? ResolveMember(ExpressionSyntax expression, INamedTypeSymbol context)
        {
            string member;
            INamedTypeSymbol? owner;
            switch (expression)
            {
                case IdentifierNameSyntax id:
                    member = id.Identifier.ValueText;
                    owner = context;
                    break;
                case MemberAccessExpressionSyntax access:
                    member = access.Name.Identifier.ValueText;
                    owner = FindType(access.Expression.ToString(), context);
                    break;
                default:
                    return null;
            }

            for (var t = owner; t is not null; t = t.BaseType)
            {
                var found = t.GetMembers(member).FirstOrDefault(m => m is IFieldSymbol or IPropertySymbol);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        private INamedTypeSymbol? FindType(string name, INamedTypeSymbol context)
        {
            name = name.StartsWith("global::", StringComparison.Ordinal) ? name.Substring("global::".Length) : name;
            for (var t = context; t is not null; t = t.ContainingType)
            {
                if (t.Name == name)
                {
                    return t;
                }

                var nested = t.GetTypeMembers(name).FirstOrDefault();
                if (nested is not null)
                {
                    return nested;
                }
            }

            var exact = _compilation.GetTypeByMetadataName(name);
            if (exact is not null)
            {
                return exact;
            }

            var ns = context.ContainingNamespace;
            while (ns is not null)
            {
                var candidate = _compilation.GetTypeByMetadataName(ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name);
                if (candidate is not null)
                {
                    return candidate;
                }

                ns = ns.ContainingNamespace;
            }

            return _compilation.GetSymbolsWithName(name.Substring(name.LastIndexOf('.') + 1), SymbolFilter.Type).OfType<INamedTypeSymbol>().FirstOrDefault();
        }
    }
}
