using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// A 128-bit digest of what the binding of code depends on outside that code: the declarations of every tree (their text
    /// with the bodies of members left out), the parse and compilation options and the references. Two compilations with
    /// the same digest bind an unchanged tree's code to the same members, so what one learnt about that tree's calls and
    /// assignments holds in the other (the editor's case: a keystroke inside a body changes no declaration).
    /// </summary>
    internal readonly struct Fingerprint : IEquatable<Fingerprint>
    {
        public Fingerprint(ulong high, ulong low)
        {
            High = high;
            Low = low;
        }

        public ulong High { get; }

        public ulong Low { get; }

        public bool Equals(Fingerprint other) => High == other.High && Low == other.Low;

        public override bool Equals(object? obj) => obj is Fingerprint other && Equals(other);

        public override int GetHashCode() => unchecked((int)(Low ^ (Low >> 32)));

        /// <summary>The digest of one tree's declarations: every token outside member bodies, with each body's presence and kind.</summary>
        public static Fingerprint OfDeclarations(SyntaxTree tree, CancellationToken cancellationToken)
        {
            // The options' own hash codes are not used: a compiler host's parts may not implement them (the command-line
            // compiler's reference resolver throws), so the fields that bear on binding are read one by one.
            var digest = new Digest();
            var options = tree.Options;
            digest.Add((int)options.Kind);
            digest.Add((int)options.DocumentationMode);
            digest.Add(options is CSharpParseOptions csharp ? (int)csharp.LanguageVersion : 0);
            foreach (var symbol in options.PreprocessorSymbolNames)
            {
                digest.Add(symbol);
            }

            foreach (var feature in options.Features)
            {
                digest.Add(feature.Key);
                digest.Add(feature.Value ?? string.Empty);
            }

            var count = 0;
            foreach (var item in tree.GetRoot(cancellationToken).DescendantNodesAndTokens(node => !IsBody(node)))
            {
                if ((++count & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (item.IsNode)
                {
                    if (IsBody(item.AsNode()!))
                    {
                        // That there is a body (a partial method with one, an accessor with one) is a declaration; what it says is not.
                        digest.Add(-item.RawKind);
                    }

                    continue;
                }

                var token = item.AsToken();
                if (token.HasLeadingTrivia)
                {
                    foreach (var trivia in token.LeadingTrivia)
                    {
                        if (trivia.IsDirective)
                        {
                            digest.Add(trivia.ToString());
                        }
                    }
                }

                digest.Add(token.RawKind);
                digest.Add(token.Text);
            }

            return digest.Done();
        }

        /// <summary>
        /// The digest of a compilation's declarations: its trees' digests (kept with each tree, so a keystroke computes one
        /// tree's again), its options, its name and its references.
        /// </summary>
        public static Fingerprint OfCompilation(Compilation compilation, TreeScans scans, CancellationToken cancellationToken)
        {
            var digest = new Digest();
            digest.Add(compilation.AssemblyName ?? string.Empty);
            var options = compilation.Options;
            digest.Add((int)options.OutputKind);
            digest.Add((int)options.MetadataImportOptions);
            digest.Add((int)options.NullableContextOptions);
            digest.Add(options.CheckOverflow ? 1 : 0);
            digest.Add(options.ScriptClassName ?? string.Empty);
            if (options is CSharpCompilationOptions csharp)
            {
                digest.Add(csharp.AllowUnsafe ? 1 : 0);
                foreach (var import in csharp.Usings)
                {
                    digest.Add(import);
                }
            }

            foreach (var reference in compilation.References)
            {
                // The same reference object across the compilations of one session (a fork keeps them); a reference loaded
                // again is a new object and a new digest.
                digest.Add(reference.Display ?? string.Empty);
                digest.Add(RuntimeHelpers.GetHashCode(reference));
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                var declarations = scans.Bindings(tree).Declarations(cancellationToken);
                digest.Add(declarations.High);
                digest.Add(declarations.Low);
            }

            return digest.Done();
        }

        /// <summary>The code a member declaration carries that no other code's binding depends on: its block or arrow body.</summary>
        private static bool IsBody(SyntaxNode node) => node switch
        {
            BlockSyntax block => block.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax,
            ArrowExpressionClauseSyntax arrow => arrow.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax,
            _ => false,
        };

        /// <summary>Two 64-bit multiplicative hashes of different constants, fed the same values.</summary>
        private struct Digest
        {
            private ulong _a;
            private ulong _b;
            private bool _started;

            public void Add(string text)
            {
                Add(text.Length);
                for (var i = 0; i < text.Length; i++)
                {
                    Mix(text[i]);
                }
            }

            public void Add(int value) => Mix(unchecked((ulong)(uint)value | 0x1_0000_0000UL));

            public void Add(ulong value)
            {
                Mix(value & 0xFFFF_FFFFUL);
                Mix(value >> 32);
            }

            public Fingerprint Done() => new Fingerprint(Finish(_a), Finish(_b));

            private void Mix(ulong value)
            {
                if (!_started)
                {
                    _a = 14695981039346656037UL;
                    _b = 0x9E3779B97F4A7C15UL;
                    _started = true;
                }

                unchecked
                {
                    _a = (_a ^ value) * 1099511628211UL;
                    _b = (_b ^ value) * 0xBF58476D1CE4E5B9UL;
                    _b ^= _b >> 31;
                }
            }

            private static ulong Finish(ulong value)
            {
                unchecked
                {
                    value ^= value >> 33;
                    value *= 0xFF51AFD7ED558CCDUL;
                    value ^= value >> 33;
                    value *= 0xC4CEB9FE1A85EC53UL;
                    value ^= value >> 33;
                    return value;
                }
            }
        }
    }

    /// <summary>
    /// What the engine bound in one syntax tree, kept with the tree (<see cref="TreeScans"/>) for the compilations whose
    /// declarations are those it was bound under (<see cref="Fingerprint"/>). A bound member is kept as its documentation
    /// ID, re-found in each compilation (a symbol belongs to one compilation); one that does not come back from its ID (a
    /// local, a local function, an ambiguous ID) is not kept and is bound again.
    /// </summary>
    internal sealed class TreeBindings
    {
        /// <summary>Stands for "binds to nothing".</summary>
        internal const string Nothing = "";

        /// <summary>Stands for "binds to a local, a parameter or another symbol of the code around it" (<see cref="FlowEngine.NotAMemberRef"/>).</summary>
        internal const string Local = "~";

        private readonly SyntaxTree _tree;
        private object? _declarations;
        private Memo? _memo;

        public TreeBindings(SyntaxTree tree) => _tree = tree;

        /// <summary>The tree's declaration digest, computed once.</summary>
        public Fingerprint Declarations(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _declarations) is Fingerprint known)
            {
                return known;
            }

            var computed = Fingerprint.OfDeclarations(_tree, cancellationToken);
            Volatile.Write(ref _declarations, computed);
            return computed;
        }

        /// <summary>
        /// The bindings kept for compilations of digest <paramref name="epoch"/>. Those of another digest are dropped: two
        /// compilations analysed side by side with different declarations each start again, never read the other's.
        /// </summary>
        public ConcurrentDictionary<SiteKey, string> For(Fingerprint epoch)
        {
            while (true)
            {
                var memo = Volatile.Read(ref _memo);
                if (memo is not null && memo.Epoch.Equals(epoch))
                {
                    return memo.Ids;
                }

                var fresh = new Memo(epoch);
                if (Interlocked.CompareExchange(ref _memo, fresh, memo) == memo)
                {
                    return fresh.Ids;
                }
            }
        }

        private sealed class Memo
        {
            public Memo(Fingerprint epoch) => Epoch = epoch;

            public Fingerprint Epoch { get; }

            public ConcurrentDictionary<SiteKey, string> Ids { get; } = new ConcurrentDictionary<SiteKey, string>();
        }
    }

    /// <summary>
    /// A member as the indexes group its writes and calls: by documentation ID when it has one (then a binding kept from an
    /// earlier compilation gives it without binding, and the symbol is re-found only when a question needs it), else by its
    /// symbol. One instance per member and engine (<see cref="FlowEngine.RefOf(ISymbol)"/>), so two are the same member when
    /// they are the same object.
    /// </summary>
    internal sealed class MemberRef
    {
        private ISymbol? _symbol;

        private readonly int _hash;

        public MemberRef(string? id, ISymbol? symbol)
        {
            Id = id;
            _symbol = symbol;

            // Grouping dictionaries hash every write and call by its member: a hash made once here, not an object hash code
            // made on first use (equality stays by reference: one instance per member and engine).
            _hash = id is not null ? StringComparer.Ordinal.GetHashCode(id) : symbol is not null ? SymbolEqualityComparer.Default.GetHashCode(symbol) : 0;
        }

        public override int GetHashCode() => _hash;

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public string? Id { get; }

        /// <summary>The member's kind as its ID says (M, P, F, E), without re-finding it; null when it has no ID.</summary>
        public SymbolKind? Kind => Id is null || Id.Length < 2 ? null : Id[0] switch
        {
            'M' => SymbolKind.Method,
            'P' => SymbolKind.Property,
            'F' => SymbolKind.Field,
            'E' => SymbolKind.Event,
            'T' => SymbolKind.NamedType,
            _ => null,
        };

        /// <summary>The symbol in <paramref name="engine"/>'s compilation, re-found from the ID the first time it is asked.</summary>
        public ISymbol? Symbol(FlowEngine engine)
        {
            var symbol = Volatile.Read(ref _symbol);
            if (symbol is null && Id is not null)
            {
                symbol = engine.FromId(Id);
                Volatile.Write(ref _symbol, symbol);
            }

            return symbol;
        }
    }

    /// <summary>A node of a tree by its place and kind, and which question was asked of it.</summary>
    internal readonly struct SiteKey : IEquatable<SiteKey>
    {
        public SiteKey(SyntaxNode node, BindingQuestion question)
        {
            Start = node.SpanStart;
            Length = node.Span.Length;
            Kind = node.RawKind;
            Question = question;
        }

        public int Start { get; }

        public int Length { get; }

        public int Kind { get; }

        public BindingQuestion Question { get; }

        public bool Equals(SiteKey other) => Start == other.Start && Length == other.Length && Kind == other.Kind && Question == other.Question;

        public override bool Equals(object? obj) => obj is SiteKey other && Equals(other);

        public override int GetHashCode() => unchecked((((Start * 397) ^ Length) * 397 ^ Kind) * 31 + (int)Question);
    }

    /// <summary>Yes-or-no facts about a member that its declaration alone decides, kept per documentation ID (<see cref="FlowEngine.DeclaredFact(MemberRef, DeclaredFact, System.Func{ISymbol, bool}, System.Threading.CancellationToken)"/>).</summary>
    internal enum DeclaredFact
    {
        /// <summary>A member whose writes by any method are seen by every read: shared, or holding a collection.</summary>
        SharedHolder,

        /// <summary><see cref="MemberWriteIndex.IsShared"/>: a member whose value is the join of every write, whichever object.</summary>
        Shared,

        /// <summary>A property that may hand out a field's container (<see cref="MemberWriteIndex.ViewedField"/>'s declaration half).</summary>
        MayViewField,

        /// <summary>Two members (an ID pair) of which one overrides or implements the other, in either direction.</summary>
        RelatedEitherWay,

        /// <summary>Two methods (an ID pair) of which the second overrides or implements the first.</summary>
        RelatedCallee,
    }

    /// <summary>The questions whose answers are kept: each a member (or nothing) that a node binds to.</summary>
    internal enum BindingQuestion
    {
        /// <summary>What a call, creation or assigned member is (<see cref="MemberWriteIndex"/>'s call sites).</summary>
        CallTarget,

        /// <summary>What an assigned or filled expression names (the writers of a member).</summary>
        Written,

        /// <summary>Which shared member a constructor stores a parameter or channel end in, or nothing.</summary>
        InjectedStore,
    }
}
