using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only: layered application flows (controllers, services,
    /// repositories, mediators, decorators, template methods, mappers), async and LINQ pipelines, serialization and
    /// message envelopes, and precision near-misses (Readings 1, 2, 7, 8 and 11). Every program defines its own domain;
    /// types are internal so that MIN010 stays out of the picture. Positives and near-miss negatives alternate.
    /// </summary>
    public class HeldOutPipelineTests
    {
        // =====================================================================================================
        // 1. Layered application flows
        // =====================================================================================================

        private const string SignupProgram = """
            using System;
            using System.Threading.Tasks;
            using Minimization;

            sealed class SignupForm
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                public string Plan { get; set; } = "";
            }

            interface ICrmClient
            {
                Task UpsertContactAsync([PartnerShare("crm")] string contactKey, string segment);
            }

            sealed class HttpCrmClient : ICrmClient
            {
                public Task UpsertContactAsync(string contactKey, string segment) => Task.CompletedTask;
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            interface ISignupService
            {
                Task RegisterAsync(string email, string plan);
                Task TagAsync(string contactKey, string note);
            }

            sealed class SignupService : ISignupService
            {
                private readonly ICrmClient _crm;
                public SignupService(ICrmClient crm) => _crm = crm;

                public async Task RegisterAsync(string email, string plan)
                {
                    var segment = plan.StartsWith("pro", StringComparison.Ordinal) ? "b2b" : "b2c";
                    await _crm.UpsertContactAsync(email.Trim().ToLowerInvariant(), segment);
                }

                public Task TagAsync(string contactKey, string note) => _crm.UpsertContactAsync(contactKey, note);
            }
            """;

        [Fact]
        public Task Controller_to_injected_service_to_crm_client_is_reported_at_the_controller_argument() => Check(SignupProgram + """

            sealed class SignupController
            {
                private readonly ISignupService _signups;
                public SignupController(ISignupService signups) => _signups = signups;

                public async Task<int> Post(SignupForm form)
                {
                    if (string.IsNullOrWhiteSpace(form.Email)) return 400;
                    await _signups.RegisterAsync({|#0:form.Email|}, form.Plan);
                    return 201;
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Controller_pseudonymizing_before_the_service_is_clean() => Check(SignupProgram + """

            sealed class SignupController
            {
                private readonly ISignupService _signups;
                public SignupController(ISignupService signups) => _signups = signups;

                public async Task<int> Post(SignupForm form)
                {
                    if (string.IsNullOrWhiteSpace(form.Email)) return 400;
                    await _signups.RegisterAsync(Privacy.Pseudonymize(form.Email), form.Plan);
                    return 201;
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Service_forwarding_its_first_parameter_to_the_sink_position_is_reported_at_the_caller() => Check(SignupProgram + """

            sealed class TaggingController
            {
                private readonly ISignupService _signups;
                public TaggingController(ISignupService signups) => _signups = signups;
                public Task Tag(SignupForm form) => _signups.TagAsync({|#0:"lead:" + form.Email|}, form.Plan);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Identity_reaching_only_the_non_sink_parameter_through_a_service_is_clean() => Check(SignupProgram + """

            sealed class TaggingController
            {
                private readonly ISignupService _signups;
                public TaggingController(ISignupService signups) => _signups = signups;
                public Task Tag(SignupForm form) => _signups.TagAsync(Privacy.Pseudonymize(form.Email), "signup:" + form.Email);
            }
            """, withPrelude: false);

        private const string NotifierProgram = """
            using System;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Subscriber
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
                public string Language { get; set; } = "en";
            }

            static class SmsGateway
            {
                [PartnerShare("sms-aggregator")] public static Task SendAsync(string msisdn, string text) => Task.CompletedTask;
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            interface INotifier
            {
                Task NotifyAsync(string msisdn, string text);
            }

            sealed class SmsPartnerNotifier : INotifier
            {
                public Task NotifyAsync(string msisdn, string text) => SmsGateway.SendAsync(msisdn, text);
            }

            sealed class RetryingNotifier : INotifier
            {
                private readonly INotifier _inner;
                private readonly int _attempts;
                public RetryingNotifier(INotifier inner, int attempts) { _inner = inner; _attempts = attempts; }

                public async Task NotifyAsync(string msisdn, string text)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            await _inner.NotifyAsync(msisdn, text);
                            return;
                        }
                        catch (TimeoutException) when (attempt < _attempts)
                        {
                            await Task.Delay(100 * (attempt + 1));
                        }
                    }
                }
            }

            sealed class PseudonymizingNotifier : INotifier
            {
                private readonly INotifier _inner;
                public PseudonymizingNotifier(INotifier inner) => _inner = inner;
                public Task NotifyAsync(string msisdn, string text) => _inner.NotifyAsync(Privacy.Pseudonymize(msisdn), text);
            }
            """;

        [Fact]
        public Task Notification_through_an_interface_with_a_retrying_decorator_is_reported_at_the_controller() => Check(NotifierProgram + """

            sealed class OutageController
            {
                private readonly INotifier _notifier;
                public OutageController(INotifier notifier) => _notifier = notifier;
                public Task Warn(Subscriber subscriber, string area)
                    => _notifier.NotifyAsync({|#0:subscriber.Msisdn|}, $"Planned outage in {area} ({subscriber.Language})");
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Notification_through_a_concrete_pseudonymizing_decorator_is_clean() => Check(NotifierProgram + """

            sealed class OutageController
            {
                private readonly PseudonymizingNotifier _notifier;
                public OutageController(PseudonymizingNotifier notifier) => _notifier = notifier;
                public Task Warn(Subscriber subscriber, string area)
                    => _notifier.NotifyAsync(subscriber.Msisdn, $"Planned outage in {area} ({subscriber.Language})");
            }
            """, withPrelude: false);

        private const string RepositoryProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Minimization;

            interface IEntity { Guid Id { get; } }

            sealed class Customer : IEntity
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                public string Country { get; set; } = "";
            }

            interface IRepository<T> where T : class, IEntity
            {
                Task<T?> FindAsync(Guid id);
                Task AddAsync(T entity);
            }

            sealed class InMemoryRepository<T> : IRepository<T> where T : class, IEntity
            {
                private readonly Dictionary<Guid, T> _items = new();
                public Task<T?> FindAsync(Guid id) => Task.FromResult<T?>(_items.TryGetValue(id, out var found) ? found : null);
                public Task AddAsync(T entity) { _items[entity.Id] = entity; return Task.CompletedTask; }
            }

            sealed class PartnerContactDto
            {
                public Guid Reference { get; set; }
                public string Phone { get; set; } = "";
                public string Country { get; set; } = "";
            }

            interface IPartnerApi
            {
                [PartnerShare("mvno")] Task PushAsync(PartnerContactDto contact);
                Task AcknowledgeAsync([PartnerShare("mvno")] Guid reference);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            sealed class PartnerSyncService
            {
                private readonly IRepository<Customer> _customers;
                private readonly IPartnerApi _api;
                public PartnerSyncService(IRepository<Customer> customers, IPartnerApi api) { _customers = customers; _api = api; }

                public async Task SyncAsync(Guid id)
                {
                    var customer = await _customers.FindAsync(id);
                    if (customer is null) return;
                    var dto = customer.ToPartnerDto();
                    SEND
                }
            }
            """;

        [Fact]
        public Task Entity_from_a_generic_repository_mapped_by_an_extension_method_is_reported_at_the_dto() => Check(RepositoryProgram.Replace("SEND", "await _api.PushAsync({|#0:dto|});") + """

            static class CustomerMappings
            {
                public static PartnerContactDto ToPartnerDto(this Customer customer)
                    => new PartnerContactDto { Reference = customer.Id, Phone = customer.Phone, Country = customer.Country };
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Extension_mapping_that_pseudonymizes_the_phone_is_clean() => Check(RepositoryProgram.Replace("SEND", "await _api.PushAsync(dto);") + """

            static class CustomerMappings
            {
                public static PartnerContactDto ToPartnerDto(this Customer customer)
                    => new PartnerContactDto { Reference = customer.Id, Phone = Privacy.Pseudonymize(customer.Phone), Country = customer.Country };
            }
            """, withPrelude: false);

        [Fact]
        public Task Guid_reference_of_a_dto_holding_a_raw_phone_is_clean() => Check(RepositoryProgram.Replace("SEND", "await _api.AcknowledgeAsync(dto.Reference);") + """

            static class CustomerMappings
            {
                public static PartnerContactDto ToPartnerDto(this Customer customer)
                    => new PartnerContactDto { Reference = customer.Id, Phone = customer.Phone, Country = customer.Country };
            }
            """, withPrelude: false);

        private const string MediatorProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            interface IRequest<TResponse> { }

            interface IRequestHandler<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
            }

            sealed class Mediator
            {
                private readonly Dictionary<Type, object> _handlers = new();

                public void Register<TRequest, TResponse>(IRequestHandler<TRequest, TResponse> handler) where TRequest : IRequest<TResponse>
                    => _handlers[typeof(TRequest)] = handler;

                public Task<TResponse> Send<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken = default) where TRequest : IRequest<TResponse>
                {
                    var handler = (IRequestHandler<TRequest, TResponse>)_handlers[typeof(TRequest)];
                    return handler.Handle(request, cancellationToken);
                }
            }

            sealed class LeadForm
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                public string Campaign { get; set; } = "";
            }

            sealed record ShareLeadCommand(string Email, string Campaign) : IRequest<bool>;
            sealed record LeadStatsQuery(string Campaign) : IRequest<int>;

            interface ILeadPartner
            {
                Task SubmitAsync([PartnerShare("lead-broker")] string email, string campaign, CancellationToken ct);
            }

            sealed class ShareLeadHandler : IRequestHandler<ShareLeadCommand, bool>
            {
                private readonly ILeadPartner _partner;
                public ShareLeadHandler(ILeadPartner partner) => _partner = partner;
                public async Task<bool> Handle(ShareLeadCommand request, CancellationToken cancellationToken)
                {
                    await _partner.SubmitAsync(request.Email, request.Campaign, cancellationToken);
                    return true;
                }
            }

            sealed class LeadStatsHandler : IRequestHandler<LeadStatsQuery, int>
            {
                public Task<int> Handle(LeadStatsQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Campaign.Length);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        [Fact]
        public Task Command_sent_through_a_mediator_dictionary_of_handlers_is_reported_at_the_command() => Check(MediatorProgram + """

            sealed class LeadsController
            {
                private readonly Mediator _mediator;
                public LeadsController(Mediator mediator) => _mediator = mediator;
                public Task<bool> Post(LeadForm form, CancellationToken ct)
                    => _mediator.Send<ShareLeadCommand, bool>({|#0:new ShareLeadCommand(form.Email, form.Campaign)|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Command_with_a_pseudonymized_email_through_the_mediator_is_clean() => Check(MediatorProgram + """

            sealed class LeadsController
            {
                private readonly Mediator _mediator;
                public LeadsController(Mediator mediator) => _mediator = mediator;
                public Task<bool> Post(LeadForm form, CancellationToken ct)
                    => _mediator.Send<ShareLeadCommand, bool>(new ShareLeadCommand(Privacy.Pseudonymize(form.Email), form.Campaign), ct);
            }
            """, withPrelude: false);

        private const string EventHandlerProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            enum OrderStatus { Pending, Paid, Shipped }

            sealed class Shopper
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
            }

            sealed record OrderPlaced(Guid OrderId, string ContactEmail, DateTime PlacedAt, OrderStatus Status);

            interface IHandler<in TEvent>
            {
                Task HandleAsync(TEvent e, CancellationToken ct);
            }

            sealed class EventPublisher<TEvent>
            {
                private readonly IEnumerable<IHandler<TEvent>> _handlers;
                public EventPublisher(IEnumerable<IHandler<TEvent>> handlers) => _handlers = handlers;
                public async Task PublishAsync(TEvent e, CancellationToken ct)
                {
                    foreach (var handler in _handlers)
                    {
                        await handler.HandleAsync(e, ct);
                    }
                }
            }

            interface IFulfilmentPartner
            {
                Task NotifyAsync([PartnerShare("3pl")] object notice, CancellationToken ct);
            }

            sealed class AuditHandler : IHandler<OrderPlaced>
            {
                public int Seen { get; private set; }
                public Task HandleAsync(OrderPlaced e, CancellationToken ct) { Seen++; return Task.CompletedTask; }
            }

            sealed class CheckoutService
            {
                private readonly EventPublisher<OrderPlaced> _events;
                public CheckoutService(EventPublisher<OrderPlaced> events) => _events = events;
                public Task CompleteAsync(Guid orderId, Shopper shopper, CancellationToken ct)
                    => _events.PublishAsync(MARK, ct);
            }
            """;

        [Fact]
        public Task Event_dispatched_to_generic_handlers_that_send_its_email_is_reported_at_the_event() => Check(EventHandlerProgram.Replace("MARK", "{|#0:new OrderPlaced(orderId, shopper.Email, DateTime.UtcNow, OrderStatus.Pending)|}") + """

            sealed class FulfilmentHandler : IHandler<OrderPlaced>
            {
                private readonly IFulfilmentPartner _partner;
                public FulfilmentHandler(IFulfilmentPartner partner) => _partner = partner;
                public Task HandleAsync(OrderPlaced e, CancellationToken ct) => _partner.NotifyAsync(new { e.OrderId, Contact = e.ContactEmail }, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_handler_sending_only_id_date_and_status_of_the_event_is_clean() => Check(EventHandlerProgram.Replace("MARK", "new OrderPlaced(orderId, shopper.Email, DateTime.UtcNow, OrderStatus.Pending)") + """

            sealed class FulfilmentHandler : IHandler<OrderPlaced>
            {
                private readonly IFulfilmentPartner _partner;
                public FulfilmentHandler(IFulfilmentPartner partner) => _partner = partner;
                public Task HandleAsync(OrderPlaced e, CancellationToken ct) => _partner.NotifyAsync(new { e.OrderId, e.PlacedAt, e.Status }, ct);
            }
            """, withPrelude: false);

        private const string FeedProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Minimization;

            sealed class RoamingEvent
            {
                [IdentityBearing(IdentityCategory.Imsi)] public string Imsi { get; set; } = "";
                public string VisitedCountry { get; set; } = "";
                public int Minutes { get; set; }
            }

            interface IRoamingSftp
            {
                Task AppendLineAsync(string file, [PartnerShare("roaming-hub")] string line);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            abstract class PartnerFeed<TItem>
            {
                public async Task<int> PublishAsync(IReadOnlyList<TItem> items)
                {
                    var sent = 0;
                    foreach (var item in items)
                    {
                        if (!ShouldSend(item)) continue;
                        var line = Build(item);
                        await SendAsync(MARK);
                        sent++;
                    }

                    return sent;
                }

                protected virtual bool ShouldSend(TItem item) => true;
                protected abstract string Build(TItem item);
                protected abstract Task SendAsync(string line);
            }

            sealed class NightlyJob
            {
                public Task<int> RunAsync(PartnerFeed<RoamingEvent> feed, IReadOnlyList<RoamingEvent> events) => feed.PublishAsync(events);
            }
            """;

        [Fact]
        public Task Template_method_whose_override_builds_a_line_from_the_imsi_is_reported_where_the_base_sends_it() => Check(FeedProgram.Replace("MARK", "{|#0:line|}") + """

            sealed class RoamingFeed : PartnerFeed<RoamingEvent>
            {
                private readonly IRoamingSftp _sftp;
                public RoamingFeed(IRoamingSftp sftp) => _sftp = sftp;
                protected override bool ShouldSend(RoamingEvent e) => e.Minutes > 0;
                protected override string Build(RoamingEvent e) => $"{e.Imsi}|{e.VisitedCountry}|{e.Minutes}";
                protected override Task SendAsync(string line) => _sftp.AppendLineAsync($"roaming-{DateTime.UtcNow:yyyyMMdd}.csv", line);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Template_method_whose_override_pseudonymizes_the_imsi_is_clean() => Check(FeedProgram.Replace("MARK", "line") + """

            sealed class RoamingFeed : PartnerFeed<RoamingEvent>
            {
                private readonly IRoamingSftp _sftp;
                public RoamingFeed(IRoamingSftp sftp) => _sftp = sftp;
                protected override bool ShouldSend(RoamingEvent e) => e.Minutes > 0;
                protected override string Build(RoamingEvent e) => $"{Privacy.Pseudonymize(e.Imsi)}|{e.VisitedCountry}|{e.Minutes}";
                protected override Task SendAsync(string line) => _sftp.AppendLineAsync($"roaming-{DateTime.UtcNow:yyyyMMdd}.csv", line);
            }
            """, withPrelude: false);

        private const string MapperProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Patient
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                public string Ward { get; set; } = "";
            }

            sealed class ReferralDto
            {
                public string PatientName { get; set; } = "";
                public string Ward { get; set; } = "";
            }

            interface IReferralPartner
            {
                [PartnerShare("clinic-network")] Task ReferAsync(ReferralDto referral);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            interface IMapper
            {
                TDestination Map<TSource, TDestination>(TSource source);
            }

            sealed class MapperConfiguration : IMapper
            {
                private readonly Dictionary<(Type, Type), Func<object, object>> _maps = new();

                public MapperConfiguration CreateMap<TSource, TDestination>(Func<TSource, TDestination> map) where TDestination : notnull
                {
                    _maps[(typeof(TSource), typeof(TDestination))] = source => map((TSource)source);
                    return this;
                }

                public TDestination Map<TSource, TDestination>(TSource source)
                    => (TDestination)_maps[(typeof(TSource), typeof(TDestination))](source!);
            }

            sealed class ReferralService
            {
                private readonly IMapper _mapper;
                private readonly IReferralPartner _partner;
                public ReferralService(IMapper mapper, IReferralPartner partner) { _mapper = mapper; _partner = partner; }

                public async Task ReferAsync(Patient patient)
                {
                    var dto = _mapper.Map<Patient, ReferralDto>(patient);
                    await _partner.ReferAsync(MARK);
                }
            }
            """;

        [Fact]
        public Task Dto_from_a_dictionary_based_mapper_whose_profile_copies_the_name_is_reported() => Check(MapperProgram.Replace("MARK", "{|#0:dto|}") + """

            static class MappingProfile
            {
                public static IMapper Build() => new MapperConfiguration()
                    .CreateMap<Patient, ReferralDto>(p => new ReferralDto { PatientName = p.FullName, Ward = p.Ward });
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Dto_from_a_dictionary_based_mapper_whose_profile_pseudonymizes_the_name_is_clean() => Check(MapperProgram.Replace("MARK", "dto") + """

            static class MappingProfile
            {
                public static IMapper Build() => new MapperConfiguration()
                    .CreateMap<Patient, ReferralDto>(p => new ReferralDto { PatientName = Privacy.Pseudonymize(p.FullName), Ward = p.Ward });
            }
            """, withPrelude: false);

        private const string TypedMapperProgram = """
            using System;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Patient
            {
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                [IdentityBearing(IdentityCategory.DateOfBirth)] public DateTime BirthDate { get; set; }
                public string Ward { get; set; } = "";
            }

            sealed class ReferralDto { public string PatientName { get; set; } = ""; public string Ward { get; set; } = ""; }
            sealed class DischargeDto { public string PatientName { get; set; } = ""; public DateTime BirthDate { get; set; } }

            interface IMapper<in TSource, out TDestination>
            {
                TDestination Map(TSource source);
            }

            interface IReferralPartner
            {
                [PartnerShare("clinic-network")] Task ReferAsync(ReferralDto referral);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            sealed class DischargeMapper : IMapper<Patient, DischargeDto>
            {
                public DischargeDto Map(Patient p) => new DischargeDto { PatientName = p.FullName, BirthDate = p.BirthDate };
            }

            sealed class ReferralService
            {
                private readonly IMapper<Patient, ReferralDto> _mapper;
                private readonly IReferralPartner _partner;
                public ReferralService(IMapper<Patient, ReferralDto> mapper, IReferralPartner partner) { _mapper = mapper; _partner = partner; }
                public Task ReferAsync(Patient patient) => _partner.ReferAsync(MARK);
            }
            """;

        [Fact]
        public Task Typed_mapper_interface_whose_implementation_copies_the_name_is_reported_at_the_mapped_argument() => Check(TypedMapperProgram.Replace("MARK", "{|#0:_mapper.Map(patient)|}") + """

            sealed class ReferralMapper : IMapper<Patient, ReferralDto>
            {
                public ReferralDto Map(Patient p) => new ReferralDto { PatientName = p.FullName, Ward = p.Ward };
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Typed_mapper_interface_whose_only_matching_implementation_pseudonymizes_is_clean() => Check(TypedMapperProgram.Replace("MARK", "_mapper.Map(patient)") + """

            sealed class ReferralMapper : IMapper<Patient, ReferralDto>
            {
                public ReferralDto Map(Patient p) => new ReferralDto { PatientName = Privacy.Pseudonymize(p.FullName), Ward = p.Ward };
            }
            """, withPrelude: false);

        private const string ForwarderProgram = """
            using System;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing(IdentityCategory.AccountId)]
            interface IContact
            {
                string Handle { get; }
            }

            sealed class Customer : IContact
            {
                [NonIdentifying] public Guid Id { get; init; } = Guid.NewGuid();
                public string Handle { get; init; } = "";
            }

            interface IPartnerInbox
            {
                Task DeliverAsync([PartnerShare("broker")] object item);
            }

            sealed class PartnerForwarder<T>
            {
                private readonly IPartnerInbox _inbox;
                public PartnerForwarder(IPartnerInbox inbox) => _inbox = inbox;
                public Task ForwardAsync(T item) => _inbox.DeliverAsync(item!);
            }
            """;

        [Fact]
        public Task Identity_bearing_customer_through_an_unconstrained_generic_forwarder_is_reported_at_the_caller() => Check(ForwarderProgram + """

            sealed class ExportController
            {
                private readonly PartnerForwarder<Customer> _forwarder;
                public ExportController(PartnerForwarder<Customer> forwarder) => _forwarder = forwarder;
                public Task Export(Customer customer) => _forwarder.ForwardAsync({|#0:customer|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Forwarder_constrained_to_an_identity_bearing_interface_is_reported_inside() => Check(ForwarderProgram + """

            sealed class ContactForwarder<T> where T : IContact
            {
                private readonly IPartnerInbox _inbox;
                public ContactForwarder(IPartnerInbox inbox) => _inbox = inbox;
                public Task ForwardAsync(T contact) => _inbox.DeliverAsync({|#0:contact|});
            }

            sealed class ExportController
            {
                private readonly ContactForwarder<Customer> _forwarder;
                public ExportController(ContactForwarder<Customer> forwarder) => _forwarder = forwarder;
                public Task Export(Customer customer) => _forwarder.ForwardAsync(customer);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Non_identifying_id_of_an_identity_bearing_customer_through_the_forwarder_is_clean() => Check(ForwarderProgram + """

            sealed class ExportController
            {
                private readonly PartnerForwarder<Guid> _forwarder;
                public ExportController(PartnerForwarder<Guid> forwarder) => _forwarder = forwarder;
                public Task Export(Customer customer) => _forwarder.ForwardAsync(customer.Id);
            }
            """, withPrelude: false);

        private const string HelperProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Contact
            {
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                public string City { get; set; } = "";
                public string Tier { get; set; } = "";
            }

            static class PartnerPayloads
            {
                public static string ContactLine(Contact c, char separator = ';') => string.Join(separator, c.Name, c.City, c.Tier);
                public static int DistinctDomains(IEnumerable<string> emails)
                    => emails.Select(e => e.Split('@')[1]).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            }

            interface IMarketingPartner
            {
                Task PostAsync([PartnerShare("marketing")] object payload);
            }
            """;

        [Fact]
        public Task Static_helper_building_a_contact_line_is_reported_at_the_helper_call() => Check(HelperProgram + """

            sealed class CampaignService
            {
                private readonly IMarketingPartner _partner;
                public CampaignService(IMarketingPartner partner) => _partner = partner;
                public Task ShareAsync(Contact contact) => _partner.PostAsync({|#0:PartnerPayloads.ContactLine(contact)|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_helper_counting_distinct_email_domains_is_clean() => Check(HelperProgram + """

            sealed class CampaignService
            {
                private readonly IMarketingPartner _partner;
                public CampaignService(IMarketingPartner partner) => _partner = partner;
                public Task ShareAsync(IReadOnlyList<Contact> contacts) => _partner.PostAsync(PartnerPayloads.DistinctDomains(contacts.Select(c => c.Email)));
            }
            """, withPrelude: false);

        private const string ExporterProgram = """
            using System;
            using System.Threading.Tasks;
            using Minimization;

            sealed class NewsletterForm
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
            }

            interface IListApi
            {
                Task UploadAsync([PartnerShare("ads")] string row);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            interface IContactExporter
            {
                Task ExportAsync(string email);
            }

            sealed class RawCsvExporter : IContactExporter
            {
                private readonly IListApi _api;
                public RawCsvExporter(IListApi api) => _api = api;
                public Task ExportAsync(string email) => _api.UploadAsync($"{email},{DateTime.UtcNow:O}");
            }

            sealed class HashedExporter : IContactExporter
            {
                private readonly IListApi _api;
                public HashedExporter(IListApi api) => _api = api;
                public Task ExportAsync(string email) => _api.UploadAsync(Privacy.Pseudonymize(email));
            }
            """;

        [Fact]
        public Task Injected_exporter_interface_with_a_raw_and_a_hashed_implementation_is_reported_at_the_controller() => Check(ExporterProgram + """

            sealed class NewsletterController
            {
                private readonly IContactExporter _exporter;
                public NewsletterController(IContactExporter exporter) => _exporter = exporter;
                public Task Subscribe(NewsletterForm form) => _exporter.ExportAsync({|#0:form.Email|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Exporter_local_created_as_the_hashed_implementation_is_clean() => Check(ExporterProgram + """

            sealed class NewsletterController
            {
                private readonly IListApi _api;
                public NewsletterController(IListApi api) => _api = api;
                public async Task Subscribe(NewsletterForm form)
                {
                    IContactExporter exporter = new HashedExporter(_api);
                    await exporter.ExportAsync(form.Email);
                }
            }
            """, withPrelude: false);

        private const string TypedClientProgram = """
            using System;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Member
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
            }

            sealed class LoyaltyPartner { }
            sealed class SurveyPartner { }

            static class PartnerEndpoints
            {
                [PartnerShare("loyalty")] public static Task PostLoyaltyAsync(string key) => Task.CompletedTask;
                [PartnerShare("survey")] public static Task PostSurveyAsync(string key) => Task.CompletedTask;
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            interface IContactSync<TPartner>
            {
                Task SyncAsync(string email);
            }

            sealed class LoyaltySync : IContactSync<LoyaltyPartner>
            {
                public Task SyncAsync(string email) => PartnerEndpoints.PostLoyaltyAsync(Privacy.Pseudonymize(email));
            }

            sealed class SurveySync : IContactSync<SurveyPartner>
            {
                public Task SyncAsync(string email) => PartnerEndpoints.PostSurveyAsync(email);
            }
            """;

        [Fact]
        public Task Typed_client_for_the_partner_whose_implementation_sends_raw_is_reported_at_the_caller() => Check(TypedClientProgram + """

            sealed class SurveyInvitations
            {
                private readonly IContactSync<SurveyPartner> _sync;
                public SurveyInvitations(IContactSync<SurveyPartner> sync) => _sync = sync;
                public Task InviteAsync(Member member) => _sync.SyncAsync({|#0:member.Email|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Typed_client_for_the_partner_whose_implementation_pseudonymizes_is_clean() => Check(TypedClientProgram + """

            sealed class LoyaltyEnrolment
            {
                private readonly IContactSync<LoyaltyPartner> _sync;
                public LoyaltyEnrolment(IContactSync<LoyaltyPartner> sync) => _sync = sync;
                public Task EnrolAsync(Member member) => _sync.SyncAsync(member.Email);
            }
            """, withPrelude: false);

        // =====================================================================================================
        // 2. Async and LINQ-heavy pipelines
        // =====================================================================================================

        private const string CdrProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Runtime.CompilerServices;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            enum CallStatus { Answered, Missed, Dropped }

            sealed class CallDetailRecord
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Phone)] public string Caller { get; init; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Callee { get; init; } = "";
                public string CellId { get; init; } = "";
                public int DurationSeconds { get; init; }
                public DateTime StartedAt { get; init; }
                public CallStatus Status { get; init; }
            }

            interface IAnalyticsPartner
            {
                Task SendAsync([PartnerShare("analytics")] object payload, CancellationToken ct = default);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        private const string EnricherProgram = CdrProgram + """

            sealed class NumberEnricher
            {
                public async Task<string> EnrichAsync(string number)
                {
                    await Task.Delay(1);
                    var carrier = number.StartsWith("+4477", StringComparison.Ordinal) ? "EE" : "other";
                    return number + ";" + carrier;
                }
            }
            """;

        [Fact]
        public Task WhenAll_over_async_lambdas_sending_an_enriched_number_is_reported_inside_the_lambda() => Check(EnricherProgram + """

            sealed class CallExportJob
            {
                private readonly NumberEnricher _enricher = new();
                private readonly IAnalyticsPartner _partner;
                public CallExportJob(IAnalyticsPartner partner) => _partner = partner;

                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, CancellationToken ct)
                    => Task.WhenAll(batch.Select(async r =>
                    {
                        var enriched = await _enricher.EnrichAsync(r.Caller);
                        await _partner.SendAsync({|#0:enriched|}, ct);
                    }));
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task WhenAll_over_async_lambdas_enriching_a_pseudonym_is_clean() => Check(EnricherProgram + """

            sealed class CallExportJob
            {
                private readonly NumberEnricher _enricher = new();
                private readonly IAnalyticsPartner _partner;
                public CallExportJob(IAnalyticsPartner partner) => _partner = partner;

                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, CancellationToken ct)
                    => Task.WhenAll(batch.Select(async r =>
                    {
                        var enriched = await _enricher.EnrichAsync(Privacy.Pseudonymize(r.Caller));
                        await _partner.SendAsync(enriched, ct);
                    }));
            }
            """, withPrelude: false);

        [Fact]
        public Task Results_of_WhenAll_over_a_method_group_joined_into_one_payload_are_reported() => Check(CdrProgram + """

            sealed class CallExportJob
            {
                private readonly IAnalyticsPartner _partner;
                public CallExportJob(IAnalyticsPartner partner) => _partner = partner;

                private static async Task<string> FormatAsync(CallDetailRecord r)
                {
                    await Task.Yield();
                    return $"{r.Caller},{r.CellId},{r.DurationSeconds}";
                }

                public async Task RunAsync(IReadOnlyList<CallDetailRecord> batch, CancellationToken ct)
                {
                    var lines = await Task.WhenAll(batch.Select(FormatAsync));
                    await _partner.SendAsync({|#0:string.Join('\n', lines)|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Results_of_WhenAll_formatting_only_cell_duration_and_status_are_clean() => Check(CdrProgram + """

            sealed class CallExportJob
            {
                private readonly IAnalyticsPartner _partner;
                public CallExportJob(IAnalyticsPartner partner) => _partner = partner;

                private static async Task<string> FormatAsync(CallDetailRecord r)
                {
                    await Task.Yield();
                    return $"{r.CellId},{r.DurationSeconds},{r.Status}";
                }

                public async Task RunAsync(IReadOnlyList<CallDetailRecord> batch, CancellationToken ct)
                {
                    var lines = await Task.WhenAll(batch.Select(FormatAsync));
                    await _partner.SendAsync(string.Join('\n', lines), ct);
                }
            }
            """, withPrelude: false);

        private const string StoreProgram = CdrProgram + """

            sealed record PartnerRow(string Number, string Cell, int Seconds);

            sealed class CdrStore
            {
                private readonly List<CallDetailRecord> _rows = new();
                public void Add(CallDetailRecord r) => _rows.Add(r);

                public async IAsyncEnumerable<PartnerRow> StreamAsync(DateTime since, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    foreach (var r in _rows)
                    {
                        ct.ThrowIfCancellationRequested();
                        if (r.StartedAt < since) continue;
                        await Task.Yield();
                        yield return new PartnerRow(r.Callee, r.CellId, r.DurationSeconds);
                    }
                }

                public async IAsyncEnumerable<string> MissedCallersAsync([EnumeratorCancellation] CancellationToken ct = default)
                {
                    foreach (var r in _rows)
                    {
                        if (r.Status != CallStatus.Missed) continue;
                        await Task.Delay(1, ct);
                        yield return r.Caller;
                    }
                }
            }

            static class AsyncEnumerableExtensions
            {
                public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, CancellationToken ct = default)
                {
                    var list = new List<T>();
                    await foreach (var item in source.WithCancellation(ct))
                    {
                        list.Add(item);
                    }

                    return list;
                }
            }
            """;

        [Fact]
        public Task Rows_from_an_own_async_iterator_consumed_with_await_foreach_are_reported() => Check(StoreProgram + """

            sealed class NightlyExport
            {
                public async Task RunAsync(CdrStore store, IAnalyticsPartner partner, CancellationToken ct)
                {
                    await foreach (var row in store.StreamAsync(DateTime.UtcNow.AddDays(-1), ct))
                    {
                        await partner.SendAsync({|#0:row|}, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Seconds_of_rows_from_the_async_iterator_are_clean() => Check(StoreProgram + """

            sealed class NightlyExport
            {
                public async Task RunAsync(CdrStore store, IAnalyticsPartner partner, CancellationToken ct)
                {
                    await foreach (var row in store.StreamAsync(DateTime.UtcNow.AddDays(-1), ct))
                    {
                        await partner.SendAsync(row.Seconds, ct);
                    }
                }
            }
            """, withPrelude: false);

        private const string AsyncLinqProgram = StoreProgram + """

            static class AsyncLinq
            {
                public static async IAsyncEnumerable<TResult> SelectAwait<T, TResult>(this IAsyncEnumerable<T> source, Func<T, ValueTask<TResult>> selector, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    await foreach (var item in source.WithCancellation(ct).ConfigureAwait(false))
                    {
                        yield return await selector(item).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Own_SelectAwait_over_an_async_iterator_projecting_the_number_is_reported() => Check(AsyncLinqProgram + """

            sealed class StreamingExport
            {
                public async Task RunAsync(CdrStore store, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var lines = store.StreamAsync(DateTime.UtcNow.AddHours(-1), ct).SelectAwait(async row => { await Task.Yield(); return $"{row.Number}|{row.Cell}"; }, ct);
                    await foreach (var line in lines)
                    {
                        await partner.SendAsync({|#0:line|}, ct).ConfigureAwait(false);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Own_SelectAwait_over_an_async_iterator_projecting_a_pseudonym_is_clean() => Check(AsyncLinqProgram + """

            sealed class StreamingExport
            {
                public async Task RunAsync(CdrStore store, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var lines = store.StreamAsync(DateTime.UtcNow.AddHours(-1), ct).SelectAwait(async row => { await Task.Yield(); return $"{Privacy.Pseudonymize(row.Number)}|{row.Seconds}"; }, ct);
                    await foreach (var line in lines)
                    {
                        await partner.SendAsync(line, ct).ConfigureAwait(false);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Own_ToListAsync_over_an_iterator_of_callers_is_reported_at_the_list() => Check(StoreProgram + """

            sealed class MissedCallReport
            {
                public async Task RunAsync(CdrStore store, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var callers = await store.MissedCallersAsync(ct).ToListAsync(ct);
                    await partner.SendAsync({|#0:callers|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Count_of_the_list_from_own_ToListAsync_is_clean() => Check(StoreProgram + """

            sealed class MissedCallReport
            {
                public async Task RunAsync(CdrStore store, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var callers = await store.MissedCallersAsync(ct).ToListAsync(ct);
                    await partner.SendAsync(callers.Count, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task GroupBy_caller_sending_the_group_key_in_an_anonymous_object_is_reported() => Check(CdrProgram + """

            sealed class UsageReport
            {
                public async Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    foreach (var g in batch.GroupBy(r => r.Caller))
                    {
                        await partner.SendAsync({|#0:new { Caller = g.Key, Calls = g.Count(), Seconds = g.Sum(r => r.DurationSeconds) }|}, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task GroupBy_cell_sending_key_count_and_total_seconds_is_clean() => Check(CdrProgram + """

            sealed class UsageReport
            {
                public async Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    foreach (var g in batch.GroupBy(r => r.CellId))
                    {
                        await partner.SendAsync(new { Cell = g.Key, Calls = g.Count(), Seconds = g.Sum(r => r.DurationSeconds) }, ct);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Keys_of_a_dictionary_keyed_by_caller_are_reported() => Check(CdrProgram + """

            sealed class UsageReport
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var secondsByCaller = batch.GroupBy(r => r.Caller).ToDictionary(g => g.Key, g => g.Sum(r => r.DurationSeconds));
                    return partner.SendAsync({|#0:secondsByCaller.Keys.Order().ToArray()|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Dictionary_of_seconds_keyed_by_record_guid_is_clean() => Check(CdrProgram + """

            sealed class UsageReport
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var secondsById = batch.ToDictionary(r => r.Id, r => r.DurationSeconds);
                    return partner.SendAsync(secondsById, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Elements_of_a_lookup_of_callees_by_cell_are_reported() => Check(CdrProgram + """

            sealed class CellReport
            {
                public async Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var calleesByCell = batch.ToLookup(r => r.CellId, r => r.Callee);
                    foreach (var cell in calleesByCell)
                    {
                        await partner.SendAsync({|#0:cell.ToArray()|}, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Sums_of_a_lookup_of_seconds_by_cell_are_clean() => Check(CdrProgram + """

            sealed class CellReport
            {
                public async Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var secondsByCell = batch.ToLookup(r => r.CellId, r => r.DurationSeconds);
                    foreach (var cell in secondsByCell)
                    {
                        await partner.SendAsync(new { Cell = cell.Key, Total = cell.Sum() }, ct);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Aggregate_into_a_StringBuilder_of_dropped_callers_is_reported() => Check(CdrProgram + """

            sealed class DropReport
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var csv = batch.Where(r => r.Status == CallStatus.Dropped)
                        .Aggregate(new StringBuilder(), (sb, r) => sb.Append(r.Caller).Append(',').Append(r.CellId).AppendLine(), sb => sb.ToString());
                    return partner.SendAsync({|#0:csv|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Aggregate_of_durations_into_a_TimeSpan_is_clean() => Check(CdrProgram + """

            sealed class DropReport
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var total = batch.Aggregate(TimeSpan.Zero, (acc, r) => acc + TimeSpan.FromSeconds(r.DurationSeconds));
                    return partner.SendAsync(total.TotalMinutes, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Zip_of_callers_with_cells_is_reported() => Check(CdrProgram + """

            sealed class CellPairing
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var callers = batch.Select(r => r.Caller);
                    var cells = batch.Select(r => r.CellId);
                    var pairs = callers.Zip(cells, (number, cell) => $"{number}@{cell}").ToList();
                    return partner.SendAsync({|#0:pairs|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Zip_of_cells_with_durations_is_clean() => Check(CdrProgram + """

            sealed class CellPairing
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var cells = batch.Select(r => r.CellId);
                    var seconds = batch.Select(r => r.DurationSeconds);
                    var pairs = cells.Zip(seconds).Select(p => $"{p.First}:{p.Second}").ToList();
                    return partner.SendAsync(pairs, ct);
                }
            }
            """, withPrelude: false);

        private const string AccountProgram = CdrProgram + """

            sealed class SimLine
            {
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; init; } = "";
                public string Plan { get; init; } = "";
                public decimal MonthlyFee { get; init; }
            }

            sealed class Account
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                public List<SimLine> Lines { get; } = new();
            }
            """;

        [Fact]
        public Task SelectMany_over_account_lines_projecting_msisdns_is_reported() => Check(AccountProgram + """

            sealed class IotExport
            {
                public Task RunAsync(IEnumerable<Account> accounts, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var numbers = accounts.SelectMany(a => a.Lines).Where(l => l.Plan == "iot").Select(l => l.Msisdn).Distinct().ToList();
                    return partner.SendAsync({|#0:numbers|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task SelectMany_over_account_lines_summing_fees_by_plan_is_clean() => Check(AccountProgram + """

            sealed class IotExport
            {
                public Task RunAsync(IEnumerable<Account> accounts, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var revenue = accounts.SelectMany(a => a.Lines).GroupBy(l => l.Plan)
                        .Select(g => new { Plan = g.Key, Revenue = g.Sum(l => l.MonthlyFee) }).ToList();
                    return partner.SendAsync(revenue, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Number_of_the_first_tuple_after_OrderByDescending_is_reported() => Check(CdrProgram + """

            sealed class LongestCall
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var longest = batch.Select(r => (Number: r.Caller, r.DurationSeconds)).OrderByDescending(t => t.DurationSeconds).First();
                    return partner.SendAsync({|#0:longest.Number|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Seconds_of_the_first_tuple_after_OrderByDescending_are_clean() => Check(CdrProgram + """

            sealed class LongestCall
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var longest = batch.Select(r => (Number: r.Caller, r.DurationSeconds)).OrderByDescending(t => t.DurationSeconds).First();
                    return partner.SendAsync(longest.DurationSeconds, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Record_template_with_the_callee_set_by_with_in_a_projection_is_reported() => Check(CdrProgram + """

            sealed record PartnerCall(string Number, string Cell, int Seconds);

            sealed class CallShare
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var template = new PartnerCall("", "", 0);
                    var rows = batch.Select(r => template with { Number = r.Callee, Cell = r.CellId, Seconds = r.DurationSeconds }).ToList();
                    return partner.SendAsync({|#0:rows|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Record_template_with_a_pseudonymized_callee_set_by_with_is_clean() => Check(CdrProgram + """

            sealed record PartnerCall(string Number, string Cell, int Seconds);

            sealed class CallShare
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var template = new PartnerCall("", "", 0);
                    var rows = batch.Select(r => template with { Number = Privacy.Pseudonymize(r.Callee), Cell = r.CellId, Seconds = r.DurationSeconds }).ToList();
                    return partner.SendAsync(rows, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Array_of_anonymous_objects_holding_the_caller_is_reported() => Check(CdrProgram + """

            sealed class MissedCallExport
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var payload = batch.Where(r => r.Status == CallStatus.Missed).Select(r => new { r.CellId, Msisdn = r.Caller, At = r.StartedAt }).ToArray();
                    return partner.SendAsync({|#0:payload|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Array_of_anonymous_objects_with_cell_time_and_status_is_clean() => Check(CdrProgram + """

            sealed class MissedCallExport
            {
                public Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var payload = batch.Where(r => r.Status == CallStatus.Missed).Select(r => new { r.CellId, At = r.StartedAt, r.Status }).ToArray();
                    return partner.SendAsync(payload, ct);
                }
            }
            """, withPrelude: false);

        private const string TopCallerProgram = CdrProgram + """

            static class CallStats
            {
                public static async Task<(string Number, int Calls)> TopCallerAsync(IEnumerable<CallDetailRecord> batch, CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    var top = batch.GroupBy(r => r.Caller).OrderByDescending(g => g.Count()).First();
                    return (top.Key, top.Count());
                }
            }
            """;

        [Fact]
        public Task Number_deconstructed_from_a_tuple_returned_by_an_async_method_is_reported() => Check(TopCallerProgram + """

            sealed class FraudSignal
            {
                public async Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var (number, calls) = await CallStats.TopCallerAsync(batch, ct);
                    if (calls > 100)
                    {
                        await partner.SendAsync({|#0:number|}, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Count_deconstructed_from_a_tuple_returned_by_an_async_method_is_clean() => Check(TopCallerProgram + """

            sealed class FraudSignal
            {
                public async Task RunAsync(IReadOnlyList<CallDetailRecord> batch, IAnalyticsPartner partner, CancellationToken ct)
                {
                    var (number, calls) = await CallStats.TopCallerAsync(batch, ct);
                    Console.WriteLine($"top caller {number}");
                    await partner.SendAsync(calls, ct);
                }
            }
            """, withPrelude: false);

        private const string ProfileProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing(IdentityCategory.IpAddress)]
            sealed class WebSession
            {
                [NonIdentifying] public Guid Id { get; init; } = Guid.NewGuid();
                public string RemoteIp { get; init; } = "";
                public DateTime StartedAt { get; init; }
            }

            sealed class Profile
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                public string Plan { get; set; } = "";
            }

            interface IAdsPartner
            {
                Task SendAsync([PartnerShare("ads")] object payload, CancellationToken ct);
            }

            sealed class ProfileReader
            {
                private readonly Dictionary<Guid, Profile> _profiles = new();
                public async Task<string> EmailOfAsync(Guid id, CancellationToken ct) { await Task.Delay(1, ct); return _profiles[id].Email; }
                public async Task<string> PlanOfAsync(Guid id, CancellationToken ct) { await Task.Delay(1, ct); return _profiles[id].Plan; }
            }
            """;

        [Fact]
        public Task Result_of_the_email_task_after_WhenAll_is_reported() => Check(ProfileProgram + """

            sealed class AudienceSync
            {
                public async Task RunAsync(ProfileReader reader, IAdsPartner partner, Guid id, CancellationToken ct)
                {
                    var email = reader.EmailOfAsync(id, ct);
                    var plan = reader.PlanOfAsync(id, ct);
                    await Task.WhenAll(email, plan);
                    await partner.SendAsync({|#0:email.Result|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Result_of_the_plan_task_awaited_together_with_the_email_task_is_clean() => Check(ProfileProgram + """

            sealed class AudienceSync
            {
                public async Task RunAsync(ProfileReader reader, IAdsPartner partner, Guid id, CancellationToken ct)
                {
                    var email = reader.EmailOfAsync(id, ct);
                    var plan = reader.PlanOfAsync(id, ct);
                    await Task.WhenAll(email, plan);
                    await partner.SendAsync(plan.Result, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Start_time_of_the_earliest_identity_bearing_session_is_reported() => Check(ProfileProgram + """

            sealed class SessionStats
            {
                public Task RunAsync(IEnumerable<WebSession> sessions, IAdsPartner partner, CancellationToken ct)
                {
                    var first = sessions.OrderBy(s => s.StartedAt).First();
                    return partner.SendAsync({|#0:first.StartedAt|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Non_identifying_id_of_the_earliest_identity_bearing_session_is_clean() => Check(ProfileProgram + """

            sealed class SessionStats
            {
                public Task RunAsync(IEnumerable<WebSession> sessions, IAdsPartner partner, CancellationToken ct)
                {
                    var first = sessions.OrderBy(s => s.StartedAt).First();
                    return partner.SendAsync(first.Id, ct);
                }
            }
            """, withPrelude: false);

        // =====================================================================================================
        // 3. Serialization and messages
        // =====================================================================================================

        private const string ReferralJsonProgram = """
            using System;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Patient
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                public string Clinic { get; set; } = "";
            }

            sealed class ReferralPayload
            {
                public Guid ReferralId { get; set; }
                public string Patient { get; set; } = "";
                public string Clinic { get; set; } = "";
                public string Reason { get; set; } = "";
            }

            interface IClinicNetworkClient
            {
                Task PostAsync(string path, [PartnerShare("clinic-network")] string body, CancellationToken ct = default);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        [Fact]
        public Task Json_serialized_payload_holding_the_patient_name_is_reported() => Check(ReferralJsonProgram + """

            sealed class ReferralSender
            {
                private readonly IClinicNetworkClient _client;
                public ReferralSender(IClinicNetworkClient client) => _client = client;
                public async Task SendAsync(Patient patient, string reason, CancellationToken ct)
                {
                    var payload = new ReferralPayload { ReferralId = Guid.NewGuid(), Patient = patient.FullName, Clinic = patient.Clinic, Reason = reason };
                    var json = JsonSerializer.Serialize(payload);
                    await _client.PostAsync("/v2/referrals", {|#0:json|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Json_serialized_payload_with_a_pseudonymized_name_is_clean() => Check(ReferralJsonProgram + """

            sealed class ReferralSender
            {
                private readonly IClinicNetworkClient _client;
                public ReferralSender(IClinicNetworkClient client) => _client = client;
                public async Task SendAsync(Patient patient, string reason, CancellationToken ct)
                {
                    var payload = new ReferralPayload { ReferralId = Guid.NewGuid(), Patient = Privacy.Pseudonymize(patient.FullName), Clinic = patient.Clinic, Reason = reason };
                    var json = JsonSerializer.Serialize(payload);
                    await _client.PostAsync("/v2/referrals", json, ct);
                }
            }
            """, withPrelude: false);

        private const string EnvelopeProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Envelope<T>
            {
                public Guid MessageId { get; init; } = Guid.NewGuid();
                public string Type { get; init; } = typeof(T).Name;
                public Dictionary<string, string> Headers { get; } = new();
                public T Payload { get; init; } = default!;
            }

            sealed record SubscriberMoved(string Msisdn, string FromCell, string ToCell);
            sealed record CellLoad(string Cell, int Subscribers);

            sealed class Subscriber
            {
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
                public string CurrentCell { get; set; } = "";
            }

            interface IEventGateway
            {
                [PartnerShare("network-partner")] Task PublishAsync<T>(Envelope<T> envelope, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        [Fact]
        public Task Envelope_whose_payload_record_holds_the_msisdn_is_reported() => Check(EnvelopeProgram + """

            sealed class MobilityPublisher
            {
                private readonly IEventGateway _gateway;
                public MobilityPublisher(IEventGateway gateway) => _gateway = gateway;
                public async Task MovedAsync(Subscriber subscriber, string fromCell, CancellationToken ct)
                {
                    var envelope = new Envelope<SubscriberMoved> { Payload = new SubscriberMoved(subscriber.Msisdn, fromCell, subscriber.CurrentCell) };
                    envelope.Headers["source"] = "mobility";
                    await _gateway.PublishAsync({|#0:envelope|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Envelope_whose_payload_record_holds_a_pseudonym_is_clean() => Check(EnvelopeProgram + """

            sealed class MobilityPublisher
            {
                private readonly IEventGateway _gateway;
                public MobilityPublisher(IEventGateway gateway) => _gateway = gateway;
                public async Task MovedAsync(Subscriber subscriber, string fromCell, CancellationToken ct)
                {
                    var envelope = new Envelope<SubscriberMoved> { Payload = new SubscriberMoved(Privacy.Pseudonymize(subscriber.Msisdn), fromCell, subscriber.CurrentCell) };
                    envelope.Headers["source"] = "mobility";
                    await _gateway.PublishAsync(envelope, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Envelope_with_a_clean_payload_but_the_msisdn_in_a_header_is_reported() => Check(EnvelopeProgram + """

            sealed class LoadPublisher
            {
                private readonly IEventGateway _gateway;
                public LoadPublisher(IEventGateway gateway) => _gateway = gateway;
                public async Task OverloadedAsync(Subscriber trigger, int load, CancellationToken ct)
                {
                    var envelope = new Envelope<CellLoad> { Payload = new CellLoad(trigger.CurrentCell, load) };
                    envelope.Headers["x-trigger-msisdn"] = trigger.Msisdn;
                    await _gateway.PublishAsync({|#0:envelope|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Envelope_with_a_clean_payload_and_correlation_headers_is_clean() => Check(EnvelopeProgram + """

            sealed class LoadPublisher
            {
                private readonly IEventGateway _gateway;
                public LoadPublisher(IEventGateway gateway) => _gateway = gateway;
                public async Task OverloadedAsync(Subscriber trigger, int load, CancellationToken ct)
                {
                    var envelope = new Envelope<CellLoad> { Payload = new CellLoad(trigger.CurrentCell, load) };
                    envelope.Headers["x-correlation-id"] = envelope.MessageId.ToString("N");
                    envelope.Headers["x-cell"] = trigger.CurrentCell;
                    await _gateway.PublishAsync(envelope, ct);
                }
            }
            """, withPrelude: false);

        private const string BillingProgram = """
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Invoice
            {
                [IdentityBearing(IdentityCategory.AccountId)] public string AccountNumber { get; set; } = "";
                public decimal Amount { get; set; }
            }

            interface IPartnerHttp
            {
                Task SendAsync([PartnerShare("billing")] string body, [PartnerShare("billing")] IReadOnlyDictionary<string, string> headers, CancellationToken ct);
                Task PostAsync([PartnerShare("billing")] string body, IReadOnlyDictionary<string, string> diagnostics, CancellationToken ct);
            }
            """;

        [Fact]
        public Task Headers_dictionary_holding_the_account_number_passed_to_a_sink_parameter_is_reported() => Check(BillingProgram + """

            sealed class InvoiceForwarder
            {
                private readonly IPartnerHttp _http;
                public InvoiceForwarder(IPartnerHttp http) => _http = http;
                public Task ForwardAsync(Invoice invoice, string traceId, CancellationToken ct)
                {
                    var body = invoice.Amount.ToString(CultureInfo.InvariantCulture);
                    var headers = new Dictionary<string, string> { ["X-Account"] = invoice.AccountNumber, ["X-Trace"] = traceId };
                    return _http.SendAsync(body, {|#0:headers|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Headers_dictionary_holding_the_account_number_passed_to_a_non_sink_parameter_is_clean() => Check(BillingProgram + """

            sealed class InvoiceForwarder
            {
                private readonly IPartnerHttp _http;
                public InvoiceForwarder(IPartnerHttp http) => _http = http;
                public Task ForwardAsync(Invoice invoice, string traceId, CancellationToken ct)
                {
                    var body = invoice.Amount.ToString(CultureInfo.InvariantCulture);
                    var headers = new Dictionary<string, string> { ["X-Account"] = invoice.AccountNumber, ["X-Trace"] = traceId };
                    return _http.PostAsync(body, headers, ct);
                }
            }
            """, withPrelude: false);

        private const string LookupProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class User
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
                public string Country { get; set; } = "";
                public string Plan { get; set; } = "";
            }

            interface IMatchPartner
            {
                Task<string> GetAsync([PartnerShare("match")] Uri requestUri, CancellationToken ct);
                Task AttributeAsync([PartnerShare("match")] string token, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            sealed class QueryBuilder
            {
                private readonly List<KeyValuePair<string, string>> _pairs = new();
                public QueryBuilder Add(string key, string value) { _pairs.Add(new KeyValuePair<string, string>(key, value)); return this; }
                public override string ToString() => string.Join("&", _pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            }
            """;

        [Fact]
        public Task Lookup_url_with_the_msisdn_in_its_query_string_is_reported() => Check(LookupProgram + """

            sealed class HlrLookup
            {
                private readonly IMatchPartner _partner;
                public HlrLookup(IMatchPartner partner) => _partner = partner;
                public Task<string> LookupAsync(User user, CancellationToken ct)
                {
                    var url = $"https://hlr.partner.example/v1/lookup?msisdn={Uri.EscapeDataString(user.Msisdn)}&country={user.Country}";
                    return _partner.GetAsync({|#0:new Uri(url)|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Fluent_query_builder_given_the_email_is_reported_where_its_text_is_sent() => Check(LookupProgram + """

            sealed class AudienceMatch
            {
                private readonly IMatchPartner _partner;
                public AudienceMatch(IMatchPartner partner) => _partner = partner;
                public Task<string> MatchAsync(User user, CancellationToken ct)
                {
                    var query = new QueryBuilder().Add("email", user.Email).Add("source", "checkout");
                    return _partner.GetAsync({|#0:new Uri("https://match.partner.example/v1/match?" + query)|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Fluent_query_builder_given_only_country_and_source_is_clean() => Check(LookupProgram + """

            sealed class AudienceMatch
            {
                private readonly IMatchPartner _partner;
                public AudienceMatch(IMatchPartner partner) => _partner = partner;
                public Task<string> MatchAsync(User user, CancellationToken ct)
                {
                    var query = new QueryBuilder().Add("country", user.Country).Add("source", "checkout");
                    return _partner.GetAsync(new Uri("https://match.partner.example/v1/match?" + query), ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Base64_of_a_utf8_json_token_holding_the_email_is_reported() => Check(LookupProgram + """

            sealed class Attribution
            {
                private readonly IMatchPartner _partner;
                public Attribution(IMatchPartner partner) => _partner = partner;
                public Task AttributeAsync(User user, CancellationToken ct)
                {
                    var json = JsonSerializer.Serialize(new { email = user.Email, plan = user.Plan });
                    var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
                    return _partner.AttributeAsync({|#0:token|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Base64_of_a_utf8_json_token_holding_a_pseudonym_is_clean() => Check(LookupProgram + """

            sealed class Attribution
            {
                private readonly IMatchPartner _partner;
                public Attribution(IMatchPartner partner) => _partner = partner;
                public Task AttributeAsync(User user, CancellationToken ct)
                {
                    var json = JsonSerializer.Serialize(new { email = Privacy.Pseudonymize(user.Email), plan = user.Plan });
                    var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
                    return _partner.AttributeAsync(token, ct);
                }
            }
            """, withPrelude: false);

        private const string LeadProgram = """
            using System;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Lead
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                public string Source { get; set; } = "";
            }

            sealed class PartnerLead
            {
                public string EmailToken { get; set; } = "";
                public string PhoneToken { get; set; } = "";
                public string Source { get; set; } = "";
            }

            interface ILeadBroker
            {
                [PartnerShare("lead-broker")] Task SubmitAsync(PartnerLead lead, CancellationToken ct);
                Task SubmitMaskedAsync([PartnerShare("lead-broker")] string token, [PartnerShare("lead-broker")] string region, CancellationToken ct);
            }

            interface IAuditPartner
            {
                Task AppendAsync([PartnerShare("auditor")] string line, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        [Fact]
        public Task Dto_with_the_email_minimized_but_the_phone_raw_is_reported() => Check(LeadProgram + """

            static class LeadMappings
            {
                public static PartnerLead ToPartnerLead(this Lead lead)
                    => new PartnerLead { EmailToken = Privacy.Pseudonymize(lead.Email), PhoneToken = lead.Phone, Source = lead.Source };
            }

            sealed class LeadSharing
            {
                private readonly ILeadBroker _broker;
                public LeadSharing(ILeadBroker broker) => _broker = broker;
                public Task ShareAsync(Lead lead, CancellationToken ct) => _broker.SubmitAsync({|#0:lead.ToPartnerLead()|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Dto_with_every_identifier_minimized_is_clean() => Check(LeadProgram + """

            static class LeadMappings
            {
                public static PartnerLead ToPartnerLead(this Lead lead)
                    => new PartnerLead { EmailToken = Privacy.Pseudonymize(lead.Email), PhoneToken = Privacy.Pseudonymize(lead.Phone), Source = lead.Source };
            }

            sealed class LeadSharing
            {
                private readonly ILeadBroker _broker;
                public LeadSharing(ILeadBroker broker) => _broker = broker;
                public Task ShareAsync(Lead lead, CancellationToken ct) => _broker.SubmitAsync(lead.ToPartnerLead(), ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Members_of_a_dto_returned_by_a_minimizer_are_clean() => Check(LeadProgram + """

            sealed class MaskedLead
            {
                public string Token { get; init; } = "";
                public string Region { get; init; } = "";
            }

            static class LeadMasking
            {
                [Minimizer]
                public static MaskedLead Mask(Lead lead)
                    => new MaskedLead { Token = "t-" + (uint)StringComparer.Ordinal.GetHashCode(lead.Email), Region = lead.Phone.Length > 3 ? lead.Phone[..3] : "" };
            }

            sealed class LeadSharing
            {
                private readonly ILeadBroker _broker;
                public LeadSharing(ILeadBroker broker) => _broker = broker;
                public Task ShareAsync(Lead lead, CancellationToken ct)
                {
                    var masked = LeadMasking.Mask(lead);
                    return _broker.SubmitMaskedAsync(masked.Token, masked.Region, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Interpolated_record_using_its_synthesized_ToString_is_reported() => Check(LeadProgram + """

            sealed record LeadCaptured(string Email, string Source, DateTime At);

            sealed class LeadAudit
            {
                private readonly IAuditPartner _auditor;
                public LeadAudit(IAuditPartner auditor) => _auditor = auditor;
                public Task CapturedAsync(Lead lead, CancellationToken ct)
                {
                    var evt = new LeadCaptured(lead.Email, lead.Source, DateTime.UtcNow);
                    return _auditor.AppendAsync({|#0:$"lead-captured {evt}"|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        private const string GenericClientProgram = LeadProgram + """

            static class Json
            {
                private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
                public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Options);
            }

            interface ITransport
            {
                Task PostAsync(string route, [PartnerShare("crm")] string body, CancellationToken ct);
            }

            sealed class PartnerClient
            {
                private readonly ITransport _transport;
                public PartnerClient(ITransport transport) => _transport = transport;
                public Task SendAsync<T>(string route, T message, CancellationToken ct) => _transport.PostAsync(route, Json.ToJson(message), ct);
            }

            sealed class LeadMessage
            {
                public string Email { get; set; } = "";
                public string Source { get; set; } = "";
            }
            """;

        [Fact]
        public Task Message_object_sent_through_a_generic_client_that_serializes_it_is_reported_at_the_message() => Check(GenericClientProgram + """

            sealed class LeadSync
            {
                private readonly PartnerClient _client;
                public LeadSync(PartnerClient client) => _client = client;
                public Task SyncAsync(Lead lead, CancellationToken ct)
                    => _client.SendAsync("leads", {|#0:new LeadMessage { Email = lead.Email, Source = lead.Source }|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Message_object_with_a_pseudonym_sent_through_the_generic_client_is_clean() => Check(GenericClientProgram + """

            sealed class LeadSync
            {
                private readonly PartnerClient _client;
                public LeadSync(PartnerClient client) => _client = client;
                public Task SyncAsync(Lead lead, CancellationToken ct)
                    => _client.SendAsync("leads", new LeadMessage { Email = Privacy.Pseudonymize(lead.Email), Source = lead.Source }, ct);
            }
            """, withPrelude: false);

        private const string SmsRequestProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
                public string Language { get; set; } = "en";
            }

            sealed class SmsRequest
            {
                [PartnerShare("sms-aggregator")] public string To { get; set; } = "";
                [PartnerShare("sms-aggregator")] public string Tags { get; set; } = "";
                public string Body { get; set; } = "";
                public string InternalNote { get; set; } = "";
            }

            interface IPartnerSession
            {
                [PartnerShare("care-partner")] string Recipient { get; set; }
            }

            sealed class CarePartnerSession : IPartnerSession
            {
                public string Recipient { get; set; } = "";
            }

            class PartnerChannel
            {
                [PartnerShare("events")] public virtual void Publish(string payload) { }
            }

            sealed class KafkaChannel : PartnerChannel
            {
                public override void Publish(string payload) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        [Fact]
        public Task Partner_share_property_in_an_object_initializer_is_reported_at_the_assigned_value() => Check(SmsRequestProgram + """

            sealed class WelcomeSms
            {
                private readonly Queue<SmsRequest> _outgoing = new();
                public void Queue(Subscriber subscriber)
                    => _outgoing.Enqueue(new SmsRequest { To = {|#0:subscriber.Msisdn|}, Body = "Welcome (" + subscriber.Language + ")" });
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Partner_share_property_given_a_pseudonym_with_the_raw_number_only_in_a_plain_property_is_clean() => Check(SmsRequestProgram + """

            sealed class WelcomeSms
            {
                public SmsRequest Build(Subscriber subscriber)
                    => new SmsRequest { To = Privacy.Pseudonymize(subscriber.Msisdn), Body = "Welcome", InternalNote = "raw " + subscriber.Msisdn };
            }
            """, withPrelude: false);

        [Fact]
        public Task Compound_assignment_to_a_partner_share_property_is_reported_at_its_right_hand_side() => Check(SmsRequestProgram + """

            sealed class Tagger
            {
                public void Tag(SmsRequest request, IEnumerable<Subscriber> cc)
                {
                    foreach (var s in cc)
                    {
                        request.Tags += {|#0:"," + s.Msisdn|};
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Partner_share_property_set_through_its_interface_in_a_service_is_reported() => Check(SmsRequestProgram + """

            sealed class CareHandover
            {
                private readonly IPartnerSession _session;
                public CareHandover(IPartnerSession session) => _session = session;
                public void HandOver(Subscriber subscriber) => _session.Recipient = {|#0:subscriber.Msisdn.Trim()|};
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Override_of_a_partner_share_method_called_through_the_derived_type_is_reported() => Check(SmsRequestProgram + """

            sealed class PortingEvents
            {
                private readonly KafkaChannel _channel = new();
                public void Ported(Subscriber subscriber, string donor) => _channel.Publish({|#0:$"{donor}:{subscriber.Msisdn}"|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Override_of_a_partner_share_method_given_a_pseudonym_is_clean() => Check(SmsRequestProgram + """

            sealed class PortingEvents
            {
                private readonly KafkaChannel _channel = new();
                public void Ported(Subscriber subscriber, string donor) => _channel.Publish($"{donor}:{Privacy.Pseudonymize(subscriber.Msisdn)}");
            }
            """, withPrelude: false);

        // =====================================================================================================
        // 4. Precision near-misses
        // =====================================================================================================

        private const string OrderProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            enum OrderStatus { Pending, Paid, Shipped, Cancelled }

            sealed class Customer
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Address)] public string ShippingAddress { get; set; } = "";
                public string Country { get; set; } = "";
            }

            sealed class Order
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                public string ContactEmail { get; set; } = "";
                public string DeliverTo { get; set; } = "";
                public OrderStatus Status { get; set; }
                public DateTime PlacedAt { get; set; }
                public decimal Total { get; set; }
            }

            interface IShippingPartner
            {
                Task BookAsync([PartnerShare("courier")] object shipment, CancellationToken ct);
                Task LabelAsync([PartnerShare("courier")] string parcelRef, string internalNote, CancellationToken ct);
            }

            interface IAppLogger
            {
                void Info(string template, params object[] args);
            }

            sealed class ConsoleLogger : IAppLogger
            {
                public void Info(string template, params object[] args) => Console.WriteLine(template, args);
            }

            sealed class Telemetry
            {
                private readonly List<(string Name, IDictionary<string, string> Properties)> _events = new();
                public void Track(string name, IDictionary<string, string> properties) => _events.Add((name, properties));
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            static class CustomerRules
            {
                public static bool IsCorporate(string email) => email.EndsWith("@corp.example", StringComparison.OrdinalIgnoreCase);
            }

            sealed class CheckoutService
            {
                public Order Place(Customer customer, decimal total) => new Order
                {
                    ContactEmail = customer.Email,
                    DeliverTo = customer.ShippingAddress,
                    Status = OrderStatus.Pending,
                    PlacedAt = DateTime.UtcNow,
                    Total = total,
                };
            }

            sealed class ShippingService
            {
                private readonly CheckoutService _checkout = new();
                private readonly IShippingPartner _shipping;
                private readonly IAppLogger _logger;
                private readonly Telemetry _telemetry = new();
                public ShippingService(IShippingPartner shipping, IAppLogger logger) { _shipping = shipping; _logger = logger; }

                public async Task ShipAsync(Customer customer, IReadOnlyList<Order> history, decimal total, CancellationToken ct)
                {
                    var order = _checkout.Place(customer, total);
                    BODY
                }
            }
            """;

        private static string Order(string body) => OrderProgram.Replace("BODY", body);

        [Fact]
        public Task Email_member_written_into_an_order_is_reported() => Check(Order(
            "await _shipping.BookAsync({|#0:order.ContactEmail|}, ct);"), withPrelude: false, Min001(0));

        [Fact]
        public Task Guid_id_of_an_order_holding_identity_is_clean() => Check(Order(
            "await _shipping.BookAsync(order.Id, ct);"), withPrelude: false);

        [Fact]
        public Task Enum_status_of_an_order_holding_identity_is_clean() => Check(Order(
            "await _shipping.BookAsync(order.Status, ct);"), withPrelude: false);

        [Fact]
        public Task Placement_date_of_an_order_holding_identity_is_clean() => Check(Order(
            "await _shipping.BookAsync(order.PlacedAt.Date, ct);"), withPrelude: false);

        [Fact]
        public Task Count_of_history_orders_matching_an_email_domain_is_clean() => Check(Order(
            "var corporate = history.Count(o => o.ContactEmail.EndsWith(\"@corp.example\", StringComparison.OrdinalIgnoreCase)); await _shipping.BookAsync(corporate, ct);"), withPrelude: false);

        [Fact]
        public Task Boolean_from_an_own_predicate_over_the_email_is_clean() => Check(Order(
            "var corporate = CustomerRules.IsCorporate(customer.Email); await _shipping.BookAsync(corporate, ct);"), withPrelude: false);

        [Fact]
        public Task Email_overwritten_by_its_pseudonym_after_an_await_is_clean() => Check(Order(
            "var reference = customer.Email; await Task.Delay(10, ct); reference = Privacy.Pseudonymize(reference); await _shipping.BookAsync(reference, ct);"), withPrelude: false);

        [Fact]
        public Task Logger_and_telemetry_receiving_the_email_are_not_sinks() => Check(Order(
            "_logger.Info(\"booking {0} to {1}\", customer.Email, order.DeliverTo); _telemetry.Track(\"booked\", new Dictionary<string, string> { [\"email\"] = customer.Email }); await _shipping.BookAsync(order.Id, ct);"), withPrelude: false);

        [Fact]
        public Task Named_arguments_putting_the_email_on_the_sink_parameter_are_reported() => Check(Order(
            "await _shipping.LabelAsync(internalNote: \"vip\", parcelRef: {|#0:customer.Email|}, ct: ct);"), withPrelude: false, Min001(0));

        [Fact]
        public Task Named_arguments_putting_the_email_only_on_the_non_sink_parameter_are_clean() => Check(Order(
            "await _shipping.LabelAsync(internalNote: customer.Email, parcelRef: order.Id.ToString(\"N\"), ct: ct);"), withPrelude: false);

        private const string WardProgram = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing(IdentityCategory.Name)]
            sealed class Inpatient
            {
                public string FullName { get; set; } = "";
                [NonIdentifying] public string Ward { get; set; } = "";
                [NonIdentifying] public int Acuity { get; set; }
                [NonIdentifying] public HomeAddress? Home { get; set; }
            }

            [IdentityBearing(IdentityCategory.Address)]
            sealed class HomeAddress
            {
                public string Street { get; set; } = "";
                public string PostalCode { get; set; } = "";
            }

            sealed class HomeVisit
            {
                public HomeAddress? Address { get; set; }
                public string Ward { get; set; } = "";
            }

            interface ICareProvider
            {
                [PartnerShare("home-care")] Task ScheduleAsync(object request);
            }
            """;

        [Fact]
        public Task Non_identifying_wards_of_high_acuity_patients_are_clean() => Check(WardProgram + """

            sealed class CapacityReport
            {
                public Task RunAsync(IEnumerable<Inpatient> patients, ICareProvider provider)
                {
                    var wards = patients.Where(p => p.Acuity >= 3).Select(p => p.Ward).Distinct().ToList();
                    return provider.ScheduleAsync(wards);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Non_identifying_member_whose_type_is_identity_bearing_still_carries_identity() => Check(WardProgram + """

            sealed class DischargePlanner
            {
                public Task PlanAsync(Inpatient patient, ICareProvider provider)
                {
                    var visit = new HomeVisit { Address = patient.Home, Ward = patient.Ward };
                    return provider.ScheduleAsync({|#0:visit|});
                }
            }
            """, withPrelude: false, Min001(0));
    }
}
