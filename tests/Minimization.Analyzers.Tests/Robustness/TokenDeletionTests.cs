using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Minimization.Analyzers.Tests.Robustness
{
    /// <summary>
    /// Code as it looks while being typed: realistic snippets with one to three tokens deleted at random (fixed seeds).
    /// The analyzer must neither throw (AD0001) nor give up on a member (MIN012), whatever the compiler makes of the text.
    /// </summary>
    public class TokenDeletionTests
    {
        private const int SeedCount = 20;

        private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Preview);

        private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithConcurrentBuild(false);

        private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location))
            .ToImmutableArray();

        private static readonly SyntaxTree PreludeTree = CSharpSyntaxTree.ParseText(Prelude.Source, ParseOptions, "Prelude.cs");

        private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new IdentityFlowAnalyzer());

        /// <summary>One snippet per flow category, each a small piece of a telecom code base.</summary>
        private static readonly string[] Corpus =
        {
            // 0: direct flows, locals, overwrite, minimizer, property and parameter sinks
            """
            using Telecom;
            class DirectJob
            {
                void Run(CallRecord r, PartnerFeed feed, bool verbose)
                {
                    var n = r.CallerNumber;
                    if (verbose) { n = r.CalleeNumber; } else { n = "anonymous"; }
                    PartnerGateway.Send(n);
                    PartnerGateway.Route("UK", r.TowerId);
                    feed.Payload = Minimizers.Pseudonymize(r.CallerNumber, "NZ");
                    feed.Payload += r.Region;
                    PartnerGateway.SendAll(r.DurationSeconds, r.CallerNumber, Minimizers.Minimize(r));
                }
            }
            """,

            // 1: a chain of calls across classes, static and instance helpers
            """
            using Telecom;
            class Intake { public static void Accept(string n) => Normalizer.Clean(n); }
            class Normalizer { public static void Clean(string n) => Enricher.Tag(n.Trim()); }
            class Enricher { public static void Tag(string n) => new Batcher("cdr").Queue(n); }
            class Batcher
            {
                private readonly string _prefix;
                public Batcher(string prefix) { _prefix = prefix; }
                public void Queue(string line) => Exporter.Flush(_prefix + ";" + line);
            }
            class Exporter { public static void Flush(string line) => PartnerGateway.Send(line); }
            class ChainJob { void Run(CallRecord r) { Intake.Accept(r.CalleeNumber); Intake.Accept(r.Region); } }
            """,

            // 2: out/ref parameters, recursion, generic and extension methods
            """
            using Telecom;
            static class PhoneExtensions
            {
                public static string ToE164(this string number) => "+" + number.TrimStart('0');
                public static void ShareWithPartner(this string payload) => PartnerGateway.Send(payload);
            }
            class HelperJob
            {
                static void Extract(CallRecord r, out string number, out int seconds) { number = r.CallerNumber; seconds = r.DurationSeconds; }
                static void Append(ref string line, string part) => line = line + ";" + part;
                static string Pad(string s, int width) => s.Length >= width ? s : Pad("0" + s, width);
                static T Echo<T>(T value) => value;
                void Run(CallRecord r)
                {
                    Extract(r, out var number, out var seconds);
                    var line = "cdr";
                    Append(ref line, Pad(number, 15));
                    Echo(line).ToE164().ShareWithPartner();
                    PartnerGateway.Send(seconds);
                }
            }
            """,

            // 3: virtual dispatch, interfaces, abstract bases, generic types
            """
            using Telecom;
            interface ICdrSink { void Write(string line); }
            interface IForwarder<T> { void Forward(T item); }
            abstract class Publisher
            {
                protected abstract void Publish(string payload);
                public void PublishCall(CallRecord r) => Publish(r.TowerId);
            }
            sealed class NzPublisher : Publisher
            {
                private readonly PartnerFeed _feed = new PartnerFeed();
                protected override void Publish(string payload) => _feed.Payload = payload;
            }
            sealed class UsSink : ICdrSink { public void Write(string line) => PartnerGateway.SendAll(line); }
            sealed class PartnerForwarder<T> : IForwarder<T> where T : notnull { public void Forward(T item) => PartnerGateway.Send(item); }
            sealed class AuChannel : IPartnerChannel { void IPartnerChannel.Publish(string payload) { } }
            class DispatchJob
            {
                void Run(CallRecord r, ICdrSink sink, IForwarder<string> forwarder)
                {
                    sink.Write(r.CalleeNumber);
                    forwarder.Forward(r.CallerNumber);
                    IPartnerChannel channel = new AuChannel();
                    channel.Publish(r.Region);
                }
            }
            """,

            // 4: lambdas, local functions, captures, delegates in fields, method groups
            """
            using System;
            using System.Collections.Generic;
            using Telecom;
            class LambdaJob
            {
                private readonly Func<CallRecord, string> _key = call => call.CallerNumber;
                private readonly Action<object> _sink;
                public LambdaJob() { _sink = PartnerGateway.Send; }
                static string CallerOf(CallRecord call) => call.CallerNumber;
                static string Apply(Func<string, string> transform, string value) => transform(value);
                void Run(CallRecord r, List<CallRecord> calls)
                {
                    var number = r.CallerNumber;
                    Action flush = () => PartnerGateway.Send(number);
                    Func<CallRecord, string> pick = CallerOf;
                    string Mask(string s) => s.Substring(0, 6) + "****";
                    flush();
                    _sink(_key(r));
                    _sink(Apply(s => s.Trim(), pick(r)));
                    PartnerGateway.Send(Mask(r.TowerId));
                    calls.ForEach(c => PartnerGateway.Send(c.CalleeNumber));
                }
            }
            """,

            // 5: events with method-group and lambda handlers
            """
            using System;
            using Telecom;
            class CallMonitor
            {
                public event Action<string>? CallCompleted;
                public event EventHandler<string>? Received;
                public void Complete(CallRecord r) => CallCompleted?.Invoke(r.CallerNumber);
                public void OnMail(EmailHeader header) => Received?.Invoke(this, header.From);
            }
            class PartnerBridge
            {
                public PartnerBridge(CallMonitor monitor, IPartnerChannel channel)
                {
                    monitor.CallCompleted += OnCompleted;
                    monitor.Received += (sender, from) => channel.Publish(from);
                }
                private void OnCompleted(string number) => PartnerGateway.Send(number);
            }
            """,

            // 6: async/await, Task<T>, Task.FromResult, Task.WhenAll, async lambdas
            """
            using System;
            using System.Threading.Tasks;
            using Telecom;
            class AsyncJob
            {
                async Task<string> LookupAsync(CallRecord r) { await Task.Delay(1).ConfigureAwait(false); return r.CallerNumber; }
                Task<string> CachedTowerAsync(CallRecord r) => Task.FromResult(r.TowerId);
                async Task ShareAsync(string payload) { await Task.Yield(); PartnerGateway.Send(payload); }
                async Task RunAsync(CallRecord a, CallRecord b)
                {
                    var numbers = await Task.WhenAll(LookupAsync(a), LookupAsync(b));
                    await ShareAsync(numbers[0]);
                    PartnerGateway.Send(await CachedTowerAsync(a));
                    Func<Task<string>> lookup = async () => { await Task.Yield(); return b.CalleeNumber; };
                    PartnerGateway.Send(await lookup());
                    PartnerGateway.Send(Task.Run(() => a.Region).Result);
                }
            }
            """,

            // 7: iterators, async iterators and LINQ in method and query syntax
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Telecom;
            class LinqJob
            {
                IEnumerable<string> Numbers(IEnumerable<CallRecord> calls) { foreach (var c in calls) yield return c.CallerNumber; }
                async IAsyncEnumerable<string> SendersAsync(IEnumerable<EmailHeader> headers)
                {
                    foreach (var h in headers) { await Task.Yield(); yield return h.From; }
                }
                async Task RunAsync(List<CallRecord> calls, IEnumerable<EmailHeader> headers, IPartnerChannel channel)
                {
                    var byTower = calls.ToDictionary(c => c.TowerId, c => c.DurationSeconds);
                    var uk = Numbers(calls).Where(n => n.StartsWith("+44")).First();
                    var rows = from c in calls where c.DurationSeconds > 600 orderby c.TowerId select new { c.Region, c.CalleeNumber };
                    foreach (var row in rows) { PartnerGateway.Send(row.CalleeNumber); PartnerGateway.Send(row.Region); }
                    await foreach (var from in SendersAsync(headers)) { channel.Publish(from); }
                    PartnerGateway.SendAll(byTower, uk, calls.Count(), calls.Any(c => c.CallerNumber == uk));
                    var busiest = calls.GroupBy(c => c.TowerId).OrderByDescending(g => g.Count()).First();
                    PartnerGateway.Send(busiest.Key);
                }
            }
            """,

            // 8: DTOs, nested objects, object and collection initializers, arrays, dictionaries
            """
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrExport { public string Caller = ""; public string Region = ""; public int Seconds; }
            class Envelope { public CdrExport Body = new CdrExport(); public string Partner = ""; }
            class HeapJob
            {
                void Run(CallRecord r)
                {
                    var env = new Envelope { Partner = "UK", Body = { Caller = r.CallerNumber, Seconds = r.DurationSeconds } };
                    env.Body.Region = r.Region;
                    var batch = new List<string> { r.Region, r.CallerNumber };
                    var parts = new string[3];
                    parts[0] = r.Region; parts[2] = r.TowerId;
                    var fields = new Dictionary<string, string> { ["caller"] = r.CallerNumber };
                    fields["tower"] = r.TowerId;
                    if (fields.TryGetValue("caller", out var caller)) { PartnerGateway.Send(caller); }
                    foreach (var pair in fields) { PartnerGateway.Send(pair.Value); }
                    foreach (var n in batch.ToList()) { PartnerGateway.Send(n); }
                    PartnerGateway.SendAll(env, env.Body.Seconds, string.Join(";", parts), parts.Length, batch.Count);
                }
            }
            """,

            // 9: static and instance fields written in one method and sent in another
            """
            using Telecom;
            static class LastCall
            {
                private static string s_caller = "";
                public static void Record(CallRecord r) => s_caller = r.CallerNumber;
                public static void Remember(string line) => s_caller = line;
                public static void Flush() => PartnerGateway.Send(s_caller);
            }
            class MailBatch
            {
                private string _pendingSender = "";
                private int _pendingBytes;
                public void Record(EmailHeader header) { _pendingSender = header.From; _pendingBytes = header.SizeBytes; }
                public void Flush(IPartnerChannel channel) { channel.Publish(_pendingSender); channel.Publish(_pendingBytes.ToString()); }
            }
            """,

            // 10: tuples, deconstruction, records, with, anonymous types, structs
            """
            using Telecom;
            record CallSummary(string Caller, string Region);
            record Envelope<T>(T Body, string Region, int Seconds);
            struct CallKey { public string Tower; public int Hour; }
            class ValueJob
            {
                static (string Tower, string Region) Locate(CallRecord r) => (r.TowerId, r.Region);
                void Run(CallRecord r)
                {
                    var (tower, region) = Locate(r);
                    var pair = (Caller: r.CallerNumber, Seconds: r.DurationSeconds);
                    var summary = new CallSummary(pair.Caller, region);
                    var safe = summary with { Caller = Minimizers.Pseudonymize(summary.Caller, "NZ") };
                    var envelope = new Envelope<string>(tower, r.Region, pair.Seconds);
                    var row = new { Caller = r.CalleeNumber, r.Region };
                    var key = new CallKey { Tower = r.TowerId, Hour = r.StartedAt.Hour };
                    var copy = key;
                    PartnerGateway.SendAll(safe, summary with { Region = "EU" }, envelope.Body, row.Caller, copy.Tower, copy.Hour);
                }
            }
            """,

            // 11: strings: concatenation, interpolation, Format, StringBuilder, Join, Substring, Split, spans
            """
            using System;
            using System.Text;
            using Telecom;
            class StringJob
            {
                void Run(CallRecord r)
                {
                    var sb = new StringBuilder();
                    sb.Append("cdr;").Append(r.CallerNumber).Append(';').Append(r.DurationSeconds);
                    var line = $"{r.Region}:{r.TowerId}" + " " + string.Format("{0} -> {1}", r.CallerNumber, r.CalleeNumber);
                    var prefix = r.CallerNumber.Substring(0, 6).ToUpperInvariant().Trim();
                    var area = r.CallerNumber.Split(' ')[0];
                    PartnerGateway.SendAll(sb.ToString(), line, prefix, area, string.Join(",", r.Region, r.CalleeNumber));
                    PartnerGateway.Send(r.CalleeNumber.AsSpan(0, 5).ToString());
                    PartnerGateway.Send(r.CallerNumber.Length + r.CallerNumber.IndexOf('7'));
                }
            }
            """,

            // 12: conversions: ToString, Convert, Encoding, Base64, hashes, HMAC, JSON, casts, boxing, dynamic
            """
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using Telecom;
            class ConversionJob
            {
                private readonly byte[] _key = new byte[32];
                void Run(CallRecord r, Subscriber s, PartnerFeed feed)
                {
                    long digits = Convert.ToInt64(r.CallerNumber.TrimStart('+'));
                    var bytes = Encoding.UTF8.GetBytes(r.CallerNumber);
                    var hash = SHA256.HashData(bytes);
                    var mac = HMACSHA256.HashData(_key, bytes);
                    object boxed = r.TowerId;
                    dynamic number = r.CalleeNumber;
                    string trimmed = number.Trim();
                    feed.Payload = JsonSerializer.Serialize(s);
                    PartnerGateway.SendAll(digits, Convert.ToBase64String(bytes), Convert.ToHexString(hash), Convert.ToHexString(mac), (string)boxed, trimmed, s.ToString());
                    PartnerGateway.Send(number);
                }
            }
            """,

            // 13: pattern matching, switch expressions, ?:, ??, nullable code
            """
            using Telecom;
            class PatternJob
            {
                void Run(CallRecord? r, EmailHeader header, IPartnerChannel? channel, string? alias, bool verbose)
                {
                    object value = r?.CallerNumber ?? "";
                    if (value is string number) { PartnerGateway.Send(number); }
                    if (r is { CalleeNumber: var callee, DurationSeconds: > 60 }) { PartnerGateway.Send(callee); }
                    var label = r?.DurationSeconds switch { > 3600 => r.TowerId, null => "none", _ => "short" };
                    var kind = header.From switch { { Length: > 30 } => "long", var f when f.EndsWith(".uk") => "uk", _ => "other" };
                    var parts = header.From.Split('@');
                    if (parts is [var user, var domain]) { channel?.Publish(user); channel?.Publish(domain); }
                    PartnerGateway.SendAll(label, kind, verbose ? r!.CallerNumber : "hidden", alias ?? r?.CalleeNumber ?? "");
                }
            }
            """,

            // 14: partial classes, generic records, property setters and getters that send or read identity
            """
            using Minimization;
            using Telecom;
            partial class CdrExporter
            {
                [IdentityBearing(IdentityCategory.Imei)] public string Imei { get; set; } = "";
                void Run(CallRecord r) { Upload(r.TowerId); Upload(Imei); Outbox.Body = r.CallerNumber; }
            }
            partial class CdrExporter
            {
                private readonly Outbox Outbox = new Outbox();
                static void Upload(string line) => PartnerGateway.Send(line);
                [return: IdentityBearing(IdentityCategory.Email)] static string Lookup(int id) => "a@example.com";
                static void Forward([IdentityBearing(IdentityCategory.Phone)] string msisdn) => PartnerGateway.Route("US", msisdn);
                void Later() { Forward(Lookup(3)); Upload(Lookup(4)); }
            }
            class Outbox { public string Body { set => PartnerGateway.Send(value); } }
            """,
        };

        public static TheoryData<int> Seeds
        {
            get
            {
                var data = new TheoryData<int>();
                for (var seed = 0; seed < SeedCount; seed++)
                {
                    data.Add(seed);
                }

                return data;
            }
        }

        [Fact]
        public async Task Corpus_compiles_and_is_analyzed_without_failures()
        {
            var problems = new List<string>();
            for (var i = 0; i < Corpus.Length; i++)
            {
                var tree = CSharpSyntaxTree.ParseText(Corpus[i], ParseOptions, "Snippet" + i + ".cs");
                var compilation = Compile(tree);
                foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    problems.Add("snippet " + i + " does not compile: " + error);
                }

                foreach (var failure in await AnalyzerFailuresAsync(compilation))
                {
                    problems.Add("snippet " + i + ": " + failure);
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public async Task Deleting_random_tokens_never_makes_the_analyzer_fail(int seed)
        {
            var problems = new List<string>();
            for (var i = 0; i < Corpus.Length; i++)
            {
                var random = new Random(unchecked((seed * 7919) + (i * 104729)));
                var (text, deleted) = DeleteTokens(Corpus[i], random);
                var tree = CSharpSyntaxTree.ParseText(text, ParseOptions, "Snippet" + i + ".cs");
                foreach (var failure in await AnalyzerFailuresAsync(Compile(tree)))
                {
                    problems.Add("seed " + seed + ", snippet " + i + ", deleted " + deleted + ": " + failure + Environment.NewLine + text);
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, problems));
        }

        /// <summary>Removes one to three tokens, keeping their trivia so that neighbouring tokens do not fuse.</summary>
        private static (string Text, string Deleted) DeleteTokens(string source, Random random)
        {
            var root = CSharpSyntaxTree.ParseText(source, ParseOptions).GetRoot();
            var tokens = root.DescendantTokens().ToList();
            var candidates = Enumerable.Range(0, tokens.Count).Where(t => !tokens[t].IsKind(SyntaxKind.EndOfFileToken)).ToList();
            var count = random.Next(1, 4);
            var chosen = new SortedSet<int>();
            while (chosen.Count < count && chosen.Count < candidates.Count)
            {
                chosen.Add(candidates[random.Next(candidates.Count)]);
            }

            var sb = new StringBuilder(source.Length);
            for (var t = 0; t < tokens.Count; t++)
            {
                var token = tokens[t];
                if (chosen.Contains(t))
                {
                    sb.Append(token.LeadingTrivia.ToFullString()).Append(token.TrailingTrivia.ToFullString());
                }
                else
                {
                    sb.Append(token.ToFullString());
                }
            }

            var deleted = string.Join(", ", chosen.Select(t => "'" + tokens[t].Text + "' at line " + (tokens[t].GetLocation().GetLineSpan().StartLinePosition.Line + 1)));
            return (sb.ToString(), deleted);
        }

        /// <summary>Every mutant is derived from one compilation of the prelude, so the reference symbols are loaded once.</summary>
        private static readonly CSharpCompilation PreludeCompilation = CSharpCompilation.Create("Mutant", new[] { PreludeTree }, References, CompilationOptions);

        private static CSharpCompilation Compile(SyntaxTree snippet) => PreludeCompilation.AddSyntaxTrees(snippet);

        /// <summary>AD0001 (an analyzer exception), MIN012 (analysis failed) and exceptions surfaced through the callback, as text.</summary>
        private static async Task<List<string>> AnalyzerFailuresAsync(Compilation compilation)
        {
            var failures = new List<string>();
            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, diagnostic) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add(exception);
                    }
                },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            ImmutableArray<Diagnostic> diagnostics;
            try
            {
                diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                failures.Add("the analysis did not finish within 30 s");
                return failures;
            }

            failures.AddRange(exceptions.Select(e => "analyzer exception " + e));
            failures.AddRange(diagnostics
                .Where(d => d.Id == "AD0001" || d.Id == RuleIdentifiers.AnalysisFailed)
                .Select(d => d.ToString()));
            return failures;
        }
    }
}
