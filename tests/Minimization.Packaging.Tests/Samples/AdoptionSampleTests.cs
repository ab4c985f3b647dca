using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Minimization.Packaging.Tests.Infrastructure;
using Xunit;

namespace Minimization.Packaging.Tests.Samples
{
    /// <summary>
    /// samples/Adoption is an existing ASP.NET Core service adopting the toolkit with what it already declares: it must
    /// build, with exactly the warnings marked <c>// expect: MIN017 (accepted)</c> (the two findings its baseline accepts),
    /// and nothing else: no MIN001 (a flow the baseline misses), no MIN018 (a stale entry), no MIN019 (a configuration
    /// entry that names nothing or an unreadable baseline).
    /// </summary>
    [Collection(NestedBuilds.Name)]
    public class AdoptionSampleTests
    {
        private static readonly Regex Marker = new Regex(@"//\s*expect:\s*(MIN\d{3})\s*\(([\w-]+)\)", RegexOptions.Compiled);

        private static readonly Regex Reported = new Regex(@"(?:^|[\\/\s])([\w.]+\.(?:cs|json))\((\d+),\d+\): (error|warning) ([A-Z]+\d+):", RegexOptions.Compiled | RegexOptions.Multiline);

        [Fact]
        public void Adoption_sample_builds_with_exactly_the_two_accepted_findings_as_warnings()
        {
            var sample = Nested.Path("samples", "Adoption");
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(Path.Combine(sample, "ClinicApi"), "*.cs", SearchOption.AllDirectories))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var m = Marker.Match(lines[i]);
                    if (m.Success)
                    {
                        expected.Add($"{Path.GetFileName(file)}:{i + 1}:{m.Groups[1].Value}");
                    }
                }
            }

            Assert.Equal(2, expected.Count);
            Assert.All(expected, e => Assert.EndsWith(":MIN017", e, StringComparison.Ordinal));

            var work = Nested.ScratchDirectory("adoption");
            try
            {
                // The copy sees the repository's Directory.Build.props ($(RepoRoot)); the analyzers were built by the solution
                // build, the vendor's SDK is built here first.
                var copy = Path.Combine(work, "Adoption");
                Nested.CopyDirectory(sample, copy);
                var vendor = Nested.Dotnet(copy, $"build Vendor.Sms/Vendor.Sms.csproj -c {Nested.Configuration}", TimeSpan.FromMinutes(5));
                Assert.True(vendor.ExitCode == 0, vendor.Output);
                var build = Nested.Dotnet(copy, $"build ClinicApi/ClinicApi.csproj -c {Nested.Configuration} -p:BuildProjectReferences=false -p:TreatWarningsAsErrors=false", TimeSpan.FromMinutes(5));

                Assert.True(build.ExitCode == 0, "the adoption sample did not build:\n" + build.Output);
                var actual = new SortedSet<string>(
                    Reported.Matches(build.Output).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}:{m.Groups[4].Value}"),
                    StringComparer.Ordinal);
                Assert.True(expected.SetEquals(actual), $"expected:\n  {string.Join("\n  ", expected)}\nreported:\n  {string.Join("\n  ", actual)}\n\n{build.Output}");
                Assert.Contains("accepted risk in baseline minimization.baseline.json (justification: The SMS vendor must have the number", build.Output, StringComparison.Ordinal);
            }
            finally
            {
                Nested.TryDelete(work);
            }
        }
    }
}
