using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Minimization.Cli.Audit
{
    /// <summary>
    /// The severity the build gives a Minimization diagnostic under the project's own options (<c>&lt;NoWarn&gt;</c>,
    /// <c>.editorconfig</c>/<c>.globalconfig</c> rule and category entries): the audit analyzes with every rule on, and uses
    /// this to say which violations the build would not have reported, and why.
    /// </summary>
    internal sealed class EffectiveSeverity
    {
        private readonly Compilation _compilation;
        private readonly CompilationOptions _options;
        private readonly AnalyzerConfigOptionsProvider _config;

        public EffectiveSeverity(Compilation compilation, CompilationOptions options, AnalyzerConfigOptionsProvider config)
        {
            _compilation = compilation;
            _options = options;
            _config = config;
        }

        public ReportDiagnostic Of(Diagnostic diagnostic) => Resolve(diagnostic).Severity;

        /// <summary>The kind of suppression that keeps the build from reporting it (<c>no-warn</c>, <c>analyzer-config</c>), or null.</summary>
        public string? SwitchedOffBy(Diagnostic diagnostic)
        {
            var (severity, by) = Resolve(diagnostic);
            return severity is ReportDiagnostic.Suppress or ReportDiagnostic.Hidden or ReportDiagnostic.Info ? by : null;
        }

        private (ReportDiagnostic Severity, string By) Resolve(Diagnostic diagnostic)
        {
            var id = diagnostic.Id;
            if (_options.SpecificDiagnosticOptions.TryGetValue(id, out var specific) && specific == ReportDiagnostic.Suppress)
            {
                return (specific, "no-warn");
            }

            var tree = diagnostic.Location.SourceTree;
            var provider = _options.SyntaxTreeOptionsProvider;
            if (tree is not null && provider is not null && provider.TryGetDiagnosticValue(tree, id, CancellationToken.None, out var fromTree))
            {
                return (fromTree, "analyzer-config");
            }

            if (provider is not null && provider.TryGetGlobalDiagnosticValue(id, CancellationToken.None, out var fromGlobal))
            {
                return (fromGlobal, "analyzer-config");
            }

            if (specific != ReportDiagnostic.Default && _options.SpecificDiagnosticOptions.ContainsKey(id))
            {
                return (specific, "no-warn");
            }

            foreach (var key in new[] { "dotnet_analyzer_diagnostic.category-Minimization.severity", "dotnet_analyzer_diagnostic.severity" })
            {
                string? text = null;
                if ((tree is not null && _compilation.ContainsSyntaxTree(tree) && _config.GetOptions(tree).TryGetValue(key, out text)) || _config.GlobalOptions.TryGetValue(key, out text))
                {
                    var parsed = Parse(text);
                    if (parsed is not null)
                    {
                        return (parsed.Value, "analyzer-config");
                    }
                }
            }

            return (ReportDiagnostic.Default, "default");
        }

        internal static ReportDiagnostic? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
        {
            "none" => ReportDiagnostic.Suppress,
            "silent" or "hidden" => ReportDiagnostic.Hidden,
            "suggestion" or "info" => ReportDiagnostic.Info,
            "warning" => ReportDiagnostic.Warn,
            "error" => ReportDiagnostic.Error,
            "default" => ReportDiagnostic.Default,
            _ => null,
        };

        /// <summary>Whether a severity switches a rule off for the build (an error rule no longer fails it, nothing is shown).</summary>
        internal static bool IsOff(string? text) => Parse(text) is ReportDiagnostic.Suppress or ReportDiagnostic.Hidden or ReportDiagnostic.Info;
    }
}
