using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Minimization.Analyzers.Tests.Determinism
{
    /// <summary>Same code, same diagnostics: random programs (seeded; 20 to 60 methods with recursive groups, shared state and dispatch).</summary>
    public class GeneratedProgramDeterminismTests
    {
        /// <summary>Program seed and size: five programs of 20 to 60 methods.</summary>
        public static IEnumerable<object[]> Programs() => new[]
        {
            new object[] { 11, 20 },
            new object[] { 23, 30 },
            new object[] { 37, 40 },
            new object[] { 41, 50 },
            new object[] { 59, 60 },
        };

        [Theory]
        [MemberData(nameof(Programs))]
        public void Every_generated_program_compiles_without_errors(int seed, int methods)
        {
            var corpus = RandomProgramGenerator.Generate(seed, methods);
            var errors = DeterminismHarness.CompilerErrors(corpus);
            Assert.True(errors.IsEmpty, corpus.Name + " does not compile:\n" + string.Join("\n", errors));
        }

        [Theory]
        [MemberData(nameof(Programs))]
        public Task Diagnostics_are_identical_whatever_the_order_of_syntax_trees(int seed, int methods)
            => DeterminismHarness.AssertSameAcrossRunsAsync(RandomProgramGenerator.Generate(seed, methods), RunPlan.PermutedTrees, DeterminismHarness.Seed(3300 + seed), runs: 10);

        [Fact]
        public Task Diagnostics_are_identical_when_the_same_order_is_analyzed_again()
            => DeterminismHarness.AssertSameAcrossRunsAsync(RandomProgramGenerator.Generate(23, 30), RunPlan.SameOrderRepeated, DeterminismHarness.Seed(5523), runs: 10);
    }

    /// <summary>
    /// Same code, same diagnostics, document by document: every per-document request runs the analysis afresh from that
    /// document's members, so one run costs as many analyses as there are requests; to stay within the time budget this uses
    /// the smallest program (the larger ones cost 20 to 60 s each on two cores).
    /// </summary>
    public class GeneratedProgramDocumentOrderTests
    {
        [Fact]
        public Task Diagnostics_are_identical_whatever_the_order_documents_are_analyzed_in()
            => DeterminismHarness.AssertSameAcrossRunsAsync(RandomProgramGenerator.Generate(11, 20), RunPlan.DocumentByDocument, DeterminismHarness.Seed(4411), runs: 6);
    }
}
