using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 5 does not depend on a field's accessibility: a collection held in an <c>internal</c> or <c>public</c> field
    /// carries what one class puts in to where another takes it out. A collection property of a data object that other code
    /// can reach travels with its object.
    /// </summary>
    public class SharedFieldAccessibilityTests
    {
        [Fact]
        public Task A_number_queued_in_a_public_field_of_one_service_is_reported_where_another_service_sends_it() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            public sealed class Intake
            {
                public readonly ConcurrentQueue<string> Pending = new();
            }

            public sealed class Receiver
            {
                private readonly Intake _intake = new();
                public void On(CallRecord r) => _intake.Pending.Enqueue(r.CalleeNumber);
            }

            public sealed class Forwarder
            {
                private readonly Intake _intake = new();
                public void Tick()
                {
                    while (_intake.Pending.TryDequeue(out var number))
                    {
                        PartnerGateway.Send({|#0:number|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task An_internal_list_field_filled_with_regions_only_is_not_reported_where_another_class_sends_it() => Check("""
            using System.Collections.Generic;
            using Telecom;
            internal sealed class Regions
            {
                internal readonly List<string> Seen = new();
                public void On(CallRecord r) => Seen.Add(r.Region);
            }

            internal sealed class Report
            {
                private readonly Regions _regions = new();
                public void Tick() => PartnerGateway.Send(string.Join(",", _regions.Seen));
            }
            """);

        [Fact]
        public Task A_public_list_property_of_a_data_object_travels_with_its_object_and_not_to_another_one() => Check("""
            using System.Collections.Generic;
            using Telecom;
            public sealed class Batch
            {
                public List<string> Numbers { get; } = new();
            }

            public sealed class Exporter
            {
                public void Run(CallRecord r)
                {
                    var kept = new Batch();
                    kept.Numbers.Add(r.CallerNumber);
                    var sent = new Batch();
                    sent.Numbers.Add(r.Region);
                    PartnerGateway.Send(string.Join(",", sent.Numbers));
                    PartnerGateway.Send({|#0:string.Join(",", kept.Numbers)|});
                }
            }
            """, Min001(0));
    }
}
