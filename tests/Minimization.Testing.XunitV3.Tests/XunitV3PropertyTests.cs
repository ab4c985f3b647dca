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

namespace Minimization.Testing.XunitV3.Tests
{
    public sealed class Call
    {
        [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; set; } = "";
        [IdentityBearing(IdentityCategory.Timestamp)] public DateTime StartedAt { get; set; }
        [IdentityBearing(IdentityCategory.CellTower)] public string TowerId { get; set; } = "";
    }

    public sealed record SharedCall(string Token, string Region, string Day);

    /// <summary>The same spec runs as an xunit v3 [Property] (FsCheck.Xunit.v3), a [Fact] with Check(), and fails readably.</summary>
    public class XunitV3PropertyTests
    {
        private static string Digits(string phone) => new string(Array.FindAll(phone.ToCharArray(), char.IsDigit));

        private static SharedCall Good(Call c, MinimizerContext ctx)
        {
            string lac = c.TowerId.Split('-')[2];
            string region = lac[0] == '9' ? "rural" : lac;
            string day = c.StartedAt.ToString(region == "rural" ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            string token = Convert.ToHexString(HMACSHA256.HashData(ctx.KeyFor(ctx.Partner + "/" + day), Encoding.UTF8.GetBytes(Digits(c.CallerNumber))), 0, 10);
            return new SharedCall(token, region, day);
        }

        private static readonly MinimizerSpec<Call, SharedCall> Spec = MinimizerSpec.For<Call, SharedCall>(Good)
            .Population(p => p.Records(4_000).People(800).Regions(4).Outliers(0.01))
            .QuasiIdentifiers(s => s.Region, s => s.Day)
            .UnlinkableAcross("UK", "US");

        [Property(MaxTest = 1, Replay = "(12345,67891)")]
        public Property A_spec_is_the_body_of_an_xunit_v3_property() => Spec.ToProperty();

        [Fact]
        public void Check_runs_without_fscheck_runner_and_returns_the_report()
        {
            HarnessReport report = Spec.Runs(1).Seed(7).Check();
            Assert.True(report.Passed, report.Label);
        }

        [Fact]
        public void A_failing_property_fails_the_fscheck_run_with_the_harness_message()
        {
            Property leaky = MinimizerSpec.For<Call, SharedCall>(c => new SharedCall(c.CallerNumber, "r", "d")).Population(p => p.Records(200).People(40)).ToProperty();
            Exception e = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(1).WithReplay(new Replay(new Rnd(1UL, 3UL), null)), leaky));
            Assert.Contains("no identifier survives: FAILED (200 of 200 records carry an identifier (allowed: 0))", e.Message);
            Assert.Matches(@"Original:\s+population seed \d+ \(200 records of Call; replay with Evaluate\(\d+\)\)", e.Message);
            Assert.DoesNotContain("seq", e.Message);
            Assert.DoesNotContain("Expected true, got false", e.Message);
        }
    }
}
