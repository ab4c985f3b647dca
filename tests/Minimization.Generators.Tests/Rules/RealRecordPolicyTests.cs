using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Minimization.Analyzers;
using Minimization.Generators.Tests.Generator;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.Rules
{
    /// <summary>PolicyAnalyzer on [Nested], collections, [Generalize], [ShiftDate] and [SuppressRare].</summary>
    public class RealRecordPolicyTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing Minimization;\n";

        private static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup)
        {
            var parsed = Markup.Parse(Usings + markup);
            Compilation compilation = TestCompilation.Create(parsed.Source);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            ImmutableArray<Diagnostic> diagnostics = await TestCompilation.AnalyzeAsync(compilation, new PolicyAnalyzer());
            parsed.AssertMatches(diagnostics);
            return diagnostics;
        }

        /// <summary>The generated sources of <paramref name="source"/>, and the member names its minimized type got.</summary>
        private static string Generated(string source, string hint)
            => TestCompilation.Generate(TestCompilation.Create(Usings + source)).Generated.Single(g => g.HintName == hint).SourceText.ToString();

        [Fact]
        public async Task The_real_record_sample_gives_no_diagnostics()
        {
            await VerifyAsync(Samples.Messaging.Replace("using System;\nusing System.Collections.Generic;\nusing System.Collections.Immutable;\nusing Minimization;\n", "using System.Collections.Immutable;\n"));
        }

        [Fact]
        public async Task A_member_whose_type_has_a_generated_minimizer_still_needs_a_policy_and_Nested_is_offered()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Location { [IdentityBearing(IdentityCategory.Geo), SnapToGrid(0.1)] public double Latitude { get; set; } }

                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    public Location {|MIN002:Origin|} { get; set; } = new Location();
                    public List<Location> {|MIN002:Stops|} { get; set; } = new List<Location>();
                }
                """);

            Assert.All(d, x => Assert.Contains("declare exactly one of [Drop], [Nested], [Keep]", x.GetMessage()));
        }

        [Fact]
        public async Task Nested_on_a_type_without_a_generated_minimizer_is_MIN003()
        {
            await VerifyAsync("""
                [IdentityBearing]
                public class Location { public double Latitude { get; set; } }

                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [{|MIN003:Nested|}] public Location Origin { get; set; } = new Location();
                    [{|MIN003:Nested|}] public string Caller { get; set; } = "";
                }
                """);
        }

        [Fact]
        public async Task Nested_type_that_cannot_get_generated_code_or_is_less_accessible_is_MIN014()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public class {|MIN006:Location|} { [Drop] public double Latitude { get; set; } }

                [IdentityBearing, GenerateMinimizer]
                internal partial class Device { [Drop] public string Imei { get; set; } = ""; }

                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [Nested] public Location {|MIN014:Origin|} { get; set; } = new Location();
                    [Nested] internal Device {|MIN014:Handset|} { get; set; } = new Device();
                }
                """);

            Assert.Contains(d, x => x.GetMessage().Contains("its type 'Location' gets no generated minimizer (it is not declared 'partial')"));
            Assert.Contains(d, x => x.GetMessage().Contains("'Device' is internal, but the minimized type of 'Call' is public"));
        }

        [Fact]
        public async Task A_policy_on_a_collection_must_fit_its_elements()
        {
            await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Message
                {
                    [IdentityBearing(IdentityCategory.Email), Pseudonymize] public string[] To { get; set; } = new string[0];
                    [IdentityBearing(IdentityCategory.Email), Pseudonymize] public IEnumerable<string>? Cc { get; set; }
                    [{|MIN003:KeepPrefix(3)|}] public List<DateTime> Seen { get; set; } = new List<DateTime>();
                    [NonIdentifying, Keep] public List<int> Sizes { get; set; } = new List<int>();
                    [{|MIN003:Pseudonymize|}] public List<List<string>> Threads { get; set; } = new List<List<string>>();
                    [{|MIN003:Pseudonymize|}] public byte[] RawAddress { get; set; } = new byte[0];
                    [NonIdentifying, {|MIN003:Bucket(10)|}] public List<char> Letters { get; set; } = new List<char>();
                }
                """);
        }

        [Fact]
        public async Task Generalize_maps_are_validated_on_the_attribute()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                public enum Platform { Ios, Android, Windows }

                [IdentityBearing, GenerateMinimizer]
                public partial class Device
                {
                    [{|MIN008:Generalize("iPhone 15 -> Apple")|}] public string A { get; set; } = "";
                    [{|MIN008:Generalize("iPhone 15 => Apple", "IPHONE 15 => Google")|}] public string B { get; set; } = "";
                    [{|MIN008:Generalize(" => Apple")|}] public string C { get; set; } = "";
                    [{|MIN008:Generalize()|}] public string D { get; set; } = "";
                    [{|MIN008:Generalize("iPhone 15 => Apple", Other = " ")|}] public string E { get; set; } = "";
                    [{|MIN008:Generalize("Blackberry => phone")|}] public Platform F { get; set; }
                    [{|MIN008:Generalize("Ios => a", "Android => b", "Windows => c")|}] public Platform G { get; set; }
                    [{|MIN008:Generalize("Ios => a", "Android => b")|}] public Platform H { get; set; }
                    [Generalize("Ios => mobile", "Android => mobile")] public Platform I { get; set; }
                    [Generalize("Ios => a", "Android => b", Other = "b")] public Platform J { get; set; }
                    [{|MIN003:Generalize("1 => one")|}] public int K { get; set; }
                }
                """);

            Assert.Contains(d, x => x.GetMessage().Contains("entry 1 is not written \"value => group\""));
            Assert.Contains(d, x => x.GetMessage().Contains("the value \"IPHONE 15\" is mapped twice"));
            Assert.Contains(d, x => x.GetMessage().Contains("\"Blackberry\" is not a member of 'Platform'"));
            Assert.Contains(d, x => x.GetMessage().Contains("the map gives each of the 3 members of 'Platform' a group of its own: it generalizes nothing"));
        }

        [Fact]
        public async Task ShiftDate_arguments_are_validated()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Visit
                {
                    [IdentityBearing(IdentityCategory.AccountId), Pseudonymize] public string Patient { get; set; } = "";
                    [NonIdentifying, Keep] public double Weight { get; set; }
                    [ShiftDate(365, SubjectBy = nameof(Patient))] public DateTime Admitted { get; set; }
                    [{|MIN008:ShiftDate(0, SubjectBy = nameof(Patient))|}] public DateTime A { get; set; }
                    [{|MIN008:ShiftDate(4000, SubjectBy = nameof(Patient))|}] public DateTime B { get; set; }
                    [{|MIN008:ShiftDate(30)|}] public DateTime C { get; set; }
                    [{|MIN008:ShiftDate(30, SubjectBy = nameof(Weight))|}] public DateTime D { get; set; }
                    [{|MIN008:ShiftDate(30, SubjectBy = nameof(E))|}] public DateTimeOffset E { get; set; }
                    [{|MIN003:ShiftDate(30, SubjectBy = nameof(Patient))|}] public string F { get; set; } = "";
                }
                """);

            Assert.Contains(d, x => x.GetMessage().Contains("the largest shift is 0 days; it must be between 1 and 3650"));
            Assert.Contains(d, x => x.GetMessage().Contains("SubjectBy is missing"));
            Assert.Contains(d, x => x.GetMessage().Contains("SubjectBy = \"Weight\" must name another string, integer or Guid field or property of 'Visit'"));
        }

        [Fact]
        public async Task SuppressRare_needs_a_text_policy_and_a_count_of_at_least_two()
        {
            ImmutableArray<Diagnostic> d = await VerifyAsync("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Device
                {
                    [Generalize("iPhone 15 => Apple"), SuppressRare(11)] public string Model { get; set; } = "";
                    [Generalize("iPhone 15 => Apple"), {|MIN008:SuppressRare(1)|}] public string A { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Imei), Pseudonymize, {|MIN008:SuppressRare(5)|}] public string B { get; set; } = "";
                    [NonIdentifying, Bucket(10), {|MIN008:SuppressRare(5)|}] public int C { get; set; }
                    [NonIdentifying, Keep, SuppressRare(5)] public string Plan { get; set; } = "";
                    [IdentityBearing(IdentityCategory.IpAddress), MaskIpAddress, {|MIN008:SuppressRare(5)|}] public string[] Relays { get; set; } = new string[0];
                }

                public class Plain
                {
                    [{|MIN009:SuppressRare(5)|}] public string Model { get; set; } = "";
                }
                """);

            Assert.Contains(d, x => x.GetMessage() == "Policy [SuppressRare] on 'Device.A' has an invalid argument: [SuppressRare(1)] suppresses nothing; the minimum count must be at least 2 (11 is the usual small-cell rule)");
            Assert.Contains(d, x => x.GetMessage().Contains("not with [Pseudonymize]"));
        }

        [Fact]
        public void Members_with_bad_new_policy_arguments_are_left_out_and_the_rest_is_generated()
        {
            string text = Generated("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Device
                {
                    [Generalize("iPhone 15 => Apple", "iphone 15 => Apple")] public string Twice { get; set; } = "";
                    [ShiftDate(0, SubjectBy = nameof(Model))] public DateTime Bought { get; set; }
                    [Generalize("iPhone 15 => Apple"), SuppressRare(0)] public string Rare { get; set; } = "";
                    [Generalize("iPhone 15 => Apple")] public string Model { get; set; } = "";
                }
                """, "Device.Minimizer.g.cs");

            Assert.DoesNotContain("source.Twice", text);
            Assert.DoesNotContain("source.Bought", text);
            Assert.DoesNotContain("source.Rare", text);
            Assert.DoesNotContain("MinimizeBatch", text);
            Assert.Contains("Model = __MinimizationMap_Model.Generalize(source.Model),", text);
        }

        [Fact]
        public void Map_text_reaches_the_generated_file_only_as_literals()
        {
            string text = Generated("""
                [IdentityBearing, GenerateMinimizer]
                public partial class Device
                {
                    [Generalize("a\"); System.Console.WriteLine(\"x => b\u2028//", "c => d", Other = "*/ \r\n }")] public string Model { get; set; } = "";
                }
                """, "Device.Minimizer.g.cs");

            Assert.Contains("new global::System.Collections.Generic.KeyValuePair<string, string>(\"a\\\"); System.Console.WriteLine(\\\"x\", \"b\\u2028//\"),", text);
            Assert.Contains("\"*/ \\r\\n }\");", text);
        }

        private const string GeoLibrary = """
            using Minimization;
            namespace Geo
            {
                [IdentityBearing, GenerateMinimizer]
                public partial class Location { [IdentityBearing(IdentityCategory.Geo), SnapToGrid(0.1)] public double Latitude { get; set; } }
            }
            """;

        private const string UsesGeo = """
            using Minimization;
            [IdentityBearing, GenerateMinimizer]
            public partial class Call { [Nested] public Geo.Location? Origin { get; set; } }
            """;

        [Fact]
        public async Task A_nested_type_from_another_assembly_is_minimized_by_its_published_generated_minimizer()
        {
            Compilation library = TestCompilation.Generate(TestCompilation.Create(GeoLibrary).WithAssemblyName("GeoLibrary")).Output;
            Compilation user = TestCompilation.Create(UsesGeo).AddReferences(library.ToMetadataReference());

            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(user);
            Assert.Contains("Origin = (source.Origin is null ? null : global::Geo.LocationMinimizationExtensions.Minimize(source.Origin, context)),", generated.Single().SourceText.ToString());
            Assert.Empty(TestCompilation.Problems(output));
            Assert.Empty(await TestCompilation.AnalyzeAsync(output, new PolicyAnalyzer()));
        }

        [Fact]
        public async Task A_nested_type_from_an_assembly_built_without_the_generator_is_MIN014_and_left_out()
        {
            Compilation library = TestCompilation.Create(GeoLibrary).WithAssemblyName("GeoLibrary");
            Compilation user = TestCompilation.Create(UsesGeo).AddReferences(library.ToMetadataReference());

            ImmutableArray<Diagnostic> d = await TestCompilation.AnalyzeAsync(user, new PolicyAnalyzer());
            Assert.Equal("MIN014", Assert.Single(d).Id);
            Assert.Contains("comes from another assembly without a public generated Minimize in 'LocationMinimizationExtensions'", d[0].GetMessage());
            Assert.DoesNotContain("source.Origin", TestCompilation.Generate(user).Generated.Single().SourceText.ToString());
        }

        private const string EveryShape = """
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using Minimization;

            namespace Shapes
            {
                public enum Kind { A, B, C }

                [IdentityBearing, GenerateMinimizer]
                public partial struct Cell { [IdentityBearing(IdentityCategory.Geo), SnapToGrid(0.1)] public double Latitude; }

                [IdentityBearing, GenerateMinimizer]
                public partial class Node
                {
                    [IdentityBearing(IdentityCategory.AccountId), Pseudonymize] public Guid Id { get; set; }
                    [IdentityBearing(IdentityCategory.AccountId), Pseudonymize] public long? Number { get; set; }
                    [Nested] public Node? Parent { get; set; }
                    [Nested] public Cell Here { get; set; }
                    [Nested] public Cell? There { get; set; }
                    [Nested] public Cell[] Path { get; set; } = new Cell[0];
                    [Nested] public List<Cell?>? Maybe { get; set; }
                    [Generalize("A => ab", "B => ab")] public Kind? Kind { get; set; }
                    [Generalize("A => ab", "B => ab")] public IEnumerable<Kind> Kinds { get; set; } = new Kind[0];
                    [ShiftDate(10, SubjectBy = nameof(Id))] public ImmutableArray<DateOnly>? Visits { get; set; }
                    [ShiftDate(10, SubjectBy = nameof(Number))] public DateOnly First { get; set; }
                    [ShiftDate(10, SubjectBy = nameof(Number))] public IReadOnlyCollection<DateTimeOffset?> Stamps { get; set; } = new DateTimeOffset?[0];
                    [IdentityBearing(IdentityCategory.PostalCode), KeepPrefix(3)] public IList<string> Codes { get; set; } = new List<string>();
                    [NonIdentifying, BucketBoundaries(0, 10), SuppressRare(2)] public int Size { get; set; }
                    [NonIdentifying, Keep, SuppressRare(3, Other = "rare")] public string Plan { get; set; } = "";
                    [NonIdentifying, Bucket(5)] public ImmutableList<int> Sizes { get; set; } = ImmutableList<int>.Empty;
                }
            }
            """;

        [Theory]
        [InlineData(LanguageVersion.Latest)]
        [InlineData(LanguageVersion.CSharp8)]
        public async Task Every_new_shape_compiles_warning_free_with_records_and_with_classes(LanguageVersion version)
        {
            string source = version == LanguageVersion.CSharp8 ? EveryShape.Replace("DateOnly", "DateTime") : EveryShape;
            Compilation input = TestCompilation.Create(new[] { source }, withRuntime: true, new CSharpParseOptions(version));
            Assert.Empty(await TestCompilation.AnalyzeAsync(input, new PolicyAnalyzer()));

            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(input);
            Assert.Equal(2, generated.Length);
            Assert.Empty(TestCompilation.Problems(output));
            string node = generated.Single(g => g.HintName == "Shapes.Node.Minimizer.g.cs").SourceText.ToString();
            foreach (string member in new[] { "Id", "Number", "Parent", "Here", "There", "Path", "Maybe", "Kind", "Kinds", "Visits", "First", "Stamps", "Codes", "Size", "Plan", "Sizes" })
            {
                Assert.Contains("        " + member + " = ", node.Replace("                ", "        "));
            }

            Assert.Contains("MinimizeBatch(", node);
        }

        [Fact]
        public async Task A_runtime_without_a_method_the_generated_code_calls_is_MIN006_and_nothing_is_generated()
        {
            const string OldRuntime = """
                namespace Minimization.Runtime
                {
                    public sealed class MinimizationContext { public string? Pseudonymize(string? v) => v; }
                }
                """;
            const string User = """
                using Minimization;
                [IdentityBearing, GenerateMinimizer]
                public partial class Call { [IdentityBearing(IdentityCategory.Phone), Pseudonymize] public string Caller { get; set; } = ""; }
                """;
            Compilation input = TestCompilation.Create(new[] { OldRuntime, User }, withRuntime: false, TestCompilation.ParseOptions);

            ImmutableArray<Diagnostic> d = await TestCompilation.AnalyzeAsync(input, new PolicyAnalyzer());
            Assert.Equal("MIN006", Assert.Single(d).Id);
            Assert.Contains("the referenced Minimization.Runtime has no public 'MinimizationContext.ShiftDate'", d[0].GetMessage());
            Assert.Empty(TestCompilation.Generate(input).Generated);
        }
    }
}
