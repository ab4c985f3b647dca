using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Minimization.Packaging.Tests.Infrastructure
{
    /// <summary>The repository, its release version, and nested <c>dotnet</c> processes run the way CI needs them.</summary>
    public static class Nested
    {
        public static string Root { get; } = FindRoot();

        /// <summary>The version every package carries, as Directory.Build.props sets it.</summary>
        public static string Version { get; } = Metadata("MinimizationVersion");

        /// <summary>The configuration these tests were built in; the repository's projects were built in it too.</summary>
        public static string Configuration { get; } = Metadata("BuildConfiguration");

        public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

        /// <summary>Runs <c>dotnet</c> the way CI needs it (see <see cref="Minimization.Tests.Shared.NestedDotnet"/>).</summary>
        public static (int ExitCode, string Output) Dotnet(string workingDirectory, string arguments, TimeSpan timeout, string? nugetPackages = null)
            => Minimization.Tests.Shared.NestedDotnet.Run(workingDirectory, arguments, timeout, nugetPackages);

        /// <summary>A fresh folder under the ignored <c>artifacts/</c> folder of the repository.</summary>
        public static string ScratchDirectory(string name)
        {
            var dir = Path("artifacts", "packaging-tests", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

        public static void CopyDirectory(string from, string to) => Minimization.Tests.Shared.NestedDotnet.CopyDirectory(from, to);

        /// <summary>Deletes a scratch folder unless MINIMIZATION_KEEP_SCRATCH=1 asks to keep it for a post-mortem.</summary>
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
            => typeof(Nested).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
               ?? throw new InvalidOperationException("No assembly metadata " + key);
    }
}
