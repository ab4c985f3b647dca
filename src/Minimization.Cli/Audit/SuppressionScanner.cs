using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Minimization.Analyzers;

namespace Minimization.Cli.Audit
{
    /// <summary>
    /// Finds every place a Minimization rule is switched off: <c>#pragma warning disable</c>, <c>[SuppressMessage]</c>,
    /// a severity of none/silent/suggestion in <c>.editorconfig</c>/<c>.globalconfig</c>, and <c>&lt;NoWarn&gt;</c> in the
    /// project file or a Directory.Build file. Each with its file, line and justification (a suppression without one is
    /// flagged). Files shared by several projects are listed once, with every project that uses them.
    /// </summary>
    internal sealed class SuppressionScanner
    {
        private static readonly Regex RuleId = new Regex(@"^MIN\d{3}$", RegexOptions.Compiled);
        private static readonly Regex ConfigEntry = new Regex(@"^\s*(dotnet_diagnostic\.(MIN\d{3})\.severity|dotnet_analyzer_diagnostic\.category-Minimization\.severity|dotnet_analyzer_diagnostic\.severity)\s*=\s*(\w+)\s*$", RegexOptions.Compiled | RegexOptions.IgnoreCase);
        private static readonly Regex NoWarn = new Regex(@"<NoWarn\b[^>]*>(.*?)</NoWarn>", RegexOptions.Compiled | RegexOptions.Singleline);
        private static readonly Regex ConfigProperty = new Regex(@"^\s*([\w\.\-_]+)\s*[=:]\s*(.*?)\s*([#;].*)?$", RegexOptions.Compiled);
        private static readonly Regex ConfigSection = new Regex(@"^\s*\[(.*)\]\s*([#;].*)?$", RegexOptions.Compiled);

        private readonly string _root;
        private readonly Dictionary<string, SuppressionEntry> _entries = new Dictionary<string, SuppressionEntry>(StringComparer.Ordinal);
        private readonly HashSet<string> _scannedFiles = new HashSet<string>(StringComparer.Ordinal);

        public SuppressionScanner(string root)
        {
            _root = root;
        }

        public IEnumerable<SuppressionEntry> Results()
            => _entries.Values.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Kind, StringComparer.Ordinal);

        public void Scan(Project project, Compilation compilation, CompilationOptions options, CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (string.IsNullOrEmpty(tree.FilePath) || project.GetDocumentId(tree) is null || IsGenerated(tree, cancellationToken))
                {
                    // Generated sources are not where anyone switches a rule off.
                    continue;
                }

                ScanTree(project.Name, tree, compilation.GetSemanticModel(tree), cancellationToken);
            }

            // The project's globalconfig keys, where MIN013 also looks for a reason (minimization.MINnnn.justification).
            var global = project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions;
            foreach (var config in project.AnalyzerConfigDocuments)
            {
                if (config.FilePath is { } path && File.Exists(path))
                {
                    ScanConfig(project.Name, path, global);
                }
            }

            if (project.FilePath is { } projectFile)
            {
                foreach (var msbuild in MsBuildFiles(projectFile))
                {
                    ScanMsBuild(project.Name, msbuild, global);
                }
            }

            if (options.SpecificDiagnosticOptions.Any(kv => RuleId.IsMatch(kv.Key) && kv.Value == ReportDiagnostic.Suppress)
                && !_entries.Values.Any(e => e.Kind == "no-warn" && e.Projects.Contains(project.Name)))
            {
                // Switched off by MSBuild in a way no file we read shows (a property set on the command line, an imported targets file).
                var rules = options.SpecificDiagnosticOptions.Where(kv => RuleId.IsMatch(kv.Key) && kv.Value == ReportDiagnostic.Suppress).Select(kv => kv.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
                Add(Entry("no-warn", rules, Paths.Relative(_root, project.FilePath ?? project.Name), 0, NoWarnJustification(rules, global), "NoWarn " + string.Join(";", rules) + " (from an import or the command line)"), project.Name);
            }
        }

        /// <summary>Which in-source suppression silenced a diagnostic: the nearest one above it, in its file, for its rule.</summary>
        public string? SuppressedBy(Diagnostic diagnostic)
        {
            var file = Paths.Relative(_root, diagnostic.Location.SourceTree?.FilePath ?? "");
            var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
            var match = _entries.Values
                .Where(e => e.Kind is "pragma" or "suppress-message" && e.File == file && e.Line <= line && (e.Rules.Contains(diagnostic.Id) || e.Rules.Contains("MIN*")))
                .OrderByDescending(e => e.Line)
                .FirstOrDefault()
                ?? _entries.Values.FirstOrDefault(e => e.Kind == "suppress-message" && (e.Rules.Contains(diagnostic.Id) || e.Rules.Contains("MIN*")));
            return match?.Kind ?? "suppress-message";
        }

