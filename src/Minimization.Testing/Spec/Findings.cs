using System;
using System.Collections.Generic;
using System.Linq;
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
            or FindingKind.NotDeterministic or FindingKind.MinimizerThrew;

        /// <inheritdoc/>
        public override string ToString() => "[" + Kind + "] " + Message;
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

        /// <summary>Whether every check passed.</summary>
        public bool Passed => Findings.Count == 0;

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

        /// <summary>All findings as one readable label (what FsCheck prints for a failing property).</summary>
        public string Label
        {
            get
            {
                if (Passed)
                {
                    return $"{Subject}: all checks passed on {PopulationDescription}{Measures}";
                }

                var sb = new StringBuilder();
                sb.Append(Subject).Append(" re-identifies people (").Append(Findings.Count).Append(Findings.Count == 1 ? " finding" : " findings")
                  .Append(") on ").Append(PopulationDescription).Append(':');
                foreach (Finding f in Findings)
                {
                    sb.AppendLine().Append("  ").Append(f);
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
                    parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, "average risk {0:0.####}, unique {1:P2}", Risk.Average, Risk.UniqueShare));
                }

                if (LDiversity != null)
                {
                    parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, "lowest l {0:0.##}", LDiversity.LowestEffectiveL));
                }

                if (TraceUnicity != null)
                {
                    parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, "trace unicity {0:P1}", TraceUnicity.Unicity));
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

    /// <summary>Thrown by <see cref="HarnessReport.ThrowIfFailed"/> and <see cref="MinimizerSpec{TIn, TOut}.Check"/>; the message is the failure label.</summary>
    public sealed class MinimizerCheckException : Exception
    {
        /// <summary>Creates the exception for a failed report.</summary>
        /// <param name="report">The report.</param>
        public MinimizerCheckException(HarnessReport report)
            : base(report.Label)
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
