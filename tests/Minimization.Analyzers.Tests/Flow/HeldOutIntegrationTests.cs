using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out-style probe written from the public contract alone, about partner integrations as teams write them
    /// (typed partner clients, webhooks, CSV/JSON/XML exports, buses, SFTP streams, mail, paging, retries, cancellation,
    /// using/await using), minimization in real shapes (generated partial minimizers, extension minimizers, minimizers
    /// returning records and tuples, minimizers in LINQ, behind interfaces, keyed vs unkeyed hashes) and time and numbers
    /// (dates of birth, ages, coordinates, account numbers). Types are internal so that MIN010 stays out of the picture.
    /// Positives and near-miss negatives alternate.
    /// </summary>
    public class HeldOutIntegrationTests
    {
        private const string H = """
            using System;
            using System.Buffers;
            using System.CodeDom.Compiler;
            using System.Collections.Generic;
            using System.Globalization;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Net.Mail;
            using System.Runtime.CompilerServices;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using System.Threading;
            using System.Threading.Tasks;
            using System.Xml;
            using System.Xml.Linq;
            using Minimization;

            sealed class Customer
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                [IdentityBearing(IdentityCategory.DateOfBirth)] public DateTime BirthDate { get; set; }
                [IdentityBearing(IdentityCategory.Geo)] public double Latitude { get; set; }
                [IdentityBearing(IdentityCategory.Geo)] public double Longitude { get; set; }
                [IdentityBearing(IdentityCategory.AccountId)] public long AccountNumber { get; set; }
                public string Plan { get; set; } = "basic";
                public string Country { get; set; } = "CA";
                public int LoyaltyPoints { get; set; }
                public bool IsVip { get; set; }
                public DateTime CreatedAt { get; set; }
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + ((uint)StringComparer.Ordinal.GetHashCode(value)).ToString("x8");
                [Minimizer] public static string Pseudonymize(this string value, string partner) => partner + "-" + ((uint)StringComparer.Ordinal.GetHashCode(value)).ToString("x8");
                [Minimizer] public static int BirthYear(DateTime dob) => dob.Year;
                [Minimizer] public static DateTime ToMonth(DateTime dob) => new DateTime(dob.Year, dob.Month, 1);
                [Minimizer] public static string AgeBand(DateTime dob) { var age = DateTime.Today.Year - dob.Year; return age < 18 ? "minor" : age < 65 ? "adult" : "senior"; }
                [Minimizer] public static double Coarsen(double coordinate) => Math.Round(coordinate, 1);
                [Minimizer] public static string MaskAccount(long account) => "****" + (account % 10000).ToString("0000", CultureInfo.InvariantCulture);
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(object? payload) { }
            }
            """;

        // =====================================================================================================
        // 1. Partner integrations
        // =====================================================================================================

        private const string Crm = """

            sealed class CrmPartnerClient
            {
                private readonly HttpClient _http;
                public CrmPartnerClient(HttpClient http) => _http = http;
                [PartnerShare("crm")] public Task UpsertContactAsync(string externalId, string plan, CancellationToken ct) => Task.CompletedTask;
            }

            static class Retry
            {
                public static async Task ExecuteAsync(Func<CancellationToken, Task> action, int attempts, CancellationToken ct)
                {
                    for (var i = 1; ; i++)
                    {
                        try { await action(ct); return; }
                        catch (HttpRequestException) when (i < attempts) { await Task.Delay(TimeSpan.FromMilliseconds(200 * i), ct); }
                    }
                }
            }

            sealed class TokenVault
            {
                [Minimizer]
                public async Task<string> TokenizeAsync(string value, CancellationToken ct)
                {
                    await Task.Yield();
                    return "tok_" + ((uint)StringComparer.Ordinal.GetHashCode(value)).ToString("x8");
                }
            }
            """;

        [Fact]
        public Task Typed_partner_client_method_receiving_a_normalized_email_is_reported() => Check(H + Crm + """

            sealed class CrmSync
            {
                private readonly CrmPartnerClient _crm;
                public CrmSync(CrmPartnerClient crm) => _crm = crm;

                public async Task SyncAsync(Customer c, CancellationToken ct)
                {
                    var externalId = c.Email.Trim().ToLowerInvariant();
                    await _crm.UpsertContactAsync({|#0:externalId|}, c.Plan, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Typed_partner_client_method_receiving_a_pseudonymized_email_plan_and_token_is_clean() => Check(H + Crm + """

            sealed class CrmSync
            {
                private readonly CrmPartnerClient _crm;
                public CrmSync(CrmPartnerClient crm) => _crm = crm;

                public async Task SyncAsync(Customer c, CancellationToken ct)
                {
                    var externalId = c.Email.Trim().ToLowerInvariant().Pseudonymize("crm");
                    await _crm.UpsertContactAsync(externalId, c.Plan, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Own_retry_helper_running_a_lambda_is_reported_inside_the_lambda() => Check(H + Crm + """

            sealed class CrmSync
            {
                private readonly CrmPartnerClient _crm;
                public CrmSync(CrmPartnerClient crm) => _crm = crm;

                public async Task SyncAsync(Customer c, CancellationToken ct)
                {
                    var email = c.Email.Trim();
                    await Retry.ExecuteAsync(token => _crm.UpsertContactAsync({|#0:email|}, c.Plan, token), 3, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Own_retry_helper_running_a_lambda_over_a_pseudonym_and_the_handed_token_is_clean() => Check(H + Crm + """

            sealed class CrmSync
            {
                private readonly CrmPartnerClient _crm;
                public CrmSync(CrmPartnerClient crm) => _crm = crm;

                public async Task SyncAsync(Customer c, CancellationToken ct)
                {
                    var key = Privacy.Pseudonymize(c.Email.Trim());
                    await Retry.ExecuteAsync(token => _crm.UpsertContactAsync(key, c.Plan, token), 3, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Awaited_result_of_an_async_minimizer_sent_to_the_crm_is_clean() => Check(H + Crm + """

            sealed class CrmSync
            {
                private readonly CrmPartnerClient _crm;
                private readonly TokenVault _vault;
                public CrmSync(CrmPartnerClient crm, TokenVault vault) { _crm = crm; _vault = vault; }

                public async Task SyncAsync(Customer c, CancellationToken ct)
                {
                    using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    cts.CancelAfter(TimeSpan.FromSeconds(10));
                    var token = await _vault.TokenizeAsync(c.Email, cts.Token).ConfigureAwait(false);
                    await _crm.UpsertContactAsync(token, c.Plan, cts.Token).ConfigureAwait(false);
                }
            }
            """, withPrelude: false);

        private const string Loyalty = """

            interface ILoyaltyPartner
            {
                [PartnerShare("loyalty")] Task EnrollAsync(string memberRef, int points, CancellationToken ct);
            }

            sealed class HttpLoyaltyPartner : ILoyaltyPartner
            {
                public Task EnrollAsync(string memberRef, int points, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        [Fact]
        public Task Interface_member_sink_called_through_the_injected_interface_is_reported() => Check(H + Loyalty + """

            sealed class LoyaltyJob
            {
                private readonly ILoyaltyPartner _partner;
                public LoyaltyJob(ILoyaltyPartner partner) => _partner = partner;
                public Task RunAsync(Customer c, CancellationToken ct) => _partner.EnrollAsync({|#0:"tel:" + c.Phone|}, c.LoyaltyPoints, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Interface_member_sink_given_the_customer_guid_and_points_is_clean() => Check(H + Loyalty + """

            sealed class LoyaltyJob
            {
                private readonly ILoyaltyPartner _partner;
                public LoyaltyJob(ILoyaltyPartner partner) => _partner = partner;
                public Task RunAsync(Customer c, CancellationToken ct) => _partner.EnrollAsync(c.Id.ToString("N"), c.LoyaltyPoints, ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Implementation_of_an_interface_sink_called_on_the_concrete_client_is_reported() => Check(H + Loyalty + """

            static class LoyaltyBackfill
            {
                public static async Task RunAsync(IEnumerable<Customer> customers, CancellationToken ct)
                {
                    var partner = new HttpLoyaltyPartner();
                    foreach (var customer in customers)
                    {
                        await partner.EnrollAsync({|#0:customer.Phone|}, customer.LoyaltyPoints, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Implementation_of_an_interface_sink_called_on_the_concrete_client_with_a_minimized_phone_is_clean() => Check(H + Loyalty + """

            static class LoyaltyBackfill
            {
                public static async Task RunAsync(IEnumerable<Customer> customers, CancellationToken ct)
                {
                    var partner = new HttpLoyaltyPartner();
                    foreach (var customer in customers)
                    {
                        await partner.EnrollAsync(customer.Phone.Pseudonymize("loyalty"), customer.LoyaltyPoints, ct);
                    }
                }
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ webhooks

        private const string Hooks = """

            sealed class WebhookPayload
            {
                public string Event { get; set; } = "";
                public string Contact { get; set; } = "";
                public DateTime At { get; set; }
            }

            sealed class WebhookSender
            {
                [PartnerShare("zapier")] public Task PostAsync(Uri target, string body, CancellationToken ct) => Task.CompletedTask;
            }

            sealed class WebhookClient
            {
                [PartnerShare("hooks")] public Task<HttpResponseMessage> SendAsync(HttpContent content, CancellationToken ct) => Task.FromResult(new HttpResponseMessage());
            }
            """;

        [Fact]
        public Task Webhook_payload_object_filled_then_serialized_is_reported_at_the_body() => Check(H + Hooks + """

            static class SignupHooks
            {
                private static readonly Uri Target = new("https://hooks.partner.example/catch/1");

                public static async Task OnSignupAsync(WebhookSender sender, Customer c, CancellationToken ct)
                {
                    var payload = new WebhookPayload { Event = "signup", At = DateTime.UtcNow };
                    payload.Contact = c.Email;
                    var body = JsonSerializer.Serialize(payload);
                    await sender.PostAsync(Target, {|#0:body|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Webhook_payload_object_filled_with_a_pseudonym_then_serialized_is_clean() => Check(H + Hooks + """

            static class SignupHooks
            {
                private static readonly Uri Target = new("https://hooks.partner.example/catch/1");

                public static async Task OnSignupAsync(WebhookSender sender, Customer c, CancellationToken ct)
                {
                    var payload = new WebhookPayload { Event = "signup", At = DateTime.UtcNow };
                    payload.Contact = Privacy.Pseudonymize(c.Email);
                    var body = JsonSerializer.Serialize(payload);
                    await sender.PostAsync(Target, body, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Webhook_StringContent_of_an_anonymous_object_holding_the_phone_is_reported_at_the_content() => Check(H + Hooks + """

            static class ShippingHooks
            {
                public static async Task<bool> OnShippedAsync(WebhookClient client, Customer c, Guid orderId, CancellationToken ct)
                {
                    var json = JsonSerializer.Serialize(new { type = "order.shipped", phone = c.Phone, orderId });
                    using var content = new StringContent(json, Encoding.UTF8, "application/json");
                    using var response = await client.SendAsync({|#0:content|}, ct);
                    return response.IsSuccessStatusCode;
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Webhook_StringContent_of_an_anonymous_object_with_order_and_country_is_clean() => Check(H + Hooks + """

            static class ShippingHooks
            {
                public static async Task<bool> OnShippedAsync(WebhookClient client, Customer c, Guid orderId, CancellationToken ct)
                {
                    var json = JsonSerializer.Serialize(new { type = "order.shipped", orderId, country = c.Country });
                    using var content = new StringContent(json, Encoding.UTF8, "application/json");
                    using var response = await client.SendAsync(content, ct);
                    return response.IsSuccessStatusCode;
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Webhook_dictionary_payload_holding_the_msisdn_is_reported_at_the_body() => Check(H + Hooks + """

            static class ChurnHooks
            {
                public static Task OnChurnAsync(WebhookSender sender, Customer c, CancellationToken ct)
                {
                    var payload = new Dictionary<string, object?> { ["event"] = "churn", ["plan"] = c.Plan };
                    payload["msisdn"] = c.Phone;
                    return sender.PostAsync(new Uri("https://hooks.partner.example/churn"), {|#0:JsonSerializer.Serialize(payload)|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Webhook_dictionary_payload_with_id_points_and_plan_is_clean() => Check(H + Hooks + """

            static class ChurnHooks
            {
                public static Task OnChurnAsync(WebhookSender sender, Customer c, CancellationToken ct)
                {
                    var payload = new Dictionary<string, object?> { ["event"] = "churn", ["plan"] = c.Plan };
                    payload["customer"] = c.Id;
                    payload["points"] = c.LoyaltyPoints;
                    return sender.PostAsync(new Uri("https://hooks.partner.example/churn"), JsonSerializer.Serialize(payload), ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Webhook_JsonObject_built_with_the_email_is_reported_at_its_json_string() => Check(H + Hooks + """

            static class NodeHooks
            {
                public static Task OnUpgradeAsync(WebhookSender sender, Customer c, CancellationToken ct)
                {
                    var node = new JsonObject
                    {
                        ["event"] = "upgrade",
                        ["plan"] = c.Plan,
                        ["contact"] = new JsonObject { ["email"] = c.Email },
                    };
                    return sender.PostAsync(new Uri("https://hooks.partner.example/up"), {|#0:node.ToJsonString()|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Webhook_JsonObject_built_with_plan_and_points_is_clean() => Check(H + Hooks + """

            static class NodeHooks
            {
                public static Task OnUpgradeAsync(WebhookSender sender, Customer c, CancellationToken ct)
                {
                    var node = new JsonObject
                    {
                        ["event"] = "upgrade",
                        ["plan"] = c.Plan,
                        ["contact"] = new JsonObject { ["points"] = c.LoyaltyPoints },
                    };
                    return sender.PostAsync(new Uri("https://hooks.partner.example/up"), node.ToJsonString(), ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Text_of_a_lookup_response_requested_with_the_email_is_reported() => Check(H + Hooks + """

            static class Enrichment
            {
                public static async Task EnrichAsync(HttpClient http, WebhookSender sender, Customer c, CancellationToken ct)
                {
                    using var response = await http.GetAsync("https://lookup.example/v1?email=" + Uri.EscapeDataString(c.Email), ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    await sender.PostAsync(new Uri("https://hooks.partner.example/enriched"), {|#0:text|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Status_code_of_a_lookup_response_requested_with_the_email_is_clean() => Check(H + Hooks + """

            static class Enrichment
            {
                public static async Task EnrichAsync(HttpClient http, WebhookSender sender, Customer c, CancellationToken ct)
                {
                    using var response = await http.GetAsync("https://lookup.example/v1?email=" + Uri.EscapeDataString(c.Email), ct);
                    var status = (int)response.StatusCode;
                    await sender.PostAsync(new Uri("https://hooks.partner.example/enriched"), status.ToString(CultureInfo.InvariantCulture), ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Typed_client_with_an_identity_bearing_parameter_is_reported_inside_at_its_own_sink() => Check(H + """

            interface IPartnerApi
            {
                [PartnerShare("mailing-list")] Task PostJsonAsync(string path, string json, CancellationToken ct);
            }

            sealed class MailingListClient
            {
                private readonly IPartnerApi _api;
                public MailingListClient(IPartnerApi api) => _api = api;

                public Task SubscribeAsync([IdentityBearing(IdentityCategory.Email)] string email, string listId, CancellationToken ct)
                    => _api.PostJsonAsync($"/lists/{listId}/members", {|#0:JsonSerializer.Serialize(new { email_address = email, status = "subscribed" })|}, ct);
            }

            static class Newsletter
            {
                public static Task JoinAsync(MailingListClient client, Customer c, CancellationToken ct) => client.SubscribeAsync(c.Email, "weekly", ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Typed_client_with_an_identity_bearing_parameter_that_pseudonymizes_it_is_clean() => Check(H + """

            interface IPartnerApi
            {
                [PartnerShare("mailing-list")] Task PostJsonAsync(string path, string json, CancellationToken ct);
            }

            sealed class MailingListClient
            {
                private readonly IPartnerApi _api;
                public MailingListClient(IPartnerApi api) => _api = api;

                public Task SubscribeAsync([IdentityBearing(IdentityCategory.Email)] string email, string listId, CancellationToken ct)
                    => _api.PostJsonAsync($"/lists/{listId}/members", JsonSerializer.Serialize(new { email_address = email.Pseudonymize("ml"), status = "subscribed" }), ct);
            }

            static class Newsletter
            {
                public static Task JoinAsync(MailingListClient client, Customer c, CancellationToken ct) => client.SubscribeAsync(c.Email, "weekly", ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Property_implementing_a_PartnerShare_interface_property_is_reported_at_the_assigned_value() => Check(H + """

            interface IAudienceRequest
            {
                [PartnerShare("ads")] string Audience { get; set; }
            }

            sealed class AudienceRequest : IAudienceRequest
            {
                public string Audience { get; set; } = "";
                public int Size { get; set; }
            }

            static class AudienceBuilder
            {
                public static AudienceRequest Build(IReadOnlyList<Customer> customers)
                {
                    var request = new AudienceRequest { Size = customers.Count };
                    request.Audience = {|#0:string.Join(";", customers.Select(c => c.Email))|};
                    return request;
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Property_implementing_a_PartnerShare_interface_property_given_pseudonyms_is_clean() => Check(H + """

            interface IAudienceRequest
            {
                [PartnerShare("ads")] string Audience { get; set; }
            }

            sealed class AudienceRequest : IAudienceRequest
            {
                public string Audience { get; set; } = "";
                public int Size { get; set; }
            }

            static class AudienceBuilder
            {
                public static AudienceRequest Build(IReadOnlyList<Customer> customers)
                {
                    var request = new AudienceRequest { Size = customers.Count };
                    request.Audience = string.Join(";", customers.Select(c => c.Email.Pseudonymize("ads")));
                    return request;
                }
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ CSV exports

        private const string Drop = """

            sealed class PartnerDrop
            {
                [PartnerShare("bi")] public Task UploadAsync(string fileName, string content, CancellationToken ct) => Task.CompletedTask;
            }

            static class Csv
            {
                public static string Escape(string value) => value.Contains(',') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

                public static StringBuilder AppendField(this StringBuilder sb, string value) => sb.Append(Escape(value)).Append(',');
            }
            """;

        [Fact]
        public Task Csv_built_line_by_line_with_a_StringBuilder_is_reported_at_the_uploaded_text() => Check(H + Drop + """

            static class CsvExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, PartnerDrop drop, CancellationToken ct)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("id,plan,phone");
                    foreach (var c in customers)
                    {
                        sb.Append(c.Id).Append(',').Append(c.Plan).Append(',').AppendLine(c.Phone);
                    }
                    await drop.UploadAsync($"customers-{DateTime.UtcNow:yyyyMMdd}.csv", {|#0:sb.ToString()|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Csv_built_line_by_line_with_a_StringBuilder_of_pseudonyms_is_clean() => Check(H + Drop + """

            static class CsvExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, PartnerDrop drop, CancellationToken ct)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("id,plan,phone");
                    foreach (var c in customers)
                    {
                        sb.Append(c.Id).Append(',').Append(c.Plan).Append(',').AppendLine(c.Phone.Pseudonymize("bi"));
                    }
                    await drop.UploadAsync($"customers-{DateTime.UtcNow:yyyyMMdd}.csv", sb.ToString(), ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Csv_written_with_a_StringWriter_and_an_escaping_helper_is_reported() => Check(H + Drop + """

            static class LoyaltyExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, PartnerDrop drop, CancellationToken ct)
                {
                    using var writer = new StringWriter(CultureInfo.InvariantCulture);
                    writer.WriteLine("id,name,points");
                    foreach (var c in customers)
                    {
                        writer.WriteLine(string.Join(',', c.Id, Csv.Escape(c.FullName), c.LoyaltyPoints));
                    }
                    await drop.UploadAsync("loyalty.csv", {|#0:writer.ToString()|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Csv_written_with_a_StringWriter_of_plan_points_and_name_length_is_clean() => Check(H + Drop + """

            static class LoyaltyExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, PartnerDrop drop, CancellationToken ct)
                {
                    using var writer = new StringWriter(CultureInfo.InvariantCulture);
                    writer.WriteLine("id,plan,points,name_length");
                    foreach (var c in customers)
                    {
                        writer.WriteLine($"{c.Id},{Csv.Escape(c.Plan)},{c.LoyaltyPoints},{c.FullName.Length}");
                    }
                    await drop.UploadAsync("loyalty.csv", writer.ToString(), ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Csv_filled_through_an_own_StringBuilder_extension_is_reported_at_the_uploaded_text() => Check(H + Drop + """

            static class ContactExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, PartnerDrop drop, CancellationToken ct)
                {
                    var sb = new StringBuilder();
                    foreach (var c in customers)
                    {
                        sb.AppendField(c.Id.ToString()).AppendField(c.Email);
                        sb.AppendLine();
                    }
                    await drop.UploadAsync("contacts.csv", {|#0:sb.ToString()|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Csv_filled_through_an_own_StringBuilder_extension_with_pseudonyms_is_clean() => Check(H + Drop + """

            static class ContactExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, PartnerDrop drop, CancellationToken ct)
                {
                    var sb = new StringBuilder();
                    foreach (var c in customers)
                    {
                        sb.AppendField(c.Id.ToString()).AppendField(c.Email.Pseudonymize("bi"));
                        sb.AppendLine();
                    }
                    await drop.UploadAsync("contacts.csv", sb.ToString(), ct);
                }
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ JSON and XML exports

        private const string Ingest = """

            sealed class IngestClient
            {
                [PartnerShare("ingest")] public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken ct) => Task.CompletedTask;
            }

            sealed record ContactRow(Guid Id, string Value);
            """;

        [Fact]
        public Task Utf8JsonWriter_WriteString_into_a_MemoryStream_is_reported_where_the_bytes_are_sent() => Check(H + Ingest + """

            static class JsonExport
            {
                public static async Task RunAsync(Customer c, IngestClient client, CancellationToken ct)
                {
                    using var buffer = new MemoryStream();
                    using (var json = new Utf8JsonWriter(buffer))
                    {
                        json.WriteStartObject();
                        json.WriteString("id", c.Id);
                        json.WriteString("email", c.Email);
                        json.WriteEndObject();
                    }
                    await client.SendAsync({|#0:buffer.ToArray()|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Utf8JsonWriter_WriteString_of_a_pseudonym_into_a_MemoryStream_is_clean() => Check(H + Ingest + """

            static class JsonExport
            {
                public static async Task RunAsync(Customer c, IngestClient client, CancellationToken ct)
                {
                    using var buffer = new MemoryStream();
                    using (var json = new Utf8JsonWriter(buffer))
                    {
                        json.WriteStartObject();
                        json.WriteString("id", c.Id);
                        json.WriteString("email", Privacy.Pseudonymize(c.Email));
                        json.WriteEndObject();
                    }
                    await client.SendAsync(buffer.ToArray(), ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Utf8JsonWriter_over_an_ArrayBufferWriter_is_reported_at_the_written_memory() => Check(H + Ingest + """

            static class JsonExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, IngestClient client, CancellationToken ct)
                {
                    var output = new ArrayBufferWriter<byte>();
                    await using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false }))
                    {
                        json.WriteStartArray();
                        foreach (var c in customers)
                        {
                            json.WriteStartObject();
                            json.WriteString("name", c.FullName);
                            json.WriteNumber("points", c.LoyaltyPoints);
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                    }
                    await client.SendAsync({|#0:output.WrittenMemory|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Utf8JsonWriter_over_an_ArrayBufferWriter_of_plans_and_points_is_clean() => Check(H + Ingest + """

            static class JsonExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, IngestClient client, CancellationToken ct)
                {
                    var output = new ArrayBufferWriter<byte>();
                    await using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false }))
                    {
                        json.WriteStartArray();
                        foreach (var c in customers)
                        {
                            json.WriteStartObject();
                            json.WriteString("plan", c.Plan);
                            json.WriteNumber("points", c.LoyaltyPoints);
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                    }
                    await client.SendAsync(output.WrittenMemory, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task SerializeToUtf8Bytes_of_a_list_of_rows_holding_names_is_reported() => Check(H + Ingest + """

            static class JsonExport
            {
                public static Task RunAsync(IReadOnlyList<Customer> customers, IngestClient client, CancellationToken ct)
                {
                    var rows = customers.Select(c => new ContactRow(c.Id, c.FullName)).ToList();
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(rows, new JsonSerializerOptions(JsonSerializerDefaults.Web));
                    return client.SendAsync({|#0:bytes|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task SerializeToUtf8Bytes_of_a_list_of_rows_holding_countries_is_clean() => Check(H + Ingest + """

            static class JsonExport
            {
                public static Task RunAsync(IReadOnlyList<Customer> customers, IngestClient client, CancellationToken ct)
                {
                    var rows = customers.Select(c => new ContactRow(c.Id, c.Country)).ToList();
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(rows, new JsonSerializerOptions(JsonSerializerDefaults.Web));
                    return client.SendAsync(bytes, ct);
                }
            }
            """, withPrelude: false);

        private const string Insurer = """

            sealed class XmlPartner
            {
                [PartnerShare("insurer")] public void Submit(string xml) { }
            }
            """;

        [Fact]
        public Task Xml_export_built_with_XElement_from_a_projection_is_reported_at_the_document_text() => Check(H + Insurer + """

            static class XmlExport
            {
                public static void Run(IReadOnlyList<Customer> customers, XmlPartner partner)
                {
                    var doc = new XElement("customers",
                        new XAttribute("generated", DateTime.UtcNow.ToString("O")),
                        customers.Select(c => new XElement("customer",
                            new XAttribute("id", c.Id),
                            new XElement("name", c.FullName),
                            new XElement("plan", c.Plan))));
                    partner.Submit({|#0:doc.ToString(SaveOptions.DisableFormatting)|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Xml_export_built_with_XElement_of_ids_plans_and_points_is_clean() => Check(H + Insurer + """

            static class XmlExport
            {
                public static void Run(IReadOnlyList<Customer> customers, XmlPartner partner)
                {
                    var doc = new XElement("customers",
                        new XAttribute("generated", DateTime.UtcNow.ToString("O")),
                        customers.Select(c => new XElement("customer",
                            new XAttribute("id", c.Id),
                            new XElement("points", c.LoyaltyPoints),
                            new XElement("plan", c.Plan))));
                    partner.Submit(doc.ToString(SaveOptions.DisableFormatting));
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task XmlWriter_over_a_StringWriter_is_reported_at_the_written_text() => Check(H + Insurer + """

            static class XmlExport
            {
                public static void Run(Customer c, XmlPartner partner)
                {
                    using var text = new StringWriter(CultureInfo.InvariantCulture);
                    using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
                    {
                        xml.WriteStartElement("policyholder");
                        xml.WriteElementString("msisdn", c.Phone);
                        xml.WriteElementString("plan", c.Plan);
                        xml.WriteEndElement();
                    }
                    partner.Submit({|#0:text.ToString()|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task XmlWriter_over_a_StringWriter_with_a_pseudonymized_number_is_clean() => Check(H + Insurer + """

            static class XmlExport
            {
                public static void Run(Customer c, XmlPartner partner)
                {
                    using var text = new StringWriter(CultureInfo.InvariantCulture);
                    using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
                    {
                        xml.WriteStartElement("policyholder");
                        xml.WriteElementString("msisdn", c.Phone.Pseudonymize("insurer"));
                        xml.WriteElementString("plan", c.Plan);
                        xml.WriteEndElement();
                    }
                    partner.Submit(text.ToString());
                }
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ message bus

        private const string Bus = """

            sealed record CustomerChanged(Guid CustomerId, string Plan, string Contact);

            sealed record Envelope<T>(string Topic, T Body, DateTimeOffset SentAt, IReadOnlyDictionary<string, string> Headers);

            static class Envelopes
            {
                public static Envelope<T> Wrap<T>(string topic, T body)
                    => new(topic, body, DateTimeOffset.UtcNow, new Dictionary<string, string> { ["schema"] = "v2" });
            }

            interface IEventBus
            {
                [PartnerShare("partner-bus")] Task PublishAsync<T>(Envelope<T> envelope, CancellationToken ct = default);
            }

            sealed class Message<TKey, TValue>
            {
                public TKey Key { get; set; } = default!;
                public TValue Value { get; set; } = default!;
            }

            interface IProducer<TKey, TValue> : IDisposable
            {
                [PartnerShare("events")] Task ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken ct = default);
            }

            sealed class Producer<TKey, TValue> : IProducer<TKey, TValue>
            {
                public Task ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken ct = default) => Task.CompletedTask;
                public void Dispose() { }
            }
            """;

        [Fact]
        public Task Envelope_record_wrapped_by_a_generic_helper_is_reported_at_the_outermost_argument() => Check(H + Bus + """

            sealed class CustomerEvents
            {
                private readonly IEventBus _bus;
                public CustomerEvents(IEventBus bus) => _bus = bus;

                public Task OnChangedAsync(Customer c, CancellationToken ct)
                    => _bus.PublishAsync({|#0:Envelopes.Wrap("customer.changed", new CustomerChanged(c.Id, c.Plan, c.Email))|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Envelope_record_wrapped_by_a_generic_helper_with_a_pseudonymized_contact_is_clean() => Check(H + Bus + """

            sealed class CustomerEvents
            {
                private readonly IEventBus _bus;
                public CustomerEvents(IEventBus bus) => _bus = bus;

                public Task OnChangedAsync(Customer c, CancellationToken ct)
                    => _bus.PublishAsync(Envelopes.Wrap("customer.changed", new CustomerChanged(c.Id, c.Plan, c.Email.Pseudonymize("bus"))), ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Producer_message_keyed_by_the_phone_is_reported_at_the_message() => Check(H + Bus + """

            static class UsageEvents
            {
                public static async Task PublishAsync(Customer c, CancellationToken ct)
                {
                    using IProducer<string, string> producer = new Producer<string, string>();
                    await producer.ProduceAsync("usage", {|#0:new Message<string, string> { Key = c.Phone, Value = JsonSerializer.Serialize(new { c.Plan, c.LoyaltyPoints }) }|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Producer_message_keyed_by_the_customer_guid_is_clean() => Check(H + Bus + """

            static class UsageEvents
            {
                public static async Task PublishAsync(Customer c, CancellationToken ct)
                {
                    using IProducer<string, string> producer = new Producer<string, string>();
                    await producer.ProduceAsync("usage", new Message<string, string> { Key = c.Id.ToString(), Value = JsonSerializer.Serialize(new { c.Plan, c.LoyaltyPoints }) }, ct);
                }
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ SFTP streams

        private const string Sftp = """

            sealed class SftpSession : IAsyncDisposable
            {
                [PartnerShare("sftp")] public Task UploadAsync(Stream content, string remotePath, CancellationToken ct) => Task.CompletedTask;
                public ValueTask DisposeAsync() => ValueTask.CompletedTask;
            }

            static class SftpConnector
            {
                public static Task<SftpSession> OpenAsync(string host, CancellationToken ct) => Task.FromResult(new SftpSession());
            }
            """;

        [Fact]
        public Task MemoryStream_written_by_a_StreamWriter_is_reported_at_the_uploaded_stream() => Check(H + Sftp + """

            static class SftpExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
                {
                    await using var session = await SftpConnector.OpenAsync("sftp.partner.example", ct);
                    using var ms = new MemoryStream();
                    await using (var w = new StreamWriter(ms, Encoding.UTF8, leaveOpen: true))
                    {
                        foreach (var c in customers)
                        {
                            await w.WriteLineAsync($"{c.Id};{c.Email}");
                        }
                    }
                    ms.Position = 0;
                    await session.UploadAsync({|#0:ms|}, "/in/emails.csv", ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task MemoryStream_written_by_a_StreamWriter_with_ids_and_plans_is_clean() => Check(H + Sftp + """

            static class SftpExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
                {
                    await using var session = await SftpConnector.OpenAsync("sftp.partner.example", ct);
                    using var ms = new MemoryStream();
                    await using (var w = new StreamWriter(ms, Encoding.UTF8, leaveOpen: true))
                    {
                        foreach (var c in customers)
                        {
                            await w.WriteLineAsync($"{c.Id};{c.Plan}");
                        }
                    }
                    ms.Position = 0;
                    await session.UploadAsync(ms, "/in/plans.csv", ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Stream_filled_by_JsonSerializer_SerializeAsync_is_reported_at_the_upload() => Check(H + Sftp + """

            static class SftpExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
                {
                    await using var session = await SftpConnector.OpenAsync("sftp.partner.example", ct);
                    using var stream = new MemoryStream();
                    await JsonSerializer.SerializeAsync(stream, customers.Select(c => new { c.Id, c.Phone }).ToList(), cancellationToken: ct);
                    stream.Position = 0;
                    await session.UploadAsync({|#0:stream|}, "/in/customers.json", ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Stream_filled_by_JsonSerializer_SerializeAsync_with_ids_and_plans_is_clean() => Check(H + Sftp + """

            static class SftpExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
                {
                    await using var session = await SftpConnector.OpenAsync("sftp.partner.example", ct);
                    using var stream = new MemoryStream();
                    await JsonSerializer.SerializeAsync(stream, customers.Select(c => new { c.Id, c.Plan }).ToList(), cancellationToken: ct);
                    stream.Position = 0;
                    await session.UploadAsync(stream, "/in/customers.json", ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Remote_path_built_from_the_email_in_an_await_using_session_is_reported() => Check(H + Sftp + """

            static class StatementDrop
            {
                public static async Task RunAsync(Customer c, string statement, CancellationToken ct)
                {
                    await using var session = await SftpConnector.OpenAsync("sftp.partner.example", ct);
                    using var content = new MemoryStream(Encoding.UTF8.GetBytes(statement));
                    await session.UploadAsync(content, {|#0:$"/inbox/{c.Email}/statement.txt"|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Remote_path_built_from_the_customer_guid_in_an_await_using_session_is_clean() => Check(H + Sftp + """

            static class StatementDrop
            {
                public static async Task RunAsync(Customer c, string statement, CancellationToken ct)
                {
                    await using var session = await SftpConnector.OpenAsync("sftp.partner.example", ct);
                    using var content = new MemoryStream(Encoding.UTF8.GetBytes(statement));
                    await session.UploadAsync(content, $"/inbox/{c.Id:N}/statement.txt", ct);
                }
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ e-mail notifications

        private const string Mail = """

            sealed class MailRelay
            {
                [PartnerShare("mail-provider")] public Task SendAsync(MailMessage message, CancellationToken ct) => Task.CompletedTask;
            }

            interface INotifier
            {
                [PartnerShare("mailer")] Task NotifyAsync(string to, string subject, string body);
            }

            sealed class WelcomeMail
            {
                private readonly Customer _customer;
                public WelcomeMail(Customer customer) => _customer = customer;
                public override string ToString() => $"Dear {_customer.FullName}, welcome to the {_customer.Plan} plan.";
            }

            sealed class PlanMail
            {
                private readonly Customer _customer;
                public PlanMail(Customer customer) => _customer = customer;
                public override string ToString() => $"Welcome to the {_customer.Plan} plan; you have {_customer.LoyaltyPoints} points.";
            }
            """;

        [Fact]
        public Task MailMessage_addressed_to_the_customer_is_reported_at_the_message() => Check(H + Mail + """

            static class Welcome
            {
                public static async Task SendAsync(MailRelay relay, Customer c, CancellationToken ct)
                {
                    using var msg = new MailMessage("noreply@shop.example", c.Email)
                    {
                        Subject = "Welcome",
                        Body = "Thanks for joining.",
                    };
                    await relay.SendAsync({|#0:msg|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task MailMessage_to_the_operations_mailbox_with_counts_and_plans_is_clean() => Check(H + Mail + """

            static class ExportReport
            {
                public static async Task SendAsync(MailRelay relay, IReadOnlyList<Customer> customers, CancellationToken ct)
                {
                    using var msg = new MailMessage("noreply@shop.example", "ops@shop.example")
                    {
                        Subject = "Export finished",
                        Body = $"{customers.Count} rows; plans: {string.Join(", ", customers.Select(c => c.Plan).Distinct())}",
                    };
                    await relay.SendAsync(msg, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Notifier_to_and_subject_built_from_identity_are_reported_each() => Check(H + Mail + """

            static class Statements
            {
                public static Task SendAsync(INotifier notifier, Customer c)
                    => notifier.NotifyAsync({|#0:c.Email|}, {|#1:$"Your statement, {c.FullName.Split(' ')[0]}"|}, "See attached.");
            }
            """, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task Notifier_given_a_token_address_and_a_points_body_is_clean() => Check(H + Mail + """

            static class Statements
            {
                public static Task SendAsync(INotifier notifier, Customer c)
                    => notifier.NotifyAsync(c.Email.Pseudonymize("mailer"), "Your statement", $"You have {c.LoyaltyPoints} points.");
            }
            """, withPrelude: false);

        [Fact]
        public Task Mail_body_interpolating_a_template_whose_ToString_reads_the_name_is_reported() => Check(H + Mail + """

            static class Welcome
            {
                public static Task SendAsync(INotifier notifier, Customer c)
                    => notifier.NotifyAsync("crm-team@shop.example", "New member", {|#0:$"{new WelcomeMail(c)}\n-- Shop"|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Mail_body_interpolating_a_template_whose_ToString_reads_plan_and_points_is_clean() => Check(H + Mail + """

            static class Welcome
            {
                public static Task SendAsync(INotifier notifier, Customer c)
                    => notifier.NotifyAsync("crm-team@shop.example", "New member", $"{new PlanMail(c)}\n-- Shop");
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ batch exports, paging, retries

        private const string Batches = """

            sealed record ExportRow(Guid Id, string Contact);

            sealed class AudiencePartner
            {
                [PartnerShare("ads")] public Task UploadPageAsync(IReadOnlyList<ExportRow> rows, int page, CancellationToken ct) => Task.CompletedTask;
                [PartnerShare("ads")] public Task UploadNumbersAsync(string[] numbers, CancellationToken ct) => Task.CompletedTask;
            }

            sealed class CustomerRepository
            {
                private readonly List<Customer> _all = new();
                public void Add(Customer c) => _all.Add(c);

                public async IAsyncEnumerable<IReadOnlyList<Customer>> PagesAsync(int size, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    for (var i = 0; i < _all.Count; i += size)
                    {
                        await Task.Delay(1, ct);
                        yield return _all.GetRange(i, Math.Min(size, _all.Count - i));
                    }
                }
            }

            sealed class RetryPolicy
            {
                private readonly int _attempts;
                public RetryPolicy(int attempts) => _attempts = attempts;

                public async Task<T> ExecuteAsync<T>(Func<Task<T>> action)
                {
                    for (var i = 1; ; i++)
                    {
                        try { return await action(); }
                        catch (HttpRequestException) when (i < _attempts) { await Task.Delay(100 * i); }
                    }
                }
            }

            sealed class WebhookRelay
            {
                [PartnerShare("hooks")] public Task<int> DeliverAsync(string body) => Task.FromResult(200);
            }
            """;

        [Fact]
        public Task Paged_export_with_Skip_and_Take_is_reported_at_the_page() => Check(H + Batches + """

            static class PagedExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, AudiencePartner partner, CancellationToken ct)
                {
                    for (var page = 0; ; page++)
                    {
                        ct.ThrowIfCancellationRequested();
                        var rows = customers.OrderBy(c => c.CreatedAt).Skip(page * 500).Take(500).Select(c => new ExportRow(c.Id, c.Email)).ToList();
                        if (rows.Count == 0) break;
                        await partner.UploadPageAsync({|#0:rows|}, page, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Paged_export_with_Skip_and_Take_of_pseudonymized_rows_is_clean() => Check(H + Batches + """

            static class PagedExport
            {
                public static async Task RunAsync(IReadOnlyList<Customer> customers, AudiencePartner partner, CancellationToken ct)
                {
                    for (var page = 0; ; page++)
                    {
                        ct.ThrowIfCancellationRequested();
                        var rows = customers.OrderBy(c => c.CreatedAt).Skip(page * 500).Take(500).Select(c => new ExportRow(c.Id, Privacy.Pseudonymize(c.Email))).ToList();
                        if (rows.Count == 0) break;
                        await partner.UploadPageAsync(rows, page, ct);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Chunked_numbers_export_is_reported_at_the_chunk() => Check(H + Batches + """

            static class ChunkedExport
            {
                public static async Task RunAsync(IEnumerable<Customer> customers, AudiencePartner partner, CancellationToken ct)
                {
                    foreach (var chunk in customers.Where(c => !c.IsVip).Select(c => c.Phone).Chunk(1000))
                    {
                        await partner.UploadNumbersAsync({|#0:chunk|}, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Chunked_export_of_minimized_numbers_is_clean() => Check(H + Batches + """

            static class ChunkedExport
            {
                public static async Task RunAsync(IEnumerable<Customer> customers, AudiencePartner partner, CancellationToken ct)
                {
                    foreach (var chunk in customers.Where(c => !c.IsVip).Select(c => c.Phone.Pseudonymize("ads")).Chunk(1000))
                    {
                        await partner.UploadNumbersAsync(chunk, ct);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Pages_of_an_own_async_iterator_projected_to_names_are_reported_at_the_projection() => Check(H + Batches + """

            static class RepositoryExport
            {
                public static async Task RunAsync(CustomerRepository repository, AudiencePartner partner, CancellationToken ct)
                {
                    var pageNo = 0;
                    await foreach (var page in repository.PagesAsync(250, ct).WithCancellation(ct))
                    {
                        await partner.UploadPageAsync({|#0:page.Select(c => new ExportRow(c.Id, c.FullName)).ToList()|}, pageNo++, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Pages_of_an_own_async_iterator_projected_to_countries_are_clean() => Check(H + Batches + """

            static class RepositoryExport
            {
                public static async Task RunAsync(CustomerRepository repository, AudiencePartner partner, CancellationToken ct)
                {
                    var pageNo = 0;
                    await foreach (var page in repository.PagesAsync(250, ct).WithCancellation(ct))
                    {
                        await partner.UploadPageAsync(page.Select(c => new ExportRow(c.Id, c.Country)).ToList(), pageNo++, ct);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Retry_policy_instance_running_a_delivery_lambda_is_reported_inside_the_lambda() => Check(H + Batches + """

            sealed class ChurnNotifier
            {
                private readonly RetryPolicy _policy = new(3);
                private readonly WebhookRelay _relay;
                public ChurnNotifier(WebhookRelay relay) => _relay = relay;

                public async Task<bool> NotifyAsync(Customer c)
                {
                    var status = await _policy.ExecuteAsync(() => _relay.DeliverAsync({|#0:"phone=" + c.Phone + "&plan=" + c.Plan|}));
                    return status == 200;
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Retry_policy_instance_running_a_delivery_lambda_with_the_guid_is_clean() => Check(H + Batches + """

            sealed class ChurnNotifier
            {
                private readonly RetryPolicy _policy = new(3);
                private readonly WebhookRelay _relay;
                public ChurnNotifier(WebhookRelay relay) => _relay = relay;

                public async Task<bool> NotifyAsync(Customer c)
                {
                    var status = await _policy.ExecuteAsync(() => _relay.DeliverAsync("customer=" + c.Id + "&plan=" + c.Plan));
                    return status == 200;
                }
            }
            """, withPrelude: false);

        // =====================================================================================================
        // 2. Minimization in real shapes
        // =====================================================================================================

        private const string Generated = """

            static partial class ContactMinimizers
            {
                [Minimizer]
                [GeneratedCode("Minimization.Generator", "1.0.0")]
                public static partial string MinimizeEmail(string email);

                [GeneratedCode("Minimization.Generator", "1.0.0")]
                public static partial string NormalizeEmail(string email);

                [GeneratedCode("Minimization.Generator", "1.0.0")]
                public static partial string MinimizePhone(string phone);
            }

            static partial class ContactMinimizers
            {
                public static partial string MinimizeEmail(string email)
                    => "e-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("k1:" + email)))[..12];

                public static partial string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

                [Minimizer]
                public static partial string MinimizePhone(string phone) => phone.Length > 4 ? "****" + phone[^4..] : "****";
            }
            """;

        [Fact]
        public Task Generated_partial_minimizer_marked_on_its_defining_part_is_clean() => Check(H + Generated + """

            static class Share
            {
                public static void Run(Customer c) => Partner.Send(ContactMinimizers.MinimizeEmail(c.Email));
            }
            """, withPrelude: false);

        [Fact]
        public Task Generated_partial_minimizer_marked_on_its_implementing_part_is_clean() => Check(H + Generated + """

            static class Share
            {
                public static void Run(Customer c) => Partner.Send(ContactMinimizers.MinimizePhone(c.Phone));
            }
            """, withPrelude: false);

        [Fact]
        public Task Generated_partial_normalizer_that_is_not_a_minimizer_is_reported() => Check(H + Generated + """

            static class Share
            {
                public static void Run(Customer c) => Partner.Send({|#0:ContactMinimizers.NormalizeEmail(c.Email)|});
            }
            """, withPrelude: false, Min001(0));

        private const string Extensions = """

            static class Normalization
            {
                public static string NormalizeEmail(this string email) => email.Trim().ToLowerInvariant();
            }
            """;

        [Fact]
        public Task Minimizer_extension_at_the_end_of_a_normalizing_chain_is_clean() => Check(H + Extensions + """

            static class Share
            {
                public static void Run(Customer c) => Partner.Send(c.Email.NormalizeEmail().Pseudonymize("UK"));
            }
            """, withPrelude: false);

        [Fact]
        public Task Non_minimizer_extension_normalizing_the_email_is_reported() => Check(H + Extensions + """

            static class Share
            {
                public static void Run(Customer c) => Partner.Send({|#0:c.Email.NormalizeEmail()|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Minimizer_extension_result_joined_with_the_raw_phone_is_reported() => Check(H + Extensions + """

            static class Share
            {
                public static void Run(Customer c)
                {
                    var key = c.Email.Pseudonymize("UK");
                    Partner.Send({|#0:key + "|" + c.Phone|});
                }
            }
            """, withPrelude: false, Min001(0));

        private const string Mapping = """

            sealed record PartnerContact(string Token, string Country, string AgeBand);

            static class ContactMapper
            {
                [Minimizer]
                public static PartnerContact Minimize(Customer c) => new(Privacy.Pseudonymize(c.Email), c.Country, Privacy.AgeBand(c.BirthDate));

                public static PartnerContact Map(Customer c) => new(c.Email, c.Country, c.BirthDate.ToString("yyyy", CultureInfo.InvariantCulture));
            }

            static class Segmenter
            {
                [Minimizer]
                public static (string Region, string AgeBand) Segment(Customer c) => (c.Phone[..3], Privacy.AgeBand(c.BirthDate));

                public static (string Prefix, int Age) Profile(Customer c) => (c.Phone[..3], DateTime.Today.Year - c.BirthDate.Year);
            }
            """;

        [Fact]
        public Task Record_returned_by_a_minimizer_and_its_token_are_clean() => Check(H + Mapping + """

            static class Share
            {
                public static void Run(Customer c)
                {
                    var contact = ContactMapper.Minimize(c);
                    Partner.Send(contact);
                    Partner.Send(contact.Token);
                    Partner.Send($"{contact.Token}:{contact.AgeBand}");
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Token_of_the_record_returned_by_a_plain_mapper_is_reported() => Check(H + Mapping + """

            static class Share
            {
                public static void Run(Customer c)
                {
                    var contact = ContactMapper.Map(c);
                    Partner.Send({|#0:contact.Token|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Minimizer_record_with_the_raw_email_put_back_by_with_is_reported() => Check(H + Mapping + """

            static class Share
            {
                public static void Run(Customer c, bool support)
                {
                    var contact = ContactMapper.Minimize(c);
                    if (support) contact = contact with { Token = c.Email };
                    Partner.Send({|#0:contact|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Tuple_returned_by_a_minimizer_deconstructed_and_formatted_is_clean() => Check(H + Mapping + """

            static class Share
            {
                public static void Run(Customer c)
                {
                    var (region, band) = Segmenter.Segment(c);
                    Partner.Send($"{region}/{band}");
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Age_element_of_a_tuple_from_a_plain_profiler_is_reported() => Check(H + Mapping + """

            static class Share
            {
                public static void Run(Customer c)
                {
                    var (_, age) = Segmenter.Profile(c);
                    Partner.Send({|#0:age|});
                }
            }
            """, withPrelude: false, Min001(0));

        // ------------------------------------------------------------------ minimizers and LINQ

        private const string Audience = """

            sealed class AudienceClient
            {
                [PartnerShare("ads")] public Task UploadAsync(IReadOnlyCollection<string> members, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        [Fact]
        public Task Minimizer_inside_a_LINQ_Select_before_the_list_is_sent_is_clean() => Check(H + Audience + """

            static class AudienceSync
            {
                public static Task RunAsync(IEnumerable<Customer> customers, AudienceClient client, CancellationToken ct)
                {
                    var audience = customers.Where(c => c.IsVip).Select(c => c.Email.Pseudonymize("ads")).Distinct().ToList();
                    return client.UploadAsync(audience, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Minimizer_applied_only_to_the_non_vip_elements_is_reported() => Check(H + Audience + """

            static class AudienceSync
            {
                public static Task RunAsync(IEnumerable<Customer> customers, AudienceClient client, CancellationToken ct)
                {
                    var audience = customers.Select(c => c.IsVip ? c.Email : c.Email.Pseudonymize("ads")).ToList();
                    return client.UploadAsync({|#0:audience|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Minimized_list_with_the_owners_raw_email_added_is_reported() => Check(H + Audience + """

            static class AudienceSync
            {
                public static Task RunAsync(IEnumerable<Customer> customers, Customer owner, AudienceClient client, CancellationToken ct)
                {
                    var audience = customers.Select(c => c.Email.Pseudonymize("ads")).ToList();
                    audience.Add(owner.Email);
                    return client.UploadAsync({|#0:audience|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Minimized_list_with_the_owners_pseudonym_added_is_clean() => Check(H + Audience + """

            static class AudienceSync
            {
                public static Task RunAsync(IEnumerable<Customer> customers, Customer owner, AudienceClient client, CancellationToken ct)
                {
                    var audience = customers.Select(c => c.Email.Pseudonymize("ads")).ToList();
                    audience.Add(owner.Email.Pseudonymize("ads"));
                    return client.UploadAsync(audience, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Minimized_first_page_concatenated_with_a_raw_remainder_is_reported() => Check(H + Audience + """

            static class AudienceSync
            {
                public static Task RunAsync(IReadOnlyList<Customer> customers, AudienceClient client, CancellationToken ct)
                {
                    var members = customers.Take(100).Select(c => Privacy.Pseudonymize(c.Email))
                        .Concat(customers.Skip(100).Select(c => c.Email))
                        .ToArray();
                    return client.UploadAsync({|#0:members|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        // ------------------------------------------------------------------ minimizers behind interfaces, hashes

        private const string Hashers = """

            interface IMinimizer
            {
                [Minimizer] string Minimize(string value);
            }

            sealed class HmacMinimizer : IMinimizer
            {
                private readonly byte[] _key;
                public HmacMinimizer(byte[] key) => _key = key;
                public string Minimize(string value) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));
            }

            interface IHasher
            {
                string Hash(string value);
            }

            sealed class KeyedHasher : IHasher
            {
                private readonly byte[] _key;
                public KeyedHasher(byte[] key) => _key = key;
                [Minimizer] public string Hash(string value) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));
            }

            interface INormalizer
            {
                string Normalize(string value);
            }

            sealed class PhoneNormalizer : INormalizer
            {
                public string Normalize(string value) => new string(value.Where(char.IsDigit).ToArray());
            }

            static class Hashing
            {
                public static string Sha256Hex(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

                [Minimizer]
                public static string Tag(byte[] key, string value)
                {
                    using var hmac = new HMACSHA256(key);
                    return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(value)));
                }
            }
            """;

        [Fact]
        public Task Minimizer_declared_on_the_interface_member_called_through_the_interface_is_clean() => Check(H + Hashers + """

            sealed class Exporter
            {
                private readonly IMinimizer _minimizer;
                public Exporter(IMinimizer minimizer) => _minimizer = minimizer;
                public void Run(Customer c) => Partner.Send(_minimizer.Minimize(c.Phone));
            }
            """, withPrelude: false);

        [Fact]
        public Task Minimizer_declared_on_the_implementation_called_on_the_concrete_type_is_clean() => Check(H + Hashers + """

            static class Exporter
            {
                public static void Run(Customer c, byte[] key)
                {
                    var hasher = new KeyedHasher(key);
                    Partner.Send(hasher.Hash(c.Phone));
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Unmarked_normalizer_interface_passes_the_phone_through_and_is_reported() => Check(H + Hashers + """

            sealed class Exporter
            {
                private readonly INormalizer _normalizer;
                public Exporter(INormalizer normalizer) => _normalizer = normalizer;
                public void Run(Customer c) => Partner.Send({|#0:_normalizer.Normalize(c.Phone)|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Keyed_HMAC_wrapped_in_a_minimizer_is_clean() => Check(H + Hashers + """

            static class Exporter
            {
                public static void Run(Customer c, byte[] key) => Partner.Send(Hashing.Tag(key, c.Phone));
            }
            """, withPrelude: false);

        [Fact]
        public Task Keyed_HMAC_computed_inline_without_a_minimizer_is_reported() => Check(H + Hashers + """

            static class Exporter
            {
                public static void Run(Customer c, byte[] key)
                {
                    using var hmac = new HMACSHA256(key);
                    var tag = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(c.Phone)));
                    Partner.Send({|#0:tag|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Unkeyed_SHA256_of_the_phone_through_an_own_helper_is_reported_at_the_helper_call() => Check(H + Hashers + """

            static class Exporter
            {
                public static void Run(Customer c) => Partner.Send({|#0:Hashing.Sha256Hex(c.Phone)|});
            }
            """, withPrelude: false, Min001(0));

        // =====================================================================================================
        // 3. Time and numbers
        // =====================================================================================================

        private const string Insurance = """

            interface IInsurerClient
            {
                [PartnerShare("insurer")] Task QuoteAsync(Guid customerId, DateTime birthDate, string plan, CancellationToken ct);
                [PartnerShare("insurer")] Task RateAsync(Guid customerId, int age, CancellationToken ct);
                [PartnerShare("insurer")] Task EligibleAsync(Guid customerId, bool adult, CancellationToken ct);
                [PartnerShare("insurer")] Task BandAsync(Guid customerId, string ageBand, CancellationToken ct);
                [PartnerShare("insurer")] Task SubmitDobAsync(Guid customerId, string dob, CancellationToken ct);
            }

            static class Ages
            {
                public static int AgeInYears(DateTime dob, DateTime asOf) => (int)((asOf - dob).TotalDays / 365.25);
                public static bool IsAdult(DateTime dob, DateTime asOf) => dob.AddYears(18) <= asOf;
            }
            """;

        [Fact]
        public Task Raw_date_of_birth_sent_for_a_quote_is_reported() => Check(H + Insurance + """

            static class Quotes
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                    => insurer.QuoteAsync(c.Id, {|#0:c.BirthDate|}, c.Plan, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Date_of_birth_truncated_to_the_month_by_a_minimizer_is_clean() => Check(H + Insurance + """

            static class Quotes
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                    => insurer.QuoteAsync(c.Id, Privacy.ToMonth(c.BirthDate), c.Plan, ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Date_of_birth_truncated_to_the_month_inline_is_reported() => Check(H + Insurance + """

            static class Quotes
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                {
                    var month = new DateTime(c.BirthDate.Year, c.BirthDate.Month, 1);
                    return insurer.QuoteAsync(c.Id, {|#0:month|}, c.Plan, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Age_computed_from_the_birth_date_is_reported() => Check(H + Insurance + """

            static class Rating
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                {
                    var today = DateTime.Today;
                    var age = today.Year - c.BirthDate.Year;
                    if (c.BirthDate.Date > today.AddYears(-age)) age--;
                    return insurer.RateAsync(c.Id, {|#0:age|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Adult_flag_compared_from_the_birth_date_is_clean() => Check(H + Insurance + """

            static class Rating
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                {
                    var isAdult = c.BirthDate.AddYears(18) <= DateTime.Today;
                    return insurer.EligibleAsync(c.Id, isAdult, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Age_band_from_a_minimizer_is_clean() => Check(H + Insurance + """

            static class Rating
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                    => insurer.BandAsync(c.Id, Privacy.AgeBand(c.BirthDate), ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Age_from_an_own_helper_over_a_TimeSpan_is_reported_at_the_helper_call() => Check(H + Insurance + """

            static class Rating
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                    => insurer.RateAsync(c.Id, {|#0:Ages.AgeInYears(c.BirthDate, DateTime.Today)|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Birth_year_from_a_minimizer_sent_as_an_age_basis_is_clean() => Check(H + Insurance + """

            static class Rating
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                    => insurer.RateAsync(c.Id, DateTime.Today.Year - Privacy.BirthYear(c.BirthDate), ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Birth_date_formatted_as_year_and_month_is_reported() => Check(H + Insurance + """

            static class Quotes
            {
                public static Task RunAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                    => insurer.SubmitDobAsync(c.Id, {|#0:c.BirthDate.ToString("yyyy-MM", CultureInfo.InvariantCulture)|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Annotated_DateOnly_parameter_is_reported_inside_the_callee_only() => Check(H + Insurance + """

            static class BirthShare
            {
                public static Task ShareAsync(IInsurerClient insurer, Guid id, [IdentityBearing(IdentityCategory.DateOfBirth)] DateOnly dob, CancellationToken ct)
                    => insurer.SubmitDobAsync(id, {|#0:dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)|}, ct);

                public static Task OnQuoteAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                    => ShareAsync(insurer, c.Id, DateOnly.FromDateTime(c.BirthDate), ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Annotated_DateOnly_parameter_sent_only_as_a_minimized_year_is_clean() => Check(H + Insurance + """

            static class BirthShare
            {
                public static Task ShareAsync(IInsurerClient insurer, Guid id, [IdentityBearing(IdentityCategory.DateOfBirth)] DateOnly dob, CancellationToken ct)
                    => insurer.SubmitDobAsync(id, Privacy.BirthYear(dob.ToDateTime(TimeOnly.MinValue)).ToString(CultureInfo.InvariantCulture), ct);

                public static Task OnQuoteAsync(IInsurerClient insurer, Customer c, CancellationToken ct)
                    => ShareAsync(insurer, c.Id, DateOnly.FromDateTime(c.BirthDate), ct);
            }
            """, withPrelude: false);

        private const string Footfall = """

            sealed class StoreVisit
            {
                public Guid StoreId { get; init; }
                [IdentityBearing(IdentityCategory.Timestamp)] public DateTimeOffset SeenAt { get; init; }
                public DateTimeOffset ImportedAt { get; init; }
            }

            static class TimeMinimizers
            {
                [Minimizer] public static DateTimeOffset ToHour(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, t.Offset);
            }

            interface IFootfallPartner
            {
                [PartnerShare("footfall")] Task CountAsync(Guid storeId, long unixSeconds, CancellationToken ct);
            }
            """;

        [Fact]
        public Task Visit_timestamp_as_unix_seconds_is_reported() => Check(H + Footfall + """

            static class Footfall
            {
                public static async Task RunAsync(IFootfallPartner partner, IEnumerable<StoreVisit> visits, CancellationToken ct)
                {
                    foreach (var v in visits)
                    {
                        await partner.CountAsync(v.StoreId, {|#0:v.SeenAt.ToUnixTimeSeconds()|}, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Visit_timestamp_truncated_to_the_hour_by_a_minimizer_and_the_import_time_are_clean() => Check(H + Footfall + """

            static class Footfall
            {
                public static async Task RunAsync(IFootfallPartner partner, IEnumerable<StoreVisit> visits, CancellationToken ct)
                {
                    foreach (var v in visits)
                    {
                        await partner.CountAsync(v.StoreId, TimeMinimizers.ToHour(v.SeenAt).ToUnixTimeSeconds(), ct);
                        await partner.CountAsync(v.StoreId, v.ImportedAt.ToUnixTimeSeconds(), ct);
                    }
                }
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ coordinates

        private const string Geo = """

            sealed record Store(Guid Id, double Lat, double Lon);

            [IdentityBearing(IdentityCategory.Geo)]
            readonly record struct GeoPoint(double Lat, double Lon);

            static class GeoMath
            {
                public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
                {
                    const double R = 6371.0;
                    var dLat = (lat2 - lat1) * Math.PI / 180;
                    var dLon = (lon2 - lon1) * Math.PI / 180;
                    var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                        + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
                    return 2 * R * Math.Asin(Math.Sqrt(a));
                }

                [Minimizer] public static (double Lat, double Lon) Snap(GeoPoint p) => (Math.Round(p.Lat, 1), Math.Round(p.Lon, 1));
            }

            interface IGeoPartner
            {
                [PartnerShare("geo")] Task SendPositionAsync(double lat, double lon, CancellationToken ct);
                [PartnerShare("geo")] Task SendDistanceAsync(Guid storeId, double km, CancellationToken ct);
                [PartnerShare("geo")] Task SendNearbyAsync(Guid storeId, bool nearby, CancellationToken ct);
                [PartnerShare("geo")] Task SendTextAsync(string position, CancellationToken ct);
            }
            """;

        [Fact]
        public Task Coordinates_rounded_with_Math_Round_are_reported_at_both_arguments() => Check(H + Geo + """

            static class Positions
            {
                public static Task RunAsync(IGeoPartner geo, Customer c, CancellationToken ct)
                    => geo.SendPositionAsync({|#0:Math.Round(c.Latitude, 2)|}, {|#1:Math.Round(c.Longitude, 2)|}, ct);
            }
            """, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task Coordinates_coarsened_by_a_minimizer_are_clean() => Check(H + Geo + """

            static class Positions
            {
                public static Task RunAsync(IGeoPartner geo, Customer c, CancellationToken ct)
                    => geo.SendPositionAsync(Privacy.Coarsen(c.Latitude), Privacy.Coarsen(c.Longitude), ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Distance_to_the_store_computed_from_the_coordinates_is_reported() => Check(H + Geo + """

            static class Proximity
            {
                public static Task RunAsync(IGeoPartner geo, Customer c, Store store, CancellationToken ct)
                {
                    var km = GeoMath.DistanceKm(c.Latitude, c.Longitude, store.Lat, store.Lon);
                    return geo.SendDistanceAsync(store.Id, {|#0:km|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Within_radius_flag_compared_from_the_distance_is_clean() => Check(H + Geo + """

            static class Proximity
            {
                public static Task RunAsync(IGeoPartner geo, Customer c, Store store, CancellationToken ct)
                {
                    var nearby = GeoMath.DistanceKm(c.Latitude, c.Longitude, store.Lat, store.Lon) < 5.0;
                    return geo.SendNearbyAsync(store.Id, nearby, ct);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Members_of_an_identity_bearing_GeoPoint_formatted_are_reported() => Check(H + Geo + """

            static class Positions
            {
                public static Task RunAsync(IGeoPartner geo, GeoPoint p, CancellationToken ct)
                    => geo.SendTextAsync({|#0:$"{p.Lat:F3},{p.Lon:F3}"|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task GeoPoint_snapped_by_a_minimizer_returning_a_tuple_is_clean() => Check(H + Geo + """

            static class Positions
            {
                public static Task RunAsync(IGeoPartner geo, GeoPoint p, CancellationToken ct)
                {
                    var snapped = GeoMath.Snap(p);
                    return geo.SendTextAsync($"{snapped.Lat:F1},{snapped.Lon:F1}", ct);
                }
            }
            """, withPrelude: false);

        // ------------------------------------------------------------------ account numbers

        private const string Billing = """

            sealed class Wallet
            {
                [IdentityBearing(IdentityCategory.AccountId)] public Guid WalletId { get; init; }
                public Guid RequestId { get; init; }
            }

            interface IBillingPartner
            {
                [PartnerShare("billing")] Task ReferenceAsync(string reference, CancellationToken ct);
                [PartnerShare("billing")] Task SuffixAsync(long suffix, CancellationToken ct);
                [PartnerShare("billing")] Task DigitsAsync(int digits, CancellationToken ct);
            }
            """;

        [Fact]
        public Task Account_number_formatted_into_a_reference_is_reported() => Check(H + Billing + """

            static class Billing
            {
                public static Task RunAsync(IBillingPartner billing, Customer c, CancellationToken ct)
                    => billing.ReferenceAsync({|#0:$"ACC-{c.AccountNumber:D10}"|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Account_number_masked_by_a_minimizer_is_clean() => Check(H + Billing + """

            static class Billing
            {
                public static Task RunAsync(IBillingPartner billing, Customer c, CancellationToken ct)
                    => billing.ReferenceAsync($"ACC-{Privacy.MaskAccount(c.AccountNumber)}", ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Last_four_digits_computed_by_modulo_are_reported() => Check(H + Billing + """

            static class Billing
            {
                public static Task RunAsync(IBillingPartner billing, Customer c, CancellationToken ct)
                {
                    var last4 = c.AccountNumber % 10_000;
                    return billing.SuffixAsync({|#0:last4|}, ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Digit_count_of_the_formatted_account_number_is_clean() => Check(H + Billing + """

            static class Billing
            {
                public static Task RunAsync(IBillingPartner billing, Customer c, CancellationToken ct)
                    => billing.DigitsAsync(c.AccountNumber.ToString(CultureInfo.InvariantCulture).Length, ct);
            }
            """, withPrelude: false);

        [Fact]
        public Task Prefix_of_an_annotated_wallet_guid_is_reported() => Check(H + Billing + """

            static class Billing
            {
                public static Task RunAsync(IBillingPartner billing, Wallet w, CancellationToken ct)
                    => billing.ReferenceAsync({|#0:"W-" + w.WalletId.ToString("N")[..8]|}, ct);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Request_guid_of_a_wallet_is_clean() => Check(H + Billing + """

            static class Billing
            {
                public static Task RunAsync(IBillingPartner billing, Wallet w, CancellationToken ct)
                    => billing.ReferenceAsync("R-" + w.RequestId.ToString("N")[..8], ct);
            }
            """, withPrelude: false);
    }
}
