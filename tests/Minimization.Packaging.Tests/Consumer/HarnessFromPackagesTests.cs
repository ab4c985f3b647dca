using System;
using System.IO;
using System.Text.RegularExpressions;
using Minimization.Packaging.Tests.Infrastructure;
using Xunit;

namespace Minimization.Packaging.Tests.Consumer
{
    /// <summary>The FsCheck [Property] integration from the packed Minimization.Testing package, with each xunit generation.</summary>
    [Collection(NestedBuilds.Name)]
    public class HarnessFromPackagesTests
    {
        private readonly PackagingWorkspace _workspace;

        public HarnessFromPackagesTests(PackagingWorkspace workspace) => _workspace = workspace;

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_test_project_runs_a_spec_as_an_FsCheck_property_from_the_packed_harness(bool xunitV3)
        {
            HarnessConsumerRun run = xunitV3 ? _workspace.HarnessXunitV3 : _workspace.HarnessXunitV2;

            Assert.True(run.Test.ExitCode == 0, run.Flavour + " consumer's dotnet test failed:\n" + run.Test.Output);
            // All three ran: the property, the fact with Check(), and the fact that a leaky minimizer fails its property.
            Assert.Matches(new Regex(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+3,"), run.Test.Output);

            // The harness came from the feed just packed, into the consumer's own package folder.
            string restored = Path.Combine(run.PackagesFolder, "minimization.testing", Nested.Version, "minimization.testing." + Nested.Version + ".nupkg");
            Assert.True(File.Exists(restored), "Minimization.Testing was not restored from the feed:\n" + run.Test.Output);
            Assert.Equal(File.ReadAllBytes(_workspace.Feed.Packages["Minimization.Testing"].Path), File.ReadAllBytes(restored));
        }
    }
}
