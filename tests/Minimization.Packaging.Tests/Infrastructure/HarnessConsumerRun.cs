using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Minimization.Packaging.Tests.Infrastructure
{
    /// <summary>
    /// A user's fresh test project that knows the harness only through the packed Minimization.Testing package, with the
    /// FsCheck [Property] integration of one xunit generation: xunit v2 with FsCheck.Xunit, or xunit v3 with FsCheck.Xunit.v3.
    /// It runs <c>dotnet test</c> once: a spec as the body of a [Property], and a leaky minimizer that must fail it.
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

        /// <summary>The test class of both flavours: the same source compiles against FsCheck.Xunit and FsCheck.Xunit.v3.</summary>
        public const string TestSource = """
            using System;
            using System.Globalization;
            using System.Security.Cryptography;
            using System.Text;
            using FsCheck;
            using FsCheck.Fluent;
            using FsCheck.Xunit;
            using Minimization;
            using Minimization.Testing;
            using Xunit;

            namespace HarnessConsumer;

            public sealed class Call
            {
                [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; set; } = "";
                [IdentityBearing(IdentityCategory.Timestamp)] public DateTime StartedAt { get; set; }
                [IdentityBearing(IdentityCategory.CellTower)] public string TowerId { get; set; } = "";
            }

            public sealed record SharedCall(string Token, string Region, string Day);

            public class MinimizerProperties
            {
                private static SharedCall Keyed(Call c, MinimizerContext ctx)
                {
                    string region = c.TowerId.Split('-')[2];
                    string day = c.StartedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                    string digits = new string(Array.FindAll(c.CallerNumber.ToCharArray(), char.IsDigit));
                    return new SharedCall(Convert.ToHexString(HMACSHA256.HashData(ctx.KeyFor(ctx.Partner + "/" + day), Encoding.UTF8.GetBytes(digits)), 0, 10), region, day);
                }

                [Property(MaxTest = 1)]
                public Property The_keyed_minimizer_passes() => MinimizerSpec.For<Call, SharedCall>(Keyed)
                    .Population(p => p.Records(1_000).People(200).Regions(2))
                    .ToProperty();

                [Fact]
                public void The_pass_through_minimizer_fails_with_the_harness_message()
                {
                    Property leaky = MinimizerSpec.For<Call, SharedCall>(c => new SharedCall(c.CallerNumber, "r", "d")).Population(p => p.Records(100).People(20)).ToProperty();
                    Exception e = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(1), leaky));
                    Assert.Contains("no identifier survives: FAILED", e.Message);
                }
            }
            """;

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
            File.WriteAllText(Path.Combine(project, "MinimizerProperties.cs"), TestSource);

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
