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
            Assert.True(run.Engine.Evaluations <= FlowEngine.MaxComponentEvaluations * run.Engine.Graph.BodyCount, $"{run.Engine.Evaluations} evaluations for {run.Engine.Graph.BodyCount} bodies");
            Assert.True(run.Findings > 0, "every shape has at least its baseline leak");
        }
    }
}
