using System.Collections.Concurrent;
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

        /// <summary>The member writes, calls and stores one tree contributes to <see cref="MemberWriteIndex"/>.</summary>
        public MemberWriteIndex.TreeWrites Of(SyntaxTree tree)
            => _writes.GetValue(tree, MemberWriteIndex.TreeWrites.Of);

        private readonly ConditionalWeakTable<SyntaxTree, TreeBindings> _bindings = new ConditionalWeakTable<SyntaxTree, TreeBindings>();

        private (Fingerprint Epoch, ImplementationIndex.Kept Index)? _implementations;
        private readonly object _implementationsGate = new object();

        /// <summary>The implementation index kept from the last compilation with declaration digest <paramref name="epoch"/>, if any.</summary>
        public ImplementationIndex.Kept? Implementations(Fingerprint epoch)
        {
            lock (_implementationsGate)
            {
                return _implementations is { } kept && kept.Epoch.Equals(epoch) ? kept.Index : null;
            }
        }

        /// <summary>Keeps an implementation index for the next compilations with digest <paramref name="epoch"/> (one at a time: the latest).</summary>
        public void KeepImplementations(Fingerprint epoch, ImplementationIndex.Kept index)
        {
            lock (_implementationsGate)
            {
                _implementations = (epoch, index);
            }
        }

        private (Fingerprint Epoch, ConcurrentDictionary<(string Id, DeclaredFact Fact), bool> Facts)? _facts;

        /// <summary>The facts about members kept for the compilations with declaration digest <paramref name="epoch"/> (those of another digest are dropped).</summary>
        public ConcurrentDictionary<(string Id, DeclaredFact Fact), bool> Facts(Fingerprint epoch)
        {
            lock (_implementationsGate)
            {
                if (_facts is { } kept && kept.Epoch.Equals(epoch))
                {
                    return kept.Facts;
                }

                var fresh = new ConcurrentDictionary<(string Id, DeclaredFact Fact), bool>();
                _facts = (epoch, fresh);
                return fresh;
            }
        }

        /// <summary>The tree's declaration digest and what was bound in it, for compilations with the same declarations.</summary>
        public TreeBindings Bindings(SyntaxTree tree)
            => _bindings.GetValue(tree, t => new TreeBindings(t));
    }
}
