using System;
using System.Diagnostics;
using System.IO;
using System.Text;

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
        {
            var info = new ProcessStartInfo("dotnet", arguments + " -nodeReuse:false -p:UseSharedCompilation=false")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            if (nugetPackages is not null)
            {
                info.Environment["NUGET_PACKAGES"] = nugetPackages;
            }

            var output = new StringBuilder();
            using var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet " + arguments + " did not finish in " + timeout + ":\n" + output);
            }

            process.WaitForExit();
            lock (output)
            {
                return (process.ExitCode, output.ToString());
            }
        }

        /// <summary>A fresh folder under the ignored <c>artifacts/</c> folder, so that Directory.Build.props and central versions apply.</summary>
        public static string ScratchDirectory(string name)
        {
            var dir = Path("artifacts", "e2e", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

        public static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
            {
                File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)), overwrite: true);
            }

            foreach (var dir in Directory.GetDirectories(from))
            {
                var name = System.IO.Path.GetFileName(dir);
                if (name is "bin" or "obj")
                {
                    continue;
                }

                CopyDirectory(dir, System.IO.Path.Combine(to, name));
            }
        }
    }
}
