using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Minimization.Packaging.Tests.Docs;
using Minimization.Packaging.Tests.Infrastructure;
using Xunit;

namespace Minimization.Packaging.Tests.Packages
{
    /// <summary>What <c>dotnet pack MinimizationAnalyzers.sln</c> writes, read from the .nupkg files themselves.</summary>
    [Collection(NestedBuilds.Name)]
    public class PackageContentsTests
    {
        private static readonly string[] ContractPackages = { "Minimization.Annotations", "Minimization.Runtime", "Minimization.Analyzers", "Minimization.Testing" };

        private readonly PackagingWorkspace _workspace;

        public PackageContentsTests(PackagingWorkspace workspace) => _workspace = workspace;

        /// <summary>The contract's four packages, and the audit tool (a .NET tool package users install, not reference).</summary>
        private static readonly string[] Tools = { "Minimization.Cli" };

        [Fact]
        public void Pack_writes_exactly_the_four_contract_packages_and_the_audit_tool_at_one_release_version()
        {
            var feed = _workspace.Feed;

            Assert.Equal(ContractPackages.Concat(Tools).OrderBy(x => x), feed.Packages.Keys.OrderBy(x => x));
            Assert.DoesNotContain('-', Nested.Version);
            Assert.Matches(@"^\d+\.\d+\.\d+$", Nested.Version);
            Assert.All(feed.Packages.Values, p =>
            {
                Assert.Equal(Nested.Version, p.Value("version"));
                Assert.Equal(p.Id + "." + Nested.Version + ".nupkg", p.FileName);
            });
        }

        [Theory]
        [InlineData("Minimization.Annotations")]
        [InlineData("Minimization.Runtime")]
        [InlineData("Minimization.Analyzers")]
        [InlineData("Minimization.Testing")]
        [InlineData("Minimization.Cli")]
        public void Package_carries_license_readme_tags_repository_and_description(string id)
        {
            var package = _workspace.Feed.Packages[id];

            Assert.Equal("MIT", package.Value("license"));
            Assert.Equal("expression", (string?)package.Element("license")!.Attribute("type"));
            Assert.Equal("README.md", package.Value("readme"));
            Assert.Contains("README.md", package.Entries);
            Assert.False(string.IsNullOrWhiteSpace(package.Value("tags")));
            Assert.Contains("minimization", package.Value("tags")!.Split(' '));
            Assert.True((package.Value("description") ?? "").Length > 40, id + " needs a real description");
            Assert.Equal(RepositoryDocsTests.RepositoryUrl(), (string?)package.Element("repository")?.Attribute("url"));
            Assert.Equal(RepositoryDocsTests.RepositoryUrl(), package.Value("projectUrl"));
            Assert.Equal("git", (string?)package.Element("repository")?.Attribute("type"));
            Assert.False(string.IsNullOrWhiteSpace(package.Value("authors")));
        }

        [Theory]
        [InlineData("Minimization.Annotations", "src/Minimization.Annotations")]
        [InlineData("Minimization.Runtime", "src/Minimization.Runtime")]
        [InlineData("Minimization.Analyzers", "src/Minimization.Analyzers.Package")]
        [InlineData("Minimization.Testing", "src/Minimization.Testing")]
        [InlineData("Minimization.Cli", "src/Minimization.Cli")]
        public void Packed_README_is_the_package_own_with_absolute_links_only(string id, string project)
        {
            var package = _workspace.Feed.Packages[id];
            var readme = Entry(package, "README.md").Replace("\r\n", "\n");

            Assert.Equal(File.ReadAllText(Nested.Path(project, "README.md")).Replace("\r\n", "\n"), readme);
            Assert.StartsWith("# " + id + "\n", readme, StringComparison.Ordinal);
            PackageReadmeTests.AssertStandalone(package.FileName + "/README.md", readme);
        }

        [Theory]
        [InlineData("Minimization.Annotations")]
        [InlineData("Minimization.Runtime")]
        [InlineData("Minimization.Analyzers")]
        [InlineData("Minimization.Testing")]
        public void Package_carries_the_128_pixel_icon(string id)
        {
            var package = _workspace.Feed.Packages[id];

            Assert.Equal("icon.png", package.Value("icon"));
            Assert.Contains("icon.png", package.Entries);
            using var zip = ZipFile.OpenRead(package.Path);
            using var stream = new MemoryStream();
            zip.GetEntry("icon.png")!.Open().CopyTo(stream);
            Assert.Equal((128, 128), PackageReadmeTests.PngSize(stream.ToArray()));
        }