        private void ScanTree(string project, SyntaxTree tree, SemanticModel model, CancellationToken cancellationToken)
        {
            var root = tree.GetRoot(cancellationToken);
            var text = tree.GetText(cancellationToken);
            var file = Paths.Relative(_root, tree.FilePath);
            if (root.ContainsDirectives)
            {
                foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
                {
                    if (!trivia.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia) || trivia.GetStructure() is not PragmaWarningDirectiveTriviaSyntax pragma || !pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
                    {
                        continue;
                    }

                    var rules = pragma.ErrorCodes.Count == 0
                        ? new List<string> { "MIN*" }
                        : pragma.ErrorCodes.Select(c => c.ToString().Trim()).Where(c => RuleId.IsMatch(c)).ToList();
                    if (rules.Count == 0)
                    {
                        continue;
                    }

                    var line = text.Lines.GetLineFromPosition(pragma.SpanStart).LineNumber;
                    // The same rule as MIN013: only a comment on the pragma's own line justifies it.
                    var justification = CommentAfter(text.Lines[line].ToString(), "//");
                    Add(Entry("pragma", rules, file, line + 1, justification, text.Lines[line].ToString().Trim()), project);
                }
            }

            foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>())
            {
                var name = attribute.Name.ToString();
                if (!(name.EndsWith("SuppressMessage", StringComparison.Ordinal) || name.EndsWith("SuppressMessageAttribute", StringComparison.Ordinal)) || attribute.ArgumentList is null)
                {
                    continue;
                }

                var positional = attribute.ArgumentList.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
                if (positional.Count < 2)
                {
                    continue;
                }

                var checkId = Constant(model, positional[1].Expression, cancellationToken);
                var rule = checkId?.Split(':')[0].Trim();
                if (rule is null || !RuleId.IsMatch(rule))
                {
                    continue;
                }

                var justificationArgument = attribute.ArgumentList.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Justification");
                var justification = justificationArgument is null ? null : Constant(model, justificationArgument.Expression, cancellationToken);
                if (justification is not null && justification.Trim() == "<Pending>")
                {
                    justification = null;
                }

                var line = text.Lines.GetLineFromPosition(attribute.SpanStart).LineNumber + 1;
                Add(Entry("suppress-message", new List<string> { rule }, file, line, justification, attribute.ToString()), project);
            }
        }

        private static bool IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var path = tree.FilePath.Replace('\\', '/');
            if (path.Contains("/obj/", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".designer.cs", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var head = tree.GetText(cancellationToken);
            var start = head.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(0, Math.Min(head.Length, 400)));
            return start.Contains("<auto-generated", StringComparison.OrdinalIgnoreCase);
        }

        private static string? Constant(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            if (expression is LiteralExpressionSyntax literal && literal.Token.Value is string s)
            {
                return s;
            }

            var value = model.GetConstantValue(expression, cancellationToken);
            return value.HasValue ? value.Value as string : null;
        }

        private void ScanConfig(string project, string path, AnalyzerConfigOptions global)
        {
            var file = Paths.Relative(_root, path);
            if (!_scannedFiles.Add(path))
            {
                foreach (var e in _entries.Values.Where(e => e.File == file))
                {
                    AddProject(e, project);
                }

                return;
            }

            var lines = File.ReadAllLines(path);

            // The keys of each section (0: before the first section header), as the compiler reads them: case-insensitive
            // keys, values without a trailing comment. A globalconfig's keys are the project's, whatever the section.
            var sectionOf = new int[lines.Length];
            var sections = new List<Dictionary<string, string>> { new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) };
            for (var i = 0; i < lines.Length; i++)
            {
                var t = lines[i].Trim();
                if (!(t.StartsWith("#", StringComparison.Ordinal) || t.StartsWith(";", StringComparison.Ordinal)))
                {
                    if (ConfigSection.IsMatch(lines[i]))
                    {
                        sections.Add(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
                    }
                    else if (ConfigProperty.Match(lines[i]) is { Success: true } property)
                    {
                        sections[sections.Count - 1][property.Groups[1].Value] = property.Groups[2].Value;
                    }
                }

                sectionOf[i] = sections.Count - 1;
            }

            var isGlobal = sections[0].TryGetValue("is_global", out var g) && g.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
            for (var i = 0; i < lines.Length; i++)
            {
                var m = ConfigEntry.Match(lines[i]);
                if (!m.Success || !EffectiveSeverity.IsOff(m.Groups[3].Value))
                {
                    continue;
                }

                var rule = m.Groups[2].Success && m.Groups[2].Value.Length > 0 ? m.Groups[2].Value.ToUpperInvariant() : "MIN*";

                // MIN013's rule: the reason is the option minimization.MINnnn.justification (minimization.justification for the
                // whole family) in the same section, or in a globalconfig of the project; configuration comments do not count.
                var key = rule == "MIN*" ? SuppressionJustification.CategoryOptionKey : SuppressionJustification.OptionKey(rule);
                string? justification = null;
                if (!isGlobal)
                {
                    sections[sectionOf[i]].TryGetValue(key, out justification);
                }
                else
                {
                    sections.Any(section => section.TryGetValue(key, out justification));
                }

                if (!SuppressionJustification.IsReal(justification) && global.TryGetValue(key, out var fromGlobal))
                {
                    justification = fromGlobal;
                }

                var entry = Entry("analyzer-config", new List<string> { rule }, file, i + 1, justification, lines[i].Trim());
                entry.Severity = m.Groups[3].Value.ToLowerInvariant();
                Add(entry, project);
            }
        }

        private void ScanMsBuild(string project, string path, AnalyzerConfigOptions global)
        {
            var file = Paths.Relative(_root, path);
            if (!_scannedFiles.Add(path))
            {
                foreach (var e in _entries.Values.Where(e => e.File == file))
                {
                    AddProject(e, project);
                }

                return;
            }

            var content = File.ReadAllText(path);
            foreach (Match m in NoWarn.Matches(content))
            {
                var rules = m.Groups[1].Value.Split(new[] { ';', ',', ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(r => r.Trim().ToUpperInvariant())
                    .Where(r => RuleId.IsMatch(r))
                    .ToList();
                if (rules.Count == 0)
                {
                    continue;
                }

                var line = content.Take(m.Index).Count(c => c == '\n') + 1;
                Add(Entry("no-warn", rules, file, line, NoWarnJustification(rules, global), m.Value.Trim()), project);
            }
        }

        /// <summary>
        /// MIN013's rule for NoWarn: each rule's minimization.MINnnn.justification in a globalconfig of the project (an XML
        /// comment beside NoWarn does not reach the compiler). The reasons, when every rule has one; otherwise null.
        /// </summary>
        private static string? NoWarnJustification(List<string> rules, AnalyzerConfigOptions global)
        {
            var reasons = new List<string>();
            foreach (var rule in rules)
            {
                if (!global.TryGetValue(SuppressionJustification.OptionKey(rule), out var reason) || !SuppressionJustification.IsReal(reason))
                {
                    return null;
                }

                if (!reasons.Contains(reason.Trim()))
                {
                    reasons.Add(reason.Trim());
                }
            }

            return string.Join("; ", reasons);
        }

        private static IEnumerable<string> MsBuildFiles(string projectFile)
        {
            if (File.Exists(projectFile))
            {
                yield return projectFile;
            }

            for (var dir = Path.GetDirectoryName(projectFile); dir is not null; dir = Path.GetDirectoryName(dir))
            {
                foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets" })
                {
                    var candidate = Path.Combine(dir, name);
                    if (File.Exists(candidate))
                    {
                        yield return candidate;
                    }
                }
            }
        }

        private static SuppressionEntry Entry(string kind, List<string> rules, string file, int line, string? justification, string text)
        {
            justification = Clean(justification);
            return new SuppressionEntry
            {
                Kind = kind,
                Rules = rules,
                File = file,
                Line = line,
                Justification = justification,
                Justified = SuppressionJustification.IsReal(justification),
                Text = text,
            };
        }

        private void Add(SuppressionEntry entry, string project)
        {
            var key = entry.File + ":" + entry.Line + ":" + entry.Kind + ":" + entry.Text;
            if (_entries.TryGetValue(key, out var existing))
            {
                AddProject(existing, project);
                return;
            }

            AddProject(entry, project);
            _entries[key] = entry;
        }

        private static void AddProject(SuppressionEntry entry, string project)
        {
            if (!entry.Projects.Contains(project))
            {
                entry.Projects.Add(project);
                entry.Projects.Sort(StringComparer.Ordinal);
            }
        }

        private static string? CommentAfter(string line, string marker)
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            return at < 0 ? null : Clean(line.Substring(at + marker.Length));
        }

        private static string? Clean(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var t = Regex.Replace(text, @"\s+", " ").Trim();
            return t.Length == 0 ? null : t;
        }
    }
}
