using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>How MIN001 is reported: one per argument, outermost in a chain, the message in words, and code shapes that must still be seen.</summary>
    public class ReportingTests
    {
        private const string UkSend = "PartnerGateway.Send (partner \"UK\")";

        [Fact]
        public Task Several_sources_in_one_argument_give_one_diagnostic_naming_every_source() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var line = $"{r.CallerNumber}->{r.CalleeNumber}@{r.TowerId} {r.Region}";
                    PartnerGateway.Send({|#0:line|});
                }
            }
            """, Min001Says(0, "CallRecord.CallerNumber, CallRecord.CalleeNumber, CallRecord.TowerId", UkSend, "CallRecord.CallerNumber → local 'line' → PartnerGateway.Send"));

        [Fact]
        public Task Sources_from_two_objects_meeting_in_a_helper_argument_give_one_diagnostic_naming_them_in_source_order() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Share(string payload) => PartnerGateway.Send(payload);

                void Run(CallRecord r, Subscriber s) => Share({|#0:s.Email + "/" + r.CallerNumber|});
            }
            """, Min001Says(0, "CallRecord.CallerNumber, Subscriber.Email", UkSend, "CallRecord.CallerNumber → CdrJob.Share(string) → PartnerGateway.Send"));

        [Fact]
        public Task Call_chain_is_reported_once_at_the_outermost_argument_with_the_path_through_every_call() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Level3(string value) => PartnerGateway.Send(value);
                static void Level2(string value) => Level3(value);
                static void Level1(string value) => Level2(value);

                void Run(CallRecord r) => Level1({|#0:r.CallerNumber|});
            }
            """, Min001Says(0, "CallRecord.CallerNumber", UkSend, "CallRecord.CallerNumber → CdrJob.Level1(string) → CdrJob.Level2(string) → CdrJob.Level3(string) → PartnerGateway.Send"));

        [Fact]
        public Task Path_names_the_local_and_the_helper_in_words() => Check("""
            using Telecom;
            class Job
            {
                static void Helper(string value) => PartnerGateway.Send(value);

                void Run(CallRecord r)
                {
                    var n = r.CallerNumber;
                    Helper({|#0:n|});
                }
            }
            """, Min001Says(0, "CallRecord.CallerNumber", UkSend, "CallRecord.CallerNumber → local 'n' → Job.Helper(string) → PartnerGateway.Send"));

        [Fact]
        public Task Callee_with_an_identity_bearing_parameter_type_is_reported_inside_not_at_its_callers() => Check("""
            using Telecom;
            class MailJob
            {
                static void ShareSubscriber(Subscriber subscriber) => PartnerGateway.Send({|#0:subscriber.Email|});

                void Run(Subscriber s)
                {
                    ShareSubscriber(s);
                    ShareSubscriber(s);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Each_sink_argument_of_one_call_gets_its_own_diagnostic() => Check("""
            using Minimization;
            using Telecom;
            static class UsFeed
            {
                [PartnerShare("US")] public static void Pair(string from, string to, int seconds) { }
            }
            class CdrJob
            {
                void Run(CallRecord r) => UsFeed.Pair({|#0:r.CallerNumber|}, {|#1:r.CalleeNumber|}, r.DurationSeconds);
            }
            """,
            Min001Says(0, "CallRecord.CallerNumber", "UsFeed.Pair (partner \"US\")", "CallRecord.CallerNumber → UsFeed.Pair"),
            Min001Says(1, "CallRecord.CalleeNumber", "UsFeed.Pair (partner \"US\")", "CallRecord.CalleeNumber → UsFeed.Pair"));

        [Fact]
        public Task Two_call_sites_of_one_sending_helper_are_reported_each_at_its_own_argument() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Share(string payload) => PartnerGateway.Send(payload);

                void Morning(CallRecord r) => Share({|#0:r.CallerNumber|});

                void Evening(CallRecord r)
                {
                    Share(r.Region);
                    Share({|#1:r.TowerId|});
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task Property_sink_message_names_the_property_and_its_partner() => Check("""
            using Telecom;
            class MailJob
            {
                void Run(EmailHeader header, PartnerFeed feed)
                {
                    var sender = header.From;
                    feed.Payload = {|#0:sender|};
                }
            }
            """, Min001Says(0, "EmailHeader.From", "PartnerFeed.Payload (partner \"NZ\")", "EmailHeader.From → local 'sender' → PartnerFeed.Payload"));

        [Fact]
        public Task Parameter_sink_through_a_helper_names_the_parameter() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Forward(string partner, string line) => PartnerGateway.Route(partner, line);

                void Run(CallRecord r) => Forward(r.Region, {|#0:r.TowerId|});
            }
            """, Min001Says(0, "CallRecord.TowerId", "PartnerGateway.Route(payload)", "CallRecord.TowerId → CdrJob.Forward(string, string) → PartnerGateway.Route(payload)"));

        [Fact]
        public Task Helper_that_sends_its_parameter_without_identity_reaching_it_is_silent() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Share(string payload) => PartnerGateway.Send(payload);

                void Run(CallRecord r)
                {
                    Share(r.Region);
                    Share(Minimizers.Pseudonymize(r.CallerNumber, "UK"));
                    Share(r.CallerNumber.Length.ToString());
                }
            }
            """);

        [Fact]
        public async Task Partial_class_split_across_files_is_analyzed_across_the_parts()
        {
            var test = new Test
            {
                TestCode = """
                    using Telecom;
                    partial class CdrExporter
                    {
                        void Run(CallRecord r)
                        {
                            Upload({|#0:r.TowerId|});
                            Upload(r.Region);
                        }
                    }
                    """,
            };
            test.TestState.Sources.Add(("CdrExporter.Upload.cs", """
                using Telecom;
                partial class CdrExporter
                {
                    private string _lastLine = "";

                    static void Upload(string line) => PartnerGateway.Send(line);

                    void Remember(CallRecord r) => _lastLine = r.CalleeNumber;
                }
                """));
            test.TestState.Sources.Add(("CdrExporter.Flush.cs", """
                using Telecom;
                partial class CdrExporter
                {
                    void Flush() => PartnerGateway.Send({|#1:_lastLine|});
                }
                """));
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.ExpectedDiagnostics.Add(Min001(0));
            test.ExpectedDiagnostics.Add(Min001(1));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Generic_record_keeps_identity_in_its_type_parameter_property_only() => Check("""
            using Telecom;
            record Envelope<T>(T Body, string Region, int Seconds);
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var envelope = new Envelope<string>(r.CallerNumber, r.Region, r.DurationSeconds);
                    PartnerGateway.Send({|#0:envelope.Body|});
                    PartnerGateway.Send(envelope.Region);
                    PartnerGateway.Send(envelope.Seconds);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Nullable_code_with_null_conditional_and_null_forgiving_is_reported() => Check("""
            #nullable enable
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord? r, IPartnerChannel? channel)
                {
                    string? caller = r?.CallerNumber;
                    if (caller is not null)
                    {
                        PartnerGateway.Send({|#0:caller|});
                    }

                    channel?.Publish({|#1:r!.TowerId|});
                    PartnerGateway.Send(r?.Region ?? "unknown");
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task Top_level_statements_are_analyzed_including_calls_into_declared_classes() => CheckProgram("""
            using Telecom;
            var call = new CallRecord { CallerNumber = "+15555550123", Region = "US-East" };
            var label = "cdr:" + call.CallerNumber;
            Exporter.Share({|#0:label|});
            Exporter.Share(call.Region);
            PartnerGateway.Send({|#1:call.TowerId|});
            PartnerGateway.Send(call.DurationSeconds);

            static class Exporter
            {
                public static void Share(string payload) => PartnerGateway.Send(payload);
            }
            """,
            Min001Says(0, "CallRecord.CallerNumber", UkSend, "CallRecord.CallerNumber → local 'label' → Exporter.Share(string) → PartnerGateway.Send"),
            Min001(1));

        [Fact]
        public Task Params_helper_that_sends_every_item_is_reported_at_each_identity_element() => Check("""
            using Telecom;
            class CdrJob
            {
                static void ShareAll(params string[] items)
                {
                    foreach (var item in items)
                    {
                        PartnerGateway.Send(item);
                    }
                }

                void Run(CallRecord r) => ShareAll(r.Region, {|#0:r.CallerNumber|}, r.DurationSeconds.ToString(), {|#1:r.TowerId|});
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task Call_chain_with_a_minimizer_in_the_middle_reports_nothing_at_any_level() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Level3(string value) => PartnerGateway.Send(value);
                static void Level2(string value) => Level3(Minimizers.Pseudonymize(value, "UK"));
                static void Level1(string value) => Level2(value);

                void Run(CallRecord r) => Level1(r.CallerNumber);
            }
            """);

        [Fact]
        public Task Identity_sent_only_to_the_log_through_helpers_is_silent() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Trace(string message) => PartnerGateway.Log("[cdr] " + message);
                static void Audit(CallRecord r) => Trace(r.CallerNumber + " -> " + r.CalleeNumber);

                void Run(CallRecord r)
                {
                    Audit(r);
                    Trace(r.TowerId);
                }
            }
            """);
    }
}
