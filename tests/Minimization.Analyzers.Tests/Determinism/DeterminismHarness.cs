using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace Minimization.Analyzers.Tests.Determinism
{
    /// <summary>A program to analyze: its files (relative paths, so that diagnostics print the same everywhere) and its output kind.</summary>
    public sealed class Corpus
    {
        public Corpus(string name, IEnumerable<(string Path, string Text)> files, OutputKind outputKind)
        {
            Name = name;
            Files = files.ToImmutableArray();
            OutputKind = outputKind;
        }

        public string Name { get; }

        public ImmutableArray<(string Path, string Text)> Files { get; }

        public OutputKind OutputKind { get; }

        public override string ToString() => Name;
    }

    /// <summary>How the runs of one comparison vary.</summary>
    public enum RunPlan
    {
        /// <summary>Run 0 in the declared order; every other run with the syntax trees in another permuted order. Whole-compilation analysis.</summary>
        PermutedTrees,

        /// <summary>
        /// Run 0 is the whole-compilation analysis in the declared order; every other run uses permuted trees and a fresh
        /// <see cref="CompilationWithAnalyzers"/> on which the documents are first requested one by one in a shuffled order
        /// (some of them member by member first), as an IDE does, before the full result is collected on the same instance.
        /// Each such request runs the compilation-start actions again (Roslyn 4.14: one start per request), so every document
        /// is analyzed by a fresh engine that begins with that document's members. Both the full result and the union of the
        /// per-document results must equal the first run's.
        /// </summary>
        DocumentByDocument,

        /// <summary>Every run in the declared order: separates races between concurrent callbacks from order dependence.</summary>
        SameOrderRepeated,
    }

    /// <summary>
    /// Runs <see cref="IdentityFlowAnalyzer"/> on the same program many times, each time with a fresh analyzer and a fresh
    /// compilation, with concurrent analysis on, and requires the canonical diagnostics to be byte-identical across runs.
    /// </summary>
    public static class DeterminismHarness
    {
        /// <summary>One run that does not finish in this time fails (instead of blocking the suite).</summary>
        public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

        /// <summary>Set to an integer to explore other orders than the fixed default seeds (the seed is printed on failure either way).</summary>
        public const string SeedVariable = "MINIMIZATION_DETERMINISM_SEED";

        internal static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Preview);

        internal static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location))
            .ToImmutableArray();

        /// <summary>The seed to use: <paramref name="fixedSeed"/> unless <see cref="SeedVariable"/> says otherwise.</summary>
        public static int Seed(int fixedSeed)
            => int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : fixedSeed;

        /// <summary>A fresh compilation of the corpus with its files in the given order (indexes into <see cref="Corpus.Files"/>).</summary>
        public static CSharpCompilation Compile(Corpus corpus, IReadOnlyList<int> order)
        {
            var trees = order.Select(i => CSharpSyntaxTree.ParseText(corpus.Files[i].Text, ParseOptions, corpus.Files[i].Path, Encoding.UTF8));
            var options = new CSharpCompilationOptions(corpus.OutputKind).WithNullableContextOptions(NullableContextOptions.Enable);
            var name = new string(corpus.Name.Select(ch => char.IsLetterOrDigit(ch) ? ch : '_').ToArray());
            return CSharpCompilation.Create(name, trees, References, options);
        }

        public static IReadOnlyList<int> DeclaredOrder(Corpus corpus) => Enumerable.Range(0, corpus.Files.Length).ToList();

        /// <summary>The compiler errors of the corpus in the declared order, canonical (empty when it compiles).</summary>
        public static ImmutableArray<string> CompilerErrors(Corpus corpus)
            => Compile(corpus, DeclaredOrder(corpus)).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Canonical).ToImmutableArray();

        private static CompilationWithAnalyzers WithFreshAnalyzer(Compilation compilation)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            return compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdentityFlowAnalyzer()), options);
        }

        /// <summary>The analyzer's diagnostics for the whole compilation, canonical and sorted.</summary>
        public static async Task<ImmutableArray<string>> AnalyzeWholeAsync(Compilation compilation, CancellationToken cancellationToken)
        {
            var withAnalyzers = WithFreshAnalyzer(compilation);
            return Canonical(await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false));
        }

        /// <summary>
        /// On one fresh <see cref="CompilationWithAnalyzers"/>: the documents' semantic diagnostics requested one by one in a
        /// shuffled order (for some documents, one member's span first), then the full result on the same instance.
        /// </summary>
        public static async Task<(ImmutableArray<string> Full, ImmutableArray<string> PerDocument, string Requests)> AnalyzeDocumentByDocumentAsync(Compilation compilation, Random random, CancellationToken cancellationToken)
        {
            var withAnalyzers = WithFreshAnalyzer(compilation);
            var trees = withAnalyzers.Compilation.SyntaxTrees.ToList();
            Shuffle(trees, random);
            var requests = new List<string>();
            var perDocument = new List<Diagnostic>();
            foreach (var tree in trees)
            {
                var model = withAnalyzers.Compilation.GetSemanticModel(tree);
                if (random.Next(2) == 0)
                {
                    var members = (await tree.GetRootAsync(cancellationToken).ConfigureAwait(false)).DescendantNodes().OfType<BaseMethodDeclarationSyntax>().ToList();
                    if (members.Count > 0)
                    {
                        var member = members[random.Next(members.Count)];
                        requests.Add(tree.FilePath + "@" + Span(member.GetLocation()));
                        await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, member.Span, cancellationToken).ConfigureAwait(false);
                    }
                }

                requests.Add(tree.FilePath);
                perDocument.AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken).ConfigureAwait(false));
            }

            var full = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            return (Canonical(full), Canonical(perDocument), string.Join(", ", requests));
        }

        /// <summary>Every diagnostic as one line; sorted by location, then by text (ordinal).</summary>
        public static ImmutableArray<string> Canonical(IEnumerable<Diagnostic> diagnostics)
            => diagnostics
                .Select(d => (Key: SortKey(d.Location), Text: Canonical(d)))
                .OrderBy(x => x.Key, StringComparer.Ordinal)
                .ThenBy(x => x.Text, StringComparer.Ordinal)
                .Select(x => x.Text)
                .ToImmutableArray();

        /// <summary>Id, severity, location, message, every additional location in order, the properties sorted by key.</summary>
        public static string Canonical(Diagnostic diagnostic)
        {
            var text = new StringBuilder();
            text.Append(diagnostic.Id).Append(' ').Append(diagnostic.Severity).Append(' ').Append(Describe(diagnostic.Location));
            text.Append(" | ").Append(diagnostic.GetMessage(CultureInfo.InvariantCulture));
            text.Append(" | additional: [").Append(string.Join(", ", diagnostic.AdditionalLocations.Select(Describe))).Append(']');
            text.Append(" | properties: {").Append(string.Join("; ", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + (p.Value ?? "<null>")))).Append('}');
            return text.ToString();
        }

        private static string Describe(Location location)
            => location.Kind switch
            {
                LocationKind.None => "<none>",
                LocationKind.SourceFile or LocationKind.ExternalFile => location.GetLineSpan().Path + Span(location),
                _ => location.Kind + ":" + location,
            };

        private static string Span(Location location)
        {
            var span = location.GetLineSpan();
            return string.Format(CultureInfo.InvariantCulture, "({0},{1})-({2},{3})", span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1);
        }

        /// <summary>Path, then start and end (zero-padded so that ordinal order is numeric order).</summary>
        private static string SortKey(Location location)
        {
            if (location.Kind is not (LocationKind.SourceFile or LocationKind.ExternalFile))
            {
                return string.Empty;
            }

            var span = location.GetLineSpan();
            return string.Format(CultureInfo.InvariantCulture, "{0}\u0001{1:D8}{2:D8}{3:D8}{4:D8}", span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character);
        }

        public static void Shuffle<T>(IList<T> list, Random random)
        {
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }

        /// <summary>One run's result, labelled with what is needed to reproduce it.</summary>
        public sealed class Run
        {
            public Run(string label, ImmutableArray<string> lines)
            {
                Label = label;
                Lines = lines;
            }

            public string Label { get; }

            public ImmutableArray<string> Lines { get; }
        }

        /// <summary>
        /// Analyzes <paramref name="corpus"/> <paramref name="runs"/> times as <paramref name="plan"/> says and fails, showing the
        /// first differing line, unless every run produced the same canonical diagnostics. Also fails when the first run has no
        /// MIN001 (the comparison would then prove nothing). Returns the diagnostics of the first run. With
        /// <see cref="RunPlan.DocumentByDocument"/> every run after the first gives two results (the full one and the union of
        /// the per-document ones), so <paramref name="runs"/> = 6 compares ten results with the first. Each run has its own
        /// <see cref="RunTimeout"/>.
        /// </summary>
        public static async Task<ImmutableArray<string>> AssertSameAcrossRunsAsync(Corpus corpus, RunPlan plan, int seed, int runs = 10)
        {
            var random = new Random(seed);
            var results = new List<Run>();
            for (var index = 0; index < runs; index++)
            {
                var order = DeclaredOrder(corpus).ToList();
                if (plan != RunPlan.SameOrderRepeated && index > 0)
                {
                    if (index == 1)
                    {
                        order.Reverse();
                    }
                    else
                    {
                        Shuffle(order, random);
                    }
                }

                var compilation = Compile(corpus, order);
                var treeOrder = string.Join(", ", order.Select(i => corpus.Files[i].Path));
                using var timeout = new CancellationTokenSource(RunTimeout);
                try
                {
                    if (plan == RunPlan.DocumentByDocument && index > 0)
                    {
                        var (full, perDocument, requests) = await AnalyzeDocumentByDocumentAsync(compilation, random, timeout.Token).ConfigureAwait(false);
                        results.Add(new Run($"run {index}, full result after documents requested one by one (trees: {treeOrder}; requests: {requests})", full));
                        results.Add(new Run($"run {index}, union of the per-document results (trees: {treeOrder}; requests: {requests})", perDocument));
                    }
                    else
                    {
                        results.Add(new Run($"run {index}, whole compilation (trees: {treeOrder})", await AnalyzeWholeAsync(compilation, timeout.Token).ConfigureAwait(false)));
                    }
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    throw new XunitException($"{corpus.Name}: run {index} ({plan}, seed {seed}) did not finish within {RunTimeout.TotalSeconds:0} s (trees: {treeOrder}).");
                }

                var crashes = results[results.Count - 1].Lines.Where(l => l.StartsWith("AD0001 ", StringComparison.Ordinal)).ToList();
                if (crashes.Count > 0)
                {
                    throw new XunitException($"{corpus.Name}: the analyzer crashed in run {index} ({plan}, seed {seed}):\n" + string.Join("\n", crashes));
                }
            }

            var baseline = results[0];
            if (!baseline.Lines.Any(l => l.StartsWith("MIN001 ", StringComparison.Ordinal)))
            {
                throw new XunitException($"{corpus.Name}: no MIN001 at all, so the comparison would prove nothing. Diagnostics:\n" + string.Join("\n", baseline.Lines));
            }

            var failures = results.Skip(1).Where(r => !r.Lines.SequenceEqual(baseline.Lines, StringComparer.Ordinal)).ToList();
            if (failures.Count > 0)
            {
                throw new XunitException(DescribeFailures(corpus, plan, seed, baseline, failures, results.Count - 1));
            }

            return baseline.Lines;
        }

        /// <summary>Which runs differ from the first, each with its first differing line, and for the first of them every line in one but not the other.</summary>
        public static string DescribeFailures(Corpus corpus, RunPlan plan, int seed, Run baseline, IReadOnlyList<Run> failures, int compared)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{corpus.Name}: {failures.Count} of {compared} results differ from the first ({plan}, seed {seed}; set {SeedVariable} to try other orders).\n");
            message.Append("Baseline: ").Append(baseline.Label).Append(CultureInfo.InvariantCulture, $" ({baseline.Lines.Length} diagnostics)\n");
            foreach (var failure in failures)
            {
                message.Append('\n').Append(FirstDifference(baseline, failure));
            }

            var first = failures[0];
            var onlyBaseline = baseline.Lines.Except(first.Lines, StringComparer.Ordinal).ToList();
            var onlyOther = first.Lines.Except(baseline.Lines, StringComparer.Ordinal).ToList();
            message.Append("\nDiff between the baseline and ").Append(first.Label).Append(":\n");
            foreach (var line in onlyBaseline.Take(25))
            {
                message.Append("- ").Append(line).Append('\n');
            }

            foreach (var line in onlyOther.Take(25))
            {
                message.Append("+ ").Append(line).Append('\n');
            }

            if (onlyBaseline.Count + onlyOther.Count == 0)
            {
                message.Append("(same lines, different multiplicity)\n");
            }

            return message.ToString();
        }

        /// <summary>The first line at which two runs differ, with its number.</summary>
        public static string FirstDifference(Run expected, Run actual)
        {
            var count = Math.Min(expected.Lines.Length, actual.Lines.Length);
            var i = 0;
            while (i < count && string.Equals(expected.Lines[i], actual.Lines[i], StringComparison.Ordinal))
            {
                i++;
            }

            var left = i < expected.Lines.Length ? expected.Lines[i] : "<end: no more diagnostics>";
            var right = i < actual.Lines.Length ? actual.Lines[i] : "<end: no more diagnostics>";
            var note = i < expected.Lines.Length && !actual.Lines.Contains(left, StringComparer.Ordinal)
                ? "  (the first run's line is missing from this run)\n"
                : i < actual.Lines.Length && !expected.Lines.Contains(right, StringComparer.Ordinal) ? "  (this run's line is not in the first run)\n" : string.Empty;
            return string.Format(CultureInfo.InvariantCulture, "{0} ({1} diagnostics) first differs at line {2}:\n  first run: {3}\n  this run:  {4}\n{5}", actual.Label, actual.Lines.Length, i + 1, left, right, note);
        }
    }
}
