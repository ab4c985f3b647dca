using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// What the engine reads off each syntax tree alone (no binding, so it holds for every compilation that has the tree),
    /// kept as long as the tree lives. One instance serves every compilation an analyzer sees: in the editor a keystroke
    /// forks the compilation, and the documents not typed in keep their tree objects, so their scans are not done again.
    /// Keyed weakly: a tree no compilation holds any more takes its scan with it. Holds no symbol and no semantic model: what
    /// was bound in a tree is kept as documentation IDs, for the compilations whose declarations are the same (<see cref="TreeBindings"/>).
    /// </summary>
    internal sealed class TreeScans
    {
        private readonly ConditionalWeakTable<SyntaxTree, MemberWriteIndex.TreeWrites> _writes = new ConditionalWeakTable<SyntaxTree, MemberWriteIndex.TreeWrites>();
        private readonly ConditionalWeakTable<SyntaxTree, MemberWriteIndex.TreeWrites>.CreateValueCallback _scan;
        private int _bodyWalks;

        public TreeScans() => _scan = tree => MemberWriteIndex.TreeWrites.Of(tree, this);

        /// <summary>The member writes, calls and stores one tree contributes to <see cref="MemberWriteIndex"/>.</summary>
        public MemberWriteIndex.TreeWrites Of(SyntaxTree tree)
            => _writes.GetValue(tree, _scan);

        /// <summary>How many writer or caller bodies were walked for their steps or call sites (each once per tree it is in).</summary>
        public int BodyWalks => Volatile.Read(ref _bodyWalks);

        internal void CountBodyWalk() => Interlocked.Increment(ref _bodyWalks);

        private readonly ConditionalWeakTable<SyntaxTree, TreeBindings> _bindings = new ConditionalWeakTable<SyntaxTree, TreeBindings>();

        /// <summary>
        /// What is kept for whole compilations (the implementation index, facts about members), one entry per assembly name:
        /// an analyzer instance may serve several projects, each keeping its own; within one, the latest digest replaces the
        /// one before.
        /// </summary>
        private readonly Dictionary<string, Kept> _kept = new Dictionary<string, Kept>(StringComparer.Ordinal);

        private Kept For(Compilation compilation, Fingerprint epoch)
        {
            lock (_kept)
            {
                var name = compilation.AssemblyName ?? string.Empty;
                if (!_kept.TryGetValue(name, out var kept) || !kept.Epoch.Equals(epoch))
                {
                    _kept[name] = kept = new Kept(epoch);
                }

                return kept;
            }
        }

        /// <summary>The implementation index kept from an earlier compilation of the same assembly with declaration digest <paramref name="epoch"/>, if any.</summary>
        public ImplementationIndex.Kept? Implementations(Compilation compilation, Fingerprint epoch)
            => Volatile.Read(ref For(compilation, epoch).Implementations);

        /// <summary>Keeps an implementation index for the next compilations of the assembly with digest <paramref name="epoch"/>.</summary>
        public void KeepImplementations(Compilation compilation, Fingerprint epoch, ImplementationIndex.Kept index)
            => Volatile.Write(ref For(compilation, epoch).Implementations, index);

        /// <summary>The facts about members kept for the compilations of the assembly with declaration digest <paramref name="epoch"/>.</summary>
        public ConcurrentDictionary<(string Id, DeclaredFact Fact), bool> Facts(Compilation compilation, Fingerprint epoch)
            => For(compilation, epoch).Facts;

        private sealed class Kept
        {
            public Kept(Fingerprint epoch) => Epoch = epoch;

            public Fingerprint Epoch { get; }

            /// <summary>Read and written with <see cref="Volatile"/>: one compilation keeps it while others may read it.</summary>
            public ImplementationIndex.Kept? Implementations;

            public ConcurrentDictionary<(string Id, DeclaredFact Fact), bool> Facts { get; } = new ConcurrentDictionary<(string Id, DeclaredFact Fact), bool>();
        }

        /// <summary>The tree's declaration digest and what was bound in it, for compilations with the same declarations.</summary>
        public TreeBindings Bindings(SyntaxTree tree)
            => _bindings.GetValue(tree, t => new TreeBindings(t));
    }
}
