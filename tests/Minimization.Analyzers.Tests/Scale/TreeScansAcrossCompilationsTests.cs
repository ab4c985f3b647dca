using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Minimization.Analyzers.Flow;
using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// The per-tree scans an analyzer keeps across compilations (<see cref="TreeScans"/>): a forked compilation, as the editor
    /// makes on each keystroke, reuses the scans of the trees it shares with the last one and scans only the trees that
    /// changed, and its findings are those of the new text, never the old.
    /// </summary>
    public sealed class TreeScansAcrossCompilationsTests
    {
        private const string Types = """
            using System.Collections.Generic;
            using Minimization;

            public sealed class Member { [IdentityBearing("email")] public string Email { get; set; } = ""; }
            public static class Partner { [PartnerShare("acme")] public static void Send(string value) { } }
            public static class Mask { [Minimizer] public static string Hash(string value) => value.Length.ToString(); }
            public static class Outbox { public static readonly List<string> Items = new List<string>(); }
            """;

        private const string RawFill = "public static class Fill { public static void Run(Member m) { Outbox.Items.Add(m.Email); } }";

        private const string HashedFill = "public static class Fill { public static void Run(Member m) { Outbox.Items.Add(Mask.Hash(m.Email)); } }";

        private const string Relay = "public static class Relay { public static void Run() { foreach (var item in Outbox.Items) Partner.Send(item); } }";

        private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: path);

        [Fact]
        public void A_fork_that_minimizes_in_the_changed_tree_is_clean_and_reuses_the_scans_of_the_other_trees()
        {
            var scans = new TreeScans();
            var first = EngineRun.Compile(new[] { ("Types.cs", Types), ("Fill.cs", RawFill), ("Relay.cs", Relay) });
            Assert.Equal(1, EngineRun.Analyze(first, treeScans: scans).Findings);

            var relayTree = first.SyntaxTrees.Single(t => t.FilePath == "Relay.cs");
            var fillTree = first.SyntaxTrees.Single(t => t.FilePath == "Fill.cs");
            var relayScan = scans.Of(relayTree);
            var fillScan = scans.Of(fillTree);

            var fork = first.ReplaceSyntaxTree(fillTree, Parse(HashedFill, "Fill.cs"));
            Assert.Equal(0, EngineRun.Analyze(fork, treeScans: scans).Findings);
            Assert.Same(relayScan, scans.Of(fork.SyntaxTrees.Single(t => t.FilePath == "Relay.cs")));
            Assert.NotSame(fillScan, scans.Of(fork.SyntaxTrees.Single(t => t.FilePath == "Fill.cs")));
        }

        [Fact]
        public void A_fork_that_adds_a_raw_fill_in_a_new_tree_is_reported_with_the_scans_kept_from_the_clean_compilation()
        {
            var scans = new TreeScans();
            var first = EngineRun.Compile(new[] { ("Types.cs", Types), ("Fill.cs", HashedFill), ("Relay.cs", Relay) });
            Assert.Equal(0, EngineRun.Analyze(first, treeScans: scans).Findings);

            var fork = first.AddSyntaxTrees(Parse("public static class Late { public static void Run(Member m) { Outbox.Items.Add(m.Email); } }", "Late.cs"));
            Assert.Equal(1, EngineRun.Analyze(fork, treeScans: scans).Findings);

            // The same answers as an engine that scans everything afresh.
            Assert.Equal(EngineRun.Analyze(fork).Findings, EngineRun.Analyze(fork, treeScans: scans).Findings);
        }

        [Fact]
        public void A_keystroke_walks_only_the_bodies_of_the_changed_tree_and_a_fresh_scan_walks_them_all()
        {
            // Writers and callers spread over trees: the outbox is filled in one, drained in another, minimized in a third.
            var files = new[] { ("Types.cs", Types), ("Fill.cs", RawFill), ("Relay.cs", Relay) }
                .Concat(Enumerable.Range(0, 6).Select(i => ($"Other{i}.cs",
                    $"public static class Other{i} {{ public static void Run(Member m) {{ Outbox.Items.Add(Mask.Hash(m.Email)); Fill.Run(m); }} public static void Again(Member m) => Run(m); }}")))
                .ToArray();
            var scans = new TreeScans();
            var first = EngineRun.Compile(files);
            Assert.Equal(1, EngineRun.Analyze(first, treeScans: scans).Findings);
            var walked = scans.BodyWalks;
            Assert.True(walked > 0);

            // A keystroke in Relay.cs: the other trees' bodies are not walked again. Relay's one method may be, once.
            var relayTree = first.SyntaxTrees.Single(t => t.FilePath == "Relay.cs");
            var fork = first.ReplaceSyntaxTree(relayTree, Parse(relayTree.GetText().ToString(), "Relay.cs"));
            Assert.Equal(1, EngineRun.Analyze(fork, treeScans: scans).Findings);
            Assert.InRange(scans.BodyWalks - walked, 0, 2);

            // Without the kept scans, the same compilation walks more than the edited method.
            var fresh = new TreeScans();
            Assert.Equal(1, EngineRun.Analyze(fork, treeScans: fresh).Findings);
            Assert.True(fresh.BodyWalks > 2, $"a fresh scan walked {fresh.BodyWalks} bodies");
        }

        [Fact]
        public void A_writer_added_to_a_name_another_tree_declares_is_gone_when_its_own_tree_changes()
        {
            // Box.cs alone declares `Parked`, so the write index borrows its list for the name; Fill.cs hands the list to a
            // call that fills it, which adds Fill's method to that name's writers. The borrowed list must stay Box's own:
            // after Fill.cs is replaced, no writer of the old tree may be left in it.
            const string Collect = "using System.Collections.Generic; public static class Collect { public static void Into(List<string> list, string value) => list.Add(value); }";
            const string Box = "using System.Collections.Generic; public static class Box { public static List<string> Parked = new List<string>(); }";
            const string BoxRelay = "public static class Relay { public static void Run() { foreach (var item in Box.Parked) Partner.Send(item); } }";
            var scans = new TreeScans();
            var first = EngineRun.Compile(new[]
            {
                ("Types.cs", Types), ("Collect.cs", Collect), ("Box.cs", Box), ("Relay.cs", BoxRelay),
                ("Fill.cs", "public static class Fill { public static void Run(Member m) { Collect.Into(Box.Parked, m.Email); } }"),
            });
            Assert.Equal(1, EngineRun.Analyze(first, treeScans: scans).Findings);
            var box = first.SyntaxTrees.Single(t => t.FilePath == "Box.cs");
            Assert.Equal(1, scans.Of(box).WritersNamed("Parked"));

            var fill = first.SyntaxTrees.Single(t => t.FilePath == "Fill.cs");
            var fork = first.ReplaceSyntaxTree(fill, Parse("public static class Fill { public static void Run(Member m) { Partner.Send(Mask.Hash(m.Email)); } }", "Fill.cs"));
            Assert.Equal(0, EngineRun.Analyze(fork, treeScans: scans).Findings);
            Assert.Equal(0, EngineRun.Analyze(fork).Findings);

            // And back: the handing call in a new tree is a writer again.
            var back = fork.ReplaceSyntaxTree(fork.SyntaxTrees.Single(t => t.FilePath == "Fill.cs"), Parse("public static class Fill { public static void Run(Member m) { Collect.Into(Box.Parked, m.Email); } }", "Fill.cs"));
            Assert.Equal(1, EngineRun.Analyze(back, treeScans: scans).Findings);
            Assert.Equal(1, scans.Of(box).WritersNamed("Parked"));
        }
    }
}
