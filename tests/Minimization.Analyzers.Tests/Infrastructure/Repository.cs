using System;
using System.IO;

namespace Minimization.Analyzers.Tests
{
    /// <summary>Finds the repository and runs nested <c>dotnet</c> builds the way CI needs them (no node reuse, no build server).</summary>
    public static class Repository
    {
        public static string Root { get; } = FindRoot();

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

        public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

        /// <summary>Runs <c>dotnet</c> with the given arguments; returns the exit code and the combined output.</summary>
        public static (int ExitCode, string Output) Dotnet(string workingDirectory, string arguments, TimeSpan timeout, string? nugetPackages = null)
            => Minimization.Tests.Shared.NestedDotnet.Run(workingDirectory, arguments, timeout, nugetPackages);

        /// <summary>A fresh folder under the ignored <c>artifacts/</c> folder, so that Directory.Build.props and central versions apply.</summary>
        public static string ScratchDirectory(string name)
        {
            var dir = Path("artifacts", "e2e", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

        public static void CopyDirectory(string from, string to) => Minimization.Tests.Shared.NestedDotnet.CopyDirectory(from, to);
    }
}
