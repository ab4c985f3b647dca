using System;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Minimization.Testing.Checks;

namespace Minimization.Benchmarks.Harness
{
    /// <summary>
    /// The harness's population checks over one million minimized records: grouping into equivalence classes for
    /// k-anonymity (coarse classes, as a good minimizer leaves them, and near-unique ones, as a bad one does), the risk
    /// measures on those classes, and trace unicity. One core: the checks are single-threaded by design.
    /// </summary>
    [MemoryDiagnoser]
    public class PopulationCheckBenchmarks
    {
        public sealed record Row(string Token, string Region, string Day, int Hour, string Tower, DateTime At);

        private const int Records = 1_000_000;

        private Row[] _rows = Array.Empty<Row>();
        private QuasiIdentifiers<Row> _coarse = null!;
        private QuasiIdentifiers<Row> _fine = null!;
        private TraceModel<Row> _traces = null!;
        private EquivalenceClasses _coarseClasses = null!;

        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(20261102);
            string[] regions = new string[200];
            for (int i = 0; i < regions.Length; i++)
            {
                regions[i] = "R" + i.ToString("D3", CultureInfo.InvariantCulture);
            }

            string[] towers = new string[5_000];
            for (int i = 0; i < towers.Length; i++)
            {
                towers[i] = "302-720-" + (10000 + (i / 25) * 37).ToString(CultureInfo.InvariantCulture) + "-" + (1000 + i % 25).ToString(CultureInfo.InvariantCulture);
            }

            string[] days = new string[7];
            for (int d = 0; d < 7; d++)
            {
                days[d] = new DateTime(2026, 11, 1 + d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            // 100,000 subjects of about 10 records each; each lives near one region and its towers.
            _rows = new Row[Records];
            var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            for (int i = 0; i < Records; i++)
            {
                int subject = random.Next(100_000);
                int region = (int)(Math.Pow(random.NextDouble(), 2) * regions.Length);
                int tower = Math.Min(towers.Length - 1, region * 25 + random.Next(25));
                int day = random.Next(7), hour = random.Next(24);
                _rows[i] = new Row(
                    "T" + subject.ToString("D6", CultureInfo.InvariantCulture),
                    regions[region],
                    days[day],
                    hour,
                    towers[tower],
                    start.AddDays(day).AddHours(hour).AddSeconds(random.Next(3600)));
            }

            _coarse = QuasiIdentifiers<Row>.Of(r => r.Region, r => r.Day, r => r.Hour);
            _fine = QuasiIdentifiers<Row>.Of(r => r.Tower, r => r.At);
            _traces = TraceModel<Row>.Of(r => r.Token, r => r.Tower, r => r.Hour);
            _coarseClasses = PopulationChecks.Classes(_rows, _coarse);
        }

        [Benchmark(Description = "k-anonymity, 1M records, coarse QIs (region, day, hour)")]
        public int KAnonymityCoarse() => PopulationChecks.Classes(_rows, _coarse).KAnonymity(11).SmallestClassSize;

        [Benchmark(Description = "k-anonymity, 1M records, near-unique QIs (tower, timestamp)")]
        public int KAnonymityFine() => PopulationChecks.Classes(_rows, _fine).KAnonymity(11).SmallestClassSize;

        [Benchmark(Description = "risk (highest, average, unique) from the classes")]
        public double RiskFromClasses() => _coarseClasses.Risk().Average;

        [Benchmark(Description = "trace unicity, 1M records, 100k subjects, 2,000 sampled, 4 points")]
        public double TraceUnicity() => PopulationChecks.TraceUnicity(_rows, _traces, points: 4, sampleSubjects: 2_000, seed: 1).Unicity;
    }
}
