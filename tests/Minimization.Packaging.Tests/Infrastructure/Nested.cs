using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

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

        /// <summary>
        /// Runs <c>dotnet</c> without node reuse or a build server (CI would otherwise keep them alive), with a private
        /// package folder when given, and kills the whole process tree on timeout.
        /// </summary>
        public static (int ExitCode, string Output) Dotnet(string workingDirectory, string arguments, TimeSpan timeout, string? nugetPackages = null)
        {
            var info = new ProcessStartInfo("dotnet", arguments + " -nodeReuse:false -p:UseSharedCompilation=false")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // The test host runs under `dotnet test`, whose MSBuild variables would point the nested build at the outer one.
            foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                info.Environment.Remove(name);
            }

            info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            if (nugetPackages is not null)
            {
                info.Environment["NUGET_PACKAGES"] = nugetPackages;
            }

            var output = new StringBuilder();
            using var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            var started = Stopwatch.StartNew();
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                lock (output)
                {
                    throw new TimeoutException("dotnet " + arguments + " did not finish in " + timeout + ":\n" + output);
                }
            }

            process.WaitForExit();
            lock (output)
            {
                output.AppendLine("[nested] dotnet " + arguments + " exited " + process.ExitCode + " after " + started.Elapsed.TotalSeconds.ToString("0.0") + " s");
                return (process.ExitCode, output.ToString());
            }
        }

        /// <summary>A fresh folder under the ignored <c>artifacts/</c> folder of the repository.</summary>
        public static string ScratchDirectory(string name)
        {
            var dir = Path("artifacts", "packaging-tests", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
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
