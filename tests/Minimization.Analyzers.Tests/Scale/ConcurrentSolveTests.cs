using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Minimization.Analyzers.Flow;
using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// Concurrent analysis starts roots on several threads, and roots of one program share its big components. A thread that
    /// reaches a component another thread is solving waits for it and takes its results, instead of solving it a second
    /// time: the work is the same as on one thread, and so are the results.
    /// </summary>
    public sealed class ConcurrentSolveTests
    {
        private static (FlowEngine Engine, MethodAnalysis[] Results) Analyze(Compilation compilation, string[] roots, bool concurrently)
        {
            var annotations = FlowAnnotations.TryCreate(compilation, FlowOptions.Default) ?? throw new InvalidOperationException("annotations missing");
            var engine = new FlowEngine(compilation, annotations);
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var methods = roots.Select(name => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == name)).ToArray();
            MethodAnalysis Run(MethodDeclarationSyntax syntax)
            {
                var symbol = (IMethodSymbol)model.GetDeclaredSymbol(syntax)!;
                var block = model.GetOperation(syntax)!;
                return engine.AnalyzeRoot(symbol, () => FlowEngine.GraphFor(block, CancellationToken.None)!, CancellationToken.None);
            }

            if (!concurrently)
            {
                return (engine, methods.Select(Run).ToArray());
            }

            using var start = new Barrier(methods.Length);
            var tasks = methods.Select(m => Task.Factory.StartNew(() => { start.SignalAndWait(); return Run(m); }, TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(tasks);
            return (engine, tasks.Select(t => t.Result).ToArray());
        }

        [Fact]
        public void Two_roots_started_together_on_one_recursive_group_solve_it_once_with_the_results_of_one_thread()
        {
            var compilation = EngineRun.Compile(new[] { ("Graph.cs", EvaluationCountTests.Reproducer(300, withIdentity: true)) });
            var roots = new[] { "Entry", "Clean" };
            var alone = Analyze(compilation, roots, concurrently: false);
            var together = Analyze(compilation, roots, concurrently: true);

            Assert.Equal(alone.Engine.Evaluations, together.Engine.Evaluations);
            Assert.Equal(alone.Results.Select(r => r.Findings.Length), together.Results.Select(r => r.Findings.Length));
            Assert.Single(together.Results[0].Findings);
            Assert.Empty(together.Results[1].Findings);
        }
    }
}
