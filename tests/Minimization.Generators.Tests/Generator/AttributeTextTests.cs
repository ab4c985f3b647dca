using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    /// <summary>
    /// Text that users write in attributes (a [Keep] justification, an identity category) reaches the generated file in
    /// XML documentation and in string literals. None of it may end a comment or a literal: whatever is written, the
    /// generated file parses cleanly and declares exactly the members the policies ask for.
    /// </summary>
    public class AttributeTextTests
    {
        private static readonly CSharpParseOptions Diagnose = TestCompilation.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);

        /// <summary>Every line terminator C# knows: CR, LF, CR LF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.</summary>
        public static TheoryData<string> LineTerminators() => new TheoryData<string> { "\r", "\n", "\r\n", "\u0085", "\u2028", "\u2029" };

        [Theory]
        [MemberData(nameof(LineTerminators))]
        public void A_line_terminator_in_a_justification_does_not_end_the_doc_comment(string terminator)
        {
            string justification = "Public register." + terminator + "public string Injected { get; init; } = \"\";" + terminator + "// rest";
            AssertGeneratesExactly(justification, "phone");
        }

        [Theory]
        [MemberData(nameof(LineTerminators))]
        public void A_line_terminator_in_a_category_does_not_end_the_literal_or_the_doc_comment(string terminator)
        {
            string category = "phone" + terminator + "\", null); } public string Injected { get; init; } = \"\"; //" + terminator + "x";
            AssertGeneratesExactly("Public register.", category);
        }

        [Theory]
        [InlineData("*/ public string Injected { get; init; } /*")]
        [InlineData("</summary><summary>Injected")]
        [InlineData("a \" quote, a \\ backslash, \\\" both, and a trailing backslash \\")]
        [InlineData("\0 nul, \u0007 bell, \b backspace, \t tab, \v vtab, \f form feed, \u001b escape, \u007f delete, \u0080 control")]
        [InlineData("\u200b zero width, \u202e right-to-left override, \ufeff bom, \u00ad soft hyphen")]
        [InlineData("lone surrogates \ud83d and \ude00, a pair \ud83d\ude00")]
        [InlineData("&amp; &lt; ]]> <!-- <![CDATA[ x")]
        [InlineData("#endregion\n#error injected")]
        public void Control_characters_comment_ends_quotes_and_backslashes_cannot_escape(string text)
        {
            AssertGeneratesExactly(text, text);
        }

        [Fact]
        public void Text_survives_in_the_documentation_and_the_literal()
        {
            const string category = "tel\"ephone\\\u2028x";
            (Compilation output, SyntaxTree tree) = Generate("Public \"register\" & <list>", category);

            // The category literal holds the very same string the user wrote.
            LiteralExpressionSyntax literal = tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>()
                .Single(l => l.IsKind(SyntaxKind.StringLiteralExpression) && l.Token.ValueText.StartsWith("tel", StringComparison.Ordinal));
            Assert.Equal(category, literal.Token.ValueText);

            // The justification is readable in the documentation the compiler sees.
            INamedTypeSymbol minimized = output.GetTypeByMetadataName("Inj.MinimizedCall")!;
            string xml = minimized.GetMembers("Tower").Single().GetDocumentationCommentXml()!;
            Assert.Contains("Justification: Public &quot;register&quot; &amp; &lt;list&gt;", xml);
        }

        [Fact]
        public void Fuzzed_attribute_text_never_changes_the_shape_of_the_generated_file()
        {
            string[] tokens =
            {
                "\r", "\n", "\r\n", "\u0085", "\u2028", "\u2029", "\0", "\t", "\v", "\f", "\b", "\u001b", "\u007f", "\u009f",
                "\"", "'", "\\", "\\\"", "*/", "/*", "//", "///", "<", ">", "&", "</summary>", "<see cref=\"X\"/>", "]]>", "<!--",
                "{", "}", "\");", "#", "#endregion", "@", "$", "{0}", " ", "a", "Z", "9", "é", "\u200b", "\u202e", "\ufeff",
                "\ud83d", "\ude00", "\ud83d\ude00", "\ufffe", "public string Injected { get; init; }",
            };
            Gen<string> token = Gen.OneOf(
                Gen.Elements(tokens),
                Gen.Elements(tokens),
                Gen.Choose(0, 0xFFFF).Select(i => ((char)i).ToString()));
            Gen<string> text = Gen.ListOf(token).Select(parts => string.Concat(parts));
            Gen<(string, string)> pair = text.SelectMany(a => text.Select(b => (a, b)));

            int runs = 0;
            Property property = Prop.ForAll(pair.ToArbitrary(), p =>
            {
                runs++;
                // A blank justification on an identifying member is MIN004 and leaves the member out; keep it non-blank.
                AssertGeneratesExactly("Why: " + p.Item1, p.Item2);
            });
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithEndSize(60).WithReplay(new Replay(new Rnd(20240607UL, 13UL), null)).WithQuietOnSuccess(true), property);
            Assert.True(runs >= 500, runs + " runs");
        }

        [Fact]
        public void Fuzzed_map_entries_and_other_values_reach_the_file_only_as_the_literals_written()
        {
            string[] tokens =
            {
                "\r", "\n", "\u0085", "\u2028", "\u2029", "\0", "\u001b", "\"", "\\", "*/", "//", "<", "&", "{", "}", "\");", "#", " ", "a", "é",
                "\u202e", "\ud83d", "\ude00", "=", ">", "public string Injected { get; init; }",
            };
            Gen<string> token = Gen.OneOf(Gen.Elements(tokens), Gen.Choose(0, 0xFFFF).Select(i => ((char)i).ToString()));
            // "x" around the text keeps the trimmed value and group non-empty; "=>" inside would split the entry differently.
            Gen<string> text = Gen.ListOf(token).Select(parts => "x" + string.Concat(parts).Replace("=>", "=") + "x");
            Gen<string[]> four = Gen.ArrayOf(text, 4);

            int runs = 0;
            Property property = Prop.ForAll(four.ToArbitrary(), t =>
            {
                runs++;
                string source = """
                    using Minimization;
                    namespace Inj
                    {
                        [IdentityBearing, GenerateMinimizer]
                        public partial class Device
                        {
                            [Generalize(ENTRY, Other = OTHER), SuppressRare(2, Other = RARE)] public string Model { get; set; } = "";
                        }
                    }
                    """
                    .Replace("ENTRY", SymbolDisplay.FormatLiteral(t[0] + " => " + t[1], quote: true))
                    .Replace("OTHER", SymbolDisplay.FormatLiteral(t[2], quote: true))
                    .Replace("RARE", SymbolDisplay.FormatLiteral(t[3], quote: true));
                Compilation input = TestCompilation.Create(new[] { source }, withRuntime: true, Diagnose);
                (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(input);
                SyntaxTree tree = Assert.Single(generated).SyntaxTree;
                Assert.Empty(tree.GetDiagnostics());
                Assert.Empty(output.GetSemanticModel(tree).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

                TypeDeclarationSyntax[] types = tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().ToArray();
                Assert.Equal(new[] { "MinimizedDevice", "Device", "DeviceMinimizationExtensions" }, types.Select(x => x.Identifier.ValueText));
                Assert.Equal(new[] { "Model" }, MemberNames(types[0]));
                Assert.Equal(new[] { "FieldDeclaration", "MinimizeCore", "MinimizeBatchCore" }, MemberNames(types[1]));
                Assert.Equal(new[] { "Minimize", "MinimizeBatch" }, MemberNames(types[2]));

                string[] literals = tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>()
                    .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)).Select(l => l.Token.ValueText).ToArray();
                Assert.Contains(t[0].Trim(), literals);
                Assert.Contains(t[1].Trim(), literals);
                Assert.Contains(t[2], literals);
                Assert.Contains(t[3], literals);
            });
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithEndSize(40).WithReplay(new Replay(new Rnd(20261206UL, 7UL), null)).WithQuietOnSuccess(true), property);
            Assert.True(runs >= 100, runs + " runs");
        }

        private static void AssertGeneratesExactly(string justification, string category)
        {
            (Compilation output, SyntaxTree tree) = Generate(justification, category);

            // The file parses without a single diagnostic, documentation comments included.
            Assert.Empty(tree.GetDiagnostics());
            Assert.Empty(output.GetSemanticModel(tree).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

            // It declares exactly what the model asks for: three types, the minimized one with one property per kept member.
            var root = (CompilationUnitSyntax)tree.GetRoot();
            TypeDeclarationSyntax[] types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().ToArray();
            Assert.Equal(new[] { "MinimizedCall", "Call", "CallMinimizationExtensions" }, types.Select(t => t.Identifier.ValueText));
            Assert.Equal(new[] { "Tower", "Caller" }, MemberNames(types[0]));
            Assert.Equal(new[] { "MinimizeCore" }, MemberNames(types[1]));
            Assert.Equal(new[] { "Minimize" }, MemberNames(types[2]));
            Assert.Single(root.Members);
            Assert.Equal(3, ((BaseNamespaceDeclarationSyntax)root.Members[0]).Members.Count);

            INamedTypeSymbol minimized = output.GetTypeByMetadataName("Inj.MinimizedCall")!;
            Assert.Equal(new[] { "Caller", "Tower" }, minimized.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsImplicitlyDeclared).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        }

        private static IEnumerable<string> MemberNames(TypeDeclarationSyntax type)
            => type.Members.Select(m => m switch
            {
                PropertyDeclarationSyntax p => p.Identifier.ValueText,
                MethodDeclarationSyntax m2 => m2.Identifier.ValueText,
                _ => m.Kind().ToString(),
            });

        private static (Compilation Output, SyntaxTree Tree) Generate(string justification, string category)
        {
            string source = """
                using Minimization;

                namespace Inj
                {
                    [IdentityBearing, GenerateMinimizer]
                    public partial class Call
                    {
                        [IdentityBearing(IdentityCategory.CellTower), Keep(JUSTIFICATION)] public string Tower { get; set; } = "";
                        [IdentityBearing(CATEGORY), Pseudonymize] public string Caller { get; set; } = "";
                        [Drop] public string Name { get; set; } = "";
                    }
                }
                """
                .Replace("JUSTIFICATION", SymbolDisplay.FormatLiteral(justification, quote: true))
                .Replace("CATEGORY", SymbolDisplay.FormatLiteral(category, quote: true));
            Compilation input = TestCompilation.Create(new[] { source }, withRuntime: true, Diagnose);
            Assert.Empty(input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(input);
            return (output, Assert.Single(generated).SyntaxTree);
        }
    }
}
