using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Minimization.Cli.Tests.Infrastructure
{
    /// <summary>The repository this test runs in, its build configuration, and scratch folders under the ignored artifacts/.</summary>
    public static class Repo
    {
        public static string Root { get; } = FindRoot();

        public static string Configuration { get; } = Metadata("BuildConfiguration");

        public static string Version { get; } = Metadata("MinimizationVersion");

        public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

        public static string Scratch(string name)
        {
            var dir = Path("artifacts", "cli-tests", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

        public static void TryDelete(string dir)
        {
            if (Environment.GetEnvironmentVariable("MINIMIZATION_KEEP_SCRATCH") == "1")
            {
                return;
            }

            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "MinimizationAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("MinimizationAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }

        private static string Metadata(string key)
            => typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
               ?? throw new InvalidOperationException("No assembly metadata " + key);
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
