using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Minimization.Tests.Shared
{
    /// <summary>
    /// The repository a test runs in, the build metadata its project stamps on the test assembly, and scratch folders under
    /// the ignored <c>artifacts/</c> folder: shared by the test projects that build, pack or audit (linked into each).
    /// </summary>
    internal static class RepositoryLayout
    {
        /// <summary>The folder holding MinimizationAnalyzers.sln, above the test's output folder.</summary>
        public static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MinimizationAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("MinimizationAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }

        /// <summary>An <see cref="AssemblyMetadataAttribute"/> value the test project sets (BuildConfiguration, MinimizationVersion).</summary>
        public static string Metadata(Assembly assembly, string key)
            => assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
               ?? throw new InvalidOperationException("No assembly metadata " + key);

        /// <summary>A fresh folder <c>artifacts/&lt;area&gt;/&lt;name&gt;-&lt;random&gt;</c> of the repository.</summary>
        public static string Scratch(string root, string area, string name)
        {
            var dir = Path.Combine(root, "artifacts", area, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

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
    }
}
