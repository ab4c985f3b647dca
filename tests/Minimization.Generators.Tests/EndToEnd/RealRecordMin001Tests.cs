using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Minimization.Analyzers;
using Minimization.Generators.Tests.Generator;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.EndToEnd
{
    /// <summary>
    /// The real-record sample with its generated minimizers and a [PartnerShare] gateway, checked by IdentityFlowAnalyzer:
    /// the minimized message, its nested and collection members and a minimized batch may be shared; the raw ones may not.
    /// </summary>
    public class RealRecordMin001Tests
    {
        private const string Gateway = """
            using System.Collections.Generic;
            using Minimization;
            using Minimization.Runtime;

            namespace Messaging
            {
                public static class PartnerGateway
                {
                    [PartnerShare("UK")] public static void Send(object? payload) { }
                }

                public static class Release
                {
                    public static void ShareMinimized(Email email, IEnumerable<Device> devices, MinimizationContext context)
                    {
                        SharedEmail shared = email.Minimize(context);
                        PartnerGateway.Send(/*minimized*/shared);
                        PartnerGateway.Send(/*nested*/shared.From);
                        PartnerGateway.Send(/*recipients*/shared.To);
                        PartnerGateway.Send(/*cc*/shared.Cc);
                        PartnerGateway.Send(/*relays*/shared.Relays);
                        PartnerGateway.Send(/*opened*/shared.Opened);
                        PartnerGateway.Send(/*device*/shared.Device);
                        PartnerGateway.Send(/*sent*/shared.Sent);
                        PartnerGateway.Send(/*accountopened*/shared.AccountOpened);
                        PartnerGateway.Send(/*batch*/devices.MinimizeBatch(context));
                        foreach (SharedEmail item in new[] { email }.MinimizeBatch(context))
                        {
                            PartnerGateway.Send(/*postal*/item.PostalCode);
                        }
                    }

                    public static void ShareRaw(Email email)
                    {
                        PartnerGateway.Send(/*rawnested*/email.From);
                        PartnerGateway.Send(/*rawrecipients*/email.To);
                        PartnerGateway.Send(/*rawcc*/email.Cc);
                    }
                }
            }
            """;

        private static async Task<(ImmutableArray<Diagnostic> Diagnostics, string Text)> AnalyzeAsync()
        {
            (Compilation output, _) = TestCompilation.Generate(TestCompilation.Create(Samples.Messaging, Gateway));
            Assert.Empty(TestCompilation.Problems(output));
            ImmutableArray<Diagnostic> diagnostics = await TestCompilation.AnalyzeAsync(output, new IdentityFlowAnalyzer(), new PolicyAnalyzer());
            return (diagnostics, output.SyntaxTrees.Single(t => t.ToString().Contains("class PartnerGateway")).ToString());
        }

        private static bool ReportedAt(Diagnostic d, string text, string marker)
            => d.Id == "MIN001"
               && d.Location.SourceTree is not null
               && d.Location.SourceTree.ToString() == text
               && text.Substring(0, d.Location.SourceSpan.Start).TrimEnd().EndsWith("/*" + marker + "*/");

        [Fact]
        public async Task Minimized_messages_nested_records_recipients_and_batches_pass_MIN001()
        {
            (ImmutableArray<Diagnostic> diagnostics, string text) = await AnalyzeAsync();
            foreach (string marker in new[] { "minimized", "nested", "recipients", "cc", "relays", "opened", "device", "sent", "accountopened", "batch", "postal" })
            {
                Assert.DoesNotContain(diagnostics, d => ReportedAt(d, text, marker));
            }

            Assert.DoesNotContain(diagnostics, d => string.CompareOrdinal(d.Id, "MIN002") >= 0 && string.CompareOrdinal(d.Id, "MIN015") <= 0);
        }

        [Fact]
        public async Task Raw_nested_records_and_raw_recipient_lists_fail_MIN001()
        {
            (ImmutableArray<Diagnostic> diagnostics, string text) = await AnalyzeAsync();
            foreach (string marker in new[] { "rawnested", "rawrecipients", "rawcc" })
            {
                Assert.Contains(diagnostics, d => ReportedAt(d, text, marker));
            }
        }
    }
}
