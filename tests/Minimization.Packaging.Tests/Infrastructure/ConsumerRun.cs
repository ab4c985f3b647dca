using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Minimization.Packaging.Tests.Docs;

namespace Minimization.Packaging.Tests.Infrastructure
{
    /// <summary>
    /// A user's fresh project: a folder that inherits nothing from this repository, the README's nuget.config (its local
    /// source pointed at the feed just packed), the README's SARIF recipe as its Directory.Build.props, both exactly as
    /// the README writes them, its own package folder (so a stale cached package can never pass for the one just
    /// packed), and package references only. It is built twice: leaking a phone number, then with the leak minimized.
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

        /// <summary>Where the README's SARIF recipe writes the consumer's log, relative to the consumer's repository root.</summary>
        public const string SarifPath = "artifacts/sarif/Consumer.sarif";

        /// <summary>The consumer's nuget.config and Directory.Build.props as written (from the README).</summary>
        public string NuGetConfig { get; private set; } = "";

        public string DirectoryBuildProps { get; private set; } = "";

        public (int ExitCode, string Output) Fixed { get; private set; }

        /// <summary>The fixed build with Repatriation.cs added: a justified [SuppressMessage] and an unjustified #pragma.</summary>
        public (int ExitCode, string Output) Suppressed { get; private set; }

        /// <summary>1-based line and column of the unjustified #pragma in Repatriation.cs.</summary>
        public (int Line, int Column) UnjustifiedPragma { get; private set; }

        public const string RepatriationSource = """
            using System.Diagnostics.CodeAnalysis;

            namespace Consumer;

            public static class Repatriation
            {
                [SuppressMessage("Minimization", "MIN001", Justification = "UK owns these numbers: they are returned, not shared (DSA 2026-14).")]
                public static void Justified(CallRecord call) => UkGateway.Send(call.CallerNumber);

                public static void Unjustified(CallRecord call)
                {
            #pragma warning disable MIN001
                    UkGateway.Send(call.CallerNumber);
            #pragma warning restore MIN001
                }
            }
            """;

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

            // Stop MSBuild and the analyzer config search here, as at the root of a user's own repository. The
            // Directory.Build.props is the README's SARIF recipe, as written.
            var buildProps = ReadmeSarifRecipe();
            File.WriteAllText(Path.Combine(root, "Directory.Build.props"), buildProps);
            File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(root, ".editorconfig"), string.Join("\n",
                "root = true",
                "",
                "[*.cs]",
                "# A team that quiets every analyzer at once: the package keeps the MIN rules errors all the same.",
                "dotnet_analyzer_diagnostic.severity = warning",
                ""));
            var nugetConfig = ReadmeNuGetConfig(feed.Directory);
            File.WriteAllText(Path.Combine(root, "nuget.config"), nugetConfig);
            File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
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

            var run = new ConsumerRun { ProjectDirectory = project, PackagesFolder = packages, NuGetConfig = nugetConfig, DirectoryBuildProps = buildProps };
            run.Leak = Position(program, LeakLine, "call.CallerNumber");
            run.Source = Position(File.ReadAllText(Path.Combine(project, "CallRecord.cs")), SourceLine, SourceLine).Line;

            run.Leaky = Nested.Dotnet(project, "build -c Release", TimeSpan.FromMinutes(5), packages);
            var sarif = Path.Combine(root, SarifPath);
            run.LeakySarif = File.Exists(sarif) ? File.ReadAllText(sarif) : null;

            File.WriteAllText(programPath, program.Replace(LeakLine, FixedLine, StringComparison.Ordinal));
            run.Fixed = Nested.Dotnet(project, "build -c Release --no-restore", TimeSpan.FromMinutes(5), packages);

            // The same leak twice more, suppressed: once with a written reason, once without (MIN013).
            File.WriteAllText(Path.Combine(project, "Repatriation.cs"), RepatriationSource);
            run.Suppressed = Nested.Dotnet(project, "build -c Release --no-restore", TimeSpan.FromMinutes(5), packages);
            run.UnjustifiedPragma = Position(RepatriationSource, "#pragma warning disable MIN001", "#pragma");
            return run;
        }

        /// <summary>
        /// README's nuget.config (Install, step 2) with its local source, the one whose path ends in artifacts/packages,
        /// pointed at <paramref name="feed"/>: the one edit the README asks of the reader.
        /// </summary>
        public static string ReadmeNuGetConfig(string feed)
        {
            var block = Markdown.CodeBlocks("README.md").Single(b => b.Language == "xml" && b.Text.Contains("<packageSources>", StringComparison.Ordinal));
            var document = XDocument.Parse(block.Text, LoadOptions.PreserveWhitespace);
            var local = document.Descendants("add").Single(a => ((string?)a.Attribute("value") ?? "").EndsWith("artifacts/packages", StringComparison.Ordinal));
            return block.Text.Replace($"value=\"{(string)local.Attribute("value")!}\"", $"value=\"{feed}\"", StringComparison.Ordinal);
        }

        /// <summary>README's SARIF recipe (CI recipes, Upload SARIF): the XML block that sets ErrorLog, as written.</summary>
        public static string ReadmeSarifRecipe()
        {
            var block = Markdown.CodeBlocks("README.md").Single(b => b.Language == "xml" && b.Text.Contains("<ErrorLog>", StringComparison.Ordinal));
            // A recipe that is only a property group is pasted into a Directory.Build.props of its own.
            return block.Text.TrimStart().StartsWith("<Project", StringComparison.Ordinal) ? block.Text : "<Project>\n" + block.Text + "</Project>\n";
        }

        private static (int Line, int Column) Position(string text, string line, string part)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var index = Array.FindIndex(lines, l => l.Contains(line, StringComparison.Ordinal));
            return (index + 1, lines[index].IndexOf(part, StringComparison.Ordinal) + 1);
        }
    }
}
