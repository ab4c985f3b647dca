using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Minimization.Testing;
using Minimization.Testing.Populations;

namespace Minimization.Benchmarks.Harness
{
    /// <summary>
    /// The record-level checks of one evaluation over 100,000 or 1,000,000 generated call records (a quarter as many
    /// subscribers), the minimizer's own time excluded: the survival search (every identifier in every notation and encoding, and its parts) and the
    /// population checks (k-anonymity, risk, l-diversity, trace unicity per true subject). One thread.
    /// </summary>
    [MemoryDiagnoser]
    public class SurvivalBenchmarks
    {
        /// <summary>How many records the population holds: 1M is the scale, where the sample searched in every form is 2 %.</summary>
        [Params(100_000, 1_000_000)]
        public int Records { get; set; }

        private Population<HarnessSpeed.Call> _population = null!;
        private MinimizerSpec<HarnessSpeed.Call, HarnessSpeed.Shared> _survival = null!;
        private MinimizerSpec<HarnessSpeed.Call, HarnessSpeed.Shared> _populationChecks = null!;

        [GlobalSetup]
        public void Setup()
        {
            _population = Population.Of<HarnessSpeed.Call>().Records(Records).People(Records / 4).Regions(60, skew: 1.1).Generate(20261102);

            // The minimizer's outputs are memoized so the figures are the harness's own. The harness minimizes the records in
            // the population's order, so the next record is checked first by reference (no lookup, no read of the record);
            // any other call (a determinism or attack run) falls back to the dictionary, or to the minimizer itself.
            var ctx = new MinimizerContext("partner", new byte[32]);
            var records = _population.Records;
            var outputs = new HarnessSpeed.Shared[records.Count];
            var memo = new Dictionary<HarnessSpeed.Call, HarnessSpeed.Shared>(ReferenceEqualityComparer.Instance);
            for (int i = 0; i < records.Count; i++)
            {
                outputs[i] = HarnessSpeed.Minimize(records[i], ctx);
                memo[records[i]] = outputs[i];
            }

            int next = 0;
            HarnessSpeed.Shared Memoized(HarnessSpeed.Call r, MinimizerContext c)
            {
                if (next < records.Count && ReferenceEquals(records[next], r))
                {
                    return outputs[next++];
                }

                next = 0;
                if (ReferenceEquals(records[0], r))
                {
                    return outputs[next++];
                }

                return memo.TryGetValue(r, out var o) ? o : HarnessSpeed.Minimize(r, c);
            }

            _survival = MinimizerSpec.For<HarnessSpeed.Call, HarnessSpeed.Shared>(Memoized);
            _populationChecks = MinimizerSpec.For<HarnessSpeed.Call, HarnessSpeed.Shared>(Memoized)
                .WithoutSurvivalCheck()
                .QuasiIdentifiers(s => s.Region, s => s.Day)
                .LDiverse(s => s.Plan, 1.5)
                .Traces(s => s.CallerToken, s => s.Region, s => s.Day);
        }

        [Benchmark(Description = "survival and partial identifiers")]
        public bool Survival() => _survival.Evaluate(_population).Passed;

        [Benchmark(Description = "k-anonymity, risk, l-diversity, trace unicity")]
        public bool PopulationLevel() => _populationChecks.Evaluate(_population).Passed;
    }
}
