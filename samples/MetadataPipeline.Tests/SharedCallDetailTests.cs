using FsCheck;
using FsCheck.Xunit;
using MetadataPipeline.Records;
using Minimization.Testing;
using Xunit;

namespace MetadataPipeline.Tests;

public class SharedCallDetailTests
{
    // Small, dense populations and fixed seeds keep these in CI's budget; MINIMIZATION_TESTING_SCALE raises them nightly.
    private static readonly MinimizerSpec<CallDetailRecord, SharedCallDetail> Spec =
        MinimizerSpec.For<CallDetailRecord, SharedCallDetail>(Harness.Minimize)
            .Population(p => p.Records(2_000).People(400).With(r => r.Region, "ON-EAST", "ON-GTA", "QC-SOUTH", "ON-NORTH"))
            .ResistsEnumeration(samples: 3)
            // The keyed pseudonym is the token. The exchange prefix is a generalization, the same for every partner by
            // design (it is not keyed): a quasi-identifier, ten thousand numbers wide in a real numbering plan.
            .Tokens(s => s.CallingNumber)
            .UnlinkableAcross("US", "UK", "AU", "NZ")
            .JoinableWithin("UK")
            .Runs(2);

    [Fact]
    public void Shared_calls_keep_no_number_and_resist_enumeration_of_the_callers_exchange() => Spec.Seed(20261102).Check();

    [Property(MaxTest = 2, Replay = "(20261103,1)")]
    public Property Shared_calls_hold_for_every_partner_population() => Spec.ToProperty();

    [Fact]
    public void A_called_number_kept_whole_is_singled_out_by_enumeration()
    {
        // The harness must catch the mistake the policy avoids: sharing the called number instead of its exchange.
        var leaky = MinimizerSpec.For<CallDetailRecord, SharedCallDetail>((r, ctx) => Harness.Minimize(r, ctx) with { CalledNumber = r.CalledNumber })
            .Population(p => p.Records(500).People(100))
            .Runs(1);

        HarnessReport report = leaky.Evaluate(seed: 7);

        Assert.False(report.Passed);
        Assert.True(report.Has(FindingKind.IdentifierSurvives), report.Label);
    }
}
