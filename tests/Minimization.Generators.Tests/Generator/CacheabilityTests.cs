using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    public class CacheabilityTests
    {
        private static readonly string[] TrackedSteps =
        {
            MinimizerGenerator.TrackingNames.Models,
            MinimizerGenerator.TrackingNames.ValidModels,
            MinimizerGenerator.TrackingNames.Settings,
            MinimizerGenerator.TrackingNames.Combined,
        };

        [Fact]
        public void Unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
        {
            Compilation first = TestCompilation.Create(Samples.CallRecord, Samples.Subscriber, "public static class Unrelated { public static int Value => 1; }");
            GeneratorDriver driver = TestCompilation.CreateDriver(trackSteps: true).RunGenerators(first);

            SyntaxTree old = first.SyntaxTrees.Last();
            Compilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText("public static class Unrelated { public static int Value => 2; }", TestCompilation.ParseOptions, old.FilePath));
            GeneratorRunResult result = driver.RunGenerators(second).GetRunResult().Results.Single();

            foreach (string step in TrackedSteps)
            {
                Assert.True(result.TrackedSteps.ContainsKey(step), "Step " + step + " was not tracked.");
                foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[step])
                {
                    Assert.All(run.Outputs, o => Assert.True(
                        o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        step + " produced " + o.Reason));
                }
            }

            Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        [Fact]
        public void Models_hold_no_symbols_syntax_or_compilations()
        {
            Compilation compilation = TestCompilation.Create(Samples.Subscriber);
            GeneratorRunResult result = TestCompilation.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

            foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[MinimizerGenerator.TrackingNames.ValidModels])
            {
                foreach ((object value, _) in run.Outputs)
                {
                    AssertNoRoslynObjects(value, depth: 0);
                }
            }
        }

        [Fact]
        public void Editing_a_policy_regenerates_the_source()
        {
            Compilation first = TestCompilation.Create(Samples.CallRecord);
            GeneratorDriver driver = TestCompilation.CreateDriver(trackSteps: true).RunGenerators(first);
            SyntaxTree old = first.SyntaxTrees.Single();
            Compilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Samples.CallRecord.Replace("KeepPrefix(6", "KeepPrefix(3"), TestCompilation.ParseOptions, old.FilePath));
            GeneratorRunResult result = driver.RunGenerators(second).GetRunResult().Results.Single();

            Assert.Contains("KeepDigits(source.CalleeNumber, 3, \"phone\")", result.GeneratedSources.Single().SourceText.ToString());
            Assert.Contains(result.TrackedSteps[MinimizerGenerator.TrackingNames.Models].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        }

        private static void AssertNoRoslynObjects(object? value, int depth)
        {
            if (value is null || depth > 4 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            {
                return;
            }

            Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or AttributeData, value.GetType().FullName);
            if (value is System.Collections.IEnumerable items)
            {
                foreach (object? item in items)
                {
                    AssertNoRoslynObjects(item, depth + 1);
                }
            }

            foreach (System.Reflection.PropertyInfo property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
            {
                AssertNoRoslynObjects(property.GetValue(value), depth + 1);
            }
        }
    }
}
