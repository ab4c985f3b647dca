using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Minimization.Analyzers.Tests.Rules
{
    /// <summary>MIN013: every way to suppress a Minimization rule, justified and not.</summary>
    public class SuppressionTests
    {
        /// <summary>MIN013 at markup; the message is checked only where a test gives its arguments.</summary>
        private static DiagnosticResult Min013(int markup) => new DiagnosticResult(RuleIdentifiers.UnjustifiedSuppression, DiagnosticSeverity.Warning).WithLocation(markup);

        private static DiagnosticResult Min013Config(string setting, string suppressed, string key)
            => new DiagnosticResult(SuppressionAnalyzer.UnjustifiedSuppression).WithArguments(
                "'" + setting + "' in the project's configuration",
                suppressed,
                "set '" + key + "' beside it to the reason (the compiler does not pass configuration comments to analyzers)");

        private const string Leak = """
            using Telecom;
            public static class Share
            {
                public static void Run(CallRecord call)
                {
            PRAGMA
                    PartnerGateway.Send(call.CallerNumber);
                }
            }
            """;

        [Fact]
        public Task Pragma_without_a_comment_is_MIN013() => Check(Leak.Replace("PRAGMA", "{|#0:#pragma warning disable MIN001|}"),
            Min013(0).WithArguments("'#pragma warning disable MIN001'", "MIN001", "write the reason after it on the same line (// why this is acceptable, and a reference a reviewer can check)"));

        [Fact]
        public Task Pragma_with_a_reason_on_the_same_line_is_not_reported() =>
            Check(Leak.Replace("PRAGMA", "#pragma warning disable MIN001 // AU owns these numbers: returned, not shared (DSA 2026-14)"));

        [Fact]
        public Task Pragma_with_the_reason_on_the_line_above_is_MIN013() =>
            Check(Leak.Replace("PRAGMA", "// AU owns these numbers\n{|#0:#pragma warning disable MIN001|}"), Min013(0));

        [Theory]
        [InlineData("//")]
        [InlineData("// TODO")]
        [InlineData("//   ")]
        [InlineData("// " + SuppressionJustification.Placeholder)]
        public Task Pragma_with_an_empty_or_placeholder_comment_is_MIN013(string comment) =>
            Check(Leak.Replace("PRAGMA", "{|#0:#pragma warning disable MIN001|} " + comment), Min013(0));

        [Fact]
        public Task Pragma_naming_several_rules_names_the_Minimization_ones() =>
            Check(Leak.Replace("PRAGMA", "{|#0:#pragma warning disable CS0168, MIN001, MIN011|}"),
                Min013(0).WithArguments("'#pragma warning disable CS0168, MIN001, MIN011'", "MIN001, MIN011", "write the reason after it on the same line (// why this is acceptable, and a reference a reviewer can check)"));

        [Fact]
        public Task Bare_pragma_disable_suppresses_the_Minimization_rules_too_and_is_MIN013() =>
            Check(Leak.Replace("PRAGMA", "{|#0:#pragma warning disable|}"),
                Min013(0).WithArguments("'#pragma warning disable'", "every rule, the Minimization rules included", "write the reason after it on the same line (// why this is acceptable, and a reference a reviewer can check)"));

        [Fact]
        public Task Pragmas_for_other_analyzers_and_restores_are_not_reported() =>
            Check(Leak.Replace("PRAGMA", "#pragma warning disable CS0168\n#pragma warning restore MIN001"));

        [Fact]
        public Task Pragma_naming_MIN013_cannot_suppress_the_report_about_itself() =>
            Check(Leak.Replace("PRAGMA", "{|#0:#pragma warning disable MIN001, MIN013|}"), Min013(0).WithArguments("'#pragma warning disable MIN001, MIN013'", "MIN001, MIN013", "write the reason after it on the same line (// why this is acceptable, and a reference a reviewer can check)"));

        [Fact]
        public Task Unjustified_pragma_still_suppresses_MIN001_and_is_itself_reported() =>
            CheckWithFlow(Leak.Replace("PRAGMA", "{|#0:#pragma warning disable MIN001|}"), Min013(0));

        [Fact]
        public Task SuppressMessage_without_Justification_is_MIN013() => Check("""
            using System.Diagnostics.CodeAnalysis;
            public static class Share
            {
                [{|#0:SuppressMessage("Minimization", "MIN001")|}]
                public static void Run() { }
            }
            """, Min013(0).WithArguments("[SuppressMessage] without a Justification", "MIN001", "write in Justification why this is acceptable, with a reference a reviewer can check"));

        [Theory]
        [InlineData("\"\"", "[SuppressMessage] with an empty Justification")]
        [InlineData("\"  \"", "[SuppressMessage] with an empty Justification")]
        [InlineData("\"<Pending>\"", "[SuppressMessage] whose Justification is a placeholder")]
        [InlineData("Minimization.Analyzers.SuppressionJustification.Placeholder", "[SuppressMessage] whose Justification is a placeholder")]
        public Task SuppressMessage_with_empty_or_placeholder_Justification_is_MIN013(string justification, string what) => Check($$"""
            using System.Diagnostics.CodeAnalysis;
            public static class Share
            {
                [{|#0:SuppressMessage("Minimization", "MIN001:Identity reaches a partner", Justification = {{justification}})|}]
                public static void Run() { }
            }
            """, Min013(0).WithArguments(what, "MIN001", "write in Justification why this is acceptable, with a reference a reviewer can check"));

        [Fact]
        public Task SuppressMessage_of_MIN013_cannot_suppress_the_report_about_itself() => Check("""
            using System.Diagnostics.CodeAnalysis;
            [SuppressMessage("Minimization", "MIN013")]
            public static class Share
            {
                [{|#1:SuppressMessage("Minimization", "MIN001")|}]
                public static void Run() { }
            }
            """, new DiagnosticResult(SuppressionAnalyzer.UnjustifiedSuppression).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("[SuppressMessage] without a Justification at Test0.cs(2)", "MIN013", "write in Justification why this is acceptable, with a reference a reviewer can check"));

        [Fact]
        public Task SuppressMessage_with_a_real_Justification_is_not_reported() => Check("""
            using System.Diagnostics.CodeAnalysis;
            public static class Share
            {
                [SuppressMessage("Minimization", "MIN001", Justification = "AU owns these numbers: they are returned, not shared (DSA 2026-14).")]
                public static void Run() { }
            }
            """);

        [Fact]
        public Task SuppressMessage_at_assembly_level_and_fully_qualified_is_MIN013() => Check("""
            [assembly: {|#0:System.Diagnostics.CodeAnalysis.SuppressMessageAttribute("Minimization", "MIN010", Scope = "member", Target = "~M:Share.Run")|}]
            public static class Share
            {
                public static void Run() { }
            }
            """, Min013(0).WithArguments("[SuppressMessage] without a Justification", "MIN010", "write in Justification why this is acceptable, with a reference a reviewer can check"));

        [Fact]
        public Task SuppressMessage_with_named_constructor_arguments_is_read() => Check("""
            using System.Diagnostics.CodeAnalysis;
            public static class Share
            {
                [{|#0:SuppressMessage(checkId: "MIN002", category: "Minimization")|}]
                public static void Run() { }
            }
            """, Min013(0).WithArguments("[SuppressMessage] without a Justification", "MIN002", "write in Justification why this is acceptable, with a reference a reviewer can check"));

        [Fact]
        public Task SuppressMessage_for_other_rules_and_lookalike_attributes_are_not_reported() => Check("""
            using System.Diagnostics.CodeAnalysis;
            public sealed class SuppressMessageLikeAttribute : System.Attribute
            {
                public SuppressMessageLikeAttribute(string category, string checkId) { }
            }
            public static class Share
            {
                [SuppressMessage("Style", "IDE0060")]
                [SuppressMessageLike("Minimization", "MIN001")]
                public static void Run(int unused) { }
            }
            """);

        [Fact]
        public Task Editorconfig_lowering_a_rule_is_MIN013_once_for_the_project() => CheckConfig(
            "/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.MIN001.severity = none\n",
            twoFiles: true,
            Min013Config("dotnet_diagnostic.MIN001.severity = none", "MIN001", "minimization.MIN001.justification"));

        [Fact]
        public Task Editorconfig_lowering_an_error_rule_to_warning_is_MIN013() => CheckConfig(
            "/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.MIN003.severity = warning\n",
            twoFiles: false,
            Min013Config("dotnet_diagnostic.MIN003.severity = warning", "MIN003", "minimization.MIN003.justification"));

        [Fact]
        public Task Editorconfig_with_a_justification_is_not_reported() => CheckConfig(
            "/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.MIN001.severity = none\nminimization.MIN001.justification = Test fixtures: synthetic numbers only (QA-118)\n",
            twoFiles: true);

        [Fact]
        public Task Editorconfig_raising_a_rule_is_not_a_suppression() => CheckConfig(
            "/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.MIN009.severity = error\ndotnet_diagnostic.MIN001.severity = error\ndotnet_diagnostic.CA1000.severity = none\n",
            twoFiles: false);

        [Fact]
        public Task Editorconfig_with_a_placeholder_justification_is_MIN013() => CheckConfig(
            "/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.MIN011.severity = silent\nminimization.MIN011.justification = TODO\n",
            twoFiles: false,
            Min013Config("dotnet_diagnostic.MIN011.severity = silent", "MIN011", "minimization.MIN011.justification"));

        [Fact]
        public Task Globalconfig_lowering_a_rule_is_MIN013() => CheckConfig(
            "/.globalconfig", "is_global = true\n\ndotnet_diagnostic.MIN010.severity = suggestion\n",
            twoFiles: true,
            Min013Config("dotnet_diagnostic.MIN010.severity = suggestion", "MIN010", "minimization.MIN010.justification"));

        [Fact]
        public Task Globalconfig_with_a_justification_is_not_reported() => CheckConfig(
            "/.globalconfig", "is_global = true\n\ndotnet_diagnostic.MIN010.severity = none\nminimization.MIN010.justification = Internal tool; its public API is never referenced (ARCH-7)\n",
            twoFiles: true);

        [Fact]
        public Task Category_wide_lowering_is_MIN013_unless_justified() => CheckConfig(
            "/.editorconfig", "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.category-Minimization.severity = warning\n",
            twoFiles: false,
            Min013Config("dotnet_analyzer_diagnostic.category-Minimization.severity = warning", "the Minimization rules", "minimization.justification"));

        [Fact]
        public Task NoWarn_of_a_rule_is_MIN013() => CheckSpecificOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("MIN001", ReportDiagnostic.Suppress).Add("CS0168", ReportDiagnostic.Suppress),
            globalconfig: null,
            Min013Config("NoWarn MIN001 (or a rule set)", "MIN001", "minimization.MIN001.justification"));

        [Fact]
        public Task NoWarn_of_a_rule_justified_in_a_globalconfig_is_not_reported() => CheckSpecificOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("MIN001", ReportDiagnostic.Suppress),
            globalconfig: "is_global = true\n\nminimization.MIN001.justification = Prototype project, never deployed (ARCH-9)\n");

        private static async Task Check(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        private static async Task CheckWithFlow(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, WithFlow = true };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        private static async Task CheckConfig(string path, string config, bool twoFiles, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = "public static class A { }" };
            if (twoFiles)
            {
                test.TestState.Sources.Add(("B.cs", "public static class B { }"));
            }

            test.TestState.AnalyzerConfigFiles.Add((path, config));
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        private static async Task CheckSpecificOptions(ImmutableDictionary<string, ReportDiagnostic> options, string? globalconfig, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = "public class A { void M() { int unused; } }", SpecificOptions = options };
            if (globalconfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", globalconfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        private sealed class Test : CSharpAnalyzerTest<SuppressionAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = new ReferenceAssemblies("net10.0");
                TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>());
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location));
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SuppressionJustification).Assembly.Location));

                // The verifier's own check adds '#pragma warning disable MIN013' without a reason to every file: MIN013 rightly
                // reports that pragma, so the check cannot apply to this rule.
                TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
            }

            public bool WithFlow { get; set; }

            public ImmutableDictionary<string, ReportDiagnostic>? SpecificOptions { get; set; }

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
                => WithFlow ? new DiagnosticAnalyzer[] { new SuppressionAnalyzer(), new IdentityFlowAnalyzer() } : base.GetDiagnosticAnalyzers();

            protected override ParseOptions CreateParseOptions()
                => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Preview);

            protected override CompilationOptions CreateCompilationOptions()
            {
                var options = ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
                return SpecificOptions is null ? options : options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItems(SpecificOptions));
            }
        }
    }
}
