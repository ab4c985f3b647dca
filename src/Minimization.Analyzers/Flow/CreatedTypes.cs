using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// Reading 1: the classes a receiver can be at run time, when every value it can hold is an object created in sight. A
    /// local every assignment of which is a <c>new</c> (on any branch, through <c>?:</c> and <c>??</c>), a private or readonly
    /// field that its type only ever assigns a <c>new</c>, a method or getter that can be overridden by nothing and only
    /// returns a <c>new</c>. Anything else (a parameter, an injected field, a value read from a collection) is unknown, and
    /// the call runs every implementation its static type allows.
    /// </summary>
    /// <remarks>
    /// The answers are facts of the program, kept per symbol for the compilation: the same whatever the order of the questions.
    /// A chain of locals, fields and factories is followed <see cref="MaxDepth"/> steps deep; past that the answer is unknown.
    /// </remarks>
    internal sealed class CreatedTypes
    {
        private const int MaxDepth = 4;

        /// <summary>How many values one question may look at, all steps together (a field assigned in a hundred places).</summary>
        private const int MaxValues = 64;

        private readonly FlowEngine _engine;
        private readonly ConcurrentDictionary<ISymbol, ImmutableArray<INamedTypeSymbol>> _bySymbol = new ConcurrentDictionary<ISymbol, ImmutableArray<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, List<ExpressionSyntax>?>> _fieldWrites = new ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, List<ExpressionSyntax>?>>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<int>> _dispatchesOn = new ConcurrentDictionary<IMethodSymbol, ImmutableArray<int>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IParameterSymbol, bool> _neverAssigned = new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);

        public CreatedTypes(FlowEngine engine) => _engine = engine;

        /// <summary>
        /// The parameters (by ordinal, <see cref="Label.ThisParameter"/> for the receiver) on which a body makes a call that
        /// dispatches: <c>Write(…)</c> on <c>this</c> in a template method, <c>sender.Send(…)</c> in an extension method. Run
        /// in place for an object of a known class, such a body runs that class's implementation only.
        /// </summary>
        public ImmutableArray<int> DispatchesOn(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_dispatchesOn.TryGetValue(method, out var known))
            {
                return known;
            }

            // Asked before a run in place (CalleeKnownTypes): the graph built to ask is the one that run takes.
            var graph = _engine.GetInlineGraph(method, cancellationToken);
            return _dispatchesOn.GetOrAdd(method, graph is null ? ImmutableArray<int>.Empty : ScanDispatches(method, graph));
        }

        /// <summary>
        /// Records <see cref="DispatchesOn"/> for a method whose graph was just built to solve it, so that no caller builds
        /// the graph a second time to ask.
        /// </summary>
        public void NoteGraph(IMethodSymbol method, ControlFlowGraph graph)
        {
            method = method.OriginalDefinition;
            if (!_dispatchesOn.ContainsKey(method))
            {
                _dispatchesOn.TryAdd(method, ScanDispatches(method, graph));
            }
        }

        private static ImmutableArray<int> ScanDispatches(IMethodSymbol method, ControlFlowGraph graph)
        {
            var found = ImmutableArray<int>.Empty;
            foreach (var block in graph.Blocks)
            {
                foreach (var root in block.BranchValue is { } branch ? block.Operations.Add(branch) : block.Operations)
                {
                    foreach (var operation in root.DescendantsAndSelf())
                    {
                        var (target, instance) = operation switch
                        {
                            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance),
                            IPropertyReferenceOperation { Property.GetMethod: { } getter } property => (getter, property.Instance),
                            _ => (null, null),
                        };
                        if (target is null || instance is null || !IsOverridable(target))
                        {
                            continue;
                        }

                        var ordinal = Operand(instance) switch
                        {
                            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } when method.ContainingType?.TypeKind == TypeKind.Class => Label.ThisParameter,
                            IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol.OriginalDefinition, method) => parameter.Parameter.Ordinal,
                            _ => int.MinValue,
                        };
                        if (ordinal != int.MinValue && !found.Contains(ordinal))
                        {
                            found = found.Add(ordinal);
                        }
                    }
                }
            }

            return found;
        }

        /// <summary>Whether a parameter keeps the value its caller passed for the whole body (no assignment, no <c>ref</c>).</summary>
        public bool NeverAssigned(IParameterSymbol parameter, CancellationToken cancellationToken)
            => _neverAssigned.GetOrAdd(parameter.OriginalDefinition, p =>
            {
                if (p.RefKind != RefKind.None || p.ContainingSymbol.DeclaringSyntaxReferences.Length != 1)
                {
                    return false;
                }

                var writes = new List<ExpressionSyntax>();
                return CollectWrites(p.ContainingSymbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken), p.Name, writes, cancellationToken) && writes.Count == 0;
            });

        /// <summary>The classes the value of <paramref name="operation"/> can be; default when unknown, empty when it is only ever null.</summary>
        public ImmutableArray<INamedTypeSymbol> Of(IOperation? operation, CancellationToken cancellationToken)
        {
            if (operation is null)
            {
                return default;
            }

            var budget = MaxValues;
            return OfOperation(operation, 0, ref budget, cancellationToken);
        }

        private ImmutableArray<INamedTypeSymbol> OfOperation(IOperation operation, int depth, ref int budget, CancellationToken cancellationToken)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.Operand.Type is not { TypeKind: TypeKind.Error }:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    case IFlowCaptureReferenceOperation { Syntax: ExpressionSyntax captured } when MayBeKnown(captured)
                        && _engine.GetModel(captured.SyntaxTree).GetOperation(captured, cancellationToken) is { } original and not IFlowCaptureReferenceOperation:
                        // A control-flow graph's capture (the receiver of `?.`, a `?:` or `??` value): the expression it holds.
                        operation = original;
                        continue;
                    case IConditionalAccessInstanceOperation when AccessedBy(operation) is { } accessed:
                        // `sender?.Send(…)`: the receiver is what the `?.` tested.
                        operation = accessed;
                        continue;
                }

                break;
            }

            switch (operation)
            {
                case IObjectCreationOperation { Type: INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } created }:
                    return ImmutableArray.Create(created);
                case ILiteralOperation or IDefaultValueOperation when operation.ConstantValue is { HasValue: true, Value: null }:
                case IThrowOperation:
                    return ImmutableArray<INamedTypeSymbol>.Empty;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    var whenTrue = OfOperation(conditional.WhenTrue, depth, ref budget, cancellationToken);
                    return whenTrue.IsDefault ? default : Union(whenTrue, OfOperation(whenFalse, depth, ref budget, cancellationToken));
                case ICoalesceOperation coalesce:
                    var value = OfOperation(coalesce.Value, depth, ref budget, cancellationToken);
                    return value.IsDefault ? default : Union(value, OfOperation(coalesce.WhenNull, depth, ref budget, cancellationToken));
                case ILocalReferenceOperation local:
                    return Memoized(local.Local, depth, ref budget, cancellationToken);
                case IFieldReferenceOperation field:
                    return Memoized(field.Field.OriginalDefinition, depth, ref budget, cancellationToken);
                case IInvocationOperation invocation when !IsOverridable(invocation.TargetMethod):
                    return Memoized(invocation.TargetMethod.OriginalDefinition, depth, ref budget, cancellationToken);
                case IPropertyReferenceOperation { Property: { IsIndexer: false, GetMethod: { } getter } } when !IsOverridable(getter):
                    return Memoized(getter.OriginalDefinition, depth, ref budget, cancellationToken);
                default:
                    return default;
            }
        }

        private static IOperation? AccessedBy(IOperation instance)
        {
            for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access && access.WhenNotNull.Syntax.Span.Contains(instance.Syntax.Span))
                {
                    return access.Operation;
                }
            }

            return null;
        }

        /// <summary>The value under its conversions and parentheses: what a call's receiver or argument is (`((ISender)sender)`).</summary>
        internal static IOperation Operand(IOperation operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation;
        }

        private static bool IsOverridable(IMethodSymbol method)
            => (method.IsVirtual || method.IsAbstract || method.IsOverride) && !method.IsSealed && method.ContainingType?.IsSealed != true
                || method.ContainingType?.TypeKind == TypeKind.Interface;

        /// <summary>
        /// A symbol's answer, kept when asked from the top. Asked on the way (a local assigned from a factory), it is computed
        /// again within what is left of the depth and the budget: an answer never depends on which question came first.
        /// </summary>
        private ImmutableArray<INamedTypeSymbol> Memoized(ISymbol symbol, int depth, ref int budget, CancellationToken cancellationToken)
        {
            if (depth >= MaxDepth)
            {
                return default;
            }

            if (depth > 0)
            {
                return Compute(symbol, depth, ref budget, cancellationToken);
            }

            if (_bySymbol.TryGetValue(symbol, out var known))
            {
                return known;
            }

            return _bySymbol.GetOrAdd(symbol, Compute(symbol, depth, ref budget, cancellationToken));
        }

        private ImmutableArray<INamedTypeSymbol> Compute(ISymbol symbol, int depth, ref int budget, CancellationToken cancellationToken)
        {
            var writes = symbol switch
            {
                ILocalSymbol local => LocalWrites(local, cancellationToken),
                IFieldSymbol field => FieldWrites(field, cancellationToken),
                IMethodSymbol method => Returns(method, cancellationToken),
                _ => null,
            };
            if (writes is null || writes.Count == 0)
            {
                return default;
            }

            var result = ImmutableArray<INamedTypeSymbol>.Empty;
            foreach (var written in writes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (--budget < 0 || !MayBeKnown(written) || _engine.GetModel(written.SyntaxTree).GetOperation(written, cancellationToken) is not { } operation)
                {
                    return default;
                }

                result = Union(result, OfOperation(operation, depth + 1, ref budget, cancellationToken));
                if (result.IsDefault)
                {
                    return default;
                }
            }

            return result;
        }

        /// <summary>Whether an expression's syntax can stand for objects created in sight (the rest is not bound to find out).</summary>
        private static bool MayBeKnown(ExpressionSyntax expression)
            => expression switch
            {
                BaseObjectCreationExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax => true,
                ParenthesizedExpressionSyntax parenthesized => MayBeKnown(parenthesized.Expression),
                CastExpressionSyntax cast => MayBeKnown(cast.Expression),
                ConditionalExpressionSyntax conditional => MayBeKnown(conditional.WhenTrue) && MayBeKnown(conditional.WhenFalse),
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => MayBeKnown(coalesce.Left) && MayBeKnown(coalesce.Right),
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression } or ThrowExpressionSyntax => true,
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang => MayBeKnown(bang.Operand),
                _ => false,
            };

        private static ImmutableArray<INamedTypeSymbol> Union(ImmutableArray<INamedTypeSymbol> a, ImmutableArray<INamedTypeSymbol> b)
        {
            if (a.IsDefault || b.IsDefault)
            {
                return default;
            }

            if (b.IsEmpty)
            {
                return a;
            }

            var builder = a.ToBuilder();
            foreach (var t in b)
            {
                if (!builder.Any(known => SymbolEqualityComparer.Default.Equals(known, t)))
                {
                    builder.Add(t);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Every value assigned to a local (its initializer and each <c>=</c> or <c>??=</c>), or null when it is written otherwise.</summary>
        private static List<ExpressionSyntax>? LocalWrites(ILocalSymbol local, CancellationToken cancellationToken)
        {
            if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator)
            {
                return null;
            }

            var writes = new List<ExpressionSyntax>();
            if (declarator.Initializer?.Value is { } initializer)
            {
                writes.Add(initializer);
            }

            SyntaxNode body = declarator;
            foreach (var ancestor in declarator.Ancestors())
            {
                body = ancestor;
                if (ancestor is GlobalStatementSyntax { Parent: { } unit })
                {
                    // Top-level statements: a local of one statement is written by the others.
                    body = unit;
                    break;
                }

                if (ancestor is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return CollectWrites(body, local.Name, writes, cancellationToken) ? writes : null;
        }

        /// <summary>
        /// Every value a private or readonly field is given, in all the declarations of its type (its initializer, each
        /// <c>=</c> or <c>??=</c> on a member of its name), or null when it can be written otherwise or elsewhere.
        /// </summary>
        private List<ExpressionSyntax>? FieldWrites(IFieldSymbol field, CancellationToken cancellationToken)
        {
            if (field.IsConst || !_engine.IsOwn(field) || !field.IsReadOnly && field.DeclaredAccessibility != Accessibility.Private
                || field.ContainingType is not { } type || field.AssociatedSymbol is not null)
            {
                return null;
            }

            var byName = _fieldWrites.GetOrAdd(type, t => ScanType(t, cancellationToken));
            return byName.TryGetValue(field.Name, out var writes) ? writes : null;
        }

        /// <summary>One pass over a type's declarations: what each name is assigned (null once it is written in another way).</summary>
        private static Dictionary<string, List<ExpressionSyntax>?> ScanType(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var byName = new Dictionary<string, List<ExpressionSyntax>?>();
            void Add(string name, ExpressionSyntax? value)
            {
                if (!byName.TryGetValue(name, out var list))
                {
                    byName[name] = list = new List<ExpressionSyntax>();
                }

                if (list is null)
                {
                    return;
                }

                if (value is null)
                {
                    byName[name] = null;
                }
                else
                {
                    list.Add(value);
                }
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    switch (node)
                    {
                        case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator when declarator.Initializer?.Value is { } initializer:
                            Add(declarator.Identifier.ValueText, initializer);
                            break;
                        case AssignmentExpressionSyntax assignment:
                            var target = assignment.Left is MemberAccessExpressionSyntax access ? access.Name : assignment.Left;
                            if (target is IdentifierNameSyntax name)
                            {
                                Add(name.Identifier.ValueText, assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) ? assignment.Right : null);
                            }
                            else
                            {
                                foreach (var id in assignment.Left.DescendantNodes())
                                {
                                    if (id is IdentifierNameSyntax written)
                                    {
                                        Add(written.Identifier.ValueText, null);
                                    }
                                }
                            }

                            break;
                        default:
                            if (WrittenByReference(node) is { } referenced)
                            {
                                foreach (var id in referenced.DescendantNodesAndSelf())
                                {
                                    if (id is IdentifierNameSyntax written)
                                    {
                                        Add(written.Identifier.ValueText, null);
                                    }
                                }
                            }

                            break;
                    }
                }
            }

            return byName;
        }

        /// <summary>What a node lets be written through a reference: a <c>ref</c> or <c>out</c> argument, a <c>ref</c> alias, an address taken.</summary>
        private static ExpressionSyntax? WrittenByReference(SyntaxNode node)
            => node switch
            {
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression,
                RefExpressionSyntax refExpression => refExpression.Expression,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression } address => address.Operand,
                _ => null,
            };

        /// <summary>The assignments to <paramref name="name"/> inside <paramref name="body"/>; false when it is written in another way.</summary>
        private static bool CollectWrites(SyntaxNode body, string name, List<ExpressionSyntax> writes, CancellationToken cancellationToken)
        {
            foreach (var node in body.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                ExpressionSyntax? written;
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment:
                        if (assignment.Left is IdentifierNameSyntax simple && (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)))
                        {
                            if (simple.Identifier.ValueText == name)
                            {
                                writes.Add(assignment.Right);
                            }

                            continue;
                        }

                        written = assignment.Left;
                        break;
                    default:
                        if (WrittenByReference(node) is not { } referenced)
                        {
                            continue;
                        }

                        written = referenced;
                        break;
                }

                foreach (var id in written.DescendantNodesAndSelf())
                {
                    if (id is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>What a method or getter returns, or null when it is not a body of this compilation that plainly returns.</summary>
        private List<ExpressionSyntax>? Returns(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.IsAsync || method.ReturnsByRef || method.ReturnsByRefReadonly || !_engine.IsOwn(method)
                || method.ReturnType.TypeKind is not (TypeKind.Class or TypeKind.Interface))
            {
                return null;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                var (expressionBody, block) = syntax switch
                {
                    MethodDeclarationSyntax m => (m.ExpressionBody, m.Body),
                    AccessorDeclarationSyntax a => (a.ExpressionBody, a.Body),
                    ArrowExpressionClauseSyntax arrow => (arrow, (BlockSyntax?)null),
                    _ => (null, null),
                };
                if (expressionBody is not null)
                {
                    return new List<ExpressionSyntax> { expressionBody.Expression };
                }

                if (block is null)
                {
                    continue;
                }

                var returns = new List<ExpressionSyntax>();
                foreach (var node in block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    if (node is YieldStatementSyntax)
                    {
                        return null;
                    }

                    if (node is ReturnStatementSyntax ret)
                    {
                        if (ret.Expression is null)
                        {
                            return null;
                        }

                        returns.Add(ret.Expression);
                    }
                }

                return returns;
            }

            return null;
        }
    }
}
