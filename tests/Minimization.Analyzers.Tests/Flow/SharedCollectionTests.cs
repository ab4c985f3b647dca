using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 5: a collection held in a field carries identity from the method that puts it in (directly or through the
    /// application's own methods) to every method that takes it out, whichever object holds it; the report is where a value
    /// taken out meets the sink, never on the receiver of the call that sends it (Reading 3).
    /// </summary>
    public class SharedCollectionTests
    {
        [Fact]
        public Task An_outbox_filled_through_its_own_method_in_one_class_and_flushed_from_another_is_reported_at_the_flush() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class Outbox
            {
                private readonly List<string> _items = new List<string>();
                public void Add(string item) => _items.Add(item);
                public void Flush()
                {
                    foreach (var item in _items)
                    {
                        PartnerGateway.Send({|#0:item|});
                    }

                    _items.Clear();
                }
            }

            sealed class Ingest
            {
                private readonly Outbox _outbox;
                public Ingest(Outbox outbox) { _outbox = outbox; }
                public void On(CallRecord r) => _outbox.Add(r.CallerNumber);
            }

            sealed class Sender
            {
                private readonly Outbox _outbox;
                public Sender(Outbox outbox) { _outbox = outbox; }
                public void Tick() => _outbox.Flush();
            }
            """, Min001(0));

        [Fact]
        public Task An_outbox_filled_and_flushed_in_one_method_is_reported_once_inside_not_at_the_receiver() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class Outbox
            {
                private readonly Queue<string> _pending = new Queue<string>();
                public void Put(string item) => _pending.Enqueue(item);
                public void Drain()
                {
                    while (_pending.Count > 0)
                    {
                        PartnerGateway.Send({|#0:_pending.Dequeue()|});
                    }
                }
            }

            class Job
            {
                void Run(CallRecord r)
                {
                    var outbox = new Outbox();
                    outbox.Put(r.CalleeNumber);
                    outbox.Drain();
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_queue_field_filled_directly_is_reported_where_its_elements_are_sent() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            class Relay
            {
                private readonly ConcurrentQueue<string> _queue = new ConcurrentQueue<string>();

                public void Observe(CallRecord r) => _queue.Enqueue(r.TowerId);

                public void Pump(IPartnerChannel channel)
                {
                    while (_queue.TryDequeue(out var next))
                    {
                        channel.Publish({|#0:next|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_dictionary_field_carries_identity_in_its_values_and_in_its_keys() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class Directory
            {
                private readonly Dictionary<string, int> _seen = new Dictionary<string, int>();
                private readonly Dictionary<int, string> _byId = new Dictionary<int, string>();

                public void Observe(CallRecord r, int id)
                {
                    _seen.TryAdd(r.CallerNumber, id);
                    _byId[id] = r.CalleeNumber;
                }

                public void Export()
                {
                    PartnerGateway.Send({|#0:string.Join(",", _seen.Keys)|});
                    foreach (var pair in _byId)
                    {
                        PartnerGateway.Send({|#1:pair.Value|});
                    }

                    PartnerGateway.Send(_byId.Count);
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task A_channel_field_written_in_one_method_and_read_in_another_is_reported_at_the_reader() => Check("""
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Telecom;
            class Pipeline
            {
                private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();

                public void Produce(CallRecord r) => _channel.Writer.TryWrite(r.CallerNumber);

                public async Task ConsumeAsync()
                {
                    await foreach (var item in _channel.Reader.ReadAllAsync())
                    {
                        PartnerGateway.Send({|#0:item|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task An_ambient_AsyncLocal_set_in_one_method_is_reported_where_another_sends_it() => Check("""
            using System.Threading;
            using Telecom;
            class RequestContext
            {
                private readonly AsyncLocal<string?> _caller = new AsyncLocal<string?>();

                public void Begin(CallRecord r) => _caller.Value = r.CallerNumber;

                public void Audit() => PartnerGateway.Send({|#0:_caller.Value ?? ""|});
            }
            """, Min001(0));

        [Fact]
        public Task Collections_filled_only_with_minimized_or_clean_values_are_not_reported() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class Outbox
            {
                private readonly List<string> _items = new List<string>();
                public void Add(string item) => _items.Add(item);
                public void Flush()
                {
                    foreach (var item in _items)
                    {
                        PartnerGateway.Send(item);
                    }
                }
            }

            class Job
            {
                private readonly Outbox _outbox = new Outbox();
                private readonly List<string> _regions = new List<string>();

                void Run(CallRecord r)
                {
                    _outbox.Add(Minimizers.Pseudonymize(r.CallerNumber, "UK"));
                    _outbox.Add(r.Region);
                    _regions.Add(r.Region);
                    PartnerGateway.Send(string.Join(",", _regions));
                    _outbox.Flush();
                }
            }
            """);

        [Fact]
        public Task A_list_a_local_variable_holds_is_not_shared_with_other_methods() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class Job
            {
                private readonly List<string> _outgoing = new List<string>();

                void Collect(CallRecord r)
                {
                    var scratch = new List<string>();
                    scratch.Add(r.CallerNumber);
                    _outgoing.Add(r.Region);
                }

                void Send() => PartnerGateway.Send(string.Join(",", _outgoing));
            }
            """);
    }
}
