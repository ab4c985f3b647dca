using System;

namespace Minimization.Packaging.Tests.Infrastructure
{
    /// <summary>The repository, its release version, and nested <c>dotnet</c> processes run the way CI needs them.</summary>
    public static class Nested
    {
        public static string Root { get; } = Minimization.Tests.Shared.RepositoryLayout.FindRoot();

        /// <summary>The version every package carries, as Directory.Build.props sets it.</summary>
        public static string Version { get; } = Minimization.Tests.Shared.RepositoryLayout.Metadata(typeof(Nested).Assembly, "MinimizationVersion");

        /// <summary>The configuration these tests were built in; the repository's projects were built in it too.</summary>
        public static string Configuration { get; } = Minimization.Tests.Shared.RepositoryLayout.Metadata(typeof(Nested).Assembly, "BuildConfiguration");

        public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

        /// <summary>Runs <c>dotnet</c> the way CI needs it (see <see cref="Minimization.Tests.Shared.NestedDotnet"/>).</summary>
        public static (int ExitCode, string Output) Dotnet(string workingDirectory, string arguments, TimeSpan timeout, string? nugetPackages = null)
            => Minimization.Tests.Shared.NestedDotnet.Run(workingDirectory, arguments, timeout, nugetPackages);

        /// <summary>A fresh folder under the ignored <c>artifacts/</c> folder of the repository.</summary>
        public static string ScratchDirectory(string name) => Minimization.Tests.Shared.RepositoryLayout.Scratch(Root, "packaging-tests", name);

        public static void CopyDirectory(string from, string to) => Minimization.Tests.Shared.NestedDotnet.CopyDirectory(from, to);

        /// <summary>Deletes a scratch folder unless MINIMIZATION_KEEP_SCRATCH=1 asks to keep it for a post-mortem.</summary>
        public static void TryDelete(string dir) => Minimization.Tests.Shared.RepositoryLayout.TryDelete(dir);
    }
}
