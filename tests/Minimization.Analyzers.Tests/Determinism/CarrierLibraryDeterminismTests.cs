using System.Threading.Tasks;
using Xunit;

namespace Minimization.Analyzers.Tests.Determinism
{
    /// <summary>Same code, same diagnostics: the realistic carrier library, analyzed in many orders.</summary>
    public class CarrierLibraryDeterminismTests
    {
        private static Corpus Corpus => CarrierLibrary.Corpus;

        [Fact]
        public void The_carrier_library_compiles_without_errors()
            => Assert.True(DeterminismHarness.CompilerErrors(Corpus).IsEmpty, string.Join("\n", DeterminismHarness.CompilerErrors(Corpus)));

        [Fact]
        public async Task Diagnostics_are_identical_whatever_the_order_of_syntax_trees()
        {
            var diagnostics = await DeterminismHarness.AssertSameAcrossRunsAsync(Corpus, RunPlan.PermutedTrees, DeterminismHarness.Seed(1101), runs: 12);
            Assert.Contains(diagnostics, d => d.StartsWith("MIN010 ", System.StringComparison.Ordinal));
        }

        [Fact]
        public Task Diagnostics_are_identical_whatever_the_order_documents_are_analyzed_in()
            => DeterminismHarness.AssertSameAcrossRunsAsync(Corpus, RunPlan.DocumentByDocument, DeterminismHarness.Seed(1102), runs: 6);

        [Fact]
        public Task Diagnostics_are_identical_when_the_same_order_is_analyzed_again()
            => DeterminismHarness.AssertSameAcrossRunsAsync(Corpus, RunPlan.SameOrderRepeated, DeterminismHarness.Seed(1103), runs: 10);
    }
}
