using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Minimization.Generators;

namespace Minimization.CodeFixes.Tests
{
    /// <summary>
    /// The official code-fix verifier, set up as a user's project is: .NET 10 references, the annotations and the runtime,
    /// and the minimizer generator running, so that generated minimizers are in scope as they are in the IDE.
    /// </summary>
    public sealed class FixTest<TAnalyzer, TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        public FixTest()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            foreach (var state in new[] { TestState, FixedState })
            {
                state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>());
                state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location));
                state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Minimization.Runtime.MinimizationContext).Assembly.Location));
            }

        }

        /// <summary>
        /// Adds what the minimizer generator writes for <paramref name="declarations"/> to the code before and after the fix,
        /// as the IDE has it. The generator is run here rather than by the verifier, whose workspace does not hand generated
        /// documents to code fixes.
        /// </summary>
        public FixTest<TAnalyzer, TFix> WithGeneratedFrom(string declarations)
        {
            var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Concat(new[]
            {
                MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Minimization.Runtime.MinimizationContext).Assembly.Location),
            });
            var compilation = CSharpCompilation.Create("Generated", new[] { CSharpSyntaxTree.ParseText(declarations) }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var driver = CSharpGeneratorDriver.Create(new MinimizerGenerator()).RunGenerators(compilation);
            foreach (var tree in driver.GetRunResult().GeneratedTrees)
            {
                var name = System.IO.Path.GetFileName(tree.FilePath);
                TestState.Sources.Add((name, tree.GetText()));
                FixedState.Sources.Add((name, tree.GetText()));
            }

            return this;
        }

        /// <summary>Extra analyzers beside <typeparamref name="TAnalyzer"/> (MIN013 to show that a fix's placeholder is still reported).</summary>
        public List<DiagnosticAnalyzer> AlsoRun { get; } = new List<DiagnosticAnalyzer>();

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(AlsoRun);

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions()
            => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

        public static async Task Run(string source, string fixedSource, int actionIndex = 0, string? equivalenceKey = null, string? generatedFrom = null, params DiagnosticResult[] expected)
        {
            var test = new FixTest<TAnalyzer, TFix> { TestCode = source, FixedCode = fixedSource, CodeActionIndex = actionIndex };
            if (generatedFrom is not null)
            {
                test.WithGeneratedFrom(generatedFrom);
            }

            if (equivalenceKey is not null)
            {
                test.CodeActionEquivalenceKey = equivalenceKey;
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }
    }
}
