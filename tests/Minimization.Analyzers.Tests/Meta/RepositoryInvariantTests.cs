using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Minimization.Analyzers.Tests.Meta
{
    /// <summary>Invariants of the rule set: every descriptor is documented, tracked and linked the same way.</summary>
    public class RepositoryInvariantTests
    {
        public static IEnumerable<object[]> Descriptors()
            => AllDescriptors().Select(d => new object[] { d.Id });

        private static IEnumerable<DiagnosticDescriptor> AllDescriptors()
            => typeof(IdentityFlowAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
                .GroupBy(d => d.Id)
                .Select(g => g.First());

        private static DiagnosticDescriptor Find(string id) => AllDescriptors().Single(d => d.Id == id);

        [Fact]
        public void There_are_rules_and_their_ids_are_unique_per_analyzer()
        {
            var all = typeof(IdentityFlowAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
                .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
                .ToList();
            Assert.Contains(all, d => d.Id == "MIN001");
            foreach (var group in all.GroupBy(d => d.Id))
            {
                Assert.Single(group.Select(d => d.Title.ToString()).Distinct());
            }
        }

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Every_rule_has_a_help_page(string id)
        {
            var page = Repository.Path("docs", "rules", id + ".md");
            Assert.True(File.Exists(page), "missing " + page);
            var text = File.ReadAllText(page);
            Assert.Contains(id, text, StringComparison.Ordinal);
            Assert.Contains("Suppress", text, StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Every_rule_has_a_release_tracking_line(string id)
        {
            var tracked = File.ReadAllLines(Repository.Path("src", "Minimization.Analyzers", "AnalyzerReleases.Unshipped.md"))
                .Concat(File.ReadAllLines(Repository.Path("src", "Minimization.Analyzers", "AnalyzerReleases.Shipped.md")));
            var descriptor = Find(id);
            Assert.Contains(tracked, l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains("| " + descriptor.DefaultSeverity + " |", StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Every_rule_links_to_its_page_from_the_one_repository_url(string id)
        {
            var descriptor = Find(id);
            Assert.Equal(RuleIdentifiers.GetHelpUri(id), descriptor.HelpLinkUri);
            Assert.StartsWith(RuleIdentifiers.RepositoryUrl + "/", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.EndsWith("/docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(Uri.IsWellFormedUriString(descriptor.HelpLinkUri, UriKind.Absolute));
            Assert.Equal("Minimization", descriptor.Category);
        }

        [Fact]
        public void Help_links_use_the_repository_url_of_Directory_Build_props()
        {
            // Directory.Build.props is the one place the address is set (package metadata, package READMEs); the
            // analyzers cannot read MSBuild properties when the compiler loads them, so the constant must equal it.
            var props = System.Xml.Linq.XDocument.Load(Repository.Path("Directory.Build.props"));
            var url = props.Descendants().Single(e => e.Name.LocalName == "RepositoryUrl").Value.Trim();
            Assert.Equal(RuleIdentifiers.RepositoryUrl, url);
            Assert.DoesNotContain("$(", url, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Every_rule_is_in_the_readme_table(string id)
        {
            var readme = File.ReadAllText(Repository.Path("README.md"));
            Assert.Contains("| " + id + " |", readme, StringComparison.Ordinal);
        }

        [Fact]
        public void Every_analyzer_enables_concurrency_and_skips_generated_code()
        {
            foreach (var type in typeof(IdentityFlowAnalyzer).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)))
            {
                var context = new RecordingContext();
                ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).Initialize(context);
                Assert.True(context.Concurrent, type.Name + " does not enable concurrent execution");
                Assert.Equal(GeneratedCodeAnalysisFlags.None, context.GeneratedCode);
            }
        }

        private sealed class RecordingContext : AnalysisContext
        {
            public bool Concurrent { get; private set; }

            public GeneratedCodeAnalysisFlags? GeneratedCode { get; private set; }

            public override void EnableConcurrentExecution() => Concurrent = true;

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCode = analysisMode;

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) { }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) { }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, System.Collections.Immutable.ImmutableArray<SymbolKind> symbolKinds) { }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, System.Collections.Immutable.ImmutableArray<TLanguageKindEnum> syntaxKinds) { }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }
        }
    }
}
