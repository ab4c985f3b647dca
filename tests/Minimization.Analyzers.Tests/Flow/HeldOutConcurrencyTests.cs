using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: "How identity travels" with its
    /// <c>async</c>/<c>await</c>, <c>Task&lt;T&gt;</c> and iterators, MIN001 and Readings 4, 5, 6, 9, 10 and 11): asynchronous and
    /// concurrent code with BCL types only. <c>Task.WhenAll</c>/<c>WhenAny</c>, own async iterators, channels shared by a
    /// producer and a consumer, <c>Parallel.ForEach(Async)</c> bodies, <c>TaskCompletionSource</c>, continuations,
    /// <c>Task.Run</c>, <c>ValueTask</c>, a scheduler of stored async lambdas, guarded and lazy caches,
    /// <c>ConcurrentDictionary</c>, timer and cancellation callbacks with state objects, <c>AsyncLocal</c>, retries,
    /// <c>WaitAsync</c>/<c>ConfigureAwait</c>, faulted tasks and <c>Interlocked</c>. Every positive has a near-miss negative:
    /// a clean member, a scalar, a size, a token the library hands over, or a minimizer applied before the value is
    /// enqueued, inside the consumer or in a <c>Select</c> over the results. Types are internal so that MIN010 stays out.
    /// </summary>
    public class HeldOutConcurrencyTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: a ride-hailing rider, the fleet partner's sinks, the minimizers and a directory.</summary>
        private const string Header = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Runtime.CompilerServices;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal class Rider
            {
                [NonIdentifying] public int Id { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [NonIdentifying] public string City { get; set; } = "";
            }

            internal static class Dispatch
            {
                [PartnerShare("fleet")] public static void Send(string payload) { }
                [PartnerShare("fleet")] public static Task SendAsync(string payload, CancellationToken ct) => Task.CompletedTask;
                [PartnerShare("fleet")] public static void SendBatch(IEnumerable<string> payloads) { }
                [PartnerShare("fleet")] public static void SendCount(long count) { }
            }

            internal static class Mask
            {
                private static readonly byte[] Key = Encoding.UTF8.GetBytes("fleet-2025");

                [Minimizer]
                public static string Token(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));
                }

                [Minimizer]
                public static async Task<string> TokenAsync(string value)
                {
                    await Task.Yield();
                    return Token(value);
                }
            }

            internal sealed class RiderDirectory
            {
                public async Task<string> PhoneOfAsync(Rider r)
                {
                    await Task.Delay(1);
                    return r.Phone;
                }

                public async Task<string> CityOfAsync(Rider r)
                {
                    await Task.Delay(1);
                    return r.City;
                }

                public async Task<string> TokenOfAsync(Rider r)
                {
                    await Task.Delay(1);
                    return Mask.Token(r.Phone);
                }
            }

            """;

        // =====================================================================================================
        // 1. Task.WhenAll and Task.WhenAny: identity goes into the tasks, comes out of the awaited results.
        // =====================================================================================================

        private const string WhenAllProgram = """
            internal static class NightlySync
            {
                public static async Task RunAsync(RiderDirectory dir, List<Rider> riders)
                {
                    string[] values = await Task.WhenAll(riders.Select(r => dir.$LOOKUP(r)));
                    foreach (string value in values)
                    {
                        Dispatch.Send({|#0:value|});
                    }
                }
            }
            """;

        [Fact]
        public Task WhenAll_over_async_phone_lookups_is_reported_where_each_result_is_sent() => Run(
            WhenAllProgram.Replace("$LOOKUP", "PhoneOfAsync"), Min001(0));

        [Fact]
        public Task WhenAll_over_async_lookups_that_minimize_inside_is_clean() => Run(Unmarked(
            WhenAllProgram.Replace("$LOOKUP", "TokenOfAsync")));

        private const string WhenAllBatchProgram = """
            internal static class NightlyBatch
            {
                public static async Task RunAsync(RiderDirectory dir, IReadOnlyList<Rider> riders)
                {
                    Task<string>[] lookups = riders.Select(dir.PhoneOfAsync).ToArray();
                    string[] phones = await Task.WhenAll(lookups).ConfigureAwait(false);
                    Dispatch.SendBatch({|#0:$BATCH|});
                }
            }
            """;

        [Fact]
        public Task WhenAll_raw_results_sent_as_one_batch_is_reported_at_the_batch() => Run(
            WhenAllBatchProgram.Replace("$BATCH", "phones"), Min001(0));

        [Fact]
        public Task WhenAll_results_minimized_in_a_Select_before_the_batch_is_clean() => Run(Unmarked(
            WhenAllBatchProgram.Replace("$BATCH", "phones.Select(Mask.Token)")));

        private const string WhenAllPairProgram = """
            internal static class PickupCard
            {
                public static async Task ShowAsync(RiderDirectory dir, Rider r)
                {
                    Task<string> phone = dir.PhoneOfAsync(r);
                    Task<string> city = dir.CityOfAsync(r);
                    await Task.WhenAll(phone, city);
                    Dispatch.Send({|#0:$TASK.Result|});
                }
            }
            """;

        [Fact]
        public Task WhenAll_of_two_tasks_sending_the_phone_task_result_is_reported() => Run(
            WhenAllPairProgram.Replace("$TASK", "phone"), Min001(0));

        [Fact]
        public Task WhenAll_of_two_tasks_sending_only_the_city_task_result_is_clean() => Run(Unmarked(
            WhenAllPairProgram.Replace("$TASK", "city")));

        private const string WhenAnyProgram = """
            internal static class ContactRace
            {
                public static async Task RunAsync(RiderDirectory dir, Rider r)
                {
                    Task<string> primary = dir.$LOOKUP(r);
                    Task<string> fallback = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => "unknown");
                    Task<string> winner = await Task.WhenAny(primary, fallback);
                    string value = await winner;
                    Dispatch.Send({|#0:value|});
                }
            }
            """;

        [Fact]
        public Task WhenAny_between_a_phone_lookup_and_a_fallback_is_reported_at_the_winner() => Run(
            WhenAnyProgram.Replace("$LOOKUP", "PhoneOfAsync"), Min001(0));

        [Fact]
        public Task WhenAny_between_a_city_lookup_and_a_fallback_is_clean() => Run(Unmarked(
            WhenAnyProgram.Replace("$LOOKUP", "CityOfAsync")));

        // =====================================================================================================
        // 2. await foreach over an own IAsyncEnumerable<T> iterator.
        // =====================================================================================================

        private const string FeedProgram = """
            internal sealed class RiderFeed
            {
                private readonly List<Rider> _riders;

                public RiderFeed(List<Rider> riders) { _riders = riders; }

                public async IAsyncEnumerable<string> ContactsAsync([EnumeratorCancellation] CancellationToken ct = default)
                {
                    foreach (Rider r in _riders)
                    {
                        await Task.Delay(5, ct);
                        yield return $YIELD;
                    }
                }
            }

            internal static class FeedSync
            {
                public static async Task RunAsync(RiderFeed feed, CancellationToken ct)
                {
                    await foreach (string contact in feed.ContactsAsync().WithCancellation(ct).ConfigureAwait(false))
                    {
                        await Dispatch.SendAsync({|#0:contact|}, ct);
                    }
                }
            }
            """;

        [Fact]
        public Task Await_foreach_over_an_iterator_yielding_phones_is_reported_at_each_contact() => Run(
            FeedProgram.Replace("$YIELD", "r.Phone"), Min001(0));

        [Fact]
        public Task Await_foreach_over_an_iterator_yielding_tokens_is_clean() => Run(Unmarked(
            FeedProgram.Replace("$YIELD", "Mask.Token(r.Phone)")));

        [Fact]
        public Task Await_foreach_over_an_iterator_of_phones_minimized_by_an_async_Select_is_clean() => Run("""
            internal sealed class RiderFeed
            {
                private readonly List<Rider> _riders;

                public RiderFeed(List<Rider> riders) { _riders = riders; }

                public async IAsyncEnumerable<string> ContactsAsync([EnumeratorCancellation] CancellationToken ct = default)
                {
                    foreach (Rider r in _riders)
                    {
                        await Task.Delay(5, ct);
                        yield return r.Phone;
                    }
                }
            }

            internal static class FeedSync
            {
                public static async Task RunAsync(RiderFeed feed, CancellationToken ct)
                {
                    await foreach (string token in feed.ContactsAsync(ct).Select(c => Mask.Token(c)))
                    {
                        await Dispatch.SendAsync(token, ct);
                    }
                }
            }
            """);

        // =====================================================================================================
        // 3. Channels shared between a producer and a consumer (Reading 5: the report is where a value taken out meets
        //    the sink; writing is not a sink call).
        // =====================================================================================================

        private const string PickupChannelProgram = """
            internal sealed class PickupProducer
            {
                private readonly Channel<string> _channel;

                public PickupProducer(Channel<string> channel) { _channel = channel; }

                public ValueTask RequestAsync(Rider r, CancellationToken ct) => _channel.Writer.WriteAsync($ITEM, ct);
            }

            internal sealed class PickupConsumer
            {
                private readonly Channel<string> _channel;

                public PickupConsumer(Channel<string> channel) { _channel = channel; }

                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (string item in _channel.Reader.ReadAllAsync(ct))
                    {
                        await Dispatch.SendAsync({|#0:$SENT|}, ct);
                    }
                }
            }

            internal static class PickupWiring
            {
                public static Task StartAsync(Rider r, CancellationToken ct)
                {
                    Channel<string> channel = Channel.CreateBounded<string>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.Wait });
                    var producer = new PickupProducer(channel);
                    var consumer = new PickupConsumer(channel);
                    Task loop = consumer.RunAsync(ct);
                    return Task.WhenAll(loop, producer.RequestAsync(r, ct).AsTask());
                }
            }
            """;

        [Fact]
        public Task Channel_shared_through_constructors_is_reported_where_the_consumer_sends_the_read_item() => Run(
            PickupChannelProgram.Replace("$ITEM", "r.Phone + \"|\" + r.City").Replace("$SENT", "item"), Min001(0));

        [Fact]
        public Task Channel_shared_through_constructors_fed_tokens_before_writing_is_clean() => Run(Unmarked(
            PickupChannelProgram.Replace("$ITEM", "Mask.Token(r.Phone) + \"|\" + r.City").Replace("$SENT", "item")));

        [Fact]
        public Task Channel_shared_through_constructors_minimized_inside_the_consumer_is_clean() => Run(Unmarked(
            PickupChannelProgram.Replace("$ITEM", "r.Phone + \"|\" + r.City").Replace("$SENT", "Mask.Token(item)")));

        private const string SplitChannelProgram = """
            internal sealed class LocationPublisher
            {
                private readonly ChannelWriter<string> _writer;

                public LocationPublisher(ChannelWriter<string> writer) { _writer = writer; }

                public bool Publish(Rider r) => _writer.TryWrite($ITEM);
            }

            internal sealed class LocationForwarder
            {
                private readonly ChannelReader<string> _reader;

                public LocationForwarder(ChannelReader<string> reader) { _reader = reader; }

                public async Task PumpAsync(CancellationToken ct)
                {
                    while (await _reader.WaitToReadAsync(ct))
                    {
                        while (_reader.TryRead(out string? line))
                        {
                            Dispatch.Send({|#0:line|});
                        }
                    }
                }
            }

            internal static class LocationWiring
            {
                public static (LocationPublisher Publisher, LocationForwarder Forwarder) Build()
                {
                    Channel<string> channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
                    return (new LocationPublisher(channel.Writer), new LocationForwarder(channel.Reader));
                }
            }
            """;

        [Fact]
        public Task Channel_split_into_a_writer_field_and_a_reader_field_is_reported_where_TryRead_lines_are_sent() => Run(
            SplitChannelProgram.Replace("$ITEM", "r.Email"), Min001(0));

        [Fact]
        public Task Channel_split_into_a_writer_field_and_a_reader_field_carrying_the_city_is_clean() => Run(Unmarked(
            SplitChannelProgram.Replace("$ITEM", "\"city:\" + r.City")));

        private const string RequestChannelProgram = """
            internal sealed record PickupRequest(int TripId, string Contact, DateTimeOffset At);

            internal sealed class TripDesk
            {
                private readonly Channel<PickupRequest> _requests = Channel.CreateUnbounded<PickupRequest>();

                public void Book(Rider r, int tripId)
                {
                    _requests.Writer.TryWrite(new PickupRequest(tripId, r.Phone, DateTimeOffset.UtcNow));
                }

                public async Task DrainAsync(CancellationToken ct)
                {
                    await foreach (PickupRequest req in _requests.Reader.ReadAllAsync(ct))
                    {
                        $SEND;
                    }
                }
            }
            """;

        [Fact]
        public Task Channel_of_request_records_is_reported_where_the_written_contact_is_sent() => Run(
            RequestChannelProgram.Replace("$SEND", "await Dispatch.SendAsync({|#0:req.Contact|}, ct)"), Min001(0));

        [Fact]
        public Task Channel_of_request_records_sending_only_the_trip_id_is_clean() => Run(
            RequestChannelProgram.Replace("$SEND", "Dispatch.SendCount(req.TripId)"));

        // =====================================================================================================
        // 4. Parallel.ForEachAsync and Parallel.ForEach (Reading 6: the body receives the elements; the token and the
        //    index the library hands it carry no identity).
        // =====================================================================================================

        private const string ForEachAsyncProgram = """
            internal static class Broadcast
            {
                public static Task RunAsync(List<Rider> riders, CancellationToken ct)
                {
                    IEnumerable<string> phones = riders.Select(r => $PROJECT);
                    return Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (phone, token) =>
                    {
                        await Task.Delay(10, token);
                        await Dispatch.SendAsync($BODY, token);
                    });
                }
            }
            """;

        [Fact]
        public Task Parallel_ForEachAsync_body_sending_each_phone_is_reported_at_the_element_only() => Run(
            ForEachAsyncProgram.Replace("$PROJECT", "r.Phone").Replace("$BODY", "{|#0:phone|}"), Min001(0));

        [Fact]
        public Task Parallel_ForEachAsync_body_sending_the_length_and_the_token_is_clean() => Run(
            ForEachAsyncProgram.Replace("$PROJECT", "r.Phone").Replace("$BODY", "\"sms:\" + phone.Length"));

        [Fact]
        public Task Parallel_ForEachAsync_over_phones_minimized_in_the_Select_is_clean() => Run(
            ForEachAsyncProgram.Replace("$PROJECT", "Mask.Token(r.Phone)").Replace("$BODY", "phone"));

        private const string ForEachProgram = """
            internal static class MailMerge
            {
                public static void Run(IEnumerable<Rider> riders)
                {
                    string[] emails = riders.Select(r => r.Email).ToArray();
                    Parallel.ForEach(emails, (email, state, index) =>
                    {
                        $BODY;
                    });
                }
            }
            """;

        [Fact]
        public Task Parallel_ForEach_body_sending_each_email_is_reported_at_the_element() => Run(
            ForEachProgram.Replace("$BODY", "Dispatch.Send({|#0:email|})"), Min001(0));

        [Fact]
        public Task Parallel_ForEach_body_sending_only_the_index_is_clean() => Run(
            ForEachProgram.Replace("$BODY", "Dispatch.SendCount(index)"));

        // =====================================================================================================
        // 5. TaskCompletionSource<T> completed in one method and awaited in another.
        // =====================================================================================================

        private const string CompletionProgram = """
            internal sealed class DriverHandshake
            {
                private readonly TaskCompletionSource<string> _accepted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

                public void OnDriverAccepted(Rider r)
                {
                    _accepted.TrySetResult($RESULT);
                }

                public async Task RelayAsync(CancellationToken ct)
                {
                    string who = await _accepted.Task.WaitAsync(ct);
                    await Dispatch.SendAsync({|#0:who|}, ct);
                }
            }
            """;

        [Fact]
        public Task Completion_source_completed_with_a_phone_is_reported_where_the_awaited_result_is_sent() => Run(
            CompletionProgram.Replace("$RESULT", "r.Phone"), Min001(0));

        [Fact]
        public Task Completion_source_completed_with_a_token_is_clean() => Run(Unmarked(
            CompletionProgram.Replace("$RESULT", "Mask.Token(r.Phone)")));

        // =====================================================================================================
        // 6. Continuations, Task.Run and ValueTask<T>.
        // =====================================================================================================

        private const string ContinuationProgram = """
            internal static class Forwarder
            {
                public static Task ForwardAsync(RiderDirectory dir, Rider r)
                {
                    return dir.PhoneOfAsync(r).ContinueWith(t => $BODY, TaskContinuationOptions.OnlyOnRanToCompletion);
                }
            }
            """;

        [Fact]
        public Task ContinueWith_sending_the_antecedent_phone_result_is_reported_inside_the_continuation() => Run(
            ContinuationProgram.Replace("$BODY", "Dispatch.Send({|#0:t.Result|})"), Min001(0));

        [Fact]
        public Task ContinueWith_sending_only_the_length_of_the_antecedent_result_is_clean() => Run(
            ContinuationProgram.Replace("$BODY", "Dispatch.SendCount(t.Result.Length)"));

        private const string RunCaptureProgram = """
            internal static class FireAndForget
            {
                public static Task Notify(Rider r)
                {
                    string contact = $CONTACT;
                    return Task.Run(() => Dispatch.Send({|#0:contact|}));
                }
            }
            """;

        [Fact]
        public Task Task_Run_lambda_capturing_a_phone_is_reported_inside_the_lambda() => Run(
            RunCaptureProgram.Replace("$CONTACT", "r.Phone"), Min001(0));

        [Fact]
        public Task Task_Run_lambda_capturing_the_non_identifying_id_is_clean() => Run(Unmarked(
            RunCaptureProgram.Replace("$CONTACT", "\"rider-\" + r.Id.ToString()")));

        private const string RunResultProgram = """
            internal static class Offload
            {
                public static async Task NotifyAsync(Rider r)
                {
                    string contact = await Task.Run(() => $COMPUTE);
                    Dispatch.Send({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task Task_Run_returning_a_trimmed_phone_is_reported_where_the_awaited_result_is_sent() => Run(
            RunResultProgram.Replace("$COMPUTE", "r.Phone.Trim()"), Min001(0));

        [Fact]
        public Task Task_Run_returning_a_token_is_clean() => Run(Unmarked(
            RunResultProgram.Replace("$COMPUTE", "Mask.Token(r.Phone.Trim())")));

        private const string ValueTaskProgram = """
            internal sealed class ContactResolver
            {
                private readonly Dictionary<int, string> _cache = new Dictionary<int, string>();

                public ValueTask<string> ResolveAsync(Rider r)
                {
                    if (_cache.TryGetValue(r.Id, out string? hit))
                    {
                        return ValueTask.FromResult(hit);
                    }
                    return new ValueTask<string>(LoadAsync(r));
                }

                private async Task<string> LoadAsync(Rider r)
                {
                    await Task.Delay(5);
                    string value = $VALUE;
                    _cache[r.Id] = value;
                    return value;
                }
            }

            internal static class Receipt
            {
                public static async Task SendAsync(ContactResolver resolver, Rider r)
                {
                    string contact = await resolver.ResolveAsync(r).ConfigureAwait(false);
                    Dispatch.Send({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task ValueTask_resolver_returning_a_cached_or_loaded_phone_is_reported_where_it_is_sent() => Run(
            ValueTaskProgram.Replace("$VALUE", "r.Phone"), Min001(0));

        [Fact]
        public Task ValueTask_resolver_caching_tokens_is_clean() => Run(Unmarked(
            ValueTaskProgram.Replace("$VALUE", "Mask.Token(r.Phone)")));

        // =====================================================================================================
        // 7. Async lambdas stored by a scheduler and run later (Reading 4: reported inside, where the captured value
        //    meets the sink; scheduling is not a sink).
        // =====================================================================================================

        private const string SchedulerProgram = """
            internal sealed class Scheduler
            {
                private readonly List<Func<Task>> _jobs = new List<Func<Task>>();

                public void Schedule(Func<Task> job)
                {
                    lock (_jobs)
                    {
                        _jobs.Add(job);
                    }
                }

                public async Task RunDueAsync()
                {
                    Func<Task>[] due;
                    lock (_jobs)
                    {
                        due = _jobs.ToArray();
                        _jobs.Clear();
                    }
                    foreach (Func<Task> job in due)
                    {
                        await job();
                    }
                }
            }

            internal sealed class ReminderService
            {
                private readonly Scheduler _scheduler;

                public ReminderService(Scheduler scheduler) { _scheduler = scheduler; }

                public void RemindLater(Rider r)
                {
                    string contact = $CONTACT;
                    _scheduler.Schedule(async () =>
                    {
                        await Task.Delay(TimeSpan.FromMinutes(5));
                        await Dispatch.SendAsync({|#0:contact|}, CancellationToken.None);
                    });
                }
            }
            """;

        [Fact]
        public Task Scheduled_async_lambda_capturing_a_phone_is_reported_inside_the_lambda() => Run(
            SchedulerProgram.Replace("$CONTACT", "r.Phone"), Min001(0));

        [Fact]
        public Task Scheduled_async_lambda_capturing_a_token_is_clean() => Run(Unmarked(
            SchedulerProgram.Replace("$CONTACT", "Mask.Token(r.Phone)")));

        // =====================================================================================================
        // 8. Guarded, lazy and concurrent caches.
        // =====================================================================================================

        private const string GuardedCacheProgram = """
            internal sealed class ContactCache
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private readonly Dictionary<int, string> _contacts = new Dictionary<int, string>();

                public async Task RememberAsync(Rider r, CancellationToken ct)
                {
                    await _gate.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        _contacts[r.Id] = $VALUE;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                public async Task ShareAsync(int riderId, CancellationToken ct)
                {
                    string? contact;
                    await _gate.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        _contacts.TryGetValue(riderId, out contact);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                    if (contact is not null)
                    {
                        await Dispatch.SendAsync({|#0:contact|}, ct);
                    }
                }
            }
            """;

        [Fact]
        public Task Semaphore_guarded_cache_of_phones_is_reported_where_another_method_sends_the_entry() => Run(
            GuardedCacheProgram.Replace("$VALUE", "r.Phone"), Min001(0));

        [Fact]
        public Task Semaphore_guarded_cache_of_tokens_is_clean() => Run(Unmarked(
            GuardedCacheProgram.Replace("$VALUE", "Mask.Token(r.Phone)")));

        private const string LazyProgram = """
            internal sealed class TripContact
            {
                private readonly Lazy<string> _contact;

                public TripContact(Rider rider)
                {
                    _contact = new Lazy<string>(() => $VALUE, LazyThreadSafetyMode.ExecutionAndPublication);
                }

                public void Share()
                {
                    Dispatch.Send({|#0:_contact.Value|});
                }
            }
            """;

        [Fact]
        public Task Lazy_built_from_the_phone_is_reported_where_its_value_is_sent() => Run(
            LazyProgram.Replace("$VALUE", "rider.Phone"), Min001(0));

        [Fact]
        public Task Lazy_built_from_a_token_is_clean() => Run(Unmarked(
            LazyProgram.Replace("$VALUE", "Mask.Token(rider.Phone)")));

        private const string AsyncLazyProgram = """
            internal sealed class AsyncLazy<T>
            {
                private readonly Lazy<Task<T>> _inner;

                public AsyncLazy(Func<Task<T>> factory)
                {
                    _inner = new Lazy<Task<T>>(() => Task.Run(factory));
                }

                public Task<T> GetValueAsync() => _inner.Value;
            }

            internal sealed class SessionContact
            {
                private readonly AsyncLazy<string> _contact;

                public SessionContact(Rider rider)
                {
                    _contact = new AsyncLazy<string>(async () =>
                    {
                        await Task.Delay(1);
                        return $VALUE;
                    });
                }

                public async Task ShareAsync()
                {
                    string contact = await _contact.GetValueAsync();
                    Dispatch.Send({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task Async_lazy_wrapper_built_from_the_email_is_reported_where_its_value_is_sent() => Run(
            AsyncLazyProgram.Replace("$VALUE", "rider.Email"), Min001(0));

        [Fact]
        public Task Async_lazy_wrapper_built_from_an_awaited_async_minimizer_is_clean() => Run(Unmarked(
            AsyncLazyProgram.Replace("$VALUE", "await Mask.TokenAsync(rider.Email)")));

        private const string GetOrAddProgram = """
            internal sealed class ContactIndex
            {
                private readonly ConcurrentDictionary<int, string> _contacts = new ConcurrentDictionary<int, string>();

                public string Index(Rider r)
                {
                    return _contacts.GetOrAdd(r.Id, static (id, contact) => contact + "#" + id, $ARGUMENT);
                }

                public void Publish(int riderId)
                {
                    if (_contacts.TryGetValue(riderId, out string? contact))
                    {
                        Dispatch.Send({|#0:contact|});
                    }
                }
            }
            """;

        [Fact]
        public Task GetOrAdd_factory_fed_the_phone_as_its_argument_is_reported_where_the_entry_is_published() => Run(
            GetOrAddProgram.Replace("$ARGUMENT", "r.Phone"), Min001(0));

        [Fact]
        public Task GetOrAdd_factory_fed_a_token_as_its_argument_is_clean() => Run(Unmarked(
            GetOrAddProgram.Replace("$ARGUMENT", "Mask.Token(r.Phone)")));

        private const string ThrottleProgram = """
            internal sealed class LoginThrottle
            {
                private readonly ConcurrentDictionary<string, int> _failures = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);

                public int Fail(Rider r)
                {
                    _failures.GetOrAdd(r.Email, static _ => 0);
                    return _failures.AddOrUpdate(r.Email, 1, static (_, n) => n + 1);
                }

                public void Report()
                {
                    $REPORT;
                }
            }
            """;

        [Fact]
        public Task Concurrent_dictionary_keyed_by_email_is_reported_where_its_keys_are_sent() => Run(
            ThrottleProgram.Replace("$REPORT", "Dispatch.SendBatch({|#0:_failures.Keys|})"), Min001(0));

        [Fact]
        public Task Concurrent_dictionary_keyed_by_email_sending_only_its_count_is_clean() => Run(
            ThrottleProgram.Replace("$REPORT", "Dispatch.SendCount(_failures.Count)"));

        // =====================================================================================================
        // 9. Timer and cancellation callbacks handed a state object (Reading 6: the callback receives what the library
        //    passes it).
        // =====================================================================================================

        private const string TimerProgram = """
            internal sealed class Heartbeat : IDisposable
            {
                private Timer? _timer;

                public void Start(Rider r)
                {
                    _timer = new Timer(Beat, $STATE, TimeSpan.Zero, TimeSpan.FromMinutes(1));
                }

                private static void Beat(object? state)
                {
                    Dispatch.Send(state as string ?? "");
                }

                public void Dispose() => _timer?.Dispose();
            }
            """;

        // A method (not a lambda of this body) that sends what it is handed: reported at the argument that hands it the phone,
        // as for any method whose parameter reaches a sink (Readings 1 and 3), not at the library call as a whole.
        [Fact]
        public Task Timer_callback_handed_the_phone_as_state_is_reported_at_the_state_argument() => Run(
            TimerProgram.Replace("$STATE", "{|#0:r.Phone|}"), Min001(0));

        [Fact]
        public Task Timer_callback_handed_a_token_as_state_is_clean() => Run(Unmarked(
            TimerProgram.Replace("$STATE", "Mask.Token(r.Phone)")));

        private const string RegisterProgram = """
            internal sealed class PickupWatch
            {
                public CancellationTokenRegistration Watch(Rider r, CancellationToken ct)
                {
                    return ct.Register(static state => $BODY, r.Phone);
                }
            }
            """;

        [Fact]
        public Task Cancellation_callback_sending_its_phone_state_is_reported_inside_the_callback() => Run(
            RegisterProgram.Replace("$BODY", "Dispatch.Send({|#0:(string)state!|})"), Min001(0));

        [Fact]
        public Task Cancellation_callback_ignoring_its_phone_state_is_clean() => Run(
            RegisterProgram.Replace("$BODY", "Dispatch.Send(\"pickup cancelled\")"));

        // =====================================================================================================
        // 10. AsyncLocal<T> holding the current user (Readings 5 and 11: a container; its scalar member stays clean).
        // =====================================================================================================

        private const string AmbientProgram = """
            internal sealed class RequestUser
            {
                public int TenantId { get; set; }
                public string Contact { get; set; } = "";
            }

            internal static class Ambient
            {
                public static readonly AsyncLocal<RequestUser?> User = new AsyncLocal<RequestUser?>();
            }

            internal sealed class AuthMiddleware
            {
                public async Task InvokeAsync(Rider r, Func<Task> next)
                {
                    Ambient.User.Value = new RequestUser { TenantId = 7, Contact = r.Email };
                    await next();
                }
            }

            internal sealed class ReceiptService
            {
                public Task SendReceiptAsync(CancellationToken ct)
                {
                    RequestUser? user = Ambient.User.Value;
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Async_local_user_set_by_middleware_is_reported_where_a_later_service_sends_its_contact() => Run(
            AmbientProgram.Replace("$SEND", "return Dispatch.SendAsync({|#0:user?.Contact ?? \"anonymous\"|}, ct)"), Min001(0));

        [Fact]
        public Task Async_local_user_set_by_middleware_sending_only_the_tenant_id_is_clean() => Run(
            AmbientProgram.Replace("$SEND", "Dispatch.SendCount(user?.TenantId ?? 0); return Task.CompletedTask"));

        // =====================================================================================================
        // 11. Retries, timeouts and cancellation pass-through.
        // =====================================================================================================

        private const string RetryProgram = """
            internal static class Retry
            {
                public static async Task SendWithRetryAsync(string body, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await Dispatch.SendAsync(body, ct).ConfigureAwait(false);
                            return;
                        }
                        catch (InvalidOperationException) when (attempt < 3)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct).ConfigureAwait(false);
                        }
                    }
                }
            }

            internal static class Arrival
            {
                public static Task NotifyAsync(Rider r, CancellationToken ct)
                {
                    return Retry.SendWithRetryAsync({|#0:$BODY|}, ct);
                }
            }
            """;

        [Fact]
        public Task Retry_loop_with_Task_Delay_is_reported_at_the_outermost_argument() => Run(
            RetryProgram.Replace("$BODY", "\"Your driver is here, \" + r.Name"), Min001(0));

        [Fact]
        public Task Retry_loop_with_Task_Delay_sending_the_rider_id_is_clean() => Run(Unmarked(
            RetryProgram.Replace("$BODY", "$\"Trip for rider {r.Id} has arrived\"")));

        private const string TimeoutProgram = """
            internal static class Notify
            {
                public static async Task NotifyAsync(RiderDirectory dir, Rider r, CancellationToken ct)
                {
                    using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(TimeSpan.FromSeconds(2));
                    string value = await dir.$LOOKUP(r).WaitAsync(timeout.Token).ConfigureAwait(false);
                    await Dispatch.SendAsync({|#0:value|}, timeout.Token).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task WaitAsync_and_ConfigureAwait_pass_the_phone_through_and_are_reported() => Run(
            TimeoutProgram.Replace("$LOOKUP", "PhoneOfAsync"), Min001(0));

        [Fact]
        public Task WaitAsync_and_ConfigureAwait_over_a_city_lookup_with_a_linked_token_are_clean() => Run(Unmarked(
            TimeoutProgram.Replace("$LOOKUP", "CityOfAsync")));

        // =====================================================================================================
        // 12. Faulted tasks (Reading 9: an exception built from identity carries it when read in the same flow).
        // =====================================================================================================

        private const string FaultProgram = """
            internal static class Booking
            {
                public static async Task ReportFailureAsync(Rider r, CancellationToken ct)
                {
                    var failure = new TimeoutException($"no driver answered {$WHO}");
                    Task attempt = Task.FromException(failure);
                    if (attempt.IsFaulted)
                    {
                        await Dispatch.SendAsync({|#0:attempt.Exception!.GetBaseException().Message|}, ct);
                    }
                }
            }
            """;

        [Fact]
        public Task Faulted_task_whose_exception_names_the_phone_is_reported_where_its_message_is_sent() => Run(
            FaultProgram.Replace("{$WHO}", "{r.Phone}"), Min001(0));

        [Fact]
        public Task Faulted_task_whose_exception_names_only_the_city_is_clean() => Run(Unmarked(
            FaultProgram.Replace("{$WHO}", "{r.City}")));

        // =====================================================================================================
        // 13. Interlocked and Volatile: an atomic exchange is an assignment to the field.
        // =====================================================================================================

        private const string InterlockedProgram = """
            internal sealed class LastBooking
            {
                private string? _lastContact;

                public void Record(Rider r)
                {
                    Interlocked.Exchange(ref _lastContact, $VALUE);
                }

                public void Flush()
                {
                    string? contact = Volatile.Read(ref _lastContact);
                    if (contact != null)
                    {
                        Dispatch.Send({|#0:contact|});
                    }
                }
            }
            """;

        [Fact]
        public Task Field_set_with_Interlocked_Exchange_is_reported_where_another_method_sends_it() => Run(
            InterlockedProgram.Replace("$VALUE", "r.Phone"), Min001(0));

        [Fact]
        public Task Field_set_with_Interlocked_Exchange_to_a_token_is_clean() => Run(Unmarked(
            InterlockedProgram.Replace("$VALUE", "Mask.Token(r.Phone)")));
    }
}
