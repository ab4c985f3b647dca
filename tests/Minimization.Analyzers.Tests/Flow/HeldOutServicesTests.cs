using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings): service-oriented application code wired by dependency injection, where the partner call sits
    /// several services away from where identity enters. Controllers call application services that call domain services
    /// that call an injected partner gateway (an interface with a real implementation, a no-op fake, a minimizing decorator
    /// and a decorator that logs and forwards raw); gateways picked by a <c>Func</c> locator, a dictionary keyed by partner
    /// name or a static factory; strategies picked by an options flag; generic command handlers behind a dispatcher; a
    /// mediator whose pipeline behaviors wrap <c>next()</c>; a scoped request context filled by one service and read by
    /// another through an injected accessor (and an <c>AsyncLocal</c> one); singleton caches of the last user; background
    /// workers, queues and deferred work items calling the same services; static and extension helpers; an annotated
    /// partner interface with a no-op implementation; an object that sends its own member. Every reported shape has
    /// near-miss twins that stay clean: a minimizing decorator, a no-op gateway known by the receiver's type, a minimized
    /// value, or only non-identifying members. Reports sit where Reading 1 puts them: at the caller's argument, the
    /// outermost one, never a receiver. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutServicesTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The user, the partner API, the gateway with its implementations and decorators, the minimizer and a user store.</summary>
        private const string Header = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal sealed class User
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public string Plan { get; set; } = "";
                [NonIdentifying] public int Seats { get; set; }
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
            }

            internal static class CrmApi
            {
                [PartnerShare("crm")] public static void Post(string payload) { }
                [PartnerShare("crm")] public static void PostId(Guid id) { }
            }

            internal interface IPartnerGateway
            {
                void Share(string value);
                void ShareId(Guid id);
                Task ShareAsync(string value, CancellationToken ct);
            }

            internal sealed class CrmGateway : IPartnerGateway
            {
                public void Share(string value) => CrmApi.Post(value);
                public void ShareId(Guid id) => CrmApi.PostId(id);
                public Task ShareAsync(string value, CancellationToken ct)
                {
                    CrmApi.Post(value);
                    return Task.CompletedTask;
                }
            }

            internal sealed class NoOpGateway : IPartnerGateway
            {
                public void Share(string value) { }
                public void ShareId(Guid id) { }
                public Task ShareAsync(string value, CancellationToken ct) => Task.CompletedTask;
            }

            internal sealed class MinimizingGateway : IPartnerGateway
            {
                private readonly IPartnerGateway _inner;

                public MinimizingGateway(IPartnerGateway inner) { _inner = inner; }

                public void Share(string value) => _inner.Share(Privacy.Pseudonym(value));
                public void ShareId(Guid id) => _inner.ShareId(id);
                public Task ShareAsync(string value, CancellationToken ct) => _inner.ShareAsync(Privacy.Pseudonym(value), ct);
            }

            internal sealed class LoggingGateway : IPartnerGateway
            {
                private readonly IPartnerGateway _inner;

                public LoggingGateway(IPartnerGateway inner) { _inner = inner; }

                public void Share(string value)
                {
                    Console.WriteLine("sharing a contact");
                    _inner.Share(value);
                }

                public void ShareId(Guid id)
                {
                    Console.WriteLine("sharing an id");
                    _inner.ShareId(id);
                }

                public async Task ShareAsync(string value, CancellationToken ct)
                {
                    Console.WriteLine("sharing a contact");
                    await _inner.ShareAsync(value, ct);
                }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-2024");

                [Minimizer]
                public static string Pseudonym(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));
                }
            }

            internal interface IUserStore
            {
                Task<IReadOnlyList<User>> AllAsync(CancellationToken ct);
            }

            internal abstract class HostedWorker
            {
                public Task StartAsync(CancellationToken ct) => ExecuteAsync(ct);

                protected abstract Task ExecuteAsync(CancellationToken ct);
            }

            """;

        // =====================================================================================================
        // 1. Controller -> application service -> domain service -> injected gateway.
        // =====================================================================================================

        private const string LayersProgram = """
            internal sealed class EnrollmentService
            {
                private readonly $GATEWAY _gateway;

                public EnrollmentService($GATEWAY gateway) { _gateway = gateway; }

                public void Enroll(string contact, Guid userId)
                {
                    _gateway.ShareId(userId);
                    _gateway.Share(contact);
                }
            }

            internal sealed class AccountService
            {
                private readonly EnrollmentService _enrollment;

                public AccountService(EnrollmentService enrollment) { _enrollment = enrollment; }

                public void Register(string contact, Guid userId)
                {
                    string normalized = contact.Trim().ToLowerInvariant();
                    _enrollment.Enroll(normalized, userId);
                }
            }

            internal sealed class AccountsController
            {
                private readonly AccountService _accounts;

                public AccountsController(AccountService accounts) { _accounts = accounts; }

                public void Post(User user) => _accounts.Register($CONTACT, user.Id);
            }

            internal static class Composition
            {
                public static AccountsController Build() => new AccountsController(new AccountService(new EnrollmentService($WIRING)));
            }
            """;

        private static string Layers(string gateway, string wiring, string contact) =>
            LayersProgram.Replace("$GATEWAY", gateway).Replace("$WIRING", wiring).Replace("$CONTACT", contact);

        [Fact]
        public Task Raw_email_passed_down_three_services_to_an_injected_gateway_is_reported_at_the_controller_argument() => Run(
            Layers("IPartnerGateway", "new CrmGateway()", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task Pseudonymized_email_passed_down_three_services_to_an_injected_gateway_is_clean() => Run(
            Layers("IPartnerGateway", "new CrmGateway()", "Privacy.Pseudonym(user.Email)"));

        [Fact]
        public Task Non_identifying_plan_passed_down_three_services_to_an_injected_gateway_is_clean() => Run(
            Layers("IPartnerGateway", "new CrmGateway()", "user.Plan"));

        [Fact]
        public Task Raw_email_passed_down_to_a_domain_service_holding_the_no_op_gateway_type_is_clean() => Run(
            Layers("NoOpGateway", "new NoOpGateway()", "user.Email"));

        [Fact]
        public Task Raw_email_passed_down_to_a_domain_service_holding_the_minimizing_decorator_type_is_clean() => Run(
            Layers("MinimizingGateway", "new MinimizingGateway(new CrmGateway())", "user.Email"));

        [Fact]
        public Task Raw_email_passed_down_to_a_minimizing_decorator_around_a_logging_decorator_is_clean() => Run(
            Layers("MinimizingGateway", "new MinimizingGateway(new LoggingGateway(new CrmGateway()))", "user.Email"));

        [Fact]
        public Task Raw_email_passed_down_to_a_domain_service_holding_the_logging_decorator_type_is_reported_at_the_controller_argument() => Run(
            Layers("LoggingGateway", "new LoggingGateway(new CrmGateway())", "{|#0:user.Email|}"), Min001(0));

        private const string AsyncLayersProgram = """
            internal sealed class NewsletterDomainService
            {
                private readonly IPartnerGateway _gateway;

                public NewsletterDomainService(IPartnerGateway gateway) { _gateway = gateway; }

                public async Task SubscribeAsync(string contact, CancellationToken ct)
                {
                    await _gateway.ShareAsync(contact, ct).ConfigureAwait(false);
                }
            }

            internal sealed class NewsletterAppService
            {
                private readonly NewsletterDomainService _domain;

                public NewsletterAppService(NewsletterDomainService domain) { _domain = domain; }

                public async Task<bool> SubscribeAsync(string contact, CancellationToken ct)
                {
                    if (contact.Length == 0)
                    {
                        return false;
                    }

                    await _domain.SubscribeAsync(contact, ct).ConfigureAwait(false);
                    return true;
                }
            }

            internal sealed class NewsletterController
            {
                private readonly NewsletterAppService _app;

                public NewsletterController(NewsletterAppService app) { _app = app; }

                public async Task<int> Subscribe(User user, CancellationToken ct)
                {
                    bool ok = await _app.SubscribeAsync($CONTACT, ct);
                    return ok ? 200 : 400;
                }
            }
            """;

        [Fact]
        public Task Raw_email_passed_down_async_services_to_an_injected_gateway_is_reported_at_the_controller_argument() => Run(
            AsyncLayersProgram.Replace("$CONTACT", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task Pseudonymized_email_passed_down_async_services_to_an_injected_gateway_is_clean() => Run(
            AsyncLayersProgram.Replace("$CONTACT", "Privacy.Pseudonym(user.Email)"));

        private const string SignupRequestProgram = """
            internal sealed class SignupRequest
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                public string Plan { get; set; } = "";
            }

            internal sealed class WelcomeDomainService
            {
                private readonly IPartnerGateway _gateway;

                public WelcomeDomainService(IPartnerGateway gateway) { _gateway = gateway; }

                public void Welcome(string contact) => _gateway.Share(contact);
            }

            internal sealed class SignupAppService
            {
                private readonly WelcomeDomainService _domain;

                public SignupAppService(WelcomeDomainService domain) { _domain = domain; }

                public void Handle(SignupRequest request) => _domain.Welcome($VALUE);
            }

            internal sealed class SignupController
            {
                private readonly SignupAppService _app;

                public SignupController(SignupAppService app) { _app = app; }

                public void Post(SignupRequest request) => _app.Handle(request);
            }
            """;

        [Fact]
        public Task Annotated_request_member_read_in_the_application_service_is_reported_where_that_service_passes_it_on() => Run(
            SignupRequestProgram.Replace("$VALUE", "{|#0:request.Email|}"), Min001(0));

        [Fact]
        public Task Unannotated_request_member_read_in_the_application_service_is_clean() => Run(
            SignupRequestProgram.Replace("$VALUE", "request.Plan"));

        // =====================================================================================================
        // 2. A decorator that minimizes into a dedup key: forwarding the raw value or the key.
        // =====================================================================================================

        private const string DedupProgram = """
            internal sealed class DedupGateway : IPartnerGateway
            {
                private readonly IPartnerGateway _inner;
                private readonly HashSet<string> _seen = new HashSet<string>();

                public DedupGateway(IPartnerGateway inner) { _inner = inner; }

                public void Share(string value)
                {
                    string key = Privacy.Pseudonym(value);
                    if (_seen.Add(key))
                    {
                        _inner.Share($FORWARD);
                    }
                }

                public void ShareId(Guid id) => _inner.ShareId(id);
                public Task ShareAsync(string value, CancellationToken ct) => _inner.ShareAsync(Privacy.Pseudonym(value), ct);
            }

            internal sealed class OnboardingService
            {
                private readonly DedupGateway _gateway;

                public OnboardingService(IPartnerGateway inner) { _gateway = new DedupGateway(new LoggingGateway(inner)); }

                public void Onboard(User user) => _gateway.Share($CONTACT);
            }
            """;

        [Fact]
        public Task Dedup_decorator_that_hashes_only_its_key_and_forwards_the_raw_value_is_reported_at_the_caller_argument() => Run(
            DedupProgram.Replace("$FORWARD", "value").Replace("$CONTACT", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task Dedup_decorator_that_forwards_its_hashed_key_is_clean() => Run(
            DedupProgram.Replace("$FORWARD", "key").Replace("$CONTACT", "user.Email"));

        // =====================================================================================================
        // 3. Service locators and factories: Func<string, IPartnerGateway>, dictionaries by partner name, a factory.
        // =====================================================================================================

        private const string FuncLocatorProgram = """
            internal sealed class PartnerPublisher
            {
                private readonly Func<string, IPartnerGateway> _resolve;

                public PartnerPublisher(Func<string, IPartnerGateway> resolve) { _resolve = resolve; }

                public void Publish(string partner, string contact)
                {
                    IPartnerGateway gateway = _resolve(partner);
                    gateway.Share(contact);
                }
            }

            internal sealed class ReferralController
            {
                private readonly PartnerPublisher _publisher;

                public ReferralController(PartnerPublisher publisher) { _publisher = publisher; }

                public void Refer(User user, string partner) => _publisher.Publish(partner, $CONTACT);
            }

            internal static class Composition
            {
                public static ReferralController Build() =>
                    new ReferralController(new PartnerPublisher(name => name == "crm" ? new LoggingGateway(new CrmGateway()) : new NoOpGateway()));
            }
            """;

        [Fact]
        public Task Raw_email_sent_to_a_gateway_resolved_by_a_Func_locator_is_reported_at_the_controller_argument() => Run(
            FuncLocatorProgram.Replace("$CONTACT", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task Pseudonymized_email_sent_to_a_gateway_resolved_by_a_Func_locator_is_clean() => Run(
            FuncLocatorProgram.Replace("$CONTACT", "Privacy.Pseudonym(user.Email)"));

        private const string DictionaryRouterProgram = """
            internal sealed class PartnerRouter
            {
                private readonly Dictionary<string, $GATEWAY> _gateways;

                public PartnerRouter(Dictionary<string, $GATEWAY> gateways) { _gateways = gateways; }

                public void Route(string partner, string contact)
                {
                    $ROUTE
                }
            }

            internal sealed class PartnerSyncService
            {
                private readonly PartnerRouter _router;

                public PartnerSyncService(PartnerRouter router) { _router = router; }

                public void Sync(User user)
                {
                    foreach (string partner in new[] { "crm", "ads" })
                    {
                        _router.Route(partner, $CONTACT);
                    }
                }
            }
            """;

        private static string Router(string gateway, string route, string contact) =>
            DictionaryRouterProgram.Replace("$GATEWAY", gateway).Replace("$ROUTE", route).Replace("$CONTACT", contact);

        private const string IndexerRoute = "_gateways[partner].Share(contact);";

        private const string TryGetValueRoute = """
            if (_gateways.TryGetValue(partner, out var gateway))
                    {
                        gateway.Share(contact);
                    }
            """;

        [Fact]
        public Task Raw_phone_sent_to_a_gateway_picked_from_a_dictionary_by_partner_name_is_reported_at_the_caller_argument() => Run(
            Router("IPartnerGateway", IndexerRoute, "{|#0:user.Phone|}"), Min001(0));

        [Fact]
        public Task Raw_phone_sent_to_a_dictionary_of_no_op_gateways_is_clean() => Run(
            Router("NoOpGateway", IndexerRoute, "user.Phone"));

        [Fact]
        public Task Raw_phone_sent_to_a_gateway_found_by_TryGetValue_is_reported_at_the_caller_argument() => Run(
            Router("IPartnerGateway", TryGetValueRoute, "{|#0:user.Phone|}"), Min001(0));

        [Fact]
        public Task Pseudonymized_phone_sent_to_a_gateway_found_by_TryGetValue_is_clean() => Run(
            Router("IPartnerGateway", TryGetValueRoute, "Privacy.Pseudonym(user.Phone)"));

        private const string FactoryProgram = """
            internal static class GatewayFactory
            {
                public static IPartnerGateway Create(string partner) => partner switch
                {
                    "crm" => new LoggingGateway(new CrmGateway()),
                    _ => new NoOpGateway(),
                };

                public static NoOpGateway CreateDryRun() => new NoOpGateway();
            }

            internal sealed class CampaignService
            {
                public void Launch(User user, string partner)
                {
                    var gateway = $CREATE;
                    gateway.ShareId(user.Id);
                    gateway.Share($CONTACT);
                }
            }
            """;

        [Fact]
        public Task Raw_email_sent_to_a_gateway_from_a_factory_returning_the_interface_is_reported() => Run(
            FactoryProgram.Replace("$CREATE", "GatewayFactory.Create(partner)").Replace("$CONTACT", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task Raw_email_sent_to_a_dry_run_gateway_whose_factory_returns_the_no_op_type_is_clean() => Run(
            FactoryProgram.Replace("$CREATE", "GatewayFactory.CreateDryRun()").Replace("$CONTACT", "user.Email"));

        // =====================================================================================================
        // 4. Strategy selection by configuration.
        // =====================================================================================================

        private const string OptionsTypes = """
            internal sealed class ShareOptions
            {
                public bool MinimizeContacts { get; set; } = true;
                public bool ShortTokens { get; set; }
            }

            internal sealed class Options<T> where T : class, new()
            {
                public T Value { get; } = new T();
            }

            """;

        private const string TernaryOptionProgram = OptionsTypes + """
            internal sealed class ContactSharer
            {
                private readonly Options<ShareOptions> _options;
                private readonly IPartnerGateway _gateway;

                public ContactSharer(Options<ShareOptions> options, IPartnerGateway gateway)
                {
                    _options = options;
                    _gateway = gateway;
                }

                public void Share(string contact)
                {
                    string payload = $PAYLOAD;
                    _gateway.Share(payload);
                }
            }

            internal sealed class ProfileController
            {
                private readonly ContactSharer _sharer;

                public ProfileController(ContactSharer sharer) { _sharer = sharer; }

                public void Publish(User user) => _sharer.Share($CONTACT);
            }
            """;

        [Fact]
        public Task Options_flag_choosing_between_a_minimized_and_a_raw_payload_is_reported_at_the_controller_argument() => Run(
            TernaryOptionProgram
                .Replace("$PAYLOAD", "_options.Value.MinimizeContacts ? Privacy.Pseudonym(contact) : contact")
                .Replace("$CONTACT", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task Options_flag_choosing_between_two_minimized_payloads_is_clean() => Run(
            TernaryOptionProgram
                .Replace("$PAYLOAD", "_options.Value.ShortTokens ? Privacy.Pseudonym(contact).Substring(0, 12) : Privacy.Pseudonym(contact)")
                .Replace("$CONTACT", "user.Email"));

        private const string StrategyProgram = OptionsTypes + """
            internal interface IContactStrategy
            {
                string Prepare(string contact);
            }

            internal sealed class HashingStrategy : IContactStrategy
            {
                public string Prepare(string contact) => Privacy.Pseudonym(contact);
            }

            internal sealed class ShortHashStrategy : IContactStrategy
            {
                public string Prepare(string contact) => Privacy.Pseudonym(contact).Substring(0, 12);
            }

            $EXTRA

            internal sealed class StrategySharer
            {
                private readonly Options<ShareOptions> _options;
                private readonly IPartnerGateway _gateway;

                public StrategySharer(Options<ShareOptions> options, IPartnerGateway gateway)
                {
                    _options = options;
                    _gateway = gateway;
                }

                private IContactStrategy Choose() => _options.Value.MinimizeContacts ? new HashingStrategy() : new $OTHER();

                public void Share(string contact) => _gateway.Share(Choose().Prepare(contact));
            }

            internal sealed class DirectoryService
            {
                private readonly StrategySharer _sharer;

                public DirectoryService(StrategySharer sharer) { _sharer = sharer; }

                public void Publish(User user) => _sharer.Share($CONTACT);
            }
            """;

        private const string PassThroughStrategy = """
            internal sealed class PassThroughStrategy : IContactStrategy
            {
                public string Prepare(string contact) => contact.Trim();
            }
            """;

        [Fact]
        public Task Strategy_chosen_by_options_with_a_pass_through_implementation_is_reported_at_the_caller_argument() => Run(
            StrategyProgram.Replace("$EXTRA", PassThroughStrategy).Replace("$OTHER", "PassThroughStrategy").Replace("$CONTACT", "{|#0:user.Email|}"),
            Min001(0));

        [Fact]
        public Task Strategy_chosen_by_options_among_hashing_implementations_only_is_clean() => Run(
            StrategyProgram.Replace("$EXTRA", "").Replace("$OTHER", "ShortHashStrategy").Replace("$CONTACT", "user.Email"));

        private const string BranchOptionProgram = OptionsTypes + """
            internal sealed class PartnerExportService
            {
                private readonly Options<ShareOptions> _options;
                private readonly IPartnerGateway _gateway;

                public PartnerExportService(Options<ShareOptions> options, IPartnerGateway gateway)
                {
                    _options = options;
                    _gateway = gateway;
                }

                public void Export(string contact, Guid userId)
                {
                    if (_options.Value.MinimizeContacts)
                    {
                        _gateway.Share(Privacy.Pseudonym(contact));
                    }
                    else
                    {
                        $ELSE
                    }
                }
            }

            internal sealed class ExportController
            {
                private readonly PartnerExportService _export;

                public ExportController(PartnerExportService export) { _export = export; }

                public void Export(User user) => _export.Export($CONTACT, user.Id);
            }
            """;

        [Fact]
        public Task Options_flag_whose_else_branch_shares_the_raw_contact_is_reported_at_the_controller_argument() => Run(
            BranchOptionProgram.Replace("$ELSE", "_gateway.Share(contact);").Replace("$CONTACT", "{|#0:user.Phone|}"), Min001(0));

        [Fact]
        public Task Options_flag_whose_else_branch_shares_only_the_user_id_is_clean() => Run(
            BranchOptionProgram.Replace("$ELSE", "_gateway.ShareId(userId);").Replace("$CONTACT", "user.Phone"));

        // =====================================================================================================
        // 5. Generic command handlers behind a dispatcher.
        // =====================================================================================================

        private const string HandlerTypes = """
            internal interface IHandler<TCommand>
            {
                void Handle(TCommand command);
            }

            internal sealed class RenameWorkspaceCommand
            {
                public Guid WorkspaceId { get; set; }
                public string NewName { get; set; } = "";
            }

            internal sealed class RenameWorkspaceHandler : IHandler<RenameWorkspaceCommand>
            {
                private readonly IPartnerGateway _gateway;

                public RenameWorkspaceHandler(IPartnerGateway gateway) { _gateway = gateway; }

                public void Handle(RenameWorkspaceCommand command)
                {
                    _gateway.ShareId(command.WorkspaceId);
                    _gateway.Share(command.NewName);
                }
            }

            internal sealed class Dispatcher
            {
                private readonly Func<Type, object> _provider;

                public Dispatcher(Func<Type, object> provider) { _provider = provider; }

                public void Send<TCommand>(TCommand command)
                {
                    var handler = (IHandler<TCommand>)_provider(typeof(IHandler<TCommand>));
                    handler.Handle(command);
                }
            }

            """;

        private const string InviteHandlerProgram = HandlerTypes + """
            internal sealed class InviteCommand
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                public Guid WorkspaceId { get; set; }
            }

            internal sealed class InviteHandler : IHandler<InviteCommand>
            {
                private readonly IPartnerGateway _gateway;

                public InviteHandler(IPartnerGateway gateway) { _gateway = gateway; }

                public void Handle(InviteCommand command)
                {
                    _gateway.ShareId(command.WorkspaceId);
                    _gateway.Share($INVITEE);
                }
            }

            internal sealed class WorkspaceController
            {
                private readonly Dispatcher _dispatcher;

                public WorkspaceController(Dispatcher dispatcher) { _dispatcher = dispatcher; }

                public void Invite(InviteCommand command) => _dispatcher.Send(command);

                public void Rename(RenameWorkspaceCommand command) => _dispatcher.Send(command);
            }
            """;

        [Fact]
        public Task Handler_that_sends_the_annotated_member_of_its_command_is_reported_inside_the_handler() => Run(
            InviteHandlerProgram.Replace("$INVITEE", "{|#0:command.Email|}"), Min001(0));

        [Fact]
        public Task Handler_that_pseudonymizes_the_annotated_member_of_its_command_is_clean_beside_a_rename_handler() => Run(
            InviteHandlerProgram.Replace("$INVITEE", "Privacy.Pseudonym(command.Email)"));

        private const string NotifyDispatchProgram = HandlerTypes + """
            internal sealed class NotifyCommand
            {
                public Guid UserId { get; set; }
                public string Recipient { get; set; } = "";
            }

            $HANDLER

            internal sealed class NotificationsController
            {
                private readonly Dispatcher _dispatcher;

                public NotificationsController(Dispatcher dispatcher) { _dispatcher = dispatcher; }

                public void Notify(User user)
                {
                    var command = new NotifyCommand { UserId = user.Id, Recipient = $RECIPIENT };
                    _dispatcher.Send($ARG);
                }
            }
            """;

        private const string PlainNotifyHandler = """
            internal sealed class NotifyHandler : IHandler<NotifyCommand>
            {
                private readonly IPartnerGateway _gateway;

                public NotifyHandler(IPartnerGateway gateway) { _gateway = gateway; }

                public void Handle(NotifyCommand command)
                {
                    _gateway.ShareId(command.UserId);
                    _gateway.Share(command.Recipient);
                }
            }
            """;

        private const string BaseClassNotifyHandler = """
            internal abstract class HandlerBase<TCommand> : IHandler<TCommand>
            {
                public void Handle(TCommand command)
                {
                    if (command is null)
                    {
                        throw new ArgumentNullException(nameof(command));
                    }

                    Execute(command);
                }

                protected abstract void Execute(TCommand command);
            }

            internal sealed class NotifyHandler : HandlerBase<NotifyCommand>
            {
                private readonly IPartnerGateway _gateway;

                public NotifyHandler(IPartnerGateway gateway) { _gateway = gateway; }

                protected override void Execute(NotifyCommand command)
                {
                    _gateway.ShareId(command.UserId);
                    _gateway.Share(command.Recipient);
                }
            }
            """;

        private static string Notify(string handler, string recipient, string arg) =>
            NotifyDispatchProgram.Replace("$HANDLER", handler).Replace("$RECIPIENT", recipient).Replace("$ARG", arg);

        [Fact]
        public Task Command_filled_with_the_raw_email_and_dispatched_to_a_generic_handler_is_reported_at_the_dispatch_argument() => Run(
            Notify(PlainNotifyHandler, "user.Email", "{|#0:command|}"), Min001(0));

        [Fact]
        public Task Command_filled_with_a_pseudonymized_email_and_dispatched_to_a_generic_handler_is_clean() => Run(
            Notify(PlainNotifyHandler, "Privacy.Pseudonym(user.Email)", "command"));

        [Fact]
        public Task Command_holding_only_the_user_id_and_a_fixed_recipient_dispatched_to_a_generic_handler_is_clean() => Run(
            Notify(PlainNotifyHandler, "\"ops@example.com\"", "command"));

        [Fact]
        public Task Command_with_the_raw_email_dispatched_to_a_handler_built_on_an_abstract_base_is_reported_at_the_dispatch_argument() => Run(
            Notify(BaseClassNotifyHandler, "user.Email", "{|#0:command|}"), Min001(0));

        [Fact]
        public Task Command_with_a_pseudonymized_email_dispatched_to_a_handler_built_on_an_abstract_base_is_clean() => Run(
            Notify(BaseClassNotifyHandler, "Privacy.Pseudonym(user.Email)", "command"));

        // =====================================================================================================
        // 6. A mediator whose pipeline behaviors wrap next().
        // =====================================================================================================

        private const string PipelineProgram = """
            internal interface IRequest<TResponse> { }

            internal delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

            internal interface IRequestHandler<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken ct);
            }

            internal interface IPipelineBehavior<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct);
            }

            internal sealed record ShareContactRequest(Guid UserId, string Contact) : IRequest<bool>;

            internal sealed class ShareContactHandler : IRequestHandler<ShareContactRequest, bool>
            {
                private readonly IPartnerGateway _gateway;

                public ShareContactHandler(IPartnerGateway gateway) { _gateway = gateway; }

                public async Task<bool> Handle(ShareContactRequest request, CancellationToken ct)
                {
                    await _gateway.ShareAsync($HANDLERSENDS, ct);
                    return true;
                }
            }

            internal sealed class TimingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct)
                {
                    DateTime started = DateTime.UtcNow;
                    TResponse response = await next();
                    Console.WriteLine((DateTime.UtcNow - started).TotalMilliseconds);
                    return response;
                }
            }

            internal sealed class AuditBehavior : IPipelineBehavior<ShareContactRequest, bool>
            {
                private readonly IPartnerGateway _gateway;

                public AuditBehavior(IPartnerGateway gateway) { _gateway = gateway; }

                public Task<bool> Handle(ShareContactRequest request, RequestHandlerDelegate<bool> next, CancellationToken ct)
                {
                    $AUDIT
                    return next();
                }
            }

            internal sealed class Mediator<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                private readonly IRequestHandler<TRequest, TResponse> _handler;
                private readonly IReadOnlyList<IPipelineBehavior<TRequest, TResponse>> _behaviors;

                public Mediator(IRequestHandler<TRequest, TResponse> handler, IReadOnlyList<IPipelineBehavior<TRequest, TResponse>> behaviors)
                {
                    _handler = handler;
                    _behaviors = behaviors;
                }

                public Task<TResponse> Send(TRequest request, CancellationToken ct)
                {
                    RequestHandlerDelegate<TResponse> next = () => _handler.Handle(request, ct);
                    for (int i = _behaviors.Count - 1; i >= 0; i--)
                    {
                        IPipelineBehavior<TRequest, TResponse> behavior = _behaviors[i];
                        RequestHandlerDelegate<TResponse> inner = next;
                        next = () => behavior.Handle(request, inner, ct);
                    }

                    return next();
                }
            }

            internal sealed class ContactsController
            {
                private readonly Mediator<ShareContactRequest, bool> _mediator;

                public ContactsController(Mediator<ShareContactRequest, bool> mediator) { _mediator = mediator; }

                public async Task<int> Share(User user, CancellationToken ct)
                {
                    var request = new ShareContactRequest(user.Id, $CONTACT);
                    bool ok = await _mediator.Send($ARG, ct);
                    return ok ? 204 : 409;
                }
            }
            """;

        private static string Pipeline(string contact, string handlerSends, string audit, string arg) =>
            PipelineProgram.Replace("$CONTACT", contact).Replace("$HANDLERSENDS", handlerSends).Replace("$AUDIT", audit).Replace("$ARG", arg);

        [Fact]
        public Task Request_with_the_raw_email_sent_through_pipeline_behaviors_to_a_raw_handler_is_reported_at_the_send_argument() => Run(
            Pipeline("user.Email", "request.Contact", "Console.WriteLine(\"audit\");", "{|#0:request|}"), Min001(0));

        [Fact]
        public Task Request_with_a_pseudonymized_email_sent_through_pipeline_behaviors_is_clean() => Run(
            Pipeline("Privacy.Pseudonym(user.Email)", "request.Contact", "Console.WriteLine(\"audit\");", "request"));

        [Fact]
        public Task Audit_behavior_that_shares_the_raw_contact_before_next_is_reported_at_the_send_argument_though_the_handler_minimizes() => Run(
            Pipeline("user.Email", "Privacy.Pseudonym(request.Contact)", "_gateway.Share(request.Contact);", "{|#0:request|}"), Min001(0));

        [Fact]
        public Task Audit_behavior_that_shares_only_the_user_id_before_a_minimizing_handler_is_clean() => Run(
            Pipeline("user.Email", "Privacy.Pseudonym(request.Contact)", "_gateway.ShareId(request.UserId);", "request"));

        // =====================================================================================================
        // 7. Scoped request context, filled by one service and read by another through an injected accessor.
        // =====================================================================================================

        private const string RequestContextProgram = """
            internal sealed class RequestContext
            {
                public Guid UserId { get; set; }
                public string Contact { get; set; } = "";
            }

            internal interface IRequestContextAccessor
            {
                RequestContext Current { get; }
            }

            internal sealed class RequestContextAccessor : IRequestContextAccessor
            {
                public RequestContext Current { get; } = new RequestContext();
            }

            internal sealed class AuthenticationService
            {
                private readonly IRequestContextAccessor _accessor;

                public AuthenticationService(IRequestContextAccessor accessor) { _accessor = accessor; }

                public void SignIn(User user)
                {
                    RequestContext context = _accessor.Current;
                    context.UserId = user.Id;
                    context.Contact = $STORED;
                }
            }

            internal sealed class ReferralService
            {
                private readonly IRequestContextAccessor _accessor;
                private readonly IPartnerGateway _gateway;

                public ReferralService(IRequestContextAccessor accessor, IPartnerGateway gateway)
                {
                    _accessor = accessor;
                    _gateway = gateway;
                }

                public void ReferCurrentUser()
                {
                    RequestContext context = _accessor.Current;
                    $SEND
                }
            }

            internal sealed class ReferralController
            {
                private readonly AuthenticationService _auth;
                private readonly ReferralService _referrals;

                public ReferralController(AuthenticationService auth, ReferralService referrals)
                {
                    _auth = auth;
                    _referrals = referrals;
                }

                public void Refer(User user)
                {
                    _auth.SignIn(user);
                    _referrals.ReferCurrentUser();
                }
            }
            """;

        [Fact]
        public Task Request_context_email_set_by_one_service_and_shared_by_another_is_reported_where_it_is_read_and_sent() => Run(
            RequestContextProgram.Replace("$STORED", "user.Email").Replace("$SEND", "_gateway.Share({|#0:context.Contact|});"), Min001(0));

        [Fact]
        public Task Request_context_holding_a_pseudonym_shared_by_another_service_is_clean() => Run(
            RequestContextProgram.Replace("$STORED", "Privacy.Pseudonym(user.Email)").Replace("$SEND", "_gateway.Share(context.Contact);"));

        [Fact]
        public Task Request_context_user_id_shared_by_another_service_is_clean_though_the_context_holds_the_raw_email() => Run(
            RequestContextProgram.Replace("$STORED", "user.Email").Replace("$SEND", "_gateway.ShareId(context.UserId);"));

        private const string AsyncLocalProgram = """
            internal static class CurrentContact
            {
                private static readonly AsyncLocal<string?> Value = new AsyncLocal<string?>();

                public static string? Get() => Value.Value;

                public static void Set(string? contact) => Value.Value = contact;
            }

            internal sealed class TenantMiddleware
            {
                public void Begin(User user) => CurrentContact.Set($STORED);
            }

            internal sealed class AttributionService
            {
                private readonly IPartnerGateway _gateway;

                public AttributionService(IPartnerGateway gateway) { _gateway = gateway; }

                public void Attribute()
                {
                    string? contact = CurrentContact.Get();
                    if (contact != null)
                    {
                        _gateway.Share($SENT);
                    }
                }
            }
            """;

        [Fact]
        public Task Ambient_async_local_contact_set_by_middleware_and_shared_by_a_service_is_reported_where_it_is_sent() => Run(
            AsyncLocalProgram.Replace("$STORED", "user.Email").Replace("$SENT", "{|#0:contact|}"), Min001(0));

        [Fact]
        public Task Ambient_async_local_holding_a_pseudonym_is_clean() => Run(
            AsyncLocalProgram.Replace("$STORED", "Privacy.Pseudonym(user.Email)").Replace("$SENT", "contact"));

        // =====================================================================================================
        // 8. Singletons caching the last user.
        // =====================================================================================================

        private const string LastContactProgram = """
            internal sealed class LastContactCache
            {
                private readonly object _gate = new object();
                private string _lastContact = "";
                private int _count;

                public void Remember(string contact)
                {
                    lock (_gate)
                    {
                        _lastContact = contact;
                        _count++;
                    }
                }

                public string LastContact
                {
                    get
                    {
                        lock (_gate)
                        {
                            return _lastContact;
                        }
                    }
                }

                public int Count => _count;
            }

            internal sealed class SignupService
            {
                private readonly LastContactCache _cache;

                public SignupService(LastContactCache cache) { _cache = cache; }

                public void SignUp(User user) => _cache.Remember($STORED);
            }

            internal sealed class DigestJob
            {
                private readonly LastContactCache _cache;
                private readonly IPartnerGateway _gateway;

                public DigestJob(LastContactCache cache, IPartnerGateway gateway)
                {
                    _cache = cache;
                    _gateway = gateway;
                }

                public void RunOnce()
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Singleton_cache_of_the_last_contact_shared_by_a_job_is_reported_where_the_job_sends_it() => Run(
            LastContactProgram.Replace("$STORED", "user.Email").Replace("$SEND", "_gateway.Share({|#0:_cache.LastContact|});"), Min001(0));

        [Fact]
        public Task Singleton_cache_of_the_last_pseudonym_shared_by_a_job_is_clean() => Run(
            LastContactProgram.Replace("$STORED", "Privacy.Pseudonym(user.Email)").Replace("$SEND", "_gateway.Share(_cache.LastContact);"));

        [Fact]
        public Task Singleton_cache_counter_shared_by_a_job_is_clean_though_the_cache_holds_the_raw_contact() => Run(
            LastContactProgram.Replace("$STORED", "user.Email").Replace("$SEND", "_gateway.Share(_cache.Count.ToString());"));

        private const string LastUserProgram = """
            internal sealed class LastUserCache
            {
                private User? _last;

                public void Remember(User user) => _last = user;

                public User? Last => _last;
            }

            internal sealed class LoginService
            {
                private readonly LastUserCache _cache;

                public LoginService(LastUserCache cache) { _cache = cache; }

                public void LogIn(User user) => _cache.Remember(user);
            }

            internal sealed class RetentionJob
            {
                private readonly LastUserCache _cache;
                private readonly IPartnerGateway _gateway;

                public RetentionJob(LastUserCache cache, IPartnerGateway gateway)
                {
                    _cache = cache;
                    _gateway = gateway;
                }

                public void RunOnce()
                {
                    User? last = _cache.Last;
                    if (last is null)
                    {
                        return;
                    }

                    $SEND
                }
            }
            """;

        [Fact]
        public Task Phone_of_the_user_cached_by_a_singleton_shared_by_a_job_is_reported_where_it_is_sent() => Run(
            LastUserProgram.Replace("$SEND", "_gateway.Share({|#0:last.Phone|});"), Min001(0));

        [Fact]
        public Task Id_of_the_user_cached_by_a_singleton_shared_by_a_job_is_clean() => Run(
            LastUserProgram.Replace("$SEND", "_gateway.ShareId(last.Id);"));

        private const string DirectoryProgram = """
            internal sealed class ContactDirectory
            {
                private readonly ConcurrentDictionary<Guid, string> _contacts = new ConcurrentDictionary<Guid, string>();

                public void Put(Guid userId, string contact) => _contacts[userId] = contact;

                public IEnumerable<string> All() => _contacts.Values;
            }

            internal sealed class ProfileService
            {
                private readonly ContactDirectory _directory;

                public ProfileService(ContactDirectory directory) { _directory = directory; }

                public void Update(User user) => _directory.Put(user.Id, $STORED);
            }

            internal sealed class DirectorySyncJob
            {
                private readonly ContactDirectory _directory;
                private readonly IPartnerGateway _gateway;

                public DirectorySyncJob(ContactDirectory directory, IPartnerGateway gateway)
                {
                    _directory = directory;
                    _gateway = gateway;
                }

                public void RunOnce()
                {
                    foreach (string contact in _directory.All())
                    {
                        _gateway.Share($SENT);
                    }
                }
            }
            """;

        [Fact]
        public Task Singleton_directory_of_raw_contacts_synced_by_a_job_is_reported_where_each_is_sent() => Run(
            DirectoryProgram.Replace("$STORED", "user.Phone").Replace("$SENT", "{|#0:contact|}"), Min001(0));

        [Fact]
        public Task Singleton_directory_of_pseudonyms_synced_by_a_job_is_clean() => Run(
            DirectoryProgram.Replace("$STORED", "Privacy.Pseudonym(user.Phone)").Replace("$SENT", "contact"));

        // =====================================================================================================
        // 9. Background workers calling the same services; queues and deferred work items.
        // =====================================================================================================

        private const string ResyncWorkerProgram = """
            internal sealed class EnrollmentService
            {
                private readonly IPartnerGateway _gateway;

                public EnrollmentService(IPartnerGateway gateway) { _gateway = gateway; }

                public void Enroll(string contact, Guid userId)
                {
                    _gateway.ShareId(userId);
                    _gateway.Share(contact);
                }
            }

            internal sealed class AccountService
            {
                private readonly EnrollmentService _enrollment;

                public AccountService(EnrollmentService enrollment) { _enrollment = enrollment; }

                public void Register(string contact, Guid userId) => _enrollment.Enroll(contact.Trim(), userId);
            }

            internal sealed class ResyncWorker : HostedWorker
            {
                private readonly IUserStore _store;
                private readonly AccountService _accounts;

                public ResyncWorker(IUserStore store, AccountService accounts)
                {
                    _store = store;
                    _accounts = accounts;
                }

                protected override async Task ExecuteAsync(CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested)
                    {
                        IReadOnlyList<User> users = await _store.AllAsync(ct);
                        foreach (User user in users)
                        {
                            _accounts.Register($CONTACT, user.Id);
                        }

                        await Task.Delay(TimeSpan.FromMinutes(5), ct);
                    }
                }
            }
            """;

        [Fact]
        public Task Hosted_worker_resyncing_every_user_through_the_account_service_is_reported_at_the_worker_argument() => Run(
            ResyncWorkerProgram.Replace("$CONTACT", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task Hosted_worker_resyncing_pseudonyms_through_the_account_service_is_clean() => Run(
            ResyncWorkerProgram.Replace("$CONTACT", "Privacy.Pseudonym(user.Email)"));

        private const string OutboundQueueProgram = """
            internal sealed class OutboundQueue
            {
                private readonly ConcurrentQueue<string> _items = new ConcurrentQueue<string>();

                public void Enqueue(string item) => _items.Enqueue(item);

                public bool TryDequeue(out string item)
                {
                    if (_items.TryDequeue(out string? next))
                    {
                        item = next;
                        return true;
                    }

                    item = "";
                    return false;
                }
            }

            internal sealed class InviteController
            {
                private readonly OutboundQueue _queue;

                public InviteController(OutboundQueue queue) { _queue = queue; }

                public void Invite(User user) => _queue.Enqueue($STORED);
            }

            internal sealed class OutboundWorker : HostedWorker
            {
                private readonly OutboundQueue _queue;
                private readonly IPartnerGateway _gateway;

                public OutboundWorker(OutboundQueue queue, IPartnerGateway gateway)
                {
                    _queue = queue;
                    _gateway = gateway;
                }

                protected override Task ExecuteAsync(CancellationToken ct)
                {
                    while (_queue.TryDequeue(out string item))
                    {
                        _gateway.Share($SENT);
                    }

                    return Task.CompletedTask;
                }
            }
            """;

        [Fact]
        public Task Singleton_queue_filled_by_a_controller_and_drained_by_a_worker_is_reported_where_the_worker_sends() => Run(
            OutboundQueueProgram.Replace("$STORED", "user.Email").Replace("$SENT", "{|#0:item|}"), Min001(0));

        [Fact]
        public Task Singleton_queue_of_pseudonyms_drained_by_a_worker_is_clean() => Run(
            OutboundQueueProgram.Replace("$STORED", "Privacy.Pseudonym(user.Email)").Replace("$SENT", "item"));

        private const string WorkItemQueueProgram = """
            internal sealed class BackgroundTaskQueue
            {
                private readonly ConcurrentQueue<Func<CancellationToken, Task>> _work = new ConcurrentQueue<Func<CancellationToken, Task>>();

                public void Queue(Func<CancellationToken, Task> workItem) => _work.Enqueue(workItem);

                public Func<CancellationToken, Task>? Next() => _work.TryDequeue(out var item) ? item : null;
            }

            internal sealed class WelcomeController
            {
                private readonly BackgroundTaskQueue _queue;
                private readonly IPartnerGateway _gateway;

                public WelcomeController(BackgroundTaskQueue queue, IPartnerGateway gateway)
                {
                    _queue = queue;
                    _gateway = gateway;
                }

                public void Welcome(User user)
                {
                    _queue.Queue(ct => _gateway.ShareAsync($CONTACT, ct));
                }
            }

            internal sealed class QueuedWorker : HostedWorker
            {
                private readonly BackgroundTaskQueue _queue;

                public QueuedWorker(BackgroundTaskQueue queue) { _queue = queue; }

                protected override async Task ExecuteAsync(CancellationToken ct)
                {
                    Func<CancellationToken, Task>? work;
                    while ((work = _queue.Next()) != null)
                    {
                        await work(ct);
                    }
                }
            }
            """;

        [Fact]
        public Task Queued_work_item_capturing_the_user_is_reported_inside_the_lambda_where_it_reads_the_email() => Run(
            WorkItemQueueProgram.Replace("$CONTACT", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task Queued_work_item_capturing_the_user_and_sending_a_pseudonym_is_clean() => Run(
            WorkItemQueueProgram.Replace("$CONTACT", "Privacy.Pseudonym(user.Email)"));

        private const string TimerProgram = """
            internal sealed class FollowUpScheduler : IDisposable
            {
                private readonly IPartnerGateway _gateway;
                private readonly List<Timer> _timers = new List<Timer>();

                public FollowUpScheduler(IPartnerGateway gateway) { _gateway = gateway; }

                public void Schedule(string contact)
                {
                    var timer = new Timer(_ => _gateway.Share({|#1:contact|}), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
                    _timers.Add(timer);
                }

                public void Dispose()
                {
                    foreach (Timer timer in _timers)
                    {
                        timer.Dispose();
                    }
                }
            }

            internal sealed class TrialController
            {
                private readonly FollowUpScheduler _scheduler;

                public TrialController(FollowUpScheduler scheduler) { _scheduler = scheduler; }

                public void StartTrial(User user) => _scheduler.Schedule($CONTACT);
            }
            """;

        [Fact]
        public Task Timer_callback_capturing_a_raw_contact_is_reported_once_at_the_caller_argument_or_inside_the_callback() => CheckOnceAtOneOf(
            Complete(TimerProgram.Replace("$CONTACT", "{|#0:user.Email|}")), 0, 1);

        [Fact]
        public Task Timer_callback_capturing_a_pseudonym_is_clean() => Run(Unmarked(
            TimerProgram.Replace("$CONTACT", "Privacy.Pseudonym(user.Email)")));

        // =====================================================================================================
        // 10. Static and extension helpers.
        // =====================================================================================================

        private const string HelpersProgram = """
            internal static class ContactFormat
            {
                public static string Normalize(string contact) => contact.Trim().ToLowerInvariant();

                public static string Token(string contact) => Privacy.Pseudonym(Normalize(contact));
            }

            internal static class GatewayExtensions
            {
                public static void ShareNormalized(this IPartnerGateway gateway, string contact) => gateway.Share(ContactFormat.Normalize(contact));
            }

            internal static class PartnerHelpers
            {
                public static void ShareContact(IPartnerGateway gateway, string contact)
                {
                    if (string.IsNullOrWhiteSpace(contact))
                    {
                        return;
                    }

                    gateway.Share(ContactFormat.Normalize(contact));
                }
            }

            internal sealed class LoyaltyService
            {
                private readonly IPartnerGateway _gateway;

                public LoyaltyService(IPartnerGateway gateway) { _gateway = gateway; }

                public void Enroll(User user)
                {
                    $CALL
                }
            }
            """;

        [Fact]
        public Task Static_helper_that_normalizes_and_shares_through_a_gateway_parameter_is_reported_at_the_caller_argument() => Run(
            HelpersProgram.Replace("$CALL", "PartnerHelpers.ShareContact(_gateway, {|#0:user.Email|});"), Min001(0));

        [Fact]
        public Task Static_helper_given_a_token_made_by_a_helper_that_calls_the_minimizer_is_clean() => Run(
            HelpersProgram.Replace("$CALL", "PartnerHelpers.ShareContact(_gateway, ContactFormat.Token(user.Email));"));

        [Fact]
        public Task Extension_helper_on_the_gateway_given_the_raw_phone_is_reported_at_the_argument_not_the_extended_gateway() => Run(
            HelpersProgram.Replace("$CALL", "_gateway.ShareNormalized({|#0:user.Phone|});"), Min001(0));

        [Fact]
        public Task Extension_helper_on_the_gateway_given_the_non_identifying_plan_is_clean() => Run(
            HelpersProgram.Replace("$CALL", "_gateway.ShareNormalized(user.Plan);"));

        [Fact]
        public Task Normalized_email_from_a_static_helper_sent_to_the_gateway_is_reported_at_the_whole_argument() => Run(
            HelpersProgram.Replace("$CALL", "_gateway.Share({|#0:ContactFormat.Normalize(user.Email)|});"), Min001(0));

        [Fact]
        public Task Token_from_a_static_helper_sent_to_the_gateway_is_clean() => Run(
            HelpersProgram.Replace("$CALL", "_gateway.Share(ContactFormat.Token(user.Email));"));

        // =====================================================================================================
        // 11. A partner interface annotated itself: its no-op implementation is still a sink.
        // =====================================================================================================

        private const string AdsProgram = """
            internal interface IAdsPartner
            {
                [PartnerShare("ads")] void Track(string subject);
            }

            internal sealed class AdsClient : IAdsPartner
            {
                public void Track(string subject) => Console.WriteLine("tracked");
            }

            internal sealed class NullAdsPartner : IAdsPartner
            {
                public void Track(string subject) { }
            }

            internal sealed class AttributionDomainService
            {
                private readonly IAdsPartner _ads;

                public AttributionDomainService(IAdsPartner ads) { _ads = ads; }

                public void Attribute(string subject) => _ads.Track(subject);
            }

            internal sealed class PreviewAttribution
            {
                private readonly NullAdsPartner _ads = new NullAdsPartner();

                public void Attribute(User user) => _ads.Track($PREVIEW);
            }

            internal sealed class AttributionController
            {
                private readonly AttributionDomainService _attribution;

                public AttributionController(AttributionDomainService attribution) { _attribution = attribution; }

                public void Track(User user) => _attribution.Attribute($SUBJECT);
            }
            """;

        [Fact]
        public Task Annotated_partner_interface_reached_through_a_domain_service_is_reported_at_the_controller_argument() => Run(
            AdsProgram.Replace("$SUBJECT", "{|#0:user.Email|}").Replace("$PREVIEW", "user.Id.ToString()"), Min001(0));

        [Fact]
        public Task Annotated_partner_interface_reached_through_a_domain_service_with_the_user_id_is_clean() => Run(
            AdsProgram.Replace("$SUBJECT", "user.Id.ToString()").Replace("$PREVIEW", "user.Id.ToString()"));

        [Fact]
        public Task No_op_implementation_of_an_annotated_partner_member_is_still_a_sink() => Run(
            AdsProgram.Replace("$SUBJECT", "user.Id.ToString()").Replace("$PREVIEW", "{|#0:user.Email|}"), Min001(0));

        [Fact]
        public Task No_op_implementation_of_an_annotated_partner_member_given_a_pseudonym_is_clean() => Run(
            AdsProgram.Replace("$SUBJECT", "user.Id.ToString()").Replace("$PREVIEW", "Privacy.Pseudonym(user.Email)"));

        // =====================================================================================================
        // 12. An object that sends its own member: the receiver is not the report site.
        // =====================================================================================================

        private const string ContactCardProgram = """
            internal sealed class ContactCard
            {
                private readonly string _contact;
                private readonly Guid _userId;

                public ContactCard(Guid userId, string contact)
                {
                    _userId = userId;
                    _contact = contact;
                }

                public void PublishTo(IPartnerGateway gateway)
                {
                    gateway.ShareId(_userId);
                    gateway.Share($SENT);
                }
            }

            internal sealed class CardService
            {
                private readonly IPartnerGateway _gateway;

                public CardService(IPartnerGateway gateway) { _gateway = gateway; }

                public void Publish(User user)
                {
                    var card = new ContactCard(user.Id, $STORED);
                    card.PublishTo(_gateway);
                }
            }
            """;

        [Fact]
        public Task Card_holding_the_raw_email_that_publishes_itself_is_reported_inside_at_its_own_member() => Run(
            ContactCardProgram.Replace("$STORED", "user.Email").Replace("$SENT", "{|#0:_contact|}"), Min001(0));

        [Fact]
        public Task Card_holding_a_pseudonym_that_publishes_itself_is_clean() => Run(
            ContactCardProgram.Replace("$STORED", "Privacy.Pseudonym(user.Email)").Replace("$SENT", "_contact"));
    }
}
