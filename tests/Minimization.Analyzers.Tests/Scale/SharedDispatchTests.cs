using System.Linq;
using Microsoft.CodeAnalysis;
using Minimization.Analyzers.Flow;
using Minimization.Benchmarks.Stress;
using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// What a member with many implementations costs is paid once for the member, not once per implementation or per call
    /// site (issue 11: the <c>interfaces</c> and <c>overrides</c> stress shapes were quadratic in memory before). Checked by
    /// identity of the shared results, not by timing.
    /// </summary>
    public sealed class SharedDispatchTests
    {
        [Fact]
        public void Every_implementation_of_an_interface_event_subscribed_to_through_the_interface_shares_one_list_of_writer_methods()
        {
            var compilation = EngineRun.Compile(StressShapes.Generate("interfaces", 1_000));
            var run = EngineRun.Analyze(compilation);
            var step = compilation.GetTypeByMetadataName("Stress.IStep") ?? compilation.GetSymbolsWithName("IStep").OfType<INamedTypeSymbol>().Single();
            var implementations = compilation.GetSymbolsWithName(n => n.StartsWith("Step", System.StringComparison.Ordinal), SymbolFilter.Type)
                .OfType<INamedTypeSymbol>()
                .Where(t => t.AllInterfaces.Contains(step, SymbolEqualityComparer.Default))
                .Select(t => t.GetMembers("Raised").OfType<IEventSymbol>().Single())
                .ToList();
            Assert.True(implementations.Count > 20, $"{implementations.Count} implementations");

            var first = run.Engine.MemberWrites.WriterMethods(implementations[0], default);
            Assert.True(first.Count >= implementations.Count, $"{first.Count} writers: every step's constructor subscribes through the interface");
            foreach (var other in implementations.Skip(1))
            {
                Assert.Same(first, run.Engine.MemberWrites.WriterMethods(other, default));
            }
        }

        [Fact]
        public void A_call_through_a_base_with_many_overrides_reuses_one_list_of_candidates_per_receiver_type()
        {
            var compilation = EngineRun.Compile(StressShapes.Generate("overrides", 1_000));
            var run = EngineRun.Analyze(compilation);
            var node = compilation.GetSymbolsWithName("Node", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
            var visit = node.GetMembers("Visit").OfType<IMethodSymbol>().Single();

            var any = run.Engine.Implementations.Candidates(visit, null);
            Assert.True(any.Count > 20, $"{any.Count} overrides");
            Assert.Same(any, run.Engine.Implementations.Candidates(visit, null));
            Assert.Same(run.Engine.Implementations.Candidates(visit, node), run.Engine.Implementations.Candidates(visit, node));
            Assert.Same(run.Engine.Implementations.Dispatch(visit), run.Engine.Implementations.Dispatch(visit));
        }
    }
}
