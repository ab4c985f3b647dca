using System.IO;
using Minimization.Tests.Shared;

namespace Minimization.Cli.Tests.Infrastructure
{
    /// <summary>The repository this test runs in, its build configuration, and scratch folders under the ignored artifacts/.</summary>
    public static class Repo
    {
        public static string Root { get; } = RepositoryLayout.FindRoot();

        public static string Configuration { get; } = RepositoryLayout.Metadata(typeof(Repo).Assembly, "BuildConfiguration");

        public static string Version { get; } = RepositoryLayout.Metadata(typeof(Repo).Assembly, "MinimizationVersion");

        public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

        public static string Scratch(string name) => RepositoryLayout.Scratch(Root, "cli-tests", name);

        public static void TryDelete(string dir) => RepositoryLayout.TryDelete(dir);
    }

    /// <summary>One in-process run of the command line, with what it wrote to each stream.</summary>
    public sealed class CliResult
    {
        public CliResult(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
        }

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }

        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";

        public static CliResult Run(string workingDirectory, params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = CliApp.Run(args, output, error, workingDirectory);
            return new CliResult(code, output.ToString(), error.ToString());
        }
    }
}
