using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// When the value stored into a field or property has its own control flow (<c>?.</c>, <c>??</c>, <c>? :</c>, an
    /// object initializer), the control-flow graph captures the assignment's target before it evaluates the value. The store
    /// goes into the member all the same, and capturing the target is not a read of it.
    /// </summary>
    public class CapturedTargetTests
    {
        [Fact]
        public Task A_field_assigned_through_a_conditional_access_in_the_constructor_holds_what_was_stored() => Check("""
            using Telecom;
            sealed class Relay
            {
                private readonly string _number;

                public Relay(CallRecord r)
                {
                    _number = r?.CallerNumber ?? "unknown";
                }

                public void Forward() => PartnerGateway.Send({|#0:_number|});
            }
            """, Min001(0));

        [Fact]
        public Task A_property_assigned_through_a_conditional_expression_on_this_holds_what_was_stored() => Check("""
            using Telecom;
            sealed class Relay
            {
                public string Number { get; private set; } = "";

                public void Take(CallRecord r, bool caller)
                {
                    Number = caller ? r.CallerNumber : r.CalleeNumber;
                }

                public void Forward() => PartnerGateway.Send({|#0:Number|});
            }
            """, Min001(0));

        [Fact]
        public Task A_local_object_filled_through_a_coalesce_is_tracked_member_by_member() => Check("""
            using Telecom;
            sealed class Holder { public string Number { get; set; } = ""; public string Region { get; set; } = ""; }
            static class Relay
            {
                public static void Forward(CallRecord r)
                {
                    var h = new Holder();
                    h.Number = r?.CallerNumber ?? "none";
                    h.Region = r?.Region ?? "none";
                    PartnerGateway.Send({|#0:h.Number|});
                    PartnerGateway.Send(h.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_static_field_assigned_through_a_conditional_access_is_seen_by_every_reader() => Check("""
            using Telecom;
            static class Last
            {
                public static string Number = "";
            }

            static class Intake
            {
                public static void Receive(CallRecord r) => Last.Number = r?.CallerNumber ?? "";
            }

            static class Export
            {
                public static void Run() => PartnerGateway.Send({|#0:Last.Number|});
            }
            """, Min001(0));

        [Fact]
        public Task A_compound_assignment_through_a_conditional_access_keeps_what_the_member_held_and_adds_the_new_value() => Check("""
            using Telecom;
            sealed class Log
            {
                private string _text = "";

                public void Add(CallRecord r) => _text += r?.CallerNumber;

                public void Flush() => PartnerGateway.Send({|#0:_text|});
            }
            """, Min001(0));

        [Fact]
        public Task A_coalescing_assignment_returns_what_the_field_already_held() => Check("""
            using Telecom;
            sealed class Last
            {
                private string? _number;

                public void Set(CallRecord r) => _number = r.CallerNumber;

                public string Get() => _number ??= "none";

                public void Forward() => PartnerGateway.Send({|#0:Get()|});
            }
            """, Min001(0));

        [Fact]
        public Task A_field_assigned_a_clean_value_through_a_conditional_access_stays_clean() => Check("""
            using Telecom;
            sealed class Relay
            {
                private readonly string _region;

                public Relay(CallRecord r)
                {
                    _region = r?.Region ?? "unknown";
                }

                public void Forward() => PartnerGateway.Send(_region);
            }
            """);

        [Fact]
        public Task A_property_sink_assigned_through_a_conditional_access_reports_the_store() => Check("""
            using Minimization;
            using Telecom;
            sealed class Outbox
            {
                [PartnerShare] public string Payload { get; set; } = "";
            }

            static class Relay
            {
                public static void Forward(CallRecord r, Outbox o)
                {
                    o.Payload = {|#0:r?.CallerNumber ?? ""|};
                }
            }
            """, Min001(0));
    }
}
