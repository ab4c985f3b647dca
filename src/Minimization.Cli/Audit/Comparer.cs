using System;
using System.Collections.Generic;
using System.Linq;

namespace Minimization.Cli.Audit
{
    /// <summary>What changed between an earlier audit and this one, matched on flows without positions (moved code is no change).</summary>
    internal static class Comparer
    {
        public static Comparison Compare(AuditReport before, AuditReport after, string baselineName)
        {
            var result = new Comparison { Baseline = baselineName };
            var oldPartners = new HashSet<string>(before.Flows.Select(f => f.Partner), StringComparer.Ordinal);
            var newPartners = new HashSet<string>(after.Flows.Select(f => f.Partner), StringComparer.Ordinal);
            result.PartnersAdded = newPartners.Except(oldPartners).OrderBy(p => p, StringComparer.Ordinal).ToList();
            result.PartnersRemoved = oldPartners.Except(newPartners).OrderBy(p => p, StringComparer.Ordinal).ToList();

            var oldFlows = before.Flows.GroupBy(f => f.Key(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var newFlows = after.Flows.GroupBy(f => f.Key(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var kv in newFlows)
            {
                if (!oldFlows.TryGetValue(kv.Key, out var earlier))
                {
                    result.FlowsAdded.Add(kv.Value[0]);
                    continue;
                }

                var wasMinimized = earlier.Where(f => f.Status == "minimized").ToList();
                var wasViolation = earlier.Any(f => f.Status != "minimized");
                var nowViolation = kv.Value.FirstOrDefault(f => f.Status != "minimized");
                if (wasMinimized.Count > 0 && !wasViolation && nowViolation is not null)
                {
                    result.MinimizersRemoved.Add(new MinimizerChange { Flow = nowViolation, Before = wasMinimized[0].Minimizer ?? "" });
                }
            }

            foreach (var kv in oldFlows)
            {
                if (!newFlows.ContainsKey(kv.Key))
                {
                    result.FlowsRemoved.Add(kv.Value[0]);
                }
            }

            var oldSuppressions = new HashSet<string>(before.Suppressions.Select(s => s.Key()), StringComparer.Ordinal);
            var newSuppressions = new HashSet<string>(after.Suppressions.Select(s => s.Key()), StringComparer.Ordinal);
            result.SuppressionsAdded = after.Suppressions.Where(s => !oldSuppressions.Contains(s.Key())).ToList();
            result.SuppressionsRemoved = before.Suppressions.Where(s => !newSuppressions.Contains(s.Key())).ToList();
            return result;
        }
    }
}
