using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Minimization.Cli.Audit;
using Minimization.Cli.Reports;
using Minimization.Tests.Shared;
using Xunit;

namespace Minimization.Cli.Tests.Infrastructure
{
    /// <summary>
    /// The expensive runs, each made once and shared by every test: the audit of the samples (run as the README runs it,
    /// with no path), the audit of the generated solution, and the build of samples/Violations.
    /// </summary>
    public sealed class AuditFixture : IDisposable
    {
        private readonly Lazy<(CliResult Run, AuditReport Report)> _samples;
        private readonly Lazy<(CliResult Run, AuditReport Report)> _generated;
        private readonly Lazy<IReadOnlyCollection<string>> _violationsBuildErrors;
        private readonly Lazy<(CliResult Run, AuditReport Report)> _many;

        /// <summary>How many projects <see cref="Many"/> has: as many as CI audits in about a minute (see docs/audit.md for 1,000).</summary>
        public const int ManyProjects = 50;

        public AuditFixture()
        {
            Scratch = Repo.Scratch("audit");
            GeneratedDirectory = Path.Combine(Scratch, "generated");
            Directory.CreateDirectory(GeneratedDirectory);
            _samples = new Lazy<(CliResult, AuditReport)>(() => Parse(CliResult.Run(Repo.Root, "audit", "--format", "json")));
            _generated = new Lazy<(CliResult, AuditReport)>(() =>
            {
                GeneratedSolution.Write(GeneratedDirectory);
                GeneratedSolution.Restore(GeneratedDirectory);
                return Parse(CliResult.Run(GeneratedDirectory, "audit", GeneratedSolution.Solution, "--format", "json"));
            });
            _violationsBuildErrors = new Lazy<IReadOnlyCollection<string>>(BuildViolations);
            _many = new Lazy<(CliResult, AuditReport)>(() =>
            {
                var dir = Path.Combine(Scratch, "many");
                Directory.CreateDirectory(dir);
                GeneratedSolution.WriteMany(dir, ManyProjects);
                return Parse(CliResult.Run(dir, "audit", GeneratedSolution.ManySolution, "--format", "json"));
            });
        }

        public string Scratch { get; }

        public string GeneratedDirectory { get; }

        public CliResult SamplesRun => _samples.Value.Run;

        internal AuditReport Samples => _samples.Value.Report;

        public CliResult GeneratedRun => _generated.Value.Run;

        internal AuditReport Generated => _generated.Value.Report;

        public CliResult ManyRun => _many.Value.Run;

        internal AuditReport Many => _many.Value.Report;

        /// <summary>The build's MIN001 errors on samples/Violations, as <c>file:line</c>.</summary>
        public IReadOnlyCollection<string> ViolationsBuildErrors => _violationsBuildErrors.Value;

        public void Dispose() => Repo.TryDelete(Scratch);

        private static (CliResult, AuditReport) Parse(CliResult run)
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, run.Output);
                return (run, JsonReport.Load(path, "audit output"));
            }
            catch (AuditUsageException ex)
            {
                throw new InvalidOperationException(ex.Message + "\n" + run, ex);
            }
            finally
            {
                File.Delete(path);
            }
        }

        private IReadOnlyCollection<string> BuildViolations()
        {
            // A copy under artifacts/ still sees the repository's Directory.Build.props ($(RepoRoot)), and the build of the
            // copy cannot disturb the sample's own obj/ folder.
            var copy = Path.Combine(Scratch, "Violations");
            NestedDotnet.CopyDirectory(Repo.Path("samples", "Violations"), copy);
            // The referenced projects were built by the test run: not rebuilding them keeps this build off files that
            // other test projects' nested builds may be reading at the same time.
            var (_, output) = NestedDotnet.Run(copy, $"build -c {Repo.Configuration} -p:RepoRoot={Repo.Root}{Path.DirectorySeparatorChar} -p:BuildProjectReferences=false", TimeSpan.FromMinutes(5));
            var errors = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Match m in Regex.Matches(output, @"([\w.]+\.cs)\((\d+),\d+\): error (MIN\d{3})"))
            {
                errors.Add(m.Groups[1].Value + ":" + m.Groups[2].Value + ":" + m.Groups[3].Value);
            }

            if (errors.Count == 0)
            {
                throw new InvalidOperationException("the build of samples/Violations reported no MIN001:\n" + output);
            }

            return errors;
        }
    }

    [CollectionDefinition(Name)]
    public sealed class AuditCollection : ICollectionFixture<AuditFixture>
    {
        public const string Name = "audit runs";
    }
}
