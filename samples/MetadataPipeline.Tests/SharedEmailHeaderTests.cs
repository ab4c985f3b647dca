using FsCheck;
using FsCheck.Xunit;
using MetadataPipeline.Records;
using Minimization.Testing;
using Xunit;

namespace MetadataPipeline.Tests;

public class SharedEmailHeaderTests
{
    private static readonly MinimizerSpec<EmailHeaderRecord, SharedEmailHeader> Spec =
        MinimizerSpec.For<EmailHeaderRecord, SharedEmailHeader>(Harness.Minimize)
            .Population(p => p.Records(2_000).People(400))
            .QuasiIdentifiers(s => s.SentAt)
            .ResistsEnumeration(samples: 3)
            // The pseudonymized addresses are the tokens; the /24 network is a generalization shared by every partner.
            .Tokens(s => s.From, s => s.To)
            .UnlinkableAcross("US", "UK", "AU", "NZ")
            .JoinableWithin("NZ")
            .Runs(2);

    [Fact]
    public void Shared_headers_keep_no_address_and_are_k_anonymous_by_day() => Spec.Seed(20261104).Check();

    [Property(MaxTest = 2, Replay = "(20261105,1)")]
    public Property Shared_headers_hold_for_every_partner_population() => Spec.ToProperty();
}
