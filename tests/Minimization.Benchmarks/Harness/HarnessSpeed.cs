using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Minimization.Testing;
using Minimization.Testing.Checks;
using Minimization.Testing.Generators;
using Minimization.Testing.Populations;

namespace Minimization.Benchmarks.Harness
{
    /// <summary>
    /// <c>--harness-speed [records]</c>: one evaluation of a full spec (survival, partial identifiers, k-anonymity, risk,
    /// l-diversity, trace unicity per true subject) on a generated population of call records (default 1,000,000 from
    /// 250,000 subscribers), with the wall time of each phase and the records per second of each check, on one thread.
    /// </summary>
    public static class HarnessSpeed
    {
        public sealed class Call
        {
            [Minimization.IdentityBearing(Minimization.IdentityCategory.Phone)]
            public string CallerNumber { get; set; } = "";

            [Minimization.IdentityBearing(Minimization.IdentityCategory.Phone)]
            public string CalleeNumber { get; set; } = "";

            [Minimization.IdentityBearing(Minimization.IdentityCategory.Timestamp)]
            public DateTime StartedAt { get; set; }

            [Minimization.IdentityBearing(Minimization.IdentityCategory.CellTower)]
            public string TowerId { get; set; } = "";

            [Minimization.IdentityBearing(Minimization.IdentityCategory.Imei)]
            public string Imei { get; set; } = "";

            public int DurationSeconds { get; set; }
        }

        public sealed record Shared(string CallerToken, string Region, string Day, int DurationBucket, string Plan);

        public static Shared Minimize(Call r, MinimizerContext ctx)
        {
            string lac = r.TowerId.Split('-')[2];
            string region = lac[0] == '9' ? "rural" : lac;
            string day = r.StartedAt.ToString(region == "rural" ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            string digits = IdentityFormats.NationalDigits(r.CallerNumber) ?? IdentityFormats.DigitsOnly(r.CallerNumber);
            string token = Convert.ToHexString(HMACSHA256.HashData(ctx.KeyFor(ctx.Partner + "/" + day), Encoding.UTF8.GetBytes(digits)), 0, 10);
            int bucket = r.DurationSeconds < 60 ? 0 : r.DurationSeconds < 600 ? 1 : 2;
            return new Shared(token, region, day, bucket, bucket == 0 ? "short" : bucket == 1 ? "medium" : "long");
        }

        /// <summary><c>--harness-survival-parts [records]</c>: the survival search's steps timed one by one (processor time).</summary>
        public static int Parts(int records, TextWriter output)
        {
            Population<Call> population = Population.Of<Call>().Records(records).People(Math.Max(1, records / 4)).Regions(60, skew: 1.1).Generate(20261102);
            var ctx = new MinimizerContext("p", new byte[32]);
            var outputs = population.Records.Select(r => Minimize(r, ctx)).ToArray();
            TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
            void Time(string what, Action action)
            {
                // The best of three runs: the first pays for compiling, the others for whatever else the machine does.
                double best = double.MaxValue, bestWall = double.MaxValue;
                for (int run = 0; run < 3; run++)
                {
                    TimeSpan t = Cpu();
                    long w = Stopwatch.GetTimestamp();
                    action();
                    bestWall = Math.Min(bestWall, Stopwatch.GetElapsedTime(w).TotalSeconds);
                    best = Math.Min(best, (Cpu() - t).TotalSeconds);
                }

                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-36} {1,8:0.000} s CPU {2,8:0.000} s wall {3,8:0.00} µs/record", what, best, bestWall, best * 1e6 / records));
            }

            // What reading alone costs: the three identifiers and the output's strings, one character of each (the memory's floor).
            long sink = 0;
            Time("reading the members only", () => { for (int i = 0; i < records; i++) { Call r = population[i]; sink += r.CallerNumber[0] + r.CalleeNumber[0] + r.Imei[0] + outputs[i].CallerToken[0] + outputs[i].Day[0] + outputs[i].Region[0]; } });
            output.WriteLine($"(checksum {sink})");
            var text = new LeafText();
            Time("leaf texts, compiled writer", () => { for (int i = 0; i < records; i++) text.TryWrite(outputs[i]); });
            char[] scratch = new char[64];
            Time("normal forms, 3 identifiers", () =>
            {
                for (int i = 0; i < records; i++)
                {
                    IdentifierVariants.NormalForm("phone", population[i].CallerNumber, scratch, out _);
                    IdentifierVariants.NormalForm("phone", population[i].CalleeNumber, scratch, out _);
                    IdentifierVariants.NormalForm("imei", population[i].Imei, scratch, out _);
                }
            });
            int found = 0;
            Time("writer + normal forms + search", () =>
            {
                found = 0;
                for (int i = 0; i < records; i++)
                {
                    text.TryWrite(outputs[i]);
                    Call r = population[i];
                    int n = IdentifierVariants.NormalForm("phone", r.CallerNumber, scratch, out int length) == IdentifierVariants.FormResult.Compact && text.Compact.IndexOf(scratch.AsSpan(0, length)) >= 0 ? 1 : 0;
                    n += IdentifierVariants.NormalForm("phone", r.CalleeNumber, scratch, out length) == IdentifierVariants.FormResult.Compact && text.Compact.IndexOf(scratch.AsSpan(0, length)) >= 0 ? 1 : 0;
                    n += IdentifierVariants.NormalForm("imei", r.Imei, scratch, out length) == IdentifierVariants.FormResult.Compact && text.Compact.IndexOf(scratch.AsSpan(0, length)) >= 0 ? 1 : 0;
                    found += n > 0 ? 1 : 0;
                }
            });
            output.WriteLine($"{found:N0} records carry a normal form");
            var compactText = new LeafText(compactOnly: true);
            Time("leaf texts, compact only", () => { for (int i = 0; i < records; i++) compactText.TryWrite(outputs[i]); });
            long runs = 0;
            Time("compact only + digit runs", () => { for (int i = 0; i < records; i++) { compactText.TryWrite(outputs[i]); runs += compactText.LongestDigitRun(); } });
            output.WriteLine($"(checksum {runs})");
            IdentifierVariants.FormKind[] kinds = { IdentifierVariants.FormKind.Phone, IdentifierVariants.FormKind.Phone, IdentifierVariants.FormKind.Digits };
            int mayFit = 0;
            // The pass as round 5 runs it: compact text only, digit-only forms ruled out by the longest run of digits.
            Time("pass: compact, runs, search", () =>
            {
                found = 0;
                mayFit = 0;
                for (int i = 0; i < records; i++)
                {
                    compactText.TryWrite(outputs[i]);
                    Call r = population[i];
                    int longest = compactText.LongestDigitRun();
                    int n = 0;
                    for (int m = 0; m < 3; m++)
                    {
                        string value = m == 0 ? r.CallerNumber : m == 1 ? r.CalleeNumber : r.Imei;
                        if (IdentifierVariants.DigitFormMinLength(kinds[m], value) > longest)
                        {
                            continue;
                        }

                        mayFit++;
                        n += IdentifierVariants.NormalForm(kinds[m], value, scratch, out int length) == IdentifierVariants.FormResult.Compact && compactText.Compact.IndexOf(scratch.AsSpan(0, length)) >= 0 ? 1 : 0;
                    }

                    found += n > 0 ? 1 : 0;
                }
            });
            output.WriteLine($"{found:N0} records carry a normal form; {mayFit:N0} forms not ruled out by the digit runs");
            var leaves = new System.Collections.Generic.List<Leaf>[records];
            var hay = new System.Collections.Generic.List<Haystack>[records];
            Time("object graph leaves", () => { for (int i = 0; i < records; i++) leaves[i] = ObjectGraph.Leaves(outputs[i], "Shared"); });
            Time("haystacks", () => { for (int i = 0; i < records; i++) hay[i] = SurvivalSearch.Haystacks(leaves[i]); });
            var cache = new System.Collections.Generic.Dictionary<(string, string), Haystack[]>();
            Time("haystacks, leaves cached", () => { for (int i = 0; i < records; i++) hay[i] = SurvivalSearch.Haystacks(leaves[i], cache); });
            var ids = new Identifier[records];
            Time("identifiers (no cache)", () => { for (int i = 0; i < records; i++) ids[i] = IdentifierVariants.Create("phone", "Call.CallerNumber", population[i].CallerNumber)!; });
            Time("find", () => { for (int i = 0; i < records; i++) SurvivalSearch.Find(ids[i], hay[i]); });
            Time("parts", () => { for (int i = 0; i < records; i++) { foreach (Part p in ids[i].Parts) SurvivalSearch.FindPart(p, hay[i]); } });
            return 0;
        }

