using System.Collections.Generic;
using System.Linq;
using System.Text;
using Minimization.Analyzers.Flow;
using Minimization.Benchmarks.Stress;
using Xunit;
using Xunit.Abstractions;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// The engine's work is linear in the program whatever its call graph: counted (bodies scanned, bodies evaluated), never
    /// timed. Each body is scanned at most once, and evaluated at most a bounded number of times per component.
    /// </summary>
    public sealed class EvaluationCountTests
    {
        private readonly ITestOutputHelper _output;

        public EvaluationCountTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>The reproducer: M(i) calls M((i + 1) % n) and M((i + 2) % n); one recursive group of n methods.</summary>
        internal static string Reproducer(int n, bool withIdentity)
        {
            var text = new StringBuilder();
            text.AppendLine("using Minimization;");
            text.AppendLine("public class Graph {");
            for (var i = 0; i < n; i++)
            {
                var a = (i + 1) % n;
                var b = (i + 2) % n;
                if (withIdentity)
                {
                    text.AppendLine($"    public string M{i}(string x, int d) => d > 0 ? M{a}(x, d - 1) + M{b}(x, d - 2) : x;");
                }
                else
                {
                    text.AppendLine($"    public int M{i}(int x) => x > 0 ? M{a}(x - 1) + M{b}(x - 2) : 0;");
                }
            }

            if (withIdentity)
            {
                text.AppendLine("    public void Entry([IdentityBearing(IdentityCategory.Phone)] string phone) => Partner.Send(M0(phone, 5));");
                text.AppendLine("    public void Clean(string other) => Partner.Send(M1(other, 5));");
            }

            text.AppendLine("}");
            text.AppendLine("public static class Partner { [PartnerShare(\"UK\")] public static void Send(object o) { } }");
            return text.ToString();
        }

        /// <summary>
        /// n producers put identity into one shared outbox (a list in a field, through the outbox's own method) and into a
        /// static registry (through a writer method); one flush and one export take them out. The shared values rest on every
        /// producer: they are solved as successors of the members, never by a nested solve per read.
        /// </summary>
        internal static string Producers(int n)
        {
            var text = new StringBuilder();
            text.AppendLine("using System.Collections.Generic;");
            text.AppendLine("using Minimization;");
            text.AppendLine("public sealed class Outbox { private readonly List<string> _items = new List<string>(); public void Add(string item) => _items.Add(item); public void Flush() { foreach (var item in _items) Partner.Send(item); } }");
            text.AppendLine("public static class Registry { private static string _last = \"\"; public static void Put(string value) => _last = value; public static void Export() => Partner.Send(_last); }");
            for (var i = 0; i < n; i++)
            {
                text.AppendLine($"public sealed class Producer{i} {{ private readonly Outbox _outbox = new Outbox(); public void On([IdentityBearing(IdentityCategory.Phone)] string phone, string region) {{ _outbox.Add(region); Registry.Put(region); if (region.Length == {i}) {{ _outbox.Add(phone); Registry.Put(phone); }} }} }}");
            }

            text.AppendLine("public static class Partner { [PartnerShare(\"UK\")] public static void Send(object o) { } }");
            return text.ToString();
        }

        [Fact]
        public void Five_hundred_producers_of_one_shared_outbox_and_one_static_registry_are_each_evaluated_a_bounded_number_of_times()
        {
            var run = EngineRun.Analyze(EngineRun.Compile(new[] { ("Producers.cs", Producers(500)) }));
            _output.WriteLine($"{run.Engine.Evaluations} evaluations for {run.Bodies} bodies; {run.Findings} findings");
            Assert.True(run.Engine.Graph.Scans <= run.Engine.Graph.BodyCount, $"{run.Engine.Graph.Scans} scans for {run.Engine.Graph.BodyCount} bodies");
            Assert.True(run.Engine.Evaluations <= 3 * run.Bodies, $"{run.Engine.Evaluations} evaluations for {run.Bodies} bodies");

            // The flush and the export, each once, inside (Reading 3 and 5).
            Assert.Equal(2, run.Findings);
            Assert.Equal(0, run.Bounds);
        }

        [Fact]
        public void A_recursive_group_of_a_thousand_methods_without_identity_is_scanned_once_and_never_evaluated()
        {
            var run = EngineRun.Analyze(EngineRun.Compile(new[] { ("Graph.cs", Reproducer(1_000, withIdentity: false)) }));
            Assert.True(run.Engine.Graph.Scans <= run.Engine.Graph.BodyCount, $"{run.Engine.Graph.Scans} scans for {run.Engine.Graph.BodyCount} bodies");
            Assert.Equal(0, run.Engine.Evaluations);
            Assert.Equal(0, run.Findings);
        }

        [Fact]
        public void A_recursive_group_of_a_thousand_methods_carrying_identity_is_evaluated_a_bounded_number_of_times_per_body()
        {
            var run = EngineRun.Analyze(EngineRun.Compile(new[] { ("Graph.cs", Reproducer(1_000, withIdentity: true)) }));
            _output.WriteLine($"bodies {run.Bodies}, scans {run.Engine.Graph.Scans}, evaluations {run.Engine.Evaluations}, findings {run.Findings}");
            Assert.True(run.Engine.Graph.Scans <= run.Engine.Graph.BodyCount);
            Assert.True(run.Engine.Evaluations <= 3 * run.Bodies, $"{run.Engine.Evaluations} evaluations for {run.Bodies} bodies");

            // The identity goes round the group and comes back: one MIN001, in Entry; Clean's argument carries none.
            Assert.Equal(1, run.Findings);
            Assert.Equal(0, run.Bounds);
        }

        public static IEnumerable<object[]> Shapes() => StressShapes.Names.Select(n => new object[] { n });

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Every_stress_shape_is_evaluated_a_bounded_number_of_times_per_body(string shape)
        {
            var run = EngineRun.Analyze(EngineRun.Compile(StressShapes.Generate(shape, 1_000)));
            _output.WriteLine($"{shape}: bodies {run.Bodies}, scans {run.Engine.Graph.Scans}, evaluations {run.Engine.Evaluations}, findings {run.Findings}, bounds {run.Bounds}");
            Assert.True(run.Engine.Graph.Scans <= run.Engine.Graph.BodyCount, $"{run.Engine.Graph.Scans} scans for {run.Engine.Graph.BodyCount} bodies");
            Assert.True(run.Engine.Evaluations <= FlowOptions.DefaultMaxComponentEvaluations * run.Engine.Graph.BodyCount, $"{run.Engine.Evaluations} evaluations for {run.Engine.Graph.BodyCount} bodies");
            Assert.True(run.Findings > 0, "every shape has at least its baseline leak");
        }
    }
}
