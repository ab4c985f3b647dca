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
    /// samples/Violations holds deliberate leaks, each marked <c>// expect: MINnnn (kind)</c> on its line. Its build must
    /// fail with exactly those diagnostics: a missed leak and a false alarm both fail this test.
    /// </summary>
    [Collection(NestedBuilds.Name)]
    public class ViolationsSampleTests
    {
        /// <summary>The flow kinds the sample demonstrates; removing one from the sample fails the test.</summary>
        private static readonly string[] Kinds = { "direct", "local", "call-chain", "field", "linq", "lambda", "interpolation", "collection", "async", "unjustified-suppression" };

        private static readonly Regex Marker = new Regex(@"//\s*expect:\s*(MIN\d{3})\s*\(([\w-]+)\)", RegexOptions.Compiled);

        // For a line that cannot carry a comment of its own (a comment after a #pragma would be its justification): the
        // marker stands on the line after it.
        private static readonly Regex PreviousLineMarker = new Regex(@"//\s*expect-previous-line:\s*(MIN\d{3})\s*\(([\w-]+)\)", RegexOptions.Compiled);

        private static readonly Regex Reported = new Regex(@"(?:^|[\\/\s])(\w+\.cs)\((\d+),\d+\): (error|warning) ([A-Z]+\d+):", RegexOptions.Compiled | RegexOptions.Multiline);

        [Fact]
        public void Violations_sample_fails_with_exactly_the_marked_diagnostics()
        {
            var sample = Nested.Path("samples", "Violations");
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            var kinds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(sample, "*.cs"))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var m = Marker.Match(lines[i]);
                    if (m.Success)
                    {
                        expected.Add($"{Path.GetFileName(file)}:{i + 1}:{m.Groups[1].Value}");
                        kinds.Add(m.Groups[2].Value);
                    }

                    var previous = PreviousLineMarker.Match(lines[i]);
                    if (previous.Success)
                    {
                        expected.Add($"{Path.GetFileName(file)}:{i}:{previous.Groups[1].Value}");
                        kinds.Add(previous.Groups[2].Value);
                    }
                }
            }

            Assert.Equal(Kinds.OrderBy(k => k, StringComparer.Ordinal), kinds.OrderBy(k => k, StringComparer.Ordinal));
            Assert.True(expected.Count >= 6);

            var work = Nested.ScratchDirectory("violations");
            try
            {
                // A copy under artifacts/ still sees the repository's Directory.Build.props, so $(RepoRoot) resolves,
                // and the references were built by the solution build; the copy keeps the sample's folder clean.
                var project = Path.Combine(work, "Violations");
                Nested.CopyDirectory(sample, project);
                var build = Nested.Dotnet(project, $"build Violations.csproj -c {Nested.Configuration} -p:BuildProjectReferences=false -p:TreatWarningsAsErrors=false", TimeSpan.FromMinutes(5));

                Assert.True(build.ExitCode != 0, "the violations sample built:\n" + build.Output);
                var actual = new SortedSet<string>(
                    Reported.Matches(build.Output).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}:{m.Groups[4].Value}"),
                    StringComparer.Ordinal);
                Assert.True(expected.SetEquals(actual), $"expected:\n  {string.Join("\n  ", expected)}\nreported:\n  {string.Join("\n  ", actual)}\n\n{build.Output}");
            }
            finally
            {
                Nested.TryDelete(work);
            }
        }
    }
}
