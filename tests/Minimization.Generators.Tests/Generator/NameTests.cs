using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    /// <summary>Names that are C# keywords reach the generated file escaped, never as broken code.</summary>
    public class NameTests
    {
        [Fact]
        public void Keyword_names_are_escaped_everywhere_they_are_written()
        {
            const string source = """
                using System;
                using Minimization;

                namespace Tele.@event
                {
                    [IdentityBearing, GenerateMinimizer]
                    public partial class Call
                    {
                        [NonIdentifying, Keep] public string @operator { get; set; } = "";
                        [NonIdentifying, Keep] public string Operator { get; set; } = "";
                        [Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = nameof(@base))] public string @class { get; set; } = "";
                        [TruncateTime(TimeGranularity.Day)] public DateTime @base { get; set; }
                        [NonIdentifying, BucketBoundaries(0, 10, 100)] public int @int;
                        [NonIdentifying, Bucket(10)] public int @record { get; set; }
                        [Drop] public string @string = "";
                    }
                }
                """;
            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(TestCompilation.Create(source));

            Assert.Empty(TestCompilation.Problems(output));
            string text = Assert.Single(generated).SourceText.ToString();
            Assert.Contains("namespace Tele.@event", text);
            Assert.Contains("public string @operator { get; init; }", text);
            Assert.Contains("@operator = source.@operator,", text);
            Assert.Contains("Class = context.Pseudonymize(source.@class, null,", text);
            Assert.Contains(", source.@base)", text);
            Assert.Contains("source.@int, __MinimizationBoundaries_int)", text);
            Assert.Contains("/// <remarks>Dropped: <c>string</c>.</remarks>", text);

            INamedTypeSymbol minimized = output.GetTypeByMetadataName("Tele.event.MinimizedCall")!;
            Assert.Equal(
                new[] { "Base", "Class", "Int", "Operator", "Record", "operator" },
                minimized.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsImplicitlyDeclared && p.Name != "EqualityContract").Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public void Kept_members_whose_type_the_minimized_type_cannot_expose_are_left_out_and_the_rest_compiles()
        {
            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(TestCompilation.Create(Markup.Parse(Accessibility).Source));

            Assert.Empty(TestCompilation.Problems(output));
            Assert.Equal(3, generated.Length);
            Assert.Equal(new[] { "Tier", "Duration" }, PropertyNames(output.GetTypeByMetadataName("Tele.MinimizedCall")!));
            Assert.Equal(new[] { "Plan" }, PropertyNames(output.GetTypeByMetadataName("Tele.MinimizedVisit")!));
        }

        /// <summary>Also compiled by the PolicyAnalyzer tests, with the MIN014 markup.</summary>
        internal const string Accessibility = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            namespace Tele
            {
                internal sealed class Plan { }

                [IdentityBearing, GenerateMinimizer]
                public partial class Call
                {
                    [NonIdentifying, Keep] private Plan {|MIN014:plan|} = new Plan();
                    [NonIdentifying, Keep] private List<Plan> {|MIN014:plans|} = new List<Plan>();
                    [NonIdentifying, Keep] private Note? {|MIN014:note|};
                    [NonIdentifying, Keep] private Plan[] {|MIN014:history|} = new Plan[0];
                    [NonIdentifying, Keep] internal string Tier = "";
                    [NonIdentifying, Bucket(60)] private TimeSpan duration;

                    private sealed class Note { }

                    public override string ToString() => plan + " " + plans + " " + note + " " + history + " " + duration;
                    public void Set(TimeSpan length) { duration = length; note = new Note(); }
                }

                [IdentityBearing, GenerateMinimizer]
                internal partial class Visit
                {
                    [NonIdentifying, Keep] public Plan Plan { get; set; } = new Plan();
                }

                [IdentityBearing, GenerateMinimizer]
                public partial class Sms
                {
                    [NonIdentifying, Keep] private protected Secret {|MIN014:secret|} = new Secret();

                    protected internal sealed class Secret { }
                }
            }
            """;

        [Fact]
        public void Two_types_asking_for_one_generated_name_get_no_code_and_the_others_still_compile()
        {
            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(TestCompilation.Create(Markup.Parse(NameClashes).Source));

            Assert.Empty(TestCompilation.Problems(output));
            Assert.Equal(new[] { "Other.Call.Minimizer.g.cs", "Tele.Mail.Minimizer.g.cs" }, generated.Select(g => g.HintName).OrderBy(h => h));
        }

        /// <summary>Also compiled by the PolicyAnalyzer tests, with the MIN015 markup.</summary>
        internal const string NameClashes = """
            using Minimization;

            namespace Tele
            {
                [IdentityBearing, {|MIN015:GenerateMinimizer("Shared")|}] public partial class Call { [Drop] public string Caller = ""; }
                [IdentityBearing, {|MIN015:GenerateMinimizer("Shared")|}] public partial class Sms { [Drop] public string Caller = ""; }
                [IdentityBearing, {|MIN015:GenerateMinimizer|}] public partial class Visit { [Drop] public string Caller = ""; }
                [IdentityBearing, {|MIN015:GenerateMinimizer("FaxMinimizationExtensions")|}] public partial class Page { [Drop] public string Caller = ""; }
                [IdentityBearing, {|MIN015:GenerateMinimizer|}] public partial class Fax { [Drop] public string Caller = ""; }
                [IdentityBearing, GenerateMinimizer] public partial class Mail { [Drop] public string Caller = ""; }
                public sealed class MinimizedVisit { }
            }

            namespace Other
            {
                [IdentityBearing, GenerateMinimizer("Shared")] public partial class Call { [Drop] public string Caller = ""; }
            }
            """;

        [Fact]
        public void Members_named_like_the_minimized_type_or_its_inherited_members_are_renamed()
        {
            const string source = """
                using Minimization;

                namespace Tele
                {
                    [IdentityBearing, GenerateMinimizer("Shared")]
                    public partial class Call
                    {
                        [NonIdentifying, Keep] public string Shared { get; set; } = "";
                        [NonIdentifying, Keep] public string EqualityContract { get; set; } = "";
                        [NonIdentifying, Keep] public new string GetHashCode { get; set; } = "";
                        [NonIdentifying, Bucket(10)] private int _1;
                        public int One() => _1 = 1;
                    }
                }
                """;
            (Compilation output, _) = TestCompilation.Generate(TestCompilation.Create(source));

            Assert.Empty(TestCompilation.Problems(output));
            Assert.Equal(new[] { "SharedValue", "EqualityContractValue", "GetHashCodeValue", "_1" }, PropertyNames(output.GetTypeByMetadataName("Tele.Shared")!));
        }

        [Fact]
        public void Types_the_generator_cannot_extend_get_no_code()
        {
            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(TestCompilation.Create(Markup.Parse(UnextendableTypes).Source));

            Assert.Empty(TestCompilation.Problems(output));
            Assert.Empty(generated);
        }

        /// <summary>Also compiled by the PolicyAnalyzer tests, with the MIN006 markup.</summary>
        internal const string UnextendableTypes = """
            using Minimization;

            [IdentityBearing, GenerateMinimizer] public static partial class {|MIN006:Registry|} { }

            [IdentityBearing, GenerateMinimizer] file partial class {|MIN006:Local|} { [Drop] public string Caller = ""; }

            [IdentityBearing, GenerateMinimizer]
            public partial class {|MIN006:Call|}
            {
                [Drop] public string Caller = "";
                internal static string MinimizeCore(Call call, object context) => call.Caller;
            }
            """;

        [Fact]
        public void Types_whose_names_differ_only_in_case_each_get_their_file()
        {
            const string source = """
                using Minimization;

                namespace Tele
                {
                    [IdentityBearing, GenerateMinimizer] public partial class Call { [Drop] public string Caller = ""; }
                    [IdentityBearing, GenerateMinimizer] public partial class CALL { [Drop] public string Caller = ""; }
                }
                """;
            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(TestCompilation.Create(source));

            Assert.Equal(2, generated.Length);
            Assert.Equal(2, generated.Select(g => g.HintName.ToUpperInvariant()).Distinct().Count());
            Assert.Empty(TestCompilation.Problems(output));
        }

        private static string[] PropertyNames(INamedTypeSymbol type)
            => type.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsImplicitlyDeclared && p.Name != "EqualityContract").Select(p => p.Name).ToArray();
    }
}
