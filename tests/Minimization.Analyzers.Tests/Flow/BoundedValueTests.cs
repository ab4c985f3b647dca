using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Values and summaries are bounded by widening, never by dropping: a set past its cap keeps every source and folds
    /// member paths into their parameters, so what is cut is precision, not a flow; and a component whose values swing
    /// between a widened and a detailed form still settles.
    /// </summary>
    public class BoundedValueTests
    {
        private static string Parameters(int n) => string.Join(", ", Enumerable.Range(0, n).Select(i => "string p" + i));

        private static string Concatenation(int n) => string.Join(" + ", Enumerable.Range(0, n).Select(i => "p" + i));

        private static string Arguments(int n, int identityAt) => string.Join(", ", Enumerable.Range(0, n).Select(i => i == identityAt ? "r.CallerNumber" : "\"x\""));

        [Fact]
        public Task A_value_built_from_more_parameters_than_the_label_cap_still_carries_the_last_one() => Check($$"""
            using Telecom;
            static class Wide
            {
                public static string Join({{Parameters(30)}}) => {{Concatenation(30)}};
                public static void Share(CallRecord r) => PartnerGateway.Send({|#0:Join({{Arguments(30, 29)}})|});
            }
            """, Min001(0));

        [Fact]
        public Task A_value_built_from_more_parameters_than_the_label_cap_stays_clean_when_none_carries_identity() => Check($$"""
            using Telecom;
            static class Wide
            {
                public static string Join({{Parameters(30)}}) => {{Concatenation(30)}};
                public static void Share(CallRecord r) => PartnerGateway.Send(Join({{Arguments(30, -1)}}));
            }
            """);

        [Fact]
        public Task A_sink_reached_by_more_members_of_a_parameter_than_the_reach_cap_is_still_reported_at_the_caller() => Check($$"""
            using Telecom;
            sealed class Bag { {{string.Join(" ", Enumerable.Range(0, 60).Select(i => "public string F" + i + " { get; set; } = \"\";"))}} }
            static class Fanout
            {
                public static void SendAll(Bag b)
                {
            {{string.Join("\n", Enumerable.Range(0, 60).Select(i => "        PartnerGateway.Send(b.F" + i + ");"))}}
                }

                public static void Share(CallRecord r)
                {
                    var b = new Bag();
                    b.F59 = r.CallerNumber;
                    Fanout.SendAll({|#0:b|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_public_collection_of_a_data_object_travels_with_its_object_and_is_not_shared_by_every_object_of_its_type() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class Envelope
            {
                public List<string> Tags { get; } = new List<string>();
            }

            sealed class Intake
            {
                public Envelope Receive(CallRecord r)
                {
                    var kept = new Envelope();
                    kept.Tags.Add(r.CallerNumber);
                    return kept;
                }
            }

            sealed class Export
            {
                private static Envelope Fresh() => new Envelope();

                public void Run()
                {
                    var other = Fresh();
                    foreach (var tag in other.Tags)
                    {
                        PartnerGateway.Send(tag);
                    }
                }
            }
            """);

        [Fact]
        public Task A_private_collection_of_a_service_is_shared_by_its_methods_whoever_fills_it() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class Spool
            {
                private readonly List<string> _lines = new List<string>();
                public void Keep(string line) => _lines.Add(line);
                public void Ship()
                {
                    foreach (var line in _lines)
                    {
                        PartnerGateway.Send({|#0:line|});
                    }
                }
            }

            sealed class Intake
            {
                private readonly Spool _spool = new Spool();
                public void On(CallRecord r) => _spool.Keep(r.CallerNumber);
            }
            """, Min001(0));

        [Fact]
        public Task An_event_handler_added_on_every_pass_of_a_recursive_component_is_reported_where_identity_is_raised_through_it() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class Recorder
            {
                private readonly Dictionary<string, Recorder> _children = new Dictionary<string, Recorder>();
                public event Action<string>? Exited;

                public void Start(CallRecord r, int depth)
                {
                    Exited += line => PartnerGateway.Send(line);
                    if (depth > 0)
                    {
                        var child = new Recorder();
                        _children[r.Region] = child;
                        child.Start(r, depth - 1);
                        Restart(depth - 1);
                    }

                    Exited?.Invoke({|#0:r.CallerNumber|});
                }

                private void Restart(int depth)
                {
                    foreach (var child in _children.Values)
                    {
                        child.Start(new CallRecord(), depth);
                    }
                }
            }
            """, Min001(0));
    }
}
