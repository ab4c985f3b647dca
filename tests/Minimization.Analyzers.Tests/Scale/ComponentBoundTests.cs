using System.Collections.Immutable;
using System.Linq;
using Minimization.Analyzers.Flow;
using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// A recursive call group is iterated to its fixpoint with a bounded number of evaluations per member
    /// (<c>minimization.max_component_evaluations</c>). Where the bound cuts a member, MIN011 says so at that member and names
    /// the option; with the default, real shapes settle well before it.
    /// </summary>
    public sealed class ComponentBoundTests
    {
        private static FlowOptions WithComponentEvaluations(int n)
            => new FlowOptions(256, 50_000, 200, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, 2_000_000_000L, maxComponentEvaluations: n);

        [Fact]
        public void A_recursive_group_cut_by_the_component_bound_reports_MIN011_naming_the_option()
        {
            var compilation = EngineRun.Compile(new[] { ("Graph.cs", EvaluationCountTests.Reproducer(40, withIdentity: true)) });
            var run = EngineRun.Analyze(compilation, options: WithComponentEvaluations(1));
            Assert.Contains(FlowOptions.MaxComponentEvaluationsKey, run.BoundOptions);
        }

        [Fact]
        public void The_same_group_settles_within_the_default_bound_without_MIN011()
        {
            var compilation = EngineRun.Compile(new[] { ("Graph.cs", EvaluationCountTests.Reproducer(40, withIdentity: true)) });
            var run = EngineRun.Analyze(compilation);
            Assert.DoesNotContain(FlowOptions.MaxComponentEvaluationsKey, run.BoundOptions);
            Assert.Equal(0, run.Bounds);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void The_component_bound_is_read_from_configuration_and_defaults_to_twelve()
        {
            var compilation = EngineRun.Compile(new[] { ("Graph.cs", EvaluationCountTests.Reproducer(3, withIdentity: false)) });
            var configured = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(ImmutableArray<Microsoft.CodeAnalysis.AdditionalText>.Empty, new Rules.MinimizedFlowTests.GlobalConfigOptions("minimization.max_component_evaluations = 3"));
            var absent = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(ImmutableArray<Microsoft.CodeAnalysis.AdditionalText>.Empty, new Rules.MinimizedFlowTests.GlobalConfigOptions("minimization.max_call_depth = 9"));
            Assert.Equal(3, FlowOptions.Read(configured, compilation).MaxComponentEvaluations);
            Assert.Equal(12, FlowOptions.Read(absent, compilation).MaxComponentEvaluations);
        }
    }
}
