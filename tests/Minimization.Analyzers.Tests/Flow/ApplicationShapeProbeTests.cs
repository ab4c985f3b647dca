using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Issue 13's shapes written the way an application team writes them: outboxes, background senders, retry queues,
    /// channels, event handlers, injected services, repositories, records and async pipelines. Each positive has a
    /// near-miss twin (the same shape minimized, or with only clean data reaching the sink).
    /// </summary>
    public class ApplicationShapeProbeTests
    {
        // ---------------------------------------------------------------- deferred work

        private const string DeferredOutbox = """

            sealed class DeferredOutbox
            {
                private readonly List<Action> _pending = new List<Action>();
                public void Enqueue(Action send) => _pending.Add(send);
                public void FlushAll()
                {
                    foreach (var send in _pending)
                    {
                        send();
                    }

                    _pending.Clear();
                }
            }
            """;

        [Fact]
        public Task Send_deferred_into_an_outbox_of_actions_is_reported_inside_the_lambda_at_the_captured_value() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class CallCompletedHandler
            {
                private readonly DeferredOutbox _outbox;
                public CallCompletedHandler(DeferredOutbox outbox) { _outbox = outbox; }
                public void Handle(CallRecord call)
                {
                    var caller = call.CallerNumber;
                    _outbox.Enqueue(() => PartnerGateway.Send({|#0:caller|}));
                }
            }
            """ + DeferredOutbox, Min001(0));

        [Fact]
        public Task Send_deferred_into_an_outbox_of_actions_with_a_pseudonym_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class CallCompletedHandler
            {
                private readonly DeferredOutbox _outbox;
                public CallCompletedHandler(DeferredOutbox outbox) { _outbox = outbox; }
                public void Handle(CallRecord call)
                {
                    var token = Minimizers.Pseudonymize(call.CallerNumber, "UK");
                    _outbox.Enqueue(() => PartnerGateway.Send(token));
                }
            }
            """ + DeferredOutbox);

        [Fact]
        public Task Payload_factory_stored_in_a_field_is_reported_where_another_method_sends_its_result() => Check("""
            using System;
            using Telecom;
            sealed class ScheduledExport
            {
                private Func<string> _payload = () => "";
                public void Prepare(CallRecord call) => _payload = () => call.CalleeNumber + ";" + call.Region;
                public void Run() => PartnerGateway.Send({|#0:_payload()|});
            }
            """, Min001(0));

        [Fact]
        public Task Payload_factory_stored_in_a_field_reading_only_clean_members_is_clean() => Check("""
            using System;
            using Telecom;
            sealed class ScheduledExport
            {
                private Func<string> _payload = () => "";
                public void Prepare(CallRecord call) => _payload = () => call.Region + ";" + call.DurationSeconds;
                public void Run() => PartnerGateway.Send(_payload());
            }
            """);

        [Fact]
        public Task Registry_of_partner_routes_keyed_by_name_is_reported_at_the_argument_handed_to_the_route() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class PartnerRouter
            {
                private readonly Dictionary<string, Action<string>> _routes = new Dictionary<string, Action<string>>();
                public PartnerRouter(IPartnerChannel channel)
                {
                    _routes["uk"] = payload => PartnerGateway.Send(payload);
                    _routes["au"] = payload => channel.Publish(payload);
                }

                public void Dispatch(string partner, string payload) => _routes[partner](payload);
            }

            sealed class BillingService
            {
                private readonly PartnerRouter _router;
                public BillingService(PartnerRouter router) { _router = router; }
                public void Bill(CallRecord call) => _router.Dispatch("uk", {|#0:call.CallerNumber|});
                public void BillRegion(CallRecord call) => _router.Dispatch("au", call.Region);
            }
            """, Min001(0));

        [Fact]
        public Task Registry_of_partner_routes_that_pseudonymize_what_they_are_handed_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class PartnerRouter
            {
                private readonly Dictionary<string, Action<string>> _routes = new Dictionary<string, Action<string>>();
                public PartnerRouter(IPartnerChannel channel)
                {
                    _routes["uk"] = payload => PartnerGateway.Send(Minimizers.Pseudonymize(payload, "UK"));
                    _routes["au"] = payload => channel.Publish(Minimizers.Pseudonymize(payload, "AU"));
                }

                public void Dispatch(string partner, string payload) => _routes[partner](payload);
            }

            sealed class BillingService
            {
                private readonly PartnerRouter _router;
                public BillingService(PartnerRouter router) { _router = router; }
                public void Bill(CallRecord call) => _router.Dispatch("uk", call.CallerNumber);
            }
            """);

        [Fact]
        public Task Event_raised_with_identity_to_a_lambda_subscriber_that_sends_is_reported_at_the_raise_argument() => Check("""
            using System;
            using Telecom;
            sealed class CallHub
            {
                public event Action<string> CallEnded = delegate { };
                public void End(CallRecord call) => CallEnded({|#0:call.CallerNumber|});
                public void Reset(CallRecord call) => CallEnded(call.Region);
            }

            sealed class PartnerNotifier
            {
                public PartnerNotifier(CallHub hub) { hub.CallEnded += number => PartnerGateway.Send(number); }
            }
            """, Min001(0));

        [Fact]
        public Task Event_handler_capturing_identity_is_reported_inside_the_handler_and_a_clean_capture_is_not() => Check("""
            using System;
            using Telecom;
            sealed class Ticker
            {
                public event Action Tick = delegate { };
                public void Fire() => Tick();
            }

            sealed class HeartbeatReporter
            {
                public void Watch(Ticker ticker, CallRecord active)
                {
                    var number = active.CalleeNumber;
                    var seconds = active.DurationSeconds;
                    ticker.Tick += () => PartnerGateway.Send({|#0:number|});
                    ticker.Tick += () => PartnerGateway.Send(seconds);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Method_group_chosen_at_construction_and_stored_in_a_field_is_reported_at_the_invocation_argument() => Check("""
            using System;
            using Telecom;
            sealed class AuditTrail
            {
                private readonly Action<string> _sink;
                public AuditTrail(bool partnerCopy) { _sink = partnerCopy ? (Action<string>)ForwardToPartner : Ignore; }
                private static void ForwardToPartner(string line) => PartnerGateway.Send(line);
                private static void Ignore(string line) { }
                public void Record(CallRecord call) => _sink({|#0:"call from " + call.CallerNumber|});
                public void RecordRegion(CallRecord call) => _sink("call in " + call.Region);
            }
            """, Min001(0));

        [Fact]
        public Task Local_function_stored_as_a_retry_callback_is_reported_inside_it() => Check("""
            using System;
            using Telecom;
            sealed class RetryScheduler
            {
                private Action _retry = () => { };
                public void Schedule(CallRecord failed)
                {
                    var number = failed.CallerNumber;
                    void Resend() => PartnerGateway.Send({|#0:number|});
                    _retry = Resend;
                }

                public void OnTimer() => _retry();
            }
            """, Min001(0));

        [Fact]
        public Task Local_function_stored_as_a_retry_callback_capturing_a_clean_value_is_clean() => Check("""
            using System;
            using Telecom;
            sealed class RetryScheduler
            {
                private Action _retry = () => { };
                public void Schedule(CallRecord failed)
                {
                    var region = failed.Region;
                    void Resend() => PartnerGateway.Send(region);
                    _retry = Resend;
                }

                public void OnTimer() => _retry();
            }
            """);

        [Fact]
        public Task Async_attempt_queued_in_a_retry_queue_and_drained_elsewhere_is_reported_inside_the_attempt() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Telecom;
            sealed class RetryQueue
            {
                private readonly Queue<Func<Task>> _attempts = new Queue<Func<Task>>();
                public void Add(Func<Task> attempt) => _attempts.Enqueue(attempt);
                public async Task DrainAsync()
                {
                    while (_attempts.Count > 0)
                    {
                        var attempt = _attempts.Dequeue();
                        await attempt();
                    }
                }
            }

            sealed class SignupUploader
            {
                private readonly RetryQueue _retries;
                private readonly IPartnerChannel _channel;
                public SignupUploader(RetryQueue retries, IPartnerChannel channel) { _retries = retries; _channel = channel; }
                public void Upload(Subscriber subscriber)
                {
                    var email = subscriber.Email;
                    _retries.Add(() => { _channel.Publish({|#0:email|}); return Task.CompletedTask; });
                }
            }
            """, Min001(0));

        [Fact]
        public Task Stored_lambda_that_nobody_invokes_yet_is_still_analysed() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class ShutdownHooks
            {
                private readonly List<Action> _onShutdown = new List<Action>();
                public void Register(Subscriber subscriber)
                {
                    var name = subscriber.Name;
                    _onShutdown.Add(() => PartnerGateway.Send({|#0:name|}));
                }
            }
            """, Min001(0));

        [Fact]
        public Task Value_returned_through_the_apps_own_generic_retry_helper_keeps_its_identity() => Check("""
            using System;
            using Telecom;
            static class Resilience
            {
                public static T WithRetry<T>(Func<T> work, int attempts)
                {
                    for (var i = 1; ; i++)
                    {
                        try { return work(); }
                        catch (InvalidOperationException) when (i < attempts) { }
                    }
                }
            }

            class LookupService
            {
                public void Share(CallRecord call)
                {
                    var number = Resilience.WithRetry(() => call.CallerNumber, 3);
                    PartnerGateway.Send({|#0:number|});
                    var region = Resilience.WithRetry(() => call.Region, 3);
                    PartnerGateway.Send(region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Send_inside_an_async_lambda_passed_to_the_apps_own_timing_wrapper_is_reported_inside() => Check("""
            using System;
            using System.Diagnostics;
            using System.Threading.Tasks;
            using Telecom;
            static class Telemetry
            {
                public static async Task<T> Timed<T>(string operation, Func<Task<T>> body)
                {
                    var watch = Stopwatch.StartNew();
                    try { return await body(); }
                    finally { PartnerGateway.Log(operation + " took " + watch.ElapsedMilliseconds); }
                }
            }

            class CdrExporter
            {
                public Task<int> Export(CallRecord call)
                {
                    var callee = call.CalleeNumber.Trim();
                    return Telemetry.Timed("export", async () =>
                    {
                        await Task.Yield();
                        PartnerGateway.Send({|#0:callee|});
                        return 1;
                    });
                }
            }
            """, Min001(0));

        [Fact]
        public Task List_ForEach_over_selected_numbers_is_reported_inside_the_callback() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class NightlyShare
            {
                void Run(List<CallRecord> calls)
                {
                    var numbers = calls.Select(c => c.CallerNumber).ToList();
                    numbers.ForEach(n => PartnerGateway.Send({|#0:n|}));
                    var regions = calls.Select(c => c.Region).ToList();
                    regions.ForEach(r => PartnerGateway.Send(r));
                }
            }
            """, Min001(0));

        [Fact]
        public Task Parallel_ForEachAsync_body_receives_the_elements_and_is_reported_inside() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Telecom;
            class BulkUpload
            {
                async Task Run(IReadOnlyList<CallRecord> calls, IPartnerChannel channel, CancellationToken ct)
                {
                    var numbers = calls.Select(c => c.CalleeNumber).ToArray();
                    await Parallel.ForEachAsync(numbers, ct, (number, token) =>
                    {
                        channel.Publish({|#0:number|});
                        return ValueTask.CompletedTask;
                    });
                }
            }
            """, Min001(0));

        [Fact]
        public Task Parallel_ForEachAsync_body_sending_only_a_non_identifying_member_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Telecom;
            class PlanCensus
            {
                async Task Run(IReadOnlyList<Subscriber> subscribers, CancellationToken ct)
                {
                    await Parallel.ForEachAsync(subscribers, ct, (subscriber, token) =>
                    {
                        PartnerGateway.Send(subscriber.Plan);
                        PartnerGateway.Send(subscriber.SchemaVersion);
                        return ValueTask.CompletedTask;
                    });
                }
            }
            """);

        [Fact]
        public Task Select_index_parameter_is_clean_even_over_identity_bearing_elements() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class Pagination
            {
                void Run(IEnumerable<Subscriber> subscribers)
                {
                    var positions = subscribers.Select((subscriber, index) => index + 1).ToArray();
                    PartnerGateway.Send(positions);
                }
            }
            """);

        [Fact]
        public Task Select_with_an_index_still_carries_the_element_its_selector_returns() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class Pagination
            {
                void Run(IEnumerable<Subscriber> subscribers)
                {
                    var lines = subscribers.Select((subscriber, index) => index + ":" + subscriber.Email).ToArray();
                    PartnerGateway.Send({|#0:lines|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Task_Run_closure_capturing_an_email_is_reported_inside_it() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class WelcomeMailer
            {
                public Task Welcome(Subscriber subscriber, IPartnerChannel channel)
                {
                    var address = subscriber.Email.ToLowerInvariant();
                    return Task.Run(() => channel.Publish({|#0:address|}));
                }
            }
            """, Min001(0));

        [Fact]
        public Task ContinueWith_callback_reading_the_result_of_a_lookup_is_reported_inside_it() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CallerLookup
            {
                private static async Task<string> FindCallerAsync(CallRecord call)
                {
                    await Task.Yield();
                    return call.CallerNumber;
                }

                public Task Share(CallRecord call) =>
                    FindCallerAsync(call).ContinueWith(t => PartnerGateway.Send({|#0:t.Result|}));
            }
            """, Min001(0));

        [Fact]
        public Task GetOrAdd_value_factory_receives_the_key_and_sending_it_is_reported_inside() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            class FirstContactNotifier
            {
                private readonly ConcurrentDictionary<string, bool> _known = new ConcurrentDictionary<string, bool>();
                public void Seen(CallRecord call) => _known.GetOrAdd(call.CallerNumber, number =>
                {
                    PartnerGateway.Send({|#0:number|});
                    return true;
                });
            }
            """, Min001(0));

        private const string EventBus = """

            sealed class EventBus
            {
                private readonly List<Func<object, Task>> _handlers = new List<Func<object, Task>>();
                public void Subscribe<TEvent>(Func<TEvent, Task> handler) => _handlers.Add(e => e is TEvent typed ? handler(typed) : Task.CompletedTask);
                public async Task PublishAsync(object evt)
                {
                    foreach (var handler in _handlers)
                    {
                        await handler(evt);
                    }
                }
            }

            public sealed record SubscriberRegistered(string Email, string Plan);

            sealed class PartnerWelcome
            {
                public PartnerWelcome(EventBus bus, IPartnerChannel channel)
                {
                    bus.Subscribe<SubscriberRegistered>(e => { channel.Publish(e.Email); return Task.CompletedTask; });
                }
            }
            """;

        [Fact]
        public Task Event_published_on_an_in_process_bus_to_a_handler_that_sends_is_reported_at_the_published_event() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Telecom;
            sealed class RegistrationService
            {
                private readonly EventBus _bus;
                public RegistrationService(EventBus bus) { _bus = bus; }
                public Task Register(Subscriber subscriber) => _bus.PublishAsync({|#0:new SubscriberRegistered(subscriber.Email, subscriber.Plan)|});
            }
            """ + EventBus, Min001(0));

        [Fact]
        public Task Event_published_on_an_in_process_bus_with_a_pseudonymized_email_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Telecom;
            sealed class RegistrationService
            {
                private readonly EventBus _bus;
                public RegistrationService(EventBus bus) { _bus = bus; }
                public Task Register(Subscriber subscriber) =>
                    _bus.PublishAsync(new SubscriberRegistered(Minimizers.Pseudonymize(subscriber.Email, "AU"), subscriber.Plan));
            }
            """ + EventBus);

        [Fact]
        public Task Event_published_on_an_in_process_bus_to_a_handler_that_sends_only_the_plan_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Telecom;
            sealed class RegistrationService
            {
                private readonly EventBus _bus;
                public RegistrationService(EventBus bus) { _bus = bus; }
                public Task Register(Subscriber subscriber) => _bus.PublishAsync(new SubscriberRegistered(subscriber.Email, subscriber.Plan));
            }
            """ + EventBus.Replace("channel.Publish(e.Email)", "channel.Publish(e.Plan)"));

        private const string RetryPolicy = """

            sealed class RetryPolicy
            {
                private readonly int _attempts;
                public RetryPolicy(int attempts) { _attempts = attempts; }
                public async Task ExecuteAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await action(cancellationToken).ConfigureAwait(false);
                            return;
                        }
                        catch (TimeoutException) when (attempt < _attempts)
                        {
                            await Task.Delay(100 * attempt, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task Send_inside_a_retry_policy_callback_that_receives_a_token_is_reported_inside_the_callback() => Check("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Telecom;
            sealed class CdrUploader
            {
                private readonly RetryPolicy _policy = new RetryPolicy(3);
                public Task Upload(CallRecord call, CancellationToken token)
                {
                    var caller = call.CallerNumber;
                    return _policy.ExecuteAsync(ct => { PartnerGateway.Send({|#0:caller|}); return Task.CompletedTask; }, token);
                }
            }
            """ + RetryPolicy, Min001(0));

        [Fact]
        public Task Send_inside_a_retry_policy_callback_of_a_pseudonym_is_clean() => Check("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Telecom;
            sealed class CdrUploader
            {
                private readonly RetryPolicy _policy = new RetryPolicy(3);
                public Task Upload(CallRecord call, CancellationToken token)
                {
                    var caller = Minimizers.Pseudonymize(call.CallerNumber, "UK");
                    return _policy.ExecuteAsync(ct => { PartnerGateway.Send(caller); return Task.CompletedTask; }, token);
                }
            }
            """ + RetryPolicy);

        // ---------------------------------------------------------------- heap through method calls

        [Fact]
        public Task Channel_written_by_one_method_and_read_by_a_background_pump_is_reported_at_the_pump() => Check("""
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Telecom;
            sealed class CdrPipeline
            {
                private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
                public bool Accept(CallRecord call) => _lines.Writer.TryWrite(call.CallerNumber + "," + call.DurationSeconds);
                public async Task PumpAsync(IPartnerChannel partner, CancellationToken ct)
                {
                    await foreach (var line in _lines.Reader.ReadAllAsync(ct))
                    {
                        partner.Publish({|#0:line|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Channel_carrying_only_regions_is_clean_at_the_pump() => Check("""
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Telecom;
            sealed class CdrPipeline
            {
                private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
                public bool Accept(CallRecord call) => _lines.Writer.TryWrite(call.Region + "," + call.DurationSeconds);
                public async Task PumpAsync(IPartnerChannel partner, CancellationToken ct)
                {
                    await foreach (var line in _lines.Reader.ReadAllAsync(ct))
                    {
                        partner.Publish(line);
                    }
                }
            }
            """);

        [Fact]
        public Task Undo_stack_pushed_in_one_class_and_popped_in_another_is_reported_where_popped_values_are_sent() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            sealed class RecentContacts
            {
                private readonly ConcurrentStack<string> _recent = new ConcurrentStack<string>();
                public void Remember(string contact) => _recent.Push(contact);
                public bool TryLatest(out string contact) => _recent.TryPop(out contact);
            }

            sealed class ContactCapture
            {
                private readonly RecentContacts _contacts;
                public ContactCapture(RecentContacts contacts) { _contacts = contacts; }
                public void On(Subscriber subscriber) => _contacts.Remember(subscriber.Email);
            }

            sealed class PartnerDigest
            {
                private readonly RecentContacts _contacts;
                public PartnerDigest(RecentContacts contacts) { _contacts = contacts; }
                public void Send()
                {
                    if (_contacts.TryLatest(out var latest))
                    {
                        PartnerGateway.Send({|#0:latest|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task ConcurrentDictionary_AddOrUpdate_values_are_reported_where_another_method_exports_them() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            sealed class LineState
            {
                private readonly ConcurrentDictionary<int, string> _lastCaller = new ConcurrentDictionary<int, string>();
                public void Observe(int line, CallRecord call) => _lastCaller.AddOrUpdate(line, call.CallerNumber, (_, _) => call.CallerNumber);
                public void Export()
                {
                    foreach (var entry in _lastCaller)
                    {
                        PartnerGateway.Send({|#0:entry.Value|});
                        PartnerGateway.Send(entry.Key);
                    }
                }
            }
            """, Min001(0));

        private const string StaticOutbox = """

            static class Outbox
            {
                private static readonly ConcurrentQueue<string> Pending = new ConcurrentQueue<string>();
                public static void Put(string message) => Pending.Enqueue(message);
                public static int DrainTo(IPartnerChannel channel)
                {
                    var sent = 0;
                    while (Pending.TryDequeue(out var message))
                    {
                        channel.Publish(MARK);
                        sent++;
                    }

                    return sent;
                }
            }

            sealed class OutboxSender
            {
                private readonly IPartnerChannel _channel;
                public OutboxSender(IPartnerChannel channel) { _channel = channel; }
                public int Tick() => Outbox.DrainTo(_channel);
            }
            """;

        [Fact]
        public Task Static_outbox_filled_by_a_signup_handler_is_reported_where_the_sender_drains_it() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            sealed class SignupHandler
            {
                public void Handle(Subscriber subscriber) => Outbox.Put("welcome:" + subscriber.Email);
            }
            """ + StaticOutbox.Replace("MARK", "{|#0:message|}"), Min001(0));

        [Fact]
        public Task Static_outbox_filled_with_pseudonyms_is_clean_where_the_sender_drains_it() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            sealed class SignupHandler
            {
                public void Handle(Subscriber subscriber) => Outbox.Put("welcome:" + Minimizers.Pseudonymize(subscriber.Email, "AU"));
            }
            """ + StaticOutbox.Replace("MARK", "message"));

        [Fact]
        public Task AsyncLocal_request_context_set_from_a_call_is_reported_where_an_audit_reads_it() => Check("""
            using System.Threading;
            using Telecom;
            static class RequestContext
            {
                private static readonly AsyncLocal<string> Caller = new AsyncLocal<string>();
                public static void Begin(CallRecord call) => Caller.Value = call.CallerNumber;
                public static string Current => Caller.Value ?? "";
            }

            sealed class PartnerAudit
            {
                public void Write() => PartnerGateway.Send({|#0:RequestContext.Current|});
            }
            """, Min001(0));

        [Fact]
        public Task AsyncLocal_request_context_set_with_a_pseudonym_is_clean_where_an_audit_reads_it() => Check("""
            using System.Threading;
            using Telecom;
            static class RequestContext
            {
                private static readonly AsyncLocal<string> Caller = new AsyncLocal<string>();
                public static void Begin(CallRecord call) => Caller.Value = Minimizers.Pseudonymize(call.CallerNumber, "UK");
                public static string Current => Caller.Value ?? "";
            }

            sealed class PartnerAudit
            {
                public void Write() => PartnerGateway.Send(RequestContext.Current);
            }
            """);

        [Fact]
        public Task Static_property_with_a_body_returning_a_static_field_set_elsewhere_is_reported_where_it_is_sent() => Check("""
            using Telecom;
            static class LastCall
            {
                private static string _caller = "";
                public static void Record(CallRecord call) => _caller = call.CallerNumber;
                public static string Caller => _caller ?? "";
            }

            sealed class PartnerAudit
            {
                public void Write() => PartnerGateway.Send({|#0:LastCall.Caller|});
            }
            """, Min001(0));

        [Fact]
        public Task Dictionary_keys_set_through_the_indexer_are_reported_where_KeyValuePair_Key_is_sent() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class LastSeenTracker
            {
                private readonly Dictionary<string, DateTime> _lastSeen = new Dictionary<string, DateTime>();
                public void Seen(CallRecord call) => _lastSeen[call.CallerNumber] = call.StartedAt;
                public void Report()
                {
                    foreach (KeyValuePair<string, DateTime> pair in _lastSeen)
                    {
                        PartnerGateway.Send({|#0:pair.Key|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Dictionary_keys_added_through_GetOrAdd_are_reported_where_Keys_are_published() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            sealed class ContactCounter
            {
                private readonly ConcurrentDictionary<string, int> _counts = new ConcurrentDictionary<string, int>();
                public void Count(Subscriber subscriber) => _counts.GetOrAdd(subscriber.Email, 0);
                public void Publish(IPartnerChannel channel)
                {
                    foreach (var key in _counts.Keys)
                    {
                        channel.Publish({|#0:key|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Batch_list_copied_into_an_array_with_CopyTo_is_reported_where_the_snapshot_is_sent() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class CalleeBatch
            {
                private readonly List<string> _batch = new List<string>();
                public void Add(CallRecord call) => _batch.Add(call.CalleeNumber);
                public void Flush()
                {
                    var snapshot = new string[_batch.Count];
                    _batch.CopyTo(snapshot);
                    _batch.Clear();
                    PartnerGateway.SendAll({|#0:snapshot|});
                }
            }
            """, Min001(0));

        private const string OutboxRepository = """

            public sealed record OutboxMessage(string Partner, string Body, DateTime CreatedAt);

            public interface IOutboxRepository
            {
                void Save(OutboxMessage message);
                IReadOnlyList<OutboxMessage> TakePending();
            }

            sealed class InMemoryOutboxRepository : IOutboxRepository
            {
                private readonly List<OutboxMessage> _messages = new List<OutboxMessage>();
                public void Save(OutboxMessage message) { lock (_messages) { _messages.Add(message); } }
                public IReadOnlyList<OutboxMessage> TakePending()
                {
                    lock (_messages)
                    {
                        var pending = _messages.ToList();
                        _messages.Clear();
                        return pending;
                    }
                }
            }

            sealed class OutboxDispatcher
            {
                private readonly IOutboxRepository _outbox;
                public OutboxDispatcher(IOutboxRepository outbox) { _outbox = outbox; }
                public void DispatchPending()
                {
                    foreach (var message in _outbox.TakePending())
                    {
                        PartnerGateway.Route(message.Partner, MARK);
                    }
                }
            }
            """;

        [Fact]
        public Task Outbox_message_saved_through_a_repository_interface_is_reported_where_the_dispatcher_routes_its_body() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class CallClosedHandler
            {
                private readonly IOutboxRepository _outbox;
                public CallClosedHandler(IOutboxRepository outbox) { _outbox = outbox; }
                public void Handle(CallRecord call) => _outbox.Save(new OutboxMessage("UK", call.CallerNumber, DateTime.UtcNow));
            }
            """ + OutboxRepository.Replace("MARK", "{|#0:message.Body|}"), Min001(0));

        [Fact]
        public Task Outbox_message_saved_with_a_pseudonymized_body_is_clean_where_the_dispatcher_routes_it() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class CallClosedHandler
            {
                private readonly IOutboxRepository _outbox;
                public CallClosedHandler(IOutboxRepository outbox) { _outbox = outbox; }
                public void Handle(CallRecord call) => _outbox.Save(new OutboxMessage("UK", Minimizers.Pseudonymize(call.CallerNumber, "UK"), DateTime.UtcNow));
            }
            """ + OutboxRepository.Replace("MARK", "message.Body"));

        [Fact]
        public Task Background_worker_draining_a_queue_of_outbox_records_is_reported_at_the_sent_member() => Check("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            using Telecom;
            public sealed record PendingShare(string Recipient, int Attempts);

            abstract class BackgroundWorker
            {
                protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
            }

            sealed class ShareQueue
            {
                private readonly BlockingCollection<PendingShare> _items = new BlockingCollection<PendingShare>();
                public void Enqueue(PendingShare share) => _items.Add(share);
                public bool TryTake(out PendingShare share) => _items.TryTake(out share);
            }

            sealed class ShareWorker : BackgroundWorker
            {
                private readonly ShareQueue _queue;
                private readonly IPartnerChannel _channel;
                public ShareWorker(ShareQueue queue, IPartnerChannel channel) { _queue = queue; _channel = channel; }
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        while (_queue.TryTake(out var share))
                        {
                            _channel.Publish({|#0:share.Recipient|});
                        }

                        await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    }
                }
            }

            sealed class SubscriberEvents
            {
                private readonly ShareQueue _queue;
                public SubscriberEvents(ShareQueue queue) { _queue = queue; }
                public void Upgraded(Subscriber subscriber) => _queue.Enqueue(new PendingShare(subscriber.Email, 0));
            }
            """, Min001(0));

        // ---------------------------------------------------------------- language corners

        // Each program below twice: given the raw number or address ($VALUE), the report is at the sink inside the member;
        // given a pseudonym of it, nothing is reported.
        private const string PrimaryConstructorNotice = """
            using Telecom;
            sealed class CallNotice(string number)
            {
                public void SendToPartner() => PartnerGateway.Send({|#0:number|});
            }

            class NoticeHandler
            {
                public void On(CallRecord call) => new CallNotice($VALUE).SendToPartner();
            }
            """;

        private const string PositionalRecordNotice = """
            using Telecom;
            sealed record Notice(string Number)
            {
                public void SendToPartner() => PartnerGateway.Send({|#0:Number|});
            }

            class NoticeHandler
            {
                public void On(CallRecord call) => new Notice($VALUE).SendToPartner();
            }
            """;

        private const string ConstructedEnvelope = """
            using Telecom;
            sealed class Envelope
            {
                private readonly string _recipient;
                private readonly string _body;
                public Envelope(string recipient, string body) { _recipient = recipient; _body = body; }
                public void Deliver(IPartnerChannel channel) => channel.Publish({|#0:_recipient + ": " + _body|});
            }

            class InvoiceMailer
            {
                public void Mail(Subscriber subscriber, IPartnerChannel channel)
                {
                    var envelope = new Envelope($VALUE, "your invoice is ready");
                    envelope.Deliver(channel);
                }
            }
            """;

        /// <summary>The program with the raw value in place of $VALUE: MIN001 at its marked sink argument.</summary>
        private static Task Reported(string program, string value) => Check(program.Replace("$VALUE", value), Min001(0));

        /// <summary>The program with a minimized value in place of $VALUE, its markup removed: no diagnostic.</summary>
        private static Task Clean(string program, string value) => Check(Unmarked(program).Replace("$VALUE", value));

        [Fact]
        public Task Primary_constructor_parameter_captured_by_a_method_is_reported_inside_that_method()
            => Reported(PrimaryConstructorNotice, "call.CallerNumber");

        [Fact]
        public Task Primary_constructor_parameter_given_a_pseudonym_is_clean()
            => Clean(PrimaryConstructorNotice, "Minimizers.Pseudonymize(call.CallerNumber, \"UK\")");

        [Fact]
        public Task Positional_record_property_sent_by_a_member_of_the_record_is_reported_inside_that_member()
            => Reported(PositionalRecordNotice, "call.CallerNumber");

        [Fact]
        public Task Positional_record_property_given_a_pseudonym_and_sent_by_a_member_of_the_record_is_clean()
            => Clean(PositionalRecordNotice, "Minimizers.Pseudonymize(call.CallerNumber, \"UK\")");

        [Fact]
        public Task Value_passed_to_a_constructor_and_delivered_by_a_member_is_reported_inside_the_member()
            => Reported(ConstructedEnvelope, "subscriber.Email");

        [Fact]
        public Task Value_passed_to_a_constructor_as_a_pseudonym_and_delivered_by_a_member_is_clean()
            => Clean(ConstructedEnvelope, "Minimizers.Pseudonymize(subscriber.Email, \"AU\")");

        [Fact]
        public Task Value_passed_to_a_constructor_through_a_factory_and_delivered_by_a_member_is_reported_inside_the_member() => Check("""
            using Telecom;
            sealed class Envelope
            {
                private readonly string _recipient;
                public Envelope(string recipient) { _recipient = recipient; }
                public void Deliver(IPartnerChannel channel) => channel.Publish({|#0:"to " + _recipient|});
            }

            class InvoiceMailer
            {
                private static Envelope For(string address) => new Envelope(address);
                public void Mail(Subscriber subscriber, IPartnerChannel channel) => For(subscriber.Email).Deliver(channel);
            }
            """, Min001(0));

        [Fact]
        public Task Prefix_taken_with_AsSpan_and_turned_back_into_a_string_carries_identity() => Check("""
            using System;
            using Telecom;
            class RoutingHint
            {
                void Share(CallRecord call)
                {
                    ReadOnlySpan<char> prefix = call.CallerNumber.AsSpan(0, 6);
                    PartnerGateway.Send({|#0:new string(prefix)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Range_slice_of_a_number_carries_identity() => Check("""
            using Telecom;
            class RoutingHint
            {
                void Share(CallRecord call)
                {
                    var lastDigits = call.CalleeNumber[^4..];
                    PartnerGateway.Send({|#0:lastDigits|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_CopyTo_carries_identity() => Check("""
            using System;
            using Telecom;
            class TowerFormatter
            {
                void Share(CallRecord call)
                {
                    Span<char> buffer = stackalloc char[64];
                    var tower = call.TowerId.AsSpan();
                    tower.CopyTo(buffer);
                    PartnerGateway.Send({|#0:new string(buffer[..tower.Length])|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_TryFormat_of_an_identity_number_carries_identity() => Check("""
            using System;
            using Minimization;
            using Telecom;
            sealed class SimCard
            {
                [IdentityBearing(IdentityCategory.Imsi)] public long Imsi { get; set; }
                public int Slot { get; set; }
            }

            class SimExport
            {
                void Share(SimCard sim)
                {
                    Span<char> buffer = stackalloc char[20];
                    if (sim.Imsi.TryFormat(buffer, out var written))
                    {
                        PartnerGateway.Send({|#0:new string(buffer[..written])|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_TryFormat_carries_identity_even_when_the_written_count_is_not_used() => Check("""
            using System;
            using Minimization;
            using Telecom;
            sealed class SimCard
            {
                [IdentityBearing(IdentityCategory.Imsi)] public long Imsi { get; set; }
            }

            class SimExport
            {
                void Share(SimCard sim)
                {
                    Span<char> buffer = stackalloc char[20];
                    buffer.Fill(' ');
                    sim.Imsi.TryFormat(buffer, out _);
                    PartnerGateway.Send({|#0:buffer.Trim(' ').ToString()|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_CopyTo_from_a_clean_value_is_clean() => Check("""
            using System;
            using Telecom;
            class TowerFormatter
            {
                void Share(CallRecord call)
                {
                    Span<char> buffer = stackalloc char[64];
                    var region = call.Region.AsSpan();
                    region.CopyTo(buffer);
                    PartnerGateway.Send(new string(buffer[..region.Length]));
                }
            }
            """);

        [Fact]
        public Task Stackalloc_buffer_filled_by_TryFormat_of_a_clean_number_is_clean_even_when_the_written_count_is_not_used() => Check("""
            using System;
            using Minimization;
            using Telecom;
            sealed class SimCard
            {
                [IdentityBearing(IdentityCategory.Imsi)] public long Imsi { get; set; }
                public int Slot { get; set; }
            }

            class SimExport
            {
                void Share(SimCard sim)
                {
                    Span<char> buffer = stackalloc char[20];
                    buffer.Fill(' ');
                    sim.Slot.TryFormat(buffer, out _);
                    PartnerGateway.Send(buffer.Trim(' ').ToString());
                }
            }
            """);

        [Fact]
        public Task Stackalloc_buffer_filled_by_TryFormat_of_a_clean_number_is_clean() => Check("""
            using System;
            using Minimization;
            using Telecom;
            sealed class SimCard
            {
                [IdentityBearing(IdentityCategory.Imsi)] public long Imsi { get; set; }
                public int Slot { get; set; }
            }

            class SimExport
            {
                void Share(SimCard sim)
                {
                    Span<char> buffer = stackalloc char[20];
                    if (sim.Slot.TryFormat(buffer, out var written))
                    {
                        PartnerGateway.Send(new string(buffer[..written]));
                    }
                }
            }
            """);

        [Fact]
        public Task String_Join_over_an_array_filled_element_by_element_carries_identity() => Check("""
            using Telecom;
            class CsvLine
            {
                void Share(CallRecord call)
                {
                    var columns = new string[3];
                    columns[0] = call.Region;
                    columns[1] = call.CallerNumber;
                    columns[2] = call.DurationSeconds.ToString();
                    PartnerGateway.Send({|#0:string.Join(";", columns)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task String_Concat_over_a_list_filled_with_clean_columns_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class CsvLine
            {
                void Share(CallRecord call)
                {
                    var columns = new List<string>();
                    columns.Add(call.Region);
                    columns.Add(";");
                    columns.Add(call.DurationSeconds.ToString());
                    PartnerGateway.Send(string.Concat(columns));
                }
            }
            """);

        [Fact]
        public Task String_Concat_over_a_list_filled_with_a_callee_carries_identity() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class CsvLine
            {
                void Share(CallRecord call)
                {
                    var columns = new List<string>();
                    columns.Add(call.Region);
                    columns.Add(";");
                    columns.Add(call.CalleeNumber);
                    PartnerGateway.Send({|#0:string.Concat(columns)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Uri_built_from_an_email_carries_identity_in_its_parts() => Check("""
            using System;
            using Telecom;
            class ProfileLink
            {
                void Share(Subscriber subscriber)
                {
                    var baseUri = new Uri("https://profiles.example/");
                    var uri = new Uri(baseUri, "lookup?email=" + Uri.EscapeDataString(subscriber.Email));
                    PartnerGateway.Send({|#0:uri.Query|});
                    PartnerGateway.Send({|#1:uri|});
                    PartnerGateway.Send(baseUri.Host);
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task First_and_ElementAt_over_selected_numbers_carry_identity_and_over_regions_do_not() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class TopCallers
            {
                void Share(List<CallRecord> calls)
                {
                    var ordered = calls.OrderByDescending(c => c.DurationSeconds);
                    PartnerGateway.Send({|#0:ordered.Select(c => c.CallerNumber).First()|});
                    PartnerGateway.Send({|#1:ordered.Select(c => "tel:" + c.CalleeNumber).ElementAt(1)|});
                    PartnerGateway.Send(ordered.Select(c => c.Region).First());
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task Member_of_a_generic_type_constrained_to_an_identity_bearing_interface_is_reported_inside() => Check("""
            using Telecom;
            sealed class HeaderForwarder<THeader> where THeader : IEmailHeader
            {
                public void Forward(THeader header)
                {
                    PartnerGateway.Send({|#0:header.From|});
                    PartnerGateway.Send(header.SizeBytes);
                }
            }

            class MailGateway
            {
                void On(EmailHeader header) => new HeaderForwarder<EmailHeader>().Forward(header);
            }
            """, Min001(0));

        [Fact]
        public Task Unconstrained_generic_forwarder_is_reported_at_the_callers_argument() => Check("""
            using Telecom;
            sealed class Forwarder<T>
            {
                public void Forward(T item) => PartnerGateway.Send(item);
            }

            class MailGateway
            {
                void On(EmailHeader header, string region)
                {
                    var forwarder = new Forwarder<EmailHeader>();
                    forwarder.Forward({|#0:header|});
                    new Forwarder<string>().Forward(region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task ConfigureAwait_AsTask_and_WaitAsync_pass_the_awaited_identity_through() => Check("""
            using System;
            using System.Threading.Tasks;
            using Telecom;
            class SubscriberSync
            {
                private static async Task<string> LoadEmailAsync(Subscriber subscriber) { await Task.Yield(); return subscriber.Email; }
                private static ValueTask<string> LoadNameAsync(Subscriber subscriber) => new ValueTask<string>(subscriber.Name);

                async Task Share(Subscriber subscriber)
                {
                    var email = await LoadEmailAsync(subscriber).ConfigureAwait(false);
                    PartnerGateway.Send({|#0:email|});
                    var name = await LoadNameAsync(subscriber).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
                    PartnerGateway.Send({|#1:name|});
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task ConfigureAwait_does_not_flatten_an_awaited_subscriber_so_a_non_identifying_member_stays_clean() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class PlanReport
            {
                private static async Task<Subscriber> FindAsync(string id)
                {
                    await Task.Yield();
                    return new Subscriber { Name = id, Plan = "gold" };
                }

                async Task Share(string id)
                {
                    var subscriber = await FindAsync(id).ConfigureAwait(false);
                    PartnerGateway.Send(subscriber.Plan);
                    PartnerGateway.Send(subscriber.SchemaVersion);
                }
            }
            """);

        // ---------------------------------------------------------------- precision

        private const string Formatters = """

            abstract class CallFormatter
            {
                public abstract string Format(CallRecord call);
            }

            sealed class RawFormatter : CallFormatter
            {
                public override string Format(CallRecord call) => call.CallerNumber + "@" + call.Region;
            }

            sealed class RegionFormatter : CallFormatter
            {
                public override string Format(CallRecord call) => call.Region + "/" + call.DurationSeconds;
            }
            """;

        [Fact]
        public Task Override_chosen_by_a_receiver_known_to_be_the_clean_formatter_is_clean() => Check("""
            using Telecom;
            sealed class RegionalExport
            {
                private readonly RegionFormatter _formatter = new RegionFormatter();
                public void Share(CallRecord call)
                {
                    PartnerGateway.Send(_formatter.Format(call));
                    var local = new RegionFormatter();
                    PartnerGateway.Send(local.Format(call));
                }
            }
            """ + Formatters);

        [Fact]
        public Task Override_chosen_by_a_receiver_known_to_be_the_raw_formatter_is_reported_at_the_argument() => Check("""
            using Telecom;
            sealed class RegionalExport
            {
                public void Share(CallRecord call, CallFormatter injected)
                {
                    PartnerGateway.Send({|#0:new RawFormatter().Format(call)|});
                    PartnerGateway.Send({|#1:injected.Format(call)|});
                }
            }
            """ + Formatters, Min001(0), Min001(1));

        [Fact]
        public Task Conditional_assignment_overwrites_a_raw_value_with_clean_branches() => Check("""
            using Telecom;
            class LabelService
            {
                void Share(CallRecord call, bool anonymous)
                {
                    var label = call.CallerNumber;
                    label = anonymous ? "anonymous" : Minimizers.Pseudonymize(label, "UK");
                    PartnerGateway.Send(label);
                }
            }
            """);

        [Fact]
        public Task Coalescing_assignment_overwrites_a_raw_value_with_clean_operands() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class LabelService
            {
                private readonly Dictionary<int, string> _tokens = new Dictionary<int, string>();
                void Share(CallRecord call, int lineId)
                {
                    var label = call.CalleeNumber;
                    _tokens.TryGetValue(lineId, out var cached);
                    label = cached ?? Minimizers.Pseudonymize(label, "UK");
                    PartnerGateway.Send(label);
                }
            }
            """);

        [Fact]
        public Task Service_object_whose_method_sends_its_own_field_is_reported_inside_never_on_the_receiver() => Check("""
            using Telecom;
            sealed class CallSession
            {
                private string _caller = "";
                public void Start(CallRecord call) => _caller = call.CallerNumber;
                public void ReportToPartner() => PartnerGateway.Send({|#0:_caller|});
            }

            class SessionController
            {
                private readonly CallSession _session = new CallSession();
                public void Open(CallRecord call)
                {
                    _session.Start(call);
                    _session.ReportToPartner();
                }
            }
            """, Min001(0));

        [Fact]
        public Task Http_client_that_looked_up_a_number_does_not_carry_identity_but_its_response_does() => Check("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Telecom;
            class NumberPortability
            {
                async Task Check(CallRecord call)
                {
                    using var http = new HttpClient { BaseAddress = new Uri("https://porting.example/") };
                    var carrier = await http.GetStringAsync("carrier/" + call.CalleeNumber);
                    PartnerGateway.Send({|#0:carrier|});
                    PartnerGateway.Send(http.BaseAddress.ToString());
                    PartnerGateway.Send(http.Timeout.TotalSeconds);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Member_read_from_a_minimizers_result_is_clean() => Check("""
            using Minimization;
            using Telecom;
            sealed class CoarseCall
            {
                public string Region { get; set; } = "";
                public string TowerPrefix { get; set; } = "";
            }

            static class Coarsening
            {
                [Minimizer] public static CoarseCall Coarsen(CallRecord call) => new CoarseCall { Region = call.Region, TowerPrefix = call.TowerId.Substring(0, 2) };
            }

            class CoverageShare
            {
                void Share(CallRecord call)
                {
                    PartnerGateway.Send(Coarsening.Coarsen(call).TowerPrefix);
                    PartnerGateway.Send(Coarsening.Coarsen(call).Region);
                    PartnerGateway.Send(Minimizers.Minimize(call).Token);
                }
            }
            """);

        [Fact]
        public Task Dto_holding_a_raw_number_beside_its_pseudonym_leaks_only_through_the_raw_member() => Check("""
            using Telecom;
            sealed class ShareCandidate
            {
                public string RawNumber { get; set; } = "";
                public string Token { get; set; } = "";
                public int Seconds { get; set; }
            }

            class ShareBuilder
            {
                void Share(CallRecord call)
                {
                    var candidate = new ShareCandidate
                    {
                        RawNumber = call.CallerNumber,
                        Token = Minimizers.Pseudonymize(call.CallerNumber, "UK"),
                        Seconds = call.DurationSeconds,
                    };
                    PartnerGateway.Send(candidate.Token);
                    PartnerGateway.Send(candidate.Seconds);
                    PartnerGateway.Send({|#0:candidate.RawNumber|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Record_with_raw_and_pseudonymized_members_drained_from_a_queue_sends_the_token_cleanly() => Check("""
            using System.Collections.Generic;
            using Telecom;
            public sealed record PendingCall(string RawCaller, string CallerToken, string Region);

            sealed class PendingCalls
            {
                private readonly Queue<PendingCall> _queue = new Queue<PendingCall>();
                public void Add(CallRecord call) =>
                    _queue.Enqueue(new PendingCall(call.CallerNumber, Minimizers.Pseudonymize(call.CallerNumber, "UK"), call.Region));

                public void Flush(IPartnerChannel channel)
                {
                    while (_queue.Count > 0)
                    {
                        var next = _queue.Dequeue();
                        channel.Publish(next.CallerToken);
                        channel.Publish(next.Region);
                    }
                }
            }
            """);
    }
}
