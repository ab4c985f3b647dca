using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), without reading the flow engine: whole application slices as teams write them, several files'
    /// worth of types in one program. Covered: an ASP.NET-style controller (plain classes) calling an application service
    /// that saves through a repository over a DbContext-like store and writes an outbox table drained by a relay into a
    /// typed partner HTTP client wrapper; a MediatR-like request/handler pipeline with behaviors; domain events raised by
    /// an aggregate and dispatched after save (plain and annotated event members); an anti-corruption layer mapping the
    /// domain object to the partner DTO behind an interface with two implementations (injected, and a readonly field given
    /// a <c>new</c>); a nightly CSV export job in batches beside a local archive; a weekly bucketed report built with a
    /// dictionary and <c>StringBuilder</c>; an audit trail that keeps raw data locally while a partner feed gets minimized
    /// data; a cache decorator in front of a repository (values and email-keyed index); options objects driving
    /// <c>switch</c> expressions; DI through an interface with a partner and a local implementation (report at the
    /// outermost caller, Reading 1); an invitation flow stored and delivered by a worker to a mail partner; a GDPR
    /// erasure handler (overwritten variables); a webhook dispatcher over a <c>Channel</c> and a retrying client
    /// decorator; a checkout fraud screening client with a parameter-level sink beside a non-sink parameter.
    /// Every reported shape has near-miss twins that must stay clean: the value minimized on the way, only
    /// <c>[NonIdentifying]</c> members, ids or counts shared, a second path that never receives identity, or the raw data
    /// kept only in a local log or store that is not a partner sink. Types are internal so that MIN010 stays out of the
    /// picture.
    /// </summary>
    public class HeldOutApplicationsTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The shared domain: the customer, the partner DTO, the typed partner client, the local log and the minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Globalization;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal sealed class Customer
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public string Tier { get; set; } = "basic";
                [NonIdentifying] public string Country { get; set; } = "";
                [NonIdentifying] public DateTime JoinedAt { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [IdentityBearing(IdentityCategory.PostalCode)] public string PostalCode { get; set; } = "";
            }

            internal sealed class PartnerContact
            {
                public Guid CustomerRef { get; set; }
                public string Tier { get; set; } = "";
                public string Region { get; set; } = "";
                public string ContactToken { get; set; } = "";
            }

            internal interface IPartnerClient
            {
                [PartnerShare("loyalty")] Task PostJsonAsync(string route, string json, CancellationToken ct = default);
                [PartnerShare("loyalty")] Task PostContactAsync(PartnerContact contact, CancellationToken ct = default);
                [PartnerShare("loyalty")] Task PostCsvAsync(IReadOnlyList<string> lines, CancellationToken ct = default);
            }

            internal sealed class HttpPartnerClient : IPartnerClient
            {
                private readonly HttpClient _http;

                public HttpPartnerClient(HttpClient http) { _http = http; }

                public Task PostJsonAsync(string route, string json, CancellationToken ct = default)
                    => SendAsync(route, new StringContent(json, Encoding.UTF8, "application/json"), ct);

                public Task PostContactAsync(PartnerContact contact, CancellationToken ct = default)
                    => SendAsync("/v1/contacts", new StringContent(JsonSerializer.Serialize(contact), Encoding.UTF8, "application/json"), ct);

                public Task PostCsvAsync(IReadOnlyList<string> lines, CancellationToken ct = default)
                    => SendAsync("/v1/import", new StringContent(string.Join("\n", lines), Encoding.UTF8, "text/csv"), ct);

                private async Task SendAsync(string route, HttpContent content, CancellationToken ct)
                {
                    using HttpResponseMessage response = await _http.PostAsync(route, content, ct);
                    response.EnsureSuccessStatusCode();
                }
            }

            internal static class LocalLog
            {
                public static void Info(string message) => Console.WriteLine(DateTime.UtcNow.ToString("O") + " " + message);
            }

            internal static class Privacy
            {
                private static readonly byte[] Key = Encoding.UTF8.GetBytes("applications-pseudonym-key");

                [Minimizer]
                public static string Pseudonym(string value) => Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));

                [Minimizer]
                public static string Region(string postalCode) => postalCode.Length >= 3 ? postalCode.Substring(0, 3) : "";

                [Minimizer]
                public static string Last4(string phone) => phone.Length > 4 ? phone.Substring(phone.Length - 4) : "";

                [Minimizer]
                public static string Prefix24(string ip)
                {
                    int cut = ip.LastIndexOf('.');
                    return cut > 0 ? ip.Substring(0, cut) + ".0/24" : "";
                }

                [Minimizer]
                public static PartnerContact ToPartnerContact(Customer c)
                    => new PartnerContact { CustomerRef = c.Id, Tier = c.Tier, Region = Region(c.PostalCode), ContactToken = Pseudonym(c.Email) };
            }

            """;

        // =====================================================================================================
        // 1. Signup slice: controller -> service -> repository over a DbContext-like store -> outbox -> relay -> client.
        // =====================================================================================================

        private const string SignupProgram = """
            internal sealed class RegisterRequest
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                public string Tier { get; set; } = "basic";
            }

            internal sealed class OutboxRow
            {
                public Guid Id { get; set; } = Guid.NewGuid();
                public string Topic { get; set; } = "";
                public string Payload { get; set; } = "";
                public DateTime? SentAt { get; set; }
            }

            internal sealed class AppDbContext
            {
                public List<Customer> Customers { get; } = new();
                public List<OutboxRow> Outbox { get; } = new();

                public Task<int> SaveChangesAsync(CancellationToken ct = default) => Task.FromResult(Customers.Count + Outbox.Count);
            }

            internal sealed class CustomerRepository
            {
                private readonly AppDbContext _db;

                public CustomerRepository(AppDbContext db) { _db = db; }

                public void Add(Customer customer) => _db.Customers.Add(customer);

                public Customer? Find(Guid id) => _db.Customers.FirstOrDefault(c => c.Id == id);
            }

            internal sealed class RegistrationService
            {
                private readonly AppDbContext _db;
                private readonly CustomerRepository _customers;

                public RegistrationService(AppDbContext db, CustomerRepository customers) { _db = db; _customers = customers; }

                public async Task<Guid> RegisterAsync(RegisterRequest request, CancellationToken ct)
                {
                    var customer = new Customer
                    {
                        Id = Guid.NewGuid(),
                        Email = request.Email.Trim().ToLowerInvariant(),
                        FullName = request.FullName,
                        Tier = request.Tier,
                        JoinedAt = DateTime.UtcNow,
                    };
                    _customers.Add(customer);
                    _db.Outbox.Add(new OutboxRow { Topic = "customer.registered", Payload = JsonSerializer.Serialize($EVENT) });
                    await _db.SaveChangesAsync(ct);
                    return customer.Id;
                }
            }

            internal sealed class CustomersController
            {
                private readonly RegistrationService _service;

                public CustomersController(RegistrationService service) { _service = service; }

                public async Task<object> Post(RegisterRequest request, CancellationToken ct)
                {
                    if (string.IsNullOrWhiteSpace(request.Email)) return new { error = "email is required" };
                    Guid id = await _service.RegisterAsync(request, ct);
                    return new { id, location = "/customers/" + id.ToString("N") };
                }
            }

            internal sealed class OutboxRelay
            {
                private readonly AppDbContext _db;
                private readonly IPartnerClient _partner;

                public OutboxRelay(AppDbContext db, IPartnerClient partner) { _db = db; _partner = partner; }

                public async Task RunOnceAsync(CancellationToken ct)
                {
                    foreach (OutboxRow row in _db.Outbox.Where(r => r.SentAt == null).ToList())
                    {
                        await _partner.PostJsonAsync("/v1/events", {|#0:row.Payload|}, ct);
                        row.SentAt = DateTime.UtcNow;
                    }

                    await _partner.PostJsonAsync("/v1/stats", $STATS, ct);
                    await _db.SaveChangesAsync(ct);
                }
            }
            """;

        private static string Signup(string evt, string stats = "_db.Outbox.Count.ToString(CultureInfo.InvariantCulture)")
            => SignupProgram.Replace("$EVENT", evt).Replace("$STATS", stats);

        [Fact]
        public Task Outbox_relay_sending_the_raw_email_stored_by_the_signup_service_is_reported() => Run(
            Signup("new { customer.Id, customer.Email, customer.Tier }"), Min001(0));

        [Fact]
        public Task Outbox_relay_sending_the_whole_serialized_customer_is_reported() => Run(
            Signup("customer"), Min001(0));

        [Fact]
        public Task Outbox_relay_sending_the_name_taken_from_the_annotated_request_is_reported() => Run(
            Signup("new { customer.Id, Name = request.FullName }"), Min001(0));

        [Fact]
        public Task Outbox_event_of_only_non_identifying_customer_members_is_clean_while_the_raw_customer_stays_in_the_local_table() => Run(Unmarked(
            Signup("new { customer.Id, customer.Tier, customer.JoinedAt }")));

        [Fact]
        public Task Outbox_event_with_a_pseudonymized_email_is_clean() => Run(Unmarked(
            Signup("new { customer.Id, Contact = Privacy.Pseudonym(customer.Email) }")));

        [Fact]
        public Task Outbox_event_built_by_the_partner_contact_minimizer_is_clean() => Run(Unmarked(
            Signup("Privacy.ToPartnerContact(customer)")));

        [Fact]
        public Task Relay_stats_listing_the_emails_of_the_local_customer_table_are_reported() => Run(
            Unmarked(Signup("new { customer.Id, customer.Tier }"))
                .Replace("_db.Outbox.Count.ToString(CultureInfo.InvariantCulture)", "{|#0:string.Join(\",\", _db.Customers.Select(c => c.Email))|}"),
            Min001(0));

        [Fact]
        public Task Relay_stats_counting_gold_customers_of_the_local_table_are_clean() => Run(Unmarked(
            Signup("new { customer.Id, customer.Tier }", stats: "_db.Customers.Count(c => c.Tier == \"gold\").ToString(CultureInfo.InvariantCulture)")));

        // =====================================================================================================
        // 2. A MediatR-like pipeline: request record, handler, behaviors, a hand-written mediator.
        // =====================================================================================================

        private const string MediatorProgram = """
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

            internal sealed record EnrollInLoyaltyCommand(
                Guid CustomerId,
                [property: IdentityBearing(IdentityCategory.Email)] string Email,
                [property: IdentityBearing(IdentityCategory.Phone)] string Phone,
                int Points) : IRequest<bool>;

            internal sealed class LoggingBehavior : IPipelineBehavior<EnrollInLoyaltyCommand, bool>
            {
                public async Task<bool> Handle(EnrollInLoyaltyCommand request, RequestHandlerDelegate<bool> next, CancellationToken ct)
                {
                    LocalLog.Info($"enrolling {request.Email} / {request.Phone}");
                    bool ok = await next();
                    LocalLog.Info(ok ? "enrolled" : "enrollment failed");
                    return ok;
                }
            }

            internal sealed class PartnerNotificationBehavior : IPipelineBehavior<EnrollInLoyaltyCommand, bool>
            {
                private readonly IPartnerClient _partner;

                public PartnerNotificationBehavior(IPartnerClient partner) { _partner = partner; }

                public async Task<bool> Handle(EnrollInLoyaltyCommand request, RequestHandlerDelegate<bool> next, CancellationToken ct)
                {
                    bool ok = await next();
                    if (ok)
                    {
                        await _partner.PostJsonAsync("/v1/enrolled", $NOTIFY, ct);
                    }

                    return ok;
                }
            }

            internal sealed class EnrollInLoyaltyHandler : IRequestHandler<EnrollInLoyaltyCommand, bool>
            {
                private readonly IPartnerClient _partner;

                public EnrollInLoyaltyHandler(IPartnerClient partner) { _partner = partner; }

                public async Task<bool> Handle(EnrollInLoyaltyCommand request, CancellationToken ct)
                {
                    if (request.Points < 0) return false;
                    await _partner.PostJsonAsync("/v1/members", $MEMBER, ct);
                    return true;
                }
            }

            internal sealed class Mediator
            {
                private readonly IRequestHandler<EnrollInLoyaltyCommand, bool> _handler;
                private readonly IReadOnlyList<IPipelineBehavior<EnrollInLoyaltyCommand, bool>> _behaviors;

                public Mediator(IRequestHandler<EnrollInLoyaltyCommand, bool> handler, IReadOnlyList<IPipelineBehavior<EnrollInLoyaltyCommand, bool>> behaviors)
                {
                    _handler = handler;
                    _behaviors = behaviors;
                }

                public Task<bool> Send(EnrollInLoyaltyCommand request, CancellationToken ct)
                {
                    RequestHandlerDelegate<bool> next = () => _handler.Handle(request, ct);
                    for (int i = _behaviors.Count - 1; i >= 0; i--)
                    {
                        IPipelineBehavior<EnrollInLoyaltyCommand, bool> behavior = _behaviors[i];
                        RequestHandlerDelegate<bool> inner = next;
                        next = () => behavior.Handle(request, inner, ct);
                    }

                    return next();
                }
            }

            internal sealed class LoyaltyController
            {
                private readonly Mediator _mediator;

                public LoyaltyController(Mediator mediator) { _mediator = mediator; }

                public Task<bool> Enroll(Customer customer, CancellationToken ct)
                    => _mediator.Send($COMMAND, ct);
            }
            """;

        private const string NewCommand = "new EnrollInLoyaltyCommand(customer.Id, customer.Email, customer.Phone, 100)";

        private static string Mediated(string member, string notify = "request.CustomerId.ToString(\"N\")", string command = NewCommand)
            => MediatorProgram.Replace("$MEMBER", member).Replace("$NOTIFY", notify).Replace("$COMMAND", command);

        [Fact]
        public Task Mediator_handler_posting_the_annotated_email_of_its_command_is_reported_in_the_handler() => Run(
            Mediated("{|#0:request.Email|}"), Min001(0));

        /// <remarks>
        /// The handler reads no annotated member itself: the serializer carries what the controller put into the record, and
        /// the command's type is not identity-bearing, so the chain is reported at its outermost argument, the new command the
        /// controller hands to the mediator.
        /// </remarks>
        [Fact]
        public Task Mediator_handler_posting_the_serialized_command_is_reported_at_the_command_the_controller_sends() => Run(
            Mediated("JsonSerializer.Serialize(request)", command: "{|#0:" + NewCommand + "|}"), Min001(0));

        [Fact]
        public Task Mediator_handler_posting_a_pseudonym_of_the_email_is_clean_while_the_logging_behavior_logs_it_raw() => Run(
            Mediated("Privacy.Pseudonym(request.Email)"));

        [Fact]
        public Task Mediator_handler_posting_only_the_customer_id_and_points_is_clean() => Run(
            Mediated("JsonSerializer.Serialize(new { request.CustomerId, request.Points })"));

        /// <remarks>Reading 8: the record's synthesized <c>ToString()</c> carries what was put into it, at the controller.</remarks>
        [Fact]
        public Task Notification_behavior_interpolating_the_command_record_is_reported_at_the_command_the_controller_sends() => Run(
            Mediated("request.CustomerId.ToString(\"N\")", notify: "$\"enrolled: {request}\"", command: "{|#0:" + NewCommand + "|}"), Min001(0));

        [Fact]
        public Task Notification_behavior_interpolating_a_command_built_from_pseudonyms_and_the_last_four_digits_is_clean() => Run(
            Mediated("request.CustomerId.ToString(\"N\")", notify: "$\"enrolled: {request}\"",
                command: "new EnrollInLoyaltyCommand(customer.Id, Privacy.Pseudonym(customer.Email), Privacy.Last4(customer.Phone), 100)"));

        [Fact]
        public Task Notification_behavior_posting_the_last_four_phone_digits_is_clean() => Run(
            Mediated("request.CustomerId.ToString(\"N\")", notify: "Privacy.Last4(request.Phone)"));

        // =====================================================================================================
        // 3. Domain events raised by an aggregate and dispatched by the store after save.
        // =====================================================================================================

        private const string DomainEventsProgram = """
            internal interface IDomainEvent { }

            internal sealed record EmailChanged(Guid AccountId, $ANNOTstring Contact) : IDomainEvent;

            internal sealed record PlanUpgraded(Guid AccountId, string Plan) : IDomainEvent;

            internal abstract class AggregateRoot
            {
                private readonly List<IDomainEvent> _events = new();

                public IReadOnlyList<IDomainEvent> DomainEvents => _events;

                protected void Raise(IDomainEvent domainEvent) => _events.Add(domainEvent);

                public void ClearEvents() => _events.Clear();
            }

            internal sealed class Account : AggregateRoot
            {
                public Guid Id { get; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; private set; } = "";
                public string Plan { get; private set; } = "free";

                public void ChangeEmail(string newEmail)
                {
                    if (newEmail == Email) return;
                    Email = newEmail;
                    Raise(new EmailChanged(Id, $RAISED));
                }

                public void Upgrade(string plan)
                {
                    Plan = plan;
                    Raise(new PlanUpgraded(Id, plan));
                }
            }

            internal interface IDomainEventHandler
            {
                Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct);
            }

            internal sealed class PartnerSyncHandler : IDomainEventHandler
            {
                private readonly IPartnerClient _partner;

                public PartnerSyncHandler(IPartnerClient partner) { _partner = partner; }

                public async Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct)
                {
                    switch (domainEvent)
                    {
                        case EmailChanged changed:
                            await _partner.PostJsonAsync("/v1/contact-changed", $CONTACTSENT, ct);
                            break;
                        case PlanUpgraded upgraded:
                            await _partner.PostJsonAsync("/v1/plan-changed", $PLANSENT, ct);
                            break;
                    }
                }
            }

            internal sealed class AuditLogHandler : IDomainEventHandler
            {
                public Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct)
                {
                    LocalLog.Info("domain event: " + domainEvent);
                    return Task.CompletedTask;
                }
            }

            internal sealed class AccountsDbContext
            {
                private readonly List<Account> _accounts = new();
                private readonly IEnumerable<IDomainEventHandler> _handlers;

                public AccountsDbContext(IEnumerable<IDomainEventHandler> handlers) { _handlers = handlers; }

                public void Add(Account account) => _accounts.Add(account);

                public Account Get(Guid id) => _accounts.First(a => a.Id == id);

                public async Task SaveChangesAsync(CancellationToken ct)
                {
                    List<IDomainEvent> pending = _accounts.SelectMany(a => a.DomainEvents).ToList();
                    foreach (Account account in _accounts) account.ClearEvents();
                    foreach (IDomainEvent domainEvent in pending)
                    {
                        foreach (IDomainEventHandler handler in _handlers)
                        {
                            await handler.HandleAsync($DISPATCHED, ct);
                        }
                    }
                }
            }

            internal sealed class AccountService
            {
                private readonly AccountsDbContext _db;

                public AccountService(AccountsDbContext db) { _db = db; }

                public async Task ChangeEmailAsync(Guid accountId, [IdentityBearing(IdentityCategory.Email)] string newEmail, CancellationToken ct)
                {
                    Account account = _db.Get(accountId);
                    account.ChangeEmail(newEmail.Trim());
                    await _db.SaveChangesAsync(ct);
                }

                public async Task UpgradeAsync(Guid accountId, string plan, CancellationToken ct)
                {
                    _db.Get(accountId).Upgrade(plan);
                    await _db.SaveChangesAsync(ct);
                }
            }
            """;

        private const string PlanSent = "upgraded.AccountId.ToString(\"N\") + \":\" + upgraded.Plan";

        private static string Events(string raised, string dispatched = "domainEvent", string contactSent = "changed.Contact", string annot = "", string planSent = PlanSent)
            => DomainEventsProgram.Replace("$RAISED", raised).Replace("$DISPATCHED", dispatched).Replace("$CONTACTSENT", contactSent).Replace("$ANNOT", annot)
                .Replace("$PLANSENT", planSent);

        private const string AnnotatedContact = "[property: IdentityBearing(IdentityCategory.Email)] ";

        [Fact]
        public Task Email_changed_event_carrying_the_new_email_is_reported_where_the_store_dispatches_it_after_save() => Run(
            Events("newEmail", dispatched: "{|#0:domainEvent|}"), Min001(0));

        [Fact]
        public Task Email_changed_event_carrying_the_annotated_aggregate_property_is_reported_at_the_dispatch() => Run(
            Events("Email", dispatched: "{|#0:domainEvent|}"), Min001(0));

        [Fact]
        public Task Email_changed_event_carrying_a_pseudonym_is_clean() => Run(
            Events("Privacy.Pseudonym(newEmail)"));

        [Fact]
        public Task Email_changed_event_carrying_only_the_account_id_is_clean() => Run(
            Events("Id.ToString(\"N\")"));

        [Fact]
        public Task Annotated_event_member_read_by_the_handler_is_reported_in_the_handler_even_when_a_pseudonym_was_written() => Run(
            Events("Privacy.Pseudonym(newEmail)", contactSent: "{|#0:changed.Contact|}", annot: AnnotatedContact), Min001(0));

        [Fact(Skip = "engine gap: expected no diagnostic (the EmailChanged branch sends only the Guid AccountId; PlanUpgraded events are only ever built from the clean plan); reported MIN001 at 'domainEvent' in handler.HandleAsync(domainEvent, ct): \"Identity from parameter 'newEmail' reaches partner sink IPartnerClient.PostJsonAsync (partner 'loyalty') without passing through a [Minimizer]: parameter 'newEmail' → String.Trim() → Account.ChangeEmail(string) → AggregateRoot.Raise(IDomainEvent) → AggregateRoot._events → AggregateRoot.DomainEvents → Enumerable.SelectMany(…) → Enumerable.ToList(…) → local 'pending' → local 'domainEvent' → PartnerSyncHandler.HandleAsync(IDomainEvent, CancellationToken) → PlanUpgraded.Plan → IPartnerClient.PostJsonAsync\". The events of one list are one abstract value, so the case PlanUpgraded pattern reads the identity written into an EmailChanged (Reading 11: no PlanUpgraded ever had identity written into it)")]
        public Task Handler_sending_only_the_account_id_of_an_event_with_an_annotated_member_is_clean() => Run(
            Events("newEmail", contactSent: "changed.AccountId.ToString(\"N\")", annot: AnnotatedContact));

        [Fact]
        public Task Handler_sending_only_account_ids_from_both_event_branches_is_clean_though_the_email_event_holds_the_raw_email() => Run(
            Events("newEmail", contactSent: "changed.AccountId.ToString(\"N\")", planSent: "upgraded.AccountId.ToString(\"N\")"));

        [Fact(Skip = "engine gap: expected no diagnostic (the EmailChanged branch sends only the Guid AccountId; the PlanUpgraded branch sends the plan of events only ever built from the clean plan string); reported MIN001 at 'domainEvent' in handler.HandleAsync(domainEvent, ct), path '… local 'domainEvent' → PartnerSyncHandler.HandleAsync(IDomainEvent, CancellationToken) → PlanUpgraded.Plan → IPartnerClient.PostJsonAsync': a string member read after a type pattern over an element of a mixed event list carries the identity of another event type")]
        public Task Handler_sending_the_plan_of_plan_upgraded_events_is_clean_though_the_email_event_holds_the_raw_email() => Run(
            Events("newEmail", contactSent: "changed.AccountId.ToString(\"N\")"));

        // =====================================================================================================
        // 4. Anti-corruption layer: domain customer -> partner DTO, behind an interface with two implementations.
        // =====================================================================================================

        private const string AclProgram = """
            internal interface ILoyaltyTranslator
            {
                PartnerContact Translate(Customer customer);
            }

            internal sealed class LoyaltyTranslator : ILoyaltyTranslator
            {
                public PartnerContact Translate(Customer customer) => new PartnerContact
                {
                    CustomerRef = customer.Id,
                    Tier = customer.Tier switch { "gold" => "G", "silver" => "S", _ => "B" },
                    Region = $REGION,
                    ContactToken = $TOKEN,
                };
            }

            internal sealed class LegacyLoyaltyTranslator : ILoyaltyTranslator
            {
                public PartnerContact Translate(Customer customer) => $LEGACY;
            }

            internal interface ICustomerRepository
            {
                Task<IReadOnlyList<Customer>> ChangedSinceAsync(DateTime since, CancellationToken ct);
            }

            internal sealed class InMemoryCustomerRepository : ICustomerRepository
            {
                private readonly List<Customer> _rows = new();

                public void Save(Customer customer) => _rows.Add(customer);

                public Task<IReadOnlyList<Customer>> ChangedSinceAsync(DateTime since, CancellationToken ct)
                    => Task.FromResult<IReadOnlyList<Customer>>(_rows.Where(c => c.JoinedAt >= since).ToList());
            }

            internal sealed class LoyaltyGateway
            {
                private readonly ILoyaltyTranslator _translator;
                private readonly IPartnerClient _client;

                public LoyaltyGateway(ILoyaltyTranslator translator, IPartnerClient client)
                {
                    _translator = $TRANSLATOR;
                    _client = client;
                }

                public Task PublishAsync(Customer customer, CancellationToken ct)
                    => _client.PostContactAsync({|#0:_translator.Translate(customer)|}, ct);
            }

            internal sealed class LoyaltySyncService
            {
                private readonly ICustomerRepository _repository;
                private readonly LoyaltyGateway _gateway;

                public LoyaltySyncService(ICustomerRepository repository, LoyaltyGateway gateway) { _repository = repository; _gateway = gateway; }

                public async Task<int> SyncAsync(DateTime since, CancellationToken ct)
                {
                    int sent = 0;
                    foreach (Customer customer in await _repository.ChangedSinceAsync(since, ct))
                    {
                        await _gateway.PublishAsync(customer, ct);
                        sent++;
                    }

                    LocalLog.Info($"loyalty sync sent {sent} contacts");
                    return sent;
                }
            }
            """;

        private static string Acl(string region, string token, string legacy = "Privacy.ToPartnerContact(customer)", string translator = "translator")
            => AclProgram.Replace("$REGION", region).Replace("$TOKEN", token).Replace("$LEGACY", legacy).Replace("$TRANSLATOR", translator);

        [Fact]
        public Task Translator_copying_the_raw_postal_code_into_the_partner_region_is_reported_at_the_gateway() => Run(
            Acl("customer.PostalCode", "Privacy.Pseudonym(customer.Email)"), Min001(0));

        [Fact]
        public Task Translator_normalizing_the_email_into_the_contact_token_is_reported_at_the_gateway() => Run(
            Acl("Privacy.Region(customer.PostalCode)", "customer.Email.Trim().ToLowerInvariant()"), Min001(0));

        [Fact]
        public Task Translator_minimizing_region_and_token_is_clean() => Run(Unmarked(
            Acl("Privacy.Region(customer.PostalCode)", "Privacy.Pseudonym(customer.Email)")));

        [Fact]
        public Task Legacy_second_implementation_of_the_injected_translator_copying_the_phone_is_reported() => Run(
            Acl("Privacy.Region(customer.PostalCode)", "Privacy.Pseudonym(customer.Email)",
                legacy: "new PartnerContact { CustomerRef = customer.Id, Tier = customer.Tier, ContactToken = customer.Phone }"), Min001(0));

        [Fact]
        public Task Gateway_whose_readonly_translator_field_is_only_given_the_minimizing_implementation_is_clean_beside_a_raw_legacy_one() => Run(Unmarked(
            Acl("Privacy.Region(customer.PostalCode)", "Privacy.Pseudonym(customer.Email)",
                legacy: "new PartnerContact { CustomerRef = customer.Id, Tier = customer.Tier, ContactToken = customer.Phone }",
                translator: "new LoyaltyTranslator()")));

        // =====================================================================================================
        // 5. Nightly export job: CSV lines in batches to the partner, raw lines to a local archive.
        // =====================================================================================================

        private const string NightlyExportProgram = """
            internal sealed class ExportOptions
            {
                public string Delimiter { get; set; } = ";";
                public bool IncludeHeader { get; set; } = true;
                public int BatchSize { get; set; } = 500;
            }

            internal interface IClock
            {
                DateTime UtcNow { get; }
            }

            internal sealed class SystemClock : IClock
            {
                public DateTime UtcNow => DateTime.UtcNow;
            }

            internal sealed class CustomerStore
            {
                private readonly List<Customer> _customers = new();

                public void Upsert(Customer customer)
                {
                    _customers.RemoveAll(x => x.Id == customer.Id);
                    _customers.Add(customer);
                }

                public IEnumerable<Customer> JoinedSince(DateTime since) => _customers.Where(c => c.JoinedAt >= since);
            }

            internal sealed class LocalArchive
            {
                private readonly List<string> _lines = new();

                public void Add(string line) => _lines.Add(line);

                public void Flush(DateTime day) => File.WriteAllLines(Path.Combine("exports", "archive-" + day.ToString("yyyyMMdd") + ".csv"), _lines);
            }

            internal sealed class NightlyPartnerExportJob
            {
                private readonly CustomerStore _store;
                private readonly IPartnerClient _partner;
                private readonly LocalArchive _archive;
                private readonly ExportOptions _options;
                private readonly IClock _clock;

                public NightlyPartnerExportJob(CustomerStore store, IPartnerClient partner, LocalArchive archive, ExportOptions options, IClock clock)
                {
                    _store = store; _partner = partner; _archive = archive; _options = options; _clock = clock;
                }

                public async Task RunAsync(CancellationToken ct)
                {
                    DateTime since = _clock.UtcNow.Date.AddDays(-1);
                    var lines = new List<string>();
                    if (_options.IncludeHeader) lines.Add(string.Join(_options.Delimiter, "ref", "tier", "country", "contact"));

                    foreach (Customer c in _store.JoinedSince(since))
                    {
                        _archive.Add(string.Join(_options.Delimiter, c.Id, c.FullName, c.Email, c.Phone, c.PostalCode));
                        lines.Add(FormatLine(c));
                        if (lines.Count >= _options.BatchSize)
                        {
                            await _partner.PostCsvAsync({|#0:lines.ToArray()|}, ct);
                            lines.Clear();
                        }
                    }

                    if (lines.Count > 0) await _partner.PostCsvAsync({|#1:lines|}, ct);
                    _archive.Flush(since);
                }

                private string FormatLine(Customer c)
                    => string.Join(_options.Delimiter, c.Id.ToString("N"), c.Tier, c.Country, $CONTACT);
            }
            """;

        [Fact]
        public Task Nightly_csv_batches_with_the_raw_email_are_reported_at_both_uploads() => Run(
            NightlyExportProgram.Replace("$CONTACT", "c.Email"), Min001(0), Min001(1));

        [Fact]
        public Task Nightly_csv_batches_with_the_first_name_split_from_the_full_name_are_reported_at_both_uploads() => Run(
            NightlyExportProgram.Replace("$CONTACT", "c.FullName.Split(' ')[0]"), Min001(0), Min001(1));

        [Fact]
        public Task Nightly_csv_with_a_pseudonymized_email_is_clean_while_the_local_archive_keeps_everything_raw() => Run(Unmarked(
            NightlyExportProgram.Replace("$CONTACT", "Privacy.Pseudonym(c.Email)")));

        [Fact]
        public Task Nightly_csv_with_the_postal_region_is_clean() => Run(Unmarked(
            NightlyExportProgram.Replace("$CONTACT", "Privacy.Region(c.PostalCode)")));

        // =====================================================================================================
        // 6. Weekly bucketed report: a dictionary of counts rendered with a StringBuilder.
        // =====================================================================================================

        private const string WeeklyReportProgram = """
            internal interface ICustomerSource
            {
                IEnumerable<Customer> All();
            }

            internal sealed class ListCustomerSource : ICustomerSource
            {
                private readonly List<Customer> _customers;

                public ListCustomerSource(IEnumerable<Customer> seed) { _customers = seed.ToList(); }

                public IEnumerable<Customer> All() => _customers;
            }

            internal sealed class WeeklyRegionReportJob
            {
                private readonly ICustomerSource _source;
                private readonly IPartnerClient _partner;

                public WeeklyRegionReportJob(ICustomerSource source, IPartnerClient partner) { _source = source; _partner = partner; }

                public Task RunAsync(CancellationToken ct)
                {
                    var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                    foreach (Customer c in _source.All())
                    {
                        string bucket = $BUCKET;
                        counts[bucket] = counts.TryGetValue(bucket, out int n) ? n + 1 : 1;
                    }

                    var sb = new StringBuilder();
                    sb.AppendLine("bucket;customers");
                    foreach (KeyValuePair<string, int> kv in counts.OrderByDescending(pair => pair.Value))
                    {
                        sb.Append(kv.Key).Append(';').Append(kv.Value.ToString(CultureInfo.InvariantCulture)).AppendLine();
                    }

                    LocalLog.Info($"weekly report: {counts.Count} buckets");
                    return _partner.PostJsonAsync("/v1/weekly-regions", {|#0:sb.ToString()|}, ct);
                }
            }
            """;

        [Fact]
        public Task Weekly_report_bucketed_by_full_postal_code_is_reported_through_the_dictionary_keys() => Run(
            WeeklyReportProgram.Replace("$BUCKET", "c.PostalCode"), Min001(0));

        [Fact]
        public Task Weekly_report_bucketed_by_the_minimized_postal_region_is_clean() => Run(Unmarked(
            WeeklyReportProgram.Replace("$BUCKET", "Privacy.Region(c.PostalCode)")));

        [Fact]
        public Task Weekly_report_bucketed_by_the_non_identifying_country_and_tier_is_clean() => Run(Unmarked(
            WeeklyReportProgram.Replace("$BUCKET", "c.Country + \"/\" + c.Tier")));

        // =====================================================================================================
        // 7. Audit trail keeps raw data locally; a partner feed gets the minimized change.
        // =====================================================================================================

        private const string AuditFeedProgram = """
            internal sealed class ChangePhoneRequest
            {
                public Guid CustomerId { get; set; }
                [IdentityBearing(IdentityCategory.Phone)] public string NewPhone { get; set; } = "";
            }

            internal sealed record AuditEntry(DateTime At, string Actor, string Action, string Details);

            internal sealed class AuditTrail
            {
                private readonly List<AuditEntry> _entries = new();

                public void Record(string actor, string action, string details) => _entries.Add(new AuditEntry(DateTime.UtcNow, actor, action, details));

                public IReadOnlyList<AuditEntry> Since(DateTime at) => _entries.Where(e => e.At >= at).ToList();
            }

            internal sealed record PartnerFeedItem(Guid CustomerRef, string Action, string Contact);

            internal sealed class PartnerFeed
            {
                private readonly List<PartnerFeedItem> _items = new();

                public void Append(PartnerFeedItem item) => _items.Add(item);

                public IReadOnlyList<PartnerFeedItem> Drain()
                {
                    List<PartnerFeedItem> copy = _items.ToList();
                    _items.Clear();
                    return copy;
                }
            }

            internal sealed class ProfileService
            {
                private readonly AuditTrail _audit;
                private readonly PartnerFeed _feed;

                public ProfileService(AuditTrail audit, PartnerFeed feed) { _audit = audit; _feed = feed; }

                public void UpdatePhone(Customer c, string newPhone, string actor)
                {
                    string old = c.Phone;
                    c.Phone = newPhone;
                    _audit.Record(actor, "phone-changed", $"{c.Id}: {old} -> {c.Phone}");
                    _feed.Append(new PartnerFeedItem(c.Id, "phone-changed", $FEED));
                }
            }

            internal sealed class ProfileController
            {
                private readonly ProfileService _service;
                private readonly Func<Guid, Customer> _load;

                public ProfileController(ProfileService service, Func<Guid, Customer> load) { _service = service; _load = load; }

                public string Put(ChangePhoneRequest request, string user)
                {
                    _service.UpdatePhone(_load(request.CustomerId), request.NewPhone, user);
                    return "accepted";
                }
            }

            internal sealed class FeedPublisher
            {
                private readonly PartnerFeed _feed;
                private readonly AuditTrail _audit;
                private readonly IPartnerClient _partner;

                public FeedPublisher(PartnerFeed feed, AuditTrail audit, IPartnerClient partner) { _feed = feed; _audit = audit; _partner = partner; }

                public async Task PublishAsync(CancellationToken ct)
                {
                    foreach (PartnerFeedItem item in _feed.Drain())
                    {
                        await _partner.PostJsonAsync("/v1/feed", {|#0:JsonSerializer.Serialize(item)|}, ct);
                    }

                    $EXTRA
                }
            }
            """;

        [Fact]
        public Task Partner_feed_item_with_the_raw_new_phone_is_reported_where_the_publisher_sends_it() => Run(
            AuditFeedProgram.Replace("$FEED", "c.Phone").Replace("$EXTRA", ""), Min001(0));

        [Fact]
        public Task Partner_feed_item_with_the_phone_parameter_from_the_annotated_request_is_reported_where_the_publisher_sends_it() => Run(
            AuditFeedProgram.Replace("$FEED", "newPhone").Replace("$EXTRA", ""), Min001(0));

        [Fact]
        public Task Partner_feed_with_the_last_four_digits_is_clean_while_the_audit_trail_keeps_old_and_new_phone_raw() => Run(Unmarked(
            AuditFeedProgram.Replace("$FEED", "Privacy.Last4(c.Phone)").Replace("$EXTRA", "")));

        [Fact]
        public Task Publisher_also_forwarding_the_raw_audit_details_is_reported_there_only() => Run(
            Unmarked(AuditFeedProgram.Replace("$FEED", "Privacy.Last4(c.Phone)"))
                .Replace("$EXTRA", "foreach (AuditEntry entry in _audit.Since(DateTime.UtcNow.AddHours(-1))) await _partner.PostJsonAsync(\"/v1/audit\", {|#0:entry.Details|}, ct);"),
            Min001(0));

        [Fact]
        public Task Publisher_forwarding_only_the_audit_entry_count_is_clean() => Run(Unmarked(
            AuditFeedProgram.Replace("$FEED", "Privacy.Last4(c.Phone)")
                .Replace("$EXTRA", "await _partner.PostJsonAsync(\"/v1/audit-count\", _audit.Since(DateTime.UtcNow.AddHours(-1)).Count.ToString(CultureInfo.InvariantCulture), ct);")));

        // =====================================================================================================
        // 8. A cache decorator in front of a repository; a referral service and cache diagnostics.
        // =====================================================================================================

        private const string CacheProgram = """
            internal interface ICustomerReader
            {
                Task<Customer?> FindAsync(Guid id, CancellationToken ct);
            }

            internal sealed class DbCustomerReader : ICustomerReader
            {
                private readonly Dictionary<Guid, Customer> _table = new();

                public void Seed(Customer customer) => _table[customer.Id] = customer;

                public Task<Customer?> FindAsync(Guid id, CancellationToken ct)
                    => Task.FromResult(_table.TryGetValue(id, out Customer? found) ? found : null);
            }

            internal sealed class CachedCustomerReader : ICustomerReader
            {
                private readonly ICustomerReader _inner;
                private readonly ConcurrentDictionary<Guid, Customer> _cache = new();
                private readonly ConcurrentDictionary<string, Guid> _idsByEmail = new(StringComparer.OrdinalIgnoreCase);

                public CachedCustomerReader(ICustomerReader inner) { _inner = inner; }

                public int Count => _cache.Count;

                public IReadOnlyList<string> CachedEmails => _idsByEmail.Keys.OrderBy(k => k).ToList();

                public async Task<Customer?> FindAsync(Guid id, CancellationToken ct)
                {
                    if (_cache.TryGetValue(id, out Customer? hit)) return hit;
                    Customer? loaded = await _inner.FindAsync(id, ct);
                    if (loaded is not null)
                    {
                        _cache[id] = loaded;
                        _idsByEmail[loaded.Email] = id;
                    }

                    return loaded;
                }
            }

            internal sealed class ReferralService
            {
                private readonly ICustomerReader _reader;
                private readonly IPartnerClient _partner;

                public ReferralService(ICustomerReader reader, IPartnerClient partner) { _reader = reader; _partner = partner; }

                public async Task<bool> ReferAsync(Guid customerId, CancellationToken ct)
                {
                    Customer? customer = await _reader.FindAsync(customerId, ct);
                    if (customer is null) return false;
                    await _partner.PostJsonAsync("/v1/referrals", $REFERRAL, ct);
                    return true;
                }
            }

            internal sealed class CacheDiagnostics
            {
                private readonly CachedCustomerReader _cache;
                private readonly IPartnerClient _partner;

                public CacheDiagnostics(CachedCustomerReader cache, IPartnerClient partner) { _cache = cache; _partner = partner; }

                public Task ReportAsync(CancellationToken ct) => _partner.PostJsonAsync("/v1/cache-stats", $STATS, ct);
            }
            """;

        private static string Cached(string referral, string stats = "_cache.Count.ToString(CultureInfo.InvariantCulture)")
            => CacheProgram.Replace("$REFERRAL", referral).Replace("$STATS", stats);

        [Fact]
        public Task Referral_posting_the_email_of_a_customer_served_by_the_cache_is_reported() => Run(
            Cached("{|#0:customer.Email|}"), Min001(0));

        [Fact]
        public Task Referral_posting_the_serialized_cached_customer_is_reported() => Run(
            Cached("{|#0:JsonSerializer.Serialize(customer)|}"), Min001(0));

        [Fact]
        public Task Referral_posting_id_and_tier_of_the_cached_customer_is_clean() => Run(
            Cached("JsonSerializer.Serialize(new { customer.Id, customer.Tier })"));

        [Fact]
        public Task Cache_diagnostics_listing_the_email_keys_of_the_cache_index_is_reported() => Run(
            Cached("customer.Id.ToString(\"N\")", stats: "{|#0:string.Join(\",\", _cache.CachedEmails)|}"), Min001(0));

        [Fact]
        public Task Cache_diagnostics_sending_only_the_entry_count_is_clean() => Run(
            Cached("customer.Id.ToString(\"N\")"));

        // =====================================================================================================
        // 9. Options objects: a sharing mode and a field list drive switch expressions.
        // =====================================================================================================

        private const string OptionsProgram = """
            internal enum ContactSharing { None, Pseudonymous, Full }

            internal sealed class LoyaltyPartnerOptions
            {
                public string Route { get; set; } = "/v1/members";
                public ContactSharing Sharing { get; set; } = ContactSharing.Pseudonymous;
                public string[] Fields { get; set; } = { "ref", "tier" };
                public string SupportContact { get; set; } = "privacy@shop.example";
            }

            internal interface IOptions<out T> where T : class
            {
                T Value { get; }
            }

            internal sealed class StaticOptions<T> : IOptions<T> where T : class
            {
                public StaticOptions(T value) { Value = value; }

                public T Value { get; }
            }

            internal sealed class MemberExporter
            {
                private readonly LoyaltyPartnerOptions _options;
                private readonly IPartnerClient _partner;

                public MemberExporter(IOptions<LoyaltyPartnerOptions> options, IPartnerClient partner) { _options = options.Value; _partner = partner; }

                public Task ExportAsync(Customer c, CancellationToken ct)
                {
                    string contact = _options.Sharing switch
                    {
                        ContactSharing.Full => $FULL,
                        ContactSharing.Pseudonymous => Privacy.Pseudonym(c.Email),
                        _ => "",
                    };

                    var fields = new Dictionary<string, string>();
                    foreach (string name in _options.Fields)
                    {
                        fields[name] = name switch
                        {
                            "ref" => c.Id.ToString("N"),
                            "tier" => c.Tier,
                            "country" => c.Country,
                            $FIELDARM
                            _ => "",
                        };
                    }

                    fields["contact"] = contact;
                    fields["support"] = _options.SupportContact;
                    return _partner.PostJsonAsync(_options.Route, {|#0:JsonSerializer.Serialize(fields)|}, ct);
                }
            }

            internal static class CompositionRoot
            {
                public static MemberExporter Build(HttpClient http)
                    => new MemberExporter(new StaticOptions<LoyaltyPartnerOptions>(new LoyaltyPartnerOptions { Sharing = ContactSharing.Pseudonymous }), new HttpPartnerClient(http));
            }
            """;

        [Fact]
        public Task Options_switch_with_a_full_sharing_arm_giving_the_raw_email_is_reported() => Run(
            OptionsProgram.Replace("$FULL", "c.Email").Replace("$FIELDARM", ""), Min001(0));

        [Fact]
        public Task Options_field_list_switch_with_a_postal_code_arm_is_reported() => Run(
            OptionsProgram.Replace("$FULL", "Privacy.Pseudonym(c.Email)").Replace("$FIELDARM", "\"postal\" => c.PostalCode,"), Min001(0));

        [Fact]
        public Task Options_switches_whose_every_arm_is_minimized_or_non_identifying_are_clean_with_the_configured_support_address() => Run(Unmarked(
            OptionsProgram.Replace("$FULL", "Privacy.Pseudonym(c.Email)").Replace("$FIELDARM", "\"region\" => Privacy.Region(c.PostalCode),")));

        [Fact]
        public Task Options_full_sharing_arm_sending_the_last_four_phone_digits_is_clean() => Run(Unmarked(
            OptionsProgram.Replace("$FULL", "Privacy.Last4(c.Phone)").Replace("$FIELDARM", "")));

        // =====================================================================================================
        // 10. DI through an interface with a partner and a local implementation: report at the outermost caller.
        // =====================================================================================================

        private const string ReminderProgram = """
            internal interface IReminderChannel
            {
                Task SendAsync(string recipient, string text, CancellationToken ct);
            }

            internal sealed class PartnerSmsChannel : IReminderChannel
            {
                private readonly IPartnerClient _partner;

                public PartnerSmsChannel(IPartnerClient partner) { _partner = partner; }

                public Task SendAsync(string recipient, string text, CancellationToken ct)
                    => _partner.PostJsonAsync("/v1/sms", JsonSerializer.Serialize(new { to = $TOTO, text }), ct);
            }

            internal sealed class LocalLogChannel : IReminderChannel
            {
                public Task SendAsync(string recipient, string text, CancellationToken ct)
                {
                    LocalLog.Info($"reminder for {recipient}: {text}");
                    return Task.CompletedTask;
                }
            }

            internal sealed class AppointmentReminderService
            {
                private readonly IReminderChannel _channel;

                public AppointmentReminderService(IReminderChannel channel) { _channel = channel; }

                public Task RemindAsync(string phone, DateTime at, CancellationToken ct)
                    => _channel.SendAsync(phone, $"Reminder: your appointment is at {at:HH:mm}", ct);
            }

            internal sealed class AppointmentsController
            {
                private readonly AppointmentReminderService _reminders;

                public AppointmentsController(AppointmentReminderService reminders) { _reminders = reminders; }

                public async Task<string> Remind(Customer customer, DateTime at, CancellationToken ct)
                {
                    if (at < DateTime.UtcNow) return "past";
                    await _reminders.RemindAsync($PHONE, at, ct);
                    return "scheduled";
                }
            }
            """;

        [Fact]
        public Task Phone_passed_through_the_reminder_service_to_the_partner_sms_channel_is_reported_at_the_controller() => Run(
            ReminderProgram.Replace("$TOTO", "recipient").Replace("$PHONE", "{|#0:customer.Phone|}"), Min001(0));

        [Fact]
        public Task Normalized_phone_passed_through_the_injected_channel_is_reported_at_the_controller_expression() => Run(
            ReminderProgram.Replace("$TOTO", "recipient").Replace("$PHONE", "{|#0:\"+1\" + customer.Phone.Replace(\"-\", \"\")|}"), Min001(0));

        [Fact]
        public Task Partner_sms_channel_sending_only_the_last_four_digits_is_clean_while_the_local_channel_logs_the_number() => Run(
            ReminderProgram.Replace("$TOTO", "Privacy.Last4(recipient)").Replace("$PHONE", "customer.Phone"));

        [Fact]
        public Task Reminder_addressed_by_the_customer_id_is_clean() => Run(
            ReminderProgram.Replace("$TOTO", "recipient").Replace("$PHONE", "customer.Id.ToString(\"N\")"));

        // =====================================================================================================
        // 11. Invitations: controller -> service -> repository; a worker later delivers through a mail partner.
        // =====================================================================================================

        private const string InvitationProgram = """
            internal sealed class InviteFriendRequest
            {
                [IdentityBearing(IdentityCategory.Email)] public string FriendEmail { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string FriendName { get; set; } = "";
            }

            internal sealed class Invitation
            {
                public Guid Id { get; } = Guid.NewGuid();
                public Guid InviterId { get; init; }
                public string Recipient { get; init; } = "";
                public DateTime CreatedAt { get; init; }
                public bool Delivered { get; set; }
            }

            internal interface IInvitationRepository
            {
                void Add(Invitation invitation);
                IReadOnlyList<Invitation> Pending();
            }

            internal sealed class InvitationRepository : IInvitationRepository
            {
                private readonly ConcurrentDictionary<Guid, Invitation> _rows = new();

                public void Add(Invitation invitation) => _rows[invitation.Id] = invitation;

                public IReadOnlyList<Invitation> Pending() => _rows.Values.Where(r => !r.Delivered).OrderBy(r => r.CreatedAt).ToList();
            }

            internal interface IMailPartner
            {
                [PartnerShare("mailer")]
                Task SendTemplateAsync(string template, string recipient, IDictionary<string, string> model, CancellationToken ct);
            }

            internal sealed class InvitationService
            {
                private readonly IInvitationRepository _repository;

                public InvitationService(IInvitationRepository repository) { _repository = repository; }

                public Guid Invite(Customer inviter, InviteFriendRequest request)
                {
                    var invitation = new Invitation { InviterId = inviter.Id, Recipient = $RECIPIENT, CreatedAt = DateTime.UtcNow };
                    _repository.Add(invitation);
                    LocalLog.Info($"{inviter.Id:N} invited {request.FriendName} <{request.FriendEmail}>");
                    return invitation.Id;
                }
            }

            internal sealed class InvitationsController
            {
                private readonly InvitationService _service;

                public InvitationsController(InvitationService service) { _service = service; }

                public object Post(Customer currentUser, InviteFriendRequest request) => new { id = _service.Invite(currentUser, request) };
            }

            internal sealed class InvitationMailerWorker
            {
                private readonly IInvitationRepository _repository;
                private readonly IMailPartner _mail;

                public InvitationMailerWorker(IInvitationRepository repository, IMailPartner mail) { _repository = repository; _mail = mail; }

                public async Task DeliverPendingAsync(CancellationToken ct)
                {
                    foreach (Invitation invitation in _repository.Pending())
                    {
                        var model = new Dictionary<string, string>
                        {
                            ["link"] = "https://shop.example/join/" + invitation.Id.ToString("N"),
                            ["inviter"] = invitation.InviterId.ToString("N"),
                        };
                        await _mail.SendTemplateAsync("friend-invite", $SENTTO, model, ct);
                        invitation.Delivered = true;
                    }
                }
            }
            """;

        [Fact]
        public Task Invitation_worker_mailing_the_raw_friend_email_stored_by_the_service_is_reported() => Run(
            InvitationProgram.Replace("$RECIPIENT", "request.FriendEmail").Replace("$SENTTO", "{|#0:invitation.Recipient|}"), Min001(0));

        [Fact]
        public Task Invitation_worker_mailing_the_normalized_friend_email_is_reported() => Run(
            InvitationProgram.Replace("$RECIPIENT", "request.FriendEmail.Trim().ToLowerInvariant()").Replace("$SENTTO", "{|#0:invitation.Recipient|}"), Min001(0));

        [Fact]
        public Task Invitation_stored_with_a_pseudonymous_recipient_is_clean_while_the_service_logs_the_raw_friend() => Run(
            InvitationProgram.Replace("$RECIPIENT", "Privacy.Pseudonym(request.FriendEmail)").Replace("$SENTTO", "invitation.Recipient"));

        [Fact]
        public Task Invitation_worker_sending_only_the_invitation_id_of_rows_holding_the_raw_email_is_clean() => Run(
            InvitationProgram.Replace("$RECIPIENT", "request.FriendEmail").Replace("$SENTTO", "invitation.Id.ToString(\"N\")"));

        // =====================================================================================================
        // 12. GDPR erasure: the partner is told to forget a customer; the lookup key decides.
        // =====================================================================================================

        private const string ErasureProgram = """
            internal sealed class ErasureRequest
            {
                public Guid CustomerId { get; set; }
                public string Reason { get; set; } = "";
            }

            internal interface ICustomerDirectory
            {
                Customer? Find(Guid id);
                void Remove(Guid id);
            }

            internal sealed class CustomerDirectory : ICustomerDirectory
            {
                private readonly Dictionary<Guid, Customer> _byId = new();

                public void Put(Customer customer) => _byId[customer.Id] = customer;

                public Customer? Find(Guid id) => _byId.TryGetValue(id, out Customer? c) ? c : null;

                public void Remove(Guid id) => _byId.Remove(id);
            }

            internal sealed class ErasureHandler
            {
                private readonly ICustomerDirectory _directory;
                private readonly IPartnerClient _partner;

                public ErasureHandler(ICustomerDirectory directory, IPartnerClient partner) { _directory = directory; _partner = partner; }

                public async Task<bool> HandleAsync(ErasureRequest request, CancellationToken ct)
                {
                    Customer? c = _directory.Find(request.CustomerId);
                    if (c is null) return false;

                    $LOOKUP
                    _directory.Remove(c.Id);
                    LocalLog.Info($"erased {c.Email} ({request.Reason})");
                    await _partner.PostJsonAsync("/v1/erasures", {|#0:JsonSerializer.Serialize(new { customerRef = c.Id, lookup })|}, ct);
                    return true;
                }
            }

            internal sealed class PrivacyController
            {
                private readonly ErasureHandler _handler;

                public PrivacyController(ErasureHandler handler) { _handler = handler; }

                public async Task<string> Delete(Guid id, CancellationToken ct)
                    => await _handler.HandleAsync(new ErasureRequest { CustomerId = id, Reason = "user request" }, ct) ? "erased" : "not found";
            }
            """;

        [Fact]
        public Task Erasure_notice_keyed_by_the_raw_email_is_reported() => Run(
            ErasureProgram.Replace("$LOOKUP", "string lookup = c.Email;"), Min001(0));

        [Fact]
        public Task Erasure_notice_keyed_by_a_pseudonym_is_clean_while_the_local_log_names_the_email() => Run(Unmarked(
            ErasureProgram.Replace("$LOOKUP", "string lookup = Privacy.Pseudonym(c.Email);")));

        [Fact]
        public Task Erasure_notice_whose_lookup_was_the_email_but_is_overwritten_by_its_pseudonym_is_clean() => Run(Unmarked(
            ErasureProgram.Replace("$LOOKUP", "string lookup = c.Email.Trim(); lookup = Privacy.Pseudonym(lookup);")));

        [Fact]
        public Task Erasure_notice_choosing_between_a_pseudonym_and_the_id_is_clean() => Run(Unmarked(
            ErasureProgram.Replace("$LOOKUP", "string lookup = request.Reason.Length > 0 ? Privacy.Pseudonym(c.Email) : c.Id.ToString(\"N\");")));

        [Fact]
        public Task Erasure_notice_whose_lookup_falls_back_to_the_phone_is_reported() => Run(
            ErasureProgram.Replace("$LOOKUP", "string lookup = c.Email.Length > 0 ? Privacy.Pseudonym(c.Email) : c.Phone;"), Min001(0));

        // =====================================================================================================
        // 13. Webhooks: a publisher enqueues into a Channel; a dispatcher sends through a retrying client decorator.
        // =====================================================================================================

        private const string WebhookProgram = """
            internal sealed class Order
            {
                public Guid Id { get; set; }
                public decimal Total { get; set; }
                public string Currency { get; set; } = "EUR";
                [IdentityBearing(IdentityCategory.Address)] public string ShippingAddress { get; set; } = "";
            }

            internal sealed record WebhookJob(string EventType, string Body, int Attempt);

            internal sealed class WebhookQueue
            {
                private readonly Channel<WebhookJob> _channel = Channel.CreateUnbounded<WebhookJob>();

                public ValueTask EnqueueAsync(WebhookJob job, CancellationToken ct) => _channel.Writer.WriteAsync(job, ct);

                public IAsyncEnumerable<WebhookJob> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
            }

            internal sealed class RetryingPartnerClient : IPartnerClient
            {
                private readonly IPartnerClient _inner;

                public RetryingPartnerClient(IPartnerClient inner) { _inner = inner; }

                public async Task PostJsonAsync(string route, string json, CancellationToken ct = default)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try { await _inner.PostJsonAsync(route, json, ct); return; }
                        catch (HttpRequestException) when (attempt < 3) { await Task.Delay(200 * attempt, ct); }
                    }
                }

                public Task PostContactAsync(PartnerContact contact, CancellationToken ct = default) => _inner.PostContactAsync(contact, ct);

                public Task PostCsvAsync(IReadOnlyList<string> lines, CancellationToken ct = default) => _inner.PostCsvAsync(lines, ct);
            }

            internal sealed class OrderPlacedWebhookPublisher
            {
                private readonly WebhookQueue _queue;

                public OrderPlacedWebhookPublisher(WebhookQueue queue) { _queue = queue; }

                public ValueTask OnOrderPlacedAsync(Order order, Customer buyer, CancellationToken ct)
                    => _queue.EnqueueAsync(new WebhookJob("order.placed", JsonSerializer.Serialize($BODY), 0), ct);
            }

            internal sealed class WebhookDispatcher
            {
                private readonly WebhookQueue _queue;
                private readonly IPartnerClient _client;

                public WebhookDispatcher(WebhookQueue queue, HttpClient http)
                {
                    _queue = queue;
                    _client = new RetryingPartnerClient(new HttpPartnerClient(http));
                }

                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (WebhookJob job in _queue.ReadAllAsync(ct))
                    {
                        await _client.PostJsonAsync("/hooks/order-placed", {|#0:job.Body|}, ct);
                        LocalLog.Info($"webhook delivered (attempt {job.Attempt})");
                    }
                }
            }
            """;

        [Fact]
        public Task Webhook_body_with_the_buyer_email_is_reported_where_the_dispatcher_reads_it_from_the_channel() => Run(
            WebhookProgram.Replace("$BODY", "new { order.Id, order.Total, buyer.Email }"), Min001(0));

        [Fact]
        public Task Webhook_body_with_the_annotated_shipping_address_is_reported_at_the_dispatcher() => Run(
            WebhookProgram.Replace("$BODY", "new { order.Id, ShipTo = order.ShippingAddress }"), Min001(0));

        [Fact]
        public Task Webhook_body_of_order_id_total_and_currency_is_clean() => Run(Unmarked(
            WebhookProgram.Replace("$BODY", "new { order.Id, order.Total, order.Currency, buyer.Tier }")));

        [Fact]
        public Task Webhook_body_with_a_pseudonymous_buyer_and_the_region_of_the_buyer_is_clean() => Run(Unmarked(
            WebhookProgram.Replace("$BODY", "new { order.Id, Buyer = Privacy.Pseudonym(buyer.Email), Region = Privacy.Region(buyer.PostalCode) }")));

        // =====================================================================================================
        // 14. Checkout fraud screening: a parameter-level sink beside a correlation id that is not a sink.
        // =====================================================================================================

        private const string FraudProgram = """
            internal sealed class CheckoutRequest
            {
                public Guid CartId { get; set; }
                public decimal Amount { get; set; }
                [IdentityBearing(IdentityCategory.IpAddress)] public string ClientIp { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
            }

            internal sealed class FraudCheckRequest
            {
                public decimal Amount { get; set; }
                public string Currency { get; set; } = "EUR";
                public string IpPrefix { get; set; } = "";
                public string EmailDomain { get; set; } = "";
            }

            internal interface IFraudScreeningClient
            {
                Task<int> ScoreAsync([PartnerShare("fraudco")] FraudCheckRequest request, string correlationId, CancellationToken ct);
            }

            internal sealed class FraudScreeningClient : IFraudScreeningClient
            {
                private readonly HttpClient _http;

                public FraudScreeningClient(HttpClient http) { _http = http; }

                public async Task<int> ScoreAsync(FraudCheckRequest request, string correlationId, CancellationToken ct)
                {
                    LocalLog.Info("fraud check " + correlationId);
                    using var content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/json");
                    using HttpResponseMessage response = await _http.PostAsync("/score", content, ct);
                    return int.Parse(await response.Content.ReadAsStringAsync(ct), CultureInfo.InvariantCulture);
                }
            }

            internal sealed class CheckoutService
            {
                private readonly IFraudScreeningClient _fraud;

                public CheckoutService(IFraudScreeningClient fraud) { _fraud = fraud; }

                public async Task<bool> CheckoutAsync(CheckoutRequest request, CancellationToken ct)
                {
                    var check = new FraudCheckRequest
                    {
                        Amount = request.Amount,
                        IpPrefix = $IPPREFIX,
                        EmailDomain = $DOMAIN,
                    };
                    int score = await _fraud.ScoreAsync({|#0:check|}, $CORRELATION, ct);
                    return score < 700;
                }
            }

            internal sealed class CheckoutController
            {
                private readonly CheckoutService _service;

                public CheckoutController(CheckoutService service) { _service = service; }

                public async Task<string> Post(CheckoutRequest request, CancellationToken ct)
                    => await _service.CheckoutAsync(request, ct) ? "accepted" : "review";
            }
            """;

        private static string Fraud(string ip, string domain = "\"unknown\"", string correlation = "request.CartId.ToString(\"N\")")
            => FraudProgram.Replace("$IPPREFIX", ip).Replace("$DOMAIN", domain).Replace("$CORRELATION", correlation);

        [Fact]
        public Task Fraud_check_carrying_the_raw_client_ip_is_reported_at_the_sink_parameter_argument() => Run(
            Fraud("request.ClientIp"), Min001(0));

        [Fact]
        public Task Fraud_check_carrying_the_domain_cut_from_the_email_is_reported() => Run(
            Fraud("Privacy.Prefix24(request.ClientIp)", domain: "request.Email.Substring(request.Email.IndexOf('@') + 1)"), Min001(0));

        [Fact]
        public Task Fraud_check_with_the_minimized_ip_prefix_is_clean() => Run(Unmarked(
            Fraud("Privacy.Prefix24(request.ClientIp)")));

        [Fact]
        public Task Raw_email_passed_only_as_the_correlation_id_which_is_not_a_sink_parameter_is_clean() => Run(Unmarked(
            Fraud("Privacy.Prefix24(request.ClientIp)", correlation: "request.Email")));
    }
}
