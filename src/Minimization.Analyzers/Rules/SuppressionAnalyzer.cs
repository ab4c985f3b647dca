using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Minimization.Analyzers
{
    /// <summary>
    /// MIN013: a suppression of a Minimization rule without a written justification. Three ways to suppress are checked:
    /// <c>#pragma warning disable MINnnn</c> (the reason is a comment after it on the same line), <c>[SuppressMessage]</c>
    /// (its <c>Justification</c>), and a severity lowered in <c>.editorconfig</c>, a globalconfig or the project's
    /// <c>NoWarn</c> (the reason is the <c>minimization.MINnnn.justification</c> option). Every check is a syntax or
    /// syntax-node action, so the findings on code appear live in the editor.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SuppressionAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor UnjustifiedSuppression = DescriptorFactory.Create(
            RuleIdentifiers.UnjustifiedSuppression,
            "Minimization rule suppressed without a justification",
            "{0} suppresses {1} without a written justification; {2}",
            DiagnosticSeverity.Warning,
            "A suppressed Minimization finding is an exception to the rule that identity does not reach a partner unminimized. The reason is what a reviewer and an auditor read: every suppression (#pragma, [SuppressMessage], a lowered severity in configuration) must carry one, and a placeholder does not count.");

        private const string SuppressMessageMetadataName = "System.Diagnostics.CodeAnalysis.SuppressMessageAttribute";

        private const string PragmaAdvice = "write the reason after it on the same line (// why this is acceptable, and a reference a reviewer can check)";

        private const string AttributeAdvice = "write in Justification why this is acceptable, with a reference a reviewer can check";

        /// <summary>The default severity of every rule this assembly declares, to tell a lowered severity from a raised one.</summary>
        private static readonly ImmutableDictionary<string, DiagnosticSeverity> DefaultSeverities =
            new[]
                {
                    IdentityFlowAnalyzer.IdentityReachesPartner, IdentityFlowAnalyzer.IdentityExposedAcrossAssembly, IdentityFlowAnalyzer.AnalysisBoundReached, IdentityFlowAnalyzer.AnalysisFailed,
                    PolicyAnalyzer.MemberWithoutPolicy, PolicyAnalyzer.PolicyDoesNotFit, PolicyAnalyzer.KeepWithoutJustification,
                    PolicyAnalyzer.MultiplePolicies, PolicyAnalyzer.TypeCannotBeExtended, PolicyAnalyzer.TypeNotIdentityBearing,
                    PolicyAnalyzer.InvalidArgument, PolicyAnalyzer.PolicyWithoutGenerator, PolicyAnalyzer.MemberCannotBeCarried,
                    PolicyAnalyzer.GeneratedTypeNameTaken, UnjustifiedSuppression,
                }
                .ToImmutableDictionary(d => d.Id, d => d.DefaultSeverity, StringComparer.OrdinalIgnoreCase);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UnjustifiedSuppression);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                // A lowered severity is one setting for many files: it is reported once per compilation, by whichever file
                // meets it first. The text of the report does not depend on that file, so the result is the same whatever
                // the order.
                var configuration = new ConfigurationCheck(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
                var suppressMessage = start.Compilation.GetTypeByMetadataName(SuppressMessageMetadataName);
                start.RegisterSyntaxTreeAction(tree =>
                {
                    AnalyzePragmas(tree);
                    configuration.Check(tree);
                });

                if (suppressMessage is not null)
                {
                    start.RegisterSyntaxNodeAction(node => AnalyzeAttribute(node, suppressMessage), SyntaxKind.Attribute);
                }
            });
        }

        private static void AnalyzePragmas(SyntaxTreeAnalysisContext context)
        {
            var root = context.Tree.GetRoot(context.CancellationToken);
            if (!root.ContainsDirectives)
            {
                return;
            }

            for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (directive is not PragmaWarningDirectiveTriviaSyntax pragma || !pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
                {
                    continue;
                }

                string? suppressed;
                if (pragma.ErrorCodes.Count == 0)
                {
                    suppressed = "every rule, the Minimization rules included";
                }
                else
                {
                    var ids = pragma.ErrorCodes.Select(code => code.ToString().Trim()).Where(SuppressionJustification.IsRuleId).ToList();
                    suppressed = ids.Count == 0 ? null : string.Join(", ", ids);
                }

                if (suppressed is null || SuppressionJustification.IsReal(CommentText(pragma)))
                {
                    continue;
                }

                // The span is the directive without its comment: "#pragma warning disable MIN001".
                var end = pragma.ErrorCodes.Count == 0 ? pragma.DisableOrRestoreKeyword.Span.End : pragma.ErrorCodes.Last().Span.End;
                var span = TextSpan.FromBounds(pragma.HashToken.SpanStart, end);
                var shown = "'" + context.Tree.GetText(context.CancellationToken).ToString(span) + "'";
                context.ReportDiagnostic(Diagnostic.Create(UnjustifiedSuppression, Location.Create(context.Tree, span), shown, suppressed, PragmaAdvice));
            }
        }

        /// <summary>The text of the comments on the directive's line (after it, or between its codes), without comment markers.</summary>
        private static string? CommentText(PragmaWarningDirectiveTriviaSyntax pragma)
        {
            string? text = null;
            foreach (var trivia in pragma.DescendantTrivia())
            {
                string body;
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
                {
                    body = trivia.ToString().Substring(2);
                }
                else if (trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    var all = trivia.ToString();
                    body = all.Length >= 4 ? all.Substring(2, all.Length - 4) : string.Empty;
                }
                else
                {
                    continue;
                }

                body = body.Trim().TrimStart('/').Trim();
                text = text is null ? body : text + " " + body;
            }

            return text;
        }

        private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, INamedTypeSymbol suppressMessage)
        {
            var attribute = (AttributeSyntax)context.Node;
            var name = attribute.Name switch
            {
                QualifiedNameSyntax q => q.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
                SimpleNameSyntax s => s.Identifier.ValueText,
                _ => string.Empty,
            };

            // Cheap syntactic filter first; an alias (using X = ...SuppressMessageAttribute) still binds below.
            var arguments = attribute.ArgumentList?.Arguments;
            if (arguments is null || arguments.Value.Count < 2
                || (name.IndexOf("SuppressMessage", StringComparison.Ordinal) < 0 && !IsAliased(attribute)))
            {
                return;
            }

            var model = context.SemanticModel;
            if (model.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor
                || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, suppressMessage))
            {
                return;
            }

            string? checkId = null;
            string? justification = null;
            var hasJustification = false;
            var positional = 0;
            foreach (var argument in arguments.Value)
            {
                var value = model.GetConstantValue(argument.Expression, context.CancellationToken);
                if (argument.NameEquals is { } nameEquals)
                {
                    if (nameEquals.Name.Identifier.ValueText == "Justification")
                    {
                        hasJustification = true;
                        justification = value.HasValue ? value.Value as string : "(not a constant)";
                    }
                    else if (nameEquals.Name.Identifier.ValueText == "CheckId")
                    {
                        checkId = value.Value as string;
                    }

                    continue;
                }

                // Positional (or named with a colon): category, then checkId.
                var index = argument.NameColon is { } colon ? (colon.Name.Identifier.ValueText == "checkId" ? 1 : 0) : positional++;
                if (index == 1 && value.HasValue)
                {
                    checkId = value.Value as string;
                }
            }

            // The compiler matches on the ID before the first ':' ("MIN001:Identity reaches a partner" suppresses MIN001).
            var id = checkId is null ? null : checkId.Split(':')[0].Trim();
            if (!SuppressionJustification.IsRuleId(id) || SuppressionJustification.IsReal(justification))
            {
                return;
            }

            var what = !hasJustification ? "[SuppressMessage] without a Justification"
                : justification is null || justification.Trim().Length == 0 ? "[SuppressMessage] with an empty Justification"
                : "[SuppressMessage] whose Justification is a placeholder";
            if (string.Equals(id, RuleIdentifiers.UnjustifiedSuppression, StringComparison.OrdinalIgnoreCase)
                && attribute.Parent is AttributeListSyntax { Target: null or { Identifier.RawKind: not (int)SyntaxKind.AssemblyKeyword and not (int)SyntaxKind.ModuleKeyword } })
            {
                // On a member or type, a [SuppressMessage] of MIN013 covers its own attribute: reported there, the report
                // would hide itself. It goes on the project instead, naming where the attribute is (also an additional location).
                var line = attribute.GetLocation().GetLineSpan();
                var where = what + " at " + System.IO.Path.GetFileName(line.Path) + "(" + (line.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                context.ReportDiagnostic(Diagnostic.Create(UnjustifiedSuppression, Location.None, new[] { attribute.GetLocation() }, where, id, AttributeAdvice));
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(UnjustifiedSuppression, attribute.GetLocation(), what, id, AttributeAdvice));
        }

        private static bool IsAliased(AttributeSyntax attribute)
        {
            var root = attribute.SyntaxTree.GetRoot();
            return root is CompilationUnitSyntax unit && unit.Usings.Any(u => u.Alias is not null && u.Name?.ToString().IndexOf("SuppressMessage", StringComparison.Ordinal) >= 0);
        }

        /// <summary>Severity changes in configuration; one instance per compilation, reporting each setting once.</summary>
        private sealed class ConfigurationCheck
        {
            private const string RulePrefix = "dotnet_diagnostic.";
            private const string SeveritySuffix = ".severity";
            private const string CategoryKey = "dotnet_analyzer_diagnostic.category-" + RuleIdentifiers.Category + ".severity";

            /// <summary>MIN001–MIN099: the rules of this package and of any later version the configuration may already name.</summary>
            private static readonly ImmutableArray<string> CandidateIds =
                Enumerable.Range(1, 99).Select(n => "MIN" + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).ToImmutableArray();

            private readonly Compilation compilation;
            private readonly AnalyzerConfigOptionsProvider provider;
            private readonly ConcurrentDictionary<string, bool> reported = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            private int projectChecked;

            public ConfigurationCheck(Compilation compilation, AnalyzerConfigOptionsProvider provider)
            {
                this.compilation = compilation;
                this.provider = provider;
            }

            public void Check(SyntaxTreeAnalysisContext context)
            {
                CheckOptions(context, provider.GetOptions(context.Tree));
                CheckRuleSeverities(context, context.Tree);
                if (Interlocked.Exchange(ref projectChecked, 1) == 0)
                {
                    // A globalconfig's keys are the project's, not any file's.
                    CheckOptions(context, provider.GlobalOptions);
                    CheckRuleSeverities(context, null);
                    CheckProjectOptions(context);
                }
            }

            /// <summary><c>dotnet_analyzer_diagnostic.category-Minimization.severity</c>, read as a plain option.</summary>
            private void CheckOptions(SyntaxTreeAnalysisContext context, AnalyzerConfigOptions options)
            {
                if (options.TryGetValue(CategoryKey, out var value)
                    && Rank(value) is { } rank && rank < Rank(DiagnosticSeverity.Error)
                    && !Justified(options, SuppressionJustification.CategoryOptionKey))
                {
                    Report(context, CategoryKey + " = " + value.Trim(), "the Minimization rules", SuppressionJustification.CategoryOptionKey);
                }
            }

            /// <summary>
            /// <c>dotnet_diagnostic.MINnnn.severity</c>: the compiler takes these keys out of the analyzer options and answers
            /// for them by rule ID, per file (.editorconfig sections) and for the project (globalconfig).
            /// </summary>
            private void CheckRuleSeverities(SyntaxTreeAnalysisContext context, SyntaxTree? tree)
            {
                var severities = compilation.Options.SyntaxTreeOptionsProvider;
                if (severities is null)
                {
                    return;
                }

                var options = tree is null ? provider.GlobalOptions : provider.GetOptions(tree);
                foreach (var id in CandidateIds)
                {
                    var found = tree is null
                        ? severities.TryGetGlobalDiagnosticValue(id, context.CancellationToken, out var value)
                        : severities.TryGetDiagnosticValue(tree, id, context.CancellationToken, out value);
                    if (found && Rank(value) is { } lowered && lowered < Rank(DefaultOf(id)) && !Justified(options, SuppressionJustification.OptionKey(id)))
                    {
                        Report(context, RulePrefix + id + SeveritySuffix + " = " + ConfigText(value), id, SuppressionJustification.OptionKey(id));
                    }
                }
            }

            /// <summary><c>NoWarn</c>, rule sets and <c>-nowarn</c>: they reach the analyzer as the compilation's specific options.</summary>
            private void CheckProjectOptions(SyntaxTreeAnalysisContext context)
            {
                var global = provider.GlobalOptions;
                foreach (var pair in compilation.Options.SpecificDiagnosticOptions.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
                {
                    var id = pair.Key.ToUpperInvariant();
                    if (!SuppressionJustification.IsRuleId(id) || Rank(pair.Value) is not { } lowered || lowered >= Rank(DefaultOf(id))
                        || Justified(global, SuppressionJustification.OptionKey(id)))
                    {
                        continue;
                    }

                    var setting = pair.Value == ReportDiagnostic.Suppress ? "NoWarn " + id + " (or a rule set)" : "a rule set that sets " + id + " to " + pair.Value;
                    Report(context, setting, id, SuppressionJustification.OptionKey(id));
                }
            }

            /// <summary>A reason in the same section, or in a globalconfig for the whole project.</summary>
            private bool Justified(AnalyzerConfigOptions options, string key)
                => (options.TryGetValue(key, out var text) && SuppressionJustification.IsReal(text))
                   || (provider.GlobalOptions.TryGetValue(key, out var global) && SuppressionJustification.IsReal(global));

            private void Report(SyntaxTreeAnalysisContext context, string setting, string suppressed, string justificationKey)
            {
                if (!reported.TryAdd(setting, true))
                {
                    return;
                }

                // Location.None: the analyzer is not told which configuration file, or which line, set the value.
                context.ReportDiagnostic(Diagnostic.Create(
                    UnjustifiedSuppression,
                    Location.None,
                    "'" + setting + "' in the project's configuration",
                    suppressed,
                    "set '" + justificationKey + "' beside it to the reason (the compiler does not pass configuration comments to analyzers)"));
            }

            private static DiagnosticSeverity DefaultOf(string id)
                => DefaultSeverities.TryGetValue(id, out var severity) ? severity : DiagnosticSeverity.Warning;

            private static int Rank(DiagnosticSeverity severity) => severity switch
            {
                DiagnosticSeverity.Hidden => 1,
                DiagnosticSeverity.Info => 2,
                DiagnosticSeverity.Warning => 3,
                _ => 4,
            };

            private static int? Rank(string value) => value.Trim().ToLowerInvariant() switch
            {
                "none" => 0,
                "silent" => 1,
                "suggestion" => 2,
                "warning" => 3,
                "error" => 4,
                _ => null,
            };

            private static string ConfigText(ReportDiagnostic value) => value switch
            {
                ReportDiagnostic.Suppress => "none",
                ReportDiagnostic.Hidden => "silent",
                ReportDiagnostic.Info => "suggestion",
                ReportDiagnostic.Warn => "warning",
                _ => "error",
            };

            private static int? Rank(ReportDiagnostic value) => value switch
            {
                ReportDiagnostic.Suppress => 0,
                ReportDiagnostic.Hidden => 1,
                ReportDiagnostic.Info => 2,
                ReportDiagnostic.Warn => 3,
                ReportDiagnostic.Error => 4,
                _ => null,
            };
        }
    }
}
