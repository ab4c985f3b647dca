using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>MIN001 through the heap: DTO fields, static fields, initializers, collections, tuples, records, anonymous types.</summary>
    public class HeapTests
    {
        private const string Dto = """

            class CdrExport
            {
                public string Caller = "";
                public string Region = "";
                public int Seconds;
            }
            """;

        [Fact]
        public Task Only_the_identity_field_of_a_dto_leaks() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var e = new CdrExport();
                    e.Caller = r.CallerNumber;
                    e.Region = r.Region;
                    e.Seconds = r.DurationSeconds;
                    PartnerGateway.Send({|#0:e.Caller|});
                    PartnerGateway.Send(e.Region);
                    PartnerGateway.Send(e.Seconds);
                }
            }
            """ + Dto, Min001(0));

        [Fact]
        public Task Whole_dto_holding_an_identity_field_is_reported() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var e = new CdrExport();
                    e.Caller = r.CallerNumber;
                    e.Seconds = r.DurationSeconds;
                    PartnerGateway.Send({|#0:e|});
                }
            }
            """ + Dto, Min001(0));

        [Fact]
        public Task Whole_dto_holding_only_clean_values_is_clean() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var e = new CdrExport { Seconds = r.DurationSeconds };
                    e.Region = r.Region;
                    e.Caller = Minimizers.Pseudonymize(r.CallerNumber, "UK");
                    PartnerGateway.Send(e);
                }
            }
            """ + Dto);

        [Fact]
        public Task Object_initializer_field_with_identity_leaks_and_the_clean_one_does_not() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var e = new CdrExport { Caller = r.CalleeNumber, Region = r.Region, Seconds = 3 };
                    PartnerGateway.Send({|#0:e.Caller|});
                    PartnerGateway.Send(e.Region);
                    PartnerGateway.Send(e.Seconds);
                }
            }
            """ + Dto, Min001(0));

        [Fact]
        public Task Dto_field_overwritten_with_a_minimized_value_is_clean() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var e = new CdrExport();
                    e.Caller = r.CallerNumber;
                    e.Caller = Minimizers.Pseudonymize(r.CallerNumber, "UK");
                    PartnerGateway.Send(e.Caller);
                    PartnerGateway.Send(e);
                }
            }
            """ + Dto);

        [Fact]
        public Task Nested_dto_with_identity_deep_inside_is_reported_as_a_whole_but_not_its_clean_leaf() => Check("""
            using Telecom;
            class Envelope
            {
                public CdrExport Body = new CdrExport();
                public string Partner = "";
            }
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var env = new Envelope { Partner = "UK" };
                    env.Body.Caller = r.CallerNumber;
                    env.Body.Seconds = r.DurationSeconds;
                    PartnerGateway.Send({|#0:env|});
                    PartnerGateway.Send(env.Body.Seconds);
                    PartnerGateway.Send(env.Partner);
                }
            }
            """ + Dto, Min001(0));

        [Fact]
        public Task Static_field_written_in_one_method_and_sent_in_another_is_reported() => Check("""
            using Telecom;
            static class LastCall
            {
                private static string s_caller = "";

                public static void Record(CallRecord r) => s_caller = r.CallerNumber;

                public static void Flush() => PartnerGateway.Send({|#0:s_caller|});
            }
            """, Min001(0));

        [Fact]
        public Task Static_field_only_ever_written_with_clean_values_is_clean() => Check("""
            using Telecom;
            static class LastCall
            {
                private static string s_region = "";

                public static void Record(CallRecord r) => s_region = r.Region;

                public static void Flush() => PartnerGateway.Send(s_region);
            }
            """);

        [Fact]
        public Task Instance_field_written_in_one_method_and_sent_in_another_is_reported() => Check("""
            using Telecom;
            class MailBatch
            {
                private string _pendingSender = "";
                private int _pendingBytes;

                public void Record(EmailHeader header)
                {
                    _pendingSender = header.From;
                    _pendingBytes = header.SizeBytes;
                }

                public void Flush(IPartnerChannel channel)
                {
                    channel.Publish({|#0:_pendingSender|});
                    channel.Publish(_pendingBytes.ToString());
                }
            }
            """, Min001(0));

        [Fact]
        public Task Instance_field_written_with_a_minimized_value_is_clean_when_sent_elsewhere() => Check("""
            using Telecom;
            class MailBatch
            {
                private string _pendingSender = "";

                public void Record(EmailHeader header) => _pendingSender = Minimizers.Pseudonymize(header.From, "AU");

                public void Flush(IPartnerChannel channel) => channel.Publish(_pendingSender);
            }
            """);

        [Fact]
        public Task Collection_initializer_with_one_identity_element_taints_the_list() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var batch = new List<string> { r.Region, r.CallerNumber };
                    PartnerGateway.Send({|#0:batch|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task List_Add_then_indexer_read_carries_identity() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var towers = new List<string>();
                    towers.Add(r.TowerId);
                    PartnerGateway.Send({|#0:towers[0]|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task List_of_clean_values_is_clean_including_its_count() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var regions = new List<string>();
                    regions.Add(r.Region);
                    PartnerGateway.Send(regions[0]);
                    PartnerGateway.Send(regions);
                    var numbers = new List<string> { r.CallerNumber };
                    PartnerGateway.Send(numbers.Count);
                }
            }
            """);

        [Fact]
        public Task Array_element_store_taints_what_is_joined_from_the_array() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var parts = new string[3];
                    parts[0] = r.Region;
                    parts[1] = r.DurationSeconds.ToString();
                    parts[2] = r.CallerNumber;
                    PartnerGateway.Send({|#0:string.Join(";", parts)|});
                    PartnerGateway.Send(parts.Length);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Dictionary_indexer_store_and_read_carries_identity() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var fields = new Dictionary<string, string>();
                    fields["region"] = r.Region;
                    fields["caller"] = r.CallerNumber;
                    PartnerGateway.Send({|#0:fields["caller"]|});
                    PartnerGateway.Send(fields.Count);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Foreach_over_dictionary_values_carries_identity() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class MailJob
            {
                void Run(IEnumerable<Subscriber> subscribers, IPartnerChannel channel)
                {
                    var emails = new Dictionary<int, string>();
                    var i = 0;
                    foreach (var s in subscribers)
                    {
                        emails.Add(i++, s.Email);
                    }

                    foreach (var pair in emails)
                    {
                        channel.Publish({|#0:pair.Value|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Foreach_over_a_ToList_copy_carries_identity() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var numbers = new List<string>();
                    numbers.Add(r.CallerNumber);
                    numbers.Add(r.CalleeNumber);
                    foreach (var number in numbers.ToList())
                    {
                        PartnerGateway.Send({|#0:number|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Membership_test_on_a_set_of_identity_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r, HashSet<string> blocked)
                {
                    blocked.Add(r.CallerNumber);
                    PartnerGateway.Send(blocked.Contains(r.CalleeNumber));
                    PartnerGateway.Send(blocked.Count);
                }
            }
            """);

        [Fact]
        public Task Tuple_element_with_identity_leaks_and_the_clean_element_does_not() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var pair = (Caller: r.CallerNumber, Seconds: r.DurationSeconds);
                    PartnerGateway.Send({|#0:pair.Caller|});
                    PartnerGateway.Send(pair.Seconds);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Deconstructed_tuple_keeps_identity_on_the_right_variable_only() => Check("""
            using Telecom;
            class ExportJob
            {
                static (string Tower, string Region) Locate(CallRecord r) => (r.TowerId, r.Region);

                void Run(CallRecord r)
                {
                    var (tower, region) = Locate(r);
                    PartnerGateway.Send({|#0:tower|});
                    PartnerGateway.Send(region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Record_copied_with_with_keeps_its_identity_property() => Check("""
            using Telecom;
            record CallSummary(string Caller, string Region);
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var summary = new CallSummary(r.CallerNumber, r.Region);
                    var moved = summary with { Region = "EU" };
                    PartnerGateway.Send({|#0:moved.Caller|});
                    PartnerGateway.Send(moved.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Record_with_its_identity_property_replaced_by_a_minimized_value_is_clean() => Check("""
            using Telecom;
            record CallSummary(string Caller, string Region);
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var summary = new CallSummary(r.CallerNumber, r.Region);
                    var safe = summary with { Caller = Minimizers.Pseudonymize(summary.Caller, "NZ") };
                    PartnerGateway.Send(safe.Caller);
                    PartnerGateway.Send(safe);
                }
            }
            """);

        [Fact]
        public Task Anonymous_type_member_with_identity_leaks_and_the_clean_member_does_not() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var row = new { Caller = r.CallerNumber, r.Region, r.DurationSeconds };
                    PartnerGateway.Send({|#0:row.Caller|});
                    PartnerGateway.Send(row.Region);
                    PartnerGateway.Send(row.DurationSeconds);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Auto_property_set_in_one_statement_and_read_in_another_carries_identity() => Check("""
            using Telecom;
            class OutboundMail
            {
                public string Sender { get; set; } = "";
                public int Bytes { get; set; }
            }
            class MailJob
            {
                void Run(EmailHeader header, PartnerFeed feed)
                {
                    var mail = new OutboundMail();
                    mail.Sender = header.From;
                    mail.Bytes = header.SizeBytes;
                    feed.Payload = {|#0:mail.Sender|};
                    feed.Payload = mail.Bytes.ToString();
                }
            }
            """, Min001(0));

        [Fact]
        public Task Dictionary_TryGetValue_out_value_carries_identity() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var fields = new Dictionary<string, string> { ["caller"] = r.CallerNumber };
                    if (fields.TryGetValue("caller", out var caller))
                    {
                        PartnerGateway.Send({|#0:caller|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Struct_copy_keeps_identity_in_its_field_only() => Check("""
            using Telecom;
            struct CallKey
            {
                public string Tower;
                public int Hour;
            }
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var key = new CallKey { Tower = r.TowerId, Hour = r.StartedAt.Hour };
                    var copy = key;
                    PartnerGateway.Send({|#0:copy.Tower|});
                    PartnerGateway.Send(copy.Hour);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Local_overwritten_in_a_loop_with_clean_values_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(List<CallRecord> calls)
                {
                    var last = calls.Count > 0 ? calls[0].CallerNumber : "";
                    last = "none";
                    foreach (var c in calls)
                    {
                        last = c.Region;
                    }

                    PartnerGateway.Send(last);
                }
            }
            """);

        [Fact]
        public Task Field_of_a_parameter_object_overwritten_before_sending_is_clean() => Check("""
            using Telecom;
            class ExportJob
            {
                void Fill(CdrExport e, CallRecord r)
                {
                    e.Caller = r.CallerNumber;
                    e.Caller = Minimizers.Pseudonymize(e.Caller, "UK");
                    PartnerGateway.Send(e.Caller);
                }
            }
            """ + Dto);

        [Fact]
        public Task List_of_minimized_values_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var tokens = new List<string>();
                    foreach (var c in calls)
                    {
                        tokens.Add(Minimizers.Pseudonymize(c.CallerNumber, "UK"));
                    }

                    PartnerGateway.Send(tokens);
                    PartnerGateway.Send(tokens[0]);
                }
            }
            """);

        [Fact]
        public Task Dictionary_keyed_and_valued_by_clean_members_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class ExportJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var secondsByRegion = new Dictionary<string, int>();
                    foreach (var c in calls)
                    {
                        secondsByRegion.TryGetValue(c.Region, out var seconds);
                        secondsByRegion[c.Region] = seconds + c.DurationSeconds;
                    }

                    PartnerGateway.Send(secondsByRegion);
                }
            }
            """);

        [Fact]
        public Task Tuple_and_anonymous_object_of_clean_members_are_clean() => Check("""
            using Telecom;
            class ExportJob
            {
                void Run(CallRecord r)
                {
                    var pair = (r.Region, r.DurationSeconds);
                    PartnerGateway.Send(pair);
                    var row = new { r.Region, Digits = r.CallerNumber.Length, r.StartedAt };
                    PartnerGateway.Send(row);
                }
            }
            """);

        [Fact]
        public Task Clean_field_of_an_object_that_also_holds_identity_is_clean_when_read_elsewhere() => Check("""
            using Telecom;
            class MailBatch
            {
                private string _sender = "";
                private int _bytes;

                public void Record(EmailHeader header)
                {
                    _sender = header.From;
                    _bytes = header.SizeBytes;
                }

                public void Flush(IPartnerChannel channel)
                {
                    PartnerGateway.Log(_sender);
                    channel.Publish(_bytes.ToString());
                }
            }
            """);

        [Fact]
        public Task Dto_type_carrying_identity_elsewhere_is_clean_when_the_caller_passes_a_clean_instance() => Check("""
            using Telecom;
            public sealed class Envelope { public string Body { get; set; } = ""; }
            class Pipeline
            {
                void Audit(CallRecord r)
                {
                    var e = new Envelope { Body = r.CallerNumber };
                    PartnerGateway.Log(e.Body);
                }

                static void Forward(Envelope e) => PartnerGateway.Send(e.Body);

                void Share(CallRecord r) => Forward(new Envelope { Body = r.Region });
            }
            """);

        [Fact]
        public Task Dto_instance_filled_with_identity_and_passed_to_a_sending_helper_is_reported_at_the_call() => Check("""
            using Telecom;
            public sealed class Envelope { public string Body { get; set; } = ""; }
            class Pipeline
            {
                static void Forward(Envelope e) => PartnerGateway.Send(e.Body);

                void Share(CallRecord r)
                {
                    var e = new Envelope { Body = r.CallerNumber };
                    Forward({|#0:e|});
                }
            }
            """, Min001(0));
    }
}
