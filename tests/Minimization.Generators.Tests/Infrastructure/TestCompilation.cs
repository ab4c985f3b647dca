using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Minimization.Generators;
using Minimization.Runtime;
using Xunit;

namespace Minimization.Generators.Tests.Infrastructure
{
    /// <summary>Builds in-memory compilations against .NET 10 reference assemblies plus the annotations and runtime.</summary>
    internal static class TestCompilation
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
            .Cast<MetadataReference>()
            .Concat(new[]
            {
                MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(MinimizationContext).Assembly.Location),
            })
            .ToImmutableArray();

        private static readonly ImmutableArray<MetadataReference> ReferencesWithoutRuntime = Net100.References.All
            .Cast<MetadataReference>()
            .Concat(new[] { MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location) })
            .ToImmutableArray();

        public static CSharpCompilation Create(params string[] sources) => Create(sources, withRuntime: true, ParseOptions);

        public static CSharpCompilation Create(IEnumerable<string> sources, bool withRuntime, CSharpParseOptions parseOptions)
            => CSharpCompilation.Create(
                "UserAssembly",
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: "Source" + i + ".cs")),
                withRuntime ? References : ReferencesWithoutRuntime,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        public static GeneratorDriver CreateDriver(bool trackSteps = false, CSharpParseOptions? parseOptions = null)
            => CSharpGeneratorDriver.Create(
                new[] { new MinimizerGenerator().AsSourceGenerator() },
                parseOptions: parseOptions ?? ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

        /// <summary>Runs the generator; returns the compilation with its output and the generated sources.</summary>
        public static (Compilation Output, ImmutableArray<GeneratedSourceResult> Generated) Generate(Compilation input)
        {
            GeneratorDriver driver = CreateDriver(parseOptions: (CSharpParseOptions)input.SyntaxTrees.First().Options);
            driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
            Assert.Empty(diagnostics);
            return (output, driver.GetRunResult().Results.Single().GeneratedSources);
        }

        public static string GeneratedText(string source)
        {
            (_, ImmutableArray<GeneratedSourceResult> generated) = Generate(Create(source));
            return generated.Single().SourceText.ToString();
        }

        /// <summary>Compiler errors and warnings of a compilation (hidden and info diagnostics excluded).</summary>
        public static ImmutableArray<Diagnostic> Problems(Compilation compilation)
            => compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

        public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, params DiagnosticAnalyzer[] analyzers)
            => AnalyzeAsync(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), analyzers);

        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions options, params DiagnosticAnalyzer[] analyzers)
        {
            CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(
                analyzers.ToImmutableArray(),
                new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
            ImmutableArray<Diagnostic> all = await withAnalyzers.GetAllDiagnosticsAsync();
            // AD0001 means an analyzer threw: that must never happen, so it fails every test that sees it.
            Assert.DoesNotContain(all, d => d.Id == "AD0001");
            return await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        }

        /// <summary>Emits the compilation and loads it into a collectible context.</summary>
        public static Assembly Load(Compilation compilation)
        {
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
            stream.Position = 0;
            var context = new AssemblyLoadContext("generated-" + Guid.NewGuid(), isCollectible: true);
            return context.LoadFromStream(stream);
        }
    }
}
