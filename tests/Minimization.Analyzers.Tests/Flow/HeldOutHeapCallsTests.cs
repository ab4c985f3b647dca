using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings, above all Reading 5 on collections held in fields and Reading 10 on library calls), without reading
    /// the flow engine: identity carried through the heap by method calls. A collection held in an instance field, a static
    /// field, a <c>static readonly</c> singleton, an <c>AsyncLocal&lt;T&gt;</c> or a <c>ThreadLocal&lt;T&gt;</c> is filled in
    /// one method (often of another class, reached through a service or an interface) and read in another, where what comes
    /// out meets the partner sink.
    /// Fills covered: <c>Add</c>, <c>AddRange</c>, <c>Insert</c>, <c>Enqueue</c>, <c>TryWrite</c> and <c>WriteAsync</c> on a
    /// channel writer, <c>Push</c>/<c>PushRange</c>, <c>TryAdd</c>, <c>AddOrUpdate</c> (add value, add factory and update
    /// factory), <c>GetOrAdd</c> (value, factory, factory with argument, and the list it returns), indexer sets, <c>CopyTo</c>,
    /// <c>Array.Copy</c>, <c>List&lt;T&gt;.ForEach</c> into another list, <c>HashSet.Add</c>, <c>SortedDictionary</c>,
    /// <c>LinkedList.AddLast</c>, <c>ImmutableList.Add</c> and <c>ImmutableDictionary.SetItem</c> reassigned to the field,
    /// <c>ImmutableArray.CreateBuilder</c>, <c>ConcurrentBag</c>, <c>BlockingCollection</c>, <c>Stack</c>, <c>Queue</c> and
    /// <c>PriorityQueue</c>; fills through a helper taking the collection as a parameter (plain and generic), inside lambdas
    /// given to <c>ForEach</c> and <c>Parallel.ForEach</c>, through a collection exposed by a property and filled by another
    /// class, into nested collections (<c>Dictionary&lt;string, List&lt;string&gt;&gt;</c>), and into singletons shared by
    /// two services.
    /// Reads covered: enumeration, <c>TryDequeue</c>, <c>Dequeue</c>, <c>TryPop</c>, <c>TryPeek</c>, <c>TryTake</c>,
    /// <c>GetConsumingEnumerable</c>, <c>TryGetValue</c>, <c>ToArray</c>, <c>ToList</c>, indexers, <c>First</c>,
    /// <c>Last</c>, <c>Keys</c>, <c>Values</c>, <c>KeyValuePair.Key</c>/<c>.Value</c>, deconstruction of pairs,
    /// <c>ReadAllAsync</c>, <c>TryRead</c>, <c>SelectMany</c> over nested values, and <c>List&lt;T&gt;.ForEach</c> whose body
    /// sends (Reading 6). A dictionary's keys are part of it (Reading 5): an e-mail used as a key and read back through
    /// <c>Keys</c>, a pair's <c>.Key</c> or deconstruction carries identity.
    /// Every reported shape has near-miss twins that must stay clean: the value minimized before it is stored, only
    /// <c>[NonIdentifying]</c> or scalar members stored or read (Reading 11), a second collection that never receives
    /// identity, or the collection read only into a local log or a count. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutHeapCallsTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the customer, the sinks and the minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal sealed class Customer
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public string Tier { get; set; } = "";
                [NonIdentifying] public int Visits { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Send(string payload) { }
                [PartnerShare("acme")] public static Task SendAsync(string payload, CancellationToken ct = default) => Task.CompletedTask;
                [PartnerShare("acme")] public static void SendBatch(IEnumerable<string> payloads) { }
                [PartnerShare("acme")] public static void SendObject(object message) { }
                [PartnerShare("acme")] public static void SendId(Guid id) { }
                [PartnerShare("acme")] public static void SendCount(int count) { }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("heap-pepper-2024");

                [Minimizer]
                public static string Pseudonym(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));
                }

                [Minimizer]
                public static string Last4(string phone)
                {
                    return phone.Length > 4 ? phone.Substring(phone.Length - 4) : phone;
                }
            }

            """;

        // =====================================================================================================
        // 1. List<string> in an instance field: Add in one method, enumerated in another; a second list of tiers.
        // =====================================================================================================

        private const string InstanceListProgram = """
            internal sealed class SignupLog
            {
                private readonly List<string> _pending = new();
                private readonly List<string> _tiers = new();

                public void Record(Customer c)
                {
                    _pending.Add($VALUE);
                    _tiers.Add(c.Tier);
                }

                public void Flush()
                {
                    foreach (string item in $SOURCE)
                    {
                        Partner.Send({|#0:item|});
                    }

                    _pending.Clear();
                    _tiers.Clear();
                }
            }
            """;

        [Fact]
        public Task Email_added_to_an_instance_list_is_reported_where_another_method_sends_an_element() => Run(
            InstanceListProgram.Replace("$VALUE", "c.Email").Replace("$SOURCE", "_pending"), Min001(0));

        [Fact]
        public Task Instance_list_holding_pseudonymized_emails_is_clean() => Run(Unmarked(
            InstanceListProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)").Replace("$SOURCE", "_pending")));

        [Fact]
        public Task Second_instance_list_that_only_receives_tiers_is_clean_while_the_first_holds_emails() => Run(Unmarked(
            InstanceListProgram.Replace("$VALUE", "c.Email").Replace("$SOURCE", "_tiers")));

        // =====================================================================================================
        // 2. AddRange of a projection; the batch sent as an array later.
        // =====================================================================================================

        private const string AddRangeProgram = """
            internal sealed class ExportBuffer
            {
                private readonly List<string> _rows = new();

                public void Stage(IEnumerable<Customer> customers)
                {
                    _rows.AddRange(customers.Select(c => $VALUE));
                }

                public void Ship()
                {
                    Partner.SendBatch({|#0:_rows.ToArray()|});
                    _rows.Clear();
                }
            }
            """;

        [Fact]
        public Task Names_added_by_AddRange_are_reported_where_the_buffer_is_shipped_as_an_array() => Run(
            AddRangeProgram.Replace("$VALUE", "c.Name"), Min001(0));

        [Fact]
        public Task AddRange_of_pseudonymized_names_is_clean() => Run(Unmarked(
            AddRangeProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Name)")));

        [Fact]
        public Task AddRange_of_non_identifying_tiers_is_clean() => Run(Unmarked(
            AddRangeProgram.Replace("$VALUE", "c.Tier + \"/\" + c.Id")));

        // =====================================================================================================
        // 3. Insert at the front, read by an indexer and by Last().
        // =====================================================================================================

        private const string InsertProgram = """
            internal sealed class RecentContacts
            {
                private readonly List<string> _recent = new();

                public void Touch(Customer c)
                {
                    _recent.Insert(0, $VALUE);
                    if (_recent.Count > 10)
                    {
                        _recent.RemoveAt(_recent.Count - 1);
                    }
                }

                public void ShareNewest() => Partner.Send({|#0:_recent[0]|});

                public void ShareOldest() => Partner.Send({|#1:_recent.Last()|});
            }
            """;

        [Fact]
        public Task Phone_inserted_at_the_front_is_reported_where_the_indexer_and_Last_are_sent() => Run(
            InsertProgram.Replace("$VALUE", "c.Phone"), Min001(0), Min001(1));

        [Fact]
        public Task Inserted_last_four_digits_are_clean_at_both_reads() => Run(Unmarked(
            InsertProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 4. A static Queue shared by a producer class and a consumer class: Enqueue / TryDequeue.
        // =====================================================================================================

        private const string StaticQueueProgram = """
            internal static class Outgoing
            {
                public static readonly Queue<string> Items = new();
            }

            internal sealed class Producer
            {
                public void Produce(Customer c) => Outgoing.Items.Enqueue($VALUE);
            }

            internal sealed class Consumer
            {
                public void Drain()
                {
                    while (Outgoing.Items.TryDequeue(out var next))
                    {
                        Partner.Send({|#0:next|});
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_enqueued_on_a_static_queue_by_one_class_is_reported_where_another_class_dequeues_and_sends_it() => Run(
            StaticQueueProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Static_queue_of_last_four_digits_is_clean() => Run(Unmarked(
            StaticQueueProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 5. A Channel<string> in a field: TryWrite, then ReadAllAsync in a pump.
        // =====================================================================================================

        private const string ChannelTryWriteProgram = """
            internal sealed class Feed
            {
                private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();

                public bool Offer(Customer c) => _channel.Writer.TryWrite($VALUE);

                public async Task PumpAsync(CancellationToken ct)
                {
                    await foreach (var item in _channel.Reader.ReadAllAsync(ct))
                    {
                        await Partner.SendAsync({|#0:item|}, ct);
                    }
                }
            }
            """;

        [Fact]
        public Task Email_written_with_TryWrite_is_reported_where_ReadAllAsync_yields_it_to_the_sink() => Run(
            ChannelTryWriteProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Channel_carrying_pseudonymized_emails_is_clean() => Run(Unmarked(
            ChannelTryWriteProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        [Fact]
        public Task Channel_carrying_only_tier_and_id_is_clean() => Run(Unmarked(
            ChannelTryWriteProgram.Replace("$VALUE", "$\"{c.Tier}:{c.Id}\"")));

        // =====================================================================================================
        // 6. A channel split into a writer class and a reader class by injection: WriteAsync / TryRead.
        // =====================================================================================================

        private const string ChannelSplitProgram = """
            internal sealed class Pipe
            {
                public Channel<string> Lane { get; } = Channel.CreateBounded<string>(16);
            }

            internal sealed class Intake
            {
                private readonly ChannelWriter<string> _out;

                public Intake(Pipe pipe) { _out = pipe.Lane.Writer; }

                public async Task AcceptAsync(Customer c, CancellationToken ct)
                {
                    await _out.WriteAsync($VALUE, ct);
                }
            }

            internal sealed class Relay
            {
                private readonly ChannelReader<string> _in;

                public Relay(Pipe pipe) { _in = pipe.Lane.Reader; }

                public async Task RunAsync(CancellationToken ct)
                {
                    while (await _in.WaitToReadAsync(ct))
                    {
                        while (_in.TryRead(out var item))
                        {
                            await Partner.SendAsync({|#0:item|}, ct);
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_written_with_WriteAsync_through_an_injected_pipe_is_reported_where_the_reader_class_sends_it() => Run(
            ChannelSplitProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Injected_pipe_carrying_last_four_digits_is_clean() => Run(Unmarked(
            ChannelSplitProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 6b. One class caching its channel field's Writer and Reader in fields of their own.
        // =====================================================================================================

        private const string ChannelCachedEndsProgram = """
            internal sealed class Courier
            {
                private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();
                private readonly ChannelWriter<string> _writer;
                private readonly ChannelReader<string> _reader;

                public Courier()
                {
                    _writer = _channel.Writer;
                    _reader = _channel.Reader;
                }

                public async Task AcceptAsync(Customer c) => await _writer.WriteAsync($VALUE);

                public async Task RunAsync()
                {
                    await foreach (var item in _reader.ReadAllAsync())
                    {
                        await Partner.SendAsync({|#0:item|});
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_written_through_a_cached_writer_field_is_reported_where_the_cached_reader_field_yields_it() => Run(
            ChannelCachedEndsProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Cached_writer_and_reader_fields_carrying_last_four_digits_are_clean() => Run(Unmarked(
            ChannelCachedEndsProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 7. A static Stack: Push / TryPop, and a ConcurrentStack: PushRange / TryPeek.
        // =====================================================================================================

        private const string StackProgram = """
            internal static class UndoHistory
            {
                private static readonly Stack<string> Edits = new();
                private static readonly ConcurrentStack<string> Batches = new();

                public static void Remember(Customer c) => Edits.Push($VALUE);

                public static void RememberAll(IEnumerable<Customer> customers) => Batches.PushRange(customers.Select(c => $VALUE).ToArray());

                public static void ReplayLatest()
                {
                    if (Edits.TryPop(out var latest))
                    {
                        Partner.Send({|#0:latest|});
                    }

                    if (Batches.TryPeek(out var top))
                    {
                        Partner.Send({|#1:top|});
                    }
                }
            }
            """;

        [Fact]
        public Task Emails_pushed_onto_static_stacks_are_reported_where_TryPop_and_TryPeek_send_them() => Run(
            StackProgram.Replace("$VALUE", "c.Email"), Min001(0), Min001(1));

        [Fact]
        public Task Static_stacks_of_pseudonyms_are_clean() => Run(Unmarked(
            StackProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 8. ConcurrentDictionary TryAdd: the value read through Values.
        // =====================================================================================================

        private const string TryAddValuesProgram = """
            internal sealed class Registry
            {
                private readonly ConcurrentDictionary<Guid, string> _entries = new();

                public bool Register(Customer c) => _entries.TryAdd(c.Id, $VALUE);

                public void Publish()
                {
                    foreach (var value in _entries.Values)
                    {
                        Partner.Send({|#0:value|});
                    }
                }
            }
            """;

        [Fact]
        public Task Name_stored_by_TryAdd_is_reported_where_Values_are_sent() => Run(
            TryAddValuesProgram.Replace("$VALUE", "c.Name"), Min001(0));

        [Fact]
        public Task TryAdd_of_a_pseudonymized_name_is_clean_at_Values() => Run(Unmarked(
            TryAddValuesProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Name)")));

        // =====================================================================================================
        // 9. A dictionary keyed by the e-mail (Reading 5: keys are part of it), read through Keys, pairs and deconstruction.
        // =====================================================================================================

        private const string KeyedBySeenProgram = """
            internal sealed class SeenTracker
            {
                private readonly ConcurrentDictionary<string, DateTime> _seen = new();

                public void Saw(Customer c)
                {
                    _seen.TryAdd($KEY, DateTime.UtcNow);
                }

                public void Export()
                {
                    $READ
                }
            }
            """;

        private const string ReadKeys = "foreach (var key in _seen.Keys) { Partner.Send({|#0:key|}); }";
        private const string ReadPairKey = "foreach (var pair in _seen) { Partner.Send({|#0:pair.Key|}); }";
        private const string ReadDeconstructedKey = "foreach (var (who, when) in _seen) { Partner.Send({|#0:who|}); }";
        private const string ReadFirstKey = "if (!_seen.IsEmpty) { Partner.Send({|#0:_seen.First().Key|}); }";

        [Fact]
        public Task Email_used_as_a_TryAdd_key_is_reported_where_Keys_are_sent() => Run(
            KeyedBySeenProgram.Replace("$KEY", "c.Email").Replace("$READ", ReadKeys), Min001(0));

        [Fact]
        public Task Email_used_as_a_key_is_reported_where_a_pair_Key_is_sent() => Run(
            KeyedBySeenProgram.Replace("$KEY", "c.Email").Replace("$READ", ReadPairKey), Min001(0));

        [Fact]
        public Task Email_used_as_a_key_is_reported_where_a_deconstructed_pair_key_is_sent() => Run(
            KeyedBySeenProgram.Replace("$KEY", "c.Email").Replace("$READ", ReadDeconstructedKey), Min001(0));

        [Fact]
        public Task Email_used_as_a_key_is_reported_where_the_First_pair_Key_is_sent() => Run(
            KeyedBySeenProgram.Replace("$KEY", "c.Email").Replace("$READ", ReadFirstKey), Min001(0));

        [Fact]
        public Task Pseudonymized_key_read_through_Keys_is_clean() => Run(Unmarked(
            KeyedBySeenProgram.Replace("$KEY", "Privacy.Pseudonym(c.Email)").Replace("$READ", ReadKeys)));

        [Fact]
        public Task Pseudonymized_key_read_through_deconstruction_is_clean() => Run(Unmarked(
            KeyedBySeenProgram.Replace("$KEY", "Privacy.Pseudonym(c.Email)").Replace("$READ", ReadDeconstructedKey)));

        [Fact]
        public Task Customer_id_used_as_key_is_clean_at_Keys() => Run(Unmarked(
            KeyedBySeenProgram.Replace("$KEY", "c.Id.ToString()").Replace("$READ", ReadKeys)));

        // =====================================================================================================
        // 10. AddOrUpdate: the add value, the add factory and the update factory; read by TryGetValue.
        // =====================================================================================================

        private const string AddOrUpdateProgram = """
            internal sealed class LastContact
            {
                private readonly ConcurrentDictionary<Guid, string> _last = new();

                public void Seen(Customer c)
                {
                    _last.AddOrUpdate(c.Id, $ADDED, (_, previous) => $UPDATED);
                }

                public void Report(Guid id)
                {
                    if (_last.TryGetValue(id, out var contact))
                    {
                        Partner.Send({|#0:contact|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_given_as_the_AddOrUpdate_add_value_is_reported_where_TryGetValue_reads_it() => Run(
            AddOrUpdateProgram.Replace("$ADDED", "c.Email").Replace("$UPDATED", "previous"), Min001(0));

        [Fact]
        public Task Email_returned_by_the_AddOrUpdate_add_factory_is_reported_where_TryGetValue_reads_it() => Run(
            AddOrUpdateProgram.Replace("$ADDED", "_ => c.Email").Replace("$UPDATED", "previous"), Min001(0));

        [Fact]
        public Task Phone_returned_by_the_AddOrUpdate_update_factory_is_reported_where_TryGetValue_reads_it() => Run(
            AddOrUpdateProgram.Replace("$ADDED", "\"(none)\"").Replace("$UPDATED", "previous + \";\" + c.Phone"), Min001(0));

        [Fact]
        public Task AddOrUpdate_with_pseudonyms_in_both_the_add_value_and_the_update_factory_is_clean() => Run(Unmarked(
            AddOrUpdateProgram.Replace("$ADDED", "Privacy.Pseudonym(c.Email)").Replace("$UPDATED", "Privacy.Pseudonym(c.Email)")));

        [Fact]
        public Task AddOrUpdate_of_tiers_appended_in_the_update_factory_is_clean() => Run(Unmarked(
            AddOrUpdateProgram.Replace("$ADDED", "c.Tier").Replace("$UPDATED", "previous + \",\" + c.Tier")));

        // =====================================================================================================
        // 11. GetOrAdd on a static dictionary: the value, the factory, the factory with an argument; read by First().Value.
        // =====================================================================================================

        private const string GetOrAddProgram = """
            internal sealed class HandleCache
            {
                private static readonly ConcurrentDictionary<Guid, string> Handles = new();

                public string HandleFor(Customer c) => Handles.GetOrAdd(c.Id, $VALUE);

                public void ExportFirst()
                {
                    if (!Handles.IsEmpty)
                    {
                        var first = Handles.First();
                        Partner.Send({|#0:first.Value|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_given_as_the_GetOrAdd_value_is_reported_where_a_pair_Value_is_sent() => Run(
            GetOrAddProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Email_returned_by_the_GetOrAdd_factory_is_reported_where_a_pair_Value_is_sent() => Run(
            GetOrAddProgram.Replace("$VALUE", "_ => c.Email"), Min001(0));

        [Fact]
        public Task Email_passed_as_the_GetOrAdd_factory_argument_is_reported_where_a_pair_Value_is_sent() => Run(
            GetOrAddProgram.Replace("$VALUE", "(_, e) => e, c.Email"), Min001(0));

        [Fact]
        public Task GetOrAdd_factory_that_pseudonymizes_is_clean() => Run(Unmarked(
            GetOrAddProgram.Replace("$VALUE", "_ => Privacy.Pseudonym(c.Email)")));

        [Fact]
        public Task GetOrAdd_of_the_non_identifying_tier_is_clean() => Run(Unmarked(
            GetOrAddProgram.Replace("$VALUE", "c.Tier")));

        // =====================================================================================================
        // 12. A dictionary indexer set in a store, read by the indexer through a method called from another service.
        // =====================================================================================================

        private const string IndexerStoreProgram = """
            internal sealed class ProfileStore
            {
                private readonly Dictionary<Guid, string> _contacts = new();

                public void Save(Customer c)
                {
                    _contacts[c.Id] = $VALUE;
                }

                public string Lookup(Guid id) => _contacts[id];
            }

            internal sealed class PartnerSync
            {
                private readonly ProfileStore _store;

                public PartnerSync(ProfileStore store) { _store = store; }

                public void Sync(Guid id) => Partner.Send({|#0:_store.Lookup(id)|});
            }
            """;

        [Fact]
        public Task Email_set_through_a_dictionary_indexer_is_reported_where_another_service_sends_the_lookup() => Run(
            IndexerStoreProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Dictionary_indexer_set_with_a_pseudonym_is_clean_at_the_lookup() => Run(Unmarked(
            IndexerStoreProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        [Fact]
        public Task Dictionary_indexer_set_with_the_tier_is_clean_at_the_lookup() => Run(Unmarked(
            IndexerStoreProgram.Replace("$VALUE", "c.Tier")));

        // =====================================================================================================
        // 13. CopyTo from a live list into an array field, published by a third method.
        // =====================================================================================================

        private const string CopyToProgram = """
            internal sealed class Snapshotter
            {
                private readonly List<string> _live = new();
                private string[] _frozen = Array.Empty<string>();

                public void Add(Customer c) => _live.Add($VALUE);

                public void Freeze()
                {
                    var copy = new string[_live.Count];
                    _live.CopyTo(copy, 0);
                    _frozen = copy;
                }

                public void Publish()
                {
                    foreach (var entry in _frozen)
                    {
                        Partner.Send({|#0:entry|});
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_copied_by_CopyTo_into_an_array_field_is_reported_where_the_array_is_published() => Run(
            CopyToProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task CopyTo_of_last_four_digits_is_clean() => Run(Unmarked(
            CopyToProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 14. An array field written by index, Array.Copy into a second array field, shipped by another method.
        // =====================================================================================================

        private const string ArrayCopyProgram = """
            internal sealed class RingBuffer
            {
                private readonly string[] _slots = new string[8];
                private readonly string[] _export = new string[8];
                private int _next;

                public void Put(Customer c)
                {
                    _slots[_next % _slots.Length] = $VALUE;
                    _next++;
                }

                public void Stage() => Array.Copy(_slots, _export, _slots.Length);

                public void Ship() => Partner.SendBatch({|#0:_export|});
            }
            """;

        [Fact]
        public Task Email_written_by_index_and_moved_by_Array_Copy_is_reported_where_the_copy_is_shipped() => Run(
            ArrayCopyProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Array_Copy_of_pseudonyms_is_clean() => Run(Unmarked(
            ArrayCopyProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 15. List<T>.ForEach copying one field list into another.
        // =====================================================================================================

        private const string ForEachMirrorProgram = """
            internal sealed class Mirror
            {
                private readonly List<string> _source = new();
                private readonly List<string> _mirror = new();

                public void Take(Customer c) => _source.Add(c.Email);

                public void Sync() => _source.ForEach(item => _mirror.Add($ITEM));

                public void Send()
                {
                    foreach (var m in _mirror)
                    {
                        Partner.Send({|#0:m|});
                    }
                }
            }
            """;

        [Fact]
        public Task Emails_copied_by_List_ForEach_into_a_mirror_list_are_reported_where_the_mirror_is_sent() => Run(
            ForEachMirrorProgram.Replace("$ITEM", "item"), Min001(0));

        [Fact]
        public Task Mirror_filled_by_ForEach_with_pseudonyms_is_clean_though_the_source_list_holds_emails() => Run(Unmarked(
            ForEachMirrorProgram.Replace("$ITEM", "Privacy.Pseudonym(item)")));

        // =====================================================================================================
        // 16. HashSet.Add used as a dedup; First() sent.
        // =====================================================================================================

        private const string HashSetProgram = """
            internal sealed class Dedup
            {
                private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

                public bool FirstTime(Customer c) => _seen.Add($VALUE);

                public void ShareOne()
                {
                    if (_seen.Count > 0)
                    {
                        Partner.Send({|#0:_seen.First()|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_added_to_a_dedup_HashSet_is_reported_where_First_is_sent() => Run(
            HashSetProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Dedup_HashSet_of_pseudonyms_is_clean() => Run(Unmarked(
            HashSetProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 17. SortedDictionary keyed by the e-mail; pairs, deconstruction, Keys, and the scalar value (Reading 11).
        // =====================================================================================================

        private const string SortedDictionaryProgram = """
            internal sealed class VisitBook
            {
                private readonly SortedDictionary<string, int> _visits = new(StringComparer.Ordinal);

                public void Count(Customer c)
                {
                    _visits[$KEY] = c.Visits;
                }

                public void Publish()
                {
                    $READ
                }
            }
            """;

        [Fact]
        public Task Email_keyed_SortedDictionary_is_reported_where_a_pair_Key_is_sent() => Run(
            SortedDictionaryProgram.Replace("$KEY", "c.Email").Replace("$READ", "foreach (var pair in _visits) { Partner.Send({|#0:pair.Key|}); }"), Min001(0));

        [Fact]
        public Task Email_keyed_SortedDictionary_is_reported_where_a_deconstructed_key_is_sent() => Run(
            SortedDictionaryProgram.Replace("$KEY", "c.Email").Replace("$READ", "foreach (var (who, times) in _visits) { Partner.Send({|#0:who|}); }"), Min001(0));

        [Fact]
        public Task Email_keyed_SortedDictionary_is_reported_where_its_Keys_collection_is_sent() => Run(
            SortedDictionaryProgram.Replace("$KEY", "c.Email").Replace("$READ", "Partner.SendBatch({|#0:_visits.Keys|});"), Min001(0));

        [Fact]
        public Task Only_the_scalar_visit_count_deconstructed_from_an_email_keyed_SortedDictionary_is_clean() => Run(Unmarked(
            SortedDictionaryProgram.Replace("$KEY", "c.Email").Replace("$READ", "foreach (var (who, times) in _visits) { Partner.SendCount(times); }")));

        [Fact]
        public Task Only_the_scalar_visit_count_read_as_pair_Value_from_an_email_keyed_SortedDictionary_is_clean() => Run(Unmarked(
            SortedDictionaryProgram.Replace("$KEY", "c.Email").Replace("$READ", "foreach (var pair in _visits) { Partner.SendCount(pair.Value); }")));

        [Fact]
        public Task Pseudonym_keyed_SortedDictionary_is_clean_where_a_pair_Key_is_sent() => Run(Unmarked(
            SortedDictionaryProgram.Replace("$KEY", "Privacy.Pseudonym(c.Email)").Replace("$READ", "foreach (var pair in _visits) { Partner.Send(pair.Key); }")));

        // =====================================================================================================
        // 18. LinkedList.AddLast; the Last node's Value sent.
        // =====================================================================================================

        private const string LinkedListProgram = """
            internal sealed class Timeline
            {
                private readonly LinkedList<string> _events = new();

                public void Append(Customer c) => _events.AddLast($VALUE);

                public void ShareLatest()
                {
                    var last = _events.Last;
                    if (last != null)
                    {
                        Partner.Send({|#0:last.Value|});
                    }
                }
            }
            """;

        [Fact]
        public Task Name_appended_with_AddLast_is_reported_where_the_last_node_Value_is_sent() => Run(
            LinkedListProgram.Replace("$VALUE", "\"visit by \" + c.Name"), Min001(0));

        [Fact]
        public Task LinkedList_of_visit_notes_without_the_name_is_clean() => Run(Unmarked(
            LinkedListProgram.Replace("$VALUE", "\"visit by \" + c.Tier")));

        // =====================================================================================================
        // 19. ImmutableList.Add reassigned to a static field.
        // =====================================================================================================

        private const string ImmutableListProgram = """
            internal static class AuditLog
            {
                private static ImmutableList<string> _entries = ImmutableList<string>.Empty;

                public static void Note(Customer c)
                {
                    $STORE
                }

                public static void Ship()
                {
                    foreach (var e in _entries)
                    {
                        Partner.Send({|#0:e|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_added_to_an_ImmutableList_reassigned_to_the_field_is_reported_where_the_field_is_enumerated() => Run(
            ImmutableListProgram.Replace("$STORE", "_entries = _entries.Add(c.Email);"), Min001(0));

        [Fact]
        public Task ImmutableList_field_reassigned_with_a_pseudonym_is_clean() => Run(Unmarked(
            ImmutableListProgram.Replace("$STORE", "_entries = _entries.Add(Privacy.Pseudonym(c.Email));")));

        // =====================================================================================================
        // 20. ImmutableArray.CreateBuilder filled in a loop, frozen into a field, indexed later.
        // =====================================================================================================

        private const string ImmutableBuilderProgram = """
            internal sealed class Roster
            {
                private ImmutableArray<string> _names = ImmutableArray<string>.Empty;

                public void Rebuild(IEnumerable<Customer> customers)
                {
                    var builder = ImmutableArray.CreateBuilder<string>();
                    foreach (var c in customers)
                    {
                        builder.Add($VALUE);
                    }

                    _names = builder.ToImmutable();
                }

                public void Share()
                {
                    if (!_names.IsDefaultOrEmpty)
                    {
                        Partner.Send({|#0:_names[0]|});
                    }
                }
            }
            """;

        [Fact]
        public Task Names_in_an_ImmutableArray_builder_frozen_into_a_field_are_reported_where_an_element_is_sent() => Run(
            ImmutableBuilderProgram.Replace("$VALUE", "c.Name"), Min001(0));

        [Fact]
        public Task ImmutableArray_builder_of_pseudonyms_is_clean() => Run(Unmarked(
            ImmutableBuilderProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Name)")));

        // =====================================================================================================
        // 21. ConcurrentBag filled inside a Parallel.ForEach lambda; TryTake later.
        // =====================================================================================================

        private const string ParallelBagProgram = """
            internal sealed class Harvest
            {
                private readonly ConcurrentBag<string> _bag = new();

                public void Collect(IReadOnlyList<Customer> customers)
                {
                    Parallel.ForEach(customers, c => _bag.Add($VALUE));
                }

                public void Ship()
                {
                    while (_bag.TryTake(out var item))
                    {
                        Partner.Send({|#0:item|});
                    }
                }
            }
            """;

        [Fact]
        public Task Phones_added_to_a_ConcurrentBag_inside_Parallel_ForEach_are_reported_where_TryTake_sends_them() => Run(
            ParallelBagProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task ConcurrentBag_of_last_four_digits_filled_in_Parallel_ForEach_is_clean() => Run(Unmarked(
            ParallelBagProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 22. BlockingCollection: Add, then GetConsumingEnumerable and TryTake with a timeout.
        // =====================================================================================================

        private const string BlockingProgram = """
            internal sealed class WorkQueue : IDisposable
            {
                private readonly BlockingCollection<string> _work = new(boundedCapacity: 100);

                public void Submit(Customer c) => _work.Add($VALUE);

                public void Complete() => _work.CompleteAdding();

                public void Consume(CancellationToken ct)
                {
                    foreach (var job in _work.GetConsumingEnumerable(ct))
                    {
                        Partner.Send({|#0:job|});
                    }
                }

                public void TakeOne()
                {
                    if (_work.TryTake(out var one, 100))
                    {
                        Partner.Send({|#1:one|});
                    }
                }

                public void Dispose() => _work.Dispose();
            }
            """;

        [Fact]
        public Task Email_added_to_a_BlockingCollection_is_reported_at_GetConsumingEnumerable_and_at_TryTake() => Run(
            BlockingProgram.Replace("$VALUE", "c.Email"), Min001(0), Min001(1));

        [Fact]
        public Task BlockingCollection_of_pseudonyms_is_clean() => Run(Unmarked(
            BlockingProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 23. PriorityQueue<string, int>: Enqueue with a priority, TryDequeue with both outs.
        // =====================================================================================================

        private const string PriorityQueueProgram = """
            internal sealed class Escalations
            {
                private readonly PriorityQueue<string, int> _queue = new();

                public void Raise(Customer c, int severity) => _queue.Enqueue($VALUE, severity);

                public void Handle()
                {
                    while (_queue.TryDequeue(out var who, out var priority))
                    {
                        Console.WriteLine(priority);
                        Partner.Send({|#0:who|});
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_enqueued_on_a_PriorityQueue_is_reported_where_TryDequeue_yields_it() => Run(
            PriorityQueueProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task PriorityQueue_of_last_four_digits_is_clean() => Run(Unmarked(
            PriorityQueueProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 24. AsyncLocal<string>: set in one method of an ambient class, read in a handler after an await.
        // =====================================================================================================

        private const string AsyncLocalProgram = """
            internal static class Ambient
            {
                private static readonly AsyncLocal<string?> Current = new();

                public static void Enter(Customer c) => Current.Value = $VALUE;

                public static string Who => Current.Value ?? "";
            }

            internal sealed class Handler
            {
                public async Task HandleAsync(Customer c)
                {
                    Ambient.Enter(c);
                    await Task.Yield();
                    await Partner.SendAsync({|#0:Ambient.Who|});
                }
            }
            """;

        [Fact]
        public Task Email_set_into_a_static_AsyncLocal_is_reported_where_a_handler_sends_the_ambient_value() => Run(
            AsyncLocalProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task AsyncLocal_holding_a_pseudonym_is_clean() => Run(Unmarked(
            AsyncLocalProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        [Fact]
        public Task AsyncLocal_holding_the_tier_is_clean() => Run(Unmarked(
            AsyncLocalProgram.Replace("$VALUE", "c.Tier")));

        // =====================================================================================================
        // 25. AsyncLocal<List<string>>: a breadcrumb list filled through a helper, read at the end of the flow.
        // =====================================================================================================

        private const string AsyncLocalListProgram = """
            internal static class Breadcrumbs
            {
                private static readonly AsyncLocal<List<string>?> Trail = new();

                public static void Start() => Trail.Value = new List<string>();

                public static void Drop(string crumb) => Trail.Value?.Add(crumb);

                public static IReadOnlyList<string> Read() => Trail.Value ?? new List<string>();
            }

            internal sealed class CheckoutFlow
            {
                public void Begin(Customer c)
                {
                    Breadcrumbs.Start();
                    Breadcrumbs.Drop("cart");
                    Breadcrumbs.Drop($VALUE);
                }

                public void End()
                {
                    foreach (var crumb in Breadcrumbs.Read())
                    {
                        Partner.Send({|#0:crumb|});
                    }
                }
            }
            """;

        [Fact]
        public Task Name_dropped_into_an_AsyncLocal_list_is_reported_where_the_trail_is_sent() => Run(
            AsyncLocalListProgram.Replace("$VALUE", "\"buyer:\" + c.Name"), Min001(0));

        [Fact]
        public Task Name_dropped_into_an_AsyncLocal_list_through_a_null_forgiving_Add_is_reported_where_the_trail_is_sent() => Run(
            AsyncLocalListProgram.Replace("$VALUE", "\"buyer:\" + c.Name").Replace("Trail.Value?.Add(crumb)", "Trail.Value!.Add(crumb)"), Min001(0));

        [Fact]
        public Task AsyncLocal_trail_of_tiers_only_is_clean() => Run(Unmarked(
            AsyncLocalListProgram.Replace("$VALUE", "\"tier:\" + c.Tier")));

        // =====================================================================================================
        // 26. ThreadLocal<List<string>>: a per-thread batch flushed by another method.
        // =====================================================================================================

        private const string ThreadLocalProgram = """
            internal sealed class PerThreadBatch
            {
                private static readonly ThreadLocal<List<string>> Local = new(() => new List<string>());

                public void Hold(Customer c) => Local.Value!.Add($VALUE);

                public void Flush()
                {
                    var items = Local.Value!;
                    Partner.SendBatch({|#0:items.ToList()|});
                    items.Clear();
                }
            }
            """;

        [Fact]
        public Task Email_added_to_a_ThreadLocal_list_is_reported_where_the_batch_is_flushed() => Run(
            ThreadLocalProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task ThreadLocal_list_of_pseudonyms_is_clean() => Run(Unmarked(
            ThreadLocalProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 27. A static readonly singleton with two lists shared by two services.
        // =====================================================================================================

        private const string SingletonProgram = """
            internal sealed class AuditTrail
            {
                public static readonly AuditTrail Instance = new();

                private readonly List<string> _entries = new();
                private readonly List<string> _labels = new();

                public void Note(string entry, string label)
                {
                    _entries.Add(entry);
                    _labels.Add(label);
                }

                public IReadOnlyList<string> Entries => _entries;

                public IReadOnlyList<string> Labels => _labels;
            }

            internal sealed class SignupService
            {
                public void SignUp(Customer c) => AuditTrail.Instance.Note($VALUE, c.Tier);
            }

            internal sealed class ComplianceExport
            {
                public void Export()
                {
                    foreach (var e in AuditTrail.Instance.$VIEW)
                    {
                        Partner.Send({|#0:e|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_noted_on_a_static_readonly_singleton_by_one_service_is_reported_where_another_service_exports_it() => Run(
            SingletonProgram.Replace("$VALUE", "c.Email").Replace("$VIEW", "Entries"), Min001(0));

        [Fact]
        public Task Singleton_noting_pseudonyms_is_clean_where_the_entries_are_exported() => Run(Unmarked(
            SingletonProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)").Replace("$VIEW", "Entries")));

        [Fact]
        public Task Singleton_labels_list_that_only_receives_tiers_is_clean_while_entries_hold_emails() => Run(Unmarked(
            SingletonProgram.Replace("$VALUE", "c.Email").Replace("$VIEW", "Labels")));

        // =====================================================================================================
        // 28. A static helper that takes the collection as a parameter and fills it.
        // =====================================================================================================

        private const string HelperParameterProgram = """
            internal static class Collect
            {
                public static void Into(ICollection<string> target, Customer c)
                {
                    target.Add($VALUE);
                }
            }

            internal sealed class Newsletter
            {
                private readonly List<string> _recipients = new();
                private readonly List<string> _segments = new();

                public void Enroll(Customer c)
                {
                    Collect.Into(_recipients, c);
                    _segments.Add(c.Tier);
                }

                public void Mail()
                {
                    foreach (var r in $SOURCE)
                    {
                        Partner.Send({|#0:r|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_added_by_a_helper_to_the_list_it_was_given_is_reported_where_the_field_list_is_mailed() => Run(
            HelperParameterProgram.Replace("$VALUE", "c.Email").Replace("$SOURCE", "_recipients"), Min001(0));

        [Fact]
        public Task Helper_that_adds_a_pseudonym_to_the_list_it_was_given_is_clean() => Run(Unmarked(
            HelperParameterProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)").Replace("$SOURCE", "_recipients")));

        [Fact]
        public Task Segments_list_never_handed_to_the_helper_is_clean() => Run(Unmarked(
            HelperParameterProgram.Replace("$VALUE", "c.Email").Replace("$SOURCE", "_segments")));

        // =====================================================================================================
        // 29. A generic private helper Stash<T>(Queue<T>, T) filling a field queue; Dequeue later.
        // =====================================================================================================

        private const string GenericHelperProgram = """
            internal sealed class CallbackQueue
            {
                private readonly Queue<string> _numbers = new();

                private static void Stash<T>(Queue<T> into, T value) => into.Enqueue(value);

                public void Request(Customer c) => Stash(_numbers, $VALUE);

                public void Dial()
                {
                    while (_numbers.Count > 0)
                    {
                        Partner.Send({|#0:_numbers.Dequeue()|});
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_stashed_by_a_generic_helper_into_a_field_queue_is_reported_where_Dequeue_is_sent() => Run(
            GenericHelperProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Generic_helper_stashing_last_four_digits_is_clean() => Run(Unmarked(
            GenericHelperProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 30. A list filled inside the lambda given to List<Customer>.ForEach; sent whole later.
        // =====================================================================================================

        private const string ForEachLambdaFillProgram = """
            internal sealed class Campaign
            {
                private readonly List<string> _targets = new();

                public void Load(List<Customer> customers) => customers.ForEach(c => _targets.Add($VALUE));

                public void Launch() => Partner.SendBatch({|#0:_targets|});
            }
            """;

        [Fact]
        public Task Emails_added_inside_a_List_ForEach_lambda_are_reported_where_the_field_list_is_sent() => Run(
            ForEachLambdaFillProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task List_ForEach_lambda_adding_pseudonyms_is_clean() => Run(Unmarked(
            ForEachLambdaFillProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        [Fact]
        public Task List_ForEach_lambda_adding_ids_as_text_is_clean() => Run(Unmarked(
            ForEachLambdaFillProgram.Replace("$VALUE", "c.Id.ToString(\"N\")")));

        // =====================================================================================================
        // 31. Reading through List<T>.ForEach whose body sends (Reading 6: the callback receives the elements).
        // =====================================================================================================

        private const string ForEachSendProgram = """
            internal sealed class Broadcaster
            {
                private readonly List<string> _numbers = new();

                public void Subscribe(Customer c) => _numbers.Add($VALUE);

                public void Broadcast() => _numbers.ForEach(n => Partner.Send({|#0:n|}));
            }
            """;

        [Fact]
        public Task Phones_in_a_field_list_are_reported_inside_the_List_ForEach_body_that_sends_them() => Run(
            ForEachSendProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task List_ForEach_body_sending_last_four_digits_is_clean() => Run(Unmarked(
            ForEachSendProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 32. A collection exposed by a property, filled by one class and drained by another, wired to one instance.
        // =====================================================================================================

        private const string PropertyCollectionProgram = """
            internal sealed class Mailbox
            {
                public List<string> Pending { get; } = new();

                public List<string> Archive { get; } = new();
            }

            internal sealed class Registrar
            {
                private readonly Mailbox _box;

                public Registrar(Mailbox box) { _box = box; }

                public void Register(Customer c)
                {
                    _box.Pending.Add($VALUE);
                    _box.Archive.Add(c.Tier);
                }
            }

            internal sealed class Dispatcher
            {
                private readonly Mailbox _box;

                public Dispatcher(Mailbox box) { _box = box; }

                public void Dispatch()
                {
                    foreach (var p in _box.$VIEW)
                    {
                        Partner.Send({|#0:p|});
                    }
                }
            }

            internal static class Wiring
            {
                public static void Run(Customer c)
                {
                    var box = new Mailbox();
                    new Registrar(box).Register(c);
                    new Dispatcher(box).Dispatch();
                }
            }
            """;

        [Fact]
        public Task Email_added_to_a_property_list_by_one_class_is_reported_where_another_class_dispatches_it() => Run(
            PropertyCollectionProgram.Replace("$VALUE", "c.Email").Replace("$VIEW", "Pending"), Min001(0));

        [Fact]
        public Task Property_list_filled_with_pseudonyms_by_another_class_is_clean() => Run(Unmarked(
            PropertyCollectionProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)").Replace("$VIEW", "Pending")));

        [Fact]
        public Task Archive_property_list_that_only_receives_tiers_is_clean() => Run(Unmarked(
            PropertyCollectionProgram.Replace("$VALUE", "c.Email").Replace("$VIEW", "Archive")));

        // =====================================================================================================
        // 33. Nested: Dictionary<string, List<string>>, the inner list filled through a local alias.
        // =====================================================================================================

        private const string NestedProgram = """
            internal sealed class Segments
            {
                private readonly Dictionary<string, List<string>> _byTier = new();

                public void Place(Customer c)
                {
                    if (!_byTier.TryGetValue(c.Tier, out var members))
                    {
                        members = new List<string>();
                        _byTier[c.Tier] = members;
                    }

                    members.Add($VALUE);
                }

                public void Publish(string tier)
                {
                    if (_byTier.TryGetValue(tier, out var members))
                    {
                        foreach (var m in members)
                        {
                            Partner.Send({|#0:m|});
                        }
                    }
                }

                public void PublishAll() => Partner.SendBatch({|#1:_byTier.Values.SelectMany(v => v).ToList()|});
            }
            """;

        [Fact]
        public Task Email_added_to_an_inner_list_of_a_nested_dictionary_is_reported_at_both_reads() => Run(
            NestedProgram.Replace("$VALUE", "c.Email"), Min001(0), Min001(1));

        [Fact]
        public Task Nested_dictionary_of_pseudonym_lists_is_clean() => Run(Unmarked(
            NestedProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 34. Nested: a new inner list created with the value, set by indexer; read by deconstruction and inner index.
        // =====================================================================================================

        private const string NestedInitProgram = """
            internal sealed class ContactSheets
            {
                private readonly Dictionary<Guid, List<string>> _sheets = new();

                public void Open(Customer c)
                {
                    _sheets[c.Id] = new List<string> { $VALUE, c.Tier };
                }

                public void Share()
                {
                    foreach (var (id, sheet) in _sheets)
                    {
                        Console.WriteLine(id);
                        Partner.Send({|#0:sheet[0]|});
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_in_an_inner_list_initializer_is_reported_where_the_deconstructed_sheet_is_indexed_and_sent() => Run(
            NestedInitProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Inner_list_initialized_with_last_four_digits_is_clean() => Run(Unmarked(
            NestedInitProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 35. Nested: the inner list returned by ConcurrentDictionary.GetOrAdd is filled directly.
        // =====================================================================================================

        private const string GetOrAddInnerProgram = """
            internal static class Groups
            {
                private static readonly ConcurrentDictionary<string, List<string>> ByTier = new();

                public static void Join(Customer c)
                {
                    var list = ByTier.GetOrAdd(c.Tier, _ => new List<string>());
                    lock (list)
                    {
                        list.Add($VALUE);
                    }
                }

                public static void Export()
                {
                    foreach (var list in ByTier.Values)
                    {
                        foreach (var member in list)
                        {
                            Partner.Send({|#0:member|});
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task Email_added_to_the_inner_list_returned_by_GetOrAdd_is_reported_where_the_Values_are_exported() => Run(
            GetOrAddInnerProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Inner_lists_from_GetOrAdd_holding_pseudonyms_are_clean() => Run(Unmarked(
            GetOrAddInnerProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 36. A static hub with two ConcurrentQueues shared by an intake service and a forwarding service.
        // =====================================================================================================

        private const string HubProgram = """
            internal static class Hub
            {
                public static readonly ConcurrentQueue<string> Contacts = new();
                public static readonly ConcurrentQueue<string> Metrics = new();
            }

            internal sealed class IntakeService
            {
                public void Accept(Customer c)
                {
                    Hub.Contacts.Enqueue($VALUE);
                    Hub.Metrics.Enqueue(c.Tier);
                }
            }

            internal sealed class ForwardService
            {
                public void Forward()
                {
                    $READ
                }
            }
            """;

        private const string HubDequeueContacts = "while (Hub.Contacts.TryDequeue(out var next)) { Partner.Send({|#0:next|}); }";

        [Fact]
        public Task Email_enqueued_on_a_shared_hub_is_reported_where_the_other_service_dequeues_it() => Run(
            HubProgram.Replace("$VALUE", "c.Email").Replace("$READ", HubDequeueContacts), Min001(0));

        [Fact]
        public Task Email_enqueued_on_a_shared_hub_is_reported_where_the_other_service_sends_ToArray() => Run(
            HubProgram.Replace("$VALUE", "c.Email").Replace("$READ", "Partner.SendBatch({|#0:Hub.Contacts.ToArray()|});"), Min001(0));

        [Fact]
        public Task Shared_hub_contacts_holding_pseudonyms_are_clean() => Run(Unmarked(
            HubProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)").Replace("$READ", HubDequeueContacts)));

        [Fact]
        public Task Shared_hub_metrics_queue_that_never_receives_identity_is_clean() => Run(Unmarked(
            HubProgram.Replace("$VALUE", "c.Email").Replace("$READ", "while (Hub.Metrics.TryDequeue(out var next)) { Partner.Send(next); }")));

        // =====================================================================================================
        // 37. The list read only into a local log and a count; its positive twin sends the log line.
        // =====================================================================================================

        private const string LocalLogProgram = """
            internal sealed class Roll
            {
                private readonly List<string> _emails = new();

                public void Add(Customer c) => _emails.Add(c.Email);

                public void Summarize()
                {
                    var log = new List<string>();
                    foreach (var e in _emails)
                    {
                        log.Add("queued " + e);
                    }

                    Console.WriteLine(string.Join(", ", log));
                    Partner.SendCount(_emails.Count);
                    $EXTRA
                }
            }
            """;

        [Fact]
        public Task Field_list_of_emails_read_only_into_a_console_log_and_a_count_is_clean() => Run(Unmarked(
            LocalLogProgram.Replace("$EXTRA", "")));

        [Fact]
        public Task Local_log_line_built_from_the_field_list_is_reported_when_it_is_sent() => Run(
            LocalLogProgram.Replace("$EXTRA", "if (log.Count > 0) { Partner.Send({|#0:log[0]|}); }"), Min001(0));

        // =====================================================================================================
        // 38. Identity-bearing objects held in a list: the object and its members read out (Reading 11 and [NonIdentifying]).
        // =====================================================================================================

        private const string WaitlistProgram = """
            internal sealed class Waitlist
            {
                private readonly List<Customer> _waiting = new();

                public void Join(Customer c) => _waiting.Add(c);

                public void Notify()
                {
                    foreach (var w in _waiting)
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Email_of_a_customer_taken_from_a_field_list_is_reported_where_it_is_sent() => Run(
            WaitlistProgram.Replace("$SEND", "Partner.Send({|#0:w.Email|});"), Min001(0));

        [Fact]
        public Task Customer_taken_from_a_field_list_is_reported_where_the_whole_object_is_sent() => Run(
            WaitlistProgram.Replace("$SEND", "Partner.SendObject({|#0:w|});"), Min001(0));

        [Fact]
        public Task Only_the_non_identifying_id_of_customers_in_a_field_list_is_clean() => Run(Unmarked(
            WaitlistProgram.Replace("$SEND", "Partner.SendId(w.Id);")));

        [Fact]
        public Task Only_the_non_identifying_tier_of_customers_in_a_field_list_is_clean() => Run(Unmarked(
            WaitlistProgram.Replace("$SEND", "Partner.Send(w.Tier);")));

        // =====================================================================================================
        // 39. A channel of plain records: the written member vs scalar members (Reading 11).
        // =====================================================================================================

        private const string RecordChannelProgram = """
            internal sealed record Contact(Guid Id, string Address, int Score);

            internal sealed class ContactPump
            {
                private readonly Channel<Contact> _contacts = Channel.CreateUnbounded<Contact>();

                public ValueTask PushAsync(Customer c) => _contacts.Writer.WriteAsync(new Contact(c.Id, $VALUE, c.Visits));

                public async Task RunAsync()
                {
                    await foreach (var contact in _contacts.Reader.ReadAllAsync())
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Email_written_into_a_record_on_a_channel_is_reported_where_its_member_is_sent() => Run(
            RecordChannelProgram.Replace("$VALUE", "c.Email").Replace("$SEND", "Partner.Send({|#0:contact.Address|});"), Min001(0));

        [Fact]
        public Task Only_the_scalar_id_of_a_record_carrying_an_email_through_a_channel_is_clean() => Run(Unmarked(
            RecordChannelProgram.Replace("$VALUE", "c.Email").Replace("$SEND", "Partner.SendId(contact.Id);")));

        [Fact]
        public Task Only_the_scalar_score_of_a_record_carrying_an_email_through_a_channel_is_clean() => Run(Unmarked(
            RecordChannelProgram.Replace("$VALUE", "c.Email").Replace("$SEND", "Partner.SendCount(contact.Score);")));

        [Fact]
        public Task Record_carrying_a_pseudonym_through_a_channel_is_clean_where_its_member_is_sent() => Run(Unmarked(
            RecordChannelProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)").Replace("$SEND", "Partner.Send(contact.Address);")));

        // =====================================================================================================
        // 40. A stash behind an interface: the field list lives in the implementation, the service sees only the interface.
        // =====================================================================================================

        private const string InterfaceStashProgram = """
            internal interface IStash
            {
                void Put(string value);

                IEnumerable<string> TakeAll();
            }

            internal sealed class MemoryStash : IStash
            {
                private readonly List<string> _items = new();

                public void Put(string value) => _items.Add(value);

                public IEnumerable<string> TakeAll()
                {
                    var all = _items.ToArray();
                    _items.Clear();
                    return all;
                }
            }

            internal sealed class Onboarding
            {
                private readonly IStash _stash;

                public Onboarding(IStash stash) { _stash = stash; }

                public void Start(Customer c) => _stash.Put($VALUE);

                public void Finish()
                {
                    foreach (var s in _stash.TakeAll())
                    {
                        Partner.Send({|#0:s|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_put_into_a_stash_behind_an_interface_is_reported_where_TakeAll_is_sent() => Run(
            InterfaceStashProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Interface_stash_of_pseudonyms_is_clean() => Run(Unmarked(
            InterfaceStashProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 41. Dictionary.Add then Values.ToList().
        // =====================================================================================================

        private const string DraftsProgram = """
            internal sealed class Drafts
            {
                private readonly Dictionary<Guid, string> _drafts = new();

                public void Draft(Customer c) => _drafts.Add(c.Id, $VALUE);

                public void SendAll() => Partner.SendBatch({|#0:_drafts.Values.ToList()|});
            }
            """;

        [Fact]
        public Task Message_with_a_name_added_to_a_dictionary_is_reported_where_Values_ToList_is_sent() => Run(
            DraftsProgram.Replace("$VALUE", "$\"Dear {c.Name}\""), Min001(0));

        [Fact]
        public Task Dictionary_of_greetings_by_tier_is_clean_where_Values_ToList_is_sent() => Run(Unmarked(
            DraftsProgram.Replace("$VALUE", "$\"Dear {c.Tier} member\"")));

        // =====================================================================================================
        // 42. ConcurrentDictionary indexer set; deconstructed pairs sent (value vs scalar key).
        // =====================================================================================================

        private const string PhoneBookProgram = """
            internal sealed class PhoneBook
            {
                private readonly ConcurrentDictionary<Guid, string> _numbers = new();

                public void Upsert(Customer c) => _numbers[c.Id] = $VALUE;

                public void Export()
                {
                    foreach (var (id, number) in _numbers)
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_set_by_a_ConcurrentDictionary_indexer_is_reported_where_the_deconstructed_value_is_sent() => Run(
            PhoneBookProgram.Replace("$VALUE", "c.Phone").Replace("$SEND", "Partner.Send({|#0:number|});"), Min001(0));

        [Fact]
        public Task Phone_book_of_last_four_digits_is_clean_at_the_deconstructed_value() => Run(Unmarked(
            PhoneBookProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)").Replace("$SEND", "Partner.Send(number);")));

        [Fact]
        public Task Only_the_scalar_guid_key_read_as_pair_Key_from_a_phone_book_is_clean() => Run(Unmarked(
            PhoneBookProgram.Replace("$VALUE", "c.Phone").Replace("foreach (var (id, number) in _numbers)", "foreach (var pair in _numbers)").Replace("$SEND", "Partner.SendId(pair.Key);")));

        [Fact]
        public Task Only_the_scalar_guid_key_deconstructed_from_a_phone_book_is_clean() => Run(Unmarked(
            PhoneBookProgram.Replace("$VALUE", "c.Phone").Replace("$SEND", "Partner.SendId(id);")));

        // =====================================================================================================
        // 43. ImmutableDictionary.SetItem reassigned to the field, keyed by the e-mail.
        // =====================================================================================================

        private const string ImmutableDictionaryProgram = """
            internal sealed class Consents
            {
                private ImmutableDictionary<string, bool> _consents = ImmutableDictionary<string, bool>.Empty;

                public void Grant(Customer c) => _consents = _consents.SetItem($KEY, true);

                public void Share()
                {
                    foreach (var key in _consents.Keys)
                    {
                        Partner.Send({|#0:key|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_key_set_on_an_ImmutableDictionary_reassigned_to_the_field_is_reported_where_Keys_are_sent() => Run(
            ImmutableDictionaryProgram.Replace("$KEY", "c.Email"), Min001(0));

        [Fact]
        public Task ImmutableDictionary_keyed_by_pseudonym_is_clean() => Run(Unmarked(
            ImmutableDictionaryProgram.Replace("$KEY", "Privacy.Pseudonym(c.Email)")));

        // =====================================================================================================
        // 44. A static readonly session table shared by a login service and a billing service: indexer set, TryGetValue.
        // =====================================================================================================

        private const string SessionTableProgram = """
            internal sealed class SessionTable
            {
                public static readonly SessionTable Shared = new();

                private readonly Dictionary<string, string> _sessions = new();

                public void Open(string token, string who) => _sessions[token] = who;

                public string Find(string token) => _sessions.TryGetValue(token, out var who) ? who : "";
            }

            internal sealed class LoginService
            {
                public string LogIn(Customer c)
                {
                    var token = Guid.NewGuid().ToString("N");
                    SessionTable.Shared.Open(token, $VALUE);
                    return token;
                }
            }

            internal sealed class BillingService
            {
                public void Bill(string token) => Partner.Send({|#0:SessionTable.Shared.Find(token)|});
            }
            """;

        [Fact]
        public Task Email_opened_on_a_shared_session_table_is_reported_where_the_billing_service_sends_the_lookup() => Run(
            SessionTableProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Shared_session_table_holding_pseudonyms_is_clean() => Run(Unmarked(
            SessionTableProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));
    }
}
