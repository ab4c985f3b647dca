using MetadataPipeline.Records;
using Minimization.Runtime;
using Minimization.Testing;

namespace MetadataPipeline.Tests;

/// <summary>
/// Runs the generated minimizers the way the pipeline does, with every key taken from the harness's context: the
/// harness gives the real run secret keys and the attacker the same code with keys of its own.
/// </summary>
internal static class Harness
{
    public static SharedCallDetail Minimize(CallDetailRecord call, MinimizerContext ctx)
        => call.Minimize(new MinimizationContext(ctx.Partner, new DerivedKeyProvider(ctx.Key)));

    public static SharedEmailHeader Minimize(EmailHeaderRecord header, MinimizerContext ctx)
        => header.Minimize(new MinimizationContext(ctx.Partner, new DerivedKeyProvider(ctx.Key)));
}
