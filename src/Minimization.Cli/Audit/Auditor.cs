using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Minimization.Analyzers;

namespace Minimization.Cli.Audit
{
    /// <summary>Progress of an audit, one project at a time (the console shows it on standard error).</summary>
    internal interface IAuditProgress
    {
        void Loading(string target);

        void Loaded(int projects);

        void ProjectStarted(string name, int index, int count);

        void ProjectDone(string name, string status);
    }

    /// <summary>A target that cannot be audited at all: the one-line reason is the whole message.</summary>
    internal sealed class AuditUsageException : Exception
    {
        public AuditUsageException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Opens a solution, a project or a folder with MSBuildWorkspace, runs the product's analyzers on each C# project's
    /// compilation (the same assembly the build loads, with <c>minimization.report_minimized_flows</c> on) and turns
    /// MIN001 and MIN016 into the inventory.
    /// </summary>
    internal sealed class Auditor
    {
        private static readonly object LocatorGate = new object();

        private readonly string _configuration;

        public Auditor(string configuration)
        {
            _configuration = configuration;
        }

        /// <summary>Sees every MIN diagnostic of every analyzed project (the baseline writer reads MIN001 and MIN017 through it).</summary>
        public Action<string, Diagnostic>? Observer { get; set; }

        /// <summary>Resolves what to open: a .sln/.slnx/.csproj file, or a folder (its one solution, else every project under it).</summary>
        public static (string Root, IReadOnlyList<string> Files, bool IsSolution) Resolve(string path, string target)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                var ext = Path.GetExtension(full).ToLowerInvariant();
                if (ext is ".sln" or ".slnx")
                {
                    return (Path.GetDirectoryName(full)!, new[] { full }, true);
                }

                if (ext == ".csproj")
                {
                    return (Path.GetDirectoryName(full)!, new[] { full }, false);
                }

                throw new AuditUsageException($"'{target}' is not a C# solution or project (expected .sln, .slnx or .csproj, or a folder)");
            }

            if (!Directory.Exists(full))
            {
                throw new AuditUsageException($"'{target}' does not exist");
            }

            var solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (solutions.Count == 1)
            {
                return (full, solutions, true);
            }

            var projects = FindProjects(full).ToList();
            if (projects.Count == 0)
            {
                var other = Directory.EnumerateFiles(full, "*.*proj", SearchOption.AllDirectories).Any();
                throw new AuditUsageException(other
                    ? $"'{target}' holds no C# project (only projects of other languages)"
                    : $"'{target}' holds no solution and no .csproj");
            }

            return (full, projects, false);
        }

        private static IEnumerable<string> FindProjects(string folder)
        {
            var pending = new Stack<string>();
            pending.Push(folder);
            var found = new List<string>();
            while (pending.Count > 0)
            {
                var dir = pending.Pop();
                found.AddRange(Directory.GetFiles(dir, "*.csproj"));
                foreach (var sub in Directory.GetDirectories(dir))
                {
                    var name = Path.GetFileName(sub);
                    if (name.StartsWith(".", StringComparison.Ordinal) || name is "bin" or "obj" or "node_modules" or "artifacts")
                    {
                        continue;
                    }

                    pending.Push(sub);
                }
            }

            return found.OrderBy(f => f, StringComparer.Ordinal);
        }

