using System;
using System.IO;

namespace Minimization.Packaging.Tests.Infrastructure
{
    /// <summary>
    /// A user's fresh project: a folder that inherits nothing from this repository, a nuget.config with the local feed
    /// first, its own package folder (so a stale cached package can never pass for the one just packed), and
    /// package references only. It is built twice: leaking a phone number, then with the leak minimized.
    /// </summary>
    public sealed class ConsumerRun
    {
        public const string LeakLine = "UkGateway.Send(call.CallerNumber);";
        public const string FixedLine = "UkGateway.Send(call.Minimize(context));";
        public const string SourceLine = "public string CallerNumber { get; init; } = \"\";";

        private ConsumerRun()
        {
        }

        public string ProjectDirectory { get; private set; } = "";

        public string PackagesFolder { get; private set; } = "";

        public (int ExitCode, string Output) Leaky { get; private set; }

        /// <summary>The SARIF log of the leaky build (copied before the second build rewrites it); null if none was written.</summary>
        public string? LeakySarif { get; private set; }

        public (int ExitCode, string Output) Fixed { get; private set; }

        /// <summary>1-based line and column of the leaking argument in Program.cs.</summary>
        public (int Line, int Column) Leak { get; private set; }

        /// <summary>1-based line of the identity-bearing property the leak comes from.</summary>
        public int Source { get; private set; }

        public static ConsumerRun Run(string workspace, PackedFeed feed)
        {
            var root = Path.Combine(workspace, "user-repo");
            var project = Path.Combine(root, "Consumer");
            var packages = Path.Combine(workspace, "nuget-packages");
            Directory.CreateDirectory(project);
            Directory.CreateDirectory(packages);

            // Stop MSBuild and the analyzer config search here, as at the root of a user's own repository.
            File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(root, ".editorconfig"), string.Join("\n",
                "root = true",
                "",
                "[*.cs]",
                "# A team that quiets every analyzer at once: the package keeps the MIN rules errors all the same.",
                "dotnet_analyzer_diagnostic.severity = warning",
                ""));
            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed.Directory}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local">
                      <package pattern="Minimization.*" />
                    </packageSource>
                    <packageSource key="nuget.org">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <ErrorLog>$(MSBuildProjectDirectory)/consumer.sarif,version=2.1</ErrorLog>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Minimization.Runtime" Version="{Nested.Version}" />
                    <PackageReference Include="Minimization.Analyzers" Version="{Nested.Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "CallRecord.cs"), $$"""
                using Minimization;

                namespace Consumer;

                [IdentityBearing, GenerateMinimizer("SharedCall")]
                public sealed partial class CallRecord
                {
                    [IdentityBearing(IdentityCategory.Phone)]
                    [Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = nameof(StartTime))]
                    {{SourceLine}}

                    [IdentityBearing(IdentityCategory.Timestamp)]
                    [TruncateTime(TimeGranularity.Hour)]
                    public DateTimeOffset StartTime { get; init; }
                }

                public static class UkGateway
                {
                    [PartnerShare("UK")]
                    public static void Send(object payload) => Console.WriteLine(payload);
                }
                """);
            var program = string.Join("\n",
                "using System.Security.Cryptography;",
                "using Consumer;",
                "using Minimization.Runtime;",
                "",
                "var call = new CallRecord { CallerNumber = \"+1 613 555 0143\", StartTime = DateTimeOffset.UtcNow };",
                "var context = new MinimizationContext(\"UK\", new DerivedKeyProvider(RandomNumberGenerator.GetBytes(32)));",
                "Console.WriteLine(context.Partner);",
                LeakLine,
                "");
            var programPath = Path.Combine(project, "Program.cs");
            File.WriteAllText(programPath, program);

            var run = new ConsumerRun { ProjectDirectory = project, PackagesFolder = packages };
            run.Leak = Position(program, LeakLine, "call.CallerNumber");
            run.Source = Position(File.ReadAllText(Path.Combine(project, "CallRecord.cs")), SourceLine, SourceLine).Line;

            run.Leaky = Nested.Dotnet(project, "build -c Release", TimeSpan.FromMinutes(5), packages);
            var sarif = Path.Combine(project, "consumer.sarif");
            run.LeakySarif = File.Exists(sarif) ? File.ReadAllText(sarif) : null;

            File.WriteAllText(programPath, program.Replace(LeakLine, FixedLine, StringComparison.Ordinal));
            run.Fixed = Nested.Dotnet(project, "build -c Release --no-restore", TimeSpan.FromMinutes(5), packages);
            return run;
        }

        private static (int Line, int Column) Position(string text, string line, string part)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var index = Array.FindIndex(lines, l => l.Contains(line, StringComparison.Ordinal));
            return (index + 1, lines[index].IndexOf(part, StringComparison.Ordinal) + 1);
        }
    }
}
