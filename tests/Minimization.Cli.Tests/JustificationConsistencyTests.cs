using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Minimization.Analyzers;
using Minimization.Cli.Audit;
using Minimization.Cli.Tests.Infrastructure;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>The audit's "justified" and MIN013's silence are one verdict, for every kind of suppression.</summary>
    [Collection(AuditCollection.Name)]
    public class JustificationConsistencyTests
    {
        private readonly AuditFixture _fixture;

        public JustificationConsistencyTests(AuditFixture fixture) => _fixture = fixture;

        [Fact]
        public async Task Every_suppression_the_audit_calls_unjustified_is_one_MIN013_reports_and_no_other()
        {
            var suppressions = _fixture.Generated.Suppressions;
            Auditor.EnsureMsBuild();
            var min013 = await Min013(Path.Combine(_fixture.GeneratedDirectory, GeneratedSolution.Solution));

            // The sample holds every kind, justified and not.
            Assert.Equal(new[] { "analyzer-config", "no-warn", "pragma", "suppress-message" }, suppressions.Select(s => s.Kind).Distinct().OrderBy(k => k, StringComparer.Ordinal));
            Assert.Contains(suppressions, s => s.Justified);
            Assert.Contains(suppressions, s => !s.Justified);

            var matched = new HashSet<(string, string)>();
            foreach (var s in suppressions)
            {
                foreach (var project in s.Projects)
                {
                    var reports = min013.Where(d => d.Project == project && Reports(d, s)).ToList();
                    Assert.True(reports.Count > 0 == !s.Justified, $"{s.Kind} {s.File}:{s.Line} in {project}: the audit says {(s.Justified ? "justified" : "unjustified")}, MIN013 reported {reports.Count}\n" + string.Join("\n", min013.Select(d => d.Project + ": " + d.File + ":" + d.Line + " " + d.Message)));
                    reports.ForEach(d => matched.Add((d.Project, d.Message)));
                }
            }

            // And MIN013 reports nothing the audit does not list.
            Assert.All(min013, d => Assert.Contains((d.Project, d.Message), matched));
        }

        private static bool Reports((string Project, string? File, int Line, string Message) d, SuppressionEntry s) => s.Kind switch
        {
            "pragma" or "suppress-message" => d.File == s.File && d.Line == s.Line,
            "analyzer-config" => d.File == null && s.Rules.Any(r => d.Message.Contains(r == "MIN*" ? "category-Minimization.severity" : "dotnet_diagnostic." + r + ".severity", StringComparison.OrdinalIgnoreCase)),
            _ => d.File == null && s.Rules.Any(r => d.Message.Contains("NoWarn " + r, StringComparison.Ordinal)),
        };

        /// <summary>MIN013 as the build runs it: each project's own options, the analyzer alone.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static async Task<List<(string Project, string? File, int Line, string Message)>> Min013(string solutionPath)
        {
            var root = Path.GetDirectoryName(solutionPath)!;
            using var workspace = MSBuildWorkspace.Create(new Dictionary<string, string> { ["Configuration"] = Repo.Configuration, ["DesignTimeBuild"] = "true" });
            var solution = await workspace.OpenSolutionAsync(solutionPath);
            var found = new List<(string, string?, int, string)>();
            foreach (var project in solution.Projects)
            {
                var compilation = await project.GetCompilationAsync();
                if (compilation is null)
                {
                    continue;
                }

                var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SuppressionAnalyzer()), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
                foreach (var d in diagnostics.Where(d => d.Id == "MIN013"))
                {
                    var file = d.Location.SourceTree?.FilePath is { Length: > 0 } path ? Path.GetRelativePath(root, path).Replace('\\', '/') : null;
                    found.Add((project.Name, file, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.GetMessage()));
                }
            }

            return found;
        }
    }
}
