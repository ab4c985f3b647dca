using System;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Minimization.Cli.Audit;
using Minimization.Cli.Baseline;
using Minimization.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Minimization.Cli
{
    /// <summary>What the commands write to and where they run: the real console, or a test's writers.</summary>
    internal sealed class CliIo
    {
        public CliIo(TextWriter output, TextWriter error, string workingDirectory)
        {
            Output = output;
            Error = error;
            WorkingDirectory = workingDirectory;
        }

        public TextWriter Output { get; }

        public TextWriter Error { get; }

        public string WorkingDirectory { get; }

        /// <summary>A Spectre console on <paramref name="writer"/>; colour only on a terminal.</summary>
        public static IAnsiConsole ConsoleOn(TextWriter writer, bool terminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(writer),
            });
            if (!terminal)
            {
                // A fixed width off a terminal: files, pipes and tests get the same layout every time.
                console.Profile.Width = 150;
            }

            return console;
        }
    }

    /// <summary>The command line: <c>minimization audit [path] [options]</c>, parsed by Spectre.Console.Cli.</summary>
    internal static class CliApp
    {
        public const int Clean = 0;
        public const int Findings = 1;
        public const int UsageOrLoadError = 2;

        public static int Run(string[] args, TextWriter output, TextWriter error, string workingDirectory)
        {
            var io = new CliIo(output, error, workingDirectory);
            var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            var app = new CommandApp();
            app.Configure(config =>
            {
                config.SetApplicationName("minimization");
                config.UseStrictParsing();
                config.SetApplicationVersion(typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
                config.ConfigureConsole(CliIo.ConsoleOn(output, terminal));
                config.AddCommand<AuditCommand>("audit")
                    .WithData(io)
                    .WithDescription("Report which identity reaches which partner, through which minimizer, which flows pass none, and every suppression of a Minimization rule.")
                    .WithExample("audit")
                    .WithExample("audit", "MySolution.sln", "--format", "markdown", "--output", "audit.md")
                    .WithExample("audit", "src/App/App.csproj", "--format", "json", "--compare", "audit-main.json", "--fail-on", "violations");
                config.AddCommand<BaselineCommand>("baseline")
                    .WithData(io)
                    .WithDescription("Write today's MIN001 findings to a baseline file: with it in AdditionalFiles they build as MIN017 warnings, every new finding stays an error.")
                    .WithExample("baseline", "src/App/App.csproj")
                    .WithExample("baseline", "MySolution.sln", "--output", "minimization.baseline.json");
                config.SetExceptionHandler((ex, _) =>
                {
                    error.WriteLine("minimization: " + OneLine(ex));
                    return UsageOrLoadError;
                });
            });

            try
            {
                return app.Run(args);
            }
            catch (Exception ex)
            {
                error.WriteLine("minimization: " + OneLine(ex));
                return UsageOrLoadError;
            }
        }

        private static string OneLine(Exception ex)
        {
            var inner = ex;
            while (inner is AggregateException { InnerException: { } next })
            {
                inner = next;
            }

            return Auditor.OneLine(inner is AuditUsageException or CommandAppException ? inner.Message : inner.GetType().Name + ": " + inner.Message);
        }
    }

    /// <summary>Options of <c>minimization audit</c>.</summary>
    internal sealed class AuditSettings : CommandSettings
    {
        [CommandArgument(0, "[path]")]
        [Description("A .sln, .slnx or .csproj, or a folder (its solution, else every project under it). Default: the repository's samples/ folder.")]
        public string? Path { get; set; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("console, markdown, json or sarif.")]
        [DefaultValue("console")]
        public string Format { get; set; } = "console";

        [CommandOption("-o|--output <FILE>")]
        [Description("Write the report to this file instead of standard output.")]
        public string? Output { get; set; }

        [CommandOption("--compare <EARLIER_JSON>")]
        [Description("An earlier audit in JSON: report what changed since (flows and partners added or removed, minimizers taken off, suppressions added).")]
        public string? Compare { get; set; }

        [CommandOption("--fail-on <LEVEL>")]
        [Description("Exit with 1 on: violations, unjustified-suppressions or any (both).")]
        public string? FailOn { get; set; }

        [CommandOption("-c|--configuration <CONFIGURATION>")]
        [Description("The build configuration whose analyzer and generator references are loaded.")]
        [DefaultValue("Release")]
        public string Configuration { get; set; } = "Release";

        public override ValidationResult Validate()
        {
            if (!ReportWriter.Formats.Contains(Format.ToLowerInvariant()))
            {
                return ValidationResult.Error($"unknown format '{Format}' (expected {string.Join(", ", ReportWriter.Formats)})");
            }

            if (FailOn is not null && FailOn.ToLowerInvariant() is not ("violations" or "unjustified-suppressions" or "any"))
            {
                return ValidationResult.Error($"unknown --fail-on level '{FailOn}' (expected violations, unjustified-suppressions or any)");
            }

            return ValidationResult.Success();
        }
    }

    /// <summary><c>minimization audit</c>: loads, analyzes, renders, compares and decides the exit code.</summary>
    internal sealed class AuditCommand : AsyncCommand<AuditSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, AuditSettings settings, CancellationToken cancellationToken)
        {
            var io = (CliIo)context.Data!;
            var target = settings.Path ?? FindSamples(io.WorkingDirectory)
                ?? throw new AuditUsageException("no path given and no samples/ folder here or above; name a .sln, .slnx, .csproj or folder");

            AuditReport? baseline = null;
            if (settings.Compare is not null)
            {
                baseline = JsonReport.Load(System.IO.Path.Combine(io.WorkingDirectory, settings.Compare), settings.Compare);
            }

            var errors = CliIo.ConsoleOn(io.Error, ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected);
            var report = await new Auditor(settings.Configuration).RunAsync(target, io.WorkingDirectory, new ConsoleProgress(errors), cancellationToken).ConfigureAwait(false);
            if (baseline is not null)
            {
                report.Comparison = Comparer.Compare(baseline, report, settings.Compare!);
            }

            var format = settings.Format.ToLowerInvariant();
            if (settings.Output is not null)
            {
                var path = System.IO.Path.Combine(io.WorkingDirectory, settings.Output);
                var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
                if (directory is not null)
                {
                    Directory.CreateDirectory(directory);
                }

                using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
                ReportWriter.Write(report, format, file, terminal: false);
                errors.MarkupLine("Report written to [bold]" + Markup.Escape(settings.Output) + "[/]");
            }
            else
            {
                ReportWriter.Write(report, format, io.Output, terminal: ReferenceEquals(io.Output, Console.Out) && !Console.IsOutputRedirected);
            }

            return ExitCode(report, settings.FailOn?.ToLowerInvariant(), io.Error);
        }

        internal static int ExitCode(AuditReport report, string? failOn, TextWriter error)
        {
            if (report.LoadFailures.Count > 0)
            {
                var first = report.LoadFailures[0];
                error.WriteLine($"minimization: {report.LoadFailures.Count} project(s) failed to load; first: {first.Path}: {first.Reason}");
                return CliApp.UsageOrLoadError;
            }

            var violations = failOn is "violations" or "any" && report.Totals.Violations > 0;
            var unjustified = failOn is "unjustified-suppressions" or "any" && report.Totals.UnjustifiedSuppressions > 0;
            if (violations || unjustified)
            {
                var reasons = new[]
                {
                    violations ? $"{report.Totals.Violations} violation(s)" : null,
                    unjustified ? $"{report.Totals.UnjustifiedSuppressions} unjustified suppression(s)" : null,
                }.Where(r => r is not null);
                error.WriteLine("minimization: " + string.Join(" and ", reasons) + " (--fail-on " + failOn + ")");
                return CliApp.Findings;
            }

            return CliApp.Clean;
        }

        /// <summary>The repository's samples/ folder: here, or in a folder above.</summary>
        internal static string? FindSamples(string workingDirectory)
        {
            for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
            {
                if (string.Equals(dir.Name, "samples", StringComparison.Ordinal))
                {
                    return dir.FullName;
                }

                var candidate = System.IO.Path.Combine(dir.FullName, "samples");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    /// <summary>One line per project on standard error, so that standard output stays the report alone.</summary>
    internal sealed class ConsoleProgress : IAuditProgress
    {
        private readonly IAnsiConsole _console;

        public ConsoleProgress(IAnsiConsole console) => _console = console;

        public void Loading(string target) => _console.MarkupLine("[grey]Loading[/] " + Markup.Escape(target) + " [grey]…[/]");

        public void Loaded(int projects) => _console.MarkupLine($"[grey]{projects} project(s) loaded[/]");

        public void ProjectStarted(string name, int index, int count) => _console.Markup($"[grey][[{index}/{count}]][/] {Markup.Escape(name)} ");

        public void ProjectDone(string name, string status)
            => _console.MarkupLine(status switch
            {
                "analyzed" => "[green]analyzed[/]",
                "failed" => "[red]failed[/]",
                _ => "[yellow]" + Markup.Escape(status) + "[/]",
            });
    }

    /// <summary>Options of <c>minimization baseline</c>.</summary>
    internal sealed class BaselineSettings : CommandSettings
    {
        [CommandArgument(0, "<path>")]
        [Description("A .sln, .slnx or .csproj, or a folder (its solution, else every project under it).")]
        public string Path { get; set; } = "";

        [CommandOption("-o|--output <FILE>")]
        [Description("The baseline to write. Default: minimization.baseline.json in the folder of the path. An existing baseline keeps its justifications.")]
        public string? Output { get; set; }

        [CommandOption("-c|--configuration <CONFIGURATION>")]
        [Description("The build configuration whose analyzer and generator references are loaded.")]
        [DefaultValue("Release")]
        public string Configuration { get; set; } = "Release";
    }

    /// <summary><c>minimization baseline</c>: the audit's analysis, written as the list of accepted findings.</summary>
    internal sealed class BaselineCommand : AsyncCommand<BaselineSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, BaselineSettings settings, CancellationToken cancellationToken)
        {
            var io = (CliIo)context.Data!;
            var target = System.IO.Path.Combine(io.WorkingDirectory, settings.Path);
            var folder = Directory.Exists(target) ? target : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target)) ?? io.WorkingDirectory;
            var output = settings.Output is null
                ? System.IO.Path.Combine(folder, BaselineWriter.FileName)
                : System.IO.Path.Combine(io.WorkingDirectory, settings.Output);
            var display = Paths.Display(io.WorkingDirectory, output);
            var justifications = BaselineWriter.ReadJustifications(output, display);

            var findings = new System.Collections.Generic.List<Microsoft.CodeAnalysis.Diagnostic>();
            var auditor = new Auditor(settings.Configuration)
            {
                Observer = (_, d) =>
                {
                    lock (findings)
                    {
                        findings.Add(d);
                    }
                },
            };
            var errors = CliIo.ConsoleOn(io.Error, ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected);
            var report = await auditor.RunAsync(settings.Path, io.WorkingDirectory, new ConsoleProgress(errors), cancellationToken).ConfigureAwait(false);
            if (report.LoadFailures.Count > 0)
            {
                var first = report.LoadFailures[0];
                io.Error.WriteLine($"minimization: {report.LoadFailures.Count} project(s) failed to load; first: {first.Path}: {first.Reason}; no baseline written");
                return CliApp.UsageOrLoadError;
            }

            var entries = BaselineWriter.Entries(findings, justifications);
            var removed = BaselineWriter.CountRemoved(output, entries);
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(output));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(output, BaselineWriter.Render(entries), new System.Text.UTF8Encoding(false));
            var kept = entries.Count(e => e.Justification.Length > 0);
            io.Output.WriteLine($"{entries.Count} accepted finding(s) written to {display} ({kept} with a justification, {entries.Count - kept} to justify; {removed} no longer found and dropped)");
            if (entries.Count > 0)
            {
                io.Output.WriteLine("Add it to the projects as <AdditionalFiles Include=\"" + System.IO.Path.GetFileName(output) + "\" /> and write each justification.");
            }

            return CliApp.Clean;
        }
    }
}