        [Fact]
        public void Analyzer_package_holds_the_compiler_assemblies_under_analyzers_dotnet_cs_and_no_lib_assets()
        {
            var package = _workspace.Feed.Packages["Minimization.Analyzers"];

            var expected = new[] { "Minimization.Analyzers.dll", "Minimization.Generators.dll" }.ToList();
            if (File.Exists(Nested.Path("src", "Minimization.CodeFixes", "Minimization.CodeFixes.csproj")))
            {
                expected.Add("Minimization.CodeFixes.dll");
            }

            Assert.Equal(
                expected.Select(f => "analyzers/dotnet/cs/" + f).OrderBy(f => f, StringComparer.Ordinal),
                package.Entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
            Assert.DoesNotContain(package.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
            Assert.Contains("buildTransitive/Minimization.Analyzers.props", package.Entries);
            Assert.Contains("buildTransitive/Minimization.Analyzers.globalconfig", package.Entries);
            Assert.Equal("true", package.Value("developmentDependency"));
        }

        [Fact]
        public void Analyzer_package_carries_the_code_fixes_beside_analyzers_that_do_not_reference_Workspaces()
        {
            var package = _workspace.Feed.Packages["Minimization.Analyzers"];
            Assert.Contains("analyzers/dotnet/cs/Minimization.CodeFixes.dll", package.Entries);

            using var zip = System.IO.Compression.ZipFile.OpenRead(package.Path);
            var fixes = ReadAssembly(zip, "analyzers/dotnet/cs/Minimization.CodeFixes.dll");
            var analyzers = ReadAssembly(zip, "analyzers/dotnet/cs/Minimization.Analyzers.dll");

            // The compiler loads the analyzers in every build: they must not need Workspaces. The IDE loads the fixes.
            Assert.Contains("Microsoft.CodeAnalysis.Workspaces", fixes.References);
            Assert.Contains("Minimization.Analyzers", fixes.References);
            Assert.DoesNotContain(analyzers.References, r => r.Contains("Workspaces", StringComparison.Ordinal));
            foreach (var provider in new[] { "MinimizeCodeFixProvider", "PolicyCodeFixProvider", "SuppressWithJustificationCodeFixProvider" })
            {
                Assert.Contains("Minimization.CodeFixes." + provider, fixes.Types);
            }
        }

        private static (string[] References, string[] Types) ReadAssembly(System.IO.Compression.ZipArchive zip, string entry)
        {
            using var stream = new MemoryStream();
            zip.GetEntry(entry)!.Open().CopyTo(stream);
            stream.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
            var types = metadata.TypeDefinitions.Select(h => metadata.GetTypeDefinition(h))
                .Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name)).ToArray();
            return (references, types);
        }

        [Fact]
        public void Analyzer_package_flows_no_dependency_and_no_Roslyn()
        {
            var package = _workspace.Feed.Packages["Minimization.Analyzers"];

            Assert.Empty(package.Dependencies());
            Assert.DoesNotContain(package.Entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Library_packages_hold_their_assembly_with_docs_and_depend_on_annotations_at_the_same_version()
        {
            var feed = _workspace.Feed;

            Assert.Equal(
                new[] { "README.md", "icon.png", "lib/netstandard2.0/Minimization.Annotations.dll", "lib/netstandard2.0/Minimization.Annotations.xml" },
                feed.Packages["Minimization.Annotations"].Entries);
            Assert.Empty(feed.Packages["Minimization.Annotations"].Dependencies());

            Assert.Contains("lib/netstandard2.0/Minimization.Runtime.dll", feed.Packages["Minimization.Runtime"].Entries);
            Assert.Contains("lib/netstandard2.0/Minimization.Runtime.xml", feed.Packages["Minimization.Runtime"].Entries);
            // Microsoft.Bcl.TimeProvider 8.0.1: System.TimeProvider on netstandard2.0 (forwarded to the framework on .NET 8 and newer, so consumers on any supported .NET get no warning), the clock key rotation follows.
            Assert.Equal(
                new[] { ("Microsoft.Bcl.TimeProvider", "8.0.1"), ("Minimization.Annotations", Nested.Version) },
                feed.Packages["Minimization.Runtime"].Dependencies().Select(d => (d.Id, d.Version)).OrderBy(d => d.Id, StringComparer.Ordinal));

            var testing = feed.Packages["Minimization.Testing"];
            Assert.Contains(testing.Entries, e => e.StartsWith("lib/net", StringComparison.Ordinal) && e.EndsWith("/Minimization.Testing.dll", StringComparison.Ordinal));
            Assert.Contains(testing.Dependencies(), d => d.Id == "Minimization.Annotations" && d.Version == Nested.Version);
            Assert.Contains(testing.Dependencies(), d => d.Id == "FsCheck");
        }

        private static string Entry(PackedPackage package, string name)
        {
            using var zip = ZipFile.OpenRead(package.Path);
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
    }
}
