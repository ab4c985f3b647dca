using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out-style probe written from the public contract alone: language corners (primary constructors, records,
    /// tuples, patterns, spans, builders, URIs, LINQ element operators, async plumbing, iterators, generics, extension
    /// methods, named and params arguments, compound assignment, encodings and hashes, exception text) and precision
    /// near-misses (receiver types, overwrites, minimizer results, Readings 10 and 11). Positives and near-miss twins.
    /// </summary>
    public class HeldOutCornersTests
    {
        // ---------------------------------------------------------------- domains

        private const string Accounts = """

            namespace Accounts
            {
                using System;
                using Minimization;

                public sealed class CustomerAccount
                {
                    public Guid Id { get; set; }
                    [IdentityBearing("email")] public string Email { get; set; } = "";
                    [IdentityBearing("email")] public string? BackupEmail { get; set; }
                    [IdentityBearing("name")] public string FullName { get; set; } = "";
                    [IdentityBearing("phone")] public string Phone { get; set; } = "";
                    public string Tier { get; set; } = "";
                    public int LoyaltyPoints { get; set; }
                    public int FailedLogins { get; set; }
                    public DateTime CreatedAt { get; set; }
                }

                public static class CrmExport
                {
                    [PartnerShare("FR")] public static void Push(string payload) { }
                    [PartnerShare("FR")] public static void PushValue(object? payload) { }
                    [PartnerShare("FR")] public static void PushBytes(byte[] payload) { }
                }

                public static class Pseudonyms
                {
                    [Minimizer] public static string Of(string value) => "acct_" + value.Length;
                }
            }
            """;

        private const string Telemetry = """

            namespace Telemetry
            {
                using System;
                using Minimization;

                public sealed class DeviceReport
                {
                    [IdentityBearing("imei")] public string Imei { get; set; } = "";
                    [IdentityBearing("imei")] public long ImeiNumber { get; set; }
                    [IdentityBearing("ip")] public string LastIp { get; set; } = "";
                    public string Model { get; set; } = "";
                    public string Firmware { get; set; } = "";
                    public double BatteryLevel { get; set; }
                }

                public sealed class MaskedDevice
                {
                    public string ImeiPrefix { get; set; } = "";
                    public string IpBlock { get; set; } = "";
                }

                public static class DeviceMasking
                {
                    [Minimizer] public static MaskedDevice Mask(DeviceReport report) => new MaskedDevice { ImeiPrefix = report.Imei.Substring(0, 8), IpBlock = "10.0.0.0/24" };
                    [Minimizer] public static string TruncateIp(string ip) => ip.Substring(0, ip.LastIndexOf('.')) + ".0";
                }

                public static class VendorFeed
                {
                    [PartnerShare("FR")] public static void Upload(string record) { }
                    [PartnerShare("FR")] public static void UploadValue(object? value) { }
                }
            }
            """;

        private const string Audit = """

            namespace Audit
            {
                using System;
                using Minimization;

                [IdentityBearing("account-id")]
                public sealed class LoginAuditEvent
                {
                    public string UserEmail { get; set; } = "";
                    public string SourceIp { get; set; } = "";
                    [NonIdentifying] public string Outcome { get; set; } = "";
                    [NonIdentifying] public int DurationMs { get; set; }
                    [NonIdentifying] public ClientOrigin? Origin { get; set; }
                }

                [IdentityBearing("ip")]
                public sealed class ClientOrigin
                {
                    public string Address { get; set; } = "";
                    public string Asn { get; set; } = "";
                }

                public sealed class SiemForwarder
                {
                    [PartnerShare("FR")] public string Line { get; set; } = "";
                    public string Comment { get; set; } = "";
                }

                public static class SiemPartner
                {
                    [PartnerShare("FR")] public static void Forward(object? payload) { }
                }
            }
            """;

        private const string Billing = """

            namespace Billing
            {
                using System;
                using Minimization;

                public sealed class Invoice
                {
                    public Guid Id { get; set; }
                    [IdentityBearing("name")] public string BillTo { get; set; } = "";
                    [IdentityBearing("address")] public string BillingAddress { get; set; } = "";
                    public decimal Total { get; set; }
                    public string Currency { get; set; } = "EUR";
                    public DateTime IssuedOn { get; set; }
                }

                public sealed class ExportBatch
                {
                    public string Name { get; set; } = "";
                }

                public static class LedgerPartner
                {
                    public static void Deliver(string subject, [PartnerShare("FR")] string body) { }
                    [PartnerShare("FR")] public static void Lines(params string[] lines) { }
                }

                public static class BillingMasking
                {
                    [Minimizer] public static string Initials(string name) => name.Length > 0 ? name.Substring(0, 1) : "";
                }
            }
            """;

        // ---------------------------------------------------------------- primary constructors

        [Fact]
        public Task Primary_constructor_recipient_sent_by_a_member_is_reported_inside_at_the_send() => Check("""
            using Accounts;
            sealed class WelcomeMailer(string recipient)
            {
                public void Notify() => CrmExport.Push({|#0:recipient|});
            }

            sealed class SignupFlow
            {
                public void Complete(CustomerAccount account) => new WelcomeMailer(account.Email).Notify();
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Primary_constructor_recipient_built_from_a_pseudonym_is_clean() => Check("""
            using Accounts;
            sealed class WelcomeMailer(string recipient)
            {
                public void Notify() => CrmExport.Push(recipient);
            }

            sealed class SignupFlow
            {
                public void Complete(CustomerAccount account) => new WelcomeMailer(Pseudonyms.Of(account.Email)).Notify();
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Primary_constructor_account_read_by_a_field_initializer_is_reported_where_the_field_is_sent() => Check("""
            using Accounts;
            sealed class ReminderJob(CustomerAccount account)
            {
                private readonly string _to = account.Phone;
                public void Run() => CrmExport.Push({|#0:_to|});
            }

            sealed class Scheduler
            {
                public void Tick(CustomerAccount a) => new ReminderJob(a).Run();
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Primary_constructor_account_whose_tier_is_sent_is_clean() => Check("""
            using Accounts;
            sealed class ReminderJob(CustomerAccount account)
            {
                private readonly string _segment = account.Tier;
                public void Run() => CrmExport.Push(_segment);
            }

            sealed class Scheduler
            {
                public void Tick(CustomerAccount a) => new ReminderJob(a).Run();
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- records, ToString, with, deconstruction

        [Fact]
        public Task Positional_record_synthesized_ToString_carries_the_email_put_into_it() => Check("""
            using System;
            using Accounts;
            sealed record LoginAttempt(string UserEmail, DateTime At);

            sealed class LoginAuditor
            {
                public void Record(CustomerAccount account)
                {
                    var attempt = new LoginAttempt(account.Email, DateTime.UtcNow);
                    CrmExport.Push({|#0:attempt.ToString()|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Record_struct_interpolated_carries_the_ip_put_into_it() => Check("""
            using System;
            using Telemetry;
            readonly record struct Heartbeat(string Ip, string Model);

            sealed class HeartbeatRelay
            {
                public void Relay(DeviceReport report)
                {
                    var beat = new Heartbeat(report.LastIp, report.Model);
                    VendorFeed.Upload({|#0:$"hb {beat}"|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Positional_record_built_from_a_pseudonym_prints_clean() => Check("""
            using System;
            using Accounts;
            sealed record LoginAttempt(string UserToken, DateTime At);

            sealed class LoginAuditor
            {
                public void Record(CustomerAccount account)
                {
                    var attempt = new LoginAttempt(Pseudonyms.Of(account.Email), account.CreatedAt);
                    CrmExport.Push(attempt.ToString());
                    CrmExport.Push($"attempt {attempt}");
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Class_ToString_override_reading_the_imei_is_reported_where_interpolated() => Check("""
            using Minimization;
            using Telemetry;
            sealed class HandsetCard
            {
                [IdentityBearing("imei")] public string Imei { get; init; } = "";
                public string Model { get; init; } = "";
                public override string ToString() => Model + "/" + Imei;
            }

            sealed class FleetSync
            {
                public void Sync(HandsetCard card) => VendorFeed.Upload({|#0:$"seen {card}"|});
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Class_ToString_override_reading_the_imei_is_reported_where_called() => Check("""
            using Minimization;
            using Telemetry;
            sealed class HandsetCard
            {
                [IdentityBearing("imei")] public string Imei { get; init; } = "";
                public string Model { get; init; } = "";
                public override string ToString() => $"{Model}/{Imei}";
            }

            sealed class FleetSync
            {
                public void Sync(HandsetCard card) => VendorFeed.Upload({|#0:card.ToString()|});
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Class_ToString_override_reading_the_imei_is_reported_where_concatenated() => Check("""
            using Minimization;
            using Telemetry;
            sealed class HandsetCard
            {
                [IdentityBearing("imei")] public string Imei { get; set; } = "";
                public string Model { get; set; } = "";
                public override string ToString() => Model + "/" + Imei;
            }

            sealed class RmaDesk
            {
                public void Escalate(HandsetCard card) => VendorFeed.Upload({|#0:"rma for " + card|});
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Class_ToString_override_reading_only_the_model_is_clean() => Check("""
            using Minimization;
            using Telemetry;
            sealed class HandsetCard
            {
                [IdentityBearing("imei")] public string Imei { get; init; } = "";
                public string Model { get; init; } = "";
                public override string ToString() => "handset " + Model;
            }

            sealed class FleetSync
            {
                public void Sync(HandsetCard card)
                {
                    VendorFeed.Upload($"seen {card}");
                    VendorFeed.Upload(card.ToString());
                }
            }
            """ + Telemetry, withPrelude: false);

        [Fact]
        public Task With_expression_setting_the_handle_from_an_email_is_reported_at_the_member_read() => Check("""
            using Accounts;
            sealed record AccountView(string Handle, string Segment);

            sealed class ProfilePublisher
            {
                public void Publish(CustomerAccount account)
                {
                    var template = new AccountView("anonymous", account.Tier);
                    var view = template with { Handle = account.Email };
                    CrmExport.Push({|#0:view.Handle|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task With_expression_setting_the_handle_from_a_pseudonym_is_clean() => Check("""
            using Accounts;
            sealed record AccountView(string Handle, string Segment);

            sealed class ProfilePublisher
            {
                public void Publish(CustomerAccount account)
                {
                    var template = new AccountView("anonymous", "standard");
                    var view = template with { Handle = Pseudonyms.Of(account.Email) };
                    CrmExport.Push(view.Handle);
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Deconstructed_record_component_holding_the_email_is_reported() => Check("""
            using System;
            using Accounts;
            sealed record LoginAttempt(string UserEmail, DateTime At);

            sealed class LockoutNotifier
            {
                public void Notify(CustomerAccount account)
                {
                    var attempt = new LoginAttempt(account.Email, DateTime.UtcNow);
                    var (who, _) = attempt;
                    CrmExport.Push({|#0:who|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Tuple_deconstruction_sending_only_the_date_component_is_clean() => Check("""
            using Accounts;
            sealed class CohortExport
            {
                public void Export(CustomerAccount account)
                {
                    var (mail, joined) = (account.Email, account.CreatedAt);
                    CrmExport.PushValue(joined);
                    CrmExport.Push(Pseudonyms.Of(mail));
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- tuples

        [Fact]
        public Task Named_tuple_element_holding_the_email_is_reported() => Check("""
            using Accounts;
            sealed class LoyaltyReport
            {
                private static (string Contact, int Points) Summarize(CustomerAccount a) => (a.Email, a.LoyaltyPoints);

                public void Send(CustomerAccount a)
                {
                    var summary = Summarize(a);
                    CrmExport.Push({|#0:summary.Contact|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Named_tuple_scalar_element_is_clean() => Check("""
            using Accounts;
            sealed class LoyaltyReport
            {
                private static (string Contact, int Points) Summarize(CustomerAccount a) => (a.Email, a.LoyaltyPoints);

                public void Send(CustomerAccount a)
                {
                    var summary = Summarize(a);
                    CrmExport.PushValue(summary.Points);
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- switch expressions and patterns

        [Fact]
        public Task Switch_expression_choosing_a_contact_channel_is_reported() => Check("""
            using Accounts;
            enum Channel { Mail, Sms, None }

            sealed class CampaignTargeting
            {
                public void Target(CustomerAccount a, Channel channel)
                {
                    var contact = channel switch
                    {
                        Channel.Mail => a.Email,
                        Channel.Sms => a.Phone,
                        _ => "none",
                    };
                    CrmExport.Push({|#0:contact|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Switch_expression_whose_arms_are_pseudonyms_or_clean_is_clean() => Check("""
            using Accounts;
            enum Channel { Mail, Sms, None }

            sealed class CampaignTargeting
            {
                public void Target(CustomerAccount a, Channel channel)
                {
                    var contact = channel switch
                    {
                        Channel.Mail => Pseudonyms.Of(a.Email),
                        Channel.Sms => Pseudonyms.Of(a.Phone),
                        _ => a.Tier,
                    };
                    CrmExport.Push(contact);
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Property_pattern_binding_the_address_of_an_identity_origin_is_reported() => Check("""
            using Audit;
            sealed class GeoAnomalyRule
            {
                public void Inspect(LoginAuditEvent evt)
                {
                    if (evt is { Origin: { Address: var addr }, DurationMs: > 5000 })
                    {
                        SiemPartner.Forward({|#0:addr|});
                    }
                }
            }
            """ + Audit, withPrelude: false, Min001(0));

        [Fact]
        public Task Property_pattern_testing_a_length_and_binding_the_outcome_is_clean() => Check("""
            using Audit;
            sealed class GeoAnomalyRule
            {
                public void Inspect(LoginAuditEvent evt)
                {
                    if (evt is { UserEmail.Length: > 0, Outcome: var outcome })
                    {
                        SiemPartner.Forward(outcome);
                    }
                }
            }
            """ + Audit, withPrelude: false);

        // ---------------------------------------------------------------- ?: and ??

        [Fact]
        public Task Null_coalescing_backup_email_is_reported() => Check("""
            using Accounts;
            sealed class RecoveryExport
            {
                public void Export(CustomerAccount a) => CrmExport.Push({|#0:a.BackupEmail ?? a.Email|});
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Conditional_between_two_addresses_is_reported() => Check("""
            using Accounts;
            sealed class RecoveryExport
            {
                public void Export(CustomerAccount a, bool preferBackup)
                    => CrmExport.Push({|#0:preferBackup && a.BackupEmail is not null ? a.BackupEmail : a.Email|});
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Conditional_with_constant_arms_on_an_email_test_is_clean() => Check("""
            using Accounts;
            sealed class RecoveryExport
            {
                public void Export(CustomerAccount a)
                {
                    CrmExport.Push(a.BackupEmail is null ? "single-address" : "has-backup");
                    CrmExport.Push(a.Email.EndsWith("@example.org") ? a.Tier : "external");
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- spans and slices

        [Fact]
        public Task Range_prefix_of_an_email_is_reported() => Check("""
            using Accounts;
            sealed class DedupKeyExport
            {
                public void Export(CustomerAccount a) => CrmExport.Push({|#0:a.Email[..5]|});
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task New_string_from_an_AsSpan_slice_of_a_phone_is_reported() => Check("""
            using System;
            using Accounts;
            sealed class DedupKeyExport
            {
                public void Export(CustomerAccount a)
                {
                    ReadOnlySpan<char> area = a.Phone.AsSpan(0, 4);
                    CrmExport.Push({|#0:new string(area)|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_CopyTo_from_an_email_is_reported() => Check("""
            using System;
            using Accounts;
            sealed class DedupKeyExport
            {
                public void Export(CustomerAccount a)
                {
                    Span<char> buffer = stackalloc char[128];
                    a.Email.AsSpan().CopyTo(buffer);
                    CrmExport.Push({|#0:new string(buffer[..a.Email.Length])|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_TryFormat_of_an_imei_number_is_reported() => Check("""
            using System;
            using Telemetry;
            sealed class ImeiEncoder
            {
                public void Encode(DeviceReport report)
                {
                    Span<char> digits = stackalloc char[20];
                    if (report.ImeiNumber.TryFormat(digits, out int written))
                    {
                        VendorFeed.Upload({|#0:digits[..written].ToString()|});
                    }
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_from_a_pseudonym_is_clean() => Check("""
            using System;
            using Accounts;
            sealed class DedupKeyExport
            {
                public void Export(CustomerAccount a)
                {
                    var token = Pseudonyms.Of(a.Email);
                    Span<char> buffer = stackalloc char[64];
                    token.AsSpan().CopyTo(buffer);
                    CrmExport.Push(new string(buffer[..token.Length]));
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- Join, Concat, StringBuilder, Format, interpolation

        [Fact]
        public Task String_Join_over_an_array_filled_element_by_element_is_reported() => Check("""
            using Billing;
            sealed class InvoiceCsv
            {
                public void Export(Invoice invoice)
                {
                    var cells = new string[3];
                    cells[0] = invoice.Id.ToString();
                    cells[1] = invoice.BillingAddress;
                    cells[2] = invoice.Currency;
                    LedgerPartner.Lines({|#0:string.Join(";", cells)|});
                }
            }
            """ + Billing, withPrelude: false, Min001(0));

        [Fact]
        public Task String_Concat_over_a_list_filled_with_Add_is_reported() => Check("""
            using System.Collections.Generic;
            using Billing;
            sealed class InvoiceCsv
            {
                public void Export(Invoice invoice)
                {
                    var cells = new List<string>();
                    cells.Add(invoice.Currency);
                    cells.Add("|");
                    cells.Add(invoice.BillTo);
                    LedgerPartner.Deliver("daily", {|#0:string.Concat(cells)|});
                }
            }
            """ + Billing, withPrelude: false, Min001(0));

        [Fact]
        public Task String_Join_over_an_array_holding_initials_and_clean_cells_is_clean() => Check("""
            using Billing;
            sealed class InvoiceCsv
            {
                public void Export(Invoice invoice)
                {
                    var cells = new string[3];
                    cells[0] = invoice.Id.ToString();
                    cells[1] = BillingMasking.Initials(invoice.BillTo);
                    cells[2] = invoice.Total.ToString("F2");
                    LedgerPartner.Lines(string.Join(";", cells));
                }
            }
            """ + Billing, withPrelude: false);

        [Fact]
        public Task StringBuilder_chain_appending_an_ip_is_reported() => Check("""
            using System.Text;
            using Telemetry;
            sealed class DiagnosticsBundle
            {
                public void Ship(DeviceReport report)
                {
                    var sb = new StringBuilder("diag:");
                    sb.Append(report.Model).Append('@').AppendLine(report.LastIp);
                    sb.AppendFormat("battery={0:P0}", report.BatteryLevel);
                    VendorFeed.Upload({|#0:sb.ToString()|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task StringBuilder_chain_appending_a_truncated_ip_is_clean() => Check("""
            using System.Text;
            using Telemetry;
            sealed class DiagnosticsBundle
            {
                public void Ship(DeviceReport report)
                {
                    var sb = new StringBuilder("diag:");
                    sb.Append(report.Model).Append('@').AppendLine(DeviceMasking.TruncateIp(report.LastIp));
                    sb.AppendFormat("battery={0:P0}", report.BatteryLevel);
                    VendorFeed.Upload(sb.ToString());
                }
            }
            """ + Telemetry, withPrelude: false);

        [Fact]
        public Task String_Format_with_name_and_email_is_reported() => Check("""
            using Accounts;
            sealed class Newsletter
            {
                public void Enroll(CustomerAccount a)
                    => CrmExport.Push({|#0:string.Format("{0} <{1}>", a.FullName, a.Email)|});
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Interpolation_with_a_format_specifier_of_an_imei_number_is_reported() => Check("""
            using Telemetry;
            sealed class ImeiEncoder
            {
                public void Encode(DeviceReport report) => VendorFeed.Upload({|#0:$"imei:{report.ImeiNumber:D15};fw:{report.Firmware}"|});
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task String_Format_and_interpolation_of_clean_members_are_clean() => Check("""
            using Accounts;
            sealed class Newsletter
            {
                public void Enroll(CustomerAccount a)
                {
                    CrmExport.Push(string.Format("{0} points since {1:yyyy}", a.LoyaltyPoints, a.CreatedAt));
                    CrmExport.Push($"{a.Tier}:{a.Id:N}:{a.FullName.Length}");
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- Uri

        [Fact]
        public Task Uri_query_built_from_an_email_is_reported() => Check("""
            using System;
            using Accounts;
            sealed class MatchService
            {
                public void Match(CustomerAccount a)
                {
                    var lookup = new Uri("https://partner.example/v1/match?email=" + Uri.EscapeDataString(a.Email));
                    CrmExport.Push({|#0:lookup.Query|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Uri_host_built_from_a_device_ip_is_reported() => Check("""
            using System;
            using Telemetry;
            sealed class EndpointProbe
            {
                public void Probe(DeviceReport report)
                {
                    var endpoint = new Uri($"http://{report.LastIp}:8080/status");
                    VendorFeed.Upload({|#0:endpoint.Host|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Uri_flag_and_a_uri_built_from_the_tier_are_clean() => Check("""
            using System;
            using Accounts;
            sealed class MatchService
            {
                public void Match(CustomerAccount a)
                {
                    var lookup = new Uri("https://partner.example/v1/match?email=" + Uri.EscapeDataString(a.Email));
                    CrmExport.PushValue(lookup.IsAbsoluteUri);
                    var segment = new Uri("https://partner.example/v1/segment?tier=" + a.Tier);
                    CrmExport.Push(segment.ToString());
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- element operators over Select

        [Fact]
        public Task First_over_a_Select_of_lowered_emails_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Accounts;
            sealed class TopCustomer
            {
                public void Export(IReadOnlyList<CustomerAccount> accounts)
                    => CrmExport.Push({|#0:accounts.OrderByDescending(a => a.LoyaltyPoints).Select(a => a.Email.ToLowerInvariant()).First()|});
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task ElementAt_over_Where_then_Select_of_imeis_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telemetry;
            sealed class LowBatteryAlert
            {
                public void Alert(List<DeviceReport> fleet)
                {
                    var second = fleet.Where(d => d.BatteryLevel < 0.1).Select(d => d.Imei).ElementAt(1);
                    VendorFeed.Upload({|#0:second|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Last_over_a_Select_of_source_ips_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Audit;
            sealed class BruteForceRule
            {
                public void Flag(IEnumerable<LoginAuditEvent> events)
                {
                    var lastIp = events.Select(e => e.SourceIp).Last();
                    SiemPartner.Forward({|#0:lastIp|});
                }
            }
            """ + Audit, withPrelude: false, Min001(0));

        [Fact]
        public Task First_over_a_Select_of_pseudonyms_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Accounts;
            sealed class TopCustomer
            {
                public void Export(IReadOnlyList<CustomerAccount> accounts)
                    => CrmExport.Push(accounts.OrderByDescending(a => a.LoyaltyPoints).Select(a => Pseudonyms.Of(a.Email)).First());
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Single_over_a_Select_of_models_and_Count_of_imeis_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telemetry;
            sealed class FleetSummary
            {
                public void Report(List<DeviceReport> fleet)
                {
                    VendorFeed.Upload(fleet.Select(d => d.Model).Distinct().Single());
                    VendorFeed.UploadValue(fleet.Select(d => d.Imei).Distinct().Count());
                }
            }
            """ + Telemetry, withPrelude: false);

        // ---------------------------------------------------------------- async plumbing

        [Fact]
        public Task Await_with_ConfigureAwait_false_passes_the_email_through() => Check("""
            using System.Threading.Tasks;
            using Accounts;
            sealed class ProfileSync
            {
                private static async Task<string> ResolveContactAsync(CustomerAccount a)
                {
                    await Task.Delay(10).ConfigureAwait(false);
                    return a.BackupEmail ?? a.Email;
                }

                public async Task RunAsync(CustomerAccount a)
                {
                    var contact = await ResolveContactAsync(a).ConfigureAwait(false);
                    CrmExport.Push({|#0:contact|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task ValueTask_AsTask_WaitAsync_passes_the_ip_through() => Check("""
            using System;
            using System.Threading.Tasks;
            using Telemetry;
            sealed class PresenceSync
            {
                private static ValueTask<string> CurrentAddressAsync(DeviceReport report) => new ValueTask<string>(report.LastIp);

                public async Task RunAsync(DeviceReport report)
                {
                    var ip = await CurrentAddressAsync(report).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                    VendorFeed.Upload({|#0:ip|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task ValueTask_AsTask_WaitAsync_of_a_truncated_ip_is_clean() => Check("""
            using System;
            using System.Threading.Tasks;
            using Telemetry;
            sealed class PresenceSync
            {
                private static ValueTask<string> CurrentAddressAsync(DeviceReport report) => new ValueTask<string>(DeviceMasking.TruncateIp(report.LastIp));

                public async Task RunAsync(DeviceReport report)
                {
                    var ip = await CurrentAddressAsync(report).AsTask().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                    VendorFeed.Upload(ip);
                }
            }
            """ + Telemetry, withPrelude: false);

        [Fact]
        public Task Await_foreach_over_an_async_stream_of_source_ips_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Audit;
            sealed class FailedLoginFeed
            {
                private static async IAsyncEnumerable<string> FailedSources(IEnumerable<LoginAuditEvent> events)
                {
                    foreach (var e in events)
                    {
                        await Task.Yield();
                        if (e.Outcome == "failed")
                        {
                            yield return e.SourceIp;
                        }
                    }
                }

                public async Task PumpAsync(IEnumerable<LoginAuditEvent> events)
                {
                    await foreach (var ip in FailedSources(events).ConfigureAwait(false))
                    {
                        SiemPartner.Forward({|#0:ip|});
                    }
                }
            }
            """ + Audit, withPrelude: false, Min001(0));

        [Fact]
        public Task Await_foreach_over_an_async_stream_of_outcomes_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Audit;
            sealed class FailedLoginFeed
            {
                private static async IAsyncEnumerable<string> Outcomes(IEnumerable<LoginAuditEvent> events)
                {
                    foreach (var e in events)
                    {
                        await Task.Yield();
                        yield return e.Outcome + ":" + e.DurationMs;
                    }
                }

                public async Task PumpAsync(IEnumerable<LoginAuditEvent> events)
                {
                    await foreach (var line in Outcomes(events).ConfigureAwait(false))
                    {
                        SiemPartner.Forward(line);
                    }
                }
            }
            """ + Audit, withPrelude: false);

        // ---------------------------------------------------------------- iterators

        [Fact]
        public Task Iterator_yielding_imeis_is_reported_in_the_consuming_loop() => Check("""
            using System.Collections.Generic;
            using Telemetry;
            sealed class RecallNotice
            {
                private static IEnumerable<string> AffectedHandsets(IEnumerable<DeviceReport> fleet, string firmware)
                {
                    foreach (var d in fleet)
                    {
                        if (d.Firmware == firmware)
                        {
                            yield return d.Imei;
                        }
                    }
                }

                public void Notify(IEnumerable<DeviceReport> fleet)
                {
                    foreach (var imei in AffectedHandsets(fleet, "4.2.1"))
                    {
                        VendorFeed.Upload({|#0:imei|});
                    }
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Iterator_yielding_models_is_clean() => Check("""
            using System.Collections.Generic;
            using Telemetry;
            sealed class RecallNotice
            {
                private static IEnumerable<string> AffectedModels(IEnumerable<DeviceReport> fleet, string firmware)
                {
                    foreach (var d in fleet)
                    {
                        if (d.Firmware == firmware)
                        {
                            yield return d.Model;
                        }
                    }
                }

                public void Notify(IEnumerable<DeviceReport> fleet)
                {
                    foreach (var model in AffectedModels(fleet, "4.2.1"))
                    {
                        VendorFeed.Upload(model);
                    }
                }
            }
            """ + Telemetry, withPrelude: false);

        // ---------------------------------------------------------------- generics (Reading 7)

        private const string Contacts = """

            namespace Contacts
            {
                using Minimization;

                [IdentityBearing("email")]
                public interface IContactPoint
                {
                    string Address { get; }
                }

                public sealed class EmailContact : IContactPoint
                {
                    public string Address { get; init; } = "";
                    [NonIdentifying] public string Country { get; init; } = "";
                }

                public static class PartnerInbox
                {
                    [PartnerShare("FR")] public static void Ship(object? payload) { }
                }
            }
            """;

        [Fact]
        public Task Unconstrained_generic_relay_is_reported_at_the_callers_argument() => Check("""
            using Contacts;
            static class Outbound
            {
                public static void Relay<T>(T item) => PartnerInbox.Ship(item);
            }

            sealed class ContactSync
            {
                public void Sync(EmailContact contact) => Outbound.Relay({|#0:contact|});
            }
            """ + Contacts, withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_constrained_to_an_identity_interface_is_reported_inside() => Check("""
            using Contacts;
            static class Outbound
            {
                public static void RelayContact<T>(T item) where T : IContactPoint => PartnerInbox.Ship({|#0:item.Address|});
            }

            sealed class ContactSync
            {
                public void Sync(EmailContact contact) => Outbound.RelayContact(contact);
            }
            """ + Contacts, withPrelude: false, Min001(0));

        [Fact]
        public Task Unconstrained_generic_relay_of_a_non_identifying_member_is_clean() => Check("""
            using Contacts;
            static class Outbound
            {
                public static void Relay<T>(T item) => PartnerInbox.Ship(item);
            }

            sealed class ContactSync
            {
                public void Sync(EmailContact contact) => Outbound.Relay(contact.Country);
            }
            """ + Contacts, withPrelude: false);

        // ---------------------------------------------------------------- extension methods, named and params arguments

        private const string ShareExtensions = """

            static class PartnerExtensions
            {
                [Minimization.PartnerShare("FR")] public static void ShareWithCrm(this string payload, string campaign) { }
                public static void AppendLine(this Billing.ExportBatch batch, [Minimization.PartnerShare("FR")] string line) { }
            }
            """;

        [Fact]
        public Task PartnerShare_extension_method_sinks_the_extended_value() => Check("""
            using Accounts;
            sealed class SpringCampaign
            {
                public void Enroll(CustomerAccount a) => {|#0:a.Email|}.ShareWithCrm("spring");
            }
            """ + ShareExtensions + Accounts + Billing, withPrelude: false, Min001(0));

        [Fact]
        public Task PartnerShare_extension_method_sinks_its_other_arguments_too() => Check("""
            using Accounts;
            sealed class SpringCampaign
            {
                public void Enroll(CustomerAccount a) => a.Tier.ShareWithCrm({|#0:a.FullName|});
            }
            """ + ShareExtensions + Accounts + Billing, withPrelude: false, Min001(0));

        [Fact]
        public Task PartnerShare_parameter_of_an_extension_method_is_reported_at_its_argument() => Check("""
            using Billing;
            sealed class LedgerExport
            {
                public void Add(ExportBatch batch, Invoice invoice) => batch.AppendLine({|#0:invoice.BillTo + ";" + invoice.Total|});
            }
            """ + ShareExtensions + Billing, withPrelude: false, Min001(0));

        [Fact]
        public Task Extension_methods_given_pseudonyms_and_clean_values_are_clean() => Check("""
            using Accounts;
            using Billing;
            sealed class SpringCampaign
            {
                public void Enroll(CustomerAccount a, ExportBatch batch, Invoice invoice)
                {
                    Pseudonyms.Of(a.Email).ShareWithCrm(a.Tier);
                    batch.AppendLine(BillingMasking.Initials(invoice.BillTo) + ";" + invoice.Total);
                }
            }
            """ + ShareExtensions + Accounts + Billing, withPrelude: false);

        [Fact]
        public Task Named_argument_for_the_sink_parameter_out_of_order_is_reported_after_the_colon() => Check("""
            using Billing;
            sealed class DunningLetters
            {
                public void Send(Invoice invoice)
                    => LedgerPartner.Deliver(body: {|#0:invoice.BillingAddress|}, subject: "overdue " + invoice.Id);
            }
            """ + Billing, withPrelude: false, Min001(0));

        [Fact]
        public Task Named_arguments_with_identity_only_in_the_non_sink_parameter_are_clean() => Check("""
            using Billing;
            sealed class DunningLetters
            {
                public void Send(Invoice invoice)
                    => LedgerPartner.Deliver(body: invoice.Total + " " + invoice.Currency, subject: invoice.BillTo);
            }
            """ + Billing, withPrelude: false);

        [Fact]
        public Task Params_array_reports_each_element_that_carries_identity() => Check("""
            using Billing;
            sealed class LedgerExport
            {
                public void Export(Invoice invoice)
                    => LedgerPartner.Lines(invoice.Id.ToString(), {|#0:invoice.BillTo|}, invoice.Currency, {|#1:"addr:" + invoice.BillingAddress|});
            }
            """ + Billing, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task Params_array_of_initials_and_clean_cells_is_clean() => Check("""
            using Billing;
            sealed class LedgerExport
            {
                public void Export(Invoice invoice)
                    => LedgerPartner.Lines(invoice.Id.ToString(), BillingMasking.Initials(invoice.BillTo), invoice.Currency, invoice.IssuedOn.ToString("yyyy-MM"));
            }
            """ + Billing, withPrelude: false);

        // ---------------------------------------------------------------- compound assignment to a [PartnerShare] property

        [Fact]
        public Task Compound_assignment_to_a_partner_property_is_reported_at_its_right_hand_side() => Check("""
            using Audit;
            sealed class SiemBatcher
            {
                public void Append(SiemForwarder forwarder, LoginAuditEvent evt)
                {
                    forwarder.Line += {|#0:evt.UserEmail + "\n"|};
                }
            }
            """ + Audit, withPrelude: false, Min001(0));

        [Fact]
        public Task Compound_assignment_of_non_identifying_members_is_clean() => Check("""
            using Audit;
            sealed class SiemBatcher
            {
                public void Append(SiemForwarder forwarder, LoginAuditEvent evt)
                {
                    forwarder.Line += evt.Outcome + ":" + evt.DurationMs + "\n";
                    forwarder.Comment += evt.UserEmail;
                }
            }
            """ + Audit, withPrelude: false);

        // ---------------------------------------------------------------- encodings and unkeyed hashes

        [Fact]
        public Task Utf8_bytes_of_an_email_are_reported() => Check("""
            using System.Text;
            using Accounts;
            sealed class BinaryExport
            {
                public void Export(CustomerAccount a) => CrmExport.PushBytes({|#0:Encoding.UTF8.GetBytes(a.Email)|});
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Unkeyed_SHA256_of_a_normalized_email_is_reported() => Check("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Accounts;
            sealed class AudienceMatch
            {
                public void Upload(CustomerAccount a)
                {
                    var digest = SHA256.HashData(Encoding.UTF8.GetBytes(a.Email.Trim().ToLowerInvariant()));
                    CrmExport.Push({|#0:Convert.ToHexString(digest)|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Base64_of_a_full_name_is_reported() => Check("""
            using System;
            using System.Text;
            using Accounts;
            sealed class BinaryExport
            {
                public void Export(CustomerAccount a) => CrmExport.Push({|#0:Convert.ToBase64String(Encoding.UTF8.GetBytes(a.FullName))|});
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Byte_array_filled_by_GetBytes_is_reported_where_the_buffer_is_sent() => Check("""
            using System.Text;
            using Telemetry;
            sealed class BinaryUplink
            {
                public void Send(DeviceReport report)
                {
                    var frame = new byte[64];
                    Encoding.ASCII.GetBytes(report.Imei, 0, report.Imei.Length, frame, 0);
                    VendorFeed.UploadValue({|#0:frame|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Stackalloc_byte_span_filled_by_GetBytes_is_reported() => Check("""
            using System;
            using System.Text;
            using Telemetry;
            sealed class BinaryUplink
            {
                public void Send(DeviceReport report)
                {
                    Span<byte> frame = stackalloc byte[64];
                    int n = Encoding.UTF8.GetBytes(report.Imei, frame);
                    VendorFeed.Upload({|#0:Convert.ToBase64String(frame[..n])|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Byte_array_filled_through_its_span_by_GetBytes_is_reported() => Check("""
            using System;
            using System.Text;
            using Audit;
            sealed class SyslogEncoder
            {
                public void Encode(LoginAuditEvent evt)
                {
                    var datagram = new byte[512];
                    Encoding.UTF8.GetBytes(evt.SourceIp.AsSpan(), datagram.AsSpan(16));
                    SiemPartner.Forward({|#0:datagram|});
                }
            }
            """ + Audit, withPrelude: false, Min001(0));

        [Fact]
        public Task Array_Copy_of_imei_bytes_into_a_frame_is_reported() => Check("""
            using System;
            using System.Text;
            using Telemetry;
            sealed class BinaryUplink
            {
                public void Send(DeviceReport report)
                {
                    var raw = Encoding.UTF8.GetBytes(report.Imei);
                    var frame = new byte[64];
                    Array.Copy(raw, frame, raw.Length);
                    VendorFeed.UploadValue({|#0:frame|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Keyed_hash_inside_a_minimizer_then_Base64_is_clean() => Check("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Minimization;
            using Accounts;
            sealed class AudienceMatch
            {
                [Minimizer]
                private static byte[] Keyed(string value, byte[] key) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value));

                public void Upload(CustomerAccount a, byte[] key)
                {
                    var mac = Keyed(a.Email.Trim().ToLowerInvariant(), key);
                    CrmExport.Push(Convert.ToBase64String(mac));
                    CrmExport.PushBytes(Encoding.UTF8.GetBytes(a.Tier));
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- exceptions and results (Reading 9)

        [Fact]
        public Task Exception_message_built_from_an_email_is_reported() => Check("""
            using System;
            using Accounts;
            sealed class LockoutPolicy
            {
                public void Enforce(CustomerAccount a)
                {
                    var error = new InvalidOperationException($"account {a.Email} locked after {a.FailedLogins} attempts");
                    CrmExport.Push({|#0:error.Message|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_exception_passing_the_email_to_its_base_is_reported_at_Message() => Check("""
            using System;
            using Accounts;
            sealed class AccountLockedException : Exception
            {
                public AccountLockedException(string email) : base("locked: " + email) { }
            }

            sealed class LockoutPolicy
            {
                public void Enforce(CustomerAccount a)
                {
                    var error = new AccountLockedException(a.Email);
                    CrmExport.Push({|#0:error.Message|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Result_error_text_built_from_a_phone_is_reported() => Check("""
            using Accounts;
            sealed class OperationResult
            {
                public bool Succeeded { get; init; }
                public string Error { get; init; } = "";
            }

            sealed class PhoneVerifier
            {
                private static OperationResult Verify(CustomerAccount a)
                    => a.Phone.StartsWith("+33") ? new OperationResult { Succeeded = true } : new OperationResult { Error = "unsupported number " + a.Phone };

                public void Run(CustomerAccount a)
                {
                    var result = Verify(a);
                    CrmExport.Push({|#0:result.Error|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Exception_message_and_result_flag_without_identity_are_clean() => Check("""
            using System;
            using Accounts;
            sealed class OperationResult
            {
                public bool Succeeded { get; init; }
                public string Error { get; init; } = "";
            }

            sealed class PhoneVerifier
            {
                private static OperationResult Verify(CustomerAccount a)
                    => a.Phone.StartsWith("+33") ? new OperationResult { Succeeded = true } : new OperationResult { Error = "unsupported number" };

                public void Run(CustomerAccount a)
                {
                    var result = Verify(a);
                    CrmExport.Push(result.Error);
                    CrmExport.PushValue(result.Succeeded);
                    var error = new InvalidOperationException($"locked after {a.FailedLogins} attempts");
                    CrmExport.Push(error.Message);
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- precision: receiver types (Reading 1)

        private const string Formatters = """

            interface IExportFormatter
            {
                string Format(Accounts.CustomerAccount a);
            }

            sealed class RawFormatter : IExportFormatter
            {
                public string Format(Accounts.CustomerAccount a) => a.Email + ";" + a.Tier;
            }

            sealed class MaskedFormatter : IExportFormatter
            {
                public string Format(Accounts.CustomerAccount a) => Accounts.Pseudonyms.Of(a.Email) + ";" + a.Tier;
            }
            """;

        [Fact]
        public Task Newly_created_clean_implementation_called_through_the_interface_is_clean() => Check("""
            using Accounts;
            sealed class NightlyExport
            {
                public void Run(CustomerAccount a)
                {
                    CrmExport.Push(new MaskedFormatter().Format(a));
                    var formatter = new MaskedFormatter();
                    CrmExport.Push(formatter.Format(a));
                }

                public string Preview(CustomerAccount a) => new RawFormatter().Format(a);
            }
            """ + Formatters + Accounts, withPrelude: false);

        [Fact]
        public Task Interface_typed_local_holding_a_new_clean_implementation_is_clean() => Check("""
            using Accounts;
            sealed class NightlyExport
            {
                public void Run(CustomerAccount a)
                {
                    IExportFormatter formatter = new MaskedFormatter();
                    CrmExport.Push(formatter.Format(a));
                }
            }
            """ + Formatters + Accounts, withPrelude: false);

        [Fact]
        public Task Interface_typed_local_created_clean_then_reassigned_a_leaking_implementation_is_reported() => Check("""
            using Accounts;
            sealed class NightlyExport
            {
                public void Run(CustomerAccount a, bool raw)
                {
                    IExportFormatter formatter = new MaskedFormatter();
                    if (raw)
                    {
                        formatter = new RawFormatter();
                    }

                    CrmExport.Push({|#0:formatter.Format(a)|});
                }
            }
            """ + Formatters + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Interface_typed_local_created_clean_then_passed_by_reference_is_reported() => Check("""
            using Accounts;
            sealed class NightlyExport
            {
                public void Run(CustomerAccount a)
                {
                    IExportFormatter formatter = new MaskedFormatter();
                    Choose(ref formatter);
                    CrmExport.Push({|#0:formatter.Format(a)|});
                }

                private static void Choose(ref IExportFormatter f) => f = new RawFormatter();
            }
            """ + Formatters + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Injected_formatter_with_a_leaking_implementation_is_reported_at_the_call() => Check("""
            using Accounts;
            sealed class NightlyExport
            {
                private readonly IExportFormatter _formatter;
                public NightlyExport(IExportFormatter formatter) { _formatter = formatter; }
                public void Run(CustomerAccount a) => CrmExport.Push({|#0:_formatter.Format(a)|});
            }
            """ + Formatters + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Newly_created_leaking_implementation_is_reported() => Check("""
            using Accounts;
            sealed class NightlyExport
            {
                public void Run(CustomerAccount a)
                {
                    IExportFormatter formatter = new RawFormatter();
                    CrmExport.Push({|#0:formatter.Format(a)|});
                }
            }
            """ + Formatters + Accounts, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- precision: overwrites, ??=

        [Fact]
        public Task Variable_overwritten_by_a_conditional_of_two_clean_values_is_clean() => Check("""
            using Accounts;
            sealed class SegmentExport
            {
                public void Export(CustomerAccount a, bool verbose)
                {
                    var line = a.Email;
                    CrmExport.Push(Pseudonyms.Of(line));
                    line = verbose ? a.Tier + "/" + a.LoyaltyPoints : a.Tier;
                    CrmExport.Push(line);
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Variable_overwritten_by_cached_token_or_pseudonym_is_clean() => Check("""
            using Accounts;
            sealed class SegmentExport
            {
                public void Export(CustomerAccount a, string? cachedToken)
                {
                    var key = a.Email;
                    key = cachedToken ?? Pseudonyms.Of(key);
                    CrmExport.Push(key);
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Coalescing_assignment_keeps_a_non_null_email() => Check("""
            using Accounts;
            sealed class SegmentExport
            {
                public void Export(CustomerAccount a)
                {
                    string? contact = a.BackupEmail;
                    contact ??= "unknown";
                    CrmExport.Push({|#0:contact|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Coalescing_assignment_from_null_takes_the_email() => Check("""
            using Accounts;
            sealed class SegmentExport
            {
                public void Export(CustomerAccount a, string? preferred)
                {
                    var contact = preferred;
                    contact ??= a.Email;
                    CrmExport.Push({|#0:contact|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Coalescing_assignment_of_a_pseudonym_onto_a_cached_token_is_clean() => Check("""
            using Accounts;
            sealed class SegmentExport
            {
                public void Export(CustomerAccount a, string? cachedToken)
                {
                    var token = cachedToken;
                    token ??= Pseudonyms.Of(a.Email);
                    CrmExport.Push(token);
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- precision: minimizer results, side-by-side members

        [Fact]
        public Task Members_of_a_minimizer_result_are_clean() => Check("""
            using Telemetry;
            sealed class CoverageReport
            {
                public void Report(DeviceReport report)
                {
                    VendorFeed.Upload(DeviceMasking.Mask(report).ImeiPrefix);
                    var masked = DeviceMasking.Mask(report);
                    VendorFeed.Upload(masked.IpBlock + "|" + report.Model);
                }
            }
            """ + Telemetry, withPrelude: false);

        private const string ExportRow = """

            sealed class ExportRow
            {
                public string RawEmail { get; set; } = "";
                public string EmailToken { get; set; } = "";
                public int Points { get; set; }
            }
            """;

        [Fact]
        public Task Row_holding_raw_and_pseudonymized_email_side_by_side_sending_the_token_is_clean() => Check("""
            using Accounts;
            sealed class CrmSync
            {
                public void Sync(CustomerAccount a)
                {
                    var row = new ExportRow { RawEmail = a.Email, EmailToken = Pseudonyms.Of(a.Email), Points = a.LoyaltyPoints };
                    CrmExport.Push(row.EmailToken);
                    CrmExport.PushValue(row.Points);
                }
            }
            """ + ExportRow + Accounts, withPrelude: false);

        [Fact]
        public Task Row_holding_raw_and_pseudonymized_email_side_by_side_sending_the_raw_member_is_reported() => Check("""
            using Accounts;
            sealed class CrmSync
            {
                public void Sync(CustomerAccount a)
                {
                    var row = new ExportRow { RawEmail = a.Email, EmailToken = Pseudonyms.Of(a.Email), Points = a.LoyaltyPoints };
                    CrmExport.Push({|#0:row.RawEmail|});
                }
            }
            """ + ExportRow + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Lengths_counts_and_comparisons_of_identity_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Accounts;
            sealed class QualityMetrics
            {
                public void Report(CustomerAccount a, List<CustomerAccount> all)
                {
                    var emails = new List<string>();
                    foreach (var c in all)
                    {
                        emails.Add(c.Email);
                    }

                    CrmExport.PushValue(a.Email.Length);
                    CrmExport.PushValue(emails.Count);
                    CrmExport.PushValue(a.Email == a.BackupEmail);
                    CrmExport.PushValue(all.Count(c => c.Phone.StartsWith("+33")));
                    CrmExport.PushValue(emails.Contains(a.Email));
                }
            }
            """ + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- precision: [NonIdentifying]

        [Fact]
        public Task NonIdentifying_members_of_an_identity_bearing_type_are_clean() => Check("""
            using Audit;
            sealed class SlaReport
            {
                public void Report(LoginAuditEvent evt)
                {
                    SiemPartner.Forward(evt.Outcome);
                    SiemPartner.Forward(evt.DurationMs);
                    SiemPartner.Forward($"{evt.Outcome} in {evt.DurationMs} ms");
                }
            }
            """ + Audit, withPrelude: false);

        [Fact]
        public Task NonIdentifying_member_whose_type_is_identity_bearing_is_reported() => Check("""
            using Audit;
            sealed class SlaReport
            {
                public void Report(LoginAuditEvent evt) => SiemPartner.Forward({|#0:evt.Origin|});
            }
            """ + Audit, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- precision: Readings 10 and 11

        private const string Directory = """

            namespace Directory
            {
                using System;
                using System.Threading.Tasks;

                public sealed class MemberRow
                {
                    public Guid MemberId { get; set; }
                    public string DisplayName { get; set; } = "";
                    public DateTime JoinedOn { get; set; }
                    public int Visits { get; set; }
                    public bool Verified { get; set; }
                }

                public sealed class DirectorySettings
                {
                    public string Region { get; set; } = "";
                }

                public interface IMemberDirectory
                {
                    Task<MemberRow?> FindByEmailAsync(string email);
                    DirectorySettings Settings { get; }
                    string Name { get; }
                }
            }
            """;

        [Fact]
        public Task HttpClient_used_for_an_email_lookup_does_not_carry_identity_afterwards() => Check("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Accounts;
            sealed class EnrichmentJob
            {
                public async Task EnrichAsync(HttpClient http, CustomerAccount a)
                {
                    _ = await http.GetStringAsync("https://enrich.example/v2/person?email=" + Uri.EscapeDataString(a.Email));
                    CrmExport.Push(http.BaseAddress?.ToString() ?? "none");
                    CrmExport.PushValue(http.Timeout);
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Directory_service_asked_for_an_email_does_not_carry_identity_nor_what_is_obtained_from_it() => Check("""
            using System.Threading.Tasks;
            using Accounts;
            using Directory;
            sealed class MemberSync
            {
                public async Task SyncAsync(IMemberDirectory directory, CustomerAccount a)
                {
                    await directory.FindByEmailAsync(a.Email);
                    CrmExport.Push(directory.Name);
                    var settings = directory.Settings;
                    CrmExport.Push(settings.Region);
                }
            }
            """ + Accounts + Directory, withPrelude: false);

        [Fact]
        public Task Scalar_members_of_a_row_found_by_email_are_clean() => Check("""
            using System.Threading.Tasks;
            using Accounts;
            using Directory;
            sealed class MemberSync
            {
                public async Task SyncAsync(IMemberDirectory directory, CustomerAccount a)
                {
                    var row = await directory.FindByEmailAsync(a.Email);
                    if (row is null)
                    {
                        return;
                    }

                    CrmExport.PushValue(row.MemberId);
                    CrmExport.PushValue(row.JoinedOn);
                    CrmExport.PushValue(row.Visits);
                    CrmExport.Push(row.MemberId.ToString("N"));
                }
            }
            """ + Accounts + Directory, withPrelude: false);

        [Fact]
        public Task String_member_of_a_row_found_by_email_is_reported() => Check("""
            using System.Threading.Tasks;
            using Accounts;
            using Directory;
            sealed class MemberSync
            {
                public async Task SyncAsync(IMemberDirectory directory, CustomerAccount a)
                {
                    var row = await directory.FindByEmailAsync(a.Email);
                    CrmExport.Push({|#0:row!.DisplayName|});
                }
            }
            """ + Accounts + Directory, withPrelude: false, Min001(0));

        private const string Tickets = """

            sealed class SupportTicket
            {
                public System.Guid Id { get; set; }
                public string Subject { get; set; } = "";
                public string ContactEmail { get; set; } = "";
                public System.DateTime OpenedAt { get; set; }
                public int Priority { get; set; }
            }
            """;

        [Fact]
        public Task Scalar_members_of_a_ticket_that_received_an_email_are_clean() => Check("""
            using System;
            using Accounts;
            sealed class HelpdeskBridge
            {
                public void Open(CustomerAccount a)
                {
                    var ticket = new SupportTicket { Id = Guid.NewGuid(), OpenedAt = DateTime.UtcNow, Priority = 2 };
                    ticket.ContactEmail = a.Email;
                    CrmExport.PushValue(ticket.Id);
                    CrmExport.PushValue(ticket.OpenedAt);
                    CrmExport.PushValue(ticket.Priority);
                }
            }
            """ + Tickets + Accounts, withPrelude: false);

        [Fact]
        public Task Written_string_member_of_a_ticket_is_reported() => Check("""
            using System;
            using Accounts;
            sealed class HelpdeskBridge
            {
                public void Open(CustomerAccount a)
                {
                    var ticket = new SupportTicket { Id = Guid.NewGuid(), Priority = 2 };
                    ticket.ContactEmail = a.Email;
                    CrmExport.Push({|#0:ticket.ContactEmail|});
                }
            }
            """ + Tickets + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Member_read_before_the_email_is_written_into_the_ticket_is_clean() => Check("""
            using System;
            using Accounts;
            sealed class HelpdeskBridge
            {
                public void Open(CustomerAccount a)
                {
                    var ticket = new SupportTicket { Id = Guid.NewGuid(), Subject = "Password reset" };
                    var subject = ticket.Subject;
                    ticket.Subject = "Reset for " + a.Email;
                    CrmExport.Push(subject);
                }
            }
            """ + Tickets + Accounts, withPrelude: false);

        // ---------------------------------------------------------------- more corners

        [Fact]
        public Task With_expression_changing_only_the_segment_keeps_the_email_handle() => Check("""
            using Accounts;
            sealed record AccountView(string Handle, string Segment);

            sealed class ProfilePublisher
            {
                public void Publish(CustomerAccount account)
                {
                    var view = new AccountView(account.Email, "standard") with { Segment = account.Tier };
                    CrmExport.Push({|#0:view.Handle|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Tuple_swap_moves_the_email_to_the_other_variable() => Check("""
            using Accounts;
            sealed class SwapExport
            {
                public void Export(CustomerAccount a)
                {
                    var first = a.Email;
                    var second = a.Tier;
                    (first, second) = (second, first);
                    CrmExport.Push(first);
                    CrmExport.Push({|#0:second|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Tuple_deconstruction_assignment_overwriting_the_email_with_a_pseudonym_is_clean() => Check("""
            using Accounts;
            sealed class SwapExport
            {
                public void Export(CustomerAccount a)
                {
                    var contact = a.Email;
                    var segment = "";
                    (contact, segment) = (Pseudonyms.Of(a.Email), a.Tier);
                    CrmExport.Push(contact + "|" + segment);
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Tuple_switch_expression_arm_returning_the_email_is_reported() => Check("""
            using Accounts;
            sealed class OfferRouting
            {
                public void Route(CustomerAccount a, bool optedIn)
                {
                    var target = (a.Tier, optedIn) switch
                    {
                        ("gold", true) => a.Email,
                        (_, true) => a.Phone,
                        _ => "suppressed",
                    };
                    CrmExport.Push({|#0:target|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task AsMemory_slice_of_an_email_is_reported() => Check("""
            using System;
            using Accounts;
            sealed class DedupKeyExport
            {
                public void Export(CustomerAccount a)
                {
                    ReadOnlyMemory<char> local = a.Email.AsMemory(0, a.Email.IndexOf('@'));
                    CrmExport.Push({|#0:local.ToString()|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_TryFormat_of_a_clean_date_is_clean() => Check("""
            using System;
            using Accounts;
            sealed class CohortExport
            {
                public void Export(CustomerAccount a)
                {
                    Span<char> buffer = stackalloc char[32];
                    if (a.CreatedAt.TryFormat(buffer, out int written, "yyyy-MM"))
                    {
                        CrmExport.Push(new string(buffer[..written]));
                    }
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task String_Create_with_an_interpolated_handler_is_reported() => Check("""
            using System.Globalization;
            using Accounts;
            sealed class Newsletter
            {
                public void Enroll(CustomerAccount a)
                    => CrmExport.Push({|#0:string.Create(CultureInfo.InvariantCulture, $"{a.FullName};{a.LoyaltyPoints}")|});
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task StringBuilder_Append_of_an_interpolated_string_is_reported() => Check("""
            using System.Text;
            using Audit;
            sealed class SiemBatch
            {
                public void Add(LoginAuditEvent evt)
                {
                    var sb = new StringBuilder();
                    sb.Append($"{evt.Outcome} from {evt.SourceIp}");
                    SiemPartner.Forward({|#0:sb.ToString()|});
                }
            }
            """ + Audit, withPrelude: false, Min001(0));

        [Fact]
        public Task StringWriter_written_with_an_email_is_reported() => Check("""
            using System.IO;
            using Accounts;
            sealed class CsvExport
            {
                public void Export(CustomerAccount a)
                {
                    using var writer = new StringWriter();
                    writer.Write(a.Tier);
                    writer.Write(',');
                    writer.WriteLine(a.Email);
                    CrmExport.Push({|#0:writer.ToString()|});
                }
            }
            """ + Accounts, withPrelude: false, Min001(0));

        [Fact]
        public Task UriBuilder_with_a_device_ip_host_is_reported() => Check("""
            using System;
            using Telemetry;
            sealed class EndpointProbe
            {
                public void Probe(DeviceReport report)
                {
                    var builder = new UriBuilder("http", report.LastIp, 8443, "/v1/status");
                    VendorFeed.Upload({|#0:builder.Uri.ToString()|});
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task Select_index_and_First_over_a_predicate_reading_a_clean_member_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Accounts;
            sealed class TopCustomer
            {
                public void Export(IReadOnlyList<CustomerAccount> accounts)
                {
                    CrmExport.PushValue(accounts.Select((a, i) => i).Last());
                    CrmExport.Push(accounts.First(a => a.Email.EndsWith(".fr")).Tier);
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task PartnerShare_property_set_in_an_object_initializer_is_reported_at_the_value() => Check("""
            using Minimization;
            using Billing;
            sealed class PartnerEnvelope
            {
                [PartnerShare("FR")] public string Body { get; init; } = "";
                public string Reference { get; init; } = "";
            }

            sealed class RemittanceAdvice
            {
                public PartnerEnvelope Build(Invoice invoice)
                    => new PartnerEnvelope { Reference = invoice.Id.ToString(), Body = {|#0:$"{invoice.BillTo}, {invoice.BillingAddress}"|} };
            }
            """ + Billing, withPrelude: false, Min001(0));

        [Fact]
        public Task PartnerShare_abstract_member_overridden_is_a_sink_when_called_on_the_derived_type() => Check("""
            using Minimization;
            using Billing;
            abstract class LedgerDrop
            {
                [PartnerShare("FR")] public abstract void Emit(string line);
            }

            sealed class SftpLedgerDrop : LedgerDrop
            {
                public override void Emit(string line) { }
            }

            sealed class MonthEnd
            {
                public void Close(Invoice invoice) => new SftpLedgerDrop().Emit({|#0:invoice.BillTo|});
            }
            """ + Billing, withPrelude: false, Min001(0));

        [Fact]
        public Task Override_chosen_by_a_newly_created_derived_type_that_returns_clean_data_is_clean() => Check("""
            using Accounts;
            class AccountRenderer
            {
                public virtual string Render(CustomerAccount a) => a.Email;
            }

            sealed class SegmentRenderer : AccountRenderer
            {
                public override string Render(CustomerAccount a) => a.Tier + "/" + a.LoyaltyPoints;
            }

            sealed class WeeklyDigest
            {
                public void Send(CustomerAccount a)
                {
                    CrmExport.Push(new SegmentRenderer().Render(a));
                    var renderer = new SegmentRenderer();
                    CrmExport.Push(renderer.Render(a));
                }
            }
            """ + Accounts, withPrelude: false);

        [Fact]
        public Task Span_TryWrite_of_an_interpolated_imei_is_reported() => Check("""
            using System;
            using Telemetry;
            sealed class ImeiEncoder
            {
                public void Encode(DeviceReport report)
                {
                    Span<char> line = stackalloc char[64];
                    if (line.TryWrite($"{report.Model}:{report.Imei}", out int written))
                    {
                        VendorFeed.Upload({|#0:new string(line[..written])|});
                    }
                }
            }
            """ + Telemetry, withPrelude: false, Min001(0));

        [Fact]
        public Task StringBuilder_Append_of_a_concatenation_is_reported() => Check("""
            using System.Text;
            using Audit;
            sealed class SiemBatch
            {
                public void Add(LoginAuditEvent evt)
                {
                    var sb = new StringBuilder();
                    sb.Append(evt.Outcome + " from " + evt.SourceIp);
                    SiemPartner.Forward({|#0:sb.ToString()|});
                }
            }
            """ + Audit, withPrelude: false, Min001(0));
    }
}
