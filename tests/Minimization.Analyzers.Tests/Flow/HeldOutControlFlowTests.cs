using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings, Reading 9 on exceptions and results in particular): control flow and async shapes around partner
    /// calls. It covers async/await chains over several methods (<c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c>,
    /// <c>ConfigureAwait(false)</c>), <c>Task.WhenAll</c>/<c>Task.WhenAny</c> results, async lambdas given to the program's
    /// own retry helper, try/catch/finally (a catch that builds its message from identity versus a generic one, the
    /// program's own exception types, <c>when</c> filters), <c>using</c>/<c>await using</c>, early returns and guard
    /// clauses, switch statements and switch expressions, loops with <c>break</c>/<c>continue</c> and loop-carried values,
    /// <c>?:</c>, <c>??</c>, <c>??=</c> and <c>?.</c>, a variable overwritten with a minimized value before the send versus
    /// after it, <c>out</c>/<c>ref</c> parameters, tuples returned from async methods, sync and async local functions,
    /// iterators and async iterators, Result/Option types of the program's own, and cancellation tokens (they carry
    /// nothing). Every reported shape has a near-miss twin that must stay clean. Types are internal so that MIN010 stays
    /// out of the picture.
    /// </summary>
    public class HeldOutControlFlowTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the subscriber, its store, the partner client, minimizers, a retry helper, Result and Option.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Runtime.CompilerServices;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal sealed class Subscriber
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public string Plan { get; set; } = "";
                [NonIdentifying] public int Tier { get; set; }
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
            }

            internal interface ISubscriberStore
            {
                Task<Subscriber> FindAsync(Guid id, CancellationToken ct);
                ValueTask<Subscriber?> TryFindAsync(Guid id, CancellationToken ct);
                IAsyncEnumerable<Subscriber> StreamAsync(CancellationToken ct);
            }

            internal enum ShareMode { Full, Masked, None }

            internal sealed class PartnerClient
            {
                [PartnerShare("acme")] public Task PostAsync(string body, CancellationToken ct = default) => Task.CompletedTask;
                [PartnerShare("acme")] public void Post(string body) { }
                [PartnerShare("acme")] public void PostCount(int count) { }
            }

            internal sealed class PartnerEvent
            {
                public string Kind { get; set; } = "";
                [PartnerShare("acme")] public string Detail { get; set; } = "";
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-2024");

                [Minimizer]
                public static string Hash(string value) => Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));

                [Minimizer]
                public static string Last4(string phone) => phone.Length > 4 ? phone.Substring(phone.Length - 4) : phone;

                [Minimizer]
                public static Task<string> HashAsync(string value, CancellationToken ct) => Task.FromResult(Hash(value));
            }

            internal static class Retry
            {
                public static async Task<T> GetAsync<T>(Func<Task<T>> action, int attempts = 3, CancellationToken ct = default)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await action().ConfigureAwait(false);
                        }
                        catch (Exception) when (attempt < attempts)
                        {
                            await Task.Delay(50 * attempt, ct).ConfigureAwait(false);
                        }
                    }
                }

                public static async Task ExecuteAsync(Func<Task> action, int attempts = 3, CancellationToken ct = default)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await action().ConfigureAwait(false);
                            return;
                        }
                        catch (Exception) when (attempt < attempts)
                        {
                            await Task.Delay(50 * attempt, ct).ConfigureAwait(false);
                        }
                    }
                }
            }

            internal readonly struct Result<T>
            {
                private Result(bool ok, T? value, string error)
                {
                    IsOk = ok;
                    Value = value;
                    Error = error;
                }

                public bool IsOk { get; }
                public T? Value { get; }
                public string Error { get; }

                public static Result<T> Ok(T value) => new Result<T>(true, value, "");
                public static Result<T> Fail(string error) => new Result<T>(false, default, error);
            }

            internal readonly struct Option<T>
            {
                private readonly T _value;

                private Option(T value)
                {
                    _value = value;
                    HasValue = true;
                }

                public bool HasValue { get; }

                public static Option<T> Some(T value) => new Option<T>(value);
                public static Option<T> None => default;

                public bool TryGet(out T value)
                {
                    value = _value;
                    return HasValue;
                }
            }

            """;

        // =====================================================================================================
        // 1. Async/await chains: Task<T>, ValueTask<T>, ConfigureAwait(false), WhenAll, WhenAny, tuples.
        // =====================================================================================================

        private const string AsyncChainProgram = """
            internal sealed class ContactShare
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public ContactShare(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                private async Task<string> LoadContactAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                    return $CONTACT;
                }

                private async ValueTask<string> BuildBodyAsync(Guid id, CancellationToken ct)
                {
                    string contact = await LoadContactAsync(id, ct).ConfigureAwait(false);
                    return "msisdn=" + contact;
                }

                public async Task ShareAsync(Guid id, CancellationToken ct)
                {
                    string body = await BuildBodyAsync(id, ct).ConfigureAwait(false);
                    await _client.PostAsync({|#0:body|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Raw_msisdn_returned_through_an_async_chain_of_three_methods_is_reported_at_the_post() => Run(
            AsyncChainProgram.Replace("$CONTACT", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Async_chain_that_masks_the_msisdn_in_its_innermost_method_is_clean() => Run(Unmarked(
            AsyncChainProgram.Replace("$CONTACT", "Privacy.Last4(s.Msisdn)")));

        private const string AsyncNormalizerProgram = """
            internal static class Normalizer
            {
                public static Task<string> NormalizeAsync(string value, CancellationToken ct) => Task.FromResult(value.Trim().ToLowerInvariant());
            }

            internal sealed class EmailShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ShareAsync(Subscriber s, CancellationToken ct)
                {
                    string token = await $CALL(s.Email, ct).ConfigureAwait(false);
                    await _client.PostAsync({|#0:token|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Email_awaited_through_an_own_async_normalizer_is_reported() => Run(
            AsyncNormalizerProgram.Replace("$CALL", "Normalizer.NormalizeAsync"), Min001(0));

        [Fact]
        public Task Email_awaited_through_an_async_minimizer_is_clean() => Run(Unmarked(
            AsyncNormalizerProgram.Replace("$CALL", "Privacy.HashAsync")));

        private const string ValueTaskCacheProgram = """
            internal sealed class ContactCache
            {
                private readonly Dictionary<Guid, string> _cache = new Dictionary<Guid, string>();
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public ContactCache(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                public ValueTask<string> ContactAsync(Guid id, CancellationToken ct)
                {
                    if (_cache.TryGetValue(id, out string? cached))
                    {
                        return new ValueTask<string>(cached);
                    }

                    return new ValueTask<string>(LoadAsync(id, ct));
                }

                private async Task<string> LoadAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                    string contact = $CONTACT;
                    _cache[id] = contact;
                    return contact;
                }

                public async Task ShareAsync(Guid id, CancellationToken ct)
                {
                    string contact = await ContactAsync(id, ct).ConfigureAwait(false);
                    await _client.PostAsync({|#0:contact|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task ValueTask_cache_lookup_of_a_raw_email_is_reported() => Run(
            ValueTaskCacheProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task ValueTask_cache_lookup_of_hashed_emails_is_clean() => Run(Unmarked(
            ValueTaskCacheProgram.Replace("$CONTACT", "Privacy.Hash(s.Email)")));

        private const string WhenAllProgram = """
            internal sealed class BulkShare
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public BulkShare(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                private async Task<string> LookupAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                    return $CONTACT;
                }

                public async Task ShareAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
                {
                    Task<string>[] lookups = ids.Select(id => LookupAsync(id, ct)).ToArray();
                    string[] contacts = await Task.WhenAll(lookups).ConfigureAwait(false);
                    _client.PostCount(contacts.Length);
                    await _client.PostAsync({|#0:string.Join(",", contacts)|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Task_WhenAll_results_of_raw_email_lookups_joined_into_one_body_are_reported_once() => Run(
            WhenAllProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task Task_WhenAll_results_of_hashed_lookups_and_their_count_are_clean() => Run(Unmarked(
            WhenAllProgram.Replace("$CONTACT", "Privacy.Hash(s.Email)")));

        private const string WhenAnyProgram = """
            internal sealed class RacingShare
            {
                private readonly ISubscriberStore _primary;
                private readonly ISubscriberStore _replica;
                private readonly PartnerClient _client;

                public RacingShare(ISubscriberStore primary, ISubscriberStore replica, PartnerClient client)
                {
                    _primary = primary;
                    _replica = replica;
                    _client = client;
                }

                private async Task<string> FromPrimaryAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _primary.FindAsync(id, ct).ConfigureAwait(false);
                    return Privacy.Last4(s.Msisdn);
                }

                private async Task<string> FromReplicaAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _replica.FindAsync(id, ct).ConfigureAwait(false);
                    return $CONTACT;
                }

                public async Task ShareAsync(Guid id, CancellationToken ct)
                {
                    Task<string> primary = FromPrimaryAsync(id, ct);
                    Task<string> replica = FromReplicaAsync(id, ct);
                    Task<string> winner = await Task.WhenAny(primary, replica).ConfigureAwait(false);
                    string contact = await winner.ConfigureAwait(false);
                    await _client.PostAsync({|#0:contact|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Task_WhenAny_winner_when_one_racer_returns_the_raw_msisdn_is_reported() => Run(
            WhenAnyProgram.Replace("$CONTACT", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Task_WhenAny_winner_when_both_racers_mask_the_msisdn_is_clean() => Run(Unmarked(
            WhenAnyProgram.Replace("$CONTACT", "Privacy.Last4(s.Msisdn)")));

        private const string AsyncTupleProgram = """
            internal sealed class Resolver
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public Resolver(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                private async Task<(string Contact, int Attempts)> ResolveAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                    return ($CONTACT, s.Tier + 1);
                }

                public async Task ShareAsync(Guid id, CancellationToken ct)
                {
                    var (contact, attempts) = await ResolveAsync(id, ct).ConfigureAwait(false);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Contact_element_of_a_tuple_returned_by_an_async_method_and_deconstructed_is_reported() => Run(
            AsyncTupleProgram.Replace("$CONTACT", "s.Msisdn").Replace("$SEND", "await _client.PostAsync({|#0:contact|}, ct);"), Min001(0));

        [Fact]
        public Task Masked_contact_element_of_a_deconstructed_async_tuple_is_clean() => Run(
            AsyncTupleProgram.Replace("$CONTACT", "Privacy.Last4(s.Msisdn)").Replace("$SEND", "await _client.PostAsync(contact, ct);"));

        [Fact]
        public Task Scalar_attempts_element_of_an_async_tuple_that_also_holds_the_raw_msisdn_is_clean() => Run(
            AsyncTupleProgram.Replace("$CONTACT", "s.Msisdn").Replace("$SEND", "_client.PostCount(attempts);"));

        // =====================================================================================================
        // 2. Async lambdas given to the program's own retry helper.
        // =====================================================================================================

        private const string RetryExecuteProgram = """
            internal sealed class RetryingShare
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public RetryingShare(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                public async Task ShareAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                    await Retry.ExecuteAsync(async () =>
                    {
                        await _client.PostAsync($BODY, ct).ConfigureAwait(false);
                    }, ct: ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Async_lambda_given_to_the_retry_helper_posting_the_captured_msisdn_is_reported_inside_the_lambda() => Run(
            RetryExecuteProgram.Replace("$BODY", "{|#0:s.Msisdn|}"), Min001(0));

        [Fact]
        public Task Async_lambda_given_to_the_retry_helper_posting_the_last_four_digits_is_clean() => Run(
            RetryExecuteProgram.Replace("$BODY", "Privacy.Last4(s.Msisdn)"));

        private const string RetryGetProgram = """
            internal sealed class RetryingLookup
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public RetryingLookup(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                public async Task ShareAsync(Guid id, CancellationToken ct)
                {
                    string contact = await Retry.GetAsync(async () =>
                    {
                        Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                        return $CONTACT;
                    }, ct: ct).ConfigureAwait(false);

                    await _client.PostAsync({|#0:contact|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Raw_email_returned_by_an_async_lambda_through_the_generic_retry_helper_is_reported_where_it_is_posted() => Run(
            RetryGetProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task Hashed_email_returned_by_an_async_lambda_through_the_generic_retry_helper_is_clean() => Run(Unmarked(
            RetryGetProgram.Replace("$CONTACT", "Privacy.Hash(s.Email)")));

        [Fact]
        public Task Non_identifying_plan_of_a_subscriber_fetched_through_the_retry_helper_is_clean() => Run("""
            internal sealed class RetryingPlanShare
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public RetryingPlanShare(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                public async Task ShareAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await Retry.GetAsync(() => _store.FindAsync(id, ct), ct: ct).ConfigureAwait(false);
                    await _client.PostAsync(s.Plan, ct).ConfigureAwait(false);
                    _client.PostCount(s.Tier);
                }
            }
            """);

        // =====================================================================================================
        // 3. Exceptions and results (Reading 9): catch, when, finally, the program's own exception and result types.
        // =====================================================================================================

        private const string CatchMessageProgram = """
            internal sealed class Delivery
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public Delivery(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                public async Task DeliverAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                    try
                    {
                        await _client.PostAsync(Privacy.Hash(s.Email), ct).ConfigureAwait(false);
                    }
                    catch (HttpRequestException ex)
                    {
                        await _client.PostAsync({|#0:$MESSAGE|}, ct).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Catch_block_posting_a_failure_message_built_from_the_msisdn_is_reported() => Run(
            CatchMessageProgram.Replace("$MESSAGE", "$\"delivery failed for {s.Msisdn}: {ex.StatusCode}\""), Min001(0));

        [Fact]
        public Task Catch_block_posting_a_generic_failure_message_with_the_subscriber_id_is_clean() => Run(Unmarked(
            CatchMessageProgram.Replace("$MESSAGE", "$\"delivery failed for {s.Id}: {ex.StatusCode}\"")));

        private const string WrappedExceptionProgram = """
            internal sealed class PartnerSyncException : Exception
            {
                public PartnerSyncException(string message, Exception inner) : base(message, inner) { }
            }

            internal sealed class Sync
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task SyncAsync(Subscriber s, CancellationToken ct)
                {
                    try
                    {
                        await _client.PostAsync(Privacy.Hash(s.Email), ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        var failure = new PartnerSyncException($MESSAGE, ex);
                        await _client.PostAsync({|#0:failure.Message|}, ct).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Exception_built_in_a_catch_from_the_email_and_read_through_Message_is_reported() => Run(
            WrappedExceptionProgram.Replace("$MESSAGE", "$\"sync failed for {s.Email}\""), Min001(0));

        [Fact]
        public Task Exception_built_in_a_catch_from_a_generic_text_and_read_through_Message_is_clean() => Run(Unmarked(
            WrappedExceptionProgram.Replace("$MESSAGE", "$\"sync failed for subscriber {s.Id}\"")));

        [Fact]
        public Task Exception_built_from_the_msisdn_and_read_through_Message_in_the_same_method_is_reported() => Run("""
            internal sealed class Validator
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Check(Subscriber s)
                {
                    var problem = s.Msisdn.StartsWith("+", StringComparison.Ordinal)
                        ? null
                        : new FormatException($"msisdn {s.Msisdn} is not in E.164 form");
                    if (problem is not null)
                    {
                        _client.Post({|#0:problem.Message|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Exception_built_from_a_constant_text_after_an_identity_check_and_read_through_Message_is_clean() => Run("""
            internal sealed class Validator
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Check(Subscriber s)
                {
                    var problem = s.Msisdn.StartsWith("+", StringComparison.Ordinal)
                        ? null
                        : new FormatException("msisdn is not in E.164 form");
                    if (problem is not null)
                    {
                        _client.Post(problem.Message);
                    }
                }
            }
            """);

        private const string BlockedExceptionProgram = """
            internal sealed class SubscriberBlockedException : Exception
            {
                public SubscriberBlockedException(string msisdn) : base("subscriber is blocked") { Msisdn = msisdn; }

                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; }
            }

            internal sealed class Activation
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public Activation(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                private async Task ActivateAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                    if (s.Plan == "blocked")
                    {
                        throw new SubscriberBlockedException(s.Msisdn);
                    }
                }

                public async Task RunAsync(Guid id, CancellationToken ct)
                {
                    try
                    {
                        await ActivateAsync(id, ct).ConfigureAwait(false);
                    }
                    catch (SubscriberBlockedException ex)
                    {
                        await _client.PostAsync({|#0:$SENT|}, ct).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Identity_bearing_property_of_an_own_exception_caught_and_posted_is_reported() => Run(
            BlockedExceptionProgram.Replace("$SENT", "ex.Msisdn"), Min001(0));

        [Fact]
        public Task Identity_bearing_property_of_an_own_exception_masked_before_posting_is_clean() => Run(Unmarked(
            BlockedExceptionProgram.Replace("$SENT", "Privacy.Last4(ex.Msisdn)")));

        private const string ReturnedExceptionProgram = """
            internal sealed class InvalidSubscriberException : Exception
            {
                public InvalidSubscriberException(string msisdn, int code) : base("invalid subscriber")
                {
                    Msisdn = msisdn;
                    Code = code;
                }

                public string Msisdn { get; }
                public int Code { get; }
            }

            internal sealed class Intake
            {
                private readonly PartnerClient _client = new PartnerClient();

                private static Exception? Validate(Subscriber s)
                {
                    if (s.Msisdn.StartsWith("+", StringComparison.Ordinal))
                    {
                        return null;
                    }

                    return new InvalidSubscriberException(s.Msisdn, 422);
                }

                public void Accept(Subscriber s)
                {
                    if (Validate(s) is InvalidSubscriberException bad)
                    {
                        $SEND
                        return;
                    }

                    _client.Post(s.Plan);
                }
            }
            """;

        [Fact]
        public Task Plain_property_of_a_returned_own_exception_holding_the_msisdn_is_reported() => Run(
            ReturnedExceptionProgram.Replace("$SEND", "_client.Post({|#0:bad.Msisdn|});"), Min001(0));

        [Fact]
        public Task Scalar_code_of_a_returned_own_exception_holding_the_msisdn_is_clean() => Run(
            ReturnedExceptionProgram.Replace("$SEND", "_client.PostCount(bad.Code);"));

        private const string WhenFilterProgram = """
            internal sealed class FailureNotifier
            {
                private readonly PartnerClient _client = new PartnerClient();

                public bool Notify(Exception ex, string contact)
                {
                    _client.Post(contact);
                    return false;
                }
            }

            internal sealed class Provisioning
            {
                private readonly FailureNotifier _notifier = new FailureNotifier();
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ProvisionAsync(Subscriber s, CancellationToken ct)
                {
                    try
                    {
                        await _client.PostAsync(s.Plan, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (_notifier.Notify(ex, {|#0:$CONTACT|}))
                    {
                        throw;
                    }
                }
            }
            """;

        [Fact]
        public Task When_filter_handing_the_raw_msisdn_to_a_notifier_that_posts_it_is_reported_at_the_filter_argument() => Run(
            WhenFilterProgram.Replace("$CONTACT", "s.Msisdn"), Min001(0));

        [Fact]
        public Task When_filter_handing_the_last_four_digits_to_a_notifier_that_posts_them_is_clean() => Run(Unmarked(
            WhenFilterProgram.Replace("$CONTACT", "Privacy.Last4(s.Msisdn)")));

        private const string FinallyProgram = """
            internal sealed class Session
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public Session(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                public async Task<PartnerEvent> RunAsync(Guid id, CancellationToken ct)
                {
                    Subscriber s = await _store.FindAsync(id, ct).ConfigureAwait(false);
                    try
                    {
                        await _client.PostAsync(Privacy.Hash(s.Email), ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        _client.PostCount(s.Tier);
                    }

                    var closing = new PartnerEvent { Kind = "closed" };
                    try
                    {
                        await Task.Delay(10, ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        closing.Detail = {|#0:$DETAIL|};
                    }

                    return closing;
                }
            }
            """;

        [Fact]
        public Task Finally_block_assigning_the_email_to_a_partner_property_is_reported() => Run(
            FinallyProgram.Replace("$DETAIL", "$\"session closed for {s.Email}\""), Min001(0));

        [Fact]
        public Task Finally_block_assigning_the_plan_to_a_partner_property_is_clean() => Run(Unmarked(
            FinallyProgram.Replace("$DETAIL", "$\"session closed for plan {s.Plan}\"")));

        private const string ResultProgram = """
            internal sealed class Onboarding
            {
                private readonly PartnerClient _client = new PartnerClient();

                private static Result<string> Normalize(Subscriber s)
                {
                    if (s.Msisdn.Length < 8)
                    {
                        return Result<string>.Fail($ERROR);
                    }

                    return Result<string>.Ok(Privacy.Last4(s.Msisdn));
                }

                public void Onboard(Subscriber s)
                {
                    Result<string> result = Normalize(s);
                    if (!result.IsOk)
                    {
                        _client.Post({|#0:result.Error|});
                        return;
                    }

                    $AFTER
                }
            }
            """;

        [Fact]
        public Task Error_text_of_an_own_result_built_from_the_msisdn_is_reported() => Run(
            ResultProgram.Replace("$ERROR", "$\"msisdn {s.Msisdn} is too short\"").Replace("$AFTER", "_client.Post(s.Plan);"), Min001(0));

        [Fact]
        public Task Generic_error_text_of_an_own_result_is_clean() => Run(Unmarked(
            ResultProgram.Replace("$ERROR", "$\"msisdn of {s.Id} is too short\"").Replace("$AFTER", "_client.Post(s.Plan);")));

        [Fact]
        public Task Error_text_and_value_of_an_own_result_that_holds_only_a_masked_msisdn_are_clean() => Run(Unmarked(
            ResultProgram.Replace("$ERROR", "\"msisdn is too short\"").Replace("$AFTER", "_client.Post(result.Value!);")));

        private const string OptionProgram = """
            internal sealed class Lookup
            {
                private readonly PartnerClient _client = new PartnerClient();

                private static Option<string> FindContact(Subscriber s)
                {
                    return s.Email.Length > 0 ? Option<string>.Some($CONTACT) : Option<string>.None;
                }

                public void Share(Subscriber s)
                {
                    Option<string> contact = FindContact(s);
                    if (contact.TryGet(out string value))
                    {
                        _client.Post({|#0:value|});
                    }

                    _client.Post(contact.HasValue ? "found" : "missing");
                }
            }
            """;

        [Fact]
        public Task Out_value_of_an_own_option_holding_the_raw_email_is_reported() => Run(
            OptionProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task Out_value_of_an_own_option_holding_a_hashed_email_is_clean() => Run(Unmarked(
            OptionProgram.Replace("$CONTACT", "Privacy.Hash(s.Email)")));

        // =====================================================================================================
        // 4. Branches: early returns, guard clauses, switch statements and expressions.
        // =====================================================================================================

        private const string BranchOverwriteProgram = """
            internal sealed class ConsentShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s, bool consented)
                {
                    string contact = s.Msisdn;
                    $BRANCH
                    _client.Post({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task Variable_overwritten_with_a_minimized_value_on_one_branch_only_is_reported() => Run(
            BranchOverwriteProgram.Replace("$BRANCH", """
                if (!consented)
                        {
                            contact = Privacy.Last4(contact);
                        }
                """), Min001(0));

        [Fact]
        public Task Variable_overwritten_on_both_branches_is_clean() => Run(Unmarked(
            BranchOverwriteProgram.Replace("$BRANCH", """
                if (consented)
                        {
                            contact = Privacy.Last4(contact);
                        }
                        else
                        {
                            contact = "withheld";
                        }
                """)));

        private const string EarlyReturnProgram = """
            internal sealed class Notification
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task NotifyAsync(Guid id, ISubscriberStore store, bool consented, CancellationToken ct)
                {
                    Subscriber s = await store.FindAsync(id, ct).ConfigureAwait(false);
                    if (s.Tier == 0)
                    {
                        return;
                    }

                    if (!consented)
                    {
                        await _client.PostAsync(Privacy.Hash(s.Email), ct).ConfigureAwait(false);
                        return;
                    }

                    await _client.PostAsync({|#0:$CONSENTED|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Raw_email_sent_only_on_the_branch_after_two_early_returns_is_reported() => Run(
            EarlyReturnProgram.Replace("$CONSENTED", "s.Email"), Min001(0));

        [Fact]
        public Task Early_returns_with_a_hashed_email_on_every_branch_are_clean() => Run(Unmarked(
            EarlyReturnProgram.Replace("$CONSENTED", "$\"{s.Plan}:{Privacy.Hash(s.Email)}\"")));

        [Fact]
        public Task Guard_clause_testing_the_msisdn_before_posting_constants_and_the_plan_is_clean() => Run("""
            internal sealed class RegionShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s)
                {
                    if (string.IsNullOrWhiteSpace(s.Msisdn) || !s.Msisdn.StartsWith("+44", StringComparison.Ordinal))
                    {
                        return;
                    }

                    _client.Post("uk-subscriber");
                    _client.Post(s.Plan);
                    _client.PostCount(s.Msisdn.Length);
                }
            }
            """);

        private const string SwitchStatementProgram = """
            internal sealed class ModeShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s, ShareMode mode)
                {
                    string payload;
                    switch (mode)
                    {
                        case ShareMode.Full:
                            payload = $FULL;
                            break;
                        case ShareMode.Masked:
                            payload = Privacy.Last4(s.Msisdn);
                            break;
                        default:
                            payload = "withheld";
                            break;
                    }

                    _client.Post({|#0:payload|});
                }
            }
            """;

        [Fact]
        public Task Switch_statement_case_that_assigns_the_raw_msisdn_is_reported_at_the_post_after_it() => Run(
            SwitchStatementProgram.Replace("$FULL", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Switch_statement_whose_every_case_assigns_a_minimized_or_constant_value_is_clean() => Run(Unmarked(
            SwitchStatementProgram.Replace("$FULL", "Privacy.Hash(s.Msisdn)")));

        private const string SwitchExpressionProgram = """
            internal sealed class ModeShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ShareAsync(Subscriber s, ShareMode mode, CancellationToken ct)
                {
                    await _client.PostAsync({|#0:mode switch
                    {
                        ShareMode.Full => $FULL,
                        ShareMode.Masked => Privacy.Hash(s.Email),
                        _ => "withheld",
                    }|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Switch_expression_arm_choosing_the_raw_email_is_reported_on_the_whole_expression() => Run(
            SwitchExpressionProgram.Replace("$FULL", "s.Email"), Min001(0));

        [Fact]
        public Task Switch_expression_whose_every_arm_is_minimized_or_constant_is_clean() => Run(Unmarked(
            SwitchExpressionProgram.Replace("$FULL", "$\"{s.Plan}:{Privacy.Hash(s.Email)}\"")));

        [Fact]
        public Task Switch_expression_on_the_msisdn_whose_arms_are_constant_regions_is_clean() => Run("""
            internal sealed class RegionShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s)
                {
                    string region = s.Msisdn switch
                    {
                        var m when m.StartsWith("+44", StringComparison.Ordinal) => "uk",
                        var m when m.StartsWith("+1", StringComparison.Ordinal) => "nanp",
                        _ => "other",
                    };
                    _client.Post(region);
                }
            }
            """);

        private const string TypeSwitchProgram = """
            internal abstract class AccountEvent
            {
                [NonIdentifying] public Guid SubscriberId { get; set; }
            }

            internal sealed class PlanChanged : AccountEvent
            {
                public string NewPlan { get; set; } = "";
            }

            internal sealed class ContactChanged : AccountEvent
            {
                [IdentityBearing(IdentityCategory.Email)] public string NewEmail { get; set; } = "";
            }

            internal sealed class EventForwarder
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Forward(AccountEvent evt)
                {
                    switch (evt)
                    {
                        case PlanChanged changed:
                            _client.Post(changed.NewPlan);
                            break;
                        case ContactChanged changed when changed.NewEmail.Length > 0:
                            _client.Post({|#0:$EMAIL|});
                            break;
                        default:
                            _client.Post(evt.SubscriberId.ToString());
                            break;
                    }
                }
            }
            """;

        [Fact]
        public Task Type_pattern_switch_posting_the_new_email_in_one_case_is_reported_there_only() => Run(
            TypeSwitchProgram.Replace("$EMAIL", "changed.NewEmail"), Min001(0));

        [Fact]
        public Task Type_pattern_switch_posting_the_hashed_new_email_is_clean() => Run(Unmarked(
            TypeSwitchProgram.Replace("$EMAIL", "Privacy.Hash(changed.NewEmail)")));

        // =====================================================================================================
        // 5. Loops: break, continue and a value carried to the next iteration.
        // =====================================================================================================

        private const string LoopBreakProgram = """
            internal sealed class Picker
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void ShareFirstPremium(IReadOnlyList<Subscriber> subscribers)
                {
                    string? chosen = null;
                    foreach (Subscriber s in subscribers)
                    {
                        if (s.Tier < 3)
                        {
                            continue;
                        }

                        chosen = $CHOSEN;
                        break;
                    }

                    if (chosen is not null)
                    {
                        _client.Post({|#0:chosen|});
                    }
                }
            }
            """;

        [Fact]
        public Task Msisdn_chosen_in_a_loop_and_carried_out_by_break_is_reported() => Run(
            LoopBreakProgram.Replace("$CHOSEN", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Masked_msisdn_chosen_in_a_loop_and_carried_out_by_break_is_clean() => Run(Unmarked(
            LoopBreakProgram.Replace("$CHOSEN", "Privacy.Last4(s.Msisdn)")));

        private const string LoopCarriedProgram = """
            internal sealed class Chain
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void ShareLinks(IReadOnlyList<Subscriber> subscribers)
                {
                    string previous = "start";
                    for (int i = 0; i < subscribers.Count; i++)
                    {
                        if (subscribers[i].Tier == 0)
                        {
                            continue;
                        }

                        _client.Post({|#0:previous|});
                        previous = $NEXT;
                    }
                }
            }
            """;

        [Fact]
        public Task Value_assigned_at_the_end_of_one_iteration_and_posted_in_the_next_is_reported() => Run(
            LoopCarriedProgram.Replace("$NEXT", "subscribers[i].Msisdn"), Min001(0));

        [Fact]
        public Task Hashed_value_carried_to_the_next_iteration_is_clean() => Run(Unmarked(
            LoopCarriedProgram.Replace("$NEXT", "Privacy.Hash(subscribers[i].Msisdn)")));

        [Fact]
        public Task While_loop_that_overwrites_the_raw_value_before_every_post_is_clean() => Run("""
            internal sealed class Drain
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void ShareAll(Queue<Subscriber> pending)
                {
                    while (pending.Count > 0)
                    {
                        Subscriber s = pending.Dequeue();
                        string contact = s.Msisdn;
                        if (contact.Length == 0)
                        {
                            break;
                        }

                        contact = Privacy.Last4(contact);
                        _client.Post(contact);
                    }
                }
            }
            """);

        // =====================================================================================================
        // 6. ?:, ??, ??= and ?. choosing between raw and minimized values; overwrite before or after the send.
        // =====================================================================================================

        private const string TernaryProgram = """
            internal sealed class TernaryShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s, bool masked)
                {
                    string contact = masked ? Privacy.Last4(s.Msisdn) : $OTHER;
                    _client.Post({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task Ternary_with_the_raw_msisdn_in_one_branch_is_reported() => Run(
            TernaryProgram.Replace("$OTHER", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Ternary_choosing_between_a_masked_msisdn_and_a_constant_is_clean() => Run(Unmarked(
            TernaryProgram.Replace("$OTHER", "\"withheld\"")));

        private const string TernaryOverwriteProgram = """
            internal sealed class TernaryOverwrite
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s)
                {
                    string phone = s.Msisdn;
                    phone = phone.Length > 4 ? Privacy.Last4(phone) : $SHORT;
                    _client.Post({|#0:phone|});
                }
            }
            """;

        [Fact]
        public Task Ternary_assignment_that_keeps_the_raw_value_in_one_branch_is_reported() => Run(
            TernaryOverwriteProgram.Replace("$SHORT", "phone"), Min001(0));

        [Fact]
        public Task Ternary_assignment_that_overwrites_the_variable_with_a_minimized_value_or_a_constant_is_clean() => Run(Unmarked(
            TernaryOverwriteProgram.Replace("$SHORT", "\"short\"")));

        private const string CoalesceProgram = """
            internal sealed class DisplayShare
            {
                private readonly Dictionary<Guid, string> _aliases = new Dictionary<Guid, string>();
                private readonly PartnerClient _client = new PartnerClient();

                public void Register(Guid id, string alias) => _aliases[id] = alias;

                public void Share(Subscriber s)
                {
                    string? alias = _aliases.GetValueOrDefault(s.Id);
                    string display = alias ?? $FALLBACK;
                    _client.Post({|#0:display|});
                }
            }
            """;

        [Fact]
        public Task Null_coalescing_fallback_to_the_raw_name_is_reported() => Run(
            CoalesceProgram.Replace("$FALLBACK", "s.Name"), Min001(0));

        [Fact]
        public Task Null_coalescing_fallback_to_the_hashed_name_is_clean() => Run(Unmarked(
            CoalesceProgram.Replace("$FALLBACK", "Privacy.Hash(s.Name)")));

        private const string CoalesceAssignProgram = """
            internal sealed class CoalesceAssignShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s)
                {
                    string? contact = $INITIAL;
                    contact ??= Privacy.Last4(s.Msisdn);
                    _client.Post({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task Null_coalescing_assignment_that_keeps_an_existing_raw_email_is_reported() => Run(
            CoalesceAssignProgram.Replace("$INITIAL", "s.Email.Length > 0 ? s.Email : null"), Min001(0));

        [Fact]
        public Task Null_coalescing_assignment_over_a_hashed_or_null_value_is_clean() => Run(Unmarked(
            CoalesceAssignProgram.Replace("$INITIAL", "s.Email.Length > 0 ? Privacy.Hash(s.Email) : null")));

        private const string NullConditionalProgram = """
            internal sealed class MaybeShare
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public MaybeShare(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                public async Task ShareAsync(Guid id, CancellationToken ct)
                {
                    Subscriber? s = await _store.TryFindAsync(id, ct).ConfigureAwait(false);
                    await _client.PostAsync({|#0:$VALUE ?? "unknown"|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Null_conditional_email_with_a_constant_default_is_reported_on_the_whole_argument() => Run(
            NullConditionalProgram.Replace("$VALUE", "s?.Email"), Min001(0));

        [Fact]
        public Task Null_conditional_plan_with_a_constant_default_is_clean() => Run(Unmarked(
            NullConditionalProgram.Replace("$VALUE", "s?.Plan")));

        private const string OverwriteOrderProgram = """
            internal sealed class OrderShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ShareAsync(Subscriber s, CancellationToken ct)
                {
                    string contact = s.Email;
                    $FIRST
                    $SECOND
                }
            }
            """;

        [Fact]
        public Task Variable_posted_before_it_is_overwritten_with_a_hash_is_reported() => Run(
            OverwriteOrderProgram
                .Replace("$FIRST", "await _client.PostAsync({|#0:contact|}, ct).ConfigureAwait(false);")
                .Replace("$SECOND", "contact = Privacy.Hash(contact);"), Min001(0));

        [Fact]
        public Task Variable_overwritten_with_a_hash_before_it_is_posted_is_clean() => Run(
            OverwriteOrderProgram
                .Replace("$FIRST", "contact = Privacy.Hash(contact);")
                .Replace("$SECOND", "await _client.PostAsync(contact, ct).ConfigureAwait(false);"));

        // =====================================================================================================
        // 7. out and ref parameters.
        // =====================================================================================================

        private const string OutProgram = """
            internal sealed class OutShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                private static bool TryNormalize(string raw, out string normalized)
                {
                    normalized = raw.Replace(" ", "").Replace("-", "");
                    return normalized.Length >= 4;
                }

                public void Share(Subscriber s)
                {
                    if (TryNormalize($INPUT, out string normalized))
                    {
                        _client.Post({|#0:normalized|});
                    }
                }
            }
            """;

        [Fact]
        public Task Out_parameter_carrying_the_normalized_raw_msisdn_back_is_reported() => Run(
            OutProgram.Replace("$INPUT", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Out_parameter_carrying_back_a_normalized_masked_msisdn_is_clean() => Run(Unmarked(
            OutProgram.Replace("$INPUT", "Privacy.Last4(s.Msisdn)")));

        private const string RefProgram = """
            internal sealed class RefShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                private static void Tidy(ref string value)
                {
                    value = value.Trim().ToLowerInvariant();
                }

                private static void Scrub(ref string value)
                {
                    value = Privacy.Hash(value);
                }

                public void Share(Subscriber s)
                {
                    string contact = s.Email;
                    $CALL(ref contact);
                    _client.Post({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task Ref_parameter_only_tidied_in_place_still_carries_the_email_back() => Run(
            RefProgram.Replace("$CALL", "Tidy"), Min001(0));

        [Fact]
        public Task Ref_parameter_hashed_in_place_overwrites_the_callers_variable() => Run(Unmarked(
            RefProgram.Replace("$CALL", "Scrub")));

        // =====================================================================================================
        // 8. Local functions, sync and async.
        // =====================================================================================================

        private const string LocalFunctionProgram = """
            internal sealed class Describer
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s, bool detailed)
                {
                    _client.Post({|#0:Describe()|});

                    string Describe() => detailed ? $"{s.Plan}:{$DETAIL}" : s.Plan;
                }
            }
            """;

        [Fact]
        public Task Local_function_capturing_the_subscriber_and_returning_the_msisdn_is_reported_at_its_call() => Run(
            LocalFunctionProgram.Replace("$DETAIL", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Local_function_capturing_the_subscriber_and_returning_the_masked_msisdn_is_clean() => Run(Unmarked(
            LocalFunctionProgram.Replace("$DETAIL", "Privacy.Last4(s.Msisdn)")));

        private const string AsyncLocalFunctionProgram = """
            internal sealed class LocalSender
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ShareAllAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken ct)
                {
                    foreach (Subscriber s in subscribers)
                    {
                        await SendAsync({|#0:$BODY|}).ConfigureAwait(false);
                    }

                    async Task SendAsync(string body)
                    {
                        await _client.PostAsync(body, ct).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Async_local_function_forwarding_its_string_parameter_is_reported_at_the_callers_argument() => Run(
            AsyncLocalFunctionProgram.Replace("$BODY", "s.Email"), Min001(0));

        [Fact]
        public Task Async_local_function_given_a_hashed_email_is_clean() => Run(Unmarked(
            AsyncLocalFunctionProgram.Replace("$BODY", "Privacy.Hash(s.Email)")));

        private const string AsyncLocalSubscriberProgram = """
            internal sealed class LocalSubscriberSender
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ShareAllAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken ct)
                {
                    foreach (Subscriber s in subscribers)
                    {
                        await SendAsync(s).ConfigureAwait(false);
                    }

                    async Task SendAsync(Subscriber subscriber)
                    {
                        await _client.PostAsync({|#0:$BODY|}, ct).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Async_local_function_with_a_subscriber_parameter_is_reported_inside_at_its_own_post() => Run(
            AsyncLocalSubscriberProgram.Replace("$BODY", "subscriber.Name"), Min001(0));

        [Fact]
        public Task Async_local_function_with_a_subscriber_parameter_posting_its_plan_is_clean() => Run(Unmarked(
            AsyncLocalSubscriberProgram.Replace("$BODY", "subscriber.Plan")));

        // =====================================================================================================
        // 9. Iterators and async iterators.
        // =====================================================================================================

        private const string IteratorProgram = """
            internal static class CsvExport
            {
                public static IEnumerable<string> Lines(IEnumerable<Subscriber> subscribers)
                {
                    yield return "id;contact";
                    foreach (Subscriber s in subscribers)
                    {
                        if (s.Tier == 0)
                        {
                            continue;
                        }

                        if (s.Plan == "closed")
                        {
                            yield break;
                        }

                        yield return $"{s.Id};{$CONTACT}";
                    }
                }
            }

            internal sealed class CsvShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(IEnumerable<Subscriber> subscribers)
                {
                    foreach (string line in CsvExport.Lines(subscribers))
                    {
                        _client.Post({|#0:line|});
                    }
                }
            }
            """;

        [Fact]
        public Task Lines_yielded_by_an_iterator_with_the_msisdn_are_reported_where_each_is_posted() => Run(
            IteratorProgram.Replace("$CONTACT", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Lines_yielded_by_an_iterator_with_the_plan_are_clean() => Run(Unmarked(
            IteratorProgram.Replace("$CONTACT", "s.Plan")));

        private const string AsyncIteratorProgram = """
            internal sealed class StreamShare
            {
                private readonly ISubscriberStore _store;
                private readonly PartnerClient _client;

                public StreamShare(ISubscriberStore store, PartnerClient client)
                {
                    _store = store;
                    _client = client;
                }

                private async IAsyncEnumerable<string> ContactsAsync([EnumeratorCancellation] CancellationToken ct = default)
                {
                    await foreach (Subscriber s in _store.StreamAsync(ct).ConfigureAwait(false))
                    {
                        if (s.Tier < 1)
                        {
                            continue;
                        }

                        yield return $CONTACT;
                    }
                }

                public async Task PushAsync(CancellationToken ct)
                {
                    await foreach (string contact in ContactsAsync().WithCancellation(ct).ConfigureAwait(false))
                    {
                        await _client.PostAsync({|#0:contact|}, ct).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Emails_yielded_by_an_async_iterator_and_consumed_with_await_foreach_are_reported() => Run(
            AsyncIteratorProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task Hashed_emails_yielded_by_an_async_iterator_are_clean() => Run(Unmarked(
            AsyncIteratorProgram.Replace("$CONTACT", "Privacy.Hash(s.Email)")));

        // =====================================================================================================
        // 10. using and await using.
        // =====================================================================================================

        private const string AwaitUsingProgram = """
            internal sealed class PartnerSession : IAsyncDisposable
            {
                private readonly PartnerClient _client;
                private int _sent;

                public PartnerSession(PartnerClient client) { _client = client; }

                public async Task SendAsync(string body, CancellationToken ct)
                {
                    await _client.PostAsync(body, ct).ConfigureAwait(false);
                    _sent++;
                }

                public ValueTask DisposeAsync()
                {
                    _client.PostCount(_sent);
                    return ValueTask.CompletedTask;
                }
            }

            internal sealed class SessionShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ShareAsync(Subscriber s, CancellationToken ct)
                {
                    await using (var session = new PartnerSession(_client))
                    {
                        await session.SendAsync({|#0:$BODY|}, ct).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Await_using_session_forwarding_the_raw_msisdn_is_reported_at_the_callers_argument() => Run(
            AwaitUsingProgram.Replace("$BODY", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Await_using_session_forwarding_the_masked_msisdn_and_disposing_with_a_count_is_clean() => Run(Unmarked(
            AwaitUsingProgram.Replace("$BODY", "Privacy.Last4(s.Msisdn)")));

        private const string UsingWriterProgram = """
            internal sealed class WriterShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public void Share(Subscriber s)
                {
                    using (var writer = new StringWriter())
                    {
                        writer.Write("plan=");
                        writer.Write(s.Plan);
                        writer.Write(";contact=");
                        writer.Write($CONTACT);
                        _client.Post({|#0:writer.ToString()|});
                    }
                }
            }
            """;

        [Fact]
        public Task String_writer_in_a_using_block_filled_with_the_email_is_reported() => Run(
            UsingWriterProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task String_writer_in_a_using_block_filled_with_the_hashed_email_is_clean() => Run(Unmarked(
            UsingWriterProgram.Replace("$CONTACT", "Privacy.Hash(s.Email)")));

        // =====================================================================================================
        // 11. Cancellation tokens carry nothing.
        // =====================================================================================================

        private const string LinkedTokenProgram = """
            internal sealed class TimedShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ShareAsync([IdentityBearing(IdentityCategory.Phone)] string msisdn, CancellationToken ct)
                {
                    using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    cts.CancelAfter(TimeSpan.FromSeconds(5));
                    await _client.PostAsync({|#0:$BODY|}, cts.Token).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Identity_bearing_parameter_posted_with_a_linked_token_is_reported_at_the_body_only() => Run(
            LinkedTokenProgram.Replace("$BODY", "msisdn"), Min001(0));

        [Fact]
        public Task Linked_cancellation_token_passed_to_a_method_wide_sink_beside_a_masked_body_is_clean() => Run(Unmarked(
            LinkedTokenProgram.Replace("$BODY", "Privacy.Last4(msisdn)")));

        private const string ParallelProgram = """
            internal sealed class ParallelShare
            {
                private readonly PartnerClient _client = new PartnerClient();

                public async Task ShareAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken ct)
                {
                    await Parallel.ForEachAsync(subscribers, ct, async (s, token) =>
                    {
                        await _client.PostAsync({|#0:$BODY|}, token).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Parallel_ForEachAsync_body_posting_each_elements_email_is_reported() => Run(
            ParallelProgram.Replace("$BODY", "s.Email"), Min001(0));

        [Fact]
        public Task Parallel_ForEachAsync_body_posting_a_hash_with_the_handed_token_is_clean() => Run(Unmarked(
            ParallelProgram.Replace("$BODY", "Privacy.Hash(s.Email)")));

        [Fact]
        public Task Token_passed_along_an_async_chain_beside_an_identity_bearing_argument_is_clean() => Run("""
            internal sealed class TokenChain
            {
                private readonly PartnerClient _client = new PartnerClient();

                private async Task ForwardAsync(string body, CancellationToken ct)
                {
                    await Task.Yield();
                    ct.ThrowIfCancellationRequested();
                    await _client.PostAsync(body, ct).ConfigureAwait(false);
                }

                public async Task ShareAsync(Subscriber s, CancellationToken ct)
                {
                    string local = s.Msisdn;
                    CancellationToken token = ct;
                    await ForwardAsync(Privacy.Last4(local), token).ConfigureAwait(false);
                }
            }
            """);
    }
}