        public async Task<AuditReport> RunAsync(string target, string workingDirectory, IAuditProgress progress, CancellationToken cancellationToken)
        {
            var (root, files, isSolution) = Resolve(Path.Combine(workingDirectory, target), target);
            var displayTarget = Paths.Display(workingDirectory, Path.Combine(workingDirectory, target));
            EnsureMsBuild();
            var report = new AuditReport { Target = displayTarget, Root = Paths.Display(workingDirectory, root) };
            report.Tool.Version = typeof(Auditor).Assembly.GetName().Version?.ToString(3) ?? "";

            var properties = new Dictionary<string, string>
            {
                ["Configuration"] = _configuration,
                // Design-time evaluation only: no build is needed to list documents and references.
                ["DesignTimeBuild"] = "true",
            };
            using var workspace = MSBuildWorkspace.Create(properties);
            var failures = new List<string>();
            workspace.RegisterWorkspaceFailedHandler(e =>
            {
                if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                {
                    lock (failures)
                    {
                        failures.Add(e.Diagnostic.Message);
                    }
                }
            });

            progress.Loading(displayTarget);
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (isSolution)
                    {
                        await workspace.OpenSolutionAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    else if (!workspace.CurrentSolution.Projects.Any(p => SamePath(p.FilePath, file)))
                    {
                        await workspace.OpenProjectAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    report.LoadFailures.Add(new LoadFailure { Path = Paths.Relative(root, file), Reason = OneLine(ex.Message) });
                }
            }

            var solution = workspace.CurrentSolution;
            var projects = solution.Projects.OrderBy(p => p.FilePath ?? p.Name, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
            progress.Loaded(projects.Count);
            var suppressions = new SuppressionScanner(root);
            var index = 0;
            foreach (var project in projects)
            {
                cancellationToken.ThrowIfCancellationRequested();
                index++;
                progress.ProjectStarted(project.Name, index, projects.Count);
                var entry = new ProjectEntry { Name = project.Name, Path = Paths.Relative(root, project.FilePath ?? project.Name), Documents = project.DocumentIds.Count };
                report.Projects.Add(entry);
                var failure = failures.FirstOrDefault(f => project.FilePath is not null && f.IndexOf(project.FilePath, StringComparison.OrdinalIgnoreCase) >= 0);
                if (!isSolution && project.FilePath is not null && IsOutside(root, project.FilePath) && !files.Any(f => SamePath(project.FilePath, f)))
                {
                    // A project the audited ones reference, outside the audited folder: its own audit is its own.
                    entry.Status = "skipped";
                    entry.Reason = "referenced project outside the audited folder";
                }
                else if (project.Language != LanguageNames.CSharp)
                {
                    entry.Status = "skipped";
                    entry.Reason = "not C# (" + project.Language + ")";
                }
                else if (failure is not null && project.DocumentIds.Count == 0)
                {
                    entry.Status = "failed";
                    entry.Reason = OneLine(failure);
                }
                else
                {
                    try
                    {
                        await AnalyzeAsync(project, entry, report, root, suppressions, Observer, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        entry.Status = "failed";
                        entry.Reason = OneLine(ex.GetType().Name + ": " + ex.Message);
                    }
                }

                progress.ProjectDone(project.Name, entry.Status);
            }

            foreach (var f in failures)
            {
                if (!projects.Any(p => p.FilePath is not null && f.IndexOf(p.FilePath, StringComparison.OrdinalIgnoreCase) >= 0 && p.DocumentIds.Count > 0)
                    && !report.LoadFailures.Any(l => f.Contains(l.Path, StringComparison.OrdinalIgnoreCase)))
                {
                    report.LoadFailures.Add(new LoadFailure { Path = FailurePath(root, f), Reason = OneLine(Paths.Scrub(root, f)) });
                }
            }

            foreach (var p in report.Projects.Where(p => p.Status == "failed"))
            {
                if (!report.LoadFailures.Any(l => l.Path == p.Path))
                {
                    report.LoadFailures.Add(new LoadFailure { Path = p.Path, Reason = p.Reason ?? "failed" });
                }
            }

            report.Suppressions.AddRange(suppressions.Results());
            ReportBuilder.Finish(report);
            return report;
        }

        private static async Task AnalyzeAsync(Project project, ProjectEntry entry, AuditReport report, string root, SuppressionScanner suppressions, Action<string, Diagnostic>? observer, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                entry.Status = "failed";
                entry.Reason = "no compilation";
                return;
            }

            entry.Annotated = !compilation.GetTypesByMetadataName("Minimization.IdentityBearingAttribute").IsEmpty;
            var original = compilation.Options;

            // Every rule at its default severity for the analysis itself: a rule switched off in .editorconfig or <NoWarn>
            // still shows its flows, marked suppressed. What the build would have reported is decided below from the
            // project's own options.
            var neutralOptions = original.WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty).WithGeneralDiagnosticOption(ReportDiagnostic.Default);
            if (original.SyntaxTreeOptionsProvider is { } treeOptions)
            {
                neutralOptions = neutralOptions.WithSyntaxTreeOptionsProvider(new NeutralTreeOptions(treeOptions));
            }

            var neutral = compilation.WithOptions(neutralOptions);
            var analyzerOptions = new AnalyzerOptions(project.AnalyzerOptions.AdditionalFiles, new AuditOptionsProvider(project.AnalyzerOptions.AnalyzerConfigOptionsProvider));
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new IdentityFlowAnalyzer(), new PolicyAnalyzer());
            var withAnalyzers = neutral.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
            var all = await withAnalyzers.GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            var compileErrors = all.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("MIN", StringComparison.Ordinal) && !d.IsSuppressed).ToList();
            entry.CompileErrors = compileErrors.Count;

            entry.Status = "analyzed";
            if (entry.CompileErrors > 0)
            {
                entry.Reason = entry.CompileErrors + " compile error(s) (is it restored and built?): flows through code that does not compile may be missing";
            }
            else if (!entry.Annotated)
            {
                entry.Reason = "does not reference Minimization.Annotations: only recognized attributes and configured sources and sinks apply";
            }

            suppressions.Scan(project, compilation, original, cancellationToken);
            var severity = new EffectiveSeverity(compilation, original, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
            foreach (var d in all.Where(d => d.Id.StartsWith("MIN", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceTree?.FilePath ?? "", StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.GetMessage(), StringComparer.Ordinal))
            {
                observer?.Invoke(project.Name, d);
                switch (d.Id)
                {
                    case RuleIdentifiers.MinimizedFlow:
                        report.Flows.Add(ReportBuilder.Flow(d, project.Name, root, "minimized", null));
                        break;
                    case RuleIdentifiers.IdentityReachesPartner:
                        foreach (var flow in ReportBuilder.Violations(d, project.Name, root))
                        {
                            var by = d.IsSuppressed ? suppressions.SuppressedBy(d) : severity.SwitchedOffBy(d);
                            if (by is not null)
                            {
                                flow.Status = "suppressed-violation";
                                flow.SuppressedBy = by;
                            }

                            report.Flows.Add(flow);
                        }

                        break;
                    case RuleIdentifiers.BaselinedFinding:
                        // A violation the project's baseline accepts: listed with the others, never hidden (docs/audit.md).
                        foreach (var flow in ReportBuilder.Violations(d, project.Name, root))
                        {
                            flow.Status = "suppressed-violation";
                            flow.SuppressedBy = "baseline";
                            report.Flows.Add(flow);
                        }

                        break;
                    default:
                        if (!d.IsSuppressed && severity.Of(d) != ReportDiagnostic.Suppress)
                        {
                            report.Diagnostics.Add(new DiagnosticEntry
                            {
                                Id = d.Id,
                                Severity = d.Severity.ToString().ToLowerInvariant(),
                                Message = Paths.Scrub(root, d.GetMessage()),
                                Project = project.Name,
                                Location = Paths.Of(root, d.Location),
                            });
                        }

                        break;
                }
            }
        }

        private static string FailurePath(string root, string message)
        {
            var start = message.IndexOf(root, StringComparison.OrdinalIgnoreCase);
            if (start < 0)
            {
                return "(workspace)";
            }

            var end = message.IndexOfAny(new[] { '\'', '"', ' ', ':' }, start + root.Length);
            var path = end < 0 ? message.Substring(start) : message.Substring(start, end - start);
            return Paths.Relative(root, path.TrimEnd('.'));
        }

        private static bool IsOutside(string root, string path)
        {
            var relative = Paths.Relative(root, path);
            return Path.IsPathRooted(relative) || relative.StartsWith("../", StringComparison.Ordinal);
        }

        private static bool SamePath(string? a, string b) => a is not null && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

        internal static string OneLine(string text)
        {
            var line = text.Replace("\r", " ").Replace("\n", " ").Trim();
            return line.Length > 400 ? line.Substring(0, 400) + "…" : line;
        }

        internal static void EnsureMsBuild()
        {
            lock (LocatorGate)
            {
                if (MSBuildLocator.IsRegistered || !MSBuildLocator.CanRegister)
                {
                    return;
                }

                var instance = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(i => i.Version).FirstOrDefault()
                    ?? throw new AuditUsageException("no .NET SDK with MSBuild was found; install the .NET SDK 10.0");
                MSBuildLocator.RegisterInstance(instance);
            }
        }
    }

    /// <summary>The project's analyzer options, with the audit's one addition: minimized flows are reported.</summary>
    internal sealed class AuditOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptionsProvider _inner;
        private readonly AnalyzerConfigOptions _global;

        public AuditOptionsProvider(AnalyzerConfigOptionsProvider inner)
        {
            _inner = inner;
            _global = new WithMinimizedFlows(inner.GlobalOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new WithoutSeverities(_inner.GetOptions(tree));

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _inner.GetOptions(textFile);

        /// <summary>Severity entries (category-wide ones included) are the build's business, not the audit's: they are read separately.</summary>
        private class WithoutSeverities : AnalyzerConfigOptions
        {
            private readonly AnalyzerConfigOptions _inner;

            public WithoutSeverities(AnalyzerConfigOptions inner) => _inner = inner;

            public override IEnumerable<string> Keys => _inner.Keys.Where(k => !IsSeverity(k));

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                if (IsSeverity(key))
                {
                    value = null;
                    return false;
                }

                return _inner.TryGetValue(key, out value);
            }

            private static bool IsSeverity(string key)
                => key.StartsWith("dotnet_analyzer_diagnostic.", StringComparison.OrdinalIgnoreCase)
                   || (key.StartsWith("dotnet_diagnostic.MIN", StringComparison.OrdinalIgnoreCase) && key.EndsWith(".severity", StringComparison.OrdinalIgnoreCase));
        }

        private sealed class WithMinimizedFlows : WithoutSeverities
        {
            private const string Key = "minimization.report_minimized_flows";

            public WithMinimizedFlows(AnalyzerConfigOptions inner)
                : base(inner)
            {
            }

            public override IEnumerable<string> Keys => base.Keys.Append(Key);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                if (string.Equals(key, Key, StringComparison.Ordinal))
                {
                    value = "true";
                    return true;
                }

                return base.TryGetValue(key, out value);
            }
        }
    }

    /// <summary>The project's per-file options without their Minimization severities: the audit sees every rule at its default.</summary>
    internal sealed class NeutralTreeOptions : SyntaxTreeOptionsProvider
    {
        private readonly SyntaxTreeOptionsProvider _inner;

        public NeutralTreeOptions(SyntaxTreeOptionsProvider inner) => _inner = inner;

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => _inner.IsGenerated(tree, cancellationToken);

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            if (diagnosticId.StartsWith("MIN", StringComparison.Ordinal))
            {
                severity = ReportDiagnostic.Default;
                return false;
            }

            return _inner.TryGetDiagnosticValue(tree, diagnosticId, cancellationToken, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            if (diagnosticId.StartsWith("MIN", StringComparison.Ordinal))
            {
                severity = ReportDiagnostic.Default;
                return false;
            }

            return _inner.TryGetGlobalDiagnosticValue(diagnosticId, cancellationToken, out severity);
        }
    }
}
