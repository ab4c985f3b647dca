using System.Threading.Tasks;
using Xunit;

namespace Minimization.Analyzers.Tests.Determinism
{
    /// <summary>Same code, same diagnostics: the repository's samples/Violations, read at test time, analyzed in many orders.</summary>
    public class ViolationsSampleDeterminismTests
    {
        [Fact]
        public void The_violations_sample_compiles_without_errors()
            => Assert.True(DeterminismHarness.CompilerErrors(Corpora.Violations()).IsEmpty, string.Join("\n", DeterminismHarness.CompilerErrors(Corpora.Violations())));

        [Fact]
        public Task Diagnostics_are_identical_whatever_the_order_of_syntax_trees()
            => DeterminismHarness.AssertSameAcrossRunsAsync(Corpora.Violations(), RunPlan.PermutedTrees, DeterminismHarness.Seed(2201), runs: 12);

        [Fact]
        public Task Diagnostics_are_identical_whatever_the_order_documents_are_analyzed_in()
            => DeterminismHarness.AssertSameAcrossRunsAsync(Corpora.Violations(), RunPlan.DocumentByDocument, DeterminismHarness.Seed(2202), runs: 6);
    }
}
