using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Text;
using Minimization.Testing.Checks;

namespace Minimization.Testing
{
    /// <summary>What a failed check found.</summary>
    public enum FindingKind
    {
        /// <summary>An identifying value, or a normalised variant of it, appears in the output.</summary>
        IdentifierSurvives,

        /// <summary>A class of the quasi-identifiers has fewer than k records.</summary>
        KAnonymity,

        /// <summary>A class has too little diversity of the sensitive attribute.</summary>
        LDiversity,

        /// <summary>An attacker who runs candidates through the published minimizer singles the person out.</summary>
        Enumeration,

        /// <summary>One person's tokens for two partners match, so the partners can join their releases.</summary>
        Linkable,

        /// <summary>The same record minimized twice for a partner that needs joinability gives different tokens.</summary>
        NotDeterministic,

        /// <summary>The highest prosecutor risk (1 / smallest class) is above its threshold.</summary>
        HighestRisk,

        /// <summary>The average prosecutor risk (classes / records) is above its threshold.</summary>
        AverageRisk,

        /// <summary>Too many records are alone in their class.</summary>
        UniqueRecords,

        /// <summary>Too many subjects are singled out by a few points of their trace.</summary>
        TraceUnicity,

        /// <summary>The minimizer threw on a realistic record.</summary>
        MinimizerThrew,

        /// <summary>The output keeps part of an identifier (the first 9 of 10 digits, an e-mail's local part, an IPv4 /24) that singles its subject out within the population.</summary>
        PartialIdentifier,
    }

    /// <summary>One reason a minimizer failed, naming the person and how they were re-identified.</summary>
    /// <example>
    /// <code>
    /// foreach (Finding f in report.Findings)
    ///     Console.WriteLine($"{f.Kind}: {f.Message}");
    /// </code>
    /// </example>
    public sealed class Finding
    {
        internal Finding(FindingKind kind, string message, int? record = null, string? person = null)
        {
            Kind = kind;
            Message = message;
            RecordIndex = record;
            Person = person;
        }

        /// <summary>Which check failed.</summary>
        public FindingKind Kind { get; }

        /// <summary>The label: who, and how, for example <c>phone 2025550143 (CallRecord.CallerNumber, record #17) survives as Base64 in SharedCallRecord.Payload</c>.</summary>
        public string Message { get; }

        /// <summary>The input record involved, when there is one.</summary>
        public int? RecordIndex { get; }

        /// <summary>The identifying value of the person involved, for example <c>phone 2025550143</c>, when known.</summary>
        public string? Person { get; }

        internal bool IsRecordLevel => Kind is FindingKind.IdentifierSurvives or FindingKind.Enumeration or FindingKind.Linkable
            or FindingKind.NotDeterministic or FindingKind.MinimizerThrew or FindingKind.PartialIdentifier;

        /// <summary>The attack that re-identified the person (for example the candidates an enumeration ran), when there was one.</summary>
        public string? Attack { get; internal set; }

        /// <summary>The measured figure behind the finding (candidates matched, subjects singled out, class size, share), when there is one.</summary>
        public double? Figure { get; internal set; }

        /// <summary>The threshold the figure was held to, when there is one.</summary>
        public double? Threshold { get; internal set; }

        /// <summary>Further input records involved (a class's members, a trace's points), besides <see cref="RecordIndex"/>.</summary>
        internal IReadOnlyList<int> Records { get; set; } = Array.Empty<int>();

        /// <inheritdoc/>
        public override string ToString() => "[" + Kind + "] " + Message;
    }

    /// <summary>
    /// One property of a spec after a run: passed or failed, the figure measured against its threshold, and when it failed
    /// the attack that re-identified someone and the shrunk counterexample (at most 3 records whenever that few show it).
    /// </summary>
    /// <example>
    /// <code>
    /// foreach (PropertyResult p in spec.Evaluate(seed: 7).Properties)
    ///     Console.WriteLine($"{p.Property}: {(p.Passed ? "passed" : "failed")} ({p.Measure})");
    /// </code>
    /// </example>
    public sealed class PropertyResult
    {
        internal PropertyResult(FindingKind kind, bool passed, string measure, double? figure, double? threshold, Finding? finding)
        {
            Kind = kind;
            Passed = passed;
            Measure = measure;
            Figure = figure;
            Threshold = threshold;
            Finding = finding;
        }

        /// <summary>The property in words, for example <c>no identifier survives</c> or <c>trace unicity</c>.</summary>
        public string Property => NameOf(Kind);

        /// <summary>The kind of finding this property produces when it fails.</summary>
        public FindingKind Kind { get; }

        /// <summary>Whether the property held.</summary>
        public bool Passed { get; }

        /// <summary>The figure measured, for example the smallest class size, the share of subjects singled out, or the candidates matched.</summary>
        public double? Figure { get; }

