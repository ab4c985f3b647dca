using System.Linq;
using Minimization.Testing.Populations;

namespace Minimization.Testing
{
    /// <summary>
    /// Shrinks each failed record-level property of a report to its counterexample: first the one record the finding names,
    /// re-checked alone; when the failure needs more, the population is cut by halves, quarters, … while it still fails,
    /// re-running only that property. Population-level properties already name their few records (a class, a trace's points).
    /// </summary>
    internal static class Shrinker<TIn, TOut>
    {
        private const int Budget = 48;

        public static void Shrink(MinimizerSpec<TIn, TOut> spec, Population<TIn> population, HarnessReport report)
        {
            foreach (PropertyResult property in report.Properties.Where(p => !p.Passed && p.Finding != null && p.Finding.IsRecordLevel))
            {
                if (property.Finding!.RecordIndex is not int record || record < 0 || record >= population.Count || population.Count <= 1)
                {
                    continue;
                }

                FindingKind[] focus = { property.Kind };
                if (!spec.Evaluate(population.Slice(record, 1), focus).Passed)
                {
                    // The one record shows the failure: it is the counterexample already printed.
                    continue;
                }

                Population<TIn> current = population;
                HarnessReport? smallest = null;
                int budget = Budget;
                bool progress = true;
                while (progress && budget > 0)
                {
                    progress = false;
                    foreach (Population<TIn> candidate in Population.ShrinkByHalves(current))
                    {
                        if (--budget < 0)
                        {
                            break;
                        }

                        HarnessReport r = spec.Evaluate(candidate, focus);
                        if (!r.Passed)
                        {
                            current = candidate;
                            smallest = r;
                            progress = true;
                            break;
                        }
                    }
                }

                PropertyResult? shrunk = smallest?.Properties.FirstOrDefault(p => p.Kind == property.Kind && !p.Passed);
                if (shrunk != null && shrunk.Counterexample.Count > 0)
                {
                    // Indexes are those of the shrunk population, which the printed records say ("shrunk to n records").
                    property.Counterexample = shrunk.Counterexample
                        .Select((r, i) => i == 0 ? $"(shrunk to {Checks.Text.Count(current.Count, "record")}) " + r : r).ToArray();
                    property.CounterexampleRecords = shrunk.CounterexampleRecords;
                }
            }
        }
    }
}