        /// <summary>
        /// One evaluation per <paramref name="evaluations"/> on the same population, each timed: the first pays for compiling
        /// the checks' code (and the runtime's recompiling of what turns hot), the next ones show the checks' own cost.
        /// </summary>
        public static int Run(int records, TextWriter output, int evaluations = 1)
        {
            var clock = Stopwatch.StartNew();
            Population<Call> population = Population.Of<Call>().Records(records).People(Math.Max(1, records / 4)).Regions(60, skew: 1.1).Generate(20261102);
            output.WriteLine($"generated {records:N0} records in {clock.Elapsed.TotalSeconds:0.00} s");
            MinimizerSpec<Call, Shared> spec = MinimizerSpec.For<Call, Shared>(Minimize)
                .QuasiIdentifiers(s => s.Region, s => s.Day)
                .KAnonymous(11)
                .LDiverse(s => s.Plan, 1.5)
                .Traces(s => s.CallerToken, s => s.Region, s => s.Day);
            for (int evaluation = 1; evaluation <= evaluations; evaluation++)
            {
                if (evaluations > 1)
                {
                    output.WriteLine($"evaluation {evaluation} of {evaluations}{(evaluation == 1 ? " (first: compiling included)" : string.Empty)}");
                }

                Evaluate(spec, population, records, output);
            }

            return 0;
        }

        private static void Evaluate(MinimizerSpec<Call, Shared> spec, Population<Call> population, int records, TextWriter output)
        {
            var clock = Stopwatch.StartNew();
            HarnessReport report = spec.Evaluate(population);
            TimeSpan total = clock.Elapsed;
            output.WriteLine(report.Passed ? "passed" : report.Label);
            foreach (PropertyResult property in report.Properties)
            {
                output.WriteLine($"  {property.Property}: {property.Measure}");
            }

            output.WriteLine("phase               wall (s)   CPU (s)   M records/s of CPU");
            foreach (var (phase, time) in report.PhaseTimes)
            {
                double cpu = report.PhaseCpu.TryGetValue(phase, out TimeSpan c) ? c.TotalSeconds : double.NaN;
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-18} {1,9:0.000} {2,9:0.000} {3,12:0.00}", phase, time.TotalSeconds, cpu, records / cpu / 1e6));
            }

            TimeSpan checks = report.PhaseTimes.Where(kv => kv.Key != "minimize").Aggregate(TimeSpan.Zero, (a, kv) => a + kv.Value);
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "every check      {0,8:0.000} s (evaluation with minimizing: {1:0.000} s)", checks.TotalSeconds, total.TotalSeconds));
        }
    }
}
