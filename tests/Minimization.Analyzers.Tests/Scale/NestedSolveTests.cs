using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// Every read the evaluator follows into the write index is an edge of the call graph, so its member is solved before the
    /// component that reads it (or with it), never in a solve nested inside that component's pass. A nested solve that rests
    /// on the outer pass is thrown away and solved again on every pass: on a real project of 96k lines, one component of
    /// 1,500 members was solved 155 times that way. Each shape below was a nested solve before; the count is the engine's own.
    /// </summary>
    public sealed class NestedSolveTests
    {
        private const string Partner = "public static class Partner { [PartnerShare(\"UK\")] public static void Send(object o) { } }";

        private static EngineRun Run(string source)
            => EngineRun.Analyze(EngineRun.Compile(new[] { ("Shape.cs", "using System.Collections.Generic;\nusing System.Linq;\nusing Minimization;\n" + source + "\n" + Partner) }));

        [Fact]
        public void A_member_read_on_a_lambda_parameter_is_an_edge_of_the_call_graph()
        {
            var run = Run("""
                public sealed class Order { public string Number { get; set; } = ""; }
                public sealed class Store
                {
                    private readonly List<Order> _orders = new List<Order>();
                    public void Take([IdentityBearing(IdentityCategory.Phone)] string phone) => _orders.Add(new Order { Number = phone });
                    public void Export() => Partner.Send(string.Join(",", _orders.Select(o => o.Number)));
                }
                """);
            Assert.Equal(0, run.Engine.NestedSolves);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void A_constant_is_not_a_member_value_even_when_another_member_of_its_name_is_written()
        {
            var run = Run("""
                public sealed class Label { public string Prefix { get; set; } = ""; public void Set([IdentityBearing(IdentityCategory.Phone)] string phone) => Prefix = phone; }
                public static class Codes { public const string Prefix = "tel:"; }
                public static class Export { public static void Run(string region) => Partner.Send(Codes.Prefix + region); }
                """);
            Assert.Equal(0, run.Engine.NestedSolves);
            Assert.Equal(0, run.Findings);
        }

        [Fact]
        public void What_an_initializer_calls_is_solved_before_the_member_it_initializes()
        {
            var run = Run("""
                public static class Format { public static string Make(string s) => "[" + s + "]"; }
                public sealed class Relay
                {
                    private static readonly string Tag = Format.Make("relay");
                    public void Forward([IdentityBearing(IdentityCategory.Phone)] string phone) => Partner.Send(Tag + phone);
                }
                """);
            Assert.Equal(0, run.Engine.NestedSolves);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void A_member_read_on_an_identity_bearing_parameter_is_an_edge_of_the_call_graph()
        {
            var run = Run("""
                [IdentityBearing(IdentityCategory.Email)]
                public sealed class Subscriber { public string Name { get; set; } = ""; }
                public static class Intake { public static void Rename(Subscriber s, string name) => s.Name = name; }
                public static class Export { public static void Run(Subscriber s) => Partner.Send(s.Name); }
                """);
            Assert.Equal(0, run.Engine.NestedSolves);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void A_member_read_on_a_primary_constructor_parameter_is_an_edge_of_the_call_graph()
        {
            var run = Run("""
                public sealed class Settings { public string Region { get; set; } = ""; }
                public static class Setup { public static void Configure(Settings settings, [IdentityBearing(IdentityCategory.Phone)] string phone) => settings.Region = phone; }
                public sealed class Relay(Settings settings) { public void Go() => Partner.Send(settings.Region); }
                """);
            Assert.Equal(0, run.Engine.NestedSolves);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void A_store_whose_value_has_control_flow_does_not_read_its_target()
        {
            var run = Run("""
                public sealed class Call { [IdentityBearing(IdentityCategory.Phone)] public string Number { get; set; } = ""; }
                public sealed class Relay
                {
                    private readonly string _number;
                    public Relay(Call? c) { _number = c?.Number ?? "none"; }
                    public void Forward() => Partner.Send(_number);
                }
                """);
            Assert.Equal(0, run.Engine.NestedSolves);
            Assert.Equal(1, run.Findings);
        }
    }
}
