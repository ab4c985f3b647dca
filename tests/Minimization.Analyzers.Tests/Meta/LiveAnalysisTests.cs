using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Minimization.Analyzers.Tests.Meta
{
    /// <summary>
    /// Every MIN rule runs live in the IDE: the IDE does not run compilation-end actions while you type, so a rule computed
    /// only there is seen only on build. None is, unless its page says so.
    /// </summary>
    public class LiveAnalysisTests
    {
        private static IEnumerable<DiagnosticAnalyzer> Analyzers()
            => typeof(IdentityFlowAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

        public static IEnumerable<object[]> Descriptors()
            => Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).Select(id => new object[] { id });

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Rule_is_not_computed_only_at_compilation_end_unless_its_page_says_so(string id)
        {
            var descriptor = Analyzers().SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);
            var analyzer = Analyzers().First(a => a.SupportedDiagnostics.Any(d => d.Id == id));
            var page = File.ReadAllText(Repository.Path("docs", "rules", id + ".md"));
            var pageSaysCompilationEnd = page.Contains("compilation end", StringComparison.OrdinalIgnoreCase);

            var tagged = descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd);
            var registersEnd = RegistersCompilationEndAction(analyzer);
            if (!pageSaysCompilationEnd)
            {
                Assert.False(tagged, id + " is tagged CompilationEnd, but its page does not say it is reported only at the end of a build");
                Assert.False(registersEnd, analyzer.GetType().Name + " registers a compilation-end action, and " + id + "'s page does not say it is reported only at the end of a build");
            }
            else
            {
                Assert.True(tagged, id + "'s page says compilation end: its descriptor must carry the CompilationEnd tag, so the IDE knows");
            }
        }

        [Fact]
        public void The_recording_context_sees_a_compilation_end_action_when_there_is_one()
        {
            // The check above must be able to fail.
            Assert.True(RegistersCompilationEndAction(new EndOnly()));
        }

        /// <summary>
        /// Runs the analyzer's <see cref="DiagnosticAnalyzer.Initialize"/>, then its compilation-start actions on a compilation
        /// that references the annotations and declares a minimized type (so that no analyzer returns early), and records
        /// whether any compilation-end action is registered.
        /// </summary>
        private static bool RegistersCompilationEndAction(DiagnosticAnalyzer analyzer)
        {
            var compilation = CSharpCompilation.Create(
                "Live",
                new[] { CSharpSyntaxTree.ParseText(Prelude.Source) },
                Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                    .Append(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location)),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var context = new Recording(compilation);
            analyzer.Initialize(context);
            foreach (var start in context.Starts)
            {
                start(context.Start);
            }

            return context.End || context.Start.End;
        }

        /// <summary>An analyzer that reports at compilation end (not exported: it exists only to prove the check can fail).</summary>
#pragma warning disable RS1001 // a test double: exporting it would let the rule-set meta tests discover it as a product analyzer
        private sealed class EndOnly : DiagnosticAnalyzer
#pragma warning restore RS1001
        {
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(SuppressionAnalyzer.UnjustifiedSuppression);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterCompilationStartAction(start =>
                {
                    start.RegisterSyntaxTreeAction(_ => { });
                    start.RegisterCompilationEndAction(_ => { });
                });
            }
        }

        private sealed class Recording : AnalysisContext
        {
            public Recording(Compilation compilation) => Start = new RecordingStart(compilation);

            public List<Action<CompilationStartAnalysisContext>> Starts { get; } = new List<Action<CompilationStartAnalysisContext>>();

            public RecordingStart Start { get; }

            public bool End { get; private set; }

            public override void EnableConcurrentExecution() { }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) { }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => Starts.Add(action);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => End = true;

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }
        }

        private sealed class RecordingStart : CompilationStartAnalysisContext
        {
            public RecordingStart(Compilation compilation)
                : base(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)
            {
            }

            public bool End { get; private set; }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => End = true;

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) { }

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) { }

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) { }
        }
    }
}
