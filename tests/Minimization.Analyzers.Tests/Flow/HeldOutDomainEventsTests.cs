using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md, "How identity travels", MIN001 and the
    /// Readings): domain events and persistence outboxes as application code writes them, with the small framework
    /// pieces written inside each program. Aggregates collecting domain events in private lists and a unit of work that
    /// dispatches them to handlers; a transactional outbox with serialized payloads, a relay and dead letters; event
    /// sourcing with projections, rehydration, snapshots and live subscriptions; an in-memory integration event bus with
    /// publish/subscribe; a saga holding state between messages and scheduling reminders; retries and dead-letter queues.
    /// Every positive has a near-miss clean twin (a minimizer before storing or sending, only scalar or
    /// <c>[NonIdentifying]</c> members travelling, or an overwritten variable). Types are internal so that MIN010 stays
    /// out of the picture.
    /// </summary>
    public class HeldOutDomainEventsTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        /// <summary>
        /// Exactly one MIN001, at any one of <paramref name="markups"/>: used only where the contract leaves the place
        /// open (identity handed to a delegate that a registry stored and a dispatcher invokes later: the outermost
        /// argument if the stored delegate counts as a "further call inside the compilation", or the sink argument inside
        /// the handler if the storage ends the call chain as in Readings 4 and 5).
        /// </summary>
        private static Task RunOneOf(string program, params int[] markups) => CheckOnceAtOneOf(Complete(program), markups);

        private static string Complete(string program) => Filled(program);

        // =====================================================================================================
        // 1. Aggregates collect domain events; the DbContext-like unit of work dispatches them to handlers through an
        //    interface (Reading 1: the callee is every implementation; the report is at the outermost argument).
        // =====================================================================================================

        private const string UnitOfWorkProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            interface IDomainEvent
            {
                DateTime OccurredUtc { get; }
            }

            abstract class AggregateRoot
            {
                private readonly List<IDomainEvent> _domainEvents = new();

                public Guid Id { get; protected init; } = Guid.NewGuid();

                public IReadOnlyCollection<IDomainEvent> DomainEvents => _domainEvents.AsReadOnly();

                protected void AddDomainEvent(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

                public void ClearDomainEvents() => _domainEvents.Clear();
            }

            sealed class Customer : AggregateRoot
            {
                private Customer() { }

                [IdentityBearing(IdentityCategory.Email)] public string Email { get; private set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string DisplayName { get; private set; } = "";
                public string Tier { get; private set; } = "standard";
                public int Version { get; private set; }

                public static Customer Register(string email, string displayName)
                {
                    var customer = new Customer { Email = email.Trim().ToLowerInvariant(), DisplayName = displayName };
                    customer.AddDomainEvent(new CustomerRegistered(customer.Id, $REGEMAIL, customer.Tier, DateTime.UtcNow));
                    return customer;
                }

                public void Promote(string tier)
                {
                    Tier = tier;
                    Version++;
                    AddDomainEvent(new CustomerPromoted(Id, tier, Version, DateTime.UtcNow));
                }
            }

            sealed record CustomerRegistered(Guid CustomerId, $EMAILPROP string Email, string Tier, DateTime OccurredUtc) : IDomainEvent;

            sealed record CustomerPromoted(Guid CustomerId, string Tier, int Version, DateTime OccurredUtc) : IDomainEvent;

            interface IDomainEventHandler
            {
                bool CanHandle(IDomainEvent domainEvent);

                Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct);
            }

            interface ICustomerRepository
            {
                Task<Customer?> FindAsync(Guid id, CancellationToken ct);
            }

            sealed class ShopDbContext : ICustomerRepository
            {
                private readonly List<AggregateRoot> _tracked = new();
                private readonly List<IDomainEventHandler> _handlers = new();

                public void AddHandler(IDomainEventHandler handler) => _handlers.Add(handler);

                public void Add(AggregateRoot aggregate) => _tracked.Add(aggregate);

                public Task<Customer?> FindAsync(Guid id, CancellationToken ct)
                    => Task.FromResult(_tracked.OfType<Customer>().FirstOrDefault(c => c.Id == id));

                public async Task<int> SaveChangesAsync(CancellationToken ct = default)
                {
                    var pending = _tracked.SelectMany(a => a.DomainEvents).OrderBy(e => e.OccurredUtc).ToList();
                    foreach (var aggregate in _tracked)
                    {
                        aggregate.ClearDomainEvents();
                    }

                    foreach (var domainEvent in pending)
                    {
                        foreach (var handler in _handlers)
                        {
                            if (handler.CanHandle(domainEvent))
                            {
                                await handler.HandleAsync($DISPATCHED, ct).ConfigureAwait(false);
                            }
                        }
                    }

                    return pending.Count;
                }
            }

            interface ICrmClient
            {
                Task UpsertContactAsync([PartnerShare("crm")] string contactKey, string segment, CancellationToken ct);
            }

            sealed class RestCrmClient : ICrmClient
            {
                public Task UpsertContactAsync(string contactKey, string segment, CancellationToken ct) => Task.CompletedTask;
            }

            interface IAuditTrail
            {
                [PartnerShare("audit-vendor")] void Record(string action, params string[] fields);
            }

            sealed class VendorAuditTrail : IAuditTrail
            {
                public void Record(string action, params string[] fields) => Console.WriteLine(action + ": " + string.Join('|', fields));
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + ((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email)).ToString("x8");
            }

            sealed class CrmSyncHandler : IDomainEventHandler
            {
                private readonly ICrmClient _crm;
                private readonly ICustomerRepository _customers;
                private readonly IAuditTrail _audit;

                public CrmSyncHandler(ICrmClient crm, ICustomerRepository customers, IAuditTrail audit)
                {
                    _crm = crm;
                    _customers = customers;
                    _audit = audit;
                }

                public bool CanHandle(IDomainEvent domainEvent) => domainEvent is CustomerRegistered or CustomerPromoted;

                public async Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct)
                {
                    $HANDLE
                }
            }

            sealed class RegistrationService
            {
                private readonly ShopDbContext _db;

                public RegistrationService(ShopDbContext db) => _db = db;

                public async Task<Guid> RegisterAsync(string email, string displayName, CancellationToken ct)
                {
                    var customer = Customer.Register(email, displayName);
                    _db.Add(customer);
                    await _db.SaveChangesAsync(ct);
                    return customer.Id;
                }

                public async Task PromoteAsync(Guid id, string tier, CancellationToken ct)
                {
                    var customer = await _db.FindAsync(id, ct) ?? throw new InvalidOperationException("unknown customer");
                    customer.Promote(tier);
                    await _db.SaveChangesAsync(ct);
                }
            }

            static class CompositionRoot
            {
                public static RegistrationService Build()
                {
                    var db = new ShopDbContext();
                    db.AddHandler(new CrmSyncHandler(new RestCrmClient(), db, new VendorAuditTrail()));
                    return new RegistrationService(db);
                }
            }
            """;

        private static string UnitOfWork(string handle, string dispatched = "domainEvent", string registeredEmail = "customer.Email", string emailProperty = "")
            => UnitOfWorkProgram.Replace("$HANDLE", handle).Replace("$DISPATCHED", dispatched).Replace("$REGEMAIL", registeredEmail).Replace("$EMAILPROP", emailProperty);

        private const string AnnotatedEmail = "[property: IdentityBearing(IdentityCategory.Email)]";

        private const string ForwardRegisteredEmail = """
            if (domainEvent is CustomerRegistered registered)
                    {
                        await _crm.UpsertContactAsync(registered.Email, registered.Tier, ct);
                    }
            """;

        [Fact]
        public Task Fat_registration_event_forwarded_by_its_handler_is_reported_at_the_unit_of_work_dispatch() => Run(UnitOfWork(
            // The event record is a plain container (its Email is not annotated); the identity came from Customer.Email
            // and reaches the handler through the dispatcher's argument, the outermost one (MIN001, Reading 1).
            ForwardRegisteredEmail, dispatched: "{|#0:domainEvent|}"), Min001(0));

        [Fact]
        public Task Fat_registration_event_whose_email_the_handler_hashes_is_clean() => Run(UnitOfWork("""
            if (domainEvent is CustomerRegistered registered)
                    {
                        await _crm.UpsertContactAsync(Privacy.HashEmail(registered.Email), registered.Tier, ct);
                    }
            """));

        [Fact]
        public Task Handler_keying_the_crm_contact_by_the_customer_guid_is_clean() => Run(UnitOfWork("""
            switch (domainEvent)
                    {
                        case CustomerRegistered registered:
                            await _crm.UpsertContactAsync(registered.CustomerId.ToString("N"), registered.Tier, ct);
                            break;
                        case CustomerPromoted promoted:
                            await _crm.UpsertContactAsync(promoted.CustomerId.ToString("N"), promoted.Tier, ct);
                            break;
                    }
            """));

        [Fact]
        public Task Thin_event_handler_loading_the_customer_and_sending_its_email_is_reported_in_the_handler() => Run(UnitOfWork("""
            if (domainEvent is CustomerPromoted promoted)
                    {
                        var customer = await _customers.FindAsync(promoted.CustomerId, ct);
                        if (customer is not null)
                        {
                            await _crm.UpsertContactAsync({|#0:customer.Email|}, promoted.Tier, ct);
                        }
                    }
            """), Min001(0));

        [Fact]
        public Task Thin_event_handler_sending_the_hashed_email_of_the_loaded_customer_is_clean() => Run(UnitOfWork("""
            if (domainEvent is CustomerPromoted promoted)
                    {
                        var customer = await _customers.FindAsync(promoted.CustomerId, ct);
                        if (customer is not null)
                        {
                            await _crm.UpsertContactAsync(Privacy.HashEmail(customer.Email), promoted.Tier, ct);
                        }
                    }
            """));

        [Fact]
        public Task Annotated_event_email_read_in_the_handler_is_reported_at_the_handler_sink_only() => Run(UnitOfWork(
            // Reading 2: the handler reads an [IdentityBearing] member, a source right there; the dispatcher is not reported.
            ForwardRegisteredEmail.Replace("registered.Email,", "{|#0:registered.Email|},"), emailProperty: AnnotatedEmail), Min001(0));

        [Fact]
        public Task Annotated_event_email_hashed_by_the_handler_is_clean() => Run(UnitOfWork(
            ForwardRegisteredEmail.Replace("registered.Email,", "Privacy.HashEmail(registered.Email),"), emailProperty: AnnotatedEmail));

        private const string AuditWholeEvent = """
            _audit.Record("domain-event", $"{domainEvent.OccurredUtc:O} {domainEvent}");
                    await Task.CompletedTask;
            """;

        [Fact]
        public Task Handler_auditing_the_record_text_of_the_event_is_reported_at_the_dispatch() => Run(UnitOfWork(
            // Reading 8: the synthesized ToString() of the record carries the email put into it.
            AuditWholeEvent, dispatched: "{|#0:domainEvent|}"), Min001(0));

        [Fact]
        public Task Handler_auditing_the_record_text_of_an_event_raised_with_a_hashed_email_is_clean() => Run(UnitOfWork(
            AuditWholeEvent, registeredEmail: "Privacy.HashEmail(customer.Email)"));

        [Fact]
        public Task Params_audit_with_the_annotated_event_email_is_reported_on_that_element_only() => Run(UnitOfWork("""
            if (domainEvent is CustomerRegistered registered)
                    {
                        _audit.Record("customer-registered", registered.CustomerId.ToString("N"), {|#0:registered.Email|});
                    }

                    await Task.CompletedTask;
            """, emailProperty: AnnotatedEmail), Min001(0));

        [Fact]
        public Task Params_audit_with_the_event_id_and_timestamp_is_clean() => Run(UnitOfWork("""
            if (domainEvent is CustomerRegistered registered)
                    {
                        _audit.Record("customer-registered", registered.CustomerId.ToString("N"), registered.OccurredUtc.ToString("O"));
                    }

                    await Task.CompletedTask;
            """, emailProperty: AnnotatedEmail));

        // =====================================================================================================
        // 2. Handler registry keyed by event type holding delegates; generic IHandles<T> classes.
        // =====================================================================================================

        private const string RegistryProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            interface IDomainEvent { }

            sealed record MemberJoined(Guid MemberId, $JOINEDPROP string Email, string Plan) : IDomainEvent;

            sealed record MemberLeft(Guid MemberId, string Reason) : IDomainEvent;

            interface IHandles<in TEvent> where TEvent : IDomainEvent
            {
                Task HandleAsync(TEvent domainEvent, CancellationToken ct);
            }

            sealed class HandlerRegistry
            {
                private readonly Dictionary<Type, List<Func<IDomainEvent, CancellationToken, Task>>> _byType = new();

                public HandlerRegistry On<TEvent>(IHandles<TEvent> handler) where TEvent : IDomainEvent
                {
                    if (!_byType.TryGetValue(typeof(TEvent), out var handlers))
                    {
                        handlers = new List<Func<IDomainEvent, CancellationToken, Task>>();
                        _byType[typeof(TEvent)] = handlers;
                    }

                    handlers.Add((domainEvent, ct) => handler.HandleAsync($CAST, ct));
                    return this;
                }

                public IReadOnlyList<Func<IDomainEvent, CancellationToken, Task>> HandlersFor(Type eventType)
                {
                    if (_byType.TryGetValue(eventType, out var handlers))
                    {
                        return handlers;
                    }

                    return Array.Empty<Func<IDomainEvent, CancellationToken, Task>>();
                }
            }

            abstract class Aggregate
            {
                private readonly List<IDomainEvent> _pending = new();

                protected void Raise(IDomainEvent domainEvent) => _pending.Add(domainEvent);

                public IReadOnlyList<IDomainEvent> DequeueEvents()
                {
                    var copy = _pending.ToArray();
                    _pending.Clear();
                    return copy;
                }
            }

            sealed class Member : Aggregate
            {
                public Guid Id { get; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; private set; } = "";
                public string Plan { get; private set; } = "free";

                public static Member Join(string email, string plan)
                {
                    var member = new Member { Email = email, Plan = plan };
                    member.Raise(new MemberJoined(member.Id, $JOINEMAIL, member.Plan));
                    return member;
                }

                public void Leave(string reason) => Raise(new MemberLeft(Id, reason));
            }

            sealed class UnitOfWork
            {
                private readonly HashSet<Aggregate> _tracked = new();
                private readonly HandlerRegistry _registry;

                public UnitOfWork(HandlerRegistry registry) => _registry = registry;

                public void Track(Aggregate aggregate) => _tracked.Add(aggregate);

                public async Task CommitAsync(CancellationToken ct = default)
                {
                    var events = _tracked.SelectMany(a => a.DequeueEvents()).ToList();
                    foreach (var domainEvent in events)
                    {
                        foreach (var handle in _registry.HandlersFor(domainEvent.GetType()))
                        {
                            await handle($DISPATCHED, ct);
                        }
                    }
                }
            }

            interface INewsletterPartner
            {
                Task SubscribeAsync([PartnerShare("newsletter")] string address, string list, CancellationToken ct);
            }

            sealed class NewsletterPartner : INewsletterPartner
            {
                public Task SubscribeAsync(string address, string list, CancellationToken ct) => Task.CompletedTask;
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + ((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email)).ToString("x8");
            }

            sealed class NewsletterSignup : IHandles<MemberJoined>
            {
                private readonly INewsletterPartner _partner;

                public NewsletterSignup(INewsletterPartner partner) => _partner = partner;

                public Task HandleAsync(MemberJoined domainEvent, CancellationToken ct) => _partner.SubscribeAsync($ADDRESS, domainEvent.Plan, ct);
            }

            sealed class ChurnLog : IHandles<MemberLeft>
            {
                public Task HandleAsync(MemberLeft domainEvent, CancellationToken ct)
                {
                    Console.WriteLine($"{domainEvent.MemberId}: {domainEvent.Reason}");
                    return Task.CompletedTask;
                }
            }

            sealed class MembershipService
            {
                private readonly UnitOfWork _uow;

                public MembershipService(UnitOfWork uow) => _uow = uow;

                public async Task<Guid> JoinAsync(string email, string plan, CancellationToken ct)
                {
                    var member = Member.Join(email, plan);
                    _uow.Track(member);
                    await _uow.CommitAsync(ct);
                    return member.Id;
                }
            }

            static class Startup
            {
                public static MembershipService Compose(INewsletterPartner partner)
                {
                    var registry = new HandlerRegistry()
                        .On<MemberJoined>(new NewsletterSignup(partner))
                        .On<MemberLeft>(new ChurnLog());
                    return new MembershipService(new UnitOfWork(registry));
                }
            }
            """;

        private static string Registry(string address, string dispatched = "domainEvent", string cast = "(TEvent)domainEvent", string joinEmail = "member.Email", string joinedProperty = "")
            => RegistryProgram.Replace("$ADDRESS", address).Replace("$DISPATCHED", dispatched).Replace("$CAST", cast).Replace("$JOINEMAIL", joinEmail).Replace("$JOINEDPROP", joinedProperty);

        [Fact]
        public Task Registry_dispatched_join_event_whose_email_the_handler_subscribes_is_reported_once() => RunOneOf(Registry(
            // The place is open: the dispatcher's argument (#0, outermost, if the stored delegate is a further call
            // inside the compilation) or the sink argument in the handler (#2). Either, once; not the cast in the wrapper.
            "{|#2:domainEvent.Email|}", dispatched: "{|#0:domainEvent|}", cast: "{|#1:(TEvent)domainEvent|}"), 0, 2);

        [Fact]
        public Task Registry_handler_subscribing_the_hashed_email_is_clean() => Run(Registry("Privacy.HashEmail(domainEvent.Email)"));

        [Fact]
        public Task Registry_join_event_raised_with_a_hashed_email_is_clean() => Run(Registry("domainEvent.Email", joinEmail: "Privacy.HashEmail(member.Email)"));

        [Fact]
        public Task Registry_handler_reading_an_annotated_event_email_is_reported_in_the_handler() => Run(Registry(
            "{|#0:domainEvent.Email|}", joinedProperty: AnnotatedEmail), Min001(0));

        [Fact]
        public Task Registry_handler_sending_the_member_guid_of_an_annotated_event_is_clean() => Run(Registry(
            "domainEvent.MemberId.ToString(\"N\")", joinedProperty: AnnotatedEmail));

        // =====================================================================================================
        // 3. Transactional outbox: serialized payload rows, a relay, dead letters escalated to a support desk.
        // =====================================================================================================

        private const string OutboxProgram = """
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Linq;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class OutboxMessage
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                public string Type { get; init; } = "";
                public string Payload { get; init; } = "";
                public DateTime OccurredUtc { get; init; } = DateTime.UtcNow;
                public DateTime? ProcessedUtc { get; set; }
                public int Attempts { get; set; }
                public string? LastError { get; set; }
            }

            sealed class Order
            {
                public Guid Id { get; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string CustomerEmail { get; init; } = "";
                [IdentityBearing(IdentityCategory.Address)] public string ShippingAddress { get; init; } = "";
                public decimal Total { get; init; }
                public string Currency { get; init; } = "EUR";
            }

            sealed record OrderPlacedIntegrationEvent(Guid OrderId, string CustomerEmail, string ShipTo, decimal Total, string Currency);

            sealed class OrderingDb
            {
                public List<Order> Orders { get; } = new();
                public List<OutboxMessage> Outbox { get; } = new();
                public Queue<OutboxMessage> DeadLetters { get; } = new();

                public Task SaveChangesAsync(CancellationToken ct = default) => Task.CompletedTask;
            }

            interface IMessageBroker
            {
                Task PublishAsync(string topic, [PartnerShare("broker")] string payload, CancellationToken ct);
            }

            sealed class BrokerClient : IMessageBroker
            {
                public Task PublishAsync(string topic, string payload, CancellationToken ct) => Task.CompletedTask;
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + ((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email)).ToString("x8");
                [Minimizer] public static string Region(string address) => address.Split(',').Select(p => p.Trim()).LastOrDefault() ?? "";
            }

            sealed class CheckoutService
            {
                private readonly OrderingDb _db;

                public CheckoutService(OrderingDb db) => _db = db;

                public async Task<Guid> PlaceOrderAsync(string email, string address, decimal total, CancellationToken ct)
                {
                    var order = new Order { CustomerEmail = email, ShippingAddress = address, Total = total };
                    _db.Orders.Add(order);
                    var integrationEvent = $INTEGRATIONEVENT;
                    _db.Outbox.Add(new OutboxMessage { Type = "ordering.order-placed", Payload = JsonSerializer.Serialize(integrationEvent) });
                    await _db.SaveChangesAsync(ct);
                    return order.Id;
                }
            }

            sealed class OutboxRelay
            {
                private readonly OrderingDb _db;
                private readonly IMessageBroker _broker;

                public OutboxRelay(OrderingDb db, IMessageBroker broker)
                {
                    _db = db;
                    _broker = broker;
                }

                public async Task<int> RelayPendingAsync(CancellationToken ct)
                {
                    var batch = _db.Outbox.Where(m => m.ProcessedUtc == null).OrderBy(m => m.OccurredUtc).Take(100).ToList();
                    foreach (var message in batch)
                    {
                        var placed = JsonSerializer.Deserialize<OrderPlacedIntegrationEvent>(message.Payload);
                        if (placed is null)
                        {
                            continue;
                        }

                        try
                        {
                            await _broker.PublishAsync(message.Type, $RELAYED, ct);
                            message.ProcessedUtc = DateTime.UtcNow;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            message.Attempts++;
                            message.LastError = ex.Message;
                            if (message.Attempts >= 5)
                            {
                                _db.Outbox.Remove(message);
                                _db.DeadLetters.Enqueue(message);
                            }
                        }
                    }

                    await _db.SaveChangesAsync(ct);
                    return batch.Count;
                }
            }
            """;

        private const string DeadLetterProgram = """

            interface ISupportDesk
            {
                Task OpenTicketAsync(string title, [PartnerShare("support-desk")] string attachment, CancellationToken ct);
            }

            sealed class DeadLetterEscalation
            {
                private readonly OrderingDb _db;
                private readonly ISupportDesk _desk;

                public DeadLetterEscalation(OrderingDb db, ISupportDesk desk)
                {
                    _db = db;
                    _desk = desk;
                }

                public async Task EscalateAsync(CancellationToken ct)
                {
                    while (_db.DeadLetters.TryDequeue(out var letter))
                    {
                        await _desk.OpenTicketAsync($"Outbox message {letter.Id:N} failed {letter.Attempts} times", $ATTACHMENT, ct);
                    }
                }
            }
            """;

        private const string FullOrderEvent = "new OrderPlacedIntegrationEvent(order.Id, order.CustomerEmail, order.ShippingAddress, order.Total, order.Currency)";

        private static string Outbox(string relayed = "message.Payload", string integrationEvent = FullOrderEvent, string? attachment = null)
            => OutboxProgram.Replace("$INTEGRATIONEVENT", integrationEvent).Replace("$RELAYED", relayed)
               + (attachment is null ? "" : DeadLetterProgram.Replace("$ATTACHMENT", attachment));

        [Fact]
        public Task Outbox_payload_serialized_with_the_customer_email_is_reported_where_the_relay_sends_it() => Run(Outbox(
            relayed: "{|#0:message.Payload|}"), Min001(0));

        [Fact]
        public Task Outbox_payload_with_hashed_email_and_region_only_is_clean() => Run(Outbox(
            integrationEvent: "new OrderPlacedIntegrationEvent(order.Id, Privacy.HashEmail(order.CustomerEmail), Privacy.Region(order.ShippingAddress), order.Total, order.Currency)"));

        [Fact]
        public Task Outbox_payload_of_an_anonymous_event_without_identity_members_is_clean() => Run(Outbox(
            integrationEvent: "new { OrderId = order.Id, order.Total, order.Currency }"));

        [Fact]
        public Task Dead_lettered_outbox_payload_attached_to_a_support_ticket_is_reported_at_both_sends() => Run(Outbox(
            relayed: "{|#0:message.Payload|}", attachment: "{|#1:letter.Payload|}"), Min001(0), Min001(1));

        [Fact]
        public Task Dead_letter_ticket_with_only_id_attempts_and_time_is_clean_while_the_relay_is_reported() => Run(Outbox(
            relayed: "{|#0:message.Payload|}", attachment: "$\"id={letter.Id:N};attempts={letter.Attempts};first={letter.OccurredUtc:O}\""), Min001(0));

        [Fact]
        public Task Relay_re_serializing_the_deserialized_email_for_the_partner_is_reported() => Run(Outbox(
            relayed: "{|#0:JsonSerializer.Serialize(new { placed.OrderId, placed.CustomerEmail, placed.Total })|}"), Min001(0));

        [Fact]
        public Task Relay_re_serializing_only_scalar_members_of_the_deserialized_event_is_clean() => Run(Outbox(
            // Reading 11: the deserialized object holds identity as a container; its Guid, decimal and date members are clean.
            relayed: "JsonSerializer.Serialize(new { placed.OrderId, Total = placed.Total.ToString(CultureInfo.InvariantCulture), Placed = message.OccurredUtc })"));

        // =====================================================================================================
        // 4. Notification outbox: a dictionary table, a channel of row ids waking a dispatcher, a digest keyed by recipient.
        // =====================================================================================================

        private const string NotificationProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Patient
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; init; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Mobile { get; init; } = "";
                public string Clinic { get; init; } = "";
            }

            sealed record NotificationRow(Guid Id, string Template, string Properties, DateTime CreatedUtc)
            {
                public bool Delivered { get; set; }
            }

            sealed class NotificationStore
            {
                private readonly Dictionary<Guid, NotificationRow> _rows = new();
                private readonly object _gate = new();

                public void Insert(NotificationRow row)
                {
                    lock (_gate) _rows.Add(row.Id, row);
                }

                public NotificationRow? Find(Guid id)
                {
                    lock (_gate) return _rows.GetValueOrDefault(id);
                }
            }

            interface IEngagementPlatform
            {
                Task<bool> TrackAsync(string template, [PartnerShare("engagement")] string properties, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string Initials(string name) => string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0])));
            }

            sealed class AppointmentService
            {
                private readonly NotificationStore _store;
                private readonly Channel<Guid> _wakeUp;

                public AppointmentService(NotificationStore store, Channel<Guid> wakeUp)
                {
                    _store = store;
                    _wakeUp = wakeUp;
                }

                public Guid Book(Patient patient, DateTime slotUtc)
                {
                    var properties = new Dictionary<string, string>
                    {
                        ["clinic"] = patient.Clinic,
                        ["slot"] = slotUtc.ToString("O"),
                        $PROPERTY,
                    };
                    var row = new NotificationRow(Guid.NewGuid(), "appointment-booked", JsonSerializer.Serialize(properties), DateTime.UtcNow);
                    _store.Insert(row);
                    _wakeUp.Writer.TryWrite(row.Id);
                    return row.Id;
                }
            }

            sealed class NotificationDispatcher
            {
                private readonly NotificationStore _store;
                private readonly Channel<Guid> _wakeUp;
                private readonly IEngagementPlatform _platform;

                public NotificationDispatcher(NotificationStore store, Channel<Guid> wakeUp, IEngagementPlatform platform)
                {
                    _store = store;
                    _wakeUp = wakeUp;
                    _platform = platform;
                }

                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (var id in _wakeUp.Reader.ReadAllAsync(ct))
                    {
                        var row = _store.Find(id);
                        if (row is null || row.Delivered)
                        {
                            continue;
                        }

                        row.Delivered = await _platform.TrackAsync(row.Template, $TRACKED, ct);
                    }
                }
            }

            sealed class ReminderDigest
            {
                private readonly Dictionary<$KEYTYPE, List<DateTime>> _slotsByRecipient = new();
                private readonly IEngagementPlatform _platform;

                public ReminderDigest(IEngagementPlatform platform) => _platform = platform;

                public void Add(Patient patient, DateTime slotUtc)
                {
                    var key = $DIGESTKEY;
                    if (!_slotsByRecipient.TryGetValue(key, out var slots))
                    {
                        slots = new List<DateTime>();
                        _slotsByRecipient[key] = slots;
                    }

                    slots.Add(slotUtc);
                }

                public async Task FlushAsync(CancellationToken ct)
                {
                    foreach (var (recipient, slots) in _slotsByRecipient)
                    {
                        await _platform.TrackAsync("weekly-digest", $DIGESTSENT, ct);
                    }

                    _slotsByRecipient.Clear();
                }
            }
            """;

        private const string DigestPayload = "JsonSerializer.Serialize(new { to = recipient, count = slots.Count, first = slots.Min() })";

        private static string Notifications(string property = "[\"initials\"] = Privacy.Initials(patient.FullName)", string tracked = "row.Properties",
            string keyType = "Guid", string digestKey = "patient.Id", string digestSent = DigestPayload)
            => NotificationProgram.Replace("$PROPERTY", property).Replace("$TRACKED", tracked).Replace("$KEYTYPE", keyType)
                .Replace("$DIGESTKEY", digestKey).Replace("$DIGESTSENT", digestSent);

        [Fact]
        public Task Notification_row_properties_with_the_first_name_are_reported_where_the_channel_woken_dispatcher_sends_them() => Run(Notifications(
            property: "[\"first_name\"] = patient.FullName.Split(' ')[0]", tracked: "{|#0:row.Properties|}"), Min001(0));

        [Fact]
        public Task Notification_row_properties_with_initials_only_are_clean() => Run(Notifications());

        [Fact]
        public Task Digest_keyed_by_the_patient_mobile_is_reported_where_the_key_is_sent() => Run(Notifications(
            keyType: "string", digestKey: "patient.Mobile", digestSent: "{|#0:" + DigestPayload + "|}"), Min001(0));

        [Fact]
        public Task Digest_keyed_by_the_patient_guid_is_clean() => Run(Notifications(keyType: "Guid", digestKey: "patient.Id"));

        // =====================================================================================================
        // 5. Event sourcing: identity-bearing event type with [NonIdentifying] members, streams per patient, a projection,
        //    a rehydrated aggregate, snapshots and a live subscription.
        // =====================================================================================================

        private const string EventSourcingProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            abstract record PatientEvent([property: NonIdentifying] Guid PatientId, [property: NonIdentifying] DateTime At);

            sealed record PatientAdmitted(Guid PatientId, DateTime At, string FullName, [property: NonIdentifying] string Ward) : PatientEvent(PatientId, At);

            sealed record PatientTransferred(Guid PatientId, DateTime At, [property: NonIdentifying] string ToWard) : PatientEvent(PatientId, At);

            sealed record PatientDischarged(Guid PatientId, DateTime At, [property: NonIdentifying] string Outcome) : PatientEvent(PatientId, At);

            sealed class EventStore
            {
                private readonly Dictionary<Guid, List<PatientEvent>> _streams = new();
                private readonly List<Action<PatientEvent>> _subscribers = new();

                public void Append(PatientEvent e)
                {
                    if (!_streams.TryGetValue(e.PatientId, out var stream))
                    {
                        stream = new List<PatientEvent>();
                        _streams[e.PatientId] = stream;
                    }

                    stream.Add(e);
                    foreach (var subscriber in _subscribers)
                    {
                        subscriber(e);
                    }
                }

                public IReadOnlyList<PatientEvent> ReadStream(Guid patientId)
                    => _streams.TryGetValue(patientId, out var stream) ? stream : new List<PatientEvent>();

                public IEnumerable<PatientEvent> ReadAll() => _streams.Values.SelectMany(s => s).OrderBy(e => e.At);

                public void Subscribe(Action<PatientEvent> subscriber) => _subscribers.Add(subscriber);
            }

            sealed class AdmitPatient
            {
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; init; } = "";
                public string Ward { get; init; } = "";
            }

            sealed class AdmissionsService
            {
                private readonly EventStore _store;

                public AdmissionsService(EventStore store) => _store = store;

                public Guid Admit(AdmitPatient command)
                {
                    var id = Guid.NewGuid();
                    _store.Append(new PatientAdmitted(id, DateTime.UtcNow, command.FullName, command.Ward));
                    return id;
                }

                public void Transfer(Guid id, string ward) => _store.Append(new PatientTransferred(id, DateTime.UtcNow, ward));

                public void Discharge(Guid id, string outcome) => _store.Append(new PatientDischarged(id, DateTime.UtcNow, outcome));
            }

            static class Privacy
            {
                [Minimizer] public static string Initials(string name) => string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0])));
            }

            sealed class WardBoardRow
            {
                public Guid PatientId { get; init; }
                public string Ward { get; set; } = "";
                public string Label { get; init; } = "";
                public DateTime AdmittedAt { get; init; }
                public DateTime? DischargedAt { get; set; }
            }

            sealed class WardBoardProjection
            {
                private readonly Dictionary<Guid, WardBoardRow> _rows = new();
                private readonly Dictionary<DateOnly, string> _snapshots = new();

                public void Rebuild(IEnumerable<PatientEvent> history)
                {
                    _rows.Clear();
                    foreach (var e in history)
                    {
                        Apply(e);
                    }

                    _snapshots[DateOnly.FromDateTime(DateTime.UtcNow)] = JsonSerializer.Serialize(_rows.Values.ToList());
                }

                public void Apply(PatientEvent e)
                {
                    switch (e)
                    {
                        case PatientAdmitted admitted:
                            _rows[admitted.PatientId] = new WardBoardRow { PatientId = admitted.PatientId, Ward = admitted.Ward, Label = $LABEL, AdmittedAt = admitted.At };
                            break;
                        case PatientTransferred transferred when _rows.TryGetValue(transferred.PatientId, out var moving):
                            moving.Ward = transferred.ToWard;
                            break;
                        case PatientDischarged discharged when _rows.TryGetValue(discharged.PatientId, out var leaving):
                            leaving.DischargedAt = discharged.At;
                            break;
                    }
                }

                public IReadOnlyCollection<WardBoardRow> Rows => _rows.Values;

                public string? LatestSnapshot => _snapshots.OrderByDescending(s => s.Key).Select(s => s.Value).FirstOrDefault();
            }

            interface IHealthAuthorityFeed
            {
                Task SubmitAsync(string dataset, [PartnerShare("health-authority")] string content, CancellationToken ct);
            }

            sealed class NightlyWardReport
            {
                private readonly EventStore _store;
                private readonly WardBoardProjection _projection;
                private readonly IHealthAuthorityFeed _feed;

                public NightlyWardReport(EventStore store, WardBoardProjection projection, IHealthAuthorityFeed feed)
                {
                    _store = store;
                    _projection = projection;
                    _feed = feed;
                }

                public async Task RunAsync(CancellationToken ct)
                {
                    _projection.Rebuild(_store.ReadAll());
                    var active = _projection.Rows.Where(r => r.DischargedAt is null).OrderBy(r => r.Ward).ToList();
                    var csv = new StringBuilder("ward,label,admitted\n");
                    foreach (var row in active)
                    {
                        csv.Append(row.Ward).Append(',').Append(row.Label).Append(',').Append(row.AdmittedAt.ToString("yyyy-MM-dd")).Append('\n');
                    }

                    await _feed.SubmitAsync("ward-board", $CSV, ct);
                }
            }
            """;

        private const string StayProgram = """

            sealed class PatientStay
            {
                public Guid Id { get; private set; }
                public string Name { get; private set; } = "";
                public string Ward { get; private set; } = "";
                public DateTime? DischargedAt { get; private set; }
                public string Outcome { get; private set; } = "";
                public int Version { get; private set; }

                public static PatientStay FromHistory(IEnumerable<PatientEvent> history)
                {
                    var stay = new PatientStay();
                    foreach (var e in history)
                    {
                        stay.When(e);
                        stay.Version++;
                    }

                    return stay;
                }

                private void When(PatientEvent e)
                {
                    switch (e)
                    {
                        case PatientAdmitted admitted:
                            Id = admitted.PatientId;
                            Name = admitted.FullName;
                            Ward = admitted.Ward;
                            break;
                        case PatientTransferred transferred:
                            Ward = transferred.ToWard;
                            break;
                        case PatientDischarged discharged:
                            DischargedAt = discharged.At;
                            Outcome = discharged.Outcome;
                            break;
                    }
                }
            }

            interface IGpPracticeLink
            {
                Task SendDischargeNoteAsync(Guid practiceId, [PartnerShare("gp-practice")] string note, CancellationToken ct);
            }

            sealed class DischargeSummaryJob
            {
                private readonly EventStore _store;
                private readonly IGpPracticeLink _gp;

                public DischargeSummaryJob(EventStore store, IGpPracticeLink gp)
                {
                    _store = store;
                    _gp = gp;
                }

                public async Task SendAsync(Guid patientId, Guid practiceId, CancellationToken ct)
                {
                    var stay = PatientStay.FromHistory(_store.ReadStream(patientId));
                    if (stay.DischargedAt is null)
                    {
                        return;
                    }

                    await _gp.SendDischargeNoteAsync(practiceId, $NOTE, ct);
                }
            }
            """;

        private const string LiveFeedProgram = """

            sealed class LiveAdmissionsFeed
            {
                public LiveAdmissionsFeed(EventStore store, IHealthAuthorityFeed feed)
                {
                    store.Subscribe(e =>
                    {
                        if (e is PatientAdmitted admitted)
                        {
                            _ = feed.SubmitAsync("admissions", $LIVE, CancellationToken.None);
                        }
                    });
                }
            }
            """;

        private const string SnapshotExportProgram = """

            sealed class SnapshotExport
            {
                private readonly WardBoardProjection _projection;
                private readonly IHealthAuthorityFeed _feed;

                public SnapshotExport(WardBoardProjection projection, IHealthAuthorityFeed feed)
                {
                    _projection = projection;
                    _feed = feed;
                }

                public Task ExportAsync(CancellationToken ct)
                    => _projection.LatestSnapshot is { } json ? _feed.SubmitAsync("ward-board-snapshot", $SNAPSHOT, ct) : Task.CompletedTask;
            }
            """;

        private static string EventSourcing(string label = "Privacy.Initials(admitted.FullName)", string csv = "csv.ToString()", string? note = null, string? live = null, string? snapshot = null)
            => EventSourcingProgram.Replace("$LABEL", label).Replace("$CSV", csv)
               + (note is null ? "" : StayProgram.Replace("$NOTE", note))
               + (live is null ? "" : LiveFeedProgram.Replace("$LIVE", live))
               + (snapshot is null ? "" : SnapshotExportProgram.Replace("$SNAPSHOT", snapshot));

        [Fact]
        public Task Projection_row_labelled_with_the_full_name_is_reported_where_the_nightly_report_submits_the_csv() => Run(EventSourcing(
            label: "admitted.FullName", csv: "{|#0:csv.ToString()|}"), Min001(0));

        [Fact]
        public Task Projection_row_labelled_with_initials_is_clean() => Run(EventSourcing());

        [Fact]
        public Task Projection_row_labelled_with_a_non_identifying_patient_guid_is_clean() => Run(EventSourcing(
            label: "\"bed-\" + admitted.PatientId.ToString(\"N\")[..6]"));

        [Fact]
        public Task Rehydrated_stay_name_in_a_discharge_note_is_reported() => Run(EventSourcing(
            note: "{|#0:$\"{stay.Name} discharged from {stay.Ward} on {stay.DischargedAt:yyyy-MM-dd}: {stay.Outcome}\"|}"), Min001(0));

        [Fact]
        public Task Rehydrated_stay_id_version_and_date_in_a_discharge_note_are_clean() => Run(EventSourcing(
            note: "$\"Stay {stay.Id:N} (v{stay.Version}) ended {stay.DischargedAt:yyyy-MM-dd}\""));

        [Fact]
        public Task Live_subscription_submitting_the_admitted_name_is_reported_inside_the_stored_lambda() => Run(EventSourcing(
            // The lambda's parameter is of an identity-bearing type and FullName is its member: reported inside (Readings 2, 4).
            live: "{|#0:admitted.FullName + \" -> \" + admitted.Ward|}"), Min001(0));

        [Fact]
        public Task Live_subscription_submitting_the_non_identifying_ward_is_clean() => Run(EventSourcing(
            live: "admitted.Ward + \" +1\""));

        [Fact]
        public Task Projection_snapshot_with_full_names_is_reported_at_the_export_and_at_the_nightly_report() => Run(EventSourcing(
            label: "admitted.FullName", csv: "{|#1:csv.ToString()|}", snapshot: "{|#0:json|}"), Min001(0), Min001(1));

        [Fact]
        public Task Projection_snapshot_with_initials_is_clean() => Run(EventSourcing(snapshot: "json"));

        // =====================================================================================================
        // 6. In-memory integration event bus: Subscribe<T>(Func<T, CancellationToken, Task>), PublishAsync<T>(T).
        // =====================================================================================================

        private const string BusProgram = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            interface IIntegrationEvent
            {
                Guid EventId { get; }
            }

            [IdentityBearing]
            interface IPersonalIntegrationEvent : IIntegrationEvent
            {
            }

            sealed record MemberJoined(Guid EventId, Guid MemberId, string Email, string Plan) : IIntegrationEvent;

            sealed record ContactDetailsChanged(
                [property: NonIdentifying] Guid EventId,
                [property: NonIdentifying] Guid MemberId,
                string NewEmail,
                [property: NonIdentifying] string Source) : IPersonalIntegrationEvent;

            sealed class InMemoryEventBus
            {
                private readonly ConcurrentDictionary<Type, List<Func<object, CancellationToken, Task>>> _subscriptions = new();

                public IDisposable Subscribe<T>(Func<T, CancellationToken, Task> handler) where T : IIntegrationEvent
                {
                    Func<object, CancellationToken, Task> wrapper = (message, ct) => handler((T)message, ct);
                    var handlers = _subscriptions.GetOrAdd(typeof(T), _ => new List<Func<object, CancellationToken, Task>>());
                    lock (handlers)
                    {
                        handlers.Add(wrapper);
                    }

                    return new Subscription(() =>
                    {
                        lock (handlers)
                        {
                            handlers.Remove(wrapper);
                        }
                    });
                }

                public async Task PublishAsync<T>(T message, CancellationToken ct = default) where T : IIntegrationEvent
                {
                    if (!_subscriptions.TryGetValue(typeof(T), out var handlers))
                    {
                        return;
                    }

                    Func<object, CancellationToken, Task>[] snapshot;
                    lock (handlers)
                    {
                        snapshot = handlers.ToArray();
                    }

                    foreach (var handler in snapshot)
                    {
                        await handler(message, ct).ConfigureAwait(false);
                    }
                }

                private sealed class Subscription : IDisposable
                {
                    private readonly Action _dispose;

                    public Subscription(Action dispose) => _dispose = dispose;

                    public void Dispose() => _dispose();
                }
            }

            sealed class Member
            {
                public Guid Id { get; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                public string Plan { get; set; } = "free";
            }

            interface INewsletterPlatform
            {
                Task AddSubscriberAsync([PartnerShare("newsletter")] string subscriberKey, string list, CancellationToken ct);
            }

            interface ICrmPlatform
            {
                Task UpdateContactAsync(Guid externalId, [PartnerShare("crm")] string value, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + ((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email)).ToString("x8");
            }

            sealed class MembershipService
            {
                private readonly InMemoryEventBus _bus;

                public MembershipService(InMemoryEventBus bus) => _bus = bus;

                public async Task<Member> JoinAsync(string email, string plan, CancellationToken ct)
                {
                    var member = new Member { Email = email, Plan = plan };
                    await _bus.PublishAsync($JOINEDEVENT, ct);
                    return member;
                }

                public Task ChangeEmailAsync(Member member, string newEmail, CancellationToken ct)
                {
                    member.Email = newEmail;
                    return _bus.PublishAsync(new ContactDetailsChanged(Guid.NewGuid(), member.Id, member.Email, "self-service"), ct);
                }
            }

            sealed class CrmContactSync
            {
                private readonly ICrmPlatform _crm;

                public CrmContactSync(ICrmPlatform crm) => _crm = crm;

                public Task HandleAsync(ContactDetailsChanged e, CancellationToken ct) => _crm.UpdateContactAsync(e.MemberId, $CRMVALUE, ct);
            }

            sealed class WelcomeBatch
            {
                private readonly List<$BATCHTYPE> _pending = new();
                private readonly INewsletterPlatform _newsletter;

                public WelcomeBatch(INewsletterPlatform newsletter) => _newsletter = newsletter;

                public Task OnJoinedAsync(MemberJoined e, CancellationToken ct)
                {
                    lock (_pending)
                    {
                        _pending.Add($BATCHED);
                    }

                    return Task.CompletedTask;
                }

                public async Task FlushAsync(CancellationToken ct)
                {
                    string[] batch;
                    lock (_pending)
                    {
                        batch = _pending.Select(p => p.ToString()).ToArray();
                        _pending.Clear();
                    }

                    if (batch.Length > 0)
                    {
                        await _newsletter.AddSubscriberAsync($FLUSHED, "welcome", ct);
                    }
                }
            }

            static class Wiring
            {
                public static MembershipService Build(INewsletterPlatform newsletter, ICrmPlatform crm)
                {
                    var bus = new InMemoryEventBus();
                    bus.Subscribe<MemberJoined>((e, ct) => newsletter.AddSubscriberAsync($SUBSCRIBER, e.Plan, ct));
                    bus.Subscribe<ContactDetailsChanged>(new CrmContactSync(crm).HandleAsync);
                    var welcome = new WelcomeBatch(newsletter);
                    bus.Subscribe<MemberJoined>(welcome.OnJoinedAsync);
                    return new MembershipService(bus);
                }
            }
            """;

        private const string RawJoined = "new MemberJoined(Guid.NewGuid(), member.Id, member.Email, member.Plan)";
        private const string HashedJoined = "new MemberJoined(Guid.NewGuid(), member.Id, Privacy.HashEmail(member.Email), member.Plan)";

        private static string Bus(string joinedEvent = HashedJoined, string subscriber = "e.MemberId.ToString(\"N\")", string crmValue = "e.Source",
            string batchType = "Guid", string batched = "e.MemberId", string flushed = "string.Join(\";\", batch)")
            => BusProgram.Replace("$JOINEDEVENT", joinedEvent).Replace("$SUBSCRIBER", subscriber).Replace("$CRMVALUE", crmValue)
                .Replace("$BATCHTYPE", batchType).Replace("$BATCHED", batched).Replace("$FLUSHED", flushed);

        [Fact(Skip = "engine gap: the bus keeps the handlers of every event type in one dictionary of lists, so each published value runs every handler; a handler reading a member of its own event type then reads an identity-bearing event of another type (dispatch by a typeof(T) key and the cast (T)m are not modelled)")]
        public Task Published_join_event_whose_email_a_lambda_subscriber_forwards_is_reported_once() => RunOneOf(Bus(
            // Open place: the publish argument (#0, outermost; Reading 7 puts it at the caller of the generic PublishAsync<T>)
            // or the sink argument inside the stored lambda (#1). Either, once.
            joinedEvent: "{|#0:" + RawJoined + "|}", subscriber: "{|#1:e.Email|}"), 0, 1);

        [Fact(Skip = "engine gap: the bus keeps the handlers of every event type in one dictionary of lists, so each published value runs every handler; a handler reading a member of its own event type then reads an identity-bearing event of another type (dispatch by a typeof(T) key and the cast (T)m are not modelled)")]
        public Task Hashed_join_event_on_a_bus_that_also_carries_an_identity_typed_event_is_clean() => Run(Bus(
            // The bus is keyed by typeof(T): the ContactDetailsChanged published by ChangeEmailAsync never reaches the
            // MemberJoined lambda, and the CRM handler sends only the [NonIdentifying] Source.
            // Note: today this passes only because the engine loses the bus's subscribers (see the skipped bus positive).
            // With the list stored back after Add, the engine routes ContactDetailsChanged into the MemberJoined lambda and
            // reports ChangeEmailAsync's publish argument (a path that reads MemberJoined.Email from a ContactDetailsChanged).
            subscriber: "e.Email"));

        [Fact]
        public Task Lambda_subscriber_sending_the_member_guid_of_a_raw_join_event_is_clean() => Run(Bus(joinedEvent: RawJoined));

        [Fact]
        public Task Method_group_subscriber_with_an_identity_typed_event_is_reported_inside_the_handler() => Run(Bus(
            crmValue: "{|#0:e.NewEmail|}"), Min001(0));

        [Fact]
        public Task Method_group_subscriber_sending_the_non_identifying_source_is_clean() => Run(Bus(crmValue: "e.Source"));

        [Fact(Skip = "engine gap: a method handed to the bus as a method group (welcome.OnJoinedAsync) and run only through the stored delegate is not a direct caller of anything, so what the bus passes it does not reach the field list it fills")]
        public Task Welcome_batch_collecting_emails_is_reported_where_the_flush_sends_them() => Run(Bus(
            joinedEvent: RawJoined, batchType: "string", batched: "e.Email", flushed: "{|#0:string.Join(\";\", batch)|}"), Min001(0));

        [Fact]
        public Task Welcome_batch_collecting_member_guids_is_clean() => Run(Bus(joinedEvent: RawJoined));

        // =====================================================================================================
        // 7. Saga / process manager holding state between messages; a reminder policy scheduling deferred sends.
        // =====================================================================================================

        private const string SagaProgram = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed record OrderSubmitted(
                Guid OrderId,
                [property: IdentityBearing(IdentityCategory.Phone)] string ContactPhone,
                [property: IdentityBearing(IdentityCategory.Address)] string DeliveryAddress,
                decimal Amount);

            sealed record PaymentCaptured(Guid OrderId, string PaymentReference);

            sealed record OrderPacked(Guid OrderId, int Parcels);

            sealed class DeliverySagaState
            {
                public Guid OrderId { get; init; }
                $PHONEATTR public string? ContactPhone { get; set; }
                $ADDRESSATTR public string? DeliveryAddress { get; set; }
                public bool Paid { get; set; }
                public int Parcels { get; set; }
                public DateTime StartedUtc { get; init; } = DateTime.UtcNow;
                public bool IsReady => Paid && Parcels > 0;
            }

            sealed record CourierBooking(Guid Reference, string DeliverTo, string Notes, int Parcels);

            interface ICourierApi
            {
                Task<string> BookPickupAsync([PartnerShare("courier")] CourierBooking booking, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string MaskPhone(string phone) => phone.Length <= 4 ? "****" : new string('*', phone.Length - 4) + phone[^4..];
                [Minimizer] public static string Area(string address) => address.Split(',').Select(p => p.Trim()).LastOrDefault() ?? "";
            }

            sealed class DeliverySaga
            {
                private readonly ConcurrentDictionary<Guid, DeliverySagaState> _instances = new();
                private readonly ICourierApi _courier;

                public DeliverySaga(ICourierApi courier) => _courier = courier;

                public Task HandleAsync(OrderSubmitted message, CancellationToken ct)
                {
                    var state = _instances.GetOrAdd(message.OrderId, id => new DeliverySagaState { OrderId = id });
                    state.ContactPhone = $STOREDPHONE;
                    state.DeliveryAddress = $STOREDADDRESS;
                    return Task.CompletedTask;
                }

                public Task HandleAsync(PaymentCaptured message, CancellationToken ct)
                {
                    if (!_instances.TryGetValue(message.OrderId, out var state))
                    {
                        return Task.CompletedTask;
                    }

                    state.Paid = true;
                    return CompleteIfReadyAsync(message.OrderId, ct);
                }

                public Task HandleAsync(OrderPacked message, CancellationToken ct)
                {
                    if (!_instances.TryGetValue(message.OrderId, out var state))
                    {
                        return Task.CompletedTask;
                    }

                    state.Parcels = message.Parcels;
                    return CompleteIfReadyAsync(message.OrderId, ct);
                }

                private async Task CompleteIfReadyAsync(Guid orderId, CancellationToken ct)
                {
                    if (!_instances.TryGetValue(orderId, out var state) || !state.IsReady)
                    {
                        return;
                    }

                    $COMPLETE
                    _instances.TryRemove(orderId, out _);
                }

                $HELPER
            }
            """;

        private const string ReminderProgram = """

            interface IPaymentReminderSms
            {
                Task RemindAsync([PartnerShare("sms")] string to, string text, CancellationToken ct);
            }

            sealed class PaymentReminderPolicy
            {
                private readonly List<(DateTime DueUtc, Func<CancellationToken, Task> Send)> _scheduled = new();
                private readonly IPaymentReminderSms _sms;

                public PaymentReminderPolicy(IPaymentReminderSms sms) => _sms = sms;

                public void Handle(OrderSubmitted message)
                {
                    var phone = message.ContactPhone;
                    var orderId = message.OrderId;
                    lock (_scheduled)
                    {
                        _scheduled.Add((DateTime.UtcNow.AddHours(24), ct => _sms.RemindAsync($REMINDTO, $"Order {orderId:N} is awaiting payment", ct)));
                    }
                }

                public async Task FireDueAsync(DateTime nowUtc, CancellationToken ct)
                {
                    List<(DateTime DueUtc, Func<CancellationToken, Task> Send)> due;
                    lock (_scheduled)
                    {
                        due = _scheduled.Where(s => s.DueUtc <= nowUtc).ToList();
                        _scheduled.RemoveAll(s => s.DueUtc <= nowUtc);
                    }

                    foreach (var (_, send) in due)
                    {
                        await send(ct);
                    }
                }
            }
            """;

        private const string BookInline = "new CourierBooking(state.OrderId, state.DeliveryAddress ?? \"\", $\"call {state.ContactPhone} on arrival\", state.Parcels)";

        private static string Saga(string complete, string helper = "", bool annotatedState = false,
            string storedPhone = "message.ContactPhone", string storedAddress = "message.DeliveryAddress", string? remindTo = null)
            => SagaProgram.Replace("$COMPLETE", complete).Replace("$HELPER", helper)
                .Replace("$PHONEATTR", annotatedState ? "[IdentityBearing(IdentityCategory.Phone)]" : "")
                .Replace("$ADDRESSATTR", annotatedState ? "[IdentityBearing(IdentityCategory.Address)]" : "")
                .Replace("$STOREDPHONE", storedPhone).Replace("$STOREDADDRESS", storedAddress)
               + (remindTo is null ? "" : ReminderProgram.Replace("$REMINDTO", remindTo));

        [Fact]
        public Task Saga_state_phone_and_address_booked_with_the_courier_are_reported_at_the_booking_argument() => Run(Saga(
            "await _courier.BookPickupAsync({|#0:" + BookInline + "|}, ct);"), Min001(0));

        [Fact]
        public Task Saga_storing_masked_phone_and_area_only_is_clean() => Run(Saga(
            "await _courier.BookPickupAsync(" + BookInline + ", ct);",
            storedPhone: "Privacy.MaskPhone(message.ContactPhone)", storedAddress: "Privacy.Area(message.DeliveryAddress)"));

        [Fact]
        public Task Saga_helper_reading_annotated_state_members_is_reported_in_the_helper() => Run(Saga(
            // Reading 2: BookAsync reads [IdentityBearing] members of the state it is given: reported at its sink argument.
            "await BookAsync(state, ct);",
            helper: "private Task<string> BookAsync(DeliverySagaState state, CancellationToken ct) => _courier.BookPickupAsync({|#0:" + BookInline + "|}, ct);",
            annotatedState: true), Min001(0));

        [Fact]
        public Task Saga_overwriting_the_notes_variable_and_sending_the_area_is_clean() => Run(Saga("""
            var notes = $"call {state.ContactPhone} on arrival";
                    notes = $"{state.Parcels} parcel(s); the recipient is notified by us";
                    await _courier.BookPickupAsync(new CourierBooking(state.OrderId, Privacy.Area(state.DeliveryAddress ?? ""), notes, state.Parcels), ct);
            """));

        private const string BookMinimized = "await _courier.BookPickupAsync(new CourierBooking(state.OrderId, Privacy.Area(state.DeliveryAddress ?? \"\"), \"contact via app\", state.Parcels), ct);";

        [Fact]
        public Task Scheduled_payment_reminder_capturing_the_phone_is_reported_inside_the_stored_lambda() => Run(Saga(
            BookMinimized, remindTo: "{|#0:phone|}"), Min001(0));

        [Fact]
        public Task Scheduled_payment_reminder_with_a_masked_phone_is_clean() => Run(Saga(
            BookMinimized, remindTo: "Privacy.MaskPhone(phone)"));

        // =====================================================================================================
        // 8. Retries and dead letters: a resilient sender re-queueing envelopes, an incident sweep, a retry policy.
        // =====================================================================================================

        private const string RetryProgram = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed record Envelope(Guid MessageId, string Topic, string Body, int Attempt = 0)
            {
                public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;
            }

            interface IPartnerQueue
            {
                Task SendAsync(string topic, [PartnerShare("loyalty-partner")] string body, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + ((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email)).ToString("x8");
            }

            sealed class ResilientSender
            {
                private readonly IPartnerQueue _queue;
                private readonly ConcurrentQueue<Envelope> _retries = new();
                private readonly List<(Envelope Envelope, string Reason)> _deadLetters = new();

                public ResilientSender(IPartnerQueue queue) => _queue = queue;

                public async Task SendAsync(Envelope envelope, CancellationToken ct)
                {
                    try
                    {
                        await _queue.SendAsync(envelope.Topic, envelope.Body, ct).ConfigureAwait(false);
                    }
                    catch (TimeoutException ex)
                    {
                        if (envelope.Attempt < 3)
                        {
                            _retries.Enqueue(envelope with { Attempt = envelope.Attempt + 1 });
                        }
                        else
                        {
                            lock (_deadLetters)
                            {
                                _deadLetters.Add((envelope, ex.Message));
                            }
                        }
                    }
                }

                public async Task RetryPendingAsync(CancellationToken ct)
                {
                    var budget = _retries.Count;
                    while (budget-- > 0 && _retries.TryDequeue(out var envelope))
                    {
                        await SendAsync($RETRIED, ct).ConfigureAwait(false);
                    }
                }

                public IReadOnlyList<(Envelope Envelope, string Reason)> DrainDeadLetters()
                {
                    lock (_deadLetters)
                    {
                        var copy = _deadLetters.ToList();
                        _deadLetters.Clear();
                        return copy;
                    }
                }
            }

            sealed class LoyaltyMember
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; init; } = "";
                public int Points { get; set; }
            }

            sealed class PointsPublisher
            {
                private readonly ResilientSender _sender;

                public PointsPublisher(ResilientSender sender) => _sender = sender;

                public Task PublishAsync(LoyaltyMember member, int earned, CancellationToken ct)
                {
                    member.Points += earned;
                    var body = JsonSerializer.Serialize(new { member = $MEMBERREF, points = member.Points, earned });
                    return _sender.SendAsync($SENTENVELOPE, ct);
                }
            }
            """;

        private const string IncidentProgram = """

            interface IOpsIncidents
            {
                Task OpenAsync(string summary, [PartnerShare("ops-vendor")] string evidence, CancellationToken ct);
            }

            sealed class DeadLetterSweep
            {
                private readonly ResilientSender _sender;
                private readonly IOpsIncidents _ops;

                public DeadLetterSweep(ResilientSender sender, IOpsIncidents ops)
                {
                    _sender = sender;
                    _ops = ops;
                }

                public async Task SweepAsync(CancellationToken ct)
                {
                    foreach (var (envelope, reason) in _sender.DrainDeadLetters())
                    {
                        await _ops.OpenAsync($"{envelope.Topic} dead-lettered", $EVIDENCE, ct);
                    }
                }
            }
            """;

        private const string RetryPolicyProgram = """

            sealed class RetryPolicy
            {
                private readonly int _maxAttempts;

                public RetryPolicy(int maxAttempts) => _maxAttempts = maxAttempts;

                public async Task ExecuteAsync(Func<CancellationToken, Task> action, CancellationToken ct)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await action(ct).ConfigureAwait(false);
                            return;
                        }
                        catch (TimeoutException) when (attempt < _maxAttempts)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct).ConfigureAwait(false);
                        }
                    }
                }
            }

            sealed class DirectPointsPublisher
            {
                private readonly IPartnerQueue _queue;
                private readonly RetryPolicy _retry = new(5);

                public DirectPointsPublisher(IPartnerQueue queue) => _queue = queue;

                public Task PublishAsync(LoyaltyMember member, int earned, CancellationToken ct)
                {
                    var body = $"{$DIRECTREF};{earned}";
                    return _retry.ExecuteAsync(token => _queue.SendAsync("points-earned", $DIRECTSENT, token), ct);
                }
            }
            """;

        private const string NewEnvelope = "new Envelope(Guid.NewGuid(), \"points-earned\", body)";

        private static string Retry(string memberRef = "Privacy.HashEmail(member.Email)", string sentEnvelope = NewEnvelope, string retried = "envelope",
            string? evidence = null, string? directRef = null, string directSent = "body")
            => RetryProgram.Replace("$MEMBERREF", memberRef).Replace("$SENTENVELOPE", sentEnvelope).Replace("$RETRIED", retried)
               + (evidence is null ? "" : IncidentProgram.Replace("$EVIDENCE", evidence))
               + (directRef is null ? "" : RetryPolicyProgram.Replace("$DIRECTREF", directRef).Replace("$DIRECTSENT", directSent));

        [Fact]
        public Task Envelope_with_the_member_email_is_reported_at_the_publisher_and_at_the_retry_loop() => Run(Retry(
            // Two paths: straight through SendAsync (outermost argument: the publisher's), and out of the retry queue
            // (Reading 5: where the dequeued envelope meets the sink, through SendAsync).
            memberRef: "member.Email", sentEnvelope: "{|#0:" + NewEnvelope + "|}", retried: "{|#1:envelope|}"), Min001(0), Min001(1));

        [Fact]
        public Task Envelope_with_the_hashed_member_email_is_clean() => Run(Retry());

        [Fact]
        public Task Dead_letter_evidence_with_the_envelope_body_is_reported_at_the_sweep_too() => Run(Retry(
            memberRef: "member.Email", sentEnvelope: "{|#0:" + NewEnvelope + "|}", retried: "{|#1:envelope|}", evidence: "{|#2:envelope.Body|}"),
            Min001(0), Min001(1), Min001(2));

        [Fact]
        public Task Dead_letter_evidence_with_id_attempt_and_time_only_adds_no_report() => Run(Retry(
            memberRef: "member.Email", sentEnvelope: "{|#0:" + NewEnvelope + "|}", retried: "{|#1:envelope|}",
            evidence: "$\"message {envelope.MessageId:N}, attempt {envelope.Attempt}, created {envelope.CreatedUtc:O}\""),
            Min001(0), Min001(1));

        [Fact]
        public Task Retry_policy_lambda_capturing_the_email_body_is_reported_at_the_captured_argument() => Run(Retry(
            directRef: "member.Email", directSent: "{|#0:body|}"), Min001(0));

        [Fact]
        public Task Retry_policy_lambda_capturing_a_hashed_body_is_clean() => Run(Retry(directRef: "Privacy.HashEmail(member.Email)"));

        // =====================================================================================================
        // 9. Outbox interceptor: SaveChanges turns domain events into outbox rows through a collection parameter; a
        //    publisher pushes unpublished rows to a partner event stream. The identity enters as an annotated parameter.
        // =====================================================================================================

        private const string InterceptorProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            interface IDomainEvent { }

            abstract class Entity
            {
                private List<IDomainEvent>? _events;

                public Guid Id { get; protected init; } = Guid.NewGuid();

                protected void Raise(IDomainEvent domainEvent) => (_events ??= new List<IDomainEvent>()).Add(domainEvent);

                public IReadOnlyList<IDomainEvent> PopEvents()
                {
                    var events = _events?.ToList() ?? new List<IDomainEvent>();
                    _events?.Clear();
                    return events;
                }
            }

            sealed class Account : Entity
            {
                public bool PhoneVerified { get; private set; }
                public string Status { get; private set; } = "active";

                public void ChangePhone([IdentityBearing(IdentityCategory.Phone)] string newPhone)
                {
                    PhoneVerified = false;
                    Raise($PHONEEVENT);
                }

                public void Suspend(string reason)
                {
                    Status = "suspended";
                    Raise(new AccountSuspended(Id, reason, DateTime.UtcNow));
                }
            }

            sealed record PhoneNumberChanged(Guid AccountId, string NewPhone, DateTime ChangedUtc) : IDomainEvent;

            sealed record AccountSuspended(Guid AccountId, string Reason, DateTime SuspendedUtc) : IDomainEvent;

            sealed record AccountContactChanged(Guid AccountId, string Channel, DateTime ChangedUtc);

            sealed record OutboxRow(Guid Id, string Type, string Json, DateTime CreatedUtc)
            {
                public DateTime? PublishedUtc { get; set; }
            }

            static class Privacy
            {
                [Minimizer] public static string MaskPhone(string phone) => phone.Length <= 4 ? "****" : new string('*', phone.Length - 4) + phone[^4..];
            }

            sealed class OutboxInterceptor
            {
                public void SavingChanges(IEnumerable<Entity> tracked, ICollection<OutboxRow> outbox)
                {
                    foreach (var entity in tracked)
                    {
                        foreach (var domainEvent in entity.PopEvents())
                        {
                            object? contract = $CONTRACT;
                            if (contract is null)
                            {
                                continue;
                            }

                            outbox.Add(new OutboxRow(Guid.NewGuid(), contract.GetType().Name, JsonSerializer.Serialize(contract, contract.GetType()), DateTime.UtcNow));
                        }
                    }
                }
            }

            sealed class AccountsDb
            {
                private readonly List<Entity> _tracked = new();
                private readonly List<OutboxRow> _outbox = new();
                private readonly OutboxInterceptor _interceptor = new();

                public void Attach(Entity entity) => _tracked.Add(entity);

                public Task SaveChangesAsync(CancellationToken ct = default)
                {
                    _interceptor.SavingChanges(_tracked, _outbox);
                    return Task.CompletedTask;
                }

                public IReadOnlyList<OutboxRow> Unpublished(int max) => _outbox.Where(r => r.PublishedUtc is null).Take(max).ToList();
            }

            interface IEventStreamPartner
            {
                Task PutRecordAsync(string stream, string partitionKey, [PartnerShare("event-stream")] string data, CancellationToken ct);
            }

            sealed class OutboxPublisher
            {
                private readonly AccountsDb _db;
                private readonly IEventStreamPartner _stream;

                public OutboxPublisher(AccountsDb db, IEventStreamPartner stream)
                {
                    _db = db;
                    _stream = stream;
                }

                public async Task PublishBatchAsync(CancellationToken ct)
                {
                    foreach (var row in _db.Unpublished(50))
                    {
                        await _stream.PutRecordAsync(row.Type, row.Id.ToString("N"), $PUBLISHEDROW, ct);
                        row.PublishedUtc = DateTime.UtcNow;
                    }
                }
            }

            sealed class AccountService
            {
                private readonly AccountsDb _db;

                public AccountService(AccountsDb db) => _db = db;

                public async Task ChangePhoneAsync(Account account, string phone, CancellationToken ct)
                {
                    account.ChangePhone(phone);
                    _db.Attach(account);
                    await _db.SaveChangesAsync(ct);
                }
            }
            """;

        private static string Interceptor(string publishedRow = "row.Json", string phoneEvent = "new PhoneNumberChanged(Id, newPhone, DateTime.UtcNow)", string contract = "domainEvent")
            => InterceptorProgram.Replace("$PUBLISHEDROW", publishedRow).Replace("$PHONEEVENT", phoneEvent).Replace("$CONTRACT", contract);

        [Fact]
        public Task Phone_change_event_serialized_by_the_interceptor_is_reported_where_the_publisher_sends_the_row() => Run(Interceptor(
            publishedRow: "{|#0:row.Json|}"), Min001(0));

        [Fact]
        public Task Phone_change_event_raised_with_a_masked_phone_is_clean() => Run(Interceptor(
            phoneEvent: "new PhoneNumberChanged(Id, Privacy.MaskPhone(newPhone), DateTime.UtcNow)"));

        [Fact]
        public Task Interceptor_mapping_events_to_contracts_without_the_phone_is_clean() => Run(Interceptor(contract: """
            domainEvent switch
                            {
                                PhoneNumberChanged changed => new AccountContactChanged(changed.AccountId, "phone", changed.ChangedUtc),
                                AccountSuspended suspended => new { suspended.AccountId, suspended.SuspendedUtc },
                                _ => null,
                            }
            """));
    }
}
