using System.Linq;
using Minimization.Cli.Tests.Infrastructure;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>A solution of many projects gives a report of every one of them, not a crash.</summary>
    [Collection(AuditCollection.Name)]
    public class ManyProjectsTests
    {
        private readonly AuditFixture _fixture;

        public ManyProjectsTests(AuditFixture fixture) => _fixture = fixture;

        [Fact]
        public void Every_project_of_a_large_solution_is_analyzed_and_its_leak_reported()
        {
            var report = _fixture.Many;

            Assert.Empty(report.LoadFailures);
            Assert.Equal(AuditFixture.ManyProjects, report.Projects.Count);
            Assert.All(report.Projects, p => Assert.Equal("analyzed", p.Status));
            Assert.All(report.Projects, p => Assert.Equal(0, p.CompileErrors));

            // One violation per project, in that project: nothing is lost or mixed up between projects.
            var violations = report.Flows.Where(f => f.Status == "violation").ToList();
            Assert.Equal(AuditFixture.ManyProjects, violations.Count);
            Assert.Equal(report.Projects.Select(p => p.Name).OrderBy(n => n), violations.Select(f => f.Project).OrderBy(n => n));
            Assert.All(violations, f => Assert.Equal(f.Project + "/" + f.Project + ".cs", f.Location.File));
            Assert.Equal(AuditFixture.ManyProjects, report.Totals.Violations);
        }
    }
}
