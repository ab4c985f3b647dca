using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Minimization.Analyzers;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    /// <summary>
    /// Code as it looks while being typed: the generator and PolicyAnalyzer samples with one to three tokens deleted at
    /// random (fixed seed). Neither may throw: a throwing generator (CS8785) drops every generated file of the compilation,
    /// a throwing analyzer (AD0001) reports nothing.
    /// </summary>
    public class BrokenCodeTests
    {
        [Fact]
        public async Task Deleting_tokens_never_makes_the_generator_or_the_policy_analyzer_throw()
        {
            string[] corpus =
            {
                Samples.CallRecord,
                Samples.Subscriber,
                InheritanceTests.Shop,
                Markup.Parse(NameTests.Accessibility).Source,
                Markup.Parse(NameTests.NameClashes).Source,
                Markup.Parse(NameTests.UnextendableTypes).Source,
                Samples.Messaging,
            };

            var random = new Random(20240607);
            int runs = 0;
            foreach (string source in corpus)
            {
                SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions).GetRoot().DescendantTokens().ToArray();
                for (int variant = 0; variant < 20; variant++)
                {
                    var deleted = new HashSet<int>();
                    int count = random.Next(1, 4);
                    while (deleted.Count < count)
                    {
                        deleted.Add(random.Next(tokens.Length));
                    }

                    string broken = string.Concat(tokens.Select((t, i) => deleted.Contains(i) ? t.LeadingTrivia.ToFullString() + t.TrailingTrivia.ToFullString() : t.ToFullString()));
                    Compilation compilation = TestCompilation.Create(broken);

                    // Generate asserts the generator reported nothing; AnalyzeAsync asserts there is no AD0001.
                    (Compilation output, _) = TestCompilation.Generate(compilation);
                    await TestCompilation.AnalyzeAsync(compilation, new PolicyAnalyzer());
                    await TestCompilation.AnalyzeAsync(output, new PolicyAnalyzer());
                    runs++;
                }
            }

            Assert.Equal(140, runs);
        }
    }
}
