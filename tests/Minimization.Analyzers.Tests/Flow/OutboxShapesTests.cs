using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Outboxes as applications write them: records with serialized payloads, queues of deferred jobs, an outbox behind an
    /// interface, a static outbox, fire-and-forget work, batches serialized whole, and a dictionary of lists.
    /// </summary>
    public sealed class OutboxShapesTests
    {
        private const string Types = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Contact
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public string Country { get; set; } = "";
            }

            interface IPartnerClient
            {
                [PartnerShare("FR")] Task SendAsync(string payload);
            }

            static class Crm
            {
                [PartnerShare("FR")] public static void Sync(string payload) { }
            }
            """;

        [Fact]
        public Task A_record_message_with_a_serialized_event_is_reported_where_the_dispatcher_sends_its_payload() => Check(Types + """

            sealed record OutboxMessage(Guid Id, string Payload);
            sealed record ContactChanged(string Email, string Country);

            sealed class Outbox
            {
                private readonly ConcurrentQueue<OutboxMessage> _queue = new();
                public void Record(Contact c) => _queue.Enqueue(new OutboxMessage(Guid.NewGuid(), JsonSerializer.Serialize(new ContactChanged(c.Email, c.Country))));
                public async Task DispatchAsync(IPartnerClient client)
                {
                    while (_queue.TryDequeue(out var message))
                    {
                        await client.SendAsync({|#0:message.Payload|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_queued_job_is_reported_inside_the_lambda_that_sends_what_it_captured() => Check(Types + """

            sealed class Jobs
            {
                private readonly ConcurrentQueue<Func<Task>> _work = new();
                private readonly IPartnerClient _client;
                public Jobs(IPartnerClient client) => _client = client;
                public void Later(Contact c) => _work.Enqueue(() => _client.SendAsync({|#0:c.Email|}));
                public async Task RunAsync()
                {
                    while (_work.TryDequeue(out var job))
                    {
                        await job();
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task An_outbox_behind_an_interface_is_reported_where_the_drained_messages_are_sent() => Check(Types + """

            sealed class Message { public string Body { get; init; } = ""; }

            interface IOutbox
            {
                void Add(Message m);
                IReadOnlyList<Message> Drain();
            }

            sealed class MemoryOutbox : IOutbox
            {
                private readonly List<Message> _items = new();
                public void Add(Message m) { lock (_items) _items.Add(m); }
                public IReadOnlyList<Message> Drain()
                {
                    lock (_items)
                    {
                        var copy = _items.ToArray();
                        _items.Clear();
                        return copy;
                    }
                }
            }

            sealed class Producer
            {
                private readonly IOutbox _outbox;
                public Producer(IOutbox outbox) => _outbox = outbox;
                public void Changed(Contact c) => _outbox.Add(new Message { Body = "changed " + c.Email });
            }

            sealed class Dispatcher
            {
                private readonly IOutbox _outbox;
                public Dispatcher(IOutbox outbox) => _outbox = outbox;
                public void Flush()
                {
                    foreach (var m in _outbox.Drain())
                    {
                        Crm.Sync({|#0:m.Body|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_static_outbox_is_reported_where_the_drained_messages_are_sent() => Check(Types + """

            sealed class Message { public string Body { get; set; } = ""; }

            static class Outbox
            {
                private static readonly List<Message> Items = new();
                public static void Add(Message m) => Items.Add(m);
                public static IEnumerable<Message> Drain()
                {
                    var all = Items.ToArray();
                    Items.Clear();
                    return all;
                }
            }

            sealed class Producer
            {
                public void Changed(Contact c)
                {
                    var m = new Message();
                    m.Body = c.Email;
                    Outbox.Add(m);
                }
            }

            sealed class Dispatcher
            {
                public void Flush()
                {
                    foreach (var m in Outbox.Drain()) Crm.Sync({|#0:m.Body|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Fire_and_forget_work_is_reported_inside_its_lambdas() => Check(Types + """

            sealed class Notifier
            {
                public void Fire(Contact c)
                {
                    Task.Run(() => Crm.Sync({|#0:c.Email|}));
                    ThreadPool.QueueUserWorkItem(_ => Crm.Sync({|#1:c.Email|}));
                }
            }
            """, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task An_outbox_of_clean_messages_is_clean() => Check(Types + """

            sealed class Message { public string Body { get; init; } = ""; }

            sealed class Outbox
            {
                private readonly ConcurrentQueue<Message> _queue = new();
                public void Record(Contact c) => _queue.Enqueue(new Message { Body = "country " + c.Country });
                public void Flush()
                {
                    while (_queue.TryDequeue(out var m)) Crm.Sync(m.Body);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_batch_of_rows_serialized_whole_is_reported_where_it_is_sent() => Check(Types + """

            sealed class Row { public string Email { get; set; } = ""; public int Score { get; set; } }

            sealed class Exporter
            {
                private readonly List<Row> _rows = new();
                public void Add(Contact c, int score) => _rows.Add(new Row { Email = c.Email, Score = score });
                public void Flush() => Crm.Sync({|#0:JsonSerializer.Serialize(_rows)|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_list_kept_as_a_dictionary_value_and_filled_afterwards_is_reported_where_the_values_are_sent() => Check(Types + """

            sealed class Grouper
            {
                private readonly Dictionary<string, List<string>> _byCountry = new();
                public void Add(Contact c)
                {
                    if (!_byCountry.TryGetValue(c.Country, out var list))
                    {
                        list = new List<string>();
                        _byCountry[c.Country] = list;
                    }

                    list.Add(c.Email);
                }

                public void Flush()
                {
                    foreach (var pair in _byCountry) Crm.Sync({|#0:string.Join(",", pair.Value)|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_list_kept_as_a_dictionary_value_and_filled_with_clean_values_is_clean() => Check(Types + """

            sealed class Grouper
            {
                private readonly Dictionary<string, List<string>> _byCountry = new();
                public void Add(Contact c)
                {
                    if (!_byCountry.TryGetValue(c.Country, out var list))
                    {
                        list = new List<string>();
                        _byCountry[c.Country] = list;
                    }

                    list.Add(c.Country.ToUpperInvariant());
                }

                public void Flush()
                {
                    foreach (var pair in _byCountry) Crm.Sync(string.Join(",", pair.Value));
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_list_taken_from_a_dictionary_field_by_GetOrAdd_and_filled_is_reported_where_the_values_are_sent() => Check(Types + """

            sealed class Grouper
            {
                private readonly ConcurrentDictionary<string, List<string>> _byCountry = new();
                public void Add(Contact c)
                {
                    var list = _byCountry.GetOrAdd(c.Country, _ => new List<string>());
                    lock (list) list.Add(c.Email);
                }

                public void Flush()
                {
                    foreach (var values in _byCountry.Values) Crm.Sync({|#0:string.Join(",", values)|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_list_copied_into_a_field_list_before_it_is_filled_leaves_the_field_clean() => Check(Types + """

            sealed class Pager
            {
                private readonly List<string> _all = new();
                public void Run(Contact c)
                {
                    var page = new List<string>();
                    _all.AddRange(page);
                    page.Add(c.Email);
                    Crm.Sync(string.Join(",", _all));
                }
            }
            """, withPrelude: false);
    }
}
