using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Minimization.Testing;
using Minimization.Testing.Populations;

namespace Minimization.Benchmarks.Harness
{
    /// <summary>
    /// The record-level checks of one evaluation over 100,000 generated call records (25,000 subscribers), the minimizer's
    /// own time excluded: the survival search (every identifier in every notation and encoding, and its parts) and the
    /// population checks (k-anonymity, risk, l-diversity, trace unicity per true subject). One thread.
    /// </summary>
    [MemoryDiagnoser]
    public class SurvivalBenchmarks
    {
        private const int Records = 100_000;

        private Population<HarnessSpeed.Call> _population = null!;
        private MinimizerSpec<HarnessSpeed.Call, HarnessSpeed.Shared> _survival = null!;
        private MinimizerSpec<HarnessSpeed.Call, HarnessSpeed.Shared> _populationChecks = null!;

        [GlobalSetup]
        public void Setup()
        {
            _population = Population.Of<HarnessSpeed.Call>().Records(Records).People(Records / 4).Regions(60, skew: 1.1).Generate(20261102);

            // The minimizer's outputs are memoized so the figures are the harness's own.
            var ctx = new MinimizerContext("partner", new byte[32]);
            var memo = new Dictionary<HarnessSpeed.Call, HarnessSpeed.Shared>(ReferenceEqualityComparer.Instance);
            foreach (HarnessSpeed.Call r in _population.Records)
            {
                memo[r] = HarnessSpeed.Minimize(r, ctx);
            }

            HarnessSpeed.Shared Memoized(HarnessSpeed.Call r, MinimizerContext c) => memo.TryGetValue(r, out var o) ? o : HarnessSpeed.Minimize(r, c);
            _survival = MinimizerSpec.For<HarnessSpeed.Call, HarnessSpeed.Shared>(Memoized);
            _populationChecks = MinimizerSpec.For<HarnessSpeed.Call, HarnessSpeed.Shared>(Memoized)
                .WithoutSurvivalCheck()
                .QuasiIdentifiers(s => s.Region, s => s.Day)
                .LDiverse(s => s.Plan, 1.5)
                .Traces(s => s.CallerToken, s => s.Region, s => s.Day);
        }

        [Benchmark(Description = "survival and partial identifiers, 100k records")]
        public bool Survival() => _survival.Evaluate(_population).Passed;

        [Benchmark(Description = "k-anonymity, risk, l-diversity, trace unicity, 100k records")]
        public bool PopulationLevel() => _populationChecks.Evaluate(_population).Passed;
    }
}
