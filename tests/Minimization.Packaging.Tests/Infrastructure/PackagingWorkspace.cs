using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Minimization.Packaging.Tests.Infrastructure
{
    /// <summary>
    /// One scratch folder for the whole collection: the packages packed from this checkout into a local folder feed,
    /// and a consumer project built against them. Each is produced on first use and reused by every assertion.
    /// </summary>
    public sealed class PackagingWorkspace : IDisposable
    {
        private readonly Lazy<PackedFeed> _feed;
        private readonly Lazy<ConsumerRun> _consumer;
        private readonly Lazy<HarnessConsumerRun> _harnessV2;
        private readonly Lazy<HarnessConsumerRun> _harnessV3;

        public PackagingWorkspace()
        {
            Directory = Nested.ScratchDirectory("workspace");
            _feed = new Lazy<PackedFeed>(() => PackedFeed.Pack(System.IO.Path.Combine(Directory, "feed")));
            _consumer = new Lazy<ConsumerRun>(() => ConsumerRun.Run(Directory, Feed));
            _harnessV2 = new Lazy<HarnessConsumerRun>(() => HarnessConsumerRun.Run(Directory, Feed, xunitV3: false));
            _harnessV3 = new Lazy<HarnessConsumerRun>(() => HarnessConsumerRun.Run(Directory, Feed, xunitV3: true));
        }

        public string Directory { get; }

        public PackedFeed Feed => _feed.Value;

        public ConsumerRun Consumer => _consumer.Value;

        /// <summary>A test project on xunit v2 and FsCheck.Xunit using the packed harness.</summary>
        public HarnessConsumerRun HarnessXunitV2 => _harnessV2.Value;

        /// <summary>A test project on xunit v3 and FsCheck.Xunit.v3 using the packed harness.</summary>
        public HarnessConsumerRun HarnessXunitV3 => _harnessV3.Value;

        public void Dispose() => Nested.TryDelete(Directory);
    }

    /// <summary>The output of <c>dotnet pack MinimizationAnalyzers.sln</c>: the .nupkg files and what is inside them.</summary>
    public sealed class PackedFeed
    {
        private PackedFeed(string directory, string output, IReadOnlyDictionary<string, PackedPackage> packages)
        {
            Directory = directory;
            Output = output;
            Packages = packages;
        }

        public string Directory { get; }

        public string Output { get; }

        /// <summary>By package id.</summary>
        public IReadOnlyDictionary<string, PackedPackage> Packages { get; }

        public static PackedFeed Pack(string feed)
        {
            System.IO.Directory.CreateDirectory(feed);

            // The solution was just built by `dotnet test` (or CI's build step) in this configuration; packing it again
            // without building takes the assemblies the other tests ran against.
            var (exitCode, output) = Nested.Dotnet(
                Nested.Root,
                $"pack MinimizationAnalyzers.sln -c {Nested.Configuration} --no-build -o \"{feed}\"",
                TimeSpan.FromMinutes(5));
            if (exitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + output);
            }

            var packages = new Dictionary<string, PackedPackage>(StringComparer.Ordinal);
            foreach (var file in System.IO.Directory.GetFiles(feed, "*.nupkg"))
            {
                var package = PackedPackage.Read(file);
                packages.Add(package.Id, package);
            }

            return new PackedFeed(feed, output, packages);
        }
    }

    public sealed class PackedPackage
    {
        private static readonly XNamespace Ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

        private PackedPackage(string path, IReadOnlyList<string> entries, XElement metadata)
        {
            Path = path;
            Entries = entries;
            Metadata = metadata;
        }

        public string Path { get; }

        public string FileName => System.IO.Path.GetFileName(Path);

        /// <summary>Every file in the package, with forward slashes; the nuspec and the OPC plumbing are left out.</summary>
        public IReadOnlyList<string> Entries { get; }

        /// <summary>The nuspec's <c>metadata</c> element.</summary>
        public XElement Metadata { get; }

        public string Id => Value("id")!;

        public string? Value(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        public XElement? Element(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        /// <summary>(target framework, dependency id, version) for every dependency group.</summary>
        public IReadOnlyList<(string Framework, string Id, string Version)> Dependencies()
            => Metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
                .Select(d => ((string?)d.Parent?.Attribute("targetFramework") ?? "", (string)d.Attribute("id")!, (string)d.Attribute("version")!))
                .ToList();

        public static PackedPackage Read(string path)
        {
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries
                .Select(e => e.FullName.Replace('\\', '/'))
                .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml"
                            && !(n.EndsWith(".nuspec", StringComparison.Ordinal) && !n.Contains('/')))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
            using var stream = nuspec.Open();
            var document = XDocument.Load(stream);
            var metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            return new PackedPackage(path, entries, metadata);
        }
    }
}
