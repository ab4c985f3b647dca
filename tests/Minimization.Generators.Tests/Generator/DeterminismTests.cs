using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    /// <summary>Same input, same bytes: the generator's output does not depend on the order of the compilation's documents.</summary>
    public class DeterminismTests
    {
        private static readonly string[] Sources = { Samples.CallRecord, Samples.Subscriber, Samples.Messaging, Samples.VisitWithoutNamespace };

        private static SortedDictionary<string, string> Generate(IEnumerable<SyntaxTree> trees)
        {
            var compilation = TestCompilation.Create(Array.Empty<string>()).AddSyntaxTrees(trees);
            var (_, generated) = TestCompilation.Generate(compilation);
            var byHint = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var source in generated)
            {
                byHint.Add(source.HintName, source.SourceText.ToString());
            }

            return byHint;
        }

        [Fact]
        public void The_generated_sources_are_byte_identical_whatever_the_order_of_the_documents()
        {
            var trees = Sources
                .Select((s, i) => CSharpSyntaxTree.ParseText(s, TestCompilation.ParseOptions, path: "Source" + i + ".cs"))
                .ToImmutableArray();
            var expected = Generate(trees);
            Assert.True(expected.Count >= Sources.Length, $"{expected.Count} generated sources");

            var random = new Random(20);
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var shuffled = trees.OrderBy(_ => random.Next()).ToImmutableArray();
                var actual = Generate(shuffled);
                Assert.Equal(expected.Keys, actual.Keys);
                foreach (var hint in expected.Keys)
                {
                    Assert.Equal(expected[hint], actual[hint]);
                }
            }
        }
    }
}
