using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Minimization.Cli.Reports;
using Minimization.Cli.Tests.Infrastructure;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>README's main command shows the real audit of the samples, and its command is the one that produces it.</summary>
    [Collection(AuditCollection.Name)]
    public class ReadmeTests
    {
        private readonly AuditFixture _fixture;

        public ReadmeTests(AuditFixture fixture) => _fixture = fixture;

        private static string Section()
        {
            var readme = File.ReadAllText(Repo.Path("README.md")).Replace("\r\n", "\n");
            var start = readme.IndexOf("\n## Audit: what reaches which partner\n", StringComparison.Ordinal);
            Assert.True(start >= 0, "README has no audit section");
            var end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
            return readme.Substring(start, end - start);
        }

        [Fact]
        public void Readme_audit_section_starts_with_the_command_that_audits_the_samples()
        {
            var firstBlock = Regex.Match(Section(), "```(\\w+)\n(.*?)```", RegexOptions.Singleline);

            Assert.Equal("bash", firstBlock.Groups[1].Value);
            Assert.Equal("dotnet run --project src/Minimization.Cli -c Release --no-build -- audit", firstBlock.Groups[2].Value.Trim());
        }

        [Fact]
        public void Readme_shows_the_real_console_output_of_the_samples_audit()
        {
            var shown = Regex.Match(Section(), "```text\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
            using var writer = new StringWriter();
            ReportWriter.Write(_fixture.Samples, "console", writer, terminal: false);

            Assert.Equal(Normalize(writer.ToString()), Normalize(shown));
        }

        private static string Normalize(string text)
            => string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim('\n');
    }
}
