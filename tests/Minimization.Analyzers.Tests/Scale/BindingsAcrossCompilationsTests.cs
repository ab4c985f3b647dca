using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Minimization.Analyzers.Flow;
using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// What the engine bound in a tree is kept with the tree for the next compilations with the same declarations
    /// (<see cref="TreeBindings"/>): a keystroke in a body leaves the other trees' calls bound as they were, and a change to
    /// any declaration, in any tree, binds everything again. The findings are always those of a fresh engine.
    /// </summary>
    public sealed class BindingsAcrossCompilationsTests
    {
        private const string Types = """
            using Minimization;

            public sealed class Member { [IdentityBearing("email")] public string Email { get; set; } = ""; }
            public static class Partner { [PartnerShare("acme")] public static void Send(string value) { } }
            public static class Mask { [Minimizer] public static string Hash(string value) => value.Length.ToString(); }
            public static class Store
            {
                public static string Last = "";
                public static void Set(object value) { Last = value.ToString() ?? ""; }
            }
            """;

        /// <summary>The same declarations, and an overload that now takes the string calls and stores nothing.</summary>
        private static readonly string TypesWithOverload = Types.Replace(
            "public static void Set(object value)",
            "public static void Set(string value) { }\n    public static void Set(object value)");

        private const string Caller = """
            public static class Caller
            {
                public static void Run(Member m)
                {
                    var note = m.Email;
                    Store.Set(note);
                }
            }
            """;

        private const string Relay = "public static class Relay { public static void Run() { Partner.Send(Store.Last); } }";

        private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: path);

        private static SyntaxTree Tree(Compilation compilation, string path) => compilation.SyntaxTrees.Single(t => t.FilePath == path);

        [Fact]
        public void A_keystroke_in_one_tree_binds_no_call_of_the_other_trees_again_and_finds_the_same()
        {
            var first = EngineRun.Compile(new[] { ("Types.cs", Types), ("Caller.cs", Caller), ("Relay.cs", Relay) });
            var scans = new TreeScans();
            var before = EngineRun.Analyze(first, treeScans: scans);
            Assert.Equal(1, before.Findings);
            Assert.True(before.Engine.MemberWrites.SiteBindings > 0);

            // The IDE's keystroke: the document re-parsed into a new tree, every other tree kept.
            var relay = Tree(first, "Relay.cs");
            var fork = first.ReplaceSyntaxTree(relay, Parse(relay.GetText().ToString(), "Relay.cs"));
            var after = EngineRun.Analyze(fork, treeScans: scans);
            Assert.Equal(1, after.Findings);
            Assert.Equal(0, after.Engine.MemberWrites.SiteBindings);
        }

        [Fact]
        public void A_new_overload_in_another_tree_binds_the_unchanged_call_again_and_the_flow_is_gone()
        {
            var first = EngineRun.Compile(new[] { ("Types.cs", Types), ("Caller.cs", Caller), ("Relay.cs", Relay) });
            var scans = new TreeScans();
            Assert.Equal(1, EngineRun.Analyze(first, treeScans: scans).Findings);

            // Caller.cs is the same tree object; its call now binds to Set(string), which stores nothing.
            var fork = first.ReplaceSyntaxTree(Tree(first, "Types.cs"), Parse(TypesWithOverload, "Types.cs"));
            var after = EngineRun.Analyze(fork, treeScans: scans);
            Assert.Equal(0, after.Findings);
            Assert.True(after.Engine.MemberWrites.SiteBindings > 0);
            Assert.Equal(EngineRun.Analyze(fork).Findings, after.Findings);

            // And back: the overload removed, the flow is found again.
            var back = fork.ReplaceSyntaxTree(Tree(fork, "Types.cs"), Parse(Types, "Types.cs"));
            Assert.Equal(1, EngineRun.Analyze(back, treeScans: scans).Findings);
        }

        [Fact]
        public void A_minimizer_typed_into_the_calling_body_is_seen_though_the_other_trees_keep_their_bindings()
        {
            var first = EngineRun.Compile(new[] { ("Types.cs", Types), ("Caller.cs", Caller), ("Relay.cs", Relay) });
            var scans = new TreeScans();
            Assert.Equal(1, EngineRun.Analyze(first, treeScans: scans).Findings);

            var fork = first.ReplaceSyntaxTree(Tree(first, "Caller.cs"), Parse(Caller.Replace("var note = m.Email;", "var note = Mask.Hash(m.Email);"), "Caller.cs"));
            Assert.Equal(0, EngineRun.Analyze(fork, treeScans: scans).Findings);
        }

        private const string Dispatch = """
            using Minimization;

            public sealed class Member { [IdentityBearing("email")] public string Email { get; set; } = ""; }
            public static class Partner { [PartnerShare("acme")] public static void Send(string value) { } }
            public interface IExporter { void Export(Member m); }
            public sealed class Quiet : IExporter { public void Export(Member m) { } }
            public static class Run { public static void All(IExporter exporter, Member m) { exporter.Export(m); } }
            """;

        private const string Loud = "public sealed class Loud : IExporter { public void Export(Member m) { Partner.Send(m.Email); } }";

        [Fact]
        public void A_keystroke_recalls_the_implementation_index_and_a_new_implementation_is_in_the_rebuilt_one()
        {
            var first = EngineRun.Compile(new[] { ("Dispatch.cs", Dispatch), ("Loud.cs", Loud) });
            var scans = new TreeScans();
            var before = EngineRun.Analyze(first, treeScans: scans);
            Assert.False(before.Engine.Implementations.IsRecalled);

            // A body edit: the same declarations, so the index comes back from its IDs, with the same answers.
            var loud = Tree(first, "Loud.cs");
            var fork = first.ReplaceSyntaxTree(loud, Parse(loud.GetText().ToString(), "Loud.cs"));
            var after = EngineRun.Analyze(fork, treeScans: scans);
            Assert.True(after.Engine.Implementations.IsRecalled);
            Assert.Equal(before.Findings, after.Findings);
            var export = (IMethodSymbol)fork.GetTypeByMetadataName("IExporter")!.GetMembers("Export").Single();
            Assert.Equal(
                new[] { "Quiet.Export(Member)", "Loud.Export(Member)" }.OrderBy(x => x),
                after.Engine.Implementations.Of(export).Select(m => m.ToDisplayString()).OrderBy(x => x));
            Assert.All(after.Engine.Implementations.Of(export), m => Assert.Same(fork.Assembly, m.ContainingAssembly));

            // A third implementation in a new tree changes the declarations: the index is built again and includes it.
            var third = fork.AddSyntaxTrees(Parse("public sealed class Echo : IExporter { public void Export(Member m) { } }", "Echo.cs"));
            var rebuilt = EngineRun.Analyze(third, treeScans: scans);
            Assert.False(rebuilt.Engine.Implementations.IsRecalled);
            var exportThere = (IMethodSymbol)third.GetTypeByMetadataName("IExporter")!.GetMembers("Export").Single();
            Assert.Contains(rebuilt.Engine.Implementations.Of(exportThere), m => m.ContainingType.Name == "Echo");
        }

        [Fact]
        public void A_fact_about_a_member_s_declaration_is_computed_once_per_declarations()
        {
            var first = EngineRun.Compile(new[] { ("Types.cs", Types), ("Caller.cs", Caller), ("Relay.cs", Relay) });
            var scans = new TreeScans();
            var computed = 0;
            bool Count(ISymbol member)
            {
                computed++;
                return member is IFieldSymbol;
            }

            ISymbol Last(Compilation c) => c.GetTypeByMetadataName("Store")!.GetMembers("Last").Single();
            var engine = EngineRun.Analyze(first, treeScans: scans).Engine;
            Assert.True(engine.DeclaredFact(Last(first), DeclaredFact.SharedHolder, Count, CancellationToken.None));
            Assert.True(engine.DeclaredFact(Last(first), DeclaredFact.SharedHolder, Count, CancellationToken.None));
            Assert.Equal(1, computed);

            // A keystroke in a body: recalled.
            var relay = Tree(first, "Relay.cs");
            var fork = first.ReplaceSyntaxTree(relay, Parse(Relay.Replace("Partner.Send(Store.Last);", "Partner.Send(Store.Last + \"!\");"), "Relay.cs"));
            Assert.True(EngineRun.Analyze(fork, treeScans: scans).Engine.DeclaredFact(Last(fork), DeclaredFact.SharedHolder, Count, CancellationToken.None));
            Assert.Equal(1, computed);

            // A declaration changed anywhere: computed again.
            var changed = fork.ReplaceSyntaxTree(Tree(fork, "Types.cs"), Parse(TypesWithOverload, "Types.cs"));
            Assert.True(EngineRun.Analyze(changed, treeScans: scans).Engine.DeclaredFact(Last(changed), DeclaredFact.SharedHolder, Count, CancellationToken.None));
            Assert.Equal(2, computed);
        }

        private const string Application = """
            using System.Collections.Concurrent;
            using Minimization;

            public sealed class Member
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                [IdentityBearing("phone")] public string Phone { get; set; } = "";
            }
            public static class Partner { [PartnerShare("acme")] public static void Send(string value) { } }
            public static class Mask { [Minimizer] public static string Hash(string value) => value.Length.ToString(); }
            public interface INote { string Text { get; set; } }
            public sealed class Note : INote { public string Text { get; set; } = ""; }
            """;

        private const string Queues = """
            using System.Collections.Concurrent;

            public sealed class Outbox
            {
                private readonly ConcurrentQueue<string> _items = new ConcurrentQueue<string>();
                public void Put(string value) => _items.Enqueue(value);
                public void Flush() { while (_items.TryDequeue(out var item)) Partner.Send(item); }
            }
            public sealed class Producer
            {
                private readonly ConcurrentQueue<string> _queue;
                public Producer(ConcurrentQueue<string> queue) { _queue = queue; }
                public void Add(Member m) => _queue.Enqueue(m.Phone);
            }
            public sealed class Consumer
            {
                private readonly ConcurrentQueue<string> _queue;
                public Consumer(ConcurrentQueue<string> queue) { _queue = queue; }
                public void Drain() { while (_queue.TryDequeue(out var item)) Partner.Send(item); }
            }
            """;

        private const string Flows = """
            public static class Flows
            {
                public static void Raw(Outbox box, Member m) => box.Put(m.Email);
                public static void Hashed(Outbox box, Member m) => box.Put(Mask.Hash(m.Email));
                public static void Through(INote note, Member m) { note.Text = m.Phone; Partner.Send(note.Text); }
                public static void Noted(Note note) => Partner.Send(note.Text);
                public static void Fill(INote note, Member m) => note.Text = m.Email;
            }
            """;

        [Fact]
        public void A_compilation_with_every_tree_kept_recalls_every_binding_and_finds_what_a_fresh_engine_finds()
        {
            var first = EngineRun.Compile(new[] { ("Application.cs", Application), ("Queues.cs", Queues), ("Flows.cs", Flows) });
            var fresh = EngineRun.Analyze(first);
            Assert.True(fresh.Findings >= 3, "the program's outbox, injected queue and interface property flows are found: " + fresh.Findings);

            var scans = new TreeScans();
            var kept = EngineRun.Analyze(first, treeScans: scans);
            Assert.Equal(fresh.Findings, kept.Findings);

            // The same trees in a new compilation (what a keystroke leaves of every other document): nothing is bound again,
            // the members are known by their IDs, and the flows are the same.
            var again = EngineRun.Analyze(first.Clone(), treeScans: scans);
            Assert.Equal(0, again.Engine.MemberWrites.SiteBindings);
            Assert.Equal(fresh.Findings, again.Findings);
            Assert.True(again.Engine.Implementations.IsRecalled);
        }

        [Fact]
        public void Two_projects_analysed_in_turn_each_keep_their_own_implementation_index()
        {
            var scans = new TreeScans();
            var first = EngineRun.Compile(new[] { ("Dispatch.cs", Dispatch), ("Loud.cs", Loud) });
            var other = first.WithAssemblyName("Other");
            Assert.False(EngineRun.Analyze(first, treeScans: scans).Engine.Implementations.IsRecalled);
            Assert.False(EngineRun.Analyze(other, treeScans: scans).Engine.Implementations.IsRecalled);

            // Each project's next compilation finds its own index, though the other project's came in between.
            Assert.True(EngineRun.Analyze(first.Clone(), treeScans: scans).Engine.Implementations.IsRecalled);
            Assert.True(EngineRun.Analyze(other.Clone(), treeScans: scans).Engine.Implementations.IsRecalled);
        }

        [Theory]
        [InlineData("public static void Set(object value) { Last = value.ToString() ?? \"\"; }", "public static void Set(object value) { Last = \"x\"; }")]
        [InlineData("public static string Last = \"\";", "public static string Last = \"\"; // a comment")]
        [InlineData("public sealed class Member", "\n\n  public sealed class Member")]
        public void A_tree_s_declaration_digest_ignores_bodies_comments_and_layout(string from, string to)
        {
            var before = Fingerprint.OfDeclarations(Parse(Types, "Types.cs"), CancellationToken.None);
            var after = Fingerprint.OfDeclarations(Parse(Types.Replace(from, to), "Types.cs"), CancellationToken.None);
            Assert.Equal(before, after);
        }

        [Theory]
        [InlineData("public static void Set(object value)", "public static void Set(string value)")]
        [InlineData("[IdentityBearing(\"email\")]", "[IdentityBearing(\"phone\")]")]
        [InlineData("public static string Last = \"\";", "public static string Last = \"\", Other = \"\";")]
        [InlineData("public static class Partner", "#if DEBUG\npublic static class Debugging { }\n#endif\npublic static class Partner")]
        public void A_tree_s_declaration_digest_changes_with_a_declaration_an_attribute_or_a_directive(string from, string to)
        {
            Assert.Contains(from, Types);
            var before = Fingerprint.OfDeclarations(Parse(Types, "Types.cs"), CancellationToken.None);
            var after = Fingerprint.OfDeclarations(Parse(Types.Replace(from, to), "Types.cs"), CancellationToken.None);
            Assert.NotEqual(before, after);
        }
    }
}
