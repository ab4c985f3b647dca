using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only: layered ASP.NET-style application code without external
    /// packages. Controllers, services and in-memory repositories; typed partner clients behind interfaces wired in a
    /// hand-written composition root; mappers, DTO records and <c>with</c>; options; caches; mediator handlers; background
    /// workers draining queues and channels; retry decorators; async, LINQ and string building; logging sinks. Types are
    /// internal so that MIN010 stays out of the picture. Positives and near-miss clean twins alternate.
    /// </summary>
    public class HeldOutAppServicesTests
    {
        // =====================================================================================================
        // 1. Shop: controller -> service -> repository, marketing partner, mapper, logger
        // =====================================================================================================

        private const string ShopProgram = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Customer
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                public int LoyaltyPoints { get; set; }
                public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;
            }

            sealed record CustomerDto(Guid Id, string Email, string DisplayName, int Points);

            sealed record EnrollRequest([property: IdentityBearing(IdentityCategory.Email)] string Email, string Campaign);

            interface ICustomerRepository
            {
                ValueTask<Customer?> FindAsync(Guid id, CancellationToken ct = default);
                ValueTask<Customer?> FindByEmailAsync(string email, CancellationToken ct = default);
                Task<IReadOnlyList<Customer>> ListAsync(CancellationToken ct = default);
                Task AddAsync(Customer customer, CancellationToken ct = default);
            }

            sealed class InMemoryCustomerRepository : ICustomerRepository
            {
                private readonly ConcurrentDictionary<Guid, Customer> _byId = new();

                public ValueTask<Customer?> FindAsync(Guid id, CancellationToken ct = default)
                    => new(_byId.TryGetValue(id, out var customer) ? customer : null);

                public ValueTask<Customer?> FindByEmailAsync(string email, CancellationToken ct = default)
                    => new(_byId.Values.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)));

                public Task<IReadOnlyList<Customer>> ListAsync(CancellationToken ct = default)
                    => Task.FromResult<IReadOnlyList<Customer>>(_byId.Values.OrderBy(c => c.CreatedUtc).ToList());

                public Task AddAsync(Customer customer, CancellationToken ct = default)
                {
                    _byId[customer.Id] = customer;
                    return Task.CompletedTask;
                }
            }

            interface IMarketingClient
            {
                Task<bool> EnrollAsync([PartnerShare("marketing")] string contactKey, string campaign, CancellationToken ct = default);
            }

            sealed class HttpMarketingClient : IMarketingClient
            {
                public Task<bool> EnrollAsync(string contactKey, string campaign, CancellationToken ct = default)
                    => Task.FromResult(contactKey.Length > 0);
            }

            interface ILogSink
            {
                void Write([PartnerShare("log-vendor")] string line);
            }

            sealed class ConsoleLogSink : ILogSink
            {
                public void Write(string line) => Console.WriteLine(line);
            }

            sealed class AppLogger
            {
                private readonly ILogSink _sink;
                public AppLogger(ILogSink sink) => _sink = sink;

                public void Info(string template, params object?[] args)
                {
                    var text = new StringBuilder(template);
                    foreach (var arg in args)
                    {
                        text.Append(" | ").Append(arg);
                    }

                    _sink.Write(text.ToString());
                }
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + (uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email);
                [Minimizer] public static string Initials(string name) => string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p[0]));
                [Minimizer] public static string MaskPhone(string phone) => phone.Length <= 4 ? "****" : new string('*', phone.Length - 4) + phone[^4..];
            }

            static class CustomerMapper
            {
                public static CustomerDto ToDto(Customer c) => new(c.Id, c.Email, c.FullName, c.LoyaltyPoints);
                public static CustomerDto ToPartnerDto(Customer c) => new(c.Id, Privacy.HashEmail(c.Email), Privacy.Initials(c.FullName), c.LoyaltyPoints);
            }
            """;

        [Fact]
        public Task Service_loading_a_customer_and_enrolling_its_email_is_reported_in_the_service() => Check(ShopProgram + """

            sealed class CampaignService
            {
                private readonly ICustomerRepository _repo;
                private readonly IMarketingClient _marketing;
                public CampaignService(ICustomerRepository repo, IMarketingClient marketing) { _repo = repo; _marketing = marketing; }

                public async Task<bool> EnrollAsync(Guid customerId, string campaign, CancellationToken ct)
                {
                    var customer = await _repo.FindAsync(customerId, ct).ConfigureAwait(false);
                    if (customer is null) return false;
                    return await _marketing.EnrollAsync({|#0:customer.Email|}, campaign, ct).ConfigureAwait(false);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Service_enrolling_a_hashed_email_is_clean() => Check(ShopProgram + """

            sealed class CampaignService
            {
                private readonly ICustomerRepository _repo;
                private readonly IMarketingClient _marketing;
                public CampaignService(ICustomerRepository repo, IMarketingClient marketing) { _repo = repo; _marketing = marketing; }

                public async Task<bool> EnrollAsync(Guid customerId, string campaign, CancellationToken ct)
                {
                    var customer = await _repo.FindAsync(customerId, ct).ConfigureAwait(false);
                    if (customer is null) return false;
                    return await _marketing.EnrollAsync(Privacy.HashEmail(customer.Email), campaign, ct).ConfigureAwait(false);
                }
            }
            """, withPrelude: false);

        private const string EnrollControllerProgram = """

            sealed class CampaignService
            {
                private readonly IMarketingClient _marketing;
                public CampaignService(IMarketingClient marketing) => _marketing = marketing;

                public Task<bool> EnrollAsync(string contact, string campaign, CancellationToken ct)
                    => _marketing.EnrollAsync(contact.Trim().ToLowerInvariant(), campaign, ct);
            }

            sealed class CampaignController
            {
                private readonly CampaignService _service;
                public CampaignController(CampaignService service) => _service = service;

                public async Task<int> Post(EnrollRequest request, CancellationToken ct)
                    => await _service.EnrollAsync($ARGS, ct) ? 202 : 409;
            }
            """;

        [Fact]
        public Task Controller_passing_the_request_email_to_a_forwarding_service_is_reported_at_the_controller() => Check(ShopProgram
            + EnrollControllerProgram.Replace("$ARGS", "{|#0:request.Email|}, request.Campaign"), withPrelude: false, Min001(0));

        [Fact]
        public Task Controller_passing_a_hashed_email_to_the_forwarding_service_is_clean() => Check(ShopProgram
            + EnrollControllerProgram.Replace("$ARGS", "Privacy.HashEmail(request.Email), request.Campaign"), withPrelude: false);

        [Fact]
        public Task Controller_putting_the_email_only_into_the_non_sink_campaign_argument_is_clean() => Check(ShopProgram
            + EnrollControllerProgram.Replace("$ARGS", "Privacy.HashEmail(request.Email), request.Campaign + \":\" + request.Email"), withPrelude: false);

        [Fact]
        public Task Mapped_dto_email_sent_to_the_partner_is_reported_at_the_sink_argument() => Check(ShopProgram + """

            sealed class ExportService
            {
                private readonly ICustomerRepository _repo;
                private readonly IMarketingClient _marketing;
                public ExportService(ICustomerRepository repo, IMarketingClient marketing) { _repo = repo; _marketing = marketing; }

                public async Task ExportAsync(CancellationToken ct)
                {
                    foreach (var customer in await _repo.ListAsync(ct))
                    {
                        var dto = CustomerMapper.ToDto(customer);
                        await _marketing.EnrollAsync({|#0:dto.Email|}, "export", ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Partner_mapper_that_minimizes_every_field_makes_the_dto_email_clean() => Check(ShopProgram + """

            sealed class ExportService
            {
                private readonly ICustomerRepository _repo;
                private readonly IMarketingClient _marketing;
                public ExportService(ICustomerRepository repo, IMarketingClient marketing) { _repo = repo; _marketing = marketing; }

                public async Task ExportAsync(CancellationToken ct)
                {
                    foreach (var customer in await _repo.ListAsync(ct))
                    {
                        var dto = CustomerMapper.ToPartnerDto(customer);
                        await _marketing.EnrollAsync(dto.Email, "export:" + dto.DisplayName, ct);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Scalar_points_read_from_a_dto_that_holds_the_email_are_clean() => Check(ShopProgram + """

            sealed class ExportService
            {
                private readonly ICustomerRepository _repo;
                private readonly IMarketingClient _marketing;
                public ExportService(ICustomerRepository repo, IMarketingClient marketing) { _repo = repo; _marketing = marketing; }

                public async Task ExportAsync(CancellationToken ct)
                {
                    foreach (var customer in await _repo.ListAsync(ct))
                    {
                        var dto = CustomerMapper.ToDto(customer);
                        await _marketing.EnrollAsync(dto.Id.ToString("N") + "/" + dto.Points.ToString(), "export", ct);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Record_with_putting_the_raw_email_back_into_a_partner_dto_is_reported() => Check(ShopProgram + """

            sealed class ExportService
            {
                private readonly IMarketingClient _marketing;
                public ExportService(IMarketingClient marketing) => _marketing = marketing;

                public Task<bool> ExportOneAsync(Customer customer, CancellationToken ct)
                {
                    var view = CustomerMapper.ToPartnerDto(customer) with { Email = customer.Email.ToLowerInvariant() };
                    return _marketing.EnrollAsync({|#0:view.Email|}, "export", ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Record_with_overwriting_every_identity_field_with_minimized_values_is_clean() => Check(ShopProgram + """

            sealed class ExportService
            {
                private readonly IMarketingClient _marketing;
                public ExportService(IMarketingClient marketing) => _marketing = marketing;

                public Task<bool> ExportOneAsync(Customer customer, CancellationToken ct)
                {
                    var view = CustomerMapper.ToDto(customer) with
                    {
                        Email = Privacy.HashEmail(customer.Email),
                        DisplayName = Privacy.Initials(customer.FullName),
                    };
                    return _marketing.EnrollAsync(view.Email, "export", ct);
                }
            }
            """, withPrelude: false);

        private const string GoldReportProgram = """

            sealed class GoldReport
            {
                private readonly ICustomerRepository _repo;
                private readonly ILogSink _sink;
                public GoldReport(ICustomerRepository repo, ILogSink sink) { _repo = repo; _sink = sink; }

                public async Task PublishAsync(CancellationToken ct)
                {
                    var customers = await _repo.ListAsync(ct).ConfigureAwait(false);
                    var gold = customers.Where(c => c.LoyaltyPoints >= 1000).ToList();
                    $BODY
                }
            }
            """;

        [Fact]
        public Task Linq_anonymous_projection_of_the_email_sent_per_row_is_reported() => Check(ShopProgram + GoldReportProgram.Replace("$BODY", """
            var rows = gold.Select(c => new { c.Id, c.Email, c.LoyaltyPoints });
                    foreach (var row in rows)
                    {
                        _sink.Write({|#0:$"{row.Id};{row.Email};{row.LoyaltyPoints}"|});
                    }
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Linq_anonymous_projection_of_a_hashed_key_is_clean() => Check(ShopProgram + GoldReportProgram.Replace("$BODY", """
            var rows = gold.Select(c => new { c.Id, Key = Privacy.HashEmail(c.Email), c.LoyaltyPoints });
                    foreach (var row in rows)
                    {
                        _sink.Write($"{row.Id};{row.Key};{row.LoyaltyPoints}");
                    }
            """), withPrelude: false);

        [Fact]
        public Task Scalar_members_of_a_projection_that_also_holds_the_email_are_clean() => Check(ShopProgram + GoldReportProgram.Replace("$BODY", """
            var rows = gold.Select(c => new { c.Id, c.Email, c.LoyaltyPoints });
                    foreach (var row in rows)
                    {
                        _sink.Write($"{row.Id:N};{row.LoyaltyPoints}");
                    }
            """), withPrelude: false);

        [Fact]
        public Task String_join_of_selected_names_is_reported() => Check(ShopProgram + GoldReportProgram.Replace("$BODY", """
            _sink.Write({|#0:"gold: " + string.Join(", ", gold.Select(c => c.FullName))|});
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task String_join_of_initials_and_a_predicate_count_is_clean() => Check(ShopProgram + GoldReportProgram.Replace("$BODY", """
            var corporate = gold.Count(c => c.Email.EndsWith("@corp.example", StringComparison.OrdinalIgnoreCase));
                    _sink.Write("gold: " + string.Join(", ", gold.Select(c => Privacy.Initials(c.FullName))) + $" ({corporate} corporate)");
            """), withPrelude: false);

        [Fact]
        public Task String_builder_appending_phone_numbers_is_reported() => Check(ShopProgram + GoldReportProgram.Replace("$BODY", """
            var sb = new StringBuilder();
                    foreach (var c in gold)
                    {
                        sb.Append(c.Id).Append(": ").AppendLine(c.Phone);
                    }

                    _sink.Write({|#0:sb.ToString()|});
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task String_builder_appending_masked_phones_and_points_is_clean() => Check(ShopProgram + GoldReportProgram.Replace("$BODY", """
            var sb = new StringBuilder();
                    foreach (var c in gold)
                    {
                        sb.Append(c.Id).Append(": ").Append(Privacy.MaskPhone(c.Phone)).Append(' ').Append(c.LoyaltyPoints).AppendLine();
                    }

                    _sink.Write(sb.ToString());
            """), withPrelude: false);

        private const string LoggerProgram = """

            sealed class LoyaltyService
            {
                private readonly ICustomerRepository _repo;
                private readonly AppLogger _logger;
                public LoyaltyService(ICustomerRepository repo, AppLogger logger) { _repo = repo; _logger = logger; }

                public async Task AwardAsync(Guid id, int points, CancellationToken ct)
                {
                    var customer = await _repo.FindAsync(id, ct);
                    if (customer is null) return;
                    customer.LoyaltyPoints += points;
                    _logger.Info("awarded", $ARGS);
                }
            }
            """;

        [Fact]
        public Task Params_logger_argument_carrying_the_email_is_reported_on_that_element() => Check(ShopProgram
            + LoggerProgram.Replace("$ARGS", "customer.Id, {|#0:customer.Email|}, points"), withPrelude: false, Min001(0));

        [Fact]
        public Task Params_logger_with_only_the_id_and_points_is_clean() => Check(ShopProgram
            + LoggerProgram.Replace("$ARGS", "customer.Id, points, customer.LoyaltyPoints"), withPrelude: false);

        [Fact]
        public Task Customer_found_by_email_described_with_its_name_is_reported_in_the_service() => Check(ShopProgram + """

            sealed class StatementService
            {
                private readonly ICustomerRepository _repo;
                private readonly ILogSink _sink;
                public StatementService(ICustomerRepository repo, ILogSink sink) { _repo = repo; _sink = sink; }

                public async Task SendAsync([IdentityBearing(IdentityCategory.Email)] string email, CancellationToken ct)
                {
                    var customer = await _repo.FindByEmailAsync(email, ct);
                    if (customer is null) return;
                    _sink.Write({|#0:$"{customer.FullName} has {customer.LoyaltyPoints} points"|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Customer_found_by_email_described_by_scalars_only_is_clean() => Check(ShopProgram + """

            sealed class StatementService
            {
                private readonly ICustomerRepository _repo;
                private readonly ILogSink _sink;
                public StatementService(ICustomerRepository repo, ILogSink sink) { _repo = repo; _sink = sink; }

                public async Task SendAsync([IdentityBearing(IdentityCategory.Email)] string email, CancellationToken ct)
                {
                    var customer = await _repo.FindByEmailAsync(email, ct);
                    if (customer is null) return;
                    _sink.Write($"{customer.Id} has {customer.LoyaltyPoints} points since {customer.CreatedUtc:yyyy-MM}");
                }
            }
            """, withPrelude: false);

        private const string ContactRoutingProgram = """

            enum Channel { Email, Sms, None }

            sealed class ContactRouter
            {
                private readonly IMarketingClient _marketing;
                public ContactRouter(IMarketingClient marketing) => _marketing = marketing;

                public Task<bool> RouteAsync(Customer c, Channel channel, CancellationToken ct)
                {
                    $BODY
                }
            }
            """;

        [Fact]
        public Task Switch_expression_choosing_email_or_phone_is_reported_once() => Check(ShopProgram + ContactRoutingProgram.Replace("$BODY", """
            var key = channel switch
                    {
                        Channel.Email => c.Email,
                        Channel.Sms => c.Phone,
                        _ => c.Id.ToString(),
                    };
                    return _marketing.EnrollAsync({|#0:key|}, channel.ToString(), ct);
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Switch_expression_with_every_arm_minimized_is_clean() => Check(ShopProgram + ContactRoutingProgram.Replace("$BODY", """
            var key = channel switch
                    {
                        Channel.Email => Privacy.HashEmail(c.Email),
                        Channel.Sms => Privacy.MaskPhone(c.Phone),
                        _ => c.Id.ToString(),
                    };
                    return _marketing.EnrollAsync(key, channel.ToString(), ct);
            """), withPrelude: false);

        [Fact]
        public Task Overwriting_the_contact_with_a_trimmed_copy_still_carries_identity() => Check(ShopProgram + ContactRoutingProgram.Replace("$BODY", """
            var contact = c.Email;
                    contact = contact.Trim().ToLowerInvariant();
                    return _marketing.EnrollAsync({|#0:contact|}, "routed", ct);
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Overwriting_the_contact_with_its_hash_is_clean() => Check(ShopProgram + ContactRoutingProgram.Replace("$BODY", """
            var contact = c.Email;
                    contact = Privacy.HashEmail(contact);
                    return _marketing.EnrollAsync(contact, "routed", ct);
            """), withPrelude: false);

        [Fact]
        public Task Deconstructed_tuple_email_is_reported_and_the_guid_half_is_not() => Check(ShopProgram + ContactRoutingProgram.Replace("$BODY", """
            var (id, email) = Pair(c);
                    _ = _marketing.EnrollAsync(id.ToString("N"), "by-id", ct);
                    return _marketing.EnrollAsync({|#0:email|}, "by-email", ct);
                }

                private static (Guid Id, string Email) Pair(Customer c) => (c.Id, c.Email);

                private static void Unused()
                {
            """), withPrelude: false, Min001(0));

        private const string EnvelopeProgram = """

            sealed class BillingEnvelope
            {
                public Guid InvoiceId { get; init; }
                [PartnerShare("billing")] public string? CustomerRef { get; set; }
                [PartnerShare("billing")] public string Notes { get; set; } = "";
            }

            sealed class BillingMapper
            {
                public BillingEnvelope Map(Customer c, Guid invoiceId)
                {
                    $BODY
                }
            }
            """;

        [Fact]
        public Task Object_initializer_assigning_the_email_to_a_partner_property_is_reported_at_the_value() => Check(ShopProgram + EnvelopeProgram.Replace("$BODY", """
            return new BillingEnvelope { InvoiceId = invoiceId, CustomerRef = {|#0:c.Email|} };
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Object_initializer_assigning_a_hash_and_the_id_is_clean() => Check(ShopProgram + EnvelopeProgram.Replace("$BODY", """
            return new BillingEnvelope { InvoiceId = invoiceId, CustomerRef = Privacy.HashEmail(c.Email), Notes = $"points={c.LoyaltyPoints}" };
            """), withPrelude: false);

        [Fact]
        public Task Compound_assignment_appending_the_name_to_partner_notes_is_reported_at_the_right_hand_side() => Check(ShopProgram + EnvelopeProgram.Replace("$BODY", """
            var envelope = new BillingEnvelope { InvoiceId = invoiceId, CustomerRef = Privacy.HashEmail(c.Email) };
                    envelope.Notes += {|#0:" attn " + c.FullName|};
                    return envelope;
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Null_coalescing_fallback_to_the_email_is_reported() => Check(ShopProgram + EnvelopeProgram.Replace("$BODY", """
            string? externalRef = invoiceId == Guid.Empty ? null : invoiceId.ToString("N");
                    var envelope = new BillingEnvelope { InvoiceId = invoiceId };
                    envelope.CustomerRef = {|#0:externalRef ?? c.Email|};
                    return envelope;
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Null_coalescing_fallback_to_the_hashed_email_is_clean() => Check(ShopProgram + EnvelopeProgram.Replace("$BODY", """
            string? externalRef = invoiceId == Guid.Empty ? null : invoiceId.ToString("N");
                    var envelope = new BillingEnvelope { InvoiceId = invoiceId };
                    envelope.CustomerRef = externalRef ?? Privacy.HashEmail(c.Email);
                    return envelope;
            """), withPrelude: false);

        private const string ResultProgram = """

            sealed record Result(bool Ok, string? Error)
            {
                public static readonly Result Success = new(true, null);
                public static Result Fail(string error) => new(false, error);
            }

            sealed class SubscriptionService
            {
                private readonly HashSet<string> _subscribers = new(StringComparer.OrdinalIgnoreCase);
                public void Subscribe(string email) => _subscribers.Add(email);
                public Result Unsubscribe(string email)
                    => _subscribers.Remove(email) ? Result.Success : Result.Fail($FAIL);
            }

            sealed class SubscriptionController
            {
                private readonly SubscriptionService _service;
                private readonly ILogSink _sink;
                public SubscriptionController(SubscriptionService service, ILogSink sink) { _service = service; _sink = sink; }

                public int Delete(EnrollRequest request)
                {
                    var result = _service.Unsubscribe(request.Email);
                    if (result.Ok) return 204;
                    _sink.Write($SINK);
                    return 404;
                }
            }
            """;

        [Fact]
        public Task Result_error_text_built_from_the_email_is_reported_where_it_is_logged() => Check(ShopProgram
            + ResultProgram.Replace("$FAIL", "$\"not subscribed: {email}\"").Replace("$SINK", "{|#0:result.Error ?? \"unknown\"|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Result_error_text_without_the_email_is_clean() => Check(ShopProgram
            + ResultProgram.Replace("$FAIL", "\"not subscribed\"").Replace("$SINK", "result.Error ?? \"unknown\""), withPrelude: false);

        private const string CardProgram = """

            sealed class ContactCard
            {
                public ContactCard(string name, string phone) { Name = name; Phone = phone; }
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; }
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; }
                public int Version { get; init; } = 1;
                public override string ToString() => $"{Name} ({Phone})";
            }

            sealed record SignupEvent(Guid CustomerId, string Email, DateTime At);

            sealed class CardService
            {
                private readonly ILogSink _sink;
                public CardService(ILogSink sink) => _sink = sink;

                public void Saved(Customer c)
                {
                    var card = new ContactCard(c.FullName, c.Phone) { Version = 2 };
                    var evt = new SignupEvent(c.Id, $EMAIL, DateTime.UtcNow);
                    $BODY
                }
            }
            """;

        [Fact]
        public Task Interpolating_an_object_whose_to_string_reads_identity_is_reported() => Check(ShopProgram
            + CardProgram.Replace("$EMAIL", "c.Email").Replace("$BODY", "_sink.Write({|#0:$\"card saved: {card}\"|});"), withPrelude: false, Min001(0));

        [Fact]
        public Task Logging_only_the_cards_version_is_clean() => Check(ShopProgram
            + CardProgram.Replace("$EMAIL", "c.Email").Replace("$BODY", "_sink.Write($\"card saved: v{card.Version}\");"), withPrelude: false);

        [Fact]
        public Task Record_synthesized_to_string_of_an_event_holding_the_email_is_reported() => Check(ShopProgram
            + CardProgram.Replace("$EMAIL", "c.Email").Replace("$BODY", "_sink.Write({|#0:evt.ToString()|});"), withPrelude: false, Min001(0));

        [Fact]
        public Task Record_synthesized_to_string_of_an_event_holding_a_hash_is_clean() => Check(ShopProgram
            + CardProgram.Replace("$EMAIL", "Privacy.HashEmail(c.Email)").Replace("$BODY", "_sink.Write(evt.ToString());"), withPrelude: false);

        [Fact]
        public Task Async_iterator_yielding_emails_consumed_by_a_sync_job_is_reported_at_the_consumer() => Check(ShopProgram + """

            sealed class EmailStream
            {
                private readonly ICustomerRepository _repo;
                public EmailStream(ICustomerRepository repo) => _repo = repo;

                public async IAsyncEnumerable<string> ActiveAsync()
                {
                    foreach (var c in await _repo.ListAsync().ConfigureAwait(false))
                    {
                        if (c.LoyaltyPoints > 0) yield return c.Email;
                    }
                }
            }

            sealed class SyncJob
            {
                private readonly EmailStream _stream;
                private readonly IMarketingClient _marketing;
                public SyncJob(EmailStream stream, IMarketingClient marketing) { _stream = stream; _marketing = marketing; }

                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (var contact in _stream.ActiveAsync().WithCancellation(ct).ConfigureAwait(false))
                    {
                        await _marketing.EnrollAsync({|#0:contact|}, "sync", ct).ConfigureAwait(false);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Async_iterator_yielding_ids_is_clean() => Check(ShopProgram + """

            sealed class IdStream
            {
                private readonly ICustomerRepository _repo;
                public IdStream(ICustomerRepository repo) => _repo = repo;

                public async IAsyncEnumerable<string> ActiveAsync()
                {
                    foreach (var c in await _repo.ListAsync().ConfigureAwait(false))
                    {
                        if (c.LoyaltyPoints > 0 && c.Email.Length > 0) yield return c.Id.ToString("N");
                    }
                }
            }

            sealed class SyncJob
            {
                private readonly IdStream _stream;
                private readonly IMarketingClient _marketing;
                public SyncJob(IdStream stream, IMarketingClient marketing) { _stream = stream; _marketing = marketing; }

                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (var contact in _stream.ActiveAsync().WithCancellation(ct).ConfigureAwait(false))
                    {
                        await _marketing.EnrollAsync(contact, "sync", ct).ConfigureAwait(false);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Receiver_object_sending_its_own_identity_member_is_reported_inside_not_at_the_caller() => Check(ShopProgram + """

            sealed class SupportTicket
            {
                public Guid Id { get; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string ReporterEmail { get; init; } = "";
                public void Forward(ILogSink sink) => sink.Write({|#0:$"ticket {Id} from {ReporterEmail}"|});
            }

            sealed class TicketController
            {
                private readonly ILogSink _sink;
                public TicketController(ILogSink sink) => _sink = sink;

                public int Post(EnrollRequest request)
                {
                    var ticket = new SupportTicket { ReporterEmail = request.Email };
                    ticket.Forward(_sink);
                    return 201;
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Receiver_object_sending_its_hashed_member_is_clean() => Check(ShopProgram + """

            sealed class SupportTicket
            {
                public Guid Id { get; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string ReporterEmail { get; init; } = "";
                public void Forward(ILogSink sink) => sink.Write($"ticket {Id} from {Privacy.HashEmail(ReporterEmail)}");
            }

            sealed class TicketController
            {
                private readonly ILogSink _sink;
                public TicketController(ILogSink sink) => _sink = sink;

                public int Post(EnrollRequest request)
                {
                    var ticket = new SupportTicket { ReporterEmail = request.Email };
                    ticket.Forward(_sink);
                    return 201;
                }
            }
            """, withPrelude: false);

        // =====================================================================================================
        // 2. Caches wrapping dictionaries
        // =====================================================================================================

        private const string CacheProgram = """

            sealed class ProfileCache
            {
                private readonly ConcurrentDictionary<Guid, string> _emails = new();
                private readonly Dictionary<string, int> _visitsByEmail = new(StringComparer.OrdinalIgnoreCase);

                public void Remember(Guid id, string email) => _emails[id] = email;
                public bool TryGetEmail(Guid id, out string email) => _emails.TryGetValue(id, out email!);

                public void CountVisit(string email)
                {
                    lock (_visitsByEmail)
                    {
                        _visitsByEmail[email] = _visitsByEmail.TryGetValue(email, out var n) ? n + 1 : 1;
                    }
                }

                public IEnumerable<string> FrequentVisitors(int min)
                {
                    lock (_visitsByEmail)
                    {
                        return _visitsByEmail.Where(p => p.Value >= min).Select(p => p.Key).ToList();
                    }
                }

                public int Size => _emails.Count + _visitsByEmail.Count;
            }

            sealed class CacheWarmer
            {
                private readonly ICustomerRepository _repo;
                private readonly ProfileCache _cache;
                public CacheWarmer(ICustomerRepository repo, ProfileCache cache) { _repo = repo; _cache = cache; }

                public async Task WarmAsync(CancellationToken ct)
                {
                    foreach (var c in await _repo.ListAsync(ct))
                    {
                        _cache.Remember(c.Id, $REMEMBER);
                        _cache.CountVisit($VISIT);
                    }
                }
            }

            sealed class DigestJob
            {
                private readonly ProfileCache _cache;
                private readonly IMarketingClient _marketing;
                private readonly ILogSink _sink;
                public DigestJob(ProfileCache cache, IMarketingClient marketing, ILogSink sink) { _cache = cache; _marketing = marketing; _sink = sink; }

                public async Task RunAsync(IEnumerable<Guid> ids, CancellationToken ct)
                {
                    $BODY
                }
            }
            """;

        private static string Cache(string remember, string visit, string body)
            => ShopProgram + CacheProgram.Replace("$REMEMBER", remember).Replace("$VISIT", visit).Replace("$BODY", body);

        [Fact]
        public Task Email_taken_out_of_a_cache_filled_elsewhere_is_reported_where_it_is_sent() => Check(Cache("c.Email", "c.Id.ToString()", """
            foreach (var id in ids)
                    {
                        if (_cache.TryGetEmail(id, out var email))
                        {
                            await _marketing.EnrollAsync({|#0:email|}, "digest", ct);
                        }
                    }
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Cache_filled_with_hashes_is_clean_where_it_is_sent() => Check(Cache("Privacy.HashEmail(c.Email)", "c.Id.ToString()", """
            foreach (var id in ids)
                    {
                        if (_cache.TryGetEmail(id, out var email))
                        {
                            await _marketing.EnrollAsync(email, "digest", ct);
                        }
                    }
            """), withPrelude: false);

        [Fact]
        public Task Dictionary_keys_of_a_cache_keyed_by_email_are_reported_when_logged() => Check(Cache("Privacy.HashEmail(c.Email)", "c.Email", """
            foreach (var visitor in _cache.FrequentVisitors(5))
                    {
                        _sink.Write({|#0:"frequent: " + visitor|});
                    }

                    await Task.CompletedTask;
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Size_of_a_cache_keyed_by_email_is_clean() => Check(Cache("c.Email", "c.Email", """
            _sink.Write($"cache entries: {_cache.Size}, ids: {ids.Count()}");
                    await Task.CompletedTask;
            """), withPrelude: false);

        private const string GenericCacheProgram = """

            sealed class MemoryCache<TKey, TValue> where TKey : notnull
            {
                private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

                public async ValueTask<TValue> GetOrAddAsync(TKey key, Func<TKey, Task<TValue>> factory)
                {
                    if (_entries.TryGetValue(key, out var hit)) return hit;
                    var value = await factory(key).ConfigureAwait(false);
                    _entries[key] = value;
                    return value;
                }
            }

            sealed class DisplayNameService
            {
                private readonly MemoryCache<Guid, string> _cache = new();
                private readonly ICustomerRepository _repo;
                private readonly ILogSink _sink;
                public DisplayNameService(ICustomerRepository repo, ILogSink sink) { _repo = repo; _sink = sink; }

                public async Task AnnounceAsync(Guid id)
                {
                    var display = await _cache.GetOrAddAsync(id, async key =>
                    {
                        var c = await _repo.FindAsync(key).ConfigureAwait(false);
                        return c is null ? "?" : $NAME;
                    });
                    _sink.Write($SINK);
                }
            }
            """;

        [Fact]
        public Task Generic_get_or_add_cache_whose_factory_returns_the_name_is_reported_at_the_log() => Check(ShopProgram
            + GenericCacheProgram.Replace("$NAME", "c.FullName").Replace("$SINK", "{|#0:$\"welcome back {display}\"|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_get_or_add_cache_whose_factory_returns_initials_is_clean() => Check(ShopProgram
            + GenericCacheProgram.Replace("$NAME", "Privacy.Initials(c.FullName)").Replace("$SINK", "$\"welcome back {display}\""), withPrelude: false);

        // =====================================================================================================
        // 3. HTTP pipeline: request context, middlewares, geo partner behind an interface, composition root
        // =====================================================================================================

        private const string GeoProgram = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class RequestContext
            {
                [IdentityBearing(IdentityCategory.IpAddress)] public string RemoteIp { get; init; } = "";
                public string Method { get; init; } = "GET";
                public string Path { get; init; } = "/";
                public Guid TraceId { get; init; } = Guid.NewGuid();
                public Dictionary<string, string> Items { get; } = new();
                public int StatusCode { get; set; } = 200;
            }

            static class IpMask
            {
                [Minimizer]
                public static string ToPrefix(string ip)
                {
                    var cut = ip.LastIndexOf('.');
                    return cut < 0 ? "::" : ip[..cut] + ".0/24";
                }
            }

            static class PartnerHttp
            {
                [PartnerShare("geo-vendor")]
                public static Task<string> GetStringAsync(string url, CancellationToken ct) => Task.FromResult("ZZ");
            }

            interface IGeoClient
            {
                Task<string> CountryOfAsync(string ip, CancellationToken ct = default);
            }

            sealed class PartnerGeoClient : IGeoClient
            {
                public Task<string> CountryOfAsync(string ip, CancellationToken ct = default)
                    => PartnerHttp.GetStringAsync($"https://geo.partner.example/v1/lookup?ip={Uri.EscapeDataString(ip)}", ct);
            }

            sealed class OfflineGeoClient : IGeoClient
            {
                public Task<string> CountryOfAsync(string ip, CancellationToken ct = default)
                    => Task.FromResult(ip.StartsWith("10.", StringComparison.Ordinal) ? "internal" : "unknown");
            }

            sealed class CachingGeoClient : IGeoClient
            {
                private readonly IGeoClient _inner;
                private readonly ConcurrentDictionary<string, string> _cache = new();
                public CachingGeoClient(IGeoClient inner) => _inner = inner;

                public async Task<string> CountryOfAsync(string ip, CancellationToken ct = default)
                {
                    if (_cache.TryGetValue(ip, out var country)) return country;
                    country = await _inner.CountryOfAsync(ip, ct).ConfigureAwait(false);
                    _cache[ip] = country;
                    return country;
                }
            }

            interface IAccessLog
            {
                void Append([PartnerShare("siem")] string entry);
            }

            sealed class SiemAccessLog : IAccessLog
            {
                public void Append(string entry) { }
            }

            static class CompositionRoot
            {
                public static IGeoClient CreateGeoClient(bool offline)
                    => offline ? new OfflineGeoClient() : new CachingGeoClient(new PartnerGeoClient());

                public static IAccessLog CreateAccessLog() => new SiemAccessLog();
            }
            """;

        private const string GeoMiddlewareProgram = """

            sealed class GeoMiddleware
            {
                private readonly IGeoClient _geo;
                private readonly OfflineGeoClient _offline = new();
                public GeoMiddleware(IGeoClient geo) => _geo = geo;

                public async Task InvokeAsync(RequestContext ctx, Func<Task> next, CancellationToken ct)
                {
                    $BODY
                    ctx.Items["country"] = country;
                    await next().ConfigureAwait(false);
                }
            }
            """;

        [Fact]
        public Task Middleware_passing_the_client_ip_to_an_injected_geo_client_is_reported_at_the_middleware() => Check(GeoProgram
            + GeoMiddlewareProgram.Replace("$BODY", "var country = await _geo.CountryOfAsync({|#0:ctx.RemoteIp|}, ct).ConfigureAwait(false);"), withPrelude: false, Min001(0));

        [Fact]
        public Task Middleware_passing_the_ip_prefix_to_the_geo_client_is_clean() => Check(GeoProgram
            + GeoMiddlewareProgram.Replace("$BODY", "var country = await _geo.CountryOfAsync(IpMask.ToPrefix(ctx.RemoteIp), ct).ConfigureAwait(false);"), withPrelude: false);

        [Fact]
        public Task Middleware_using_a_field_typed_as_the_offline_client_is_clean() => Check(GeoProgram
            + GeoMiddlewareProgram.Replace("$BODY", "var country = await _offline.CountryOfAsync(ctx.RemoteIp, ct).ConfigureAwait(false);"), withPrelude: false);

        [Fact]
        public Task Middleware_using_a_local_interface_variable_built_as_the_offline_client_is_clean() => Check(GeoProgram
            + GeoMiddlewareProgram.Replace("$BODY", """
            IGeoClient local = new OfflineGeoClient();
                    var country = await local.CountryOfAsync(ctx.RemoteIp, ct).ConfigureAwait(false);
            """), withPrelude: false);

        [Fact]
        public Task Middleware_resolving_the_partner_client_from_the_composition_root_is_reported() => Check(GeoProgram
            + GeoMiddlewareProgram.Replace("$BODY", """
            var resolved = CompositionRoot.CreateGeoClient(offline: false);
                    var country = await resolved.CountryOfAsync({|#0:ctx.RemoteIp|}, ct).ConfigureAwait(false);
            """), withPrelude: false, Min001(0));

        private const string AccessLogProgram = """

            sealed class AccessLogMiddleware
            {
                private readonly IAccessLog _log = CompositionRoot.CreateAccessLog();

                public async Task InvokeAsync(RequestContext ctx, Func<Task> next)
                {
                    var started = DateTime.UtcNow;
                    await next();
                    var elapsed = DateTime.UtcNow - started;
                    _log.Append($ENTRY);
                }
            }
            """;

        [Fact]
        public Task Access_log_line_with_the_raw_client_ip_is_reported() => Check(GeoProgram
            + AccessLogProgram.Replace("$ENTRY", "{|#0:$\"{ctx.Method} {ctx.Path} {ctx.StatusCode} {elapsed.TotalMilliseconds:F0}ms from {ctx.RemoteIp}\"|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Access_log_line_with_the_ip_prefix_is_clean() => Check(GeoProgram
            + AccessLogProgram.Replace("$ENTRY", "$\"{ctx.Method} {ctx.Path} {ctx.StatusCode} {elapsed.TotalMilliseconds:F0}ms from {IpMask.ToPrefix(ctx.RemoteIp)}\""), withPrelude: false);

        [Fact]
        public Task Access_log_line_with_method_path_and_trace_only_is_clean() => Check(GeoProgram
            + AccessLogProgram.Replace("$ENTRY", "$\"{ctx.Method} {ctx.Path} {ctx.StatusCode} trace={ctx.TraceId}\""), withPrelude: false);

        private const string ItemsPipelineProgram = """

            sealed class ForwardedHeadersMiddleware
            {
                public Task InvokeAsync(RequestContext ctx)
                {
                    ctx.Items["client"] = $CLIENT;
                    return Task.CompletedTask;
                }
            }

            sealed class AuditMiddleware
            {
                private readonly IAccessLog _log;
                public AuditMiddleware(IAccessLog log) => _log = log;

                public Task InvokeAsync(RequestContext ctx)
                {
                    if (ctx.Items.TryGetValue("client", out var client))
                    {
                        _log.Append($APPEND);
                    }

                    return Task.CompletedTask;
                }
            }

            sealed class Pipeline
            {
                private readonly ForwardedHeadersMiddleware _forwarded = new();
                private readonly AuditMiddleware _audit = new(CompositionRoot.CreateAccessLog());

                public async Task RunAsync(RequestContext ctx)
                {
                    await _forwarded.InvokeAsync(ctx);
                    await _audit.InvokeAsync(ctx);
                }
            }
            """;

        // First written expecting the report inside AuditMiddleware (Reading 5: where the value taken out meets the sink).
        // The engine reports at the pipeline's argument `ctx` instead: the context carries the ip as a container and is
        // passed, through further calls, into the sink, so the "outermost argument" rule applies. Re-judged as acceptable.
        [Fact]
        public Task Ip_stashed_in_the_context_items_by_one_middleware_is_reported_at_the_pipeline_argument() => Check(GeoProgram
            + ItemsPipelineProgram.Replace("$CLIENT", "ctx.RemoteIp").Replace("$APPEND", "\"client=\" + client").Replace("await _audit.InvokeAsync(ctx);", "await _audit.InvokeAsync({|#0:ctx|});"), withPrelude: false, Min001(0));

        [Fact]
        public Task Ip_prefix_stashed_in_the_context_items_is_clean_where_it_is_logged() => Check(GeoProgram
            + ItemsPipelineProgram.Replace("$CLIENT", "IpMask.ToPrefix(ctx.RemoteIp)").Replace("$APPEND", "\"client=\" + client"), withPrelude: false);

        private const string LoginHistoryProgram = """

            sealed class LoginHistory
            {
                private readonly Dictionary<Guid, string> _lastIp = new();
                public void Record(Guid userId, string ip) => _lastIp[userId] = ip;

                [return: IdentityBearing(IdentityCategory.IpAddress)]
                public ValueTask<string?> LastIpAsync(Guid userId)
                    => new(_lastIp.TryGetValue(userId, out var ip) ? ip : null);
            }

            sealed class SecurityService
            {
                private readonly LoginHistory _history;
                private readonly IAccessLog _log;
                public SecurityService(LoginHistory history, IAccessLog log) { _history = history; _log = log; }

                public async Task ReviewAsync(Guid userId)
                {
                    $BODY
                }
            }
            """;

        [Fact]
        public Task Awaited_value_task_with_an_identity_return_is_reported_where_logged() => Check(GeoProgram + LoginHistoryProgram.Replace("$BODY", """
            var ip = await _history.LastIpAsync(userId).ConfigureAwait(false);
                    _log.Append({|#0:$"user {userId} last seen from {ip ?? "nowhere"}"|});
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Only_whether_an_identity_return_exists_is_clean() => Check(GeoProgram + LoginHistoryProgram.Replace("$BODY", """
            var seen = await _history.LastIpAsync(userId).ConfigureAwait(false) is not null;
                    _log.Append($"user {userId} seen before: {seen}");
            """), withPrelude: false);

        // =====================================================================================================
        // 4. Mediator: generic request handlers, a logging pipeline handler
        // =====================================================================================================

        private const string MediatorProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            interface IRequest<TResponse> { }

            interface IRequestHandler<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> HandleAsync(TRequest request, CancellationToken ct);
            }

            interface IAuditSink
            {
                void Record([PartnerShare("audit-vendor")] string entry);
            }

            interface IInviteMailer
            {
                Task SendInviteAsync([PartnerShare("mail-vendor")] string recipientKey, string team, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + (uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email);
            }

            sealed class SignupForm
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                public string Team { get; set; } = "";
            }

            sealed record InviteCommand([property: IdentityBearing(IdentityCategory.Email)] string Email, string Team) : IRequest<bool>;

            sealed record WelcomeCommand(string Recipient, string Team) : IRequest<bool>;
            """;

        [Fact]
        public Task Handler_reading_an_annotated_command_member_is_reported_inside_the_handler() => Check(MediatorProgram + """

            sealed class InviteHandler : IRequestHandler<InviteCommand, bool>
            {
                private readonly IInviteMailer _mailer;
                public InviteHandler(IInviteMailer mailer) => _mailer = mailer;

                public async Task<bool> HandleAsync(InviteCommand request, CancellationToken ct)
                {
                    await _mailer.SendInviteAsync({|#0:request.Email|}, request.Team, ct).ConfigureAwait(false);
                    return true;
                }
            }

            sealed class InviteController
            {
                private readonly IRequestHandler<InviteCommand, bool> _handler;
                public InviteController(IRequestHandler<InviteCommand, bool> handler) => _handler = handler;
                public Task<bool> Post(SignupForm form, CancellationToken ct) => _handler.HandleAsync(new InviteCommand(form.Email, form.Team), ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Handler_hashing_the_annotated_command_member_is_clean() => Check(MediatorProgram + """

            sealed class InviteHandler : IRequestHandler<InviteCommand, bool>
            {
                private readonly IInviteMailer _mailer;
                public InviteHandler(IInviteMailer mailer) => _mailer = mailer;

                public async Task<bool> HandleAsync(InviteCommand request, CancellationToken ct)
                {
                    await _mailer.SendInviteAsync(Privacy.HashEmail(request.Email), request.Team, ct).ConfigureAwait(false);
                    return true;
                }
            }

            sealed class InviteController
            {
                private readonly IRequestHandler<InviteCommand, bool> _handler;
                public InviteController(IRequestHandler<InviteCommand, bool> handler) => _handler = handler;
                public Task<bool> Post(SignupForm form, CancellationToken ct) => _handler.HandleAsync(new InviteCommand(form.Email, form.Team), ct);
            }
            """, withPrelude: false);

        private const string WelcomeProgram = """

            sealed class WelcomeHandler : IRequestHandler<WelcomeCommand, bool>
            {
                private readonly IInviteMailer _mailer;
                public WelcomeHandler(IInviteMailer mailer) => _mailer = mailer;

                public async Task<bool> HandleAsync(WelcomeCommand request, CancellationToken ct)
                {
                    await _mailer.SendInviteAsync(request.Recipient, request.Team, ct).ConfigureAwait(false);
                    return true;
                }
            }

            sealed class WelcomeController
            {
                private readonly IRequestHandler<WelcomeCommand, bool> _handler;
                public WelcomeController(IRequestHandler<WelcomeCommand, bool> handler) => _handler = handler;
                public Task<bool> Post(SignupForm form, CancellationToken ct) => _handler.HandleAsync($COMMAND, ct);
            }
            """;

        [Fact]
        public Task Plain_command_carrying_the_email_into_a_handler_that_sends_it_is_reported_at_the_controller_argument() => Check(MediatorProgram
            + WelcomeProgram.Replace("$COMMAND", "{|#0:new WelcomeCommand(form.Email, form.Team)|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Plain_command_carrying_a_hash_into_the_handler_is_clean() => Check(MediatorProgram
            + WelcomeProgram.Replace("$COMMAND", "new WelcomeCommand(Privacy.HashEmail(form.Email), form.Team)"), withPrelude: false);

        private const string PipelineHandlerProgram = """

            sealed class LoggingHandler<TRequest, TResponse> : IRequestHandler<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                private readonly IRequestHandler<TRequest, TResponse> _inner;
                private readonly IAuditSink _audit;
                public LoggingHandler(IRequestHandler<TRequest, TResponse> inner, IAuditSink audit) { _inner = inner; _audit = audit; }

                public async Task<TResponse> HandleAsync(TRequest request, CancellationToken ct)
                {
                    _audit.Record($"handling {request}");
                    var response = await _inner.HandleAsync(request, ct).ConfigureAwait(false);
                    _audit.Record($"handled {typeof(TRequest).Name}: {response}");
                    return response;
                }
            }

            sealed class WelcomeHandler : IRequestHandler<WelcomeCommand, bool>
            {
                public Task<bool> HandleAsync(WelcomeCommand request, CancellationToken ct) => Task.FromResult(request.Recipient.Length > 0);
            }

            sealed class WelcomeController
            {
                private readonly IRequestHandler<WelcomeCommand, bool> _handler;
                public WelcomeController(IRequestHandler<WelcomeCommand, bool> handler) => _handler = handler;
                public Task<bool> Post(SignupForm form, CancellationToken ct) => _handler.HandleAsync($COMMAND, ct);
            }
            """;

        [Fact]
        public Task Generic_logging_handler_interpolating_a_plain_record_command_is_reported_at_the_controller_argument() => Check(MediatorProgram
            + PipelineHandlerProgram.Replace("$COMMAND", "{|#0:new WelcomeCommand(form.Email, form.Team)|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_logging_handler_with_a_command_holding_a_hash_is_clean() => Check(MediatorProgram
            + PipelineHandlerProgram.Replace("$COMMAND", "new WelcomeCommand(Privacy.HashEmail(form.Email), form.Team)"), withPrelude: false);

        private const string PublisherProgram = """

            [IdentityBearing]
            interface IContactPoint
            {
                string Value { get; }
            }

            sealed record EmailContact(string Value) : IContactPoint;

            sealed record Heartbeat(Guid NodeId, DateTime At);

            sealed class ContactPublisher<T> where T : IContactPoint
            {
                private readonly IAuditSink _audit;
                public ContactPublisher(IAuditSink audit) => _audit = audit;
                public void Publish(T contact) => _audit.Record($CONSTRAINED);
            }

            sealed class EventPublisher<T>
            {
                private readonly IAuditSink _audit;
                public EventPublisher(IAuditSink audit) => _audit = audit;
                public void Publish(T payload) => _audit.Record("event " + payload);
            }
            """;

        [Fact]
        public Task Constrained_generic_publisher_is_reported_inside_at_its_sink() => Check(MediatorProgram + PublisherProgram.Replace("$CONSTRAINED", "{|#0:\"contact \" + contact.Value|}") + """

            sealed class ContactController
            {
                private readonly ContactPublisher<EmailContact> _publisher;
                public ContactController(ContactPublisher<EmailContact> publisher) => _publisher = publisher;
                public void Post(SignupForm form) => _publisher.Publish(new EmailContact(form.Email));
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Unconstrained_generic_publisher_given_an_identity_typed_value_is_reported_at_the_caller() => Check(MediatorProgram + PublisherProgram.Replace("$CONSTRAINED", "\"contact kind \" + typeof(T).Name") + """

            sealed class ContactController
            {
                private readonly EventPublisher<EmailContact> _publisher;
                public ContactController(EventPublisher<EmailContact> publisher) => _publisher = publisher;
                public void Post(SignupForm form) => _publisher.Publish({|#0:new EmailContact(form.Email)|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Unconstrained_generic_publisher_given_a_heartbeat_is_clean() => Check(MediatorProgram + PublisherProgram.Replace("$CONSTRAINED", "\"contact kind \" + typeof(T).Name") + """

            sealed class HeartbeatJob
            {
                private readonly EventPublisher<Heartbeat> _publisher;
                public HeartbeatJob(EventPublisher<Heartbeat> publisher) => _publisher = publisher;
                public void Beat(Guid node) => _publisher.Publish(new Heartbeat(node, DateTime.UtcNow));
            }
            """, withPrelude: false);

        // =====================================================================================================
        // 5. Background work: outbox queue, channels, scheduled jobs; options
        // =====================================================================================================

        private const string BackgroundProgram = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            enum MailTemplate { Welcome, Reminder, Goodbye }

            sealed record OutboundMessage(string Recipient, MailTemplate Template, Guid CorrelationId);

            sealed class SignupForm
            {
                public Guid AccountId { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Mobile { get; set; } = "";
            }

            static class MailWire
            {
                [PartnerShare("mail-vendor")]
                public static Task PostAsync(string to, string template) => Task.CompletedTask;
            }

            interface IMailPartner
            {
                Task SendAsync(string recipient, string template, CancellationToken ct);
            }

            sealed class MailPartnerClient : IMailPartner
            {
                public Task SendAsync(string recipient, string template, CancellationToken ct) => MailWire.PostAsync(recipient, template);
            }

            interface ILogSink
            {
                void Write([PartnerShare("log-vendor")] string line);
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + (uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email);
            }

            sealed class OutboxQueue
            {
                private readonly ConcurrentQueue<OutboundMessage> _pending = new();
                public void Enqueue(OutboundMessage message) => _pending.Enqueue(message);
                public bool TryDequeue(out OutboundMessage? message) => _pending.TryDequeue(out message);
            }

            abstract class HostedWorker
            {
                protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
                public Task StartAsync(CancellationToken ct) => ExecuteAsync(ct);
            }

            sealed class OutboxWorker : HostedWorker
            {
                private readonly OutboxQueue _queue;
                private readonly IMailPartner _mail;
                public OutboxWorker(OutboxQueue queue, IMailPartner mail) { _queue = queue; _mail = mail; }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        while (_queue.TryDequeue(out var message) && message is not null)
                        {
                            await _mail.SendAsync($RECIPIENT, message.Template.ToString(), stoppingToken).ConfigureAwait(false);
                        }

                        await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            """;

        [Fact]
        public Task Outbox_worker_sending_a_recipient_enqueued_by_a_controller_is_reported_in_the_worker() => Check(BackgroundProgram.Replace("$RECIPIENT", "{|#0:message.Recipient|}") + """

            sealed class RegistrationController
            {
                private readonly OutboxQueue _outbox;
                public RegistrationController(OutboxQueue outbox) => _outbox = outbox;

                public int Register(SignupForm form)
                {
                    _outbox.Enqueue(new OutboundMessage(form.Email, MailTemplate.Welcome, Guid.NewGuid()));
                    return 202;
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Outbox_fed_only_hashed_recipients_is_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.Recipient") + """

            sealed class RegistrationController
            {
                private readonly OutboxQueue _outbox;
                public RegistrationController(OutboxQueue outbox) => _outbox = outbox;

                public int Register(SignupForm form)
                {
                    _outbox.Enqueue(new OutboundMessage(Privacy.HashEmail(form.Email), MailTemplate.Welcome, Guid.NewGuid()));
                    return 202;
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Outbox_worker_sending_only_the_correlation_id_is_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()") + """

            sealed class RegistrationController
            {
                private readonly OutboxQueue _outbox;
                public RegistrationController(OutboxQueue outbox) => _outbox = outbox;

                public int Register(SignupForm form)
                {
                    _outbox.Enqueue(new OutboundMessage(form.Email, MailTemplate.Welcome, Guid.NewGuid()));
                    return 202;
                }
            }
            """, withPrelude: false);

        private const string ChannelProgram = """

            sealed class AuditTrail
            {
                private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

                public bool Post(string line) => _lines.Writer.TryWrite(line);

                public async Task PumpAsync(ILogSink sink, CancellationToken ct)
                {
                    await foreach (var line in _lines.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                    {
                        sink.Write($LINE);
                    }
                }
            }

            sealed class LoginController
            {
                private readonly AuditTrail _trail;
                public LoginController(AuditTrail trail) => _trail = trail;
                public int Post(SignupForm form) => _trail.Post($POST) ? 200 : 503;
            }
            """;

        [Fact]
        public Task Channel_drained_by_a_pump_is_reported_where_the_line_is_written() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.Recipient")
            + ChannelProgram.Replace("$LINE", "{|#0:line|}").Replace("$POST", "$\"login {form.AccountId} mobile {form.Mobile}\""), withPrelude: false, Min001(0));

        [Fact]
        public Task Channel_fed_only_account_ids_is_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + ChannelProgram.Replace("$LINE", "line").Replace("$POST", "$\"login {form.AccountId}\""), withPrelude: false);

        private const string SchedulerProgram = """

            sealed class JobScheduler
            {
                private readonly List<Func<CancellationToken, Task>> _jobs = new();

                public void Schedule(Func<CancellationToken, Task> job)
                {
                    lock (_jobs) _jobs.Add(job);
                }

                public async Task RunDueAsync(CancellationToken ct)
                {
                    Func<CancellationToken, Task>[] due;
                    lock (_jobs)
                    {
                        due = _jobs.ToArray();
                        _jobs.Clear();
                    }

                    foreach (var job in due)
                    {
                        await job(ct).ConfigureAwait(false);
                    }
                }
            }

            sealed class ReminderController
            {
                private readonly JobScheduler _jobs;
                private readonly IMailPartner _mail;
                public ReminderController(JobScheduler jobs, IMailPartner mail) { _jobs = jobs; _mail = mail; }

                public int Post(SignupForm form)
                {
                    var to = $TO;
                    _jobs.Schedule(ct => _mail.SendAsync($ARG, nameof(MailTemplate.Reminder), ct));
                    return 202;
                }
            }
            """;

        [Fact]
        public Task Scheduled_lambda_capturing_the_email_is_reported_inside_the_lambda() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + SchedulerProgram.Replace("$TO", "form.Email").Replace("$ARG", "{|#0:to|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Scheduled_lambda_capturing_a_hash_is_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + SchedulerProgram.Replace("$TO", "Privacy.HashEmail(form.Email)").Replace("$ARG", "to"), withPrelude: false);

        private const string OptionsProgram = """

            interface IOptions<out T> where T : class
            {
                T Value { get; }
            }

            sealed class StaticOptions<T> : IOptions<T> where T : class
            {
                public StaticOptions(T value) => Value = value;
                public T Value { get; }
            }

            sealed class EscalationOptions
            {
                [IdentityBearing(IdentityCategory.Email)] public string OnCallEmail { get; set; } = "";
                public string Region { get; set; } = "eu-west";
                public int MaxPages { get; set; } = 3;
            }

            sealed class PagerService
            {
                private readonly IOptions<EscalationOptions> _options;
                private readonly ILogSink _sink;
                public PagerService(IOptions<EscalationOptions> options, ILogSink sink) { _options = options; _sink = sink; }

                public void Page(string incidentCode)
                {
                    var o = _options.Value;
                    _sink.Write($LINE);
                }
            }

            static class Startup
            {
                public static PagerService Build(ILogSink sink)
                    => new(new StaticOptions<EscalationOptions>(new EscalationOptions { OnCallEmail = "oncall@corp.example", Region = "eu-north", MaxPages = 5 }), sink);
            }
            """;

        [Fact]
        public Task Options_member_annotated_as_email_is_reported_when_paged() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + OptionsProgram.Replace("$LINE", "{|#0:$\"[{o.Region}] {incidentCode} -> {o.OnCallEmail}\"|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Options_region_and_page_limit_are_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + OptionsProgram.Replace("$LINE", "$\"[{o.Region}] {incidentCode} (max {o.MaxPages} pages)\""), withPrelude: false);

        // =====================================================================================================
        // 6. Analytics partner behind a retrying decorator, JSON built by hand
        // =====================================================================================================

        private const string AnalyticsProgram = """
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Order
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string CustomerEmail { get; init; } = "";
                [IdentityBearing(IdentityCategory.IpAddress)] public string ClientIp { get; init; } = "";
                public decimal Total { get; init; }
                public string Currency { get; init; } = "EUR";
            }

            static class AnalyticsWire
            {
                public static Task PostAsync([PartnerShare("analytics")] string body, CancellationToken ct) => Task.CompletedTask;
            }

            interface IAnalyticsClient
            {
                Task TrackAsync(string eventName, IReadOnlyDictionary<string, string> properties, CancellationToken ct = default);
            }

            sealed class AnalyticsHttpClient : IAnalyticsClient
            {
                public Task TrackAsync(string eventName, IReadOnlyDictionary<string, string> properties, CancellationToken ct = default)
                {
                    var json = new StringBuilder("{\"event\":\"").Append(eventName).Append('"');
                    foreach (var (key, value) in properties)
                    {
                        json.Append(",\"").Append(key).Append("\":\"").Append(value).Append('"');
                    }

                    return AnalyticsWire.PostAsync(json.Append('}').ToString(), ct);
                }
            }

            static class Retry
            {
                public static async Task WithBackoffAsync(Func<CancellationToken, Task> action, int attempts, CancellationToken ct)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await action(ct).ConfigureAwait(false);
                            return;
                        }
                        catch (TimeoutException) when (attempt < attempts)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct).ConfigureAwait(false);
                        }
                    }
                }
            }

            sealed class RetryingAnalyticsClient : IAnalyticsClient
            {
                private readonly IAnalyticsClient _inner;
                public RetryingAnalyticsClient(IAnalyticsClient inner) => _inner = inner;

                public Task TrackAsync(string eventName, IReadOnlyDictionary<string, string> properties, CancellationToken ct = default)
                    => Retry.WithBackoffAsync(token => _inner.TrackAsync(eventName, properties, token), 3, ct);
            }

            static class Privacy
            {
                [Minimizer] public static string HashEmail(string email) => "e-" + (uint)StringComparer.OrdinalIgnoreCase.GetHashCode(email);
            }

            static class AnalyticsMapper
            {
                public static IReadOnlyDictionary<string, string> Raw(Order o) => new Dictionary<string, string>
                {
                    ["order"] = o.Id.ToString("N"),
                    ["email"] = o.CustomerEmail,
                    ["ip"] = o.ClientIp,
                };

                public static IReadOnlyDictionary<string, string> Safe(Order o) => new Dictionary<string, string>
                {
                    ["order"] = o.Id.ToString("N"),
                    ["user"] = Privacy.HashEmail(o.CustomerEmail),
                    ["total"] = o.Total.ToString("F2", CultureInfo.InvariantCulture),
                };
            }

            static class Container
            {
                public static IAnalyticsClient Analytics() => new RetryingAnalyticsClient(new AnalyticsHttpClient());
            }

            sealed class CheckoutService
            {
                private readonly IAnalyticsClient _analytics = Container.Analytics();

                public async Task CompleteAsync(Order order, CancellationToken ct)
                {
                    $BODY
                }
            }
            """;

        [Fact]
        public Task Inline_property_dictionary_with_the_email_through_a_retry_decorator_is_reported_at_the_argument() => Check(AnalyticsProgram.Replace("$BODY", """
            await _analytics.TrackAsync("checkout", {|#0:new Dictionary<string, string>
                    {
                        ["email"] = order.CustomerEmail,
                        ["total"] = order.Total.ToString("F2", CultureInfo.InvariantCulture),
                    }|}, ct).ConfigureAwait(false);
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Inline_property_dictionary_with_a_hashed_user_is_clean() => Check(AnalyticsProgram.Replace("$BODY", """
            await _analytics.TrackAsync("checkout", new Dictionary<string, string>
                    {
                        ["user"] = Privacy.HashEmail(order.CustomerEmail),
                        ["total"] = order.Total.ToString("F2", CultureInfo.InvariantCulture),
                    }, ct).ConfigureAwait(false);
            """), withPrelude: false);

        [Fact]
        public Task Event_name_built_from_the_email_is_reported_at_the_event_name() => Check(AnalyticsProgram.Replace("$BODY", """
            await _analytics.TrackAsync({|#0:$"checkout:{order.CustomerEmail}"|}, AnalyticsMapper.Safe(order), ct).ConfigureAwait(false);
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Properties_from_the_raw_mapper_are_reported_at_the_mapper_call_argument() => Check(AnalyticsProgram.Replace("$BODY", """
            await _analytics.TrackAsync("checkout", {|#0:AnalyticsMapper.Raw(order)|}, ct).ConfigureAwait(false);
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Properties_from_the_safe_mapper_are_clean() => Check(AnalyticsProgram.Replace("$BODY", """
            await _analytics.TrackAsync("checkout", AnalyticsMapper.Safe(order), ct).ConfigureAwait(false);
            """), withPrelude: false);

        [Fact]
        public Task Unkeyed_sha256_of_the_email_is_still_identity() => Check(AnalyticsProgram.Replace("$BODY", """
            var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(order.CustomerEmail)));
                    await _analytics.TrackAsync("checkout", {|#0:new Dictionary<string, string> { ["user"] = digest }|}, ct).ConfigureAwait(false);
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Retried_lambda_with_properties_mutated_after_construction_is_reported() => Check(AnalyticsProgram.Replace("$BODY", """
            var props = new Dictionary<string, string>(AnalyticsMapper.Safe(order));
                    props["ip"] = order.ClientIp;
                    await Retry.WithBackoffAsync(token => _analytics.TrackAsync("checkout", {|#0:props|}, token), 2, ct).ConfigureAwait(false);
            """), withPrelude: false, Min001(0));

        // =====================================================================================================
        // 7. Harder shapes: registry mediator, queued work items, AsyncLocal scopes, extension sinks, NonIdentifying
        // =====================================================================================================

        private const string RegistryMediatorProgram = """

            sealed class Mediator
            {
                private readonly Dictionary<Type, object> _handlers = new();

                public void Register<TRequest, TResponse>(IRequestHandler<TRequest, TResponse> handler) where TRequest : IRequest<TResponse>
                    => _handlers[typeof(TRequest)] = handler;

                public Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken ct = default) where TRequest : IRequest<TResponse>
                {
                    var handler = (IRequestHandler<TRequest, TResponse>)_handlers[typeof(TRequest)];
                    return handler.HandleAsync(request, ct);
                }
            }

            sealed class WelcomeHandler : IRequestHandler<WelcomeCommand, bool>
            {
                private readonly IInviteMailer _mailer;
                public WelcomeHandler(IInviteMailer mailer) => _mailer = mailer;

                public async Task<bool> HandleAsync(WelcomeCommand request, CancellationToken ct)
                {
                    await _mailer.SendInviteAsync(request.Recipient, request.Team, ct).ConfigureAwait(false);
                    return true;
                }
            }

            sealed class WelcomeController
            {
                private readonly Mediator _mediator;
                public WelcomeController(Mediator mediator) => _mediator = mediator;
                public Task<bool> Post(SignupForm form, CancellationToken ct) => _mediator.SendAsync<WelcomeCommand, bool>($COMMAND, ct);
            }
            """;

        [Fact]
        public Task Registry_mediator_dispatching_a_plain_command_to_a_sending_handler_is_reported_at_the_controller() => Check(MediatorProgram
            + RegistryMediatorProgram.Replace("$COMMAND", "{|#0:new WelcomeCommand(form.Email, form.Team)|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Registry_mediator_dispatching_a_hashed_command_is_clean() => Check(MediatorProgram
            + RegistryMediatorProgram.Replace("$COMMAND", "new WelcomeCommand(Privacy.HashEmail(form.Email), form.Team)"), withPrelude: false);

        private const string WorkItemQueueProgram = """

            sealed class BackgroundTaskQueue
            {
                private readonly Channel<Func<CancellationToken, ValueTask>> _items = Channel.CreateBounded<Func<CancellationToken, ValueTask>>(100);

                public ValueTask QueueAsync(Func<CancellationToken, ValueTask> item) => _items.Writer.WriteAsync(item);

                public ValueTask<Func<CancellationToken, ValueTask>> DequeueAsync(CancellationToken ct) => _items.Reader.ReadAsync(ct);
            }

            sealed class QueuedHostedService : HostedWorker
            {
                private readonly BackgroundTaskQueue _queue;
                public QueuedHostedService(BackgroundTaskQueue queue) => _queue = queue;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var work = await _queue.DequeueAsync(stoppingToken).ConfigureAwait(false);
                        await work(stoppingToken).ConfigureAwait(false);
                    }
                }
            }

            sealed class ExportController
            {
                private readonly BackgroundTaskQueue _queue;
                private readonly IMailPartner _mail;
                public ExportController(BackgroundTaskQueue queue, IMailPartner mail) { _queue = queue; _mail = mail; }

                public async Task<int> Post(SignupForm form)
                {
                    var recipient = $RECIPIENT_VALUE;
                    await _queue.QueueAsync(async ct => await _mail.SendAsync($ARG, "export-ready", ct).ConfigureAwait(false));
                    return 202;
                }
            }
            """;

        [Fact]
        public Task Work_item_lambda_queued_through_a_channel_is_reported_inside_the_lambda() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + WorkItemQueueProgram.Replace("$RECIPIENT_VALUE", "form.Email").Replace("$ARG", "{|#0:recipient|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Work_item_lambda_capturing_a_hash_is_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + WorkItemQueueProgram.Replace("$RECIPIENT_VALUE", "Privacy.HashEmail(form.Email)").Replace("$ARG", "recipient"), withPrelude: false);

        private const string ScopeProgram = """

            static class LogScope
            {
                private static readonly AsyncLocal<string?> Current = new();
                public static string? Value => Current.Value;
                public static IDisposable Begin(string state)
                {
                    var previous = Current.Value;
                    Current.Value = state;
                    return new Restore(previous);
                }

                private sealed class Restore : IDisposable
                {
                    private readonly string? _previous;
                    public Restore(string? previous) => _previous = previous;
                    public void Dispose() => Current.Value = _previous;
                }
            }

            sealed class ScopedLogger
            {
                private readonly ILogSink _sink;
                public ScopedLogger(ILogSink sink) => _sink = sink;
                public void Info(string message) => _sink.Write($LINE);
            }

            sealed class AccountController
            {
                private readonly ScopedLogger _log;
                public AccountController(ScopedLogger log) => _log = log;

                public int Close(SignupForm form)
                {
                    using (LogScope.Begin($STATE))
                    {
                        _log.Info("closing account");
                    }

                    return 204;
                }
            }
            """;

        [Fact]
        public Task Async_local_log_scope_holding_the_email_is_reported_where_the_logger_writes_it() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + ScopeProgram.Replace("$STATE", "\"user:\" + form.Email").Replace("$LINE", "{|#0:$\"[{LogScope.Value}] {message}\"|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Async_local_log_scope_holding_the_account_id_is_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + ScopeProgram.Replace("$STATE", "\"account:\" + form.AccountId").Replace("$LINE", "$\"[{LogScope.Value}] {message}\""), withPrelude: false);

        private const string ExtensionProgram = """

            static class AuditExtensions
            {
                [PartnerShare("audit-vendor")]
                public static void Audit(this string line) { }

                public static void LogTo(this string line, ILogSink sink) => sink.Write(line.Trim());
            }

            sealed class ProfileController
            {
                private readonly ILogSink _sink;
                public ProfileController(ILogSink sink) => _sink = sink;

                public int Update(SignupForm form)
                {
                    $BODY
                    return 200;
                }
            }
            """;

        [Fact]
        public Task Partner_share_extension_method_sinks_the_extended_value() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + ExtensionProgram.Replace("$BODY", "{|#0:(\"profile \" + form.Mobile)|}.Audit();"), withPrelude: false, Min001(0));

        [Fact]
        public Task Partner_share_extension_called_as_a_static_method_with_a_parenthesized_argument_is_reported_on_the_whole_argument() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + ExtensionProgram.Replace("$BODY", "AuditExtensions.Audit({|#0:(\"profile \" + form.Mobile)|});"), withPrelude: false, Min001(0));

        [Fact]
        public Task Forwarding_extension_method_is_reported_at_the_extended_value() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + ExtensionProgram.Replace("$BODY", "{|#0:form.Email|}.LogTo(_sink);"), withPrelude: false, Min001(0));

        [Fact]
        public Task Extension_methods_given_the_account_id_and_a_hash_are_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + ExtensionProgram.Replace("$BODY", "form.AccountId.ToString().Audit();\n        Privacy.HashEmail(form.Email).LogTo(_sink);"), withPrelude: false);

        private const string VisitorProgram = """

            [IdentityBearing(IdentityCategory.Email)]
            sealed record ContactAddress(string Value);

            [IdentityBearing(IdentityCategory.IpAddress)]
            sealed class Visit
            {
                public string Ip { get; init; } = "";
                [NonIdentifying] public string Browser { get; init; } = "";
                [NonIdentifying] public TimeSpan Duration { get; init; }
                [NonIdentifying] public ContactAddress? Contact { get; init; }
            }

            sealed class VisitReporter
            {
                private readonly ILogSink _sink;
                public VisitReporter(ILogSink sink) => _sink = sink;

                public void Report(Visit visit)
                {
                    _sink.Write($LINE);
                }
            }
            """;

        [Fact]
        public Task Identity_typed_visit_ip_is_reported() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + VisitorProgram.Replace("$LINE", "{|#0:$\"visit from {visit.Ip} using {visit.Browser}\"|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Non_identifying_members_of_an_identity_typed_visit_are_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + VisitorProgram.Replace("$LINE", "$\"visit using {visit.Browser} for {visit.Duration.TotalSeconds:F0}s\""), withPrelude: false);

        [Fact]
        public Task Non_identifying_member_whose_own_type_is_identity_bearing_is_reported() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + VisitorProgram.Replace("$LINE", "{|#0:$\"visit contact {visit.Contact?.Value}\"|}"), withPrelude: false, Min001(0));

        private const string PartnerEnvelopeWithProgram = """

            sealed record PartnerEnvelope
            {
                public Guid Correlation { get; init; } = Guid.NewGuid();
                [PartnerShare("crm")] public string? ContactRef { get; init; }
            }

            sealed class EnvelopeFactory
            {
                private static readonly PartnerEnvelope Template = new();
                public PartnerEnvelope For(SignupForm form) => Template with { ContactRef = $REF };
            }
            """;

        [Fact]
        public Task Partner_property_set_inside_a_with_expression_is_reported_at_the_value() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + PartnerEnvelopeWithProgram.Replace("$REF", "{|#0:form.Email|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task Partner_property_set_to_a_hash_inside_a_with_expression_is_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()")
            + PartnerEnvelopeWithProgram.Replace("$REF", "Privacy.HashEmail(form.Email)"), withPrelude: false);

        private const string BuilderHelperProgram = """

            static class Lines
            {
                public static void AppendContact(StringBuilder sb, SignupForm form) => sb.Append(" mobile=").Append($VALUE);
            }

            sealed class SummaryJob
            {
                private readonly ILogSink _sink;
                public SummaryJob(ILogSink sink) => _sink = sink;

                public void Run(IEnumerable<SignupForm> forms)
                {
                    var sb = new StringBuilder("signups:");
                    foreach (var form in forms)
                    {
                        sb.Append(' ').Append(form.AccountId);
                        Lines.AppendContact(sb, form);
                    }

                    _sink.Write($SINK);
                }
            }
            """;

        [Fact]
        public Task String_builder_filled_by_a_helper_method_is_reported_where_it_is_written() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()").Replace("using System.Threading;", "using System.Text;\nusing System.Threading;")
            + BuilderHelperProgram.Replace("$VALUE", "form.Mobile").Replace("$SINK", "{|#0:sb.ToString()|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task String_builder_filled_by_a_helper_with_a_length_only_is_clean() => Check(BackgroundProgram.Replace("$RECIPIENT", "message.CorrelationId.ToString()").Replace("using System.Threading;", "using System.Text;\nusing System.Threading;")
            + BuilderHelperProgram.Replace("$VALUE", "form.Mobile.Length").Replace("$SINK", "sb.ToString()"), withPrelude: false);

        [Fact]
        public Task Dto_taken_out_of_a_cache_and_reduced_to_its_points_is_clean() => Check(ShopProgram + """

            sealed class DtoCache
            {
                private readonly ConcurrentDictionary<Guid, CustomerDto> _byId = new();
                public void Put(CustomerDto dto) => _byId[dto.Id] = dto;
                public CustomerDto? Get(Guid id) => _byId.TryGetValue(id, out var dto) ? dto : null;
            }

            sealed class PointsService
            {
                private readonly DtoCache _cache;
                private readonly ICustomerRepository _repo;
                private readonly ILogSink _sink;
                public PointsService(DtoCache cache, ICustomerRepository repo, ILogSink sink) { _cache = cache; _repo = repo; _sink = sink; }

                public async Task RefreshAsync(Guid id)
                {
                    var c = await _repo.FindAsync(id);
                    if (c is not null) _cache.Put(CustomerMapper.ToDto(c));
                }

                public void Publish(Guid id)
                {
                    var dto = _cache.Get(id);
                    if (dto is null) return;
                    _sink.Write($"{dto.Id:N} points={dto.Points}");
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Dto_taken_out_of_a_cache_and_sent_with_its_email_is_reported() => Check(ShopProgram + """

            sealed class DtoCache
            {
                private readonly ConcurrentDictionary<Guid, CustomerDto> _byId = new();
                public void Put(CustomerDto dto) => _byId[dto.Id] = dto;
                public CustomerDto? Get(Guid id) => _byId.TryGetValue(id, out var dto) ? dto : null;
            }

            sealed class PointsService
            {
                private readonly DtoCache _cache;
                private readonly ICustomerRepository _repo;
                private readonly ILogSink _sink;
                public PointsService(DtoCache cache, ICustomerRepository repo, ILogSink sink) { _cache = cache; _repo = repo; _sink = sink; }

                public async Task RefreshAsync(Guid id)
                {
                    var c = await _repo.FindAsync(id);
                    if (c is not null) _cache.Put(CustomerMapper.ToDto(c));
                }

                public void Publish(Guid id)
                {
                    var dto = _cache.Get(id);
                    if (dto is null) return;
                    _sink.Write({|#0:$"{dto.Id:N} {dto.Email} points={dto.Points}"|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task String_format_with_the_phone_through_the_retry_decorator_is_reported() => Check(AnalyticsProgram.Replace("$BODY", """
            var label = string.Format(CultureInfo.InvariantCulture, "{0}/{1:F2}", order.ClientIp, order.Total);
                    await _analytics.TrackAsync({|#0:label|}, AnalyticsMapper.Safe(order), ct).ConfigureAwait(false);
            """), withPrelude: false, Min001(0));

        [Fact]
        public Task Lengths_and_predicates_of_the_email_are_clean() => Check(AnalyticsProgram.Replace("$BODY", """
            var label = $"len={order.CustomerEmail.Length};corp={order.CustomerEmail.EndsWith("@corp.example", StringComparison.Ordinal)}";
                    await _analytics.TrackAsync(label, AnalyticsMapper.Safe(order), ct).ConfigureAwait(false);
            """), withPrelude: false);
    }
}
