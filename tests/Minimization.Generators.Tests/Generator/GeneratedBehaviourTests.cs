using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Minimization.Generators.Tests.Infrastructure;
using Minimization.Runtime;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    /// <summary>Compiles the generated minimizer, runs it, and checks what comes out.</summary>
    public class GeneratedBehaviourTests
    {
        private static readonly byte[] Master = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

        private static readonly Lazy<Assembly> CallRecordAssembly = new Lazy<Assembly>(() =>
            TestCompilation.Load(TestCompilation.Generate(TestCompilation.Create(Samples.CallRecord)).Output));

        private static object Minimize(object record, string partner)
        {
            Type extensions = CallRecordAssembly.Value.GetType("Telecom.CallRecordMinimizationExtensions")!;
            var context = new MinimizationContext(partner, new DerivedKeyProvider(Master));
            return extensions.GetMethod("Minimize")!.Invoke(null, new[] { record, context })!;
        }

        private static object NewCall(string caller, DateTimeOffset start, string? ip = "203.0.113.77", string callee = "613-555-0199")
        {
            Type type = CallRecordAssembly.Value.GetType("Telecom.CallRecord")!;
            return Activator.CreateInstance(type, caller, callee, start, TimeSpan.FromSeconds(137), "TOWER-42", ip)!;
        }

        private static object? Get(object o, string name) => o.GetType().GetProperty(name)!.GetValue(o);

        [Fact]
        public void Generated_minimizer_applies_every_policy()
        {
            var start = new DateTimeOffset(2024, 3, 7, 14, 35, 0, TimeSpan.Zero);
            object shared = Minimize(NewCall("+1 613 555 0100", start), "UK");

            Assert.Equal("SharedCall", shared.GetType().Name);
            Assert.Matches("^[0-9a-f]{32}$", (string)Get(shared, "CallerNumber")!);
            Assert.Equal("613555", Get(shared, "CalleeNumber"));
            Assert.Equal(new DateTimeOffset(2024, 3, 7, 14, 0, 0, TimeSpan.Zero), Get(shared, "StartTime"));
            Assert.Equal(TimeSpan.FromMinutes(2), Get(shared, "Duration"));
            Assert.Equal("203.0.113.0/24", Get(shared, "ClientIp"));
            Assert.Null(shared.GetType().GetProperty("TowerId"));
        }

        [Fact]
        public void Generated_pseudonyms_are_unlinkable_across_partners_and_rotate_by_the_record_time()
        {
            var monday = new DateTimeOffset(2024, 3, 4, 9, 0, 0, TimeSpan.Zero);
            object call = NewCall("6135550100", monday);
            object sameDay = NewCall("6135550100", monday.AddHours(10));
            object nextDay = NewCall("6135550100", monday.AddDays(1));

            Assert.NotEqual(Get(Minimize(call, "UK"), "CallerNumber"), Get(Minimize(call, "FR"), "CallerNumber"));
            Assert.Equal(Get(Minimize(call, "UK"), "CallerNumber"), Get(Minimize(sameDay, "UK"), "CallerNumber"));
            Assert.NotEqual(Get(Minimize(call, "UK"), "CallerNumber"), Get(Minimize(nextDay, "UK"), "CallerNumber"));
        }

        [Theory]
        [InlineData("+1 819 555 0178")]
        [InlineData("1-819-555-0178")]
        [InlineData("(819) 555-0178")]
        [InlineData("819.555.0178")]
        [InlineData("001 819 555 0178")]
        public void A_phone_prefix_is_the_same_whatever_the_notation(string callee)
        {
            object shared = Minimize(NewCall("6135550100", DateTimeOffset.UnixEpoch, callee: callee), "UK");
            Assert.Equal("819555", Get(shared, "CalleeNumber"));
        }

        [Fact]
        public void Malformed_members_give_null_without_losing_the_record()
        {
            object shared = Minimize(NewCall("", DateTimeOffset.UnixEpoch, ip: "999.1.1.1"), "UK");

            Assert.Null(Get(shared, "CallerNumber"));
            Assert.Null(Get(shared, "ClientIp"));
            Assert.Equal("613555", Get(shared, "CalleeNumber"));
        }

        [Fact]
        public void Members_that_break_a_rule_are_left_out_fail_closed()
        {
            string source = """
                using System;
                using Minimization;

                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [Drop] public string Name { get; set; } = "";
                    public string Forgotten { get; set; } = "";
                    [Drop, Keep] public string Twice { get; set; } = "";
                    [KeepPrefix(3)] public DateTime Misfit { get; set; }
                    [Keep] public string Unjustified { get; set; } = "";
                    [Bucket(-1)] public int Invalid { get; set; }
                    [NonIdentifying, Keep] public int Duration { get; set; }
                }
                """;
            string text = TestCompilation.GeneratedText(source);

            foreach (string name in new[] { "Name", "Forgotten", "Twice", "Misfit", "Unjustified", "Invalid" })
            {
                Assert.DoesNotContain("source." + name, text);
            }

            Assert.Contains("Duration = source.Duration,", text);
        }

        [Theory]
        [InlineData("[IdentityBearing, GenerateMinimizer] public class Call { [Drop] public string A { get; set; } = \"\"; }")]
        [InlineData("public partial class Outer { [IdentityBearing, GenerateMinimizer] public partial class Call { [Drop] public string A { get; set; } = \"\"; } }")]
        [InlineData("[IdentityBearing, GenerateMinimizer] public partial class Call<T> { [Drop] public string A { get; set; } = \"\"; }")]
        public void Types_that_cannot_take_generated_code_get_none(string declaration)
        {
            (_, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(TestCompilation.Create("using Minimization;\n" + declaration));
            Assert.Empty(generated);
        }

        [Fact]
        public void Without_the_runtime_reference_nothing_is_generated()
        {
            Compilation input = TestCompilation.Create(new[] { Samples.CallRecord }, withRuntime: false, TestCompilation.ParseOptions);
            Assert.Empty(TestCompilation.Generate(input).Generated);
        }

        [Fact]
        public void Private_fields_become_pascal_case_properties()
        {
            string text = TestCompilation.GeneratedText(Samples.Subscriber);
            Assert.Contains("public string? LastIp { get; init; }", text);
            Assert.Contains("LastIp = global::Minimization.Runtime.IpMasking.Mask(source.lastIp, 16, 32),", text);
        }
    }
}
