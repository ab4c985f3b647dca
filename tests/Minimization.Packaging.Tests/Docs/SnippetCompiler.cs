using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Minimization.Analyzers;
using Minimization.Generators;

namespace Minimization.Packaging.Tests.Docs
{
    /// <summary>
    /// Compiles a documentation snippet as a user would paste it: as the one source file of a fresh .NET 10 project
    /// (<c>dotnet new</c> defaults: implicit usings, nullable on) that references the four packages, and, for the harness,
    /// xunit and FsCheck.Xunit. The generator and every analyzer of Minimization.Analyzers run as they do from the package,
    /// with their default severities. Nothing is added to the snippet: a missing <c>using</c> is an error here as there.
    /// </summary>
    public static class SnippetCompiler
    {
        /// <summary>The global usings <c>ImplicitUsings=enable</c> gives a Microsoft.NET.Sdk project.</summary>
        public const string ImplicitUsings = """
            global using global::System;
            global using global::System.Collections.Generic;
            global using global::System.IO;
            global using global::System.Linq;
            global using global::System.Net.Http;
            global using global::System.Threading;
            global using global::System.Threading.Tasks;
            """;

        private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
            .Cast<MetadataReference>()
            .Concat(new[]
                {
                    typeof(IdentityBearingAttribute).Assembly,               // Minimization.Annotations
                    typeof(Minimization.Runtime.MinimizationContext).Assembly, // Minimization.Runtime
                    typeof(Minimization.Testing.MinimizerSpec).Assembly,     // Minimization.Testing
                    typeof(FsCheck.Config).Assembly,
                    typeof(FsCheck.Xunit.PropertyAttribute).Assembly,
                    typeof(Microsoft.FSharp.Core.FSharpFunc<,>).Assembly,
                    typeof(Xunit.FactAttribute).Assembly,                    // xunit.core
                    typeof(Xunit.Assert).Assembly,                           // xunit.assert
                    typeof(Xunit.Abstractions.ITestOutputHelper).Assembly,
                }
                .Distinct()
                .Select(a => MetadataReference.CreateFromFile(a.Location)))
            .ToImmutableArray();

        private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(IdentityFlowAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <summary>The errors and warnings a build of the snippet reports, compiler's and analyzers', in source order.</summary>
        public static async Task<IReadOnlyList<Diagnostic>> ProblemsAsync(string source)
        {
            var (withAnalyzers, generatorDiagnostics) = Prepare(source);
            var all = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);

            return generatorDiagnostics.Concat(all)
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>
        /// The analyzer diagnostics in source, as a build reports them and as the IDE computes them while you type: per
        /// document, syntax then semantic analysis, with no compilation-end actions. Each as "path(start): MINnnn".
        /// </summary>
        public static async Task<(IReadOnlyList<string> Build, IReadOnlyList<string> Live)> BuildAndLiveAsync(string source)
        {
            var (withAnalyzers, _) = Prepare(source);
            static string Show(Diagnostic d) => d.Location.SourceTree?.FilePath + "(" + d.Location.SourceSpan.Start + "): " + d.Id;
            var build = (await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false))
                .Where(d => d.Location.IsInSource).Select(Show).OrderBy(x => x, StringComparer.Ordinal).ToList();
            var live = new List<string>();
            foreach (var tree in withAnalyzers.Compilation.SyntaxTrees)
            {
                live.AddRange((await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, default).ConfigureAwait(false)).Select(Show));
                var model = withAnalyzers.Compilation.GetSemanticModel(tree);
                live.AddRange((await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, default).ConfigureAwait(false)).Select(Show));
            }

            return (build, live.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList());
        }

        private static (CompilationWithAnalyzers WithAnalyzers, ImmutableArray<Diagnostic> GeneratorDiagnostics) Prepare(string source)
        {
            var snippet = CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Snippet.cs");
            var usings = CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, path: "GlobalUsings.g.cs");
            var hasTopLevelStatements = snippet.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
            var compilation = CSharpCompilation.Create(
                "Snippet",
                new[] { usings, snippet },
                References,
                new CSharpCompilationOptions(
                    hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable,
                    // The SDK's default <NoWarn>1701;1702</NoWarn>: reference-version unification notes, not problems of the snippet.
                    specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new MinimizerGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);

            var withAnalyzers = generated.WithAnalyzers(
                Analyzers,
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
            return (withAnalyzers, generatorDiagnostics);
        }
    }
}
