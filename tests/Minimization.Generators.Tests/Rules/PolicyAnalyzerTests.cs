using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Minimization.Analyzers;
using Minimization.Generators.Tests.Generator;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.Rules
{
    public class PolicyAnalyzerTests
    {
        private const string Usings = "using System;\nusing Minimization;\n";

        private static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, bool withRuntime = true)
        {
            var parsed = Markup.Parse(Usings + markup);
            Compilation compilation = TestCompilation.Create(new[] { parsed.Source }, withRuntime, TestCompilation.ParseOptions);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            ImmutableArray<Diagnostic> diagnostics = await TestCompilation.AnalyzeAsync(compilation, new PolicyAnalyzer());
            parsed.AssertMatches(diagnostics);
            return diagnostics;
        }

        [Fact]
        public async Task Complete_policies_give_no_diagnostics()
        {
            await VerifyAsync(Samples.CallRecord.Replace("using System;\nusing Minimization;\n", string.Empty));
            await VerifyAsync(Samples.Subscriber.Replace("using System;\nusing Minimization;\n", string.Empty));
        }

        [Fact]
        public async Task Member_added_without_a_policy_is_MIN002_with_the_fitting_policies_and_the_category_default()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Subscriber
                {
                    [Drop] public string Name { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Phone)] public string {|MIN002:Phone|} { get; set; } = "";
                }
                """);

            string message = d.Single().GetMessage();
            Assert.Contains("'Subscriber.Phone'", message);
            Assert.Contains("[Pseudonymize], [KeepPrefix], [MaskIpAddress]", message);
            Assert.Contains("for category 'phone' the usual choice is [Pseudonymize(Rotation = KeyRotation.Daily)]", message);
        }

        [Fact]
        public async Task NonIdentifying_members_and_private_fields_need_a_policy_too()
        {
            await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [NonIdentifying] public int {|MIN002:Duration|} { get; set; }
                    private string {|MIN002:secret|} = "";
                    public string Secret() => secret;
                }
                """);
        }

        [Fact]
        public async Task Positional_record_parameters_are_members()
        {
            await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial record Call([Drop] string Caller, string {|MIN002:Callee|});
                """);
        }

        [Fact]
        public async Task Inherited_member_without_a_policy_is_MIN002_on_the_derived_type()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing]
                public class Person
                {
                    [Drop] public string Name { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                }

                [GenerateMinimizer]
                public partial class {|MIN002:Customer|} : Person
                {
                    [NonIdentifying, Keep] public string Tier { get; set; } = "";
                }
                """);

            string message = d.Single().GetMessage();
            Assert.Contains("'Person.Phone'", message);
            Assert.Contains("inherited by 'Customer'", message);
        }

        [Fact]
        public async Task Policies_on_source_base_types_count_and_are_not_MIN009()
        {
            await VerifyAsync(InheritanceTests.Shop.Replace("using System;\nusing Minimization;\n", string.Empty));
        }

        [Fact]
        public async Task Inherited_member_the_minimizer_cannot_read_or_name_is_MIN014()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing]
                public class Person
                {
                    [IdentityBearing(IdentityCategory.Phone), Pseudonymize] private string phone = "";
                    [Drop] private string name = "";
                    [NonIdentifying, Keep] public string Plan { get; set; } = "";
                    public string Read() => phone + name;
                }

                [GenerateMinimizer]
                public partial class {|MIN014:{|MIN014:Customer|}|} : Person
                {
                    [NonIdentifying, Keep] public new string Plan { get; set; } = "";
                }
                """);

            Assert.Contains(d, x => x.GetMessage().Contains("'Person.phone'") && x.GetMessage().Contains("private to 'Person'"));
            Assert.Contains(d, x => x.GetMessage().Contains("'Person.Plan'") && x.GetMessage().Contains("hidden by 'Customer.Plan'"));
        }

        [Fact]
        public async Task Policy_that_does_not_fit_is_MIN003_and_names_what_fits()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [{|MIN003:TruncateTime(TimeGranularity.Day)|}] public string Caller { get; set; } = "";
                    [{|MIN003:KeepPrefix(3)|}] public DateTime Start { get; set; }
                    [{|MIN003:Bucket(10)|}] public ulong Bytes { get; set; }
                }
                """);

            string message = d.Single(x => x.GetMessage().Contains("'Call.Start'")).GetMessage();
            Assert.Equal("Policy [KeepPrefix] does not fit member 'Call.Start' of type 'DateTime'; policies that fit: [Drop], [TruncateTime], [ShiftDate], [Keep]", message);
        }

        [Fact]
        public async Task Keep_on_an_identifying_member_without_justification_is_MIN004()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [IdentityBearing(IdentityCategory.Imei), {|MIN004:Keep|}] public string Imei { get; set; } = "";
                    [{|MIN004:Keep("  ")|}] public string Caller { get; set; } = "";
                    [NonIdentifying, Keep] public int Duration { get; set; }
                    [Keep("Public tower register; the partner plans coverage per tower.")] public string Tower { get; set; } = "";
                }
                """);

            Assert.Contains("'Call.Imei' identifies a person (category 'imei')", d.First().GetMessage() + d.Last().GetMessage());
        }

        [Fact]
        public async Task NonIdentifying_member_whose_type_is_identity_bearing_still_needs_a_justification()
        {
            await VerifyAsync("""
                [IdentityBearing] public sealed class Person { }

                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [NonIdentifying, {|MIN004:Keep|}] public Person? Owner { get; set; }
                }
                """);
        }

        [Fact]
        public async Task Two_policies_on_one_member_is_MIN005()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [Drop, Pseudonymize] public string {|MIN005:Caller|} { get; set; } = "";
                }

                [IdentityBearing, GenerateMinimizer]
                public partial record Visit([property: KeepPrefix(3)][Drop] string {|MIN005:PostalCode|});
                """);

            Assert.Contains("declares 2 minimization policies ([Drop], [Pseudonymize])", d.Select(x => x.GetMessage()).OrderBy(m => m).First());
        }

        [Fact]
        public async Task Type_that_is_not_partial_nested_or_generic_is_MIN006()
        {
            await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public class {|MIN006:Call|}
                {
                    [Drop] public string Caller { get; set; } = "";
                }

                public partial class Outer
                {
                    [IdentityBearing, GenerateMinimizer]
                    public partial class {|MIN006:Inner|} { [Drop] public string Caller { get; set; } = ""; }
                }

                [IdentityBearing, GenerateMinimizer]
                public partial class {|MIN006:Box|}<T> { [Drop] public string Caller { get; set; } = ""; }
                """);
        }

        [Fact]
        public async Task Static_file_local_and_MinimizeCore_declaring_types_are_MIN006()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync(NameTests.UnextendableTypes);

            Assert.Contains(d, x => x.GetMessage().EndsWith("it is static", System.StringComparison.Ordinal));
            Assert.Contains(d, x => x.GetMessage().Contains("it is file-local"));
            Assert.Contains(d, x => x.GetMessage().Contains("it declares a member named 'MinimizeCore'"));
        }

        [Fact]
        public async Task Kept_member_whose_type_the_minimized_type_cannot_expose_is_MIN014()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync(NameTests.Accessibility);

            Assert.Contains(d, x => x.GetMessage() == "Member 'Call.plan' cannot be carried into the minimized type: its type 'Plan' is internal, but the minimized type of 'Call' is public; make 'Plan' public, or 'Call' internal");
            Assert.Contains(d, x => x.GetMessage().StartsWith("Member 'Call.note' cannot be carried into the minimized type: its type 'Call.Note' is private", System.StringComparison.Ordinal));
        }

        [Fact]
        public async Task Types_asking_for_a_generated_name_that_is_taken_are_MIN015()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync(NameTests.NameClashes);

            Assert.Contains(d, x => x.GetMessage().Contains("'Sms' in the same namespace asks for the same name 'Shared'"));
            Assert.Contains(d, x => x.GetMessage().Contains("namespace 'Tele' already declares a type named 'MinimizedVisit'"));
        }

        [Fact]
        public async Task The_generated_code_itself_is_no_clash_in_a_build_that_contains_it()
        {
            // In a build the analyzer sees the generator's output: its MinimizeCore and its types are not MIN006 or MIN015.
            Compilation input = TestCompilation.Create(Samples.CallRecord, Samples.Subscriber, InheritanceTests.Shop);
            (Compilation output, _) = TestCompilation.Generate(input);
            Assert.Equal(input.SyntaxTrees.Count() + 4, output.SyntaxTrees.Count());
            Assert.Empty(await TestCompilation.AnalyzeAsync(output, new PolicyAnalyzer()));
        }

        [Fact]
        public async Task Project_without_the_runtime_is_MIN006()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class {|MIN006:Call|}
                {
                    [Drop] public string Caller { get; set; } = "";
                }
                """, withRuntime: false);

            Assert.Contains("Minimization.Runtime", d.Single().GetMessage());
        }

        [Fact]
        public async Task Type_that_is_not_identity_bearing_is_MIN007()
        {
            await VerifyAsync("""
                [GenerateMinimizer]
                public partial class {|MIN007:Call|}
                {
                    [Drop] public string Caller { get; set; } = "";
                }
                """);
        }

        [Fact]
        public async Task Identity_bearing_interface_or_base_counts_for_MIN007()
        {
            await VerifyAsync("""
                [IdentityBearing] public interface ISubscriberData { }

                [GenerateMinimizer]
                public partial class Call : ISubscriberData
                {
                    [Drop] public string Caller { get; set; } = "";
                }
                """);
        }

        [Fact]
        public async Task Invalid_policy_arguments_are_MIN008()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [{|MIN008:KeepPrefix(0)|}] public string PostalCode { get; set; } = "";
                    [{|MIN008:MaskIpAddress(IPv4PrefixLength = 32)|}] public string Ip { get; set; } = "";
                    [{|MIN008:SnapToGrid(0)|}] public double Latitude { get; set; }
                    [{|MIN008:Bucket(1)|}] public int Minutes { get; set; }
                    [{|MIN008:Bucket(-5)|}] public double Cost { get; set; }
                    [{|MIN008:BucketBoundaries(0, 60, 30)|}] public int Seconds { get; set; }
                    [{|MIN008:TruncateTime(TimeGranularity.Hour)|}] public DateOnly Birth { get; set; }
                    [{|MIN008:Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = "Nope")|}] public string Caller { get; set; } = "";
                    [{|MIN008:Pseudonymize(Rotation = KeyRotation.None, RotateBy = "Start")|}] public string Callee { get; set; } = "";
                    [Pseudonymize(RotateBy = "Start")] public string Relay { get; set; } = "";
                    [TruncateTime(TimeGranularity.Day)] public DateTime Start { get; set; }
                }
                """);

            Assert.Contains(d, x => x.GetMessage() == "Policy [BucketBoundaries] on 'Call.Seconds' has an invalid argument: the boundaries are not strictly ascending (60 then 30)");
            Assert.Contains(d, x => x.GetMessage().Contains("RotateBy = \"Nope\" must name a DateTime or DateTimeOffset field or property of 'Call'"));
        }

        [Fact]
        public async Task Numeric_arguments_out_of_range_for_the_member_are_MIN008()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Meter
                {
                    [NonIdentifying, {|MIN008:Bucket(double.NaN)|}] public double A { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(double.PositiveInfinity)|}] public double B { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(0)|}] public double C { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(300)|}] public byte D { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(9223372036854775807)|}] public long E { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(1e30)|}] public decimal F { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(1e-30)|}] public decimal G { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(1e15)|}] public TimeSpan H { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(1e-320)|}] public double I { get; set; }
                    [NonIdentifying, {|MIN008:Bucket(1e39)|}] public float J { get; set; }
                    [NonIdentifying, {|MIN008:SnapToGrid(double.NaN)|}] public double K { get; set; }
                    [NonIdentifying, {|MIN008:SnapToGrid(1e-9)|}] public double L { get; set; }
                    [NonIdentifying, {|MIN008:SnapToGrid(-0.1)|}] public double M { get; set; }
                    [NonIdentifying, {|MIN008:BucketBoundaries(0, 300)|}] public byte N { get; set; }
                    [NonIdentifying, {|MIN008:BucketBoundaries(double.NaN)|}] public int P { get; set; }
                    [NonIdentifying, {|MIN008:BucketBoundaries(0, 1e12)|}] public TimeSpan Q { get; set; }
                    [NonIdentifying, {|MIN008:BucketBoundaries(-1e30, 0)|}] public decimal R { get; set; }
                    [NonIdentifying, {|MIN008:BucketBoundaries(-1, 10)|}] public byte R2 { get; set; }
                    [IdentityBearing(IdentityCategory.Phone), {|MIN008:KeepPrefix(8, Unit = PrefixUnit.Digits)|}] public string S { get; set; } = "";
                    [IdentityBearing(IdentityCategory.PostalCode), {|MIN008:KeepPrefix(4)|}] public string T { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Imei), {|MIN008:KeepPrefix(13)|}] public string U { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Sin), {|MIN008:KeepPrefix(int.MaxValue)|}] public string V { get; set; } = "";
                    [{|MIN008:KeepPrefix(-1)|}] public string W { get; set; } = "";
                    [{|MIN008:MaskIpAddress(IPv4PrefixLength = 0)|}] public string X { get; set; } = "";
                    [{|MIN008:MaskIpAddress(IPv4PrefixLength = 30)|}] public string Y { get; set; } = "";
                    [{|MIN008:MaskIpAddress(IPv6PrefixLength = 126)|}] public string Z { get; set; } = "";
                    [{|MIN008:TruncateTime((TimeGranularity)9)|}] public DateTime Z1 { get; set; }

                    // At the edge of each range, and valid.
                    [NonIdentifying, Bucket(255)] public byte Ok1 { get; set; }
                    [NonIdentifying, Bucket(2)] public sbyte Ok2 { get; set; }
                    [NonIdentifying, Bucket(1e-20)] public decimal Ok3 { get; set; }
                    [NonIdentifying, Bucket(1e9)] public TimeSpan Ok4 { get; set; }
                    [NonIdentifying, SnapToGrid(0.00001)] public double Ok5 { get; set; }
                    [NonIdentifying, SnapToGrid(360)] public double Ok6 { get; set; }
                    [NonIdentifying, BucketBoundaries(0, 2, 10, 254)] public byte Ok7 { get; set; }
                    [NonIdentifying, BucketBoundaries(0, 0.5, 1)] public double Ok8 { get; set; }
                    [NonIdentifying, BucketBoundaries(0, 1, 10, 255)] public byte Ok8b { get; set; }
                    [IdentityBearing(IdentityCategory.Phone), KeepPrefix(7, Unit = PrefixUnit.Digits)] public string Ok9 { get; set; } = "";
                    [IdentityBearing(IdentityCategory.PostalCode), KeepPrefix(3)] public string Ok10 { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Email), KeepPrefix(40)] public string Ok11 { get; set; } = "";
                    [MaskIpAddress(IPv4PrefixLength = 29, IPv6PrefixLength = 125)] public string Ok12 { get; set; } = "";
                    [MaskIpAddress(IPv4PrefixLength = 1, IPv6PrefixLength = 1)] public string Ok13 { get; set; } = "";
                }
                """);

            string Message(string member) => d.Single(x => x.GetMessage().Contains("'Meter." + member + "'")).GetMessage();
            Assert.EndsWith("the bucket width 300 is larger than any byte (at most 255)", Message("D"));
            Assert.EndsWith("the bucket width 1E+30 is larger than any decimal (at most 7.9E+28)", Message("F"));
            Assert.EndsWith("the bucket width 1E-30 is below the smallest step of a decimal (1E-28): it keeps every value", Message("G"));
            Assert.Contains("the cell size 1E-09 degrees is finer than 0.00001 degrees", Message("L"));
            Assert.EndsWith("boundary 1 (-1) is outside the range of byte (0 to 255)", Message("R2"));
            Assert.Equal("Policy [Bucket] on 'Meter.H' has an invalid argument: the bucket width 1000000000000000 seconds is larger than any TimeSpan (at most 922337203685 seconds, about 29,000 years)", Message("H"));
            Assert.EndsWith("KeepPrefix(8) keeps 8 of the 10 digits of a phone number, all but 2: that singles a person out as well as the whole value; keep at most 7", Message("S"));
            Assert.EndsWith("KeepPrefix(4) keeps 4 of the 6 letters and digits of a postal code, all but 2: that singles a person out as well as the whole value; keep at most 3", Message("T"));
            Assert.Contains("IPv4PrefixLength is 30; it must be between 1 and 29", Message("Y"));
        }

        [Fact]
        public async Task Invalid_output_type_name_is_MIN008()
        {
            await VerifyAsync("""
                [IdentityBearing, {|MIN008:GenerateMinimizer("not valid")|}]
                public partial class Call
                {
                    [Drop] public string Caller { get; set; } = "";
                }

                [IdentityBearing, {|MIN008:GenerateMinimizer("shared")|}]
                public partial class Sms
                {
                    [Drop] public string Caller { get; set; } = "";
                }
                """);
        }

        [Fact]
        public async Task Policy_on_a_type_without_GenerateMinimizer_is_MIN009_warning()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing]
                public class Call
                {
                    [{|MIN009:Drop|}] public string Caller { get; set; } = "";
                }
                """);

            Assert.Equal(DiagnosticSeverity.Warning, d.Single().Severity);
        }

        [Fact]
        public async Task Analyzer_registers_nothing_when_the_policy_attributes_are_not_referenced()
        {
            Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "NoAnnotations",
                new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public partial class C { public string X = \"\"; }") },
                Basic.Reference.Assemblies.Net100.References.All,
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(await TestCompilation.AnalyzeAsync(compilation, new PolicyAnalyzer()));
        }

        [Fact]
        public async Task Broken_user_code_does_not_make_the_analyzer_throw()
        {
            Compilation compilation = TestCompilation.Create(Usings + """
                [IdentityBearing, GenerateMinimizer(42)]
                public partial class Call
                {
                    [KeepPrefix("x")] public Missing Caller { get; set; }
                    [Bucket] public int Minutes { get; set; }
                    [BucketBoundaries(null)] public int Seconds { get; set; }
                }
                """);
            Assert.NotEmpty(compilation.GetDiagnostics().Where(x => x.Severity == DiagnosticSeverity.Error));
            await TestCompilation.AnalyzeAsync(compilation, new PolicyAnalyzer());
        }

        [Fact]
        public void Every_descriptor_is_a_policy_rule_with_a_help_link()
        {
            ImmutableArray<DiagnosticDescriptor> descriptors = new PolicyAnalyzer().SupportedDiagnostics;
            Assert.Equal(new[] { "MIN002", "MIN003", "MIN004", "MIN005", "MIN006", "MIN007", "MIN008", "MIN009", "MIN014", "MIN015" }, descriptors.Select(d => d.Id).OrderBy(i => i));
            Assert.All(descriptors, d =>
            {
                Assert.Equal("Minimization", d.Category);
                Assert.EndsWith("/docs/rules/" + d.Id + ".md", d.HelpLinkUri);
            });
        }
    }
}
