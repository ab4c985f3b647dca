using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>Outboxes held in fields filled with a value that has control flow of its own (`??`, an object initializer), read out by another method.</summary>
    public sealed class OutboxCaptureTests
    {
        private const string Types = """
            using System.Collections.Generic;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Contact
            {
                [IdentityBearing("email")] public string? Email { get; set; }
                public string Fallback { get; set; } = "";
                public int Id { get; set; }
            }

            sealed class Message
            {
                public string To { get; set; } = "";
            }

            static class Crm
            {
                [PartnerShare("FR")] public static void Sync(string address) { }
                [PartnerShare("FR")] public static void Push(Message m) { }
            }
            """;

        [Fact]
        public Task A_dictionary_field_set_through_its_indexer_with_a_coalesced_value_is_reported_where_its_values_are_sent() => Check(Types + """

            sealed class Export
            {
                private readonly Dictionary<int, string> _map = new();
                public void Collect(Contact c) => _map[c.Id] = c.Email ?? c.Fallback;
                public void Flush()
                {
                    foreach (var v in _map.Values) Crm.Sync({|#0:v|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_queue_field_fed_an_object_initializer_is_reported_where_it_is_dequeued_and_sent() => Check(Types + """

            sealed class Export
            {
                private readonly Queue<Message> _queue = new();
                public void Collect(Contact c) => _queue.Enqueue(new Message { To = c.Email ?? "" });
                public void Flush()
                {
                    while (_queue.TryDequeue(out var m)) Crm.Push({|#0:m|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_channel_field_written_an_object_initializer_is_reported_where_its_reader_is_drained() => Check(Types + """

            sealed class Export
            {
                private readonly Channel<Message> _channel = Channel.CreateUnbounded<Message>();
                public async Task Collect(Contact c) => await _channel.Writer.WriteAsync(new Message { To = c.Email ?? "" });
                public async Task Flush()
                {
                    await foreach (var m in _channel.Reader.ReadAllAsync()) Crm.Push({|#0:m|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_list_field_filled_after_an_await_is_reported_where_it_is_walked() => Check(Types + """

            sealed class Export
            {
                private readonly List<Message> _pending = new();
                public async Task Collect(Contact c)
                {
                    await Task.Yield();
                    _pending.Add(new Message { To = c.Email ?? "" });
                }
                public void Flush()
                {
                    foreach (var m in _pending) Crm.Push({|#0:m|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_concurrent_dictionary_fed_through_TryAdd_is_reported_where_its_pairs_are_sent() => Check(Types + """

            sealed class Export
            {
                private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Message> _byId = new();
                public void Collect(Contact c) => _byId.TryAdd(c.Id, new Message { To = c.Email ?? "" });
                public void Flush()
                {
                    foreach (var kv in _byId) Crm.Push({|#0:kv.Value|});
                }
            }
            """, withPrelude: false, Min001(0));
    }
}
