using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Minimization.Analyzers.Tests.Adoption
{
    /// <summary>
    /// The ecosystem's attribute types declared in source under their real metadata names (no package needed: the analyzer
    /// matches by name), and a runner that returns the diagnostics themselves, for the tests that read their properties.
    /// </summary>
    internal static class AdoptionHarness
    {
        public const string AspNetIdentityStubs = """
            namespace Microsoft.AspNetCore.Identity
            {
                [System.AttributeUsage(System.AttributeTargets.Property)]
                public class PersonalDataAttribute : System.Attribute { }

                public class ProtectedPersonalDataAttribute : PersonalDataAttribute { }
            }
            """;

        public const string ComplianceStubs = """
            namespace Microsoft.Extensions.Compliance.Classification
            {
                public readonly struct DataClassification
                {
                    public DataClassification(string taxonomyName, string value) { TaxonomyName = taxonomyName; Value = value; }
                    public string TaxonomyName { get; }
                    public string Value { get; }
                }

                [System.AttributeUsage(System.AttributeTargets.All)]
                public class DataClassificationAttribute : System.Attribute
                {
                    protected DataClassificationAttribute(DataClassification classification) => Classification = classification;
                    public DataClassification Classification { get; }
                }

                public sealed class NoDataClassificationAttribute : DataClassificationAttribute
                {
                    public NoDataClassificationAttribute() : base(new DataClassification("", "None")) { }
                }
            }

            namespace Microsoft.Extensions.Compliance.Redaction
            {
                public abstract class Redactor
                {
                    public string Redact(string? source) => new string('*', source?.Length ?? 0);
                    public string Redact<T>(T value) => "*";
                }
            }
            """;

        /// <summary>A team's own taxonomy, the way the package's documentation writes one.</summary>
        public const string ContosoTaxonomy = """
            using Microsoft.Extensions.Compliance.Classification;

            namespace Contoso.Compliance
            {
                public static class ContosoTaxonomy
                {
                    public static string TaxonomyName => typeof(ContosoTaxonomy).FullName!;
                    public static DataClassification CustomerContent => new(TaxonomyName, nameof(CustomerContent));
                }

                public sealed class CustomerContentAttribute : DataClassificationAttribute
                {
                    public CustomerContentAttribute() : base(ContosoTaxonomy.CustomerContent) { }
                }

                public sealed class EuiiAttribute : DataClassificationAttribute
                {
                    public EuiiAttribute() : base(new DataClassification("EUDB", "EUII")) { }
                }
            }
            """;

        /// <summary>Verifies with the prelude, the given extra sources, a global config and additional files.</summary>
        public static Task Check(string source, string? globalConfig, IEnumerable<(string Name, string Text)>? extraSources, IEnumerable<(string Path, string Text)>? additionalFiles, params DiagnosticResult[] expected)
            => Check(source, globalConfig, extraSources, additionalFiles, withAnnotations: true, expected);

        public static async Task Check(string source, string? globalConfig, IEnumerable<(string Name, string Text)>? extraSources, IEnumerable<(string Path, string Text)>? additionalFiles, bool withAnnotations, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = source };
            if (withAnnotations)
            {
                test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            }
            else
            {
                test.WithoutAnnotations = true;
            }

            foreach (var (name, text) in extraSources ?? Enumerable.Empty<(string, string)>())
            {
                test.TestState.Sources.Add((name, text));
            }

            foreach (var (path, text) in additionalFiles ?? Enumerable.Empty<(string, string)>())
            {
                test.TestState.AdditionalFiles.Add((path, SourceText.From(text)));
            }

            if (globalConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        /// <summary>Runs the flow analyzer over sources (with the prelude and the annotations) and returns its diagnostics, in source order.</summary>
        public static async Task<ImmutableArray<Diagnostic>> Run(IEnumerable<string> sources, string? globalConfig = null, IEnumerable<(string Path, string Text)>? additionalFiles = null, IEnumerable<MetadataReference>? references = null)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Preview);
            var trees = sources.Append(Prelude.Source).Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: "File" + i + ".cs")).ToList();
            var refs = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                .Append(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location))
                .Concat(references ?? Enumerable.Empty<MetadataReference>());
            var compilation = CSharpCompilation.Create("Adoption", trees, refs, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Xunit.Assert.True(errors.Count == 0, string.Join("\n", errors));
            var texts = (additionalFiles ?? Enumerable.Empty<(string, string)>()).Select(f => (AdditionalText)new InMemoryText(f.Item1, f.Item2)).ToImmutableArray();
            var options = new AnalyzerOptions(texts, new GlobalConfigProvider(globalConfig));
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdentityFlowAnalyzer()), options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path, System.StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        private sealed class InMemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        private sealed class GlobalConfigProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Options _global;

            public GlobalConfigProvider(string? config)
            {
                var values = new Dictionary<string, string>();
                foreach (var line in (config ?? string.Empty).Split('\n'))
                {
                    var eq = line.IndexOf('=');
                    if (eq > 0 && !line.TrimStart().StartsWith("#"))
                    {
                        values[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
                    }
                }

                _global = new Options(values);
            }

            public override AnalyzerConfigOptions GlobalOptions => _global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

            private sealed class Options : AnalyzerConfigOptions
            {
                public static readonly Options Empty = new Options(new Dictionary<string, string>());
                private readonly Dictionary<string, string> _values;

                public Options(Dictionary<string, string> values) => _values = values;

                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
                {
                    if (_values.TryGetValue(key, out var v))
                    {
                        value = v;
                        return true;
                    }

                    value = null;
                    return false;
                }
            }
        }
    }
}
