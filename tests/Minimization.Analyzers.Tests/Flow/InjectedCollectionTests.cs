using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 5 across classes: a queue or channel handed to a producer's constructor and to a consumer's (a singleton of
    /// the container, with no composition root in the code) is one object, so what the producer puts in the consumer takes
    /// out. Collections of another type, or made by the consumer itself, are other objects.
    /// </summary>
    public sealed class InjectedCollectionTests
    {
        private const string Outbox = """
            using System.Collections.Concurrent;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Enrollment
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public int Plan { get; set; }
            }

            static class MarketingPartner
            {
                [PartnerShare("FR")] public static void Upload(string line) { }
            }

            sealed class EnrollmentProducer
            {
                private readonly Channel<string> _outbox;
                public EnrollmentProducer(Channel<string> outbox) { _outbox = outbox; }
                public ValueTask Enrolled(Enrollment e) => _outbox.Writer.WriteAsync(e.Email + ";" + e.Plan);
            }
            """;

        [Fact]
        public Task A_channel_injected_into_a_producer_and_a_consumer_is_reported_where_the_consumer_sends_what_it_reads() => Check(Outbox + """

            sealed class UploadWorker
            {
                private readonly Channel<string> _lines;
                public UploadWorker(Channel<string> lines) { _lines = lines; }
                public async Task RunAsync()
                {
                    await foreach (var line in _lines.Reader.ReadAllAsync())
                    {
                        MarketingPartner.Upload({|#0:line|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_consumer_of_a_channel_of_another_element_type_is_clean() => Check(Outbox + """

            sealed class UploadWorker
            {
                private readonly Channel<int> _plans;
                public UploadWorker(Channel<int> plans) { _plans = plans; }
                public async Task RunAsync()
                {
                    await foreach (var plan in _plans.Reader.ReadAllAsync())
                    {
                        MarketingPartner.Upload(plan.ToString());
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_consumer_that_makes_its_own_channel_is_clean() => Check(Outbox + """

            sealed class UploadWorker
            {
                private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
                public void Note(int plan) => _lines.Writer.TryWrite("plan " + plan);
                public async Task RunAsync()
                {
                    await foreach (var line in _lines.Reader.ReadAllAsync())
                    {
                        MarketingPartner.Upload(line);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_queue_injected_into_a_consumer_through_a_property_set_by_its_constructor_is_reported() => Check("""
            using System.Collections.Concurrent;
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
            }

            static class RoamingPartner
            {
                [PartnerShare("UK")] public static void Notify(string msisdn) { }
            }

            sealed class RoamingDetector
            {
                private readonly ConcurrentQueue<string> _queue;
                public RoamingDetector(ConcurrentQueue<string> queue) { _queue = queue; }
                public void Roamed(Subscriber s) => _queue.Enqueue(s.Msisdn);
            }

            sealed class RoamingNotifier
            {
                private ConcurrentQueue<string> Pending { get; }
                public RoamingNotifier(ConcurrentQueue<string> pending) { Pending = pending; }
                public void Flush()
                {
                    while (Pending.TryDequeue(out var msisdn))
                    {
                        RoamingPartner.Notify({|#0:msisdn|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));
    }
}
