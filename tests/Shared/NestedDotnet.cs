using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Minimization.Tests.Shared
{
    /// <summary>
    /// Nested <c>dotnet</c> runs the way CI needs them, shared by every test project that builds or packs (linked into each,
    /// so there is one copy): no node reuse, no build server, no MSBuild variables inherited from the outer `dotnet test`,
    /// an optional private package folder, and the whole process tree killed on timeout.
    /// </summary>
    internal static class NestedDotnet
    {
        public static (int ExitCode, string Output) Run(string workingDirectory, string arguments, TimeSpan timeout, string? nugetPackages = null)
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

        /// <summary>Copies a project folder without its build outputs.</summary>
        public static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            }

            foreach (var dir in Directory.GetDirectories(from))
            {
                var name = Path.GetFileName(dir);
                if (name is "bin" or "obj")
                {
                    continue;
                }

                CopyDirectory(dir, Path.Combine(to, name));
            }
        }
    }
}
