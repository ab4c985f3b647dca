using System;
using System.Collections.Generic;
using Minimization;
using Minimization.Runtime;

namespace Minimization.Testing.Tests.RedTeam
{
    /// <summary>A party of a call, minimized by its own generated minimizer wherever it is nested.</summary>
    [IdentityBearing, GenerateMinimizer]
    public sealed partial record CallParty
    {
        [IdentityBearing(IdentityCategory.Phone)]
        [Pseudonymize]
        public string Msisdn { get; init; } = "";

        [IdentityBearing(IdentityCategory.Email)]
        [Pseudonymize]
        public List<string> Emails { get; init; } = new List<string>();
    }

    /// <summary>A call whose minimizer the generator writes from the policy on each member.</summary>
    [IdentityBearing, GenerateMinimizer("SharedGeneratedCall")]
    public sealed partial record GeneratedCall
    {
        [Nested]
        public CallParty Caller { get; init; } = new CallParty();

        [IdentityBearing(IdentityCategory.CellTower)]
        [Drop]
        public string CellId { get; init; } = "";

        [IdentityBearing(IdentityCategory.Timestamp)]
        [TruncateTime(TimeGranularity.Day)]
        public DateTime At { get; init; }

        [NonIdentifying]
        [Bucket(60)]
        public long Seconds { get; init; }
    }

    public static class GeneratedMinimizers
    {
        /// <summary>The generated minimizer, every key from the harness's context, as the pipeline would run it.</summary>
        public static SharedGeneratedCall Minimize(GeneratedCall call, MinimizerContext ctx)
        {
            using var keys = new DerivedKeyProvider(ctx.Key);
            using var context = new MinimizationContext(ctx.Partner, keys);
            return call.Minimize(context);
        }
    }
}
