using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Minimization.Packaging.Tests.Infrastructure;
using Xunit;

namespace Minimization.Packaging.Tests.Docs
{
    /// <summary>
    /// A package page is not a clone: each package packs its own README (src/&lt;project&gt;/README.md), whose links are all
    /// absolute and, into this repository, resolve to files that exist. <see cref="Packages.PackageContentsTests"/>
    /// checks the same of the README inside each packed .nupkg.
    /// </summary>
    public class PackageReadmeTests
    {
        public static IEnumerable<object[]> PackableProjects()
            => Directory.GetFiles(Nested.Path("src"), "*.csproj", SearchOption.AllDirectories)
                .Where(p => XDocument.Load(p).Descendants("IsPackable").Any(e => e.Value.Trim() == "true"))
                .Select(p => new object[] { Markdown.Relative(Path.GetDirectoryName(p)!) })
                .OrderBy(o => (string)o[0], StringComparer.Ordinal);

        [Fact]
        public void The_four_packages_and_the_audit_tool_are_the_packable_projects()
            => Assert.Equal(5, PackableProjects().Count());

        [Theory]
        [MemberData(nameof(PackableProjects))]
        public void Each_package_packs_its_own_README_and_the_icon(string project)
        {
            var csproj = XDocument.Load(Directory.GetFiles(Nested.Path(project), "*.csproj").Single());
            var id = csproj.Descendants("PackageId").Single().Value;
            Assert.Equal("README.md", csproj.Descendants("PackageReadmeFile").Single().Value);
            Assert.Contains(csproj.Descendants("None"), n => (string?)n.Attribute("Update") == "README.md" && (string?)n.Attribute("Pack") == "true");
            Assert.Equal("icon.png", csproj.Descendants("PackageIcon").Single().Value);
            Assert.True(File.Exists(Nested.Path(project, "README.md")), project + "/README.md is missing");
            Assert.StartsWith("# " + id + "\n", Markdown.Read(project + "/README.md"), StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(PackableProjects))]
        public void Package_README_links_are_absolute_and_resolve_in_the_repository(string project)
            => AssertStandalone(project + "/README.md", Markdown.Read(project + "/README.md"));

        [Fact]
        public void The_package_icon_is_a_128_pixel_PNG()
        {
            var (width, height) = PngSize(File.ReadAllBytes(Nested.Path("src", "icon.png")));
            Assert.Equal((128, 128), (width, height));
        }

        /// <summary>No relative link, no advice that only works inside this repository, every repository link to a real file.</summary>
        internal static void AssertStandalone(string name, string text)
        {
            var url = RepositoryDocsTests.RepositoryUrl();
            var problems = new List<string>();
            foreach (var link in Markdown.Links(name, text))
            {
                if (!link.Target.StartsWith("https://", StringComparison.Ordinal))
                {
                    problems.Add($"{name}:{link.Line}: {link.Target} is not an absolute https link");
                    continue;
                }

                if (!link.Target.StartsWith("https://github.com/", StringComparison.Ordinal) || link.Target == url)
                {
                    continue;
                }

                var inRepository = Regex.Match(link.Target, "^" + Regex.Escape(url) + @"/(?:blob|tree)/main/([^#]+)(?:#(.*))?$");
                if (!inRepository.Success)
                {
                    problems.Add($"{name}:{link.Line}: {link.Target} is not {url}/blob/main/<path>");
                    continue;
                }

                var path = Nested.Path(Uri.UnescapeDataString(inRepository.Groups[1].Value).Split('/'));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    problems.Add($"{name}:{link.Line}: {link.Target} names no file of the repository");
                }
                else if (inRepository.Groups[2].Success && path.EndsWith(".md", StringComparison.Ordinal)
                         && !Markdown.Anchors(File.ReadAllText(path).Replace("\r\n", "\n")).Contains(inRepository.Groups[2].Value))
                {
                    problems.Add($"{name}:{link.Line}: {link.Target} names no heading");
                }
            }

            if (text.Contains("ProjectReference", StringComparison.Ordinal))
            {
                problems.Add(name + ": in-repository ProjectReference advice does not work from a package");
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        internal static (int Width, int Height) PngSize(byte[] png)
        {
            Assert.True(png.Length > 24 && png[0] == 0x89 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "not a PNG");
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            int BigEndian(int at) => (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            return (BigEndian(16), BigEndian(20));
        }
    }
}
