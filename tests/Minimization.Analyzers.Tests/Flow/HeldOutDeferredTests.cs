using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings, above all 4, 5, 6 and 10), without reading the flow engine: deferred and concurrent work, where
    /// identity is captured now and sent later or elsewhere. Covered: lambdas and local functions stored in fields, in lists
    /// of deferred work and in dictionaries of handlers keyed by name; events (<c>+=</c> in one class, raised in another)
    /// with plain and identity-bearing arguments and with handlers reading a field; <c>Func&lt;Task&gt;</c> retry queues and
    /// a <c>PriorityQueue</c> of due work; <c>Task.Run</c>; <c>ContinueWith</c> (the antecedent's result and a capture);
    /// <c>Task.WhenAll</c> over a <c>Select</c> of async lambdas; <c>Parallel.ForEach</c> and <c>Parallel.ForEachAsync</c>;
    /// <c>System.Threading.Timer</c> (its state object and captures) and <c>PeriodicTimer</c> loops; hosted-service-like
    /// <c>ExecuteAsync</c> loops draining a <c>ConcurrentQueue</c>, a <c>BlockingCollection</c> consumed on a thread started
    /// from a method group, and a <c>Channel&lt;T&gt;</c> split into writer and reader; <c>IAsyncEnumerable</c> producers;
    /// <c>Lazy&lt;T&gt;</c>, <c>AsyncLocal&lt;T&gt;</c> and <c>ThreadLocal&lt;T&gt;</c> holding the current user's contact;
    /// callback registries (<c>Register(Action&lt;T&gt;)</c> then <c>Fire(T)</c>, one and two instances); hand-written
    /// observers (an own interface and <c>IObserver&lt;string&gt;</c>); <c>CancellationToken.Register</c> with captures and
    /// with state; <c>await using</c> of an <c>IAsyncDisposable</c> that flushes its buffer on dispose; deferred LINQ built
    /// before its source was filled; closures over loop variables; method groups stored and invoked later (an own
    /// forwarder and the sink itself); stored suppliers (<c>Func&lt;string&gt;</c>); and library callbacks that receive only
    /// what the library passes (<c>List&lt;T&gt;.ForEach</c>, a timer's state, a token's registration state).
    /// Every reported shape has near-miss twins that must stay clean: the value minimized before it is captured or queued,
    /// only <c>[NonIdentifying]</c> members captured, a second stored callback or registry that never receives identity,
    /// a queue drained to a local log only, or a lambda stored with only clean captures.
    /// Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutDeferredTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the member, the partner card, the sinks, a local log and the minimizers.</summary>
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
            internal sealed class Member
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
                [PartnerShare("acme")] public static void SendObject(object? payload) { }
                [PartnerShare("acme")] public static void SendBatch(IReadOnlyList<string> payloads) { }
            }

            internal static class LocalLog
            {
                public static void Write(string line) => Console.WriteLine(line);
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("deferred-pepper-2024");

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
        // 1. A lambda stored in a field, run later by another method (Reading 4: reported inside, where it sends).
        // =====================================================================================================

        private const string FieldLambdaProgram = """
            internal sealed class WelcomeNotifier
            {
                private Action? _pending;

                public void Prepare(Member m)
                {
                    string contact = $VALUE;
                    _pending = () => Partner.Send({|#0:contact|});
                }

                public void Fire()
                {
                    Action? pending = _pending;
                    _pending = null;
                    pending?.Invoke();
                }
            }

            internal sealed class SignupFlow
            {
                private readonly WelcomeNotifier _notifier = new();

                public void Handle(Member m)
                {
                    _notifier.Prepare(m);
                    _notifier.Fire();
                }
            }
            """;

        [Fact]
        public Task Lambda_stored_in_a_field_capturing_a_raw_email_is_reported_inside_the_lambda() => Run(
            FieldLambdaProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Lambda_stored_in_a_field_capturing_a_pseudonymized_email_is_clean() => Run(Unmarked(
            FieldLambdaProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        [Fact]
        public Task Lambda_stored_in_a_field_capturing_only_the_non_identifying_tier_is_clean() => Run(Unmarked(
            FieldLambdaProgram.Replace("$VALUE", "m.Tier")));

        // =====================================================================================================
        // 2. A local function stored as a Func<Task> in a field and awaited later.
        // =====================================================================================================

        private const string LocalFunctionProgram = """
            internal sealed class ReminderService
            {
                private Func<Task>? _later;

                public void Schedule(Member m)
                {
                    async Task SendReminderAsync()
                    {
                        await Task.Delay(10);
                        await Partner.SendAsync({|#0:$VALUE|});
                    }

                    _later = SendReminderAsync;
                }

                public async Task RunDueAsync()
                {
                    if (_later is { } work)
                    {
                        _later = null;
                        await work();
                    }
                }
            }
            """;

        [Fact]
        public Task Local_function_stored_as_deferred_work_sending_the_raw_phone_is_reported_inside_it() => Run(
            LocalFunctionProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Local_function_stored_as_deferred_work_sending_the_last_four_digits_is_clean() => Run(Unmarked(
            LocalFunctionProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        [Fact]
        public Task Local_function_stored_as_deferred_work_sending_only_the_visit_count_is_clean() => Run(Unmarked(
            LocalFunctionProgram.Replace("$VALUE", "m.Visits.ToString()")));

        // =====================================================================================================
        // 3. A list of deferred actions run at the end of a request; a second action logs the raw email locally.
        // =====================================================================================================

        private const string DeferredListProgram = """
            internal sealed class DeferredWork
            {
                private readonly List<Action> _work = new();

                public void Add(Action action) => _work.Add(action);

                public void RunAll()
                {
                    foreach (Action action in _work.ToArray())
                    {
                        action();
                    }

                    _work.Clear();
                }
            }

            internal sealed class ProfileChangedHandler
            {
                private readonly DeferredWork _deferred;

                public ProfileChangedHandler(DeferredWork deferred) { _deferred = deferred; }

                public void Handle(Member m)
                {
                    string shared = $SHARED;
                    string audited = m.Email;
                    _deferred.Add(() => LocalLog.Write("profile changed: " + audited));
                    _deferred.Add(() => Partner.Send({|#0:shared|}));
                }
            }

            internal sealed class RequestEnd
            {
                private readonly DeferredWork _deferred;

                public RequestEnd(DeferredWork deferred) { _deferred = deferred; }

                public void Complete() => _deferred.RunAll();
            }
            """;

        [Fact]
        public Task Deferred_action_list_whose_partner_action_captured_the_raw_email_is_reported_inside_that_action() => Run(
            DeferredListProgram.Replace("$SHARED", "m.Email"), Min001(0));

        [Fact]
        public Task Deferred_action_list_whose_partner_action_captured_only_the_tier_is_clean_though_the_log_action_holds_the_email() => Run(Unmarked(
            DeferredListProgram.Replace("$SHARED", "m.Tier")));

        // =====================================================================================================
        // 4. A dictionary of parameterless handlers keyed by name.
        // =====================================================================================================

        private const string NamedHandlersProgram = """
            internal sealed class NamedActions
            {
                private readonly Dictionary<string, Action> _handlers = new(StringComparer.Ordinal);

                public void Register(string name, Action handler) => _handlers[name] = handler;

                public void Trigger(string name)
                {
                    if (_handlers.TryGetValue(name, out Action? handler))
                    {
                        handler();
                    }
                }
            }

            internal sealed class ExportJob
            {
                private readonly NamedActions _actions = new();

                public void Prepare(Member m)
                {
                    string forPartner = $SHARED;
                    string forAudit = m.Phone;
                    _actions.Register("audit", () => LocalLog.Write(forAudit));
                    _actions.Register("share", () => Partner.Send({|#0:forPartner|}));
                }

                public void Run()
                {
                    _actions.Trigger("audit");
                    _actions.Trigger("share");
                }
            }
            """;

        [Fact]
        public Task Named_share_handler_capturing_the_raw_phone_is_reported_inside_the_handler() => Run(
            NamedHandlersProgram.Replace("$SHARED", "m.Phone"), Min001(0));

        [Fact]
        public Task Named_share_handler_capturing_the_last_four_digits_is_clean_while_the_audit_handler_logs_the_phone() => Run(Unmarked(
            NamedHandlersProgram.Replace("$SHARED", "Privacy.Last4(m.Phone)")));

        // =====================================================================================================
        // 5. A dictionary of handlers taking the member, keyed by command name.
        // =====================================================================================================

        private const string MemberCommandsProgram = """
            internal sealed class MemberCommands
            {
                private readonly Dictionary<string, Action<Member>> _commands = new(StringComparer.Ordinal);

                public MemberCommands()
                {
                    _commands["share"] = x => Partner.Send({|#0:x.$MEMBER|});
                    _commands["log"] = x => LocalLog.Write(x.Email);
                }

                public void Execute(string name, Member target) => _commands[name](target);
            }

            internal sealed class CommandLine
            {
                private readonly MemberCommands _commands = new();

                public void Run(Member m, string verb)
                {
                    _commands.Execute("log", m);
                    _commands.Execute(verb, m);
                }
            }
            """;

        [Fact]
        public Task Keyed_member_handler_sending_the_email_is_reported_inside_the_handler() => Run(
            MemberCommandsProgram.Replace("$MEMBER", "Email"), Min001(0));

        [Fact]
        public Task Keyed_member_handler_sending_only_the_tier_is_clean() => Run(Unmarked(
            MemberCommandsProgram.Replace("$MEMBER", "Tier")));

        // =====================================================================================================
        // 6. An event with a plain string argument, subscribed in another class with a lambda.
        // =====================================================================================================

        private const string StringEventProgram = """
            internal sealed class Club
            {
                private readonly List<Guid> _members = new();

                public event Action<string>? Joined;

                public event Action<string>? Audited;

                public void Join(Member m)
                {
                    _members.Add(m.Id);
                    Audited?.Invoke(m.Email);
                    Joined?.Invoke({|#0:$VALUE|});
                }
            }

            internal sealed class PartnerBridge
            {
                public PartnerBridge(Club club)
                {
                    club.Joined += contact => Partner.Send(contact);
                    club.Audited += line => LocalLog.Write(line);
                }
            }
            """;

        [Fact]
        public Task Event_raised_with_the_raw_email_to_a_partner_subscriber_is_reported_at_the_raise_argument() => Run(
            StringEventProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Event_raised_with_the_pseudonym_to_a_partner_subscriber_is_clean_while_the_audit_event_carries_the_email() => Run(Unmarked(
            StringEventProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 7. An EventHandler<Member> whose lambda handler reads a member of the identity-bearing argument.
        // =====================================================================================================

        private const string MemberEventProgram = """
            internal sealed class Roster
            {
                public event EventHandler<Member>? Promoted;

                public void Promote(Member m)
                {
                    m.Tier = "gold";
                    Promoted?.Invoke(this, m);
                }
            }

            internal sealed class PartnerPerks
            {
                public void Attach(Roster roster)
                {
                    roster.Promoted += (_, x) => Partner.Send({|#0:x.$MEMBER|});
                }
            }
            """;

        [Fact]
        public Task Event_handler_sending_the_promoted_members_name_is_reported_inside_the_handler() => Run(
            MemberEventProgram.Replace("$MEMBER", "Name"), Min001(0));

        [Fact]
        public Task Event_handler_sending_only_the_promoted_members_tier_is_clean() => Run(Unmarked(
            MemberEventProgram.Replace("$MEMBER", "Tier")));

        // =====================================================================================================
        // 8. An event handler lambda reading a field that another method filled.
        // =====================================================================================================

        private const string HeartbeatProgram = """
            internal sealed class Heartbeat
            {
                public event Action? Tick;

                public void Beat() => Tick?.Invoke();
            }

            internal sealed class PresenceReporter
            {
                private string _lastSeen = "";

                public PresenceReporter(Heartbeat heartbeat)
                {
                    heartbeat.Tick += () => Partner.Send({|#0:_lastSeen|});
                }

                public void Seen(Member m) => _lastSeen = $VALUE;
            }
            """;

        [Fact]
        public Task Heartbeat_handler_sending_a_field_that_holds_the_last_seen_email_is_reported_inside_the_handler() => Run(
            HeartbeatProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Heartbeat_handler_sending_a_field_that_holds_a_pseudonym_is_clean() => Run(Unmarked(
            HeartbeatProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 9. A retry queue of Func<Task> drained later.
        // =====================================================================================================

        private const string RetryQueueProgram = """
            internal sealed class RetryQueue
            {
                private readonly Queue<Func<Task>> _retries = new();

                public void Enqueue(Func<Task> attempt) => _retries.Enqueue(attempt);

                public async Task DrainAsync()
                {
                    while (_retries.TryDequeue(out Func<Task>? attempt))
                    {
                        try
                        {
                            await attempt();
                        }
                        catch (InvalidOperationException)
                        {
                            _retries.Enqueue(attempt);
                            break;
                        }
                    }
                }
            }

            internal sealed class SyncService
            {
                private readonly RetryQueue _queue;

                public SyncService(RetryQueue queue) { _queue = queue; }

                public void Sync(Member m)
                {
                    string payload = $VALUE;
                    _queue.Enqueue($ATTEMPT);
                }
            }
            """;

        private const string SendAttempt = "() => Partner.SendAsync({|#0:payload|})";

        [Fact]
        public Task Retry_queue_attempt_capturing_the_raw_email_is_reported_inside_the_attempt() => Run(
            RetryQueueProgram.Replace("$VALUE", "m.Email").Replace("$ATTEMPT", SendAttempt), Min001(0));

        [Fact]
        public Task Retry_queue_attempt_capturing_the_pseudonym_is_clean() => Run(Unmarked(
            RetryQueueProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$ATTEMPT", SendAttempt)));

        [Fact]
        public Task Retry_queue_attempt_that_only_logs_the_raw_email_locally_is_clean() => Run(
            RetryQueueProgram.Replace("$VALUE", "m.Email").Replace("$ATTEMPT", "() => { LocalLog.Write(payload); return Task.CompletedTask; }"));

        // =====================================================================================================
        // 10. Task.Run with a captured contact.
        // =====================================================================================================

        private const string TaskRunProgram = """
            internal sealed class FireAndForget
            {
                public Task Notify(Member m)
                {
                    string contact = $VALUE;
                    int delay = m.Visits;
                    return Task.Run(async () =>
                    {
                        await Task.Delay(delay);
                        await Partner.SendAsync({|#0:contact|});
                    });
                }
            }
            """;

        [Fact]
        public Task Task_run_body_sending_a_captured_raw_email_is_reported_inside_the_body() => Run(
            TaskRunProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Task_run_body_sending_a_captured_pseudonym_is_clean() => Run(Unmarked(
            TaskRunProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 11. ContinueWith: the continuation receives the antecedent task; or it captures the contact.
        // =====================================================================================================

        private const string ContinueWithResultProgram = """
            internal sealed class LookupThenShare
            {
                private static async Task<string> LookupAsync(Member m)
                {
                    await Task.Yield();
                    return $VALUE;
                }

                public Task ShareAsync(Member m)
                {
                    return LookupAsync(m).ContinueWith(t => Partner.Send({|#0:t.Result|}), TaskScheduler.Default);
                }
            }
            """;

        [Fact]
        public Task Continuation_sending_the_result_of_a_lookup_returning_the_email_is_reported_inside_the_continuation() => Run(
            ContinueWithResultProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Continuation_sending_the_result_of_a_lookup_returning_the_tier_is_clean() => Run(Unmarked(
            ContinueWithResultProgram.Replace("$VALUE", "m.Tier")));

        private const string ContinueWithCaptureProgram = """
            internal sealed class DelayedShare
            {
                public Task ShareAsync(Member m)
                {
                    string contact = $VALUE;
                    return Task.Delay(100).ContinueWith(_ => Partner.Send({|#0:contact|}));
                }
            }
            """;

        [Fact]
        public Task Continuation_capturing_the_raw_phone_is_reported_inside_the_continuation() => Run(
            ContinueWithCaptureProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Continuation_capturing_the_last_four_digits_is_clean() => Run(Unmarked(
            ContinueWithCaptureProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        // =====================================================================================================
        // 12. Task.WhenAll over a Select of async lambdas.
        // =====================================================================================================

        private const string WhenAllMembersProgram = """
            internal sealed class Broadcast
            {
                private readonly List<Member> _members = new();

                public void Add(Member m) => _members.Add(m);

                public Task SendAllAsync(CancellationToken ct)
                {
                    return Task.WhenAll(_members.Select(async x =>
                    {
                        await Task.Delay(5, ct);
                        await Partner.SendAsync({|#0:x.$MEMBER|}, ct);
                    }));
                }
            }
            """;

        [Fact]
        public Task WhenAll_over_async_lambdas_sending_each_members_email_is_reported_inside_the_lambda() => Run(
            WhenAllMembersProgram.Replace("$MEMBER", "Email"), Min001(0));

        [Fact]
        public Task WhenAll_over_async_lambdas_sending_each_members_tier_is_clean() => Run(Unmarked(
            WhenAllMembersProgram.Replace("$MEMBER", "Tier")));

        private const string WhenAllLinesProgram = """
            internal sealed class LineBroadcast
            {
                public async Task SendAllAsync(IReadOnlyList<Member> members)
                {
                    List<string> lines = members.Select(m => $VALUE).ToList();
                    await Task.WhenAll(lines.Select(async line =>
                    {
                        await Task.Yield();
                        await Partner.SendAsync({|#0:line|});
                    }));
                }
            }
            """;

        [Fact]
        public Task WhenAll_over_async_lambdas_sending_lines_made_of_emails_is_reported_inside_the_lambda() => Run(
            WhenAllLinesProgram.Replace("$VALUE", "m.Tier + \";\" + m.Email"), Min001(0));

        [Fact]
        public Task WhenAll_over_async_lambdas_sending_lines_of_pseudonyms_is_clean() => Run(Unmarked(
            WhenAllLinesProgram.Replace("$VALUE", "m.Tier + \";\" + Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 13. Parallel.ForEach and Parallel.ForEachAsync: the body receives the elements (Reading 6).
        // =====================================================================================================

        private const string ParallelForEachProgram = """
            internal sealed class BulkExport
            {
                public void Export(IReadOnlyList<Member> members)
                {
                    var lines = new ConcurrentBag<string>();
                    foreach (Member m in members)
                    {
                        lines.Add($VALUE);
                    }

                    string audit = string.Join(";", members.Select(m => m.Email));
                    LocalLog.Write(audit);
                    Parallel.ForEach(lines, new ParallelOptions { MaxDegreeOfParallelism = 4 }, line => Partner.Send({|#0:line|}));
                }
            }
            """;

        [Fact]
        public Task Parallel_foreach_over_a_bag_of_emails_is_reported_inside_the_body() => Run(
            ParallelForEachProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Parallel_foreach_over_a_bag_of_tiers_is_clean_though_the_emails_are_logged_beside_it() => Run(Unmarked(
            ParallelForEachProgram.Replace("$VALUE", "m.Tier + \":\" + m.Visits")));

        private const string ParallelForEachAsyncProgram = """
            internal sealed class AsyncBulkExport
            {
                public Task ExportAsync(List<Member> members, CancellationToken ct)
                {
                    return Parallel.ForEachAsync(members, ct, async (x, token) =>
                    {
                        await Partner.SendAsync({|#0:x.$MEMBER|}, token);
                    });
                }
            }
            """;

        [Fact]
        public Task Parallel_foreach_async_body_sending_the_members_phone_is_reported_once_inside_the_body_not_at_the_token() => Run(
            ParallelForEachAsyncProgram.Replace("$MEMBER", "Phone"), Min001(0));

        [Fact]
        public Task Parallel_foreach_async_body_sending_the_members_tier_and_the_token_is_clean() => Run(Unmarked(
            ParallelForEachAsyncProgram.Replace("$MEMBER", "Tier")));

        // =====================================================================================================
        // 14. System.Threading.Timer: the callback receives its state object; or it captures.
        // =====================================================================================================

        private const string TimerStateProgram = """
            internal sealed class DelayedExport : IDisposable
            {
                private Timer? _timer;

                public void Start(Member m)
                {
                    _timer = new Timer(state => Partner.SendObject({|#0:state|}), $STATE, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
                }

                public void Dispose() => _timer?.Dispose();
            }
            """;

        [Fact]
        public Task Timer_callback_sending_its_state_object_holding_the_email_is_reported_inside_the_callback() => Run(
            TimerStateProgram.Replace("$STATE", "m.Email"), Min001(0));

        [Fact]
        public Task Timer_callback_sending_its_state_object_holding_the_tier_is_clean() => Run(Unmarked(
            TimerStateProgram.Replace("$STATE", "m.Tier")));

        private const string TimerCaptureProgram = """
            internal sealed class ReminderTimer : IDisposable
            {
                private Timer? _timer;

                public void Start(Member m)
                {
                    string contact = $VALUE;
                    string tier = m.Tier;
                    _timer = new Timer(_ => Partner.Send($SENT), m.Email, 1000, Timeout.Infinite);
                }

                public void Dispose() => _timer?.Dispose();
            }
            """;

        [Fact]
        public Task Timer_callback_capturing_the_raw_email_is_reported_inside_the_callback() => Run(
            TimerCaptureProgram.Replace("$VALUE", "m.Email").Replace("$SENT", "{|#0:contact|}"), Min001(0));

        [Fact]
        public Task Timer_callback_capturing_the_pseudonym_is_clean() => Run(
            TimerCaptureProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$SENT", "contact"));

        [Fact]
        public Task Timer_callback_that_ignores_its_email_state_and_sends_only_the_captured_tier_is_clean() => Run(
            TimerCaptureProgram.Replace("$VALUE", "m.Email").Replace("$SENT", "tier"));

        // =====================================================================================================
        // 15. A PeriodicTimer loop flushing a field-held bag.
        // =====================================================================================================

        private const string PeriodicTimerProgram = """
            internal sealed class DigestWorker
            {
                private readonly ConcurrentBag<string> _pending = new();

                public void Note(Member m) => _pending.Add($VALUE);

                public async Task RunAsync(CancellationToken ct)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
                    while (await timer.WaitForNextTickAsync(ct))
                    {
                        string[] batch = _pending.ToArray();
                        _pending.Clear();
                        Partner.SendBatch({|#0:batch|});
                    }
                }
            }
            """;

        [Fact]
        public Task Periodic_timer_loop_flushing_noted_emails_is_reported_at_the_batch() => Run(
            PeriodicTimerProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Periodic_timer_loop_flushing_noted_pseudonyms_is_clean() => Run(Unmarked(
            PeriodicTimerProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 16. A hosted-service-like ExecuteAsync loop draining a ConcurrentQueue held by an injected holder.
        // =====================================================================================================

        private const string HostedQueueProgram = """
            internal abstract class HostedLoop
            {
                public Task StartAsync(CancellationToken ct) => ExecuteAsync(ct);

                protected abstract Task ExecuteAsync(CancellationToken ct);
            }

            internal sealed class ContactQueue
            {
                public ConcurrentQueue<string> Items { get; } = new();
            }

            internal sealed class ContactCapture
            {
                private readonly ContactQueue _queue;

                public ContactCapture(ContactQueue queue) { _queue = queue; }

                public void Capture(Member m) => _queue.Items.Enqueue($VALUE);
            }

            internal sealed class ContactForwarder : HostedLoop
            {
                private readonly ContactQueue _queue;

                public ContactForwarder(ContactQueue queue) { _queue = queue; }

                protected override async Task ExecuteAsync(CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested)
                    {
                        int drained = 0;
                        while (_queue.Items.TryDequeue(out string? phone))
                        {
                            $SEND
                            drained++;
                        }

                        Partner.Send("drained " + drained);
                        await Task.Delay(1000, ct);
                    }
                }
            }
            """;

        private const string ForwardPhone = "await Partner.SendAsync({|#0:phone|}, ct);";

        [Fact]
        public Task Hosted_loop_draining_a_queue_of_raw_phones_to_the_partner_is_reported_at_the_dequeued_value() => Run(
            HostedQueueProgram.Replace("$VALUE", "m.Phone").Replace("$SEND", ForwardPhone), Min001(0));

        [Fact]
        public Task Hosted_loop_draining_a_queue_of_last_four_digits_to_the_partner_is_clean() => Run(Unmarked(
            HostedQueueProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)").Replace("$SEND", ForwardPhone)));

        [Fact]
        public Task Hosted_loop_draining_raw_phones_to_a_local_log_and_sending_only_the_count_is_clean() => Run(
            HostedQueueProgram.Replace("$VALUE", "m.Phone").Replace("$SEND", "LocalLog.Write(phone);"));

        // =====================================================================================================
        // 17. A BlockingCollection consumed on a thread started from a method group.
        // =====================================================================================================

        private const string BlockingCollectionProgram = """
            internal sealed class SyncPipe
            {
                private readonly BlockingCollection<string> _items = new(boundedCapacity: 100);

                public void Post(Member m) => _items.Add($VALUE);

                public void Complete() => _items.CompleteAdding();

                public void Start()
                {
                    var worker = new Thread(Consume) { IsBackground = true };
                    worker.Start();
                }

                private void Consume()
                {
                    foreach (string line in _items.GetConsumingEnumerable())
                    {
                        Partner.Send({|#0:line|});
                    }
                }
            }
            """;

        [Fact]
        public Task Blocking_collection_of_names_consumed_on_a_worker_thread_is_reported_at_the_consumed_line() => Run(
            BlockingCollectionProgram.Replace("$VALUE", "m.Name"), Min001(0));

        [Fact]
        public Task Blocking_collection_of_tiers_consumed_on_a_worker_thread_is_clean() => Run(Unmarked(
            BlockingCollectionProgram.Replace("$VALUE", "m.Tier")));

        // =====================================================================================================
        // 18. A Channel<T> split into a writer and a reader held by a shared mailbox.
        // =====================================================================================================

        private const string ChannelProgram = """
            internal sealed record Envelope(Guid Id, string Body);

            internal sealed class Mailbox
            {
                private readonly Channel<Envelope> _channel = Channel.CreateUnbounded<Envelope>();

                public ChannelWriter<Envelope> Writer => _channel.Writer;

                public ChannelReader<Envelope> Reader => _channel.Reader;
            }

            internal sealed class EnvelopeProducer
            {
                private readonly Mailbox _box;

                public EnvelopeProducer(Mailbox box) { _box = box; }

                public bool Post(Member m) => _box.Writer.TryWrite(new Envelope(m.Id, $VALUE));
            }

            internal sealed class EnvelopeConsumer
            {
                private readonly Mailbox _box;

                public EnvelopeConsumer(Mailbox box) { _box = box; }

                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (Envelope env in _box.Reader.ReadAllAsync(ct))
                    {
                        await Partner.SendAsync({|#0:env.Body|}, ct);
                        Partner.SendObject(env.Id);
                    }
                }
            }
            """;

        [Fact]
        public Task Channel_envelope_body_holding_the_raw_email_is_reported_at_the_body_and_not_at_its_id() => Run(
            ChannelProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Channel_envelope_body_holding_the_pseudonym_is_clean() => Run(Unmarked(
            ChannelProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 19. An IAsyncEnumerable producer over a field-held list, consumed by await foreach elsewhere.
        // =====================================================================================================

        private const string AsyncStreamProgram = """
            internal sealed class MemberStore
            {
                private readonly List<Member> _members = new();

                public void Add(Member m) => _members.Add(m);

                public async IAsyncEnumerable<string> StreamAsync([EnumeratorCancellation] CancellationToken ct = default)
                {
                    foreach (Member m in _members)
                    {
                        await Task.Yield();
                        yield return $VALUE;
                    }
                }
            }

            internal sealed class StreamExporter
            {
                public async Task ExportAsync(MemberStore store, CancellationToken ct)
                {
                    await foreach (string line in store.StreamAsync(ct))
                    {
                        await Partner.SendAsync({|#0:line|}, ct);
                    }
                }
            }
            """;

        [Fact]
        public Task Async_stream_yielding_emails_is_reported_where_the_consumer_sends_each_line() => Run(
            AsyncStreamProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Async_stream_yielding_pseudonyms_is_clean() => Run(Unmarked(
            AsyncStreamProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        [Fact]
        public Task Async_stream_yielding_only_ids_is_clean() => Run(Unmarked(
            AsyncStreamProgram.Replace("$VALUE", "m.Id.ToString()")));

        // =====================================================================================================
        // 20. A Lazy<string> whose factory reads the session's current member.
        // =====================================================================================================

        private const string LazyProgram = """
            internal sealed class Session
            {
                public Member Current { get; set; } = new Member();
            }

            internal sealed class ContactResolver
            {
                private readonly Lazy<string> _contact;

                public ContactResolver(Session session)
                {
                    _contact = new Lazy<string>(() => session.Current.$MEMBER, LazyThreadSafetyMode.ExecutionAndPublication);
                }

                public void Share() => Partner.Send({|#0:_contact.Value|});
            }
            """;

        [Fact]
        public Task Lazy_contact_whose_factory_reads_the_current_members_email_is_reported_where_its_value_is_sent() => Run(
            LazyProgram.Replace("$MEMBER", "Email"), Min001(0));

        [Fact]
        public Task Lazy_contact_whose_factory_reads_the_current_members_tier_is_clean() => Run(Unmarked(
            LazyProgram.Replace("$MEMBER", "Tier")));

        // =====================================================================================================
        // 21. AsyncLocal<string?> holding the current user's contact, set by a middleware, read by a service.
        // =====================================================================================================

        private const string AsyncLocalProgram = """
            internal static class UserContext
            {
                public static readonly AsyncLocal<string?> Contact = new();
            }

            internal sealed class AuthMiddleware
            {
                public async Task InvokeAsync(Member m, Func<Task> next)
                {
                    UserContext.Contact.Value = $VALUE;
                    try
                    {
                        await next();
                    }
                    finally
                    {
                        UserContext.Contact.Value = null;
                    }
                }
            }

            internal sealed class ReferralService
            {
                public void Refer() => Partner.Send({|#0:UserContext.Contact.Value ?? "anonymous"|});
            }
            """;

        [Fact]
        public Task Async_local_holding_the_current_email_is_reported_where_a_service_sends_it() => Run(
            AsyncLocalProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Async_local_holding_the_current_tier_is_clean() => Run(Unmarked(
            AsyncLocalProgram.Replace("$VALUE", "m.Tier")));

        // =====================================================================================================
        // 22. A ThreadLocal<StringBuilder> line buffer flushed later.
        // =====================================================================================================

        private const string ThreadLocalProgram = """
            internal sealed class LineBuffer
            {
                private readonly ThreadLocal<StringBuilder> _buffer = new(() => new StringBuilder());

                public void Append(Member m)
                {
                    _buffer.Value!.Append($VALUE).Append('\n');
                }

                public void Flush()
                {
                    string text = _buffer.Value!.ToString();
                    _buffer.Value!.Clear();
                    Partner.Send({|#0:text|});
                }
            }
            """;

        [Fact]
        public Task Thread_local_builder_holding_appended_phones_is_reported_where_the_flush_sends_it() => Run(
            ThreadLocalProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Thread_local_builder_holding_appended_last_four_digits_is_clean() => Run(Unmarked(
            ThreadLocalProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        // =====================================================================================================
        // 23. A callback registry: Register(Action<T>) now, Fire(T) later.
        // =====================================================================================================

        private const string RegistryProgram = """
            internal sealed class CallbackRegistry<T>
            {
                private readonly List<Action<T>> _callbacks = new();

                public void Register(Action<T> callback) => _callbacks.Add(callback);

                public void Fire(T value)
                {
                    foreach (Action<T> callback in _callbacks)
                    {
                        callback(value);
                    }
                }
            }

            internal sealed class SignupWiring
            {
                private readonly CallbackRegistry<string> _registry = new();

                public SignupWiring()
                {
                    _registry.Register(v => LocalLog.Write(v));
                    _registry.Register(v => Partner.Send(v));
                }

                public void OnSignup(Member m) => _registry.Fire({|#0:$VALUE|});
            }
            """;

        [Fact]
        public Task Registry_fired_with_the_raw_email_to_a_registered_partner_callback_is_reported_at_the_fire_argument() => Run(
            RegistryProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Registry_fired_with_the_pseudonym_is_clean() => Run(Unmarked(
            RegistryProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        private const string TwoRegistriesProgram = """
            internal sealed class CallbackRegistry
            {
                private readonly List<Action<string>> _callbacks = new();

                public void Register(Action<string> callback) => _callbacks.Add(callback);

                public void Fire(string value)
                {
                    foreach (Action<string> callback in _callbacks)
                    {
                        callback(value);
                    }
                }
            }

            internal sealed class SignupWiring
            {
                private readonly CallbackRegistry _share = new();
                private readonly CallbackRegistry _audit = new();

                public SignupWiring()
                {
                    _share.Register(v => Partner.Send(v));
                    _audit.Register(v => LocalLog.Write(v));
                }

                public void OnSignup(Member m)
                {
                    _audit.Fire(m.Email);
                    _share.Fire({|#0:$VALUE|});
                }
            }
            """;

        [Fact(Skip = "engine gap: expected one MIN001, at m.Email in _share.Fire(m.Email); actual: two, the second at m.Email in _audit.Fire(m.Email) (line 81 of the test program), message \"Identity from Member.Email reaches partner sink Partner.Send (partner \\\"acme\\\") without passing through a [Minimizer]: Member.Email → CallbackRegistry.Fire(string) → lambda → Partner.Send\". The _callbacks lists of the two CallbackRegistry instances are one abstract list, so the audit registry runs the partner callback registered only on the share registry")]
        public Task Share_registry_fired_with_the_raw_email_is_reported_at_its_fire_argument() => Run(
            TwoRegistriesProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact(Skip = "engine gap: expected no diagnostic (only the _audit registry, whose one callback writes to LocalLog, is fired with the email); actual: MIN001 at m.Email in _audit.Fire(m.Email), message \"Identity from Member.Email reaches partner sink Partner.Send (partner \\\"acme\\\") without passing through a [Minimizer]: Member.Email → CallbackRegistry.Fire(string) → lambda → Partner.Send\". The _callbacks lists of the two CallbackRegistry instances are one abstract list, so the partner callback registered on _share is taken to run for _audit")]
        public Task Share_registry_fired_with_the_tier_is_clean_while_only_the_audit_registry_receives_the_email() => Run(Unmarked(
            TwoRegistriesProgram.Replace("$VALUE", "m.Tier")));

        // =====================================================================================================
        // 24. Hand-written observers: an own interface taking the member, and IObserver<string>.
        // =====================================================================================================

        private const string MemberObserverProgram = """
            internal interface IMemberObserver
            {
                void OnNext(Member value);
            }

            internal sealed class MemberSubject
            {
                private readonly List<IMemberObserver> _observers = new();

                public void Subscribe(IMemberObserver observer) => _observers.Add(observer);

                public void Publish(Member m)
                {
                    foreach (IMemberObserver observer in _observers)
                    {
                        observer.OnNext(m);
                    }
                }
            }

            internal sealed class PartnerObserver : IMemberObserver
            {
                public void OnNext(Member value) => Partner.Send({|#0:value.$MEMBER|});
            }

            internal sealed class AuditObserver : IMemberObserver
            {
                public void OnNext(Member value) => LocalLog.Write(value.Email);
            }

            internal sealed class Startup
            {
                public MemberSubject Build()
                {
                    var subject = new MemberSubject();
                    subject.Subscribe(new AuditObserver());
                    subject.Subscribe(new PartnerObserver());
                    return subject;
                }
            }
            """;

        [Fact]
        public Task Member_observer_sending_the_phone_is_reported_inside_its_on_next() => Run(
            MemberObserverProgram.Replace("$MEMBER", "Phone"), Min001(0));

        [Fact]
        public Task Member_observer_sending_only_the_tier_is_clean_beside_an_audit_observer_logging_the_email() => Run(Unmarked(
            MemberObserverProgram.Replace("$MEMBER", "Tier")));

        private const string StringObserverProgram = """
            internal sealed class ContactHub
            {
                private readonly List<IObserver<string>> _observers = new();

                public void Subscribe(IObserver<string> observer) => _observers.Add(observer);

                public void Publish(string contact)
                {
                    foreach (IObserver<string> observer in _observers)
                    {
                        observer.OnNext(contact);
                    }
                }
            }

            internal sealed class PartnerForwarder : IObserver<string>
            {
                public void OnNext(string value) => Partner.Send(value);

                public void OnError(Exception error) { }

                public void OnCompleted() => Partner.Send("done");
            }

            internal sealed class Signups
            {
                private readonly ContactHub _hub;

                public Signups(ContactHub hub)
                {
                    _hub = hub;
                    _hub.Subscribe(new PartnerForwarder());
                }

                public void Joined(Member m) => _hub.Publish({|#0:$VALUE|});
            }
            """;

        [Fact]
        public Task Hub_publishing_the_raw_email_to_an_IObserver_forwarder_is_reported_at_the_publish_argument() => Run(
            StringObserverProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Hub_publishing_the_pseudonym_to_an_IObserver_forwarder_is_clean() => Run(Unmarked(
            StringObserverProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 25. CancellationToken.Register: a capture, or state handed to the callback.
        // =====================================================================================================

        private const string TokenRegisterProgram = """
            internal sealed class CancellableUpload
            {
                public async Task RunAsync(Member m, CancellationToken ct)
                {
                    string contact = $VALUE;
                    string tier = m.Tier;
                    using CancellationTokenRegistration registration = ct.Register($CALLBACK);
                    await Task.Delay(1000, ct);
                    LocalLog.Write(contact + tier);
                }
            }
            """;

        [Fact]
        public Task Cancellation_callback_capturing_the_raw_email_is_reported_inside_the_callback() => Run(
            TokenRegisterProgram.Replace("$VALUE", "m.Email").Replace("$CALLBACK", "() => Partner.Send({|#0:contact|})"), Min001(0));

        [Fact]
        public Task Cancellation_callback_capturing_the_pseudonym_is_clean() => Run(
            TokenRegisterProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$CALLBACK", "() => Partner.Send(contact)"));

        [Fact]
        public Task Cancellation_callback_capturing_only_the_tier_is_clean_though_the_email_is_in_scope() => Run(
            TokenRegisterProgram.Replace("$VALUE", "m.Email").Replace("$CALLBACK", "() => Partner.Send(\"cancelled \" + tier)"));

        [Fact]
        public Task Cancellation_callback_sending_its_state_holding_the_email_is_reported_inside_the_callback() => Run(
            TokenRegisterProgram.Replace("$VALUE", "m.Email").Replace("$CALLBACK", "state => Partner.SendObject({|#0:state|}), contact"), Min001(0));

        [Fact]
        public Task Cancellation_callback_sending_its_state_holding_the_tier_is_clean_though_the_email_is_in_scope() => Run(
            TokenRegisterProgram.Replace("$VALUE", "m.Email").Replace("$CALLBACK", "state => Partner.SendObject(state), tier"));

        // =====================================================================================================
        // 26. await using: an IAsyncDisposable batch that flushes its buffer on dispose.
        // =====================================================================================================

        private const string AsyncDisposableProgram = """
            internal sealed class PartnerBatch : IAsyncDisposable
            {
                private readonly List<string> _lines = new();

                public void Add(string line) => _lines.Add(line);

                public async ValueTask DisposeAsync()
                {
                    if (_lines.Count > 0)
                    {
                        await Partner.SendAsync({|#0:string.Join("\n", _lines)|});
                        _lines.Clear();
                    }
                }
            }

            internal sealed class NightlyJob
            {
                public async Task RunAsync(IReadOnlyList<Member> members)
                {
                    await using var batch = new PartnerBatch();
                    foreach (Member m in members)
                    {
                        batch.Add($VALUE);
                    }

                    await Task.Yield();
                }
            }
            """;

        [Fact]
        public Task Async_disposable_batch_of_emails_is_reported_where_dispose_flushes_it() => Run(
            AsyncDisposableProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Async_disposable_batch_of_pseudonyms_is_clean() => Run(Unmarked(
            AsyncDisposableProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 27. Deferred LINQ: a query built before its source is filled, enumerated later.
        // =====================================================================================================

        private const string LateFillProgram = """
            internal sealed class LateFill
            {
                public void Run(IReadOnlyList<Member> members)
                {
                    var contacts = new List<string>();
                    IEnumerable<string> normalized = contacts.Select(c => c.Trim().ToUpperInvariant());
                    foreach (Member m in members)
                    {
                        contacts.Add($VALUE);
                    }

                    foreach (string line in normalized)
                    {
                        Partner.Send({|#0:line|});
                    }
                }
            }
            """;

        [Fact]
        public Task Query_built_over_an_empty_list_later_filled_with_emails_is_reported_when_enumerated() => Run(
            LateFillProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Query_built_over_an_empty_list_later_filled_with_pseudonyms_is_clean() => Run(Unmarked(
            LateFillProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        private const string FieldQueryProgram = """
            internal sealed class ActiveRoster
            {
                private readonly List<Member> _members = new();
                private readonly IEnumerable<string> _export;

                public ActiveRoster()
                {
                    _export = _members.Where(x => x.Visits > 0).Select(x => x.$MEMBER);
                }

                public void Add(Member m) => _members.Add(m);

                public void Export()
                {
                    foreach (string line in _export)
                    {
                        Partner.Send({|#0:line|});
                    }
                }
            }
            """;

        [Fact]
        public Task Field_held_query_selecting_emails_enumerated_after_members_were_added_is_reported() => Run(
            FieldQueryProgram.Replace("$MEMBER", "Email"), Min001(0));

        [Fact]
        public Task Field_held_query_selecting_tiers_is_clean() => Run(Unmarked(
            FieldQueryProgram.Replace("$MEMBER", "Tier")));

        // =====================================================================================================
        // 28. Closures over loop variables, stored in a list and run later.
        // =====================================================================================================

        private const string LoopClosureProgram = """
            internal sealed class BatchScheduler
            {
                private readonly List<Action> _jobs = new();

                public void Plan(IReadOnlyList<Member> members)
                {
                    for (int i = 0; i < members.Count; i++)
                    {
                        string contact = $VALUE;
                        int slot = i;
                        _jobs.Add(() => Partner.Send({|#0:slot + ":" + contact|}));
                    }
                }

                public void RunAll()
                {
                    foreach (Action job in _jobs)
                    {
                        job();
                    }
                }
            }
            """;

        [Fact]
        public Task Job_closing_over_a_loop_variable_holding_the_email_is_reported_inside_the_job() => Run(
            LoopClosureProgram.Replace("$VALUE", "members[i].Email"), Min001(0));

        [Fact]
        public Task Job_closing_over_a_loop_variable_holding_the_tier_is_clean() => Run(Unmarked(
            LoopClosureProgram.Replace("$VALUE", "members[i].Tier")));

        private const string DueWorkProgram = """
            internal sealed class DueWork
            {
                private readonly PriorityQueue<Func<Task>, DateTime> _due = new();

                public void At(DateTime when, Func<Task> work) => _due.Enqueue(work, when);

                public async Task RunDueAsync(DateTime now)
                {
                    while (_due.TryPeek(out _, out DateTime at) && at <= now)
                    {
                        Func<Task> work = _due.Dequeue();
                        await work();
                    }
                }
            }

            internal sealed class RenewalReminders
            {
                private readonly DueWork _work;

                public RenewalReminders(DueWork work) { _work = work; }

                public void Plan(IEnumerable<Member> members)
                {
                    foreach (Member m in members)
                    {
                        _work.At(DateTime.UtcNow.AddDays(30), () => Partner.SendAsync({|#0:$VALUE|}));
                    }
                }
            }
            """;

        [Fact]
        public Task Due_work_closing_over_the_foreach_member_and_sending_its_phone_is_reported_inside_the_work() => Run(
            DueWorkProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Due_work_closing_over_the_foreach_member_and_sending_the_last_four_digits_is_clean() => Run(Unmarked(
            DueWorkProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        // =====================================================================================================
        // 29. Method groups stored in a field and invoked later.
        // =====================================================================================================

        private const string MethodGroupProgram = """
            internal static class PartnerSink
            {
                public static void Forward(string value) => Partner.Send(value.Trim());
            }

            internal sealed class Router
            {
                private readonly Action<string> _route;

                public Router()
                {
                    _route = $TARGET;
                }

                public void Route(Member m) => _route({|#0:$VALUE|});
            }
            """;

        [Fact]
        public Task Stored_method_group_of_a_forwarder_invoked_with_the_email_is_reported_at_the_invocation_argument() => Run(
            MethodGroupProgram.Replace("$TARGET", "PartnerSink.Forward").Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Stored_method_group_of_the_sink_itself_invoked_with_the_email_is_reported_at_the_invocation_argument() => Run(
            MethodGroupProgram.Replace("$TARGET", "Partner.Send").Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Stored_method_group_of_a_forwarder_invoked_with_the_pseudonym_is_clean() => Run(Unmarked(
            MethodGroupProgram.Replace("$TARGET", "PartnerSink.Forward").Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 30. List<T>.ForEach: the lambda receives the elements only (Reading 6).
        // =====================================================================================================

        private const string ListForEachProgram = """
            internal sealed class ListCallbacks
            {
                public void Share(IReadOnlyList<Member> members)
                {
                    List<string> shared = members.Select(m => $VALUE).ToList();
                    List<string> audit = members.Select(m => m.Email).ToList();
                    audit.ForEach(a => LocalLog.Write(a));
                    shared.ForEach(s => Partner.Send({|#0:s|}));
                }
            }
            """;

        [Fact]
        public Task List_foreach_lambda_over_emails_is_reported_inside_the_lambda() => Run(
            ListForEachProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task List_foreach_lambda_over_tiers_is_clean_while_a_second_foreach_logs_the_emails() => Run(Unmarked(
            ListForEachProgram.Replace("$VALUE", "m.Tier")));

        // =====================================================================================================
        // 31. A stored supplier (Func<string>) created now and called later by a sender.
        // =====================================================================================================

        private const string SupplierProgram = """
            internal sealed class ContactSupplier
            {
                private Func<string> _supplier = () => "";

                public void Bind(Member m)
                {
                    _supplier = () => $VALUE;
                }

                public void Share()
                {
                    Partner.Send({|#0:_supplier()|});
                }
            }
            """;

        [Fact]
        public Task Stored_supplier_returning_the_bound_members_email_is_reported_where_its_result_is_sent() => Run(
            SupplierProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Stored_supplier_returning_the_bound_members_tier_is_clean() => Run(Unmarked(
            SupplierProgram.Replace("$VALUE", "m.Tier")));
    }
}
