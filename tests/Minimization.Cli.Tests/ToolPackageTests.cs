using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json.Nodes;
using Minimization.Cli.Tests.Infrastructure;
using Minimization.Tests.Shared;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>The packed .nupkg installs with <c>dotnet tool install --tool-path</c> from a local folder and runs.</summary>
    [Collection(AuditCollection.Name)]
    public class ToolPackageTests
    {
        private readonly AuditFixture _fixture;

        public ToolPackageTests(AuditFixture fixture) => _fixture = fixture;

        [Fact]
        public void Packed_tool_installs_from_the_local_feed_and_audits_a_project()
        {
            var work = Path.Combine(_fixture.Scratch, "tool");
            var feed = Path.Combine(work, "feed");
            var tools = Path.Combine(work, "tools");
            var packages = Path.Combine(work, "packages");
            Directory.CreateDirectory(feed);

            // The CLI was built by the test run in this configuration: pack what the other tests ran against. The tool's publish
            // folder and nuspec go to this test's folder, so a concurrent pack of the solution (the packaging tests) cannot collide.
            var (packed, packOutput) = NestedDotnet.Run(
                Repo.Root,
                $"pack src/Minimization.Cli/Minimization.Cli.csproj -c {Repo.Configuration} --no-build -o \"{feed}\" -p:PublishDir=\"{Path.Combine(work, "publish")}/\" -p:NuspecOutputPath=\"{Path.Combine(work, "nuspec")}/\"",
                TimeSpan.FromMinutes(5));
            Assert.True(packed == 0, packOutput);
            Assert.True(File.Exists(Path.Combine(feed, "Minimization.Cli." + Repo.Version + ".nupkg")), packOutput);

            // Only the local feed: the install must not need any other source.
            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var (installed, installOutput, installError) = Run("dotnet", $"tool install Minimization.Cli --version {Repo.Version} --tool-path \"{tools}\" --configfile \"{Path.Combine(work, "nuget.config")}\"", work, packages);
            Assert.True(installed == 0, installOutput + installError);

            var shop = Path.Combine(_fixture.GeneratedDirectory, "Shop", "Shop.csproj");
            _ = _fixture.Generated; // the generated solution is written and restored
            var (exit, output, error) = Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "minimization.exe" : "minimization"), $"audit \"{shop}\" --format json", work, null);

            Assert.True(exit == 0, $"exit {exit}\n{error}");
            var report = JsonNode.Parse(output)!;
            Assert.Equal("1.0", (string?)report["schemaVersion"]);
            Assert.Equal(1, (int)report["totals"]!["violations"]!);
            Assert.Equal(2, (int)report["totals"]!["minimizedFlows"]!);
        }

        /// <summary>A process that is not an MSBuild command (no -nodeReuse switch), with the test host's runtime and, optionally, a private package folder.</summary>
        private static (int Exit, string Output, string Error) Run(string tool, string arguments, string workingDirectory, string? nugetPackages)
        {
            var info = new ProcessStartInfo(tool, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                info.Environment.Remove(name);
            }

            // The apphost finds the runtime the tests run on.
            var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? Path.GetDirectoryName(host) : null;
            if (dotnet is not null)
            {
                info.Environment["DOTNET_ROOT"] = dotnet;
            }

            if (nugetPackages is not null)
            {
                info.Environment["NUGET_PACKAGES"] = nugetPackages;
            }

            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit((int)TimeSpan.FromMinutes(5).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the installed tool did not finish:\n" + error.Result);
            }

            return (process.ExitCode, output, error.Result);
        }
    }
}
