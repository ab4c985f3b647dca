using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>MIN001 on flows inside one method: every source kind, every sink kind, locals, overwrites and minimizers.</summary>
    public class DirectFlowTests
    {
        [Fact]
        public Task Annotated_property_passed_to_partner_method_is_reported() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:r.CallerNumber|});
            }
            """, Min001Says(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "CallRecord.CallerNumber → PartnerGateway.Send"));

        [Fact]
        public Task Identity_through_a_local_names_the_local_in_the_path() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    var n = r.CallerNumber;
                    PartnerGateway.Send({|#0:n|});
                }
            }
            """, Min001Says(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "CallRecord.CallerNumber → local 'n' → PartnerGateway.Send"));

        [Fact]
        public Task Annotated_field_is_a_source() => Check("""
            using Minimization;
            using Telecom;
            class Device
            {
                [IdentityBearing(IdentityCategory.Imei)] public string Imei = "";
                void Share() => PartnerGateway.Send({|#0:Imei|});
            }
            """, Min001(0));

        [Fact]
        public Task Member_of_identity_bearing_type_is_a_source() => Check("""
            using Telecom;
            class Job
            {
                void Run(Subscriber s) => PartnerGateway.Send({|#0:s.Email|});
            }
            """, Min001(0));

        [Fact]
        public Task NonIdentifying_member_of_identity_bearing_type_is_clean() => Check("""
            using Telecom;
            class Job
            {
                void Run(Subscriber s)
                {
                    PartnerGateway.Send(s.SchemaVersion);
                    PartnerGateway.Send(s.Plan);
                }
            }
            """);

        [Fact]
        public Task Whole_value_of_identity_bearing_type_is_a_source() => Check("""
            using Telecom;
            class Job
            {
                void Run(Subscriber s) => PartnerGateway.Send({|#0:s|});
            }
            """, Min001(0));

        [Fact]
        public Task Member_of_type_implementing_identity_bearing_interface_is_a_source() => Check("""
            using Telecom;
            class Job
            {
                void Run(EmailHeader h) => PartnerGateway.Send({|#0:h.Subject|});
            }
            """, Min001(0));

        [Fact]
        public Task NonIdentifying_member_declared_on_interface_stays_clean_on_implementation() => Check("""
            using Telecom;
            class Job
            {
                void Run(EmailHeader h) => PartnerGateway.Send(h.SizeBytes);
            }
            """);

        [Fact]
        public Task Derived_type_of_identity_bearing_base_is_identity_bearing() => Check("""
            using Minimization;
            using Telecom;
            [IdentityBearing] class Person { public string Name { get; set; } = ""; }
            class Employee : Person { public string Badge { get; set; } = ""; }
            class Job
            {
                void Run(Employee e) => PartnerGateway.Send({|#0:e.Badge|});
            }
            """, Min001(0));

        [Fact]
        public Task Annotated_parameter_is_a_source_inside_the_method() => Check("""
            using Minimization;
            using Telecom;
            class Job
            {
                void Forward([IdentityBearing(IdentityCategory.Phone)] string msisdn) => PartnerGateway.Send({|#0:msisdn|});
            }
            """, Min001Says(0, "parameter 'msisdn'", "PartnerGateway.Send (partner \"UK\")", "parameter 'msisdn' → PartnerGateway.Send"));

        [Fact]
        public Task Annotated_return_value_is_a_source() => Check("""
            using Minimization;
            using Telecom;
            class Directory
            {
                [return: IdentityBearing(IdentityCategory.Email)]
                public static string Lookup(int id) => "a@example.com";
            }
            class Job
            {
                void Run() => PartnerGateway.Send({|#0:Directory.Lookup(7)|});
            }
            """, Min001(0));

        [Fact]
        public Task Partner_share_parameter_is_a_sink_and_other_parameters_are_not() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Route(r.CalleeNumber.Length.ToString(), {|#0:r.CallerNumber|});
                }
            }
            """, Min001Says(0, "CallRecord.CallerNumber", "PartnerGateway.Route(payload)", "CallRecord.CallerNumber → PartnerGateway.Route(payload)"));

        [Fact]
        public Task Partner_share_property_assignment_is_a_sink() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r, PartnerFeed feed)
                {
                    feed.Note = r.CallerNumber;
                    feed.Payload = {|#0:r.CallerNumber|};
                }
            }
            """, Min001(0));

        [Fact]
        public Task Partner_share_property_in_object_initializer_is_a_sink() => Check("""
            using Telecom;
            class Job
            {
                PartnerFeed Run(CallRecord r) => new PartnerFeed { Payload = {|#0:r.TowerId|} };
            }
            """, Min001(0));

        [Fact]
        public Task Compound_assignment_to_partner_property_reports_the_right_hand_side() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r, PartnerFeed feed)
                {
                    feed.Payload += {|#0:r.CallerNumber|};
                }
            }
            """, Min001(0));

        [Fact]
        public Task Interface_partner_share_member_is_a_sink() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r, IPartnerChannel channel) => channel.Publish({|#0:r.CallerNumber|});
            }
            """, Min001(0));

        [Fact]
        public Task Implementation_of_partner_share_interface_member_is_a_sink() => Check("""
            using Telecom;
            class AuChannel : IPartnerChannel
            {
                public void Publish(string payload) { }
            }
            class Job
            {
                void Run(CallRecord r, AuChannel channel) => channel.Publish({|#0:r.CallerNumber|});
            }
            """, Min001(0));

        [Fact]
        public Task Override_of_partner_share_method_is_a_sink() => Check("""
            using Minimization;
            using Telecom;
            abstract class Exporter { [PartnerShare("US")] public abstract void Export(string line); }
            sealed class CsvExporter : Exporter { public override void Export(string line) { } }
            class Job
            {
                void Run(CallRecord r, CsvExporter e) => e.Export({|#0:r.CallerNumber|});
            }
            """, Min001(0));

        [Fact]
        public Task Params_sink_reports_each_identity_element() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r) => PartnerGateway.SendAll(r.DurationSeconds, {|#0:r.CallerNumber|}, "x", {|#1:r.TowerId|});
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task Named_argument_is_reported_at_the_expression() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r) => PartnerGateway.Route(payload: {|#0:r.CallerNumber|}, partner: "UK");
            }
            """, Min001(0));

        [Fact]
        public Task Minimizer_result_is_clean() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    var token = Minimizers.Pseudonymize(r.CallerNumber, "UK");
                    PartnerGateway.Send(token);
                    PartnerGateway.Send(Minimizers.Minimize(r));
                }
            }
            """);

        [Fact]
        public Task Local_overwritten_with_clean_value_is_clean() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    var n = r.CallerNumber;
                    n = "redacted";
                    PartnerGateway.Send(n);
                }
            }
            """);

        [Fact]
        public Task Local_tainted_on_one_branch_is_reported_after_the_join() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r, bool verbose)
                {
                    var n = "anonymous";
                    if (verbose)
                    {
                        n = r.CallerNumber;
                    }

                    PartnerGateway.Send({|#0:n|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Clean_member_of_plain_record_is_not_reported() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Send(r.Region);
                    PartnerGateway.Send(r.DurationSeconds);
                    PartnerGateway.Log(r.CallerNumber);
                }
            }
            """);

        [Fact]
        public Task Sizes_and_predicates_of_identity_are_clean() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Send(r.CallerNumber.Length);
                    PartnerGateway.Send(r.CallerNumber.StartsWith("+1"));
                    PartnerGateway.Send(r.CallerNumber == r.CalleeNumber);
                }
            }
            """);

        [Fact]
        public Task Receiver_of_partner_method_is_not_a_sink() => Check("""
            using Minimization;
            using Telecom;
            class Outbox
            {
                public string Owner = "";
                [PartnerShare] public void Push(int count) { }
            }
            class Job
            {
                void Run(CallRecord r)
                {
                    var box = new Outbox { Owner = r.CallerNumber };
                    box.Push(3);
                }
            }
            """);

        [Fact]
        public Task Extension_partner_method_sinks_the_extended_value() => Check("""
            using Minimization;
            using Telecom;
            static class ShareExtensions
            {
                [PartnerShare("UK")] public static void ShareWithUk(this string value) { }
            }
            class Job
            {
                void Run(CallRecord r) => {|#0:r.CallerNumber|}.ShareWithUk();
            }
            """, Min001(0));

        [Fact]
        public Task Several_sources_in_one_argument_give_one_diagnostic_naming_all() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:r.CallerNumber + "->" + r.CalleeNumber|});
            }
            """, Min001Says(0, "CallRecord.CallerNumber, CallRecord.CalleeNumber", "PartnerGateway.Send (partner \"UK\")", "CallRecord.CallerNumber → PartnerGateway.Send"));

        [Fact]
        public Task Top_level_statements_are_analyzed() => CheckProgram("""
            using Telecom;
            var r = new CallRecord { CallerNumber = "+15555550123" };
            PartnerGateway.Send({|#0:r.CallerNumber|});
            """, Min001(0));

        [Fact]
        public Task Static_partner_method_with_unnamed_partner_is_reported_without_partner() => Check("""
            using Minimization;
            using Telecom;
            static class Ftp { [PartnerShare] public static void Upload(string data) { } }
            class Job
            {
                void Run(CallRecord r) => Ftp.Upload({|#0:r.CallerNumber|});
            }
            """, Min001Says(0, "CallRecord.CallerNumber", "Ftp.Upload", "CallRecord.CallerNumber → Ftp.Upload"));
    }
}
