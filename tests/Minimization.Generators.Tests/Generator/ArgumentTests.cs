using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    /// <summary>
    /// Arguments out of range are MIN008 in the analyzer; the generator leaves the member out and never throws, so one bad
    /// attribute never costs the compilation its other generated code (a throwing generator contributes nothing at all).
    /// </summary>
    public class ArgumentTests
    {
        public static TheoryData<string> BadMembers() => new TheoryData<string>
        {
            "[NonIdentifying, Bucket(1e30)] public decimal Bad { get; set; }",
            "[NonIdentifying, Bucket(1e-30)] public decimal Bad { get; set; }",
            "[NonIdentifying, Bucket(double.MaxValue)] public System.TimeSpan Bad { get; set; }",
            "[NonIdentifying, Bucket(9223372036854775807)] public long Bad { get; set; }",
            "[NonIdentifying, Bucket(1e300)] public int Bad { get; set; }",
            "[NonIdentifying, Bucket(300)] public byte Bad { get; set; }",
            "[NonIdentifying, Bucket(1e39)] public float Bad { get; set; }",
            "[NonIdentifying, Bucket(double.NaN)] public double Bad { get; set; }",
            "[NonIdentifying, Bucket(double.Epsilon)] public double Bad { get; set; }",
            "[NonIdentifying, SnapToGrid(double.PositiveInfinity)] public double Bad { get; set; }",
            "[NonIdentifying, SnapToGrid(1e-12)] public double Bad { get; set; }",
            "[NonIdentifying, BucketBoundaries(-1e300, 1e300)] public decimal Bad { get; set; }",
            "[NonIdentifying, BucketBoundaries(0, 300)] public byte Bad { get; set; }",
            "[IdentityBearing(IdentityCategory.Phone), KeepPrefix(9, Unit = PrefixUnit.Digits)] public string Bad { get; set; } = \"\";",
            "[KeepPrefix(3, Unit = (PrefixUnit)5)] public string Bad { get; set; } = \"\";",
            "[MaskIpAddress(IPv4PrefixLength = -1)] public string Bad { get; set; } = \"\";",
            "[MaskIpAddress(IPv6PrefixLength = 128)] public string Bad { get; set; } = \"\";",
            "[TruncateTime((TimeGranularity)(-1))] public System.DateTime Bad { get; set; }",
            "[Pseudonymize(Rotation = (KeyRotation)7)] public string Bad { get; set; } = \"\";",
            "[Pseudonymize(Normalization = (PseudonymNormalization)99)] public string Bad { get; set; } = \"\";",
        };

        [Theory]
        [MemberData(nameof(BadMembers))]
        public void A_bad_argument_costs_only_its_member_and_never_the_other_generated_code(string badMember)
        {
            string source = """
                using Minimization;

                namespace Meters
                {
                    [IdentityBearing, GenerateMinimizer]
                    public partial class Broken
                    {
                        BAD
                        [NonIdentifying, Keep] public int Kept { get; set; }
                    }

                    [IdentityBearing, GenerateMinimizer]
                    public partial class Fine
                    {
                        [NonIdentifying, Bucket(25)] public decimal Balance { get; set; }
                    }
                }
                """.Replace("BAD", badMember);

            // Generate asserts that the generator reported nothing (a throw would be CS8785).
            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(TestCompilation.Create(source));

            Assert.Equal(new[] { "Meters.Broken.Minimizer.g.cs", "Meters.Fine.Minimizer.g.cs" }, generated.Select(g => g.HintName).OrderBy(h => h));
            Assert.Empty(TestCompilation.Problems(output));
            Assert.Equal(new[] { "Kept" }, Properties(output, "Meters.MinimizedBroken"));
            Assert.Equal(new[] { "Balance" }, Properties(output, "Meters.MinimizedFine"));
        }

        private static string[] Properties(Compilation compilation, string metadataName)
            => compilation.GetTypeByMetadataName(metadataName)!.GetMembers().OfType<IPropertySymbol>()
                .Where(p => !p.IsImplicitlyDeclared && p.Name != "EqualityContract").Select(p => p.Name).ToArray();
    }
}