        /// <summary>The threshold it was held to, for example k = 11 or 0.05.</summary>
        public double? Threshold { get; }

        /// <summary>The figure and threshold in words, for example <c>smallest class 3 records, k = 11</c>.</summary>
        public string Measure { get; }

        /// <summary>The finding, when the property failed.</summary>
        public Finding? Finding { get; }

        /// <summary>Who was re-identified and how, when the property failed; else empty.</summary>
        public string Message => Finding?.Message ?? string.Empty;

        /// <summary>The attack that re-identified someone, when there was one.</summary>
        public string? Attack => Finding?.Attack;

        /// <summary>The shrunk counterexample: each input record with its output, printed as <c>member = value</c>.</summary>
        public IReadOnlyList<string> Counterexample { get; internal set; } = Array.Empty<string>();

        /// <summary>The population indexes of the counterexample's records.</summary>
        public IReadOnlyList<int> CounterexampleRecords { get; internal set; } = Array.Empty<int>();

        internal static string NameOf(FindingKind kind) => kind switch
        {
            FindingKind.IdentifierSurvives => "no identifier survives",
            FindingKind.PartialIdentifier => "no part of an identifier singles anyone out",
            FindingKind.KAnonymity => "k-anonymity",
            FindingKind.LDiversity => "l-diversity",
            FindingKind.Enumeration => "enumeration resistance",
            FindingKind.Linkable => "unlinkability across partners",
            FindingKind.NotDeterministic => "determinism within a partner",
            FindingKind.HighestRisk => "highest prosecutor risk",
            FindingKind.AverageRisk => "average prosecutor risk",
            FindingKind.UniqueRecords => "unique records",
            FindingKind.TraceUnicity => "trace unicity",
            FindingKind.MinimizerThrew => "the minimizer accepts every realistic record",
            _ => kind.ToString(),
        };

        /// <summary>The property as a paragraph: verdict, measure, finding, attack and counterexample.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Property).Append(Passed ? ": passed (" : ": FAILED (").Append(Measure).Append(')');
            if (Finding != null)
            {
                sb.AppendLine().Append("    ").Append(Finding.Message);
                if (Finding.Attack != null)
                {
                    sb.AppendLine().Append("    attack: ").Append(Finding.Attack);
                }
            }

            if (Counterexample.Count > 0)
            {
                sb.AppendLine().Append("    counterexample (").Append(Text.Count(Counterexample.Count, "record")).Append("):");
                foreach (string r in Counterexample)
                {
                    sb.AppendLine().Append("      ").Append(r.Replace("\n", "\n      ", StringComparison.Ordinal));
                }
            }

