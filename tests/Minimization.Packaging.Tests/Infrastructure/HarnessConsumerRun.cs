using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Minimization.Packaging.Tests.Infrastructure
{
    /// <summary>
    /// A user's fresh test project that knows the harness only through the packed Minimization.Testing package, with the
    /// FsCheck [Property] integration of one xunit generation: xunit v2 with FsCheck.Xunit, or xunit v3 with FsCheck.Xunit.v3.
    /// It runs <c>dotnet test</c> once on <see cref="TestSource"/>.
    /// </summary>
    public sealed class HarnessConsumerRun
    {
        private HarnessConsumerRun(string flavour, string project, string packages, (int ExitCode, string Output) test)
        {
            Flavour = flavour;
            ProjectDirectory = project;
            PackagesFolder = packages;
            Test = test;
        }

        /// <summary>"xunit-v2" or "xunit-v3".</summary>
        public string Flavour { get; }

        public string ProjectDirectory { get; }

        public string PackagesFolder { get; }

        public (int ExitCode, string Output) Test { get; }

        /// <summary>
        /// The test class of both flavours: the repository's own xunit v3 tests of the harness (a [Property] whose body is a
        /// spec, a [Fact] with Check(), a leaky minimizer that fails its property), which compile against FsCheck.Xunit too.
        /// </summary>
        public static string TestSource => Nested.Path("tests", "Minimization.Testing.XunitV3.Tests", "XunitV3PropertyTests.cs");

        public static HarnessConsumerRun Run(string workspace, PackedFeed feed, bool xunitV3)
        {
            string flavour = xunitV3 ? "xunit-v3" : "xunit-v2";
            var root = Path.Combine(workspace, "harness-" + flavour);
            var project = Path.Combine(root, "HarnessConsumer");
            var packages = Path.Combine(workspace, "nuget-packages");
            Directory.CreateDirectory(project);
            Directory.CreateDirectory(packages);

            // A user's repository root: nothing inherited from this one, the README's nuget.config pointed at the feed.
            File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(root, "nuget.config"), ConsumerRun.ReadmeNuGetConfig(feed.Directory));

            // The test packages at the versions this repository restores (Directory.Packages.props).
            string[] references = xunitV3
                ? new[] { "Microsoft.NET.Test.Sdk", "xunit.v3.mtp-off", "xunit.runner.visualstudio", "FsCheck", "FsCheck.Xunit.v3" }
                : new[] { "Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio", "FsCheck", "FsCheck.Xunit" };
            string items = string.Join("\n", references.Select(id => $"    <PackageReference Include=\"{id}\" Version=\"{RepositoryVersion(id)}\" />"));
            File.WriteAllText(Path.Combine(project, "HarnessConsumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <IsPackable>false</IsPackable>
                    <IsTestProject>true</IsTestProject>{(xunitV3 ? "\n    <OutputType>Exe</OutputType>" : string.Empty)}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Minimization.Testing" Version="{Nested.Version}" />
                {items}
                  </ItemGroup>
                </Project>
                """);
            File.Copy(TestSource, Path.Combine(project, "XunitV3PropertyTests.cs"), overwrite: true);

            var test = Nested.Dotnet(project, "test -c Release", TimeSpan.FromMinutes(8), packages);
            return new HarnessConsumerRun(flavour, project, packages, test);
        }

        private static string RepositoryVersion(string id)
        {
            var props = XDocument.Load(Nested.Path("Directory.Packages.props"));
            return props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;
        }
    }
}
