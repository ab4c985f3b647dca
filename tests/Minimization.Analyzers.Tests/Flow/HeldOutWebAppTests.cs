using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings): how web applications and services built on ASP.NET Core-like patterns hand data to partners,
    /// with the small framework pieces (an <c>HttpContext</c> with <c>User</c> and <c>Items</c>, a route table, a
    /// middleware pipeline, options, a mediator, a memory cache) written inside each program. Controllers with injected
    /// services and body-bound request DTOs, response shaping; minimal-API lambdas registered in a route table and run by
    /// a dispatcher; middleware that stashes identity in <c>context.Items</c> for a later one; decorators and request
    /// filters; options; typed partner clients with <c>async</c>/<c>ConfigureAwait(false)</c>; hosted services draining
    /// queues and channels filled by controllers; mediator handlers found in a dictionary by type; validation results,
    /// exceptions and ProblemDetails; caches. Every positive has a near-miss clean twin (a minimizer, only scalar or
    /// <c>[NonIdentifying]</c> members travelling, or a non-sink parameter). Types are internal so that MIN010 stays out
    /// of the picture.
    /// </summary>
    public class HeldOutWebAppTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>
        /// The web domain every program shares: the signed-in user, the request context, options, the typed partner
        /// client (an ad network), an error tracker (a crash-reporting partner), a partner envelope with a sink property,
        /// the minimizers and a body-bound request DTO with an annotated email.
        /// </summary>
        private const string Header = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal sealed class AppUser
            {
                [NonIdentifying] public Guid Id { get; set; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string DisplayName { get; set; } = "";
                [NonIdentifying] public string Plan { get; set; } = "free";
            }

            internal sealed class HttpContext
            {
                public AppUser? User { get; set; }
                public Dictionary<string, object?> Items { get; } = new Dictionary<string, object?>();
                [IdentityBearing(IdentityCategory.IpAddress)] public string RemoteIp { get; set; } = "";
                public string Path { get; set; } = "/";
                public string TraceId { get; set; } = "";
            }

            internal sealed class Options<T> where T : class
            {
                public Options(T value) { Value = value; }
                public T Value { get; }
            }

            internal sealed class PartnerOptions
            {
                public string Endpoint { get; set; } = "https://ads.example/v1";
                public int TimeoutSeconds { get; set; } = 30;
            }

            internal sealed class PartnerClient
            {
                private readonly PartnerOptions _options;

                public PartnerClient(Options<PartnerOptions> options) { _options = options.Value; }

                [PartnerShare("adnet")]
                public Task PostAsync(string path, string body, CancellationToken ct = default)
                {
                    Console.WriteLine("POST " + path + " (" + body.Length + " chars, timeout " + _options.TimeoutSeconds + ")");
                    return Task.CompletedTask;
                }

                [PartnerShare("adnet")]
                public void Track(string eventName, string subject) { }

                [PartnerShare("adnet")]
                public void TrackCount(string metric, int value) { }

                public Task<string> SearchAsync(string cacheKey, [PartnerShare("adnet")] string term)
                {
                    return Task.FromResult(cacheKey.Length + ":" + term.Length);
                }
            }

            internal sealed class ErrorTracker
            {
                [PartnerShare("crashes")] public void Capture(string message) { }
                [PartnerShare("crashes")] public void CaptureProblem(object problem) { }
            }

            internal sealed class PartnerEnvelope
            {
                public string Kind { get; set; } = "";
                [PartnerShare("adnet")] public string Subject { get; set; } = "";
            }

            internal static class Privacy
            {
                private static readonly byte[] Key = Encoding.UTF8.GetBytes("web-2024");

                [Minimizer]
                public static string Pseudonym(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));
                }

                [Minimizer]
                public static string MaskIp(string ip)
                {
                    int cut = ip.LastIndexOf('.');
                    return cut < 0 ? "0.0.0.0" : ip.Substring(0, cut) + ".0";
                }
            }

            internal sealed record SignupRequest([property: IdentityBearing(IdentityCategory.Email)] string Email, string Campaign, Guid RequestId);

            """;

        // =====================================================================================================
        // 1. Controllers with injected services, body-bound request DTOs, response shaping (Readings 1, 2, 11).
        // =====================================================================================================

        private const string EnrollProgram = """
            internal interface IMarketingService
            {
                Task EnrollAsync(string email, string campaign, CancellationToken ct);
            }

            internal sealed class MarketingService : IMarketingService
            {
                private readonly PartnerClient _client;

                public MarketingService(PartnerClient client) { _client = client; }

                public async Task EnrollAsync(string email, string campaign, CancellationToken ct)
                {
                    await _client.PostAsync("/audiences/" + campaign, email, ct);
                }
            }

            internal sealed class SignupController
            {
                private readonly IMarketingService _marketing;

                public SignupController(IMarketingService marketing) { _marketing = marketing; }

                public async Task<int> Post(SignupRequest body, CancellationToken ct)
                {
                    if (string.IsNullOrWhiteSpace(body.Email))
                    {
                        return 400;
                    }
                    await _marketing.EnrollAsync({|#0:$EMAIL|}, body.Campaign, ct);
                    return 201;
                }
            }
            """;

        [Fact]
        public Task Body_bound_email_forwarded_through_an_injected_marketing_service_is_reported_at_the_controller() => Run(
            EnrollProgram.Replace("$EMAIL", "body.Email"), Min001(0));

        [Fact]
        public Task Body_bound_email_pseudonymized_before_the_injected_marketing_service_is_clean() => Run(Unmarked(
            EnrollProgram.Replace("$EMAIL", "Privacy.Pseudonym(body.Email)")));

        private const string ProfileSyncProgram = """
            internal interface IProfileSync
            {
                Task SyncAsync(AppUser user);
            }

            internal sealed class CrmProfileSync : IProfileSync
            {
                private readonly PartnerClient _client;

                public CrmProfileSync(PartnerClient client) { _client = client; }

                public Task SyncAsync(AppUser user)
                {
                    return _client.PostAsync("/profiles/" + user.Id.ToString("N"), $VALUE);
                }
            }

            internal sealed class AccountController
            {
                private readonly IProfileSync _sync;

                public AccountController(IProfileSync sync) { _sync = sync; }

                public async Task<int> UpdateProfile(HttpContext ctx)
                {
                    AppUser? user = ctx.User;
                    if (user is null)
                    {
                        return 401;
                    }
                    await _sync.SyncAsync(user);
                    return 204;
                }
            }
            """;

        [Fact]
        public Task Signed_in_user_handed_to_an_injected_sync_service_is_reported_inside_at_its_sink() => Run(
            ProfileSyncProgram.Replace("$VALUE", "{|#0:user.DisplayName + \";\" + user.Plan|}"), Min001(0));

        [Fact]
        public Task Injected_sync_service_sending_only_the_non_identifying_plan_is_clean() => Run(
            ProfileSyncProgram.Replace("$VALUE", "user.Plan"));

        private const string ResponseProgram = """
            internal sealed class ProfileResponse
            {
                public Guid Id { get; set; }
                public string Email { get; set; } = "";
                public string Plan { get; set; } = "";
            }

            internal interface IAnalytics
            {
                void Capture(string route, object payload);
            }

            internal sealed class PartnerAnalytics : IAnalytics
            {
                private readonly PartnerClient _client;

                public PartnerAnalytics(PartnerClient client) { _client = client; }

                public void Capture(string route, object payload)
                {
                    _client.Track(route, JsonSerializer.Serialize(payload));
                }
            }

            internal sealed class ProfileController
            {
                private readonly IAnalytics _analytics;

                public ProfileController(IAnalytics analytics) { _analytics = analytics; }

                public ProfileResponse Get(HttpContext ctx)
                {
                    AppUser user = ctx.User ?? new AppUser();
                    var response = new ProfileResponse { Id = user.Id, Email = user.Email, Plan = user.Plan };
                    _analytics.Capture("profile.get", $PAYLOAD);
                    return response;
                }
            }
            """;

        [Fact]
        public Task Shaped_response_holding_the_email_sent_to_injected_analytics_is_reported_at_the_controller() => Run(
            ResponseProgram.Replace("$PAYLOAD", "{|#0:response|}"), Min001(0));

        [Fact]
        public Task Analytics_payload_built_from_the_response_guid_and_the_user_plan_is_clean() => Run(
            // response.Id is a Guid read from a container (Reading 11: a scalar member is clean); user.Plan is [NonIdentifying].
            ResponseProgram.Replace("$PAYLOAD", "new { response.Id, user.Plan, Status = 200 }"));

        // =====================================================================================================
        // 2. Minimal-API style: lambdas registered in a route table and run later by a dispatcher (Readings 4, 2).
        // =====================================================================================================

        private const string RoutesProgram = """
            internal sealed class RouteTable
            {
                private readonly Dictionary<string, Func<HttpContext, Task<int>>> _routes = new Dictionary<string, Func<HttpContext, Task<int>>>();

                public void Map(string path, Func<HttpContext, Task<int>> handler)
                {
                    _routes[path] = handler;
                }

                public void MapPost<TBody>(string path, Func<TBody, Task<int>> handler) where TBody : class
                {
                    _routes[path] = ctx => handler((TBody)ctx.Items["body"]!);
                }

                public Task<int> DispatchAsync(HttpContext ctx)
                {
                    return _routes.TryGetValue(ctx.Path, out var handler) ? handler(ctx) : Task.FromResult(404);
                }
            }

            internal static class Server
            {
                public static Task<int> HandleAsync(RouteTable routes, HttpContext ctx, string json)
                {
                    if (ctx.Path == "/signup")
                    {
                        ctx.Items["body"] = JsonSerializer.Deserialize<SignupRequest>(json);
                    }
                    return routes.DispatchAsync(ctx);
                }
            }

            internal static class Startup
            {
                public static RouteTable Configure(PartnerClient client, AppUser owner)
                {
                    var routes = new RouteTable();
                    routes.Map("/me/seen", ctx =>
                    {
                        client.Track("seen", $SEEN);
                        return Task.FromResult(204);
                    });
                    routes.MapPost<SignupRequest>("/signup", body =>
                    {
                        client.Track("signup", $SIGNUP);
                        return Task.FromResult(201);
                    });
                    string contact = $CONTACT;
                    routes.Map("/support", ctx =>
                    {
                        client.Track("support.opened", $SUPPORT);
                        return Task.FromResult(202);
                    });
                    return routes;
                }
            }
            """;

        private static string Routes(string seen = "ctx.User!.Plan", string signup = "body.Campaign", string contact = "Privacy.Pseudonym(owner.Email)", string support = "contact")
            => RoutesProgram.Replace("$SEEN", seen).Replace("$SIGNUP", signup).Replace("$CONTACT", contact).Replace("$SUPPORT", support);

        [Fact]
        public Task Route_lambdas_sending_the_plan_the_campaign_and_a_pseudonymized_contact_are_clean() => Run(Routes());

        [Fact]
        public Task Route_lambda_reading_the_signed_in_users_email_from_the_context_is_reported_inside_it() => Run(Routes(
            seen: "{|#0:ctx.User!.Email|}"), Min001(0));

        [Fact]
        public Task Route_lambda_sending_the_annotated_email_of_the_bound_body_is_reported_inside_it() => Run(Routes(
            signup: "{|#0:body.Email|}"), Min001(0));

        [Fact]
        public Task Route_lambda_capturing_the_raw_owner_email_at_startup_is_reported_where_it_runs() => Run(Routes(
            contact: "owner.Email", support: "{|#0:contact|}"), Min001(0));

        private const string CommandsProgram = """
            internal sealed class CommandTable
            {
                private readonly Dictionary<string, Func<string, Task>> _commands = new Dictionary<string, Func<string, Task>>();

                public void On(string name, Func<string, Task> handler)
                {
                    _commands[name] = handler;
                }

                public Task RunAsync(string name, string argument)
                {
                    return _commands.TryGetValue(name, out var handler) ? handler(argument) : Task.CompletedTask;
                }
            }

            internal static class Startup
            {
                public static CommandTable Configure(PartnerClient client)
                {
                    var commands = new CommandTable();
                    commands.On("notify", who => client.PostAsync("/notify", {|#1:who|}));
                    return commands;
                }
            }

            internal sealed class NotifyController
            {
                private readonly CommandTable _commands;

                public NotifyController(CommandTable commands) { _commands = commands; }

                public async Task<int> Post(HttpContext ctx)
                {
                    AppUser user = ctx.User ?? new AppUser();
                    await _commands.RunAsync("notify", {|#0:$ARG|});
                    return 202;
                }
            }
            """;

        [Fact]
        public Task Email_handed_to_a_stored_command_lambda_by_the_dispatcher_is_reported_once() => CheckOnceAtOneOf(Complete(
            // The place is open: the dispatcher's argument (#0, outermost, if the stored delegate counts as a further call
            // inside the compilation) or the sink argument inside the lambda (#1, if storing it ends the chain as in Reading 4).
            CommandsProgram.Replace("$ARG", "user.Email")), 0, 1);

        [Fact]
        public Task User_guid_handed_to_a_stored_command_lambda_is_clean() => Run(Unmarked(
            CommandsProgram.Replace("$ARG", "user.Id.ToString(\"N\")")));

        // =====================================================================================================
        // 3. Middleware pipelines: Func<HttpContext, Func<Task>, Task> chains and context.Items (Readings 4, 5).
        // =====================================================================================================

        private const string PipelineTypes = """
            internal sealed class Pipeline
            {
                private readonly List<Func<HttpContext, Func<Task>, Task>> _middleware = new List<Func<HttpContext, Func<Task>, Task>>();

                public Pipeline Use(Func<HttpContext, Func<Task>, Task> middleware)
                {
                    _middleware.Add(middleware);
                    return this;
                }

                public Task RunAsync(HttpContext ctx)
                {
                    return InvokeAt(0, ctx);
                }

                private Task InvokeAt(int index, HttpContext ctx)
                {
                    return index < _middleware.Count ? _middleware[index](ctx, () => InvokeAt(index + 1, ctx)) : Task.CompletedTask;
                }
            }

            internal static class Server
            {
                public static Task ServeAsync(Pipeline pipeline, HttpContext ctx)
                {
                    return pipeline.RunAsync(ctx);
                }
            }

            """;

        private const string StashProgram = PipelineTypes + """
            internal static class App
            {
                public static Pipeline Build(PartnerClient client)
                {
                    return new Pipeline()
                        .Use(async (ctx, next) =>
                        {
                            if (ctx.User is { } user)
                            {
                                ctx.Items["user"] = $STASH;
                            }
                            await next();
                        })
                        .Use(async (ctx, next) =>
                        {
                            await next();
                            if (ctx.Items.TryGetValue("user", out object? who) && who is string subject)
                            {
                                await client.PostAsync("/audience/seen", {|#0:subject|});
                            }
                        });
                }
            }
            """;

        [Fact]
        public Task Email_stashed_in_context_items_by_middleware_and_sent_by_a_later_one_is_reported() => Run(
            StashProgram.Replace("$STASH", "user.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_stashed_in_context_items_by_middleware_and_sent_by_a_later_one_is_clean() => Run(Unmarked(
            StashProgram.Replace("$STASH", "Privacy.Pseudonym(user.Email)")));

        [Fact]
        public Task Email_kept_in_a_middlewares_own_dictionary_while_a_later_one_reads_context_items_is_clean() => Run(Unmarked(
            StashProgram.Replace("ctx.Items[\"user\"] = $STASH;", "var scratch = new Dictionary<string, object?>(); scratch[\"user\"] = user.Email; ctx.Items[\"plan\"] = user.Plan;")));

        private const string RequestLogProgram = PipelineTypes + """
            internal static class App
            {
                public static Pipeline Build(PartnerClient client)
                {
                    return new Pipeline()
                        .Use(async (ctx, next) =>
                        {
                            DateTime started = DateTime.UtcNow;
                            await next();
                            client.TrackCount("request.ms:" + ctx.Path, (int)(DateTime.UtcNow - started).TotalMilliseconds);
                            client.Track("request:" + ctx.Path, {|#0:$IP|});
                        });
                }
            }
            """;

        [Fact]
        public Task Request_logging_middleware_sending_the_remote_ip_is_reported() => Run(
            RequestLogProgram.Replace("$IP", "ctx.RemoteIp"), Min001(0));

        [Fact]
        public Task Request_logging_middleware_sending_the_masked_remote_ip_is_clean() => Run(Unmarked(
            RequestLogProgram.Replace("$IP", "Privacy.MaskIp(ctx.RemoteIp)")));

        private const string ClassMiddlewareProgram = PipelineTypes + """
            internal sealed class AudienceMiddleware
            {
                private readonly PartnerClient _client;

                public AudienceMiddleware(PartnerClient client) { _client = client; }

                public async Task InvokeAsync(HttpContext ctx, Func<Task> next)
                {
                    await next();
                    if (ctx.Items.TryGetValue("audience", out object? value) && value is string audience)
                    {
                        await _client.PostAsync("/audience", {|#0:audience|});
                    }
                }
            }

            internal static class App
            {
                public static Pipeline Build(PartnerClient client)
                {
                    var audience = new AudienceMiddleware(client);
                    return new Pipeline()
                        .Use(async (ctx, next) =>
                        {
                            ctx.Items["audience"] = $STASH;
                            await next();
                        })
                        .Use(audience.InvokeAsync);
                }
            }
            """;

        [Fact]
        public Task Email_stashed_by_a_lambda_and_sent_by_a_method_group_middleware_class_is_reported_inside_the_class() => Run(
            ClassMiddlewareProgram.Replace("$STASH", "ctx.User?.Email ?? \"anonymous\""), Min001(0));

        [Fact]
        public Task Plan_stashed_by_a_lambda_and_sent_by_a_method_group_middleware_class_is_clean() => Run(Unmarked(
            ClassMiddlewareProgram.Replace("$STASH", "ctx.User?.Plan ?? \"anonymous\"")));

        private const string PrincipalProgram = PipelineTypes + """
            internal static class App
            {
                public static Pipeline Build(PartnerClient client)
                {
                    return new Pipeline()
                        .Use(async (ctx, next) =>
                        {
                            ctx.Items["principal"] = ctx.User;
                            await next();
                        })
                        .Use(async (ctx, next) =>
                        {
                            await next();
                            if (ctx.Items["principal"] is AppUser principal)
                            {
                                client.Track("plan", $VALUE);
                            }
                        });
                }
            }
            """;

        [Fact]
        public Task Principal_stashed_in_context_items_whose_display_name_a_later_middleware_sends_is_reported() => Run(
            PrincipalProgram.Replace("$VALUE", "{|#0:principal.DisplayName|}"), Min001(0));

        [Fact]
        public Task Principal_stashed_in_context_items_whose_non_identifying_plan_a_later_middleware_sends_is_clean() => Run(
            PrincipalProgram.Replace("$VALUE", "principal.Plan"));

        // =====================================================================================================
        // 4. Decorators and request filters implementing the same interface as what they wrap (Reading 1).
        // =====================================================================================================

        private const string NotifierTypes = """
            internal interface INotifier
            {
                Task NotifyAsync(string recipient, string message);
            }

            internal sealed class PartnerNotifier : INotifier
            {
                private readonly PartnerClient _client;

                public PartnerNotifier(PartnerClient client) { _client = client; }

                public Task NotifyAsync(string recipient, string message)
                {
                    return _client.PostAsync("/notify", recipient + "|" + message);
                }
            }

            """;

        private const string DecoratorChainProgram = NotifierTypes + """
            internal sealed class RetryingNotifier : INotifier
            {
                private readonly INotifier _inner;

                public RetryingNotifier(INotifier inner) { _inner = inner; }

                public async Task NotifyAsync(string recipient, string message)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await _inner.NotifyAsync(recipient, message).ConfigureAwait(false);
                            return;
                        }
                        catch (TimeoutException) when (attempt < 3)
                        {
                            await Task.Delay(100 * attempt).ConfigureAwait(false);
                        }
                    }
                }
            }

            internal sealed class LoggingNotifier : INotifier
            {
                private readonly INotifier _inner;

                public LoggingNotifier(INotifier inner) { _inner = inner; }

                public Task NotifyAsync(string recipient, string message)
                {
                    Console.WriteLine("notify: " + message.Length + " chars");
                    return _inner.NotifyAsync(recipient, message);
                }
            }

            internal sealed class WelcomeController
            {
                private readonly INotifier _notifier;

                public WelcomeController(INotifier notifier) { _notifier = notifier; }

                public async Task<int> Welcome(HttpContext ctx)
                {
                    AppUser? user = ctx.User;
                    if (user is null)
                    {
                        return 401;
                    }
                    await _notifier.NotifyAsync({|#0:$RECIPIENT|}, "welcome to " + user.Plan);
                    return 200;
                }
            }

            internal static class Composition
            {
                public static WelcomeController Create(PartnerClient client)
                {
                    return new WelcomeController(new LoggingNotifier(new RetryingNotifier(new PartnerNotifier(client))));
                }
            }
            """;

        [Fact]
        public Task Email_passed_through_logging_and_retrying_decorators_to_the_partner_notifier_is_reported_at_the_controller() => Run(
            DecoratorChainProgram.Replace("$RECIPIENT", "user.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_passed_through_logging_and_retrying_decorators_is_clean() => Run(Unmarked(
            DecoratorChainProgram.Replace("$RECIPIENT", "Privacy.Pseudonym(user.Email)")));

        private const string KnownDecoratorProgram = NotifierTypes + """
            internal sealed class AuditingNotifier : INotifier
            {
                private readonly INotifier _inner;

                public AuditingNotifier(INotifier inner) { _inner = inner; }

                public Task NotifyAsync(string recipient, string message)
                {
                    Console.WriteLine("audit: " + message);
                    return _inner.NotifyAsync(recipient, message);
                }
            }

            internal sealed class PseudonymizingNotifier : INotifier
            {
                private readonly INotifier _inner;

                public PseudonymizingNotifier(INotifier inner) { _inner = inner; }

                public Task NotifyAsync(string recipient, string message)
                {
                    return _inner.NotifyAsync(Privacy.Pseudonym(recipient), message);
                }
            }

            internal static class Newsletter
            {
                public static async Task SendIssueAsync(PartnerClient client, AppUser user)
                {
                    var notifier = new $DECORATOR(new PartnerNotifier(client));
                    await notifier.NotifyAsync({|#0:user.Email|}, "issue 42");
                }
            }
            """;

        [Fact]
        public Task Email_sent_through_a_known_auditing_decorator_is_reported_at_the_caller() => Run(
            KnownDecoratorProgram.Replace("$DECORATOR", "AuditingNotifier"), Min001(0));

        [Fact]
        public Task Email_sent_through_a_known_pseudonymizing_decorator_is_clean() => Run(Unmarked(
            // Reading 1: the receiver's type is known (a local created with new PseudonymizingNotifier), so the callee is
            // that decorator only, which minimizes before forwarding; the auditing decorator is never handed the email.
            KnownDecoratorProgram.Replace("$DECORATOR", "PseudonymizingNotifier")));

        private const string FilterProgram = """
            internal interface IEndpointFilter
            {
                Task<int> InvokeAsync(HttpContext ctx, Func<HttpContext, Task<int>> next);
            }

            internal sealed class ErrorReportingFilter : IEndpointFilter
            {
                private readonly ErrorTracker _tracker;

                public ErrorReportingFilter(ErrorTracker tracker) { _tracker = tracker; }

                public async Task<int> InvokeAsync(HttpContext ctx, Func<HttpContext, Task<int>> next)
                {
                    try
                    {
                        return await next(ctx);
                    }
                    catch (Exception ex)
                    {
                        _tracker.Capture($MESSAGE);
                        return 500;
                    }
                }
            }

            internal sealed class FilteredEndpoint
            {
                private readonly IEndpointFilter _filter;
                private readonly Func<HttpContext, Task<int>> _handler;

                public FilteredEndpoint(IEndpointFilter filter, Func<HttpContext, Task<int>> handler)
                {
                    _filter = filter;
                    _handler = handler;
                }

                public Task<int> HandleAsync(HttpContext ctx)
                {
                    return _filter.InvokeAsync(ctx, _handler);
                }
            }
            """;

        [Fact]
        public Task Error_filter_capturing_the_signed_in_users_email_is_reported() => Run(
            FilterProgram.Replace("$MESSAGE", "{|#0:$\"{ex.GetType().Name} for {ctx.User?.Email}\"|}"), Min001(0));

        [Fact]
        public Task Error_filter_capturing_the_exception_type_and_trace_id_is_clean() => Run(
            FilterProgram.Replace("$MESSAGE", "$\"{ex.GetType().Name} trace {ctx.TraceId}\""));

        // =====================================================================================================
        // 5. Options: a partner endpoint and a timeout are clean; an annotated option or one configured from identity is not.
        // =====================================================================================================

        private const string ComplianceProgram = """
            internal sealed class ComplianceOptions
            {
                public string Endpoint { get; set; } = "https://consents.example";
                [IdentityBearing(IdentityCategory.Email)] public string PrivacyOfficerEmail { get; set; } = "";
            }

            internal sealed class ConsentReporter
            {
                private readonly Options<ComplianceOptions> _options;
                private readonly PartnerClient _client;

                public ConsentReporter(Options<ComplianceOptions> options, PartnerClient client)
                {
                    _options = options;
                    _client = client;
                }

                public Task ReportAsync(int consents)
                {
                    return _client.PostAsync("/consents", {|#0:$BODY|});
                }
            }
            """;

        [Fact]
        public Task Annotated_privacy_officer_email_read_from_options_and_sent_is_reported() => Run(
            ComplianceProgram.Replace("$BODY", "$\"{consents};{_options.Value.PrivacyOfficerEmail}\""), Min001(0));

        [Fact]
        public Task Plain_endpoint_read_from_the_same_options_and_sent_is_clean() => Run(Unmarked(
            ComplianceProgram.Replace("$BODY", "$\"{consents};{_options.Value.Endpoint}\"")));

        private const string ConfigureProgram = """
            internal sealed class OptionsBuilder<T> where T : class, new()
            {
                private readonly List<Action<T>> _configure = new List<Action<T>>();

                public OptionsBuilder<T> Configure(Action<T> action)
                {
                    _configure.Add(action);
                    return this;
                }

                public Options<T> Build()
                {
                    var value = new T();
                    foreach (Action<T> action in _configure)
                    {
                        action(value);
                    }
                    return new Options<T>(value);
                }
            }

            internal sealed class ReportUploader
            {
                private readonly PartnerOptions _options;
                private readonly PartnerClient _client;

                public ReportUploader(Options<PartnerOptions> options, PartnerClient client)
                {
                    _options = options.Value;
                    _client = client;
                }

                public Task UploadAsync(int rows)
                {
                    return _client.PostAsync("/reports", {|#0:_options.Endpoint + "/daily?rows=" + rows|});
                }
            }

            internal static class Startup
            {
                public static ReportUploader Build(Dictionary<string, string> settings, AppUser admin)
                {
                    Options<PartnerOptions> options = new OptionsBuilder<PartnerOptions>()
                        .Configure(o => o.Endpoint = $ENDPOINT)
                        .Configure(o => o.TimeoutSeconds = 10)
                        .Build();
                    return new ReportUploader(options, new PartnerClient(options));
                }
            }
            """;

        [Fact]
        public Task Options_endpoint_configured_from_settings_by_a_lambda_is_clean() => Run(Unmarked(
            ConfigureProgram.Replace("$ENDPOINT", "settings[\"Partner:Endpoint\"]")));

        [Fact]
        public Task Options_endpoint_configured_with_the_admins_email_by_a_lambda_is_reported_where_it_is_sent() => Run(
            ConfigureProgram.Replace("$ENDPOINT", "settings[\"Partner:Endpoint\"] + \"?owner=\" + admin.Email"), Min001(0));

        [Fact]
        public Task Options_values_sent_after_the_raw_email_on_the_same_client_are_not_reported_again() => Run("""
            internal sealed class SignupTracker
            {
                private readonly PartnerClient _client;
                private readonly PartnerOptions _options;

                public SignupTracker(PartnerClient client, Options<PartnerOptions> options)
                {
                    _client = client;
                    _options = options.Value;
                }

                public void Signed(AppUser user)
                {
                    _client.Track("signup", {|#0:user.Email|});
                    _client.Track("signup.endpoint", _options.Endpoint);
                    _client.TrackCount("signup.timeout", _options.TimeoutSeconds);
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 6. Typed partner clients called from application services, async/await and ConfigureAwait(false).
        // =====================================================================================================

        private const string NewsletterProgram = """
            internal sealed class NewsletterService
            {
                private readonly PartnerClient _client;

                public NewsletterService(PartnerClient client) { _client = client; }

                public async Task SubscribeAsync(AppUser user, CancellationToken ct)
                {
                    string payload = await BuildPayloadAsync(user).ConfigureAwait(false);
                    await _client.PostAsync("/subscribers", $PAYLOAD, ct).ConfigureAwait(false);
                }

                private static async Task<string> BuildPayloadAsync(AppUser user)
                {
                    await Task.Yield();
                    return JsonSerializer.Serialize(new { $FIELDS });
                }
            }

            internal sealed class NewsletterController
            {
                private readonly NewsletterService _newsletter;

                public NewsletterController(NewsletterService newsletter) { _newsletter = newsletter; }

                public async Task<int> Subscribe(HttpContext ctx, CancellationToken ct)
                {
                    if (ctx.User is null)
                    {
                        return 401;
                    }
                    await _newsletter.SubscribeAsync(ctx.User, ct).ConfigureAwait(false);
                    return 202;
                }
            }
            """;

        [Fact]
        public Task Payload_serialized_from_the_users_email_in_an_async_helper_is_reported_inside_the_service() => Run(
            NewsletterProgram.Replace("$PAYLOAD", "{|#0:payload|}").Replace("$FIELDS", "user.Email, user.Plan"), Min001(0));

        [Fact]
        public Task Payload_serialized_from_the_users_guid_and_plan_in_an_async_helper_is_clean() => Run(
            NewsletterProgram.Replace("$PAYLOAD", "payload").Replace("$FIELDS", "user.Id, user.Plan"));

        private const string ReferralProgram = """
            internal sealed record ReferralRequest([property: IdentityBearing(IdentityCategory.Email)] string FriendEmail, string Note);

            internal interface IAudienceClient
            {
                Task AddAsync(string email, CancellationToken ct);
            }

            internal sealed class AudienceClient : IAudienceClient
            {
                private readonly PartnerClient _http;

                public AudienceClient(PartnerClient http) { _http = http; }

                public async Task AddAsync(string email, CancellationToken ct)
                {
                    string body = await EncodeAsync(email).ConfigureAwait(false);
                    await _http.PostAsync("/audience/members", body, ct).ConfigureAwait(false);
                }

                private static Task<string> EncodeAsync(string email)
                {
                    return Task.FromResult("{\"email\":\"" + email.Trim().ToLowerInvariant() + "\"}");
                }
            }

            internal sealed class ReferralService
            {
                private readonly IAudienceClient _audience;

                public ReferralService(IAudienceClient audience) { _audience = audience; }

                public async Task<bool> ReferAsync(string friendEmail, CancellationToken ct)
                {
                    await _audience.AddAsync(friendEmail, ct).ConfigureAwait(false);
                    return true;
                }
            }

            internal sealed class ReferralController
            {
                private readonly ReferralService _referrals;

                public ReferralController(ReferralService referrals) { _referrals = referrals; }

                public async Task<int> Post(ReferralRequest body, CancellationToken ct)
                {
                    bool ok = await _referrals.ReferAsync({|#0:$FRIEND|}, ct).ConfigureAwait(false);
                    return ok ? 202 : 400;
                }
            }
            """;

        [Fact]
        public Task Friend_email_passed_through_two_async_layers_to_the_typed_client_is_reported_at_the_controller() => Run(
            ReferralProgram.Replace("$FRIEND", "body.FriendEmail"), Min001(0));

        [Fact]
        public Task Friend_email_pseudonymized_at_the_controller_before_the_async_layers_is_clean() => Run(Unmarked(
            ReferralProgram.Replace("$FRIEND", "Privacy.Pseudonym(body.FriendEmail)")));

        private const string SearchProgram = """
            internal sealed class SearchService
            {
                private readonly PartnerClient _client;

                public SearchService(PartnerClient client) { _client = client; }

                public Task<string> SuggestAsync(AppUser user, string query)
                {
                    return _client.SearchAsync($KEY, $TERM);
                }
            }
            """;

        [Fact]
        public Task Display_name_in_the_partner_share_search_term_is_reported() => Run(
            SearchProgram.Replace("$KEY", "\"suggest:\" + user.Id").Replace("$TERM", "{|#0:query + \" \" + user.DisplayName|}"), Min001(0));

        [Fact]
        public Task Email_only_in_the_local_cache_key_parameter_that_is_not_a_sink_is_clean() => Run(
            SearchProgram.Replace("$KEY", "\"suggest:\" + user.Email").Replace("$TERM", "query"));

        private const string EnvelopeProgram = """
            internal static class EnvelopeFactory
            {
                public static PartnerEnvelope ForSignup(AppUser user)
                {
                    return new PartnerEnvelope { Kind = "signup:" + user.Plan, Subject = {|#0:$SUBJECT|} };
                }
            }
            """;

        [Fact]
        public Task Email_assigned_to_the_partner_share_subject_in_an_object_initializer_is_reported() => Run(
            EnvelopeProgram.Replace("$SUBJECT", "user.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_assigned_to_the_partner_share_subject_in_an_object_initializer_is_clean() => Run(Unmarked(
            EnvelopeProgram.Replace("$SUBJECT", "Privacy.Pseudonym(user.Email)")));

        private const string BatchProgram = """
            internal sealed class AudienceExport
            {
                private readonly PartnerClient _client;

                public AudienceExport(PartnerClient client) { _client = client; }

                public async Task ExportAsync(IReadOnlyList<AppUser> users, CancellationToken ct)
                {
                    string batch = string.Join(",", users.Where(u => u.Plan != "free").Select(u => $SELECTED));
                    await _client.PostAsync("/audience/batch", {|#0:batch|}, ct).ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Batch_of_paying_users_emails_joined_with_linq_is_reported() => Run(
            BatchProgram.Replace("$SELECTED", "u.Email"), Min001(0));

        [Fact]
        public Task Batch_of_paying_users_guids_joined_with_linq_is_clean() => Run(Unmarked(
            BatchProgram.Replace("$SELECTED", "u.Id.ToString(\"N\")")));

        // =====================================================================================================
        // 7. Hosted services draining a queue or a channel that a controller fills (Reading 5).
        // =====================================================================================================

        private const string QueueProgram = """
            internal sealed class ExportQueue
            {
                private readonly ConcurrentQueue<string> _items = new ConcurrentQueue<string>();

                public void Enqueue(string item)
                {
                    _items.Enqueue(item);
                }

                public string? TryTake()
                {
                    return _items.TryDequeue(out string? item) ? item : null;
                }
            }

            internal sealed class ExportWorker
            {
                private readonly ExportQueue _queue;
                private readonly PartnerClient _client;

                public ExportWorker(ExportQueue queue, PartnerClient client)
                {
                    _queue = queue;
                    _client = client;
                }

                public async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        string? item;
                        while ((item = _queue.TryTake()) != null)
                        {
                            await _client.PostAsync("/exports", {|#0:item|}, stoppingToken);
                        }
                        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                    }
                }
            }

            internal sealed class ExportController
            {
                private readonly ExportQueue _queue;

                public ExportController(ExportQueue queue) { _queue = queue; }

                public int RequestExport(HttpContext ctx)
                {
                    AppUser? user = ctx.User;
                    if (user is null)
                    {
                        return 401;
                    }
                    _queue.Enqueue($ITEM);
                    return 202;
                }
            }
            """;

        [Fact]
        public Task Email_enqueued_by_a_controller_is_reported_where_the_hosted_worker_sends_it() => Run(
            QueueProgram.Replace("$ITEM", "user.Email + \";\" + user.Plan"), Min001(0));

        [Fact]
        public Task Guid_enqueued_by_a_controller_and_sent_by_the_hosted_worker_is_clean() => Run(Unmarked(
            QueueProgram.Replace("$ITEM", "user.Id.ToString(\"N\") + \";\" + user.Plan")));

        private const string ChannelProgram = """
            internal sealed record ExportItem(Guid UserId, string Email, DateTime RequestedUtc);

            internal sealed class ExportChannel
            {
                private readonly Channel<ExportItem> _channel = Channel.CreateUnbounded<ExportItem>();

                public ChannelWriter<ExportItem> Writer => _channel.Writer;

                public ChannelReader<ExportItem> Reader => _channel.Reader;
            }

            internal sealed class GdprExportWorker
            {
                private readonly ExportChannel _channel;
                private readonly PartnerClient _client;

                public GdprExportWorker(ExportChannel channel, PartnerClient client)
                {
                    _channel = channel;
                    _client = client;
                }

                public async Task ExecuteAsync(CancellationToken ct)
                {
                    await foreach (ExportItem item in _channel.Reader.ReadAllAsync(ct))
                    {
                        await _client.PostAsync("/gdpr/exports", $SENT, ct).ConfigureAwait(false);
                    }
                }
            }

            internal sealed class PrivacyController
            {
                private readonly ExportChannel _channel;

                public PrivacyController(ExportChannel channel) { _channel = channel; }

                public async Task<int> Export(HttpContext ctx, CancellationToken ct)
                {
                    AppUser? user = ctx.User;
                    if (user is null)
                    {
                        return 401;
                    }
                    await _channel.Writer.WriteAsync(new ExportItem(user.Id, $EMAIL, DateTime.UtcNow), ct);
                    return 202;
                }
            }
            """;

        [Fact]
        public Task Email_written_to_a_channel_by_a_controller_is_reported_where_the_worker_sends_the_item_email() => Run(
            ChannelProgram.Replace("$EMAIL", "user.Email").Replace("$SENT", "{|#0:item.Email|}"), Min001(0));

        [Fact]
        public Task Pseudonym_written_to_a_channel_and_sent_by_the_worker_is_clean() => Run(
            ChannelProgram.Replace("$EMAIL", "Privacy.Pseudonym(user.Email)").Replace("$SENT", "item.Email"));

        [Fact]
        public Task Worker_sending_only_the_guid_of_a_channel_item_that_holds_the_raw_email_is_clean() => Run(
            // Reading 11: the item is a container (its type is not identity-bearing); UserId is a Guid, a scalar member.
            ChannelProgram.Replace("$EMAIL", "user.Email").Replace("$SENT", "item.UserId.ToString(\"N\")"));

        // =====================================================================================================
        // 8. A mediator: IRequestHandler<TReq, TRes> implementations looked up in a dictionary by type (Readings 1, 2).
        // =====================================================================================================

        private const string MediatorProgram = """
            internal interface IRequest<TResponse>
            {
            }

            internal interface IRequestHandler<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken ct);
            }

            internal sealed class Mediator
            {
                private readonly Dictionary<Type, object> _handlers = new Dictionary<Type, object>();

                public void Register<TRequest, TResponse>(IRequestHandler<TRequest, TResponse> handler) where TRequest : IRequest<TResponse>
                {
                    _handlers[typeof(TRequest)] = handler;
                }

                public Task<TResponse> Send<TRequest, TResponse>(TRequest request, CancellationToken ct = default) where TRequest : IRequest<TResponse>
                {
                    var handler = (IRequestHandler<TRequest, TResponse>)_handlers[typeof(TRequest)];
                    return handler.Handle(request, ct);
                }
            }

            internal sealed record SubscribeCommand([property: IdentityBearing(IdentityCategory.Email)] string Email, string ListId) : IRequest<bool>;

            internal sealed record LookupQuery(string Key) : IRequest<string>;

            internal sealed class SubscribeHandler : IRequestHandler<SubscribeCommand, bool>
            {
                private readonly PartnerClient _client;

                public SubscribeHandler(PartnerClient client) { _client = client; }

                public async Task<bool> Handle(SubscribeCommand request, CancellationToken ct)
                {
                    await _client.PostAsync("/lists/members", $SUBSCRIBED, ct);
                    return true;
                }
            }

            internal sealed class LookupHandler : IRequestHandler<LookupQuery, string>
            {
                private readonly PartnerClient _client;

                public LookupHandler(PartnerClient client) { _client = client; }

                public Task<string> Handle(LookupQuery request, CancellationToken ct)
                {
                    _client.Track("lookup", request.Key);
                    return Task.FromResult("ok");
                }
            }

            internal sealed class AccountsController
            {
                private readonly Mediator _mediator;

                public AccountsController(Mediator mediator) { _mediator = mediator; }

                public async Task<int> Subscribe(SignupRequest body, CancellationToken ct)
                {
                    bool ok = await _mediator.Send<SubscribeCommand, bool>(new SubscribeCommand(body.Email, body.Campaign), ct);
                    return ok ? 201 : 409;
                }

                public async Task<string> Lookup(HttpContext ctx, CancellationToken ct)
                {
                    AppUser user = ctx.User ?? new AppUser();
                    return await _mediator.Send<LookupQuery, string>($LOOKUP, ct);
                }
            }

            internal static class Composition
            {
                public static AccountsController Create(PartnerClient client)
                {
                    var mediator = new Mediator();
                    mediator.Register<SubscribeCommand, bool>(new SubscribeHandler(client));
                    mediator.Register<LookupQuery, string>(new LookupHandler(client));
                    return new AccountsController(mediator);
                }
            }
            """;

        private static string Mediator(string subscribed, string lookup)
            => MediatorProgram.Replace("$SUBSCRIBED", subscribed).Replace("$LOOKUP", lookup);

        [Fact]
        public Task Subscribe_handler_sending_the_annotated_command_email_is_reported_inside_the_handler() => Run(Mediator(
            "{|#0:request.Email|}", "new LookupQuery(user.Id.ToString(\"N\"))"), Min001(0));

        [Fact]
        public Task Subscribe_handler_pseudonymizing_the_command_email_and_a_lookup_by_guid_are_clean() => Run(Mediator(
            // Precision as well: the raw SubscribeCommand sent by Subscribe must not reach LookupHandler (another request type).
            "Privacy.Pseudonym(request.Email)", "new LookupQuery(user.Id.ToString(\"N\"))"));

        [Fact]
        public Task Lookup_query_built_from_the_email_and_sent_through_the_mediator_is_reported_at_the_send_argument() => Run(Mediator(
            // Reading 1: handler.Handle is a call through an interface to code in the compilation; LookupQuery is not
            // identity-bearing, so the report is at the outermost argument, the request given to Send.
            "Privacy.Pseudonym(request.Email)", "{|#0:new LookupQuery(user.Email)|}"), Min001(0));

        // =====================================================================================================
        // 9. Validation results, exceptions and ProblemDetails built from identity (Reading 9) or from ids.
        // =====================================================================================================

        private const string ValidationProgram = """
            internal sealed class ValidationResult
            {
                public List<string> Errors { get; } = new List<string>();
                public bool IsValid => Errors.Count == 0;
            }

            internal sealed class ProblemDetails
            {
                public string Title { get; set; } = "";
                public string Detail { get; set; } = "";
                public int Status { get; set; }
                public Dictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
            }

            internal sealed class SignupValidator
            {
                private readonly HashSet<string> _taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

                public ValidationResult Validate(SignupRequest request)
                {
                    var result = new ValidationResult();
                    if (_taken.Contains(request.Email))
                    {
                        result.Errors.Add($ERROR);
                    }
                    if (request.Campaign.Length > 32)
                    {
                        result.Errors.Add("campaign name too long");
                    }
                    return result;
                }
            }

            internal sealed class SignupController
            {
                private readonly SignupValidator _validator;
                private readonly ErrorTracker _tracker;

                public SignupController(SignupValidator validator, ErrorTracker tracker)
                {
                    _validator = validator;
                    _tracker = tracker;
                }

                public object Post(SignupRequest body)
                {
                    ValidationResult result = _validator.Validate(body);
                    if (!result.IsValid)
                    {
                        var problem = new ProblemDetails { Title = "Signup rejected", Status = 400, Detail = string.Join("; ", result.Errors) };
                        _tracker.Capture({|#0:problem.Detail|});
                        return problem;
                    }
                    return 201;
                }
            }
            """;

        [Fact]
        public Task Validation_error_quoting_the_email_turned_into_problem_details_and_captured_is_reported() => Run(
            ValidationProgram.Replace("$ERROR", "$\"'{request.Email}' is already registered\""), Min001(0));

        [Fact]
        public Task Validation_error_quoting_the_request_guid_turned_into_problem_details_and_captured_is_clean() => Run(Unmarked(
            ValidationProgram.Replace("$ERROR", "$\"request {request.RequestId} uses a registered address\"")));

        private const string LockoutProgram = """
            internal sealed class LoginService
            {
                private readonly ErrorTracker _tracker;

                public LoginService(ErrorTracker tracker) { _tracker = tracker; }

                public bool CheckLockout(AppUser user, int failures)
                {
                    if (failures < 5)
                    {
                        return true;
                    }
                    var error = new InvalidOperationException($MESSAGE);
                    _tracker.Capture({|#0:error.Message|});
                    return false;
                }
            }
            """;

        [Fact]
        public Task Lockout_exception_message_naming_the_email_captured_by_the_tracker_is_reported() => Run(
            LockoutProgram.Replace("$MESSAGE", "$\"account {user.Email} locked after {failures} failures\""), Min001(0));

        [Fact]
        public Task Lockout_exception_message_naming_the_user_guid_captured_by_the_tracker_is_clean() => Run(Unmarked(
            LockoutProgram.Replace("$MESSAGE", "$\"account {user.Id} locked after {failures} failures\"")));

        private const string ForbiddenProgram = """
            internal sealed class ProblemDetails
            {
                public string Title { get; set; } = "";
                public int Status { get; set; }
                public Dictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
            }

            internal static class Problems
            {
                public static ProblemDetails Forbidden(HttpContext ctx, AppUser user)
                {
                    var problem = new ProblemDetails { Title = "Forbidden", Status = 403 };
                    problem.Extensions["traceId"] = ctx.TraceId;
                    problem.Extensions["$KEY"] = $VALUE;
                    return problem;
                }
            }

            internal sealed class ForbiddenHandler
            {
                private readonly ErrorTracker _tracker;

                public ForbiddenHandler(ErrorTracker tracker) { _tracker = tracker; }

                public int OnForbidden(HttpContext ctx)
                {
                    AppUser user = ctx.User ?? new AppUser();
                    ProblemDetails problem = Problems.Forbidden(ctx, user);
                    _tracker.CaptureProblem({|#0:problem|});
                    return problem.Status;
                }
            }
            """;

        [Fact]
        public Task Problem_details_with_the_email_in_its_extensions_captured_whole_is_reported() => Run(
            ForbiddenProgram.Replace("$KEY", "email").Replace("$VALUE", "user.Email"), Min001(0));

        [Fact]
        public Task Problem_details_with_the_user_guid_and_trace_id_in_its_extensions_captured_whole_is_clean() => Run(Unmarked(
            ForbiddenProgram.Replace("$KEY", "userId").Replace("$VALUE", "user.Id")));

        // =====================================================================================================
        // 10. Caching a user profile (an IMemoryCache-like class of the program) and sending a cached field later.
        // =====================================================================================================

        private const string CacheTypes = """
            internal sealed class MemoryCache
            {
                private readonly Dictionary<string, object> _entries = new Dictionary<string, object>();

                public object? Get(string key)
                {
                    return _entries.TryGetValue(key, out object? value) ? value : null;
                }

                public void Set(string key, object value)
                {
                    _entries[key] = value;
                }

                public T GetOrCreate<T>(string key, Func<T> factory) where T : notnull
                {
                    if (_entries.TryGetValue(key, out object? cached))
                    {
                        return (T)cached;
                    }
                    T created = factory();
                    _entries[key] = created;
                    return created;
                }
            }

            """;

        private const string ProfileCacheProgram = CacheTypes + """
            internal sealed class ProfileView
            {
                public Guid UserId { get; set; }
                public string Email { get; set; } = "";
                public int Visits { get; set; }
            }

            internal sealed class ProfileService
            {
                private readonly MemoryCache _cache;

                public ProfileService(MemoryCache cache) { _cache = cache; }

                public ProfileView Load(AppUser user, int visits)
                {
                    var view = new ProfileView { UserId = user.Id, Email = $EMAIL, Visits = visits };
                    _cache.Set("profile:" + user.Id, view);
                    return view;
                }
            }

            internal sealed class ReferralReporter
            {
                private readonly MemoryCache _cache;
                private readonly PartnerClient _client;

                public ReferralReporter(MemoryCache cache, PartnerClient client)
                {
                    _cache = cache;
                    _client = client;
                }

                public void Report(Guid userId)
                {
                    if (_cache.Get("profile:" + userId) is ProfileView view)
                    {
                        $SEND;
                    }
                }
            }
            """;

        [Fact]
        public Task Cached_profile_email_sent_by_another_service_is_reported() => Run(
            ProfileCacheProgram.Replace("$EMAIL", "user.Email").Replace("$SEND", "_client.Track(\"referral\", {|#0:view.Email|})"), Min001(0));

        [Fact]
        public Task Cached_profile_holding_a_pseudonym_whose_email_field_another_service_sends_is_clean() => Run(
            ProfileCacheProgram.Replace("$EMAIL", "Privacy.Pseudonym(user.Email)").Replace("$SEND", "_client.Track(\"referral\", view.Email)"));

        [Fact]
        public Task Visit_count_of_a_cached_profile_holding_the_raw_email_is_clean() => Run(
            // Reading 11: the cached view is a container; Visits is an int member that is not a source.
            ProfileCacheProgram.Replace("$EMAIL", "user.Email").Replace("$SEND", "_client.TrackCount(\"referral.visits\", view.Visits)"));

        private const string HandleCacheProgram = CacheTypes + """
            internal sealed class HandleService
            {
                private readonly MemoryCache _cache;

                public HandleService(MemoryCache cache) { _cache = cache; }

                public string HandleFor(AppUser user)
                {
                    return _cache.GetOrCreate("handle:" + user.Id, () => $HANDLE);
                }
            }

            internal sealed class ShareService
            {
                private readonly MemoryCache _cache;
                private readonly PartnerClient _client;

                public ShareService(MemoryCache cache, PartnerClient client)
                {
                    _cache = cache;
                    _client = client;
                }

                public void Share(Guid userId, string url)
                {
                    if (_cache.Get("handle:" + userId) is string handle)
                    {
                        _client.Track("share:" + url, {|#0:handle|});
                    }
                }
            }
            """;

        [Fact]
        public Task Handle_cached_by_a_factory_from_the_display_name_is_reported_where_another_service_shares_it() => Run(
            HandleCacheProgram.Replace("$HANDLE", "user.DisplayName.ToLowerInvariant()"), Min001(0));

        [Fact]
        public Task Handle_cached_by_a_factory_from_the_user_guid_is_clean_where_another_service_shares_it() => Run(Unmarked(
            HandleCacheProgram.Replace("$HANDLE", "\"u\" + user.Id.ToString(\"N\").Substring(0, 8)")));
    }
}
