using System.IO;
using Minimization.Cli.Audit;
using Minimization.Cli.Tests.Infrastructure;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>Exit codes 0/1/2, each with a one-line reason and never a stack trace.</summary>
    [Collection(AuditCollection.Name)]
    public class ExitCodeTests
    {
        private readonly AuditFixture _fixture;

        public ExitCodeTests(AuditFixture fixture) => _fixture = fixture;

        private static void AssertOneLineError(CliResult run, string expected)
        {
            Assert.Equal(2, run.ExitCode);
            var error = run.Error.TrimEnd();
            Assert.DoesNotContain('\n', error);
            Assert.StartsWith("minimization: ", error);
            Assert.Contains(expected, error);
            Assert.DoesNotContain("   at ", run.Error + run.Output);
        }

        [Fact]
        public void Missing_path_exits_2_naming_it()
            => AssertOneLineError(CliResult.Run(_fixture.Scratch, "audit", "no/such/App.sln"), "'no/such/App.sln' does not exist");

        [Fact]
        public void A_file_that_is_not_a_CSharp_project_exits_2()
        {
            var dir = Path.Combine(_fixture.Scratch, "vb");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Old.vbproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");

            AssertOneLineError(CliResult.Run(dir, "audit", "Old.vbproj"), "is not a C# solution or project");
        }

        [Fact]
        public void A_folder_with_only_other_languages_exits_2()
        {
            var dir = Path.Combine(_fixture.Scratch, "fsharp");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Lib.fsproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");

            AssertOneLineError(CliResult.Run(dir, "audit", "."), "holds no C# project");
        }

        [Fact]
        public void Unknown_format_exits_2()
            => AssertOneLineError(CliResult.Run(_fixture.Scratch, "audit", ".", "--format", "pdf"), "unknown format 'pdf'");

        [Fact]
        public void Unknown_fail_on_level_exits_2()
            => AssertOneLineError(CliResult.Run(_fixture.Scratch, "audit", ".", "--fail-on", "warnings"), "unknown --fail-on level 'warnings'");

        [Fact]
        public void Unknown_option_exits_2()
            => AssertOneLineError(CliResult.Run(_fixture.Scratch, "audit", "--colour"), "colour");

        [Fact]
        public void Compare_with_a_file_that_is_not_an_audit_exits_2()
        {
            var bogus = Path.Combine(_fixture.Scratch, "bogus.json");
            File.WriteAllText(bogus, "[1, 2, 3]");

            AssertOneLineError(CliResult.Run(_fixture.Scratch, "audit", Repo.Path("samples", "QuickStart"), "--compare", bogus), "is not an audit in JSON");
        }

        [Fact]
        public void Without_fail_on_findings_exit_0()
        {
            var report = FormatTests.Roundtrip(_fixture.Samples);

            Assert.Equal(0, AuditCommand.ExitCode(report, null, TextWriter.Null));
        }

        [Theory]
        [InlineData("violations", 1)]
        [InlineData("unjustified-suppressions", 1)]
        [InlineData("any", 1)]
        public void Fail_on_a_level_with_findings_exits_1_with_the_reason(string level, int expected)
        {
            using var error = new StringWriter();

            Assert.Equal(expected, AuditCommand.ExitCode(_fixture.Samples, level, error));
            Assert.Contains("(--fail-on " + level + ")", error.ToString());
        }

        [Fact]
        public void Fail_on_violations_ignores_unjustified_suppressions_when_there_is_no_violation()
        {
            var report = FormatTests.Roundtrip(_fixture.Samples);
            report.Flows.RemoveAll(f => f.Status == "violation");
            ReportBuilder.Finish(report);

            Assert.Equal(0, AuditCommand.ExitCode(report, "violations", TextWriter.Null));
            Assert.Equal(1, AuditCommand.ExitCode(report, "unjustified-suppressions", TextWriter.Null));
        }

        [Fact]
        public void Load_failures_exit_2_whatever_the_level()
            => Assert.Equal(2, AuditCommand.ExitCode(_fixture.Generated, null, TextWriter.Null));

        [Fact]
        public void Samples_folder_is_found_from_inside_the_repository()
        {
            Assert.Equal(Repo.Path("samples"), AuditCommand.FindSamples(Repo.Path("samples", "Violations")));
            Assert.Equal(Repo.Path("samples"), AuditCommand.FindSamples(Repo.Path("docs")));
        }
    }
}
