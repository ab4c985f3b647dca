using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Minimization.Analyzers.Flow;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// Drives the flow engine the way the analyzer's operation-block action does (pre-checks, then a root analysis), over
    /// every method body of a compilation, and exposes the engine's work counters: the count tests bound those, not time.
    /// </summary>
    internal sealed class EngineRun
    {
        private EngineRun(FlowEngine engine, int bodies, int findings, int bounds)
        {
            Engine = engine;
            Bodies = bodies;
            Findings = findings;
            Bounds = bounds;
        }

        public FlowEngine Engine { get; }

        /// <summary>Method bodies in the compilation.</summary>
        public int Bodies { get; }

        public int Findings { get; }

        public int Bounds { get; }

        /// <summary>The option each bound reached names, one entry per MIN011.</summary>
        public List<string> BoundOptions { get; } = new List<string>();

        public static CSharpCompilation Compile(IEnumerable<(string Name, string Text)> files, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
        {
            var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                .Append(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location));
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.Latest), path: f.Name));
            var compilation = CSharpCompilation.Create("Scale", trees, references, new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("test program does not compile: " + errors[0]);
            }

            return compilation;
        }

        public static EngineRun Analyze(Compilation compilation, CancellationToken cancellationToken = default, IEnumerable<SyntaxTree>? order = null, FlowOptions? options = null, TreeScans? treeScans = null)
        {
            var annotations = FlowAnnotations.TryCreate(compilation, options ?? FlowOptions.Default) ?? throw new InvalidOperationException("annotations missing");
            var engine = new FlowEngine(compilation, annotations, treeScans);
            var bodies = 0;
            var findings = 0;
            var bounds = 0;
            var boundOptions = new List<string>();
            foreach (var tree in order ?? compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax))
                {
                    if (model.GetDeclaredSymbol(node, cancellationToken) is not IMethodSymbol method || model.GetOperation(node, cancellationToken) is not { } block)
                    {
                        continue;
                    }

                    bodies++;
                    if (!engine.MayReachSink(block, cancellationToken))
                    {
                        continue;
                    }

                    var root = block;
                    var analysis = engine.AnalyzeRoot(method, () => FlowEngine.GraphFor(root, cancellationToken)!, cancellationToken);
                    findings += analysis.Findings.Length;
                    bounds += analysis.Bounds.Length;
                    boundOptions.AddRange(analysis.Bounds.Select(b => b.Option));
                }
            }

            var run = new EngineRun(engine, bodies, findings, bounds);
            run.BoundOptions.AddRange(boundOptions);
            return run;
        }
    }
}
