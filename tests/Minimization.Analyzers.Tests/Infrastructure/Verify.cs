using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Minimization.Analyzers.Tests
{
    /// <summary>The official analyzer verifier, set up with .NET 10 reference assemblies and the annotations.</summary>
    public static class Verify
    {
        /// <summary>MIN001 at markup <c>{|#n:…|}</c>; the path's additional locations are checked only by tests that ask for them.</summary>
        public static DiagnosticResult Min001(int markup) => new DiagnosticResult(RuleIdentifiers.IdentityReachesPartner, DiagnosticSeverity.Error).WithLocation(markup).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        /// <summary>MIN001 at markup, with its exact message: sources, sink (with partner) and the path in words.</summary>
        public static DiagnosticResult Min001Says(int markup, string sources, string sink, string path)
            => new DiagnosticResult(IdentityFlowAnalyzer.IdentityReachesPartner).WithLocation(markup).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(sources, sink, path);

        public static DiagnosticResult Min001WithPath(int markup) => new DiagnosticResult(IdentityFlowAnalyzer.IdentityReachesPartner).WithLocation(markup);

        public static DiagnosticResult Min010(int markup) => new DiagnosticResult(RuleIdentifiers.IdentityExposedAcrossAssembly, DiagnosticSeverity.Warning).WithLocation(markup).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        public static DiagnosticResult Min011(int markup) => new DiagnosticResult(RuleIdentifiers.AnalysisBoundReached, DiagnosticSeverity.Warning).WithLocation(markup);

        /// <summary>The program without its markup (<c>{|#0:</c> … <c>|}</c>): the near-miss twin of a marked positive.</summary>
        public static string Unmarked(string source)
            => System.Text.RegularExpressions.Regex.Replace(source, @"\{\|#\d+:|\|\}", string.Empty);

        /// <summary>A corpus's program template with every <c>$PLACEHOLDER</c> replaced; one left over is the test's own mistake.</summary>
        public static string Filled(string program)
        {
            var leftover = System.Text.RegularExpressions.Regex.Match(program, @"\$[A-Z]{3,}");
            return leftover.Success ? throw new System.InvalidOperationException("unreplaced placeholder " + leftover.Value) : program;
        }

        /// <summary>
        /// Exactly one MIN001, at any one of <paramref name="markups"/> (no prelude): only where the contract leaves the place
        /// of the report open.
        /// </summary>
        public static async Task CheckOnceAtOneOf(string source, params int[] markups)
        {
            var failures = new System.Collections.Generic.List<System.Exception>();
            foreach (var markup in markups)
            {
                try
                {
                    await Check(source, withPrelude: false, Min001(markup));
                    return;
                }
                catch (System.Exception ex)
                {
                    failures.Add(ex);
                }
            }

            throw new System.AggregateException("MIN001 was expected once, at one of the markups " + string.Join(", ", markups), failures);
        }

        /// <summary>Verifies <paramref name="source"/> (markup: <c>{|#0:…|}</c> for expected spans) with the shared prelude beside it.</summary>
        public static Task Check(string source, params DiagnosticResult[] expected) => Check(source, withPrelude: true, expected);

        public static async Task Check(string source, bool withPrelude, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            if (withPrelude)
            {
                test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        /// <summary>Verifies an executable (top-level statements).</summary>
        public static async Task CheckProgram(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        /// <summary>Verifies code that does not compile: compiler errors are ignored, analyzer diagnostics are not.</summary>
        public static async Task Broken(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpAnalyzerTest<IdentityFlowAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = new ReferenceAssemblies("net10.0");
                TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>());
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location));
            }

            public bool WithoutAnnotations
            {
                set
                {
                    if (value)
                    {
                        TestState.AdditionalReferences.RemoveAll(r => r.Display is { } d && d.EndsWith("Minimization.Annotations.dll", System.StringComparison.Ordinal));
                    }
                }
            }

            protected override ParseOptions CreateParseOptions()
                => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Preview);

            protected override CompilationOptions CreateCompilationOptions()
                => ((CSharpCompilationOptions)base.CreateCompilationOptions())
                    .WithNullableContextOptions(NullableContextOptions.Enable);
        }
    }
}
