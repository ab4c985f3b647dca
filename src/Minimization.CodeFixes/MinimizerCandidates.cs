using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Minimization.Analyzers;

namespace Minimization.CodeFixes
{
    /// <summary>One way to minimize the value of a MIN001: the minimizer, how to call it, and the arguments besides the value.</summary>
    internal sealed class MinimizerCandidate
    {
        public MinimizerCandidate(IMethodSymbol method, bool asExtension, ImmutableArray<ExpressionSyntax> extraArguments, string title, string equivalenceKey)
        {
            Method = method;
            AsExtension = asExtension;
            ExtraArguments = extraArguments;
            Title = title;
            EquivalenceKey = equivalenceKey;
        }

        public IMethodSymbol Method { get; }

        /// <summary>Call it as <c>value.Minimize(context)</c> (an extension method in scope) rather than <c>Type.Method(value, …)</c>.</summary>
        public bool AsExtension { get; }

        public ImmutableArray<ExpressionSyntax> ExtraArguments { get; }

        public string Title { get; }

        public string EquivalenceKey { get; }

        /// <summary>The call that replaces <paramref name="value"/> (the node as it is now, possibly already rewritten inside).</summary>
        public ExpressionSyntax Wrap(ExpressionSyntax value)
        {
            var bare = value.WithoutTrivia();
            ExpressionSyntax call;
            if (AsExtension)
            {
                var receiver = NeedsParentheses(bare) ? SyntaxFactory.ParenthesizedExpression(bare) : bare;
                call = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(Method.Name)),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(ExtraArguments.Select(SyntaxFactory.Argument))));
            }
            else
            {
                var target = SyntaxFactory.ParseExpression(Method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + Method.Name)
                    .WithAdditionalAnnotations(Simplifier.Annotation);
                var arguments = new[] { SyntaxFactory.Argument(bare) }.Concat(ExtraArguments.Select(SyntaxFactory.Argument));
                call = SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
            }

            return call.WithTriviaFrom(value);
        }

        private static bool NeedsParentheses(ExpressionSyntax expression)
            => expression is not (IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                or ElementAccessExpressionSyntax or ThisExpressionSyntax or ParenthesizedExpressionSyntax or InterpolatedStringExpressionSyntax);
    }

    /// <summary>
    /// Finds the [Minimizer] methods that can take the value of a MIN001 and whose result the sink accepts: in source, in
    /// referenced assemblies that use the annotations, and written by the generator (offered first for the value's type).
    /// </summary>
    internal static class MinimizerCandidates
    {
        private const string MinimizerAttributeName = "Minimization.MinimizerAttribute";

        private const string RuntimeAssemblyName = "Minimization.Runtime";

        public static ImmutableArray<MinimizerCandidate> Find(SemanticModel model, ExpressionSyntax value, string? partner, CancellationToken cancellationToken)
        {
            var compilation = model.Compilation;
            var minimizerAttribute = compilation.GetTypeByMetadataName(MinimizerAttributeName);
            var typeInfo = model.GetTypeInfo(value, cancellationToken);
            var valueType = typeInfo.Type;
            var sinkType = typeInfo.ConvertedType ?? valueType;
            if (minimizerAttribute is null || valueType is null || sinkType is null || valueType.TypeKind == TypeKind.Error)
            {
                return ImmutableArray<MinimizerCandidate>.Empty;
            }

            var position = value.SpanStart;
            var found = new List<(int Rank, string Order, MinimizerCandidate Candidate)>();
            foreach (var method in AllMinimizers(compilation, minimizerAttribute, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!method.IsStatic || method.IsGenericMethod || method.ReturnsVoid || method.Parameters.Length == 0
                    || (method.Name == PolicyCatalog.MinimizeCoreName && PolicyCatalog.IsWrittenByGenerator(method))
                    || !model.IsAccessible(position, method))
                {
                    continue;
                }

                var first = method.Parameters[0];
                if (first.RefKind != RefKind.None || !compilation.ClassifyConversion(valueType, first.Type).IsImplicit
                    || !compilation.ClassifyConversion(method.ReturnType, sinkType).IsImplicit)
                {
                    continue;
                }

                var extra = ImmutableArray.CreateBuilder<ExpressionSyntax>();
                var usable = true;
                foreach (var parameter in method.Parameters.Skip(1))
                {
                    if (parameter.IsOptional || parameter.IsParams)
                    {
                        break;
                    }

                    var argument = ArgumentFor(model, parameter, position, partner, cancellationToken);
                    if (argument is null)
                    {
                        usable = false;
                        break;
                    }

                    extra.Add(argument);
                }

                if (!usable)
                {
                    continue;
                }

                var asExtension = method.IsExtensionMethod && model.LookupSymbols(position, valueType, method.Name, includeReducedExtensionMethods: true)
                    .OfType<IMethodSymbol>().Any(m => SymbolEqualityComparer.Default.Equals(m.ReducedFrom ?? m, method));
                var shown = method.ContainingType.Name + "." + method.Name;
                var generatedForType = PolicyCatalog.IsWrittenByGenerator(method) && SymbolEqualityComparer.Default.Equals(first.Type, valueType);
                var exact = SymbolEqualityComparer.Default.Equals(first.Type, valueType);
                var candidate = new MinimizerCandidate(
                    method,
                    asExtension,
                    extra.ToImmutable(),
                    "Minimize with " + shown,
                    "MIN001:Minimize:" + (method.GetDocumentationCommentId() ?? shown));
                var fromSource = SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly);
                found.Add((generatedForType ? 0 : (fromSource ? 1 : 3) + (exact ? 0 : 1), method.ToDisplayString(), candidate));
            }

            return found.OrderBy(f => f.Rank).ThenBy(f => f.Order, StringComparer.Ordinal).Select(f => f.Candidate).ToImmutableArray();
        }

        /// <summary>
        /// An argument for a minimizer's parameter after the value: a context object (a local, parameter, field or property in
        /// scope of that type), or for a <c>string partner</c> parameter the sink's partner. Anything else is not guessed.
        /// </summary>
        private static ExpressionSyntax? ArgumentFor(SemanticModel model, IParameterSymbol parameter, int position, string? partner, CancellationToken cancellationToken)
        {
            var type = parameter.Type;
            if (type.SpecialType == SpecialType.System_String && parameter.Name.IndexOf("partner", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return string.IsNullOrEmpty(partner) ? null : SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(partner!));
            }

            // A context is an object of its own type, never a string, number or object that any value would fit.
            if (type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Error || type is IArrayTypeSymbol)
            {
                return null;
            }

            var staticContext = IsStaticContext(model.GetEnclosingSymbol(position, cancellationToken));
            var best = model.LookupSymbols(position)
                .Select(symbol => (Symbol: symbol, Rank: Rank(symbol, position, staticContext)))
                .Where(s => s.Rank >= 0 && ValueType(s.Symbol) is { } t && model.Compilation.ClassifyConversion(t, type).IsImplicit)
                .OrderBy(s => s.Rank)
                .ThenBy(s => s.Symbol.Name, StringComparer.Ordinal)
                .Select(s => s.Symbol)
                .FirstOrDefault();
            return best is null ? null : SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(best.Name));
        }

        private static int Rank(ISymbol symbol, int position, bool staticContext)
        {
            switch (symbol)
            {
                case ILocalSymbol local:
                    // A local declared further down is in scope but not yet assigned (CS0841).
                    return local.DeclaringSyntaxReferences.All(r => r.Span.End <= position) ? 0 : -1;
                case IParameterSymbol:
                    return 0;
                case IFieldSymbol field when field.CanBeReferencedByName && (field.IsStatic || !staticContext):
                    return 1;
                case IPropertySymbol property when property.CanBeReferencedByName && !property.IsIndexer && property.GetMethod is not null && (property.IsStatic || !staticContext):
                    return 1;
                default:
                    return -1;
            }
        }

        private static ITypeSymbol? ValueType(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        private static bool IsStaticContext(ISymbol? symbol)
        {
            for (var current = symbol; current is IMethodSymbol method; current = method.ContainingSymbol)
            {
                if (method.IsStatic)
                {
                    return true;
                }
            }

            return symbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };
        }

        /// <summary>Every [Minimizer] method of the compilation and of the referenced assemblies that use the annotations.</summary>
        private static IEnumerable<IMethodSymbol> AllMinimizers(Compilation compilation, INamedTypeSymbol minimizerAttribute, CancellationToken cancellationToken)
        {
            var annotations = minimizerAttribute.ContainingAssembly;
            var assemblies = new List<IAssemblySymbol> { compilation.Assembly };
            foreach (var reference in compilation.References)
            {
                // Minimization.Runtime's [Minimizer] helpers (masking, prefixes, buckets) are the generator's building blocks:
                // which one fits depends on the value's category, not its type, so they are not offered for any string.
                if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly
                    && assembly.Name != RuntimeAssemblyName
                    && assembly.Modules.Any(m => m.ReferencedAssemblies.Any(a => a.Name == annotations.Name)))
                {
                    assemblies.Add(assembly);
                }
            }

            foreach (var assembly in assemblies)
            {
                var pending = new Stack<INamespaceOrTypeSymbol>();
                pending.Push(assembly.GlobalNamespace);
                while (pending.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var current = pending.Pop();
                    foreach (var member in current.GetMembers())
                    {
                        switch (member)
                        {
                            case INamespaceOrTypeSymbol container:
                                pending.Push(container);
                                break;
                            case IMethodSymbol method when method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, minimizerAttribute)):
                                yield return method;
                                break;
                        }
                    }
                }
            }
        }
    }
}
