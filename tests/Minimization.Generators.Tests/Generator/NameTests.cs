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
    }
}