            return sb.ToString();
        }
    }

    /// <summary>The outcome of evaluating a <see cref="MinimizerSpec{TIn, TOut}"/> on one population, with the measures computed.</summary>
    /// <example>
    /// <code>
    /// HarnessReport report = spec.Evaluate(Population.Of&lt;CallRecord&gt;().Generate(seed: 1));
    /// Assert.True(report.Passed, report.Label);
    /// </code>
    /// </example>
    public sealed class HarnessReport
    {
        internal HarnessReport(string subject, string population, IReadOnlyList<Finding> findings)
        {
            Subject = subject;
            PopulationDescription = population;
            Findings = findings;
        }

        /// <summary>What was tested, for example <c>CallRecord -&gt; SharedCallRecord for partner UK</c>.</summary>
        public string Subject { get; }

        /// <summary>The population the checks ran on.</summary>
        public string PopulationDescription { get; }

        /// <summary>Every failed check, record-level checks first.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        /// <summary>Every declared property, passed or failed, with its figure, threshold and (when it failed) shrunk counterexample.</summary>
        public IReadOnlyList<PropertyResult> Properties { get; internal set; } = Array.Empty<PropertyResult>();

        /// <summary>
        /// Categories the harness guessed from member names because neither an attribute nor the spec declared them, for
        /// example <c>Subscriber.Msisdn: phone, guessed from its name</c>. Declare them with <c>Identifiers(category, ...)</c>.
        /// </summary>
        public IReadOnlyList<string> CategoryGuesses { get; internal set; } = Array.Empty<string>();

        /// <summary>Whether every check passed.</summary>
        public bool Passed => Findings.Count == 0;

        /// <summary>Wall time of each phase of the run (minimize, survival, population checks, …), for the benchmarks.</summary>
        internal Dictionary<string, TimeSpan> PhaseTimes { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

        /// <summary>Processor time of each phase (the process's, so it includes the garbage collector's threads).</summary>
        internal Dictionary<string, TimeSpan> PhaseCpu { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

        /// <summary>The k-anonymity measure, when quasi-identifiers were declared.</summary>
        public KAnonymityResult? KAnonymity { get; internal set; }

        /// <summary>The prosecutor risk measures, when quasi-identifiers were declared.</summary>
        public RiskResult? Risk { get; internal set; }

        /// <summary>The l-diversity measure, when a sensitive attribute was declared.</summary>
        public LDiversityResult? LDiversity { get; internal set; }

        /// <summary>The trace unicity measure, when traces were declared.</summary>
        public TraceUnicityResult? TraceUnicity { get; internal set; }

        /// <summary>Whether a finding of <paramref name="kind"/> was made.</summary>
        /// <param name="kind">The kind to look for.</param>
        /// <returns><see langword="true"/> if any finding has that kind.</returns>
        public bool Has(FindingKind kind) => Findings.Any(f => f.Kind == kind);

        /// <summary>
        /// The verdict as one readable message: one paragraph per failed property with the figure, the threshold, the
        /// attack and the shrunk counterexample printed as data (what <see cref="MinimizerCheckException"/> carries).
        /// </summary>
        public string Label
        {
            get
            {
                var sb = new StringBuilder();
                if (Passed)
                {
                    sb.Append(Subject).Append(": all ").Append(Text.Count(Math.Max(Properties.Count, 1), "property", "properties"))
                      .Append(" passed on ").Append(PopulationDescription).Append(Measures);
                }
                else
                {
                    var failed = Properties.Where(p => !p.Passed).ToList();
                    int failedCount = failed.Count > 0 ? failed.Count : Findings.Count;
                    int total = Math.Max(Properties.Count, failedCount);
                    sb.Append(Subject).Append(" re-identifies people: ").Append(failedCount.ToString(CultureInfo.InvariantCulture)).Append(" of ")
                      .Append(Text.Count(total, "property", "properties")).Append(' ').Append((failedCount == 1 ? "fails" : "fail"))
                      .Append(" on ").Append(PopulationDescription).Append(':');
                    if (failed.Count > 0)
                    {
                        foreach (PropertyResult p in failed)
                        {
                            sb.AppendLine().Append("  ").Append(p);
                        }
                    }
                    else
                    {
                        foreach (Finding f in Findings)
                        {
                            sb.AppendLine().Append("  ").Append(f);
                        }
                    }
                }

                if (CategoryGuesses.Count > 0)
                {
                    sb.AppendLine().Append("  categories guessed from member names (declare them with Identifiers(category, ...)): ")
                      .Append(string.Join("; ", CategoryGuesses));
                }

                return sb.ToString();
            }
        }

        private string Measures
        {
            get
            {
                var parts = new List<string>();
                if (KAnonymity != null)
                {
                    parts.Add($"smallest class {KAnonymity.SmallestClassSize} of {KAnonymity.Classes:N0}");
                }

                if (Risk != null)
                {
                    parts.Add(string.Format(CultureInfo.InvariantCulture, "average risk {0:0.####}, unique {1:P2}", Risk.Average, Risk.UniqueShare));
                }

                if (LDiversity != null)
                {
                    parts.Add(string.Format(CultureInfo.InvariantCulture, "lowest l {0:0.##}", LDiversity.LowestEffectiveL));
                }

                if (TraceUnicity != null)
                {
                    parts.Add(string.Format(CultureInfo.InvariantCulture, "trace unicity {0:P1}", TraceUnicity.Unicity));
                }

                return parts.Count == 0 ? string.Empty : " (" + string.Join("; ", parts) + ")";
            }
        }

        /// <summary>Throws <see cref="MinimizerCheckException"/> with <see cref="Label"/> when a check failed.</summary>
        /// <exception cref="MinimizerCheckException">When <see cref="Passed"/> is false.</exception>
        public void ThrowIfFailed()
        {
            if (!Passed)
            {
                throw new MinimizerCheckException(this);
            }
        }

        /// <inheritdoc/>
        public override string ToString() => Label;
    }

    /// <summary>Thrown by <see cref="HarnessReport.ThrowIfFailed"/> and <see cref="MinimizerSpec{TIn, TOut}.Check()"/>; the message is the failure label.</summary>
    public sealed class MinimizerCheckException : Exception
    {
        /// <summary>Creates the exception for a failed report.</summary>
        /// <param name="report">The report.</param>
        public MinimizerCheckException(HarnessReport report)
            : base(report?.Label)
        {
            Report = report;
        }

        internal MinimizerCheckException(HarnessReport report, string replay)
            : base(report.Label + Environment.NewLine + "  (" + replay + ")")
        {
            Report = report;
        }

        /// <summary>Creates the exception from a message (FsCheck's failure text).</summary>
        /// <param name="message">The message.</param>
        /// <param name="inner">The original exception.</param>
        public MinimizerCheckException(string message, Exception? inner)
            : base(message, inner)
        {
        }

        /// <summary>The report, when the exception came from one evaluation.</summary>
        public HarnessReport? Report { get; }
    }
}
