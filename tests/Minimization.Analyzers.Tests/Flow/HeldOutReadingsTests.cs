using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out-style probe written from the public contract alone, one group per Reading (1-11): for each, a few
    /// positives and near-miss negatives written to the Reading's own words, then precision negatives that mix rules
    /// (predicates, sizes, membership tests, overwrites, minimizer results, [NonIdentifying] members, unannotated
    /// look-alike sinks, a sink parameter in another position, logging). Domains: web shop, bank, clinic, telecom, HR.
    /// </summary>
    public class HeldOutReadingsTests
    {
        // ---------------------------------------------------------------- domains

        private const string Shop = """

            namespace Shop
            {
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Minimization;

                public sealed class Customer
                {
                    public Guid Id { get; set; }
                    [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Address)] public string ShippingAddress { get; set; } = "";
                    public string Segment { get; set; } = "";
                    public int OrderCount { get; set; }
                    public decimal LifetimeValue { get; set; }
                }

                public static class AdsPartner
                {
                    [PartnerShare("AdNet")] public static void Track(string? value) { }
                    [PartnerShare("AdNet")] public static void TrackObject(object? value) { }
                    [PartnerShare("AdNet")] public static Task TrackAsync(string value, CancellationToken ct) => Task.CompletedTask;
                }

                public static class Tokens
                {
                    [Minimizer] public static string Hash(string value) => "t_" + value.Length;
                }
            }
            """;

        private const string Bank = """

            namespace Bank
            {
                using System;
                using Minimization;

                [IdentityBearing(IdentityCategory.AccountId)]
                public sealed class AccountHolder
                {
                    public string Iban { get; set; } = "";
                    public string HolderName { get; set; } = "";
                    [NonIdentifying] public string Currency { get; set; } = "";
                    [NonIdentifying] public decimal Balance { get; set; }
                    [NonIdentifying] public int RiskScore { get; set; }
                }

                public sealed class Transfer
                {
                    public Guid Id { get; set; }
                    [IdentityBearing(IdentityCategory.AccountId)] public string FromIban { get; set; } = "";
                    [IdentityBearing(IdentityCategory.AccountId)] public string ToIban { get; set; } = "";
                    public decimal Amount { get; set; }
                    public DateTime BookedAt { get; set; }
                }

                public static class CreditBureau
                {
                    [PartnerShare("Bureau")] public static void Report(string? line) { }
                    [PartnerShare("Bureau")] public static void ReportValue(object? value) { }
                }

                public static class Masking
                {
                    [Minimizer] public static string MaskIban(string iban) => iban.Length > 4 ? "****" + iban.Substring(iban.Length - 4) : "****";
                }
            }
            """;

        private const string Clinic = """

            namespace Clinic
            {
                using System;
                using Minimization;

                [IdentityBearing(IdentityCategory.Name)]
                public interface IPatient
                {
                    string FullName { get; }
                    [NonIdentifying] string Ward { get; }
                }

                public sealed class Patient : IPatient
                {
                    public string FullName { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Sin)] public string HealthCardNumber { get; set; } = "";
                    [NonIdentifying] public string Ward { get; set; } = "";
                    [NonIdentifying] public int LengthOfStayDays { get; set; }
                }

                public static class LabPartner
                {
                    [PartnerShare("Lab")] public static void Submit(string? value) { }
                    [PartnerShare("Lab")] public static void SubmitObject(object? value) { }
                    [PartnerShare("Lab")] public static void SubmitBytes(byte[] payload) { }
                }

                public static class ClinicalMasking
                {
                    [Minimizer] public static string Initials(string name) => name.Length == 0 ? "" : name.Substring(0, 1);
                }
            }
            """;

        private const string Telecom = """

            namespace Telecom
            {
                using System;
                using System.Threading.Tasks;
                using Minimization;

                public sealed class CallRecord
                {
                    public Guid CallId { get; set; }
                    [IdentityBearing(IdentityCategory.Phone)] public string Caller { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Phone)] public string Callee { get; set; } = "";
                    [IdentityBearing(IdentityCategory.CellTower)] public string CellId { get; set; } = "";
                    [IdentityBearing(IdentityCategory.IpAddress)] public string GatewayIp { get; set; } = "";
                    public int DurationSeconds { get; set; }
                    public DateTime StartedAt { get; set; }
                    public string Region { get; set; } = "";
                }

                public static class RoamingPartner
                {
                    [PartnerShare("Roam")] public static void Submit(string? value) { }
                    [PartnerShare("Roam")] public static void SubmitValue(object? value) { }
                    [PartnerShare("Roam")] public static void SubmitBytes(byte[] payload) { }
                }

                public static class NumberMasking
                {
                    [Minimizer] public static string Prefix(string number) => number.Length > 5 ? number.Substring(0, 5) + "xxxx" : "xxxx";
                }
            }
            """;

        private const string Hr = """

            namespace Hr
            {
                using System;
                using System.Threading.Tasks;
                using Minimization;

                public sealed class Employee
                {
                    public Guid Id { get; set; }
                    [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Sin)] public string Sin { get; set; } = "";
                    [IdentityBearing(IdentityCategory.DateOfBirth)] public DateTime BirthDate { get; set; }
                    [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                    public string Department { get; set; } = "";
                    public int Grade { get; set; }
                    public decimal Salary { get; set; }
                }

                public static class PayrollVendor
                {
                    [PartnerShare("Payroll")] public static void Send(string? value) { }
                    [PartnerShare("Payroll")] public static void SendValue(object? value) { }
                    [PartnerShare("Payroll")] public static Task SendAsync(string value) => Task.CompletedTask;
                }

                public static class HrMasking
                {
                    [Minimizer] public static string Pseudonym(string value) => "emp_" + value.Length;
                }
            }
            """;

        // ---------------------------------------------------------------- Reading 1: interfaces and virtual members

        [Fact]
        public Task Reading1_injected_exporter_with_one_raw_implementation_among_masked_ones_is_reported_at_the_callers_argument() => Check("""
            using Shop;
            interface IAudienceExporter { void Export(string contact); }
            sealed class MaskedExporter : IAudienceExporter
            {
                public void Export(string contact) => AdsPartner.Track(Tokens.Hash(contact));
            }
            sealed class RawExporter : IAudienceExporter
            {
                public void Export(string contact) => AdsPartner.Track(contact);
            }
            sealed class CheckoutCompleted
            {
                private readonly IAudienceExporter _exporter;
                public CheckoutCompleted(IAudienceExporter exporter) => _exporter = exporter;
                public void Handle(Customer customer) => _exporter.Export({|#0:customer.Email|});
            }
            """ + Shop, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading1_abstract_notifier_whose_override_sends_is_reported_at_the_callers_argument() => Check("""
            using Bank;
            abstract class TransferNotifier
            {
                public abstract void Notify(string account, decimal amount);
            }
            sealed class BureauNotifier : TransferNotifier
            {
                public override void Notify(string account, decimal amount) => CreditBureau.Report(account + ":" + amount);
            }
            sealed class BranchNotifier : TransferNotifier
            {
                public override void Notify(string account, decimal amount) { }
            }
            sealed class LargeTransferPolicy
            {
                public void Apply(TransferNotifier notifier, Transfer t)
                {
                    if (t.Amount > 10_000m)
                    {
                        notifier.Notify({|#0:t.FromIban|}, t.Amount);
                    }
                }
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading1_template_method_whose_protected_hook_is_overridden_to_send_is_reported_at_the_callers_argument() => Check("""
            using Telecom;
            class CdrExportJob
            {
                public void Run(string line) => Write("cdr;" + line);
                protected virtual void Write(string payload) => System.Console.WriteLine(payload.Length);
            }
            sealed class RoamingExportJob : CdrExportJob
            {
                protected override void Write(string payload) => RoamingPartner.Submit(payload);
            }
            sealed class NightlyBatch
            {
                public void Export(CdrExportJob job, CallRecord record) => job.Run({|#0:record.Caller|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading1_implementation_of_an_interface_parameter_marked_PartnerShare_is_a_sink_on_the_concrete_type() => Check("""
            using Hr;
            using Minimization;
            interface IBenefitsFeed
            {
                void Enrol([PartnerShare("Benefits")] string member, int plan);
            }
            sealed class BenefitsFeed : IBenefitsFeed
            {
                public void Enrol(string member, int plan) { }
            }
            sealed class OpenEnrolment
            {
                public void Run(BenefitsFeed feed, Employee e) => feed.Enrol({|#0:e.Name|}, e.Grade);
            }
            """ + Hr, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading1_injected_exporter_whose_implementations_all_mask_or_drop_is_clean() => Check("""
            using Shop;
            interface IAudienceExporter { void Export(string contact); }
            sealed class MaskedExporter : IAudienceExporter
            {
                public void Export(string contact) => AdsPartner.Track(Tokens.Hash(contact));
            }
            sealed class DroppingExporter : IAudienceExporter
            {
                public void Export(string contact) { }
            }
            sealed class CheckoutCompleted
            {
                private readonly IAudienceExporter _exporter;
                public CheckoutCompleted(IAudienceExporter exporter) => _exporter = exporter;
                public void Handle(Customer customer) => _exporter.Export(customer.Email);
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading1_sealed_archive_receiver_runs_only_its_own_clean_implementation() => Check("""
            using Shop;
            interface IAudienceExporter { void Export(string contact); }
            sealed class ArchiveExporter : IAudienceExporter
            {
                public void Export(string contact) => System.Console.WriteLine(contact.Length);
            }
            sealed class RawExporter : IAudienceExporter
            {
                public void Export(string contact) => AdsPartner.Track(contact);
            }
            sealed class NightlyArchive
            {
                public void Run(ArchiveExporter archive, Customer customer) => archive.Export(customer.Email);
            }
            sealed class Leaky
            {
                public void Run(IAudienceExporter any) => any.Export("static-segment");
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading1_constructed_generic_relay_for_the_domestic_network_never_runs_the_roaming_implementation() => Check("""
            using Telecom;
            sealed class RoamingNetwork { }
            sealed class DomesticNetwork { }
            interface ICdrRelay<TNetwork> { void Relay(string number); }
            sealed class RoamingRelay : ICdrRelay<RoamingNetwork>
            {
                public void Relay(string number) => RoamingPartner.Submit(number);
            }
            sealed class DomesticRelay : ICdrRelay<DomesticNetwork>
            {
                public void Relay(string number) => System.Console.WriteLine(number.Length);
            }
            sealed class DomesticBilling
            {
                private readonly ICdrRelay<DomesticNetwork> _relay;
                public DomesticBilling(ICdrRelay<DomesticNetwork> relay) => _relay = relay;
                public void Bill(CallRecord r) => _relay.Relay(r.Caller);
            }
            sealed class RoamingBilling
            {
                private readonly ICdrRelay<RoamingNetwork> _relay;
                public RoamingBilling(ICdrRelay<RoamingNetwork> relay) => _relay = relay;
                public void Bill(CallRecord r) => _relay.Relay(r.Region);
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading1_implementation_sending_only_the_exposure_parameter_is_clean() => Check("""
            using Bank;
            interface IExposureReporter { void Report(string account, decimal exposure); }
            sealed class BureauExposureReporter : IExposureReporter
            {
                public void Report(string account, decimal exposure) => CreditBureau.ReportValue(exposure);
            }
            sealed class LimitCheck
            {
                private readonly IExposureReporter _reporter;
                public LimitCheck(IExposureReporter reporter) => _reporter = reporter;
                public void Check(Transfer t) => _reporter.Report(t.FromIban, t.Amount);
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading1_call_through_the_archive_interface_never_runs_the_same_class_lab_feed_implementation() => Check("""
            using Clinic;
            interface IChartArchive { void Store(string entry); }
            interface ILabFeed { void Push(string entry); }
            sealed class ChartGateway : IChartArchive, ILabFeed
            {
                void IChartArchive.Store(string entry) => System.Console.WriteLine(entry.Length);
                void ILabFeed.Push(string entry) => LabPartner.Submit(entry);
            }
            sealed class Admission
            {
                private readonly IChartArchive _archive;
                private readonly ILabFeed _feed;
                public Admission(IChartArchive archive, ILabFeed feed) { _archive = archive; _feed = feed; }
                public void Admit(Patient p)
                {
                    _archive.Store(p.FullName);
                    _feed.Push(p.Ward);
                }
            }
            """ + Clinic, withPrelude: false);

        // ---------------------------------------------------------------- Reading 2: members read inside a callee

        [Fact]
        public Task Reading2_callee_reading_the_beneficiary_iban_of_a_transfer_is_reported_at_its_own_sink() => Check("""
            using Bank;
            sealed class BureauReporter
            {
                public void ReportReturned(Transfer t) => CreditBureau.Report({|#0:t.ToIban|});
            }
            sealed class ReturnsProcessor
            {
                private readonly BureauReporter _reporter = new();
                public void OnReturned(Transfer t) => _reporter.ReportReturned(t);
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading2_callee_reading_an_identity_bearing_static_field_is_reported_at_its_sink() => Check("""
            using Hr;
            using Minimization;
            static class CompanyContacts
            {
                [IdentityBearing(IdentityCategory.Phone)] public static string PayrollOfficerPhone = "+15551234567";
            }
            sealed class PayrollSetup
            {
                public void RegisterContact() => PayrollVendor.Send({|#0:CompanyContacts.PayrollOfficerPhone|});
            }
            sealed class Startup
            {
                public void Run(PayrollSetup setup) => setup.RegisterContact();
            }
            """ + Hr, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading2_record_handed_down_two_calls_is_reported_where_the_formatted_cell_meets_the_sink() => Check("""
            using Telecom;
            static class CdrFormatter
            {
                public static string Line(CallRecord r) => r.CellId + ";" + r.DurationSeconds;
            }
            sealed class HandoverReporter
            {
                public void Report(CallRecord r) => RoamingPartner.Submit({|#0:CdrFormatter.Line(r)|});
            }
            sealed class HandoverHandler
            {
                public void On(CallRecord r, HandoverReporter reporter) => reporter.Report(r);
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading2_callee_taking_an_identity_bearing_patient_is_reported_inside_not_at_the_ward_call() => Check("""
            using Clinic;
            sealed class LabOrder
            {
                public void Send(Patient p) => LabPartner.Submit({|#0:p.HealthCardNumber|});
            }
            sealed class WardRound
            {
                public void Discharge(Patient p, LabOrder order) => order.Send(p);
            }
            """ + Clinic, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading2_callee_reading_only_non_identifying_members_of_the_holder_is_clean() => Check("""
            using Bank;
            sealed class RiskFeed
            {
                public void Publish(AccountHolder h)
                {
                    CreditBureau.ReportValue(h.RiskScore);
                    CreditBureau.Report(h.Currency);
                    CreditBureau.ReportValue(h.Balance);
                }
            }
            sealed class MonthEnd
            {
                public void Close(AccountHolder h, RiskFeed feed) => feed.Publish(h);
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading2_callee_reading_only_unannotated_scalars_of_the_transfer_is_clean() => Check("""
            using Bank;
            sealed class VolumeReporter
            {
                public void Report(Transfer t)
                {
                    CreditBureau.ReportValue(t.Amount);
                    CreditBureau.ReportValue(t.BookedAt);
                    CreditBureau.ReportValue(t.Id);
                }
            }
            sealed class Ledger
            {
                public void Post(Transfer t, VolumeReporter reporter) => reporter.Report(t);
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading2_callee_masking_the_iban_it_reads_is_clean() => Check("""
            using Bank;
            sealed class BureauReporter
            {
                public void ReportReturned(Transfer t) => CreditBureau.Report(Masking.MaskIban(t.ToIban));
            }
            sealed class ReturnsProcessor
            {
                public void OnReturned(Transfer t) => new BureauReporter().ReportReturned(t);
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading2_callee_testing_the_ibans_only_for_predicates_and_length_is_clean() => Check("""
            using Bank;
            sealed class SelfTransferDetector
            {
                public void Inspect(Transfer t)
                {
                    CreditBureau.ReportValue(t.FromIban == t.ToIban);
                    CreditBureau.ReportValue(t.ToIban.StartsWith("DE"));
                    CreditBureau.ReportValue(t.ToIban.Length);
                }
            }
            sealed class Ledger
            {
                public void Post(Transfer t) => new SelfTransferDetector().Inspect(t);
            }
            """ + Bank, withPrelude: false);

        // ---------------------------------------------------------------- Reading 3: receivers are never report sites

        [Fact]
        public Task Reading3_review_invite_built_with_an_email_is_reported_inside_deliver() => Check("""
            using Shop;
            sealed class ReviewInvite
            {
                public string To { get; init; } = "";
                public string Product { get; init; } = "";
                public void Deliver() => AdsPartner.Track({|#0:To|});
            }
            sealed class OrderShipped
            {
                public void Handle(Customer c)
                {
                    var invite = new ReviewInvite { To = c.Email, Product = "kettle" };
                    invite.Deliver();
                }
            }
            """ + Shop, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading3_identity_bearing_mandate_sending_its_own_iban_is_reported_inside() => Check("""
            using Bank;
            using Minimization;
            [IdentityBearing(IdentityCategory.AccountId)]
            sealed class Mandate
            {
                public string DebtorIban { get; set; } = "";
                [NonIdentifying] public string Scheme { get; set; } = "";
                public void Register() => CreditBureau.Report({|#0:DebtorIban|});
            }
            sealed class Onboarding
            {
                public void Complete(Mandate m) => m.Register();
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading3_fluent_referral_letter_is_reported_at_the_fax_not_at_the_chain() => Check("""
            using System.Text;
            using Clinic;
            sealed class ReferralLetter
            {
                private readonly StringBuilder _body = new();
                public ReferralLetter Line(string text)
                {
                    _body.AppendLine(text);
                    return this;
                }
                public void Fax() => LabPartner.Submit({|#0:_body.ToString()|});
            }
            sealed class Referrals
            {
                public void Refer(Patient p) => new ReferralLetter().Line("Dear colleague,").Line(p.FullName).Fax();
            }
            """ + Clinic, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading3_note_set_through_a_setter_method_is_reported_inside_the_send_not_at_the_receiver() => Check("""
            using Clinic;
            sealed class DischargeNote
            {
                private string _text = "";
                public void SetText(string text) => _text = text;
                public void Fax() => LabPartner.Submit({|#0:_text|});
            }
            sealed class Discharge
            {
                public void Run(Patient p, DischargeNote note)
                {
                    note.SetText(p.FullName);
                    note.Fax();
                }
            }
            """ + Clinic, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading3_identity_bearing_mandate_sending_its_non_identifying_scheme_is_clean() => Check("""
            using Bank;
            using Minimization;
            [IdentityBearing(IdentityCategory.AccountId)]
            sealed class Mandate
            {
                public string DebtorIban { get; set; } = "";
                [NonIdentifying] public string Scheme { get; set; } = "";
                public void RegisterScheme() => CreditBureau.Report(Scheme);
            }
            sealed class Onboarding
            {
                public void Complete(Mandate m) => m.RegisterScheme();
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading3_call_session_holding_the_caller_but_sending_its_duration_is_clean() => Check("""
            using Telecom;
            sealed class CallSession
            {
                private readonly string _caller;
                private readonly int _seconds;
                public CallSession(CallRecord r)
                {
                    _caller = r.Caller;
                    _seconds = r.DurationSeconds;
                }
                public bool IsFrom(string number) => _caller == number;
                public void ReportDuration() => RoamingPartner.SubmitValue(_seconds);
            }
            sealed class Switchboard
            {
                public void Hangup(CallRecord r) => new CallSession(r).ReportDuration();
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading3_review_invite_built_only_with_a_pseudonym_is_clean() => Check("""
            using Shop;
            sealed class ReviewInvite
            {
                public string To { get; init; } = "";
                public string Product { get; init; } = "";
                public void Deliver() => AdsPartner.Track(To);
            }
            sealed class OrderShipped
            {
                public void Handle(Customer c)
                {
                    var invite = new ReviewInvite { To = Tokens.Hash(c.Email), Product = "kettle" };
                    invite.Deliver();
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading3_partner_share_method_called_on_an_identity_bearing_subscriber_with_a_clean_argument_is_clean() => Check("""
            using Minimization;
            using Telecom;
            [IdentityBearing(IdentityCategory.Imsi)]
            sealed class Subscriber
            {
                public string Imsi { get; set; } = "";
                [PartnerShare("Roam")] public void AnnounceTo(string network) { }
            }
            sealed class Attach
            {
                public void On(Subscriber s) => s.AnnounceTo("visited-net-42");
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- Reading 4: deferred work

        [Fact]
        public Task Reading4_escalation_queued_in_a_list_field_is_reported_inside_the_lambda() => Check("""
            using System;
            using System.Collections.Generic;
            using Bank;
            sealed class FraudMonitor
            {
                private readonly List<Action> _escalations = new();
                public void Watch(Transfer t)
                {
                    var from = t.FromIban;
                    if (t.Amount > 50_000m)
                    {
                        _escalations.Add(() => CreditBureau.Report({|#0:from|}));
                    }
                }
                public void EndOfDay()
                {
                    foreach (var escalate in _escalations)
                    {
                        escalate();
                    }
                    _escalations.Clear();
                }
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading4_local_function_kept_as_the_pending_retry_is_reported_inside_it() => Check("""
            using System;
            using Telecom;
            sealed class MissedCallNotifier
            {
                private Action? _retry;
                public void OnMissed(CallRecord r)
                {
                    var callee = r.Callee;
                    void Resend() => RoamingPartner.Submit({|#0:callee|});
                    _retry = Resend;
                }
                public void Tick() => _retry?.Invoke();
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading4_handler_added_to_an_own_event_is_reported_inside_it_at_the_captured_sin() => Check("""
            using System;
            using Hr;
            sealed class OffboardingWorkflow
            {
                public event EventHandler? Completed;
                public void Start(Employee e)
                {
                    var sin = e.Sin;
                    Completed += (_, _) => PayrollVendor.Send({|#0:sin|});
                }
                public void Finish() => Completed?.Invoke(this, EventArgs.Empty);
            }
            """ + Hr, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading4_escalation_capturing_the_transfer_but_sending_its_amount_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Bank;
            sealed class FraudMonitor
            {
                private readonly List<Action> _escalations = new();
                public void Watch(Transfer t)
                {
                    if (t.Amount > 50_000m)
                    {
                        _escalations.Add(() => CreditBureau.ReportValue(t.Amount));
                    }
                }
                public void EndOfDay()
                {
                    foreach (var escalate in _escalations)
                    {
                        escalate();
                    }
                }
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading4_pending_retry_masking_the_captured_callee_is_clean() => Check("""
            using System;
            using Telecom;
            sealed class MissedCallNotifier
            {
                private Action? _retry;
                public void OnMissed(CallRecord r)
                {
                    var callee = r.Callee;
                    void Resend() => RoamingPartner.Submit(NumberMasking.Prefix(callee));
                    _retry = Resend;
                }
                public void Tick() => _retry?.Invoke();
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading4_stored_step_invoked_with_a_status_sends_the_status_not_what_it_captured() => Check("""
            using System;
            using System.Collections.Generic;
            using Hr;
            sealed class OffboardingWorkflow
            {
                private readonly List<Action<string>> _steps = new();
                public void Start(Employee e)
                {
                    var name = e.Name;
                    _steps.Add(status =>
                    {
                        Console.WriteLine(name.Length);
                        PayrollVendor.Send(status);
                    });
                }
                public void Finish()
                {
                    foreach (var step in _steps)
                    {
                        step("offboarded");
                    }
                }
            }
            """ + Hr, withPrelude: false);

        [Fact]
        public Task Reading4_captured_variable_overwritten_with_a_pseudonym_before_the_lambda_is_made_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Shop;
            sealed class WelcomeCampaign
            {
                private readonly List<Action> _pending = new();
                public void Enrol(Customer c)
                {
                    var who = c.Email;
                    who = Tokens.Hash(who);
                    _pending.Add(() => AdsPartner.Track(who));
                }
                public void Flush()
                {
                    foreach (var send in _pending)
                    {
                        send();
                    }
                }
            }
            """ + Shop, withPrelude: false);

        // ---------------------------------------------------------------- Reading 5: collections held in fields

        [Fact]
        public Task Reading5_linked_list_of_recent_callers_is_reported_where_the_first_node_is_shared() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class RecentCallers
            {
                private readonly LinkedList<string> _recent = new();
                public void OnCall(CallRecord r)
                {
                    _recent.AddFirst(r.Caller);
                    if (_recent.Count > 10)
                    {
                        _recent.RemoveLast();
                    }
                }
                public void ShareLatest()
                {
                    if (_recent.First is { } node)
                    {
                        RoamingPartner.Submit({|#0:node.Value|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading5_priority_queue_of_on_call_phones_is_reported_where_the_dispatcher_dequeues() => Check("""
            using System.Collections.Generic;
            using Hr;
            sealed class OnCallRoster
            {
                private readonly PriorityQueue<string, int> _rota = new();
                public void Register(Employee e) => _rota.Enqueue(e.Phone, e.Grade);
                public void Page()
                {
                    if (_rota.TryDequeue(out var phone, out var priority))
                    {
                        PayrollVendor.Send({|#0:phone|});
                    }
                }
            }
            """ + Hr, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading5_list_of_tuples_deconstructed_in_foreach_is_reported_at_the_iban() => Check("""
            using System.Collections.Generic;
            using Bank;
            sealed class SettlementBatch
            {
                private readonly List<(string Iban, decimal Amount)> _lines = new();
                public void Add(Transfer t) => _lines.Add((t.ToIban, t.Amount));
                public void Close()
                {
                    foreach (var (iban, amount) in _lines)
                    {
                        CreditBureau.Report({|#0:iban|});
                    }
                }
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading5_dictionary_key_picked_by_LINQ_in_another_method_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class GatewayAbuseCounter
            {
                private readonly Dictionary<string, int> _attemptsByIp = new();
                public void OnAttempt(CallRecord r)
                {
                    _attemptsByIp.TryGetValue(r.GatewayIp, out var n);
                    _attemptsByIp[r.GatewayIp] = n + 1;
                }
                public void ReportWorst()
                {
                    if (_attemptsByIp.Count == 0)
                    {
                        return;
                    }
                    var worst = _attemptsByIp.OrderByDescending(kv => kv.Value).First().Key;
                    RoamingPartner.Submit({|#0:worst|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading5_list_of_tuples_sending_only_the_amount_component_is_clean() => Check("""
            using System.Collections.Generic;
            using Bank;
            sealed class SettlementBatch
            {
                private readonly List<(string Iban, decimal Amount)> _lines = new();
                public void Add(Transfer t) => _lines.Add((t.ToIban, t.Amount));
                public void Close()
                {
                    foreach (var (iban, amount) in _lines)
                    {
                        CreditBureau.ReportValue(amount);
                    }
                }
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading5_priority_queue_fed_pseudonyms_is_clean() => Check("""
            using System.Collections.Generic;
            using Hr;
            sealed class OnCallRoster
            {
                private readonly PriorityQueue<string, int> _rota = new();
                public void Register(Employee e) => _rota.Enqueue(HrMasking.Pseudonym(e.Phone), e.Grade);
                public void Page()
                {
                    if (_rota.TryDequeue(out var handle, out var priority))
                    {
                        PayrollVendor.Send(handle);
                    }
                }
            }
            """ + Hr, withPrelude: false);

        [Fact]
        public Task Reading5_linked_list_of_callers_sharing_only_its_count_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class RecentCallers
            {
                private readonly LinkedList<string> _recent = new();
                public void OnCall(CallRecord r) => _recent.AddFirst(r.Caller);
                public void ShareVolume() => RoamingPartner.SubmitValue(_recent.Count);
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading5_second_queue_field_holding_only_regions_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class CdrOutbox
            {
                private readonly Queue<string> _callers = new();
                private readonly Queue<string> _regions = new();
                public void OnCall(CallRecord r)
                {
                    _callers.Enqueue(r.Caller);
                    _regions.Enqueue(r.Region);
                }
                public void Flush()
                {
                    while (_regions.TryDequeue(out var region))
                    {
                        RoamingPartner.Submit(region);
                    }
                    _callers.Clear();
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- Reading 6: library callbacks

        [Fact]
        public Task Reading6_Parallel_ForEach_over_distinct_short_call_numbers_is_reported_in_the_body() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Telecom;
            sealed class WangiriSweep
            {
                public void Run(IReadOnlyList<CallRecord> calls)
                {
                    var numbers = calls.Where(c => c.DurationSeconds < 3).Select(c => c.Caller).Distinct().ToList();
                    Parallel.ForEach(numbers, number => RoamingPartner.Submit({|#0:number|}));
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading6_Parallel_ForEachAsync_body_receives_the_emails() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Shop;
            sealed class AudienceSync
            {
                public async Task SyncAsync(IEnumerable<Customer> customers, CancellationToken ct)
                {
                    var emails = customers.Select(c => c.Email);
                    await Parallel.ForEachAsync(emails, ct, async (email, token) => await AdsPartner.TrackAsync({|#0:email|}, token));
                }
            }
            """ + Shop, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading6_Task_WhenAll_over_a_Select_of_sends_is_reported_in_the_selector() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Hr;
            sealed class ShiftAlert
            {
                public Task NotifyAsync(IEnumerable<Employee> staff)
                    => Task.WhenAll(staff.Select(e => e.Phone).Select(phone => PayrollVendor.SendAsync({|#0:phone|})));
            }
            """ + Hr, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading6_Array_ForEach_over_holder_ibans_is_reported_in_the_callback() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Bank;
            sealed class DormancyReport
            {
                public void Run(IEnumerable<AccountHolder> holders)
                {
                    var ibans = holders.Where(h => h.Balance == 0m).Select(h => h.Iban).ToArray();
                    Array.ForEach(ibans, iban => CreditBureau.Report({|#0:iban|}));
                }
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading6_GetOrAdd_value_factory_receives_the_email_key() => Check("""
            using System.Collections.Concurrent;
            using Shop;
            sealed class FirstPurchase
            {
                private readonly ConcurrentDictionary<string, bool> _welcomed = new();
                public void OnOrder(Customer c) => _welcomed.GetOrAdd(c.Email, email =>
                {
                    AdsPartner.Track({|#0:email|});
                    return true;
                });
            }
            """ + Shop, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading6_Parallel_ForEachAsync_body_sending_only_a_constant_and_its_token_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Shop;
            sealed class AudienceSync
            {
                public async Task SyncAsync(IEnumerable<Customer> customers, CancellationToken ct)
                {
                    var emails = customers.Select(c => c.Email);
                    await Parallel.ForEachAsync(emails, ct, async (email, token) =>
                    {
                        System.Console.WriteLine(email.Length);
                        await AdsPartner.TrackAsync("batch-item", token);
                    });
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading6_Parallel_For_body_receives_indexes_not_the_numbers() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Telecom;
            sealed class WangiriSweep
            {
                public void Run(IReadOnlyList<CallRecord> calls)
                {
                    var numbers = calls.Select(c => c.Caller).ToList();
                    Parallel.For(0, numbers.Count, i => RoamingPartner.SubmitValue(i));
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading6_ForEach_over_durations_of_identity_records_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class UsageFeed
            {
                public void Run(IReadOnlyList<CallRecord> calls)
                    => calls.Select(c => c.DurationSeconds).ToList().ForEach(d => RoamingPartner.SubmitValue(d));
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading6_Count_with_a_predicate_over_emails_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Shop;
            sealed class B2bShare
            {
                public void Run(IReadOnlyList<Customer> customers)
                    => AdsPartner.TrackObject(customers.Count(c => c.Email.EndsWith("@corp.example")));
            }
            """ + Shop, withPrelude: false);

        // ---------------------------------------------------------------- Reading 7: unconstrained type parameters

        [Fact]
        public Task Reading7_generic_partner_channel_class_is_reported_at_the_callers_patient() => Check("""
            using Clinic;
            sealed class PartnerChannel<T>
            {
                public void Ship(T item) => LabPartner.SubmitObject(item);
            }
            sealed class Transfers
            {
                public void Move(Patient p) => new PartnerChannel<Patient>().Ship({|#0:p|});
            }
            """ + Clinic, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading7_class_type_parameter_constrained_to_the_patient_interface_is_reported_inside() => Check("""
            using Clinic;
            sealed class ReferralQueue<TPatient> where TPatient : IPatient
            {
                public void Send(TPatient patient) => LabPartner.SubmitObject({|#0:patient|});
            }
            sealed class Transfers
            {
                public void Move(Patient p) => new ReferralQueue<Patient>().Send(p);
            }
            """ + Clinic, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading7_type_parameter_constrained_only_to_class_is_reported_at_the_callers_email() => Check("""
            using Shop;
            static class Outbound
            {
                public static void Push<T>(T payload) where T : class => AdsPartner.TrackObject(payload);
            }
            sealed class Signup
            {
                public void Done(Customer c) => Outbound.Push({|#0:c.Email|});
            }
            """ + Shop, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading7_generic_partner_channel_shipping_ward_statistics_is_clean() => Check("""
            using Clinic;
            sealed record WardStats(string Ward, int Days);
            sealed class PartnerChannel<T>
            {
                public void Ship(T item) => LabPartner.SubmitObject(item);
            }
            sealed class Transfers
            {
                public void Move(Patient p) => new PartnerChannel<WardStats>().Ship(new WardStats(p.Ward, p.LengthOfStayDays));
            }
            """ + Clinic, withPrelude: false);

        [Fact]
        public Task Reading7_generic_schema_announcement_sending_typeof_name_is_clean() => Check("""
            using Clinic;
            static class SchemaRegistry
            {
                public static void Announce<T>(T sample) => LabPartner.Submit(typeof(T).Name);
            }
            sealed class Integration
            {
                public void Start(Patient p) => SchemaRegistry.Announce(p);
            }
            """ + Clinic, withPrelude: false);

        [Fact]
        public Task Reading7_constrained_type_parameter_sending_the_non_identifying_ward_is_clean() => Check("""
            using Clinic;
            sealed class BedBoard<TPatient> where TPatient : IPatient
            {
                public void Publish(TPatient patient) => LabPartner.Submit(patient.Ward);
            }
            sealed class Transfers
            {
                public void Move(Patient p) => new BedBoard<Patient>().Publish(p);
            }
            """ + Clinic, withPrelude: false);

        [Fact]
        public Task Reading7_generic_count_of_a_patient_list_is_clean() => Check("""
            using System.Collections.Generic;
            using Clinic;
            static class Census
            {
                public static void ShareCount<T>(IReadOnlyCollection<T> items) => LabPartner.SubmitObject(items.Count);
            }
            sealed class NightShift
            {
                public void Close(List<Patient> admitted) => Census.ShareCount(admitted);
            }
            """ + Clinic, withPrelude: false);

        // ---------------------------------------------------------------- Reading 8: ToString()

        [Fact]
        public Task Reading8_nominal_record_interpolated_carries_the_contact_put_into_it() => Check("""
            using Shop;
            sealed record ReturnRequest
            {
                public string Contact { get; init; } = "";
                public string Sku { get; init; } = "";
            }
            sealed class Returns
            {
                public void Open(Customer c)
                {
                    var request = new ReturnRequest { Contact = c.Email, Sku = "KT-100" };
                    AdsPartner.Track({|#0:$"return opened: {request}"|});
                }
            }
            """ + Shop, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading8_ToString_override_called_through_the_base_document_type_is_reported() => Check("""
            using Hr;
            using Minimization;
            abstract class HrDocument
            {
                public string Period { get; init; } = "";
            }
            sealed class PaySlip : HrDocument
            {
                [IdentityBearing(IdentityCategory.Name)] public string EmployeeName { get; init; } = "";
                public int Grade { get; init; }
                public override string ToString() => $"{Period} {EmployeeName}";
            }
            sealed class PayrollRun
            {
                public void Close(Employee e)
                {
                    HrDocument doc = new PaySlip { Period = "2025-03", EmployeeName = e.Name, Grade = e.Grade };
                    PayrollVendor.Send({|#0:doc.ToString()|});
                }
            }
            """ + Hr, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading8_ToString_override_delegating_to_a_private_helper_is_reported_where_interpolated_with_alignment() => Check("""
            using Minimization;
            using Telecom;
            sealed class CellHandover
            {
                [IdentityBearing(IdentityCategory.CellTower)] public string FromCell { get; init; } = "";
                public string ToCell { get; init; } = "";
                public override string ToString() => Describe();
                private string Describe() => "handover from " + FromCell;
            }
            sealed class HandoverFeed
            {
                public void Publish(CellHandover h) => RoamingPartner.Submit({|#0:$"{h,-60}|"|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading8_ToString_override_reading_only_period_and_grade_is_clean() => Check("""
            using Hr;
            using Minimization;
            sealed class PaySlip
            {
                public string Period { get; init; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string EmployeeName { get; init; } = "";
                public int Grade { get; init; }
                public override string ToString() => $"{Period} grade {Grade}";
            }
            sealed class PayrollRun
            {
                public void Close(Employee e)
                {
                    var slip = new PaySlip { Period = "2025-03", Grade = e.Grade };
                    PayrollVendor.Send(slip.ToString());
                    PayrollVendor.Send($"closed {slip}");
                }
            }
            """ + Hr, withPrelude: false);

        [Fact]
        public Task Reading8_nominal_record_built_from_a_pseudonym_prints_clean() => Check("""
            using Shop;
            sealed record ReturnRequest
            {
                public string Contact { get; init; } = "";
                public string Sku { get; init; } = "";
            }
            sealed class Returns
            {
                public void Open(Customer c)
                {
                    var request = new ReturnRequest { Contact = Tokens.Hash(c.Email), Sku = "KT-100" };
                    AdsPartner.Track($"return opened: {request}");
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading8_ToString_override_testing_the_cell_only_for_emptiness_is_clean() => Check("""
            using Minimization;
            using Telecom;
            sealed class CellHandover
            {
                [IdentityBearing(IdentityCategory.CellTower)] public string FromCell { get; init; } = "";
                public override string ToString() => string.IsNullOrEmpty(FromCell) ? "handover (unknown cell)" : "handover";
            }
            sealed class HandoverFeed
            {
                public void Publish(CellHandover h) => RoamingPartner.Submit(h.ToString());
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading8_interpolating_an_unwritten_member_of_an_object_with_an_identity_ToString_is_clean() => Check("""
            using Minimization;
            using Telecom;
            sealed class CellHandover
            {
                [IdentityBearing(IdentityCategory.CellTower)] public string FromCell { get; init; } = "";
                public string ToCell { get; init; } = "";
                public override string ToString() => "handover from " + FromCell;
            }
            sealed class HandoverFeed
            {
                public void Publish(CallRecord r)
                {
                    var h = new CellHandover { FromCell = r.CellId, ToCell = "cell-B" };
                    RoamingPartner.Submit($"target {h.ToCell}");
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- Reading 9: exceptions and results

        [Fact]
        public Task Reading9_validation_result_error_message_built_from_an_email_is_reported() => Check("""
            using System.ComponentModel.DataAnnotations;
            using Shop;
            sealed class NewsletterValidator
            {
                public void Validate(Customer c)
                {
                    var result = new ValidationResult($"address {c.Email} bounced twice");
                    AdsPartner.Track({|#0:result.ErrorMessage|});
                }
            }
            """ + Shop, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading9_own_exception_recipient_property_is_reported_when_read_in_the_same_flow() => Check("""
            using System;
            using Telecom;
            sealed class SmsDeliveryException : Exception
            {
                public SmsDeliveryException(string recipient) : base("sms delivery failed") => Recipient = recipient;
                public string Recipient { get; }
            }
            sealed class SmsGateway
            {
                public void OnFailed(CallRecord r)
                {
                    var error = new SmsDeliveryException(r.Callee);
                    RoamingPartner.Submit({|#0:error.Recipient|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading9_inner_exception_message_built_from_a_sin_is_reported() => Check("""
            using System;
            using Hr;
            sealed class PayrollImport
            {
                public void Reject(Employee e)
                {
                    var error = new InvalidOperationException("import failed", new FormatException("malformed SIN " + e.Sin));
                    PayrollVendor.Send({|#0:error.InnerException?.Message|});
                }
            }
            """ + Hr, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading9_result_returned_by_a_validator_carries_the_iban_in_its_error() => Check("""
            using Bank;
            sealed record TransferResult(bool Succeeded, string? Error);
            sealed class TransferValidator
            {
                private static TransferResult Validate(Transfer t)
                    => t.Amount <= 0 ? new TransferResult(false, $"rejected debit from {t.FromIban}") : new TransferResult(true, null);

                public void Check(Transfer t)
                {
                    var result = Validate(t);
                    if (!result.Succeeded)
                    {
                        CreditBureau.Report({|#0:result.Error|});
                    }
                }
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading9_HResult_of_an_exception_built_from_an_iban_is_clean() => Check("""
            using System;
            using Bank;
            sealed class TransferGuard
            {
                public void Check(Transfer t)
                {
                    var error = new InvalidOperationException("blocked beneficiary " + t.ToIban);
                    CreditBureau.ReportValue(error.HResult);
                }
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading9_exception_message_built_from_id_and_amount_is_clean() => Check("""
            using System;
            using Bank;
            sealed class TransferGuard
            {
                public void Check(Transfer t)
                {
                    var error = new InvalidOperationException($"transfer {t.Id} over limit by {t.Amount - 10_000m}");
                    CreditBureau.Report(error.Message);
                }
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading9_result_flag_is_clean_even_when_its_error_names_the_iban() => Check("""
            using Bank;
            sealed record TransferResult(bool Succeeded, string? Error);
            sealed class TransferValidator
            {
                private static TransferResult Validate(Transfer t)
                    => t.Amount <= 0 ? new TransferResult(false, $"rejected debit from {t.FromIban}") : new TransferResult(true, null);

                public void Check(Transfer t)
                {
                    var result = Validate(t);
                    CreditBureau.ReportValue(result.Succeeded);
                }
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Reading9_result_error_built_from_a_masked_iban_is_clean() => Check("""
            using Bank;
            sealed record TransferResult(bool Succeeded, string? Error);
            sealed class TransferValidator
            {
                private static TransferResult Validate(Transfer t)
                    => t.Amount <= 0 ? new TransferResult(false, $"rejected debit from {Masking.MaskIban(t.FromIban)}") : new TransferResult(true, null);

                public void Check(Transfer t)
                {
                    var result = Validate(t);
                    if (!result.Succeeded)
                    {
                        CreditBureau.Report(result.Error);
                    }
                }
            }
            """ + Bank, withPrelude: false);

        // ---------------------------------------------------------------- Reading 10: library calls do not mark their receiver

        [Fact]
        public Task Reading10_memory_stream_written_with_a_health_card_number_is_reported_at_ToArray() => Check("""
            using System.IO;
            using System.Text;
            using Clinic;
            sealed class LabManifest
            {
                public void Send(Patient p)
                {
                    using var ms = new MemoryStream();
                    ms.Write(Encoding.UTF8.GetBytes(p.HealthCardNumber));
                    ms.WriteByte((byte)'\n');
                    LabPartner.SubmitBytes({|#0:ms.ToArray()|});
                }
            }
            """ + Clinic, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading10_StringBuilder_AppendFormat_with_the_caller_is_reported() => Check("""
            using System.Text;
            using Telecom;
            sealed class CdrLine
            {
                public void Ship(CallRecord r)
                {
                    var sb = new StringBuilder("CDR;");
                    sb.AppendFormat("{0};{1}", r.Caller, r.DurationSeconds);
                    RoamingPartner.Submit({|#0:sb.ToString()|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading10_dictionary_filled_with_Add_is_reported_when_sent_whole() => Check("""
            using System.Collections.Generic;
            using Bank;
            sealed class BureauPayload
            {
                public void Ship(Transfer t)
                {
                    var fields = new Dictionary<string, object>();
                    fields.Add("iban", t.FromIban);
                    fields.Add("amount", t.Amount);
                    CreditBureau.ReportValue({|#0:fields|});
                }
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading10_list_filled_with_AddRange_of_phones_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Hr;
            sealed class EmergencyTree
            {
                public void Publish(IEnumerable<Employee> staff)
                {
                    var recipients = new List<string>();
                    recipients.AddRange(staff.Select(s => s.Phone));
                    PayrollVendor.SendValue({|#0:recipients|});
                }
            }
            """ + Hr, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading10_smtp_client_that_sent_to_the_customer_does_not_carry_identity_afterwards() => Check("""
            using System.Net.Mail;
            using Shop;
            sealed class OrderMailer
            {
                public void Confirm(Customer c, string body)
                {
                    using var smtp = new SmtpClient("relay.shop.example");
                    smtp.Send("orders@shop.example", c.Email, "Your order", body);
                    AdsPartner.Track(smtp.Host);
                    AdsPartner.TrackObject(smtp.Port);
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading10_regex_that_matched_an_email_does_not_carry_identity_afterwards() => Check("""
            using System.Text.RegularExpressions;
            using Shop;
            sealed class SignupGuard
            {
                private static readonly Regex Disposable = new(@"@(mailinator|tempmail)\.", RegexOptions.IgnoreCase);
                public void Check(Customer c)
                {
                    var match = Disposable.Match(c.Email);
                    AdsPartner.TrackObject(match.Success);
                    AdsPartner.Track(Disposable.ToString());
                    AdsPartner.TrackObject(Disposable.Options);
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading10_activity_tagged_with_an_email_does_not_carry_identity_afterwards() => Check("""
            using System.Diagnostics;
            using Shop;
            sealed class CheckoutTracing
            {
                private static readonly ActivitySource Source = new("Shop.Checkout");
                public void Trace(Customer c)
                {
                    using var activity = Source.StartActivity("checkout");
                    activity?.SetTag("enduser.email", c.Email);
                    AdsPartner.TrackObject(activity?.Id);
                    AdsPartner.Track(Source.Name);
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading10_ping_client_asked_for_the_gateway_ip_gives_a_clean_reply_later() => Check("""
            using System.Net.NetworkInformation;
            using Telecom;
            sealed class GatewayProbe
            {
                public void Probe(CallRecord r)
                {
                    using var ping = new Ping();
                    var first = ping.Send(r.GatewayIp);
                    var reply = ping.Send("core-router.telecom.example");
                    RoamingPartner.Submit(reply.Address.ToString());
                    RoamingPartner.SubmitValue(first.RoundtripTime);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading10_encoding_that_encoded_a_sin_does_not_carry_identity_afterwards() => Check("""
            using System.Text;
            using Hr;
            sealed class PayrollFile
            {
                public void Prepare(Employee e)
                {
                    var encoding = Encoding.GetEncoding("utf-8");
                    var bytes = encoding.GetBytes(e.Sin);
                    PayrollVendor.Send(encoding.WebName);
                    PayrollVendor.SendValue(bytes.Length);
                }
            }
            """ + Hr, withPrelude: false);

        [Fact]
        public Task Reading10_courier_client_and_factory_given_an_address_do_not_carry_identity_afterwards() => Check("""
            using System.Threading.Tasks;
            using Shop;
            interface ICourierClient
            {
                string Endpoint { get; }
                Task<string> BookAsync(string address);
            }
            interface ICourierClientFactory
            {
                ICourierClient ForRegion(string region);
                ICourierClient Default();
            }
            sealed class Dispatch
            {
                public async Task ShipAsync(ICourierClientFactory factory, Customer c)
                {
                    var client = factory.ForRegion(c.Segment);
                    var label = await client.BookAsync(c.ShippingAddress);
                    AdsPartner.Track(client.Endpoint);
                    var fallback = factory.Default();
                    AdsPartner.Track(fallback.Endpoint);
                }
            }
            """ + Shop, withPrelude: false);

        // ---------------------------------------------------------------- Reading 11: containing identity is not being identity

        [Fact]
        public Task Reading11_nested_object_written_into_a_claim_is_reported_when_sent() => Check("""
            using System;
            using Clinic;
            sealed class PatientRef
            {
                public string Name { get; set; } = "";
                public int Bed { get; set; }
            }
            sealed class InsuranceClaim
            {
                public Guid Id { get; set; }
                public PatientRef? Patient { get; set; }
                public string Notes { get; set; } = "";
            }
            sealed class Claims
            {
                public void File(Patient p)
                {
                    var claim = new InsuranceClaim { Id = Guid.NewGuid(), Notes = "routine" };
                    claim.Patient = new PatientRef { Name = p.FullName, Bed = 4 };
                    LabPartner.SubmitObject({|#0:claim.Patient|});
                }
            }
            """ + Clinic, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading11_host_name_of_an_entry_resolved_from_the_gateway_ip_is_reported() => Check("""
            using System.Net;
            using Telecom;
            sealed class GatewayEnricher
            {
                public void Enrich(CallRecord r)
                {
                    var entry = Dns.GetHostEntry(r.GatewayIp);
                    RoamingPartner.Submit({|#0:entry.HostName|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading11_ToString_of_a_mail_address_built_from_the_email_is_reported() => Check("""
            using System.Net.Mail;
            using Shop;
            sealed class Newsletter
            {
                public void Register(Customer c)
                {
                    var address = new MailAddress(c.Email, c.Segment);
                    AdsPartner.Track({|#0:address.ToString()|});
                }
            }
            """ + Shop, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading11_annotated_scalar_member_of_a_plain_application_is_reported() => Check("""
            using System;
            using Bank;
            using Minimization;
            sealed class LoanApplication
            {
                public Guid Id { get; set; }
                [IdentityBearing(IdentityCategory.AccountId)] public long CustomerNumber { get; set; }
                public decimal Requested { get; set; }
            }
            sealed class Scoring
            {
                public void Score(LoanApplication app) => CreditBureau.ReportValue({|#0:app.CustomerNumber|});
            }
            """ + Bank, withPrelude: false, Min001(0));

        [Fact]
        public Task Reading11_guid_enum_date_and_bed_of_a_claim_holding_a_patient_are_clean() => Check("""
            using System;
            using Clinic;
            enum ClaimStatus { Draft, Filed }
            sealed class PatientRef
            {
                public string Name { get; set; } = "";
                public int Bed { get; set; }
            }
            sealed class InsuranceClaim
            {
                public Guid Id { get; set; }
                public ClaimStatus Status { get; set; }
                public DateTime FiledOn { get; set; }
                public PatientRef? Patient { get; set; }
            }
            sealed class Claims
            {
                public void File(Patient p)
                {
                    var claim = new InsuranceClaim { Id = Guid.NewGuid(), FiledOn = DateTime.UtcNow };
                    claim.Patient = new PatientRef { Name = p.FullName, Bed = 4 };
                    claim.Status = ClaimStatus.Filed;
                    LabPartner.SubmitObject(claim.Id);
                    LabPartner.SubmitObject(claim.Status);
                    LabPartner.SubmitObject(claim.FiledOn);
                    LabPartner.SubmitObject(claim.Patient.Bed);
                }
            }
            """ + Clinic, withPrelude: false);

        [Fact]
        public Task Reading11_address_family_and_flags_of_a_parsed_gateway_ip_are_clean() => Check("""
            using System.Net;
            using Telecom;
            sealed class GatewayStats
            {
                public void Record(CallRecord r)
                {
                    var address = IPAddress.Parse(r.GatewayIp);
                    RoamingPartner.SubmitValue(address.AddressFamily);
                    RoamingPartner.SubmitValue(address.IsIPv6LinkLocal);
                    var entry = Dns.GetHostEntry(r.GatewayIp);
                    RoamingPartner.SubmitValue(entry.AddressList.Length);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Reading11_headcount_and_total_of_a_run_holding_names_are_clean() => Check("""
            using System.Collections.Generic;
            using Hr;
            sealed class PayrollRun
            {
                public List<string> Names { get; } = new();
                public int Headcount { get; set; }
                public decimal Total { get; set; }
            }
            sealed class PayrollClose
            {
                public void Close(IEnumerable<Employee> staff)
                {
                    var run = new PayrollRun();
                    foreach (var e in staff)
                    {
                        run.Names.Add(e.Name);
                        run.Headcount++;
                        run.Total += e.Salary;
                    }
                    PayrollVendor.SendValue(run.Headcount);
                    PayrollVendor.SendValue(run.Total);
                }
            }
            """ + Hr, withPrelude: false);

        [Fact]
        public Task Reading11_subject_read_before_the_name_is_written_into_the_mail_is_clean() => Check("""
            using System.Net.Mail;
            using Shop;
            sealed class WelcomeMail
            {
                public void Prepare(Customer c)
                {
                    var message = new MailMessage();
                    message.Subject = "Welcome";
                    var template = message.Subject;
                    message.Subject = "Welcome " + c.Name;
                    AdsPartner.Track(template);
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Reading11_store_copy_returned_by_its_own_factory_never_received_identity_and_is_clean() => Check("""
            using Shop;
            sealed class Receipt
            {
                public string Recipient { get; set; } = "";
                public decimal Total { get; set; }
            }
            static class Receipts
            {
                public static Receipt ForCustomer(Customer c) => new Receipt { Recipient = c.Email };
                public static Receipt ForStore() => new Receipt { Recipient = "store@shop.example" };
            }
            sealed class StoreCopy
            {
                public void Print(Customer c)
                {
                    var customerCopy = Receipts.ForCustomer(c);
                    System.Console.WriteLine(customerCopy.Total);
                    var storeCopy = Receipts.ForStore();
                    AdsPartner.Track(storeCopy.Recipient);
                }
            }
            """ + Shop, withPrelude: false);

        // ---------------------------------------------------------------- precision: mixed rules

        [Fact]
        public Task Precision_predicates_equality_and_contains_on_identity_are_clean() => Check("""
            using System;
            using Shop;
            sealed class DuplicateAccountCheck
            {
                public void Compare(Customer c, Customer other)
                {
                    AdsPartner.TrackObject(string.IsNullOrEmpty(c.Email));
                    AdsPartner.TrackObject(c.Email.Equals(other.Email, StringComparison.OrdinalIgnoreCase));
                    AdsPartner.TrackObject(c.ShippingAddress.Contains("PO Box"));
                    AdsPartner.TrackObject(c.Name == other.Name);
                    AdsPartner.TrackObject(string.Equals(c.Email, other.Email));
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Precision_opt_out_set_field_answering_membership_and_count_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Shop;
            sealed class SuppressionList
            {
                private readonly HashSet<string> _optedOut = new(StringComparer.OrdinalIgnoreCase);
                public void OptOut(Customer c) => _optedOut.Add(c.Email);
                public void Campaign(Customer c)
                {
                    var suppressed = _optedOut.Contains(c.Email);
                    AdsPartner.TrackObject(suppressed);
                    AdsPartner.TrackObject(_optedOut.Count);
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Precision_line_overwritten_with_department_and_grade_before_the_send_is_clean() => Check("""
            using Hr;
            sealed class GradeFeed
            {
                public void Push(Employee e)
                {
                    var line = $"{e.Name};{e.Sin};{e.Grade}";
                    System.Console.WriteLine(line.Length);
                    line = $"{e.Department};{e.Grade}";
                    PayrollVendor.Send(line);
                }
            }
            """ + Hr, withPrelude: false);

        [Fact]
        public Task Precision_minimizer_result_upper_cased_and_interpolated_is_clean() => Check("""
            using Shop;
            sealed class PixelUrl
            {
                public void Fire(Customer c)
                {
                    var token = Tokens.Hash(c.Email).ToUpperInvariant();
                    AdsPartner.Track($"https://ads.example/p?cust={token}&seg={c.Segment}&n={c.OrderCount}");
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Precision_sum_and_distinct_currencies_of_holders_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Bank;
            sealed class PortfolioStats
            {
                public void Publish(IReadOnlyList<AccountHolder> holders)
                {
                    CreditBureau.ReportValue(holders.Sum(h => h.Balance));
                    CreditBureau.Report(string.Join(",", holders.Select(h => h.Currency).Distinct()));
                    CreditBureau.ReportValue(holders.Max(h => h.RiskScore));
                }
            }
            """ + Bank, withPrelude: false);

        [Fact]
        public Task Precision_partner_looking_method_without_PartnerShare_is_not_a_sink() => Check("""
            using Hr;
            static class PartnerApi
            {
                public static void SendToPartner(string payload) { }
                public static void ShareWithVendor(object payload) { }
            }
            sealed class LegacyBridge
            {
                public void Sync(Employee e)
                {
                    PartnerApi.SendToPartner(e.Sin);
                    PartnerApi.ShareWithVendor(e);
                }
            }
            """ + Hr, withPrelude: false);

        [Fact]
        public Task Precision_PartnerShare_parameter_in_another_position_than_the_address_is_clean() => Check("""
            using Minimization;
            using Shop;
            static class Courier
            {
                public static void Book([PartnerShare("Courier")] string serviceLevel, string deliverTo) { }
            }
            sealed class Fulfilment
            {
                public void Ship(Customer c) => Courier.Book("next-day", c.ShippingAddress);
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Precision_logger_and_trace_calls_with_identity_are_not_sinks() => Check("""
            using System;
            using System.Diagnostics;
            using Hr;
            interface IAppLog
            {
                void Info(string template, params object?[] args);
            }
            sealed class ConsoleLog : IAppLog
            {
                public void Info(string template, params object?[] args) => Console.WriteLine(template + string.Join(",", args));
            }
            sealed class PayrollExport
            {
                private readonly IAppLog _log;
                public PayrollExport(IAppLog log) => _log = log;
                public void Run(Employee e)
                {
                    _log.Info("payroll export for {Name} ({Sin})", e.Name, e.Sin);
                    Trace.TraceInformation("exported " + e.Sin);
                    PayrollVendor.SendValue(e.Grade);
                }
            }
            """ + Hr, withPrelude: false);

        [Fact]
        public Task Precision_PartnerShare_property_assigned_a_clean_campaign_on_an_object_holding_an_email_is_clean() => Check("""
            using Minimization;
            using Shop;
            sealed class PartnerExport
            {
                public string Recipient { get; set; } = "";
                [PartnerShare("AdNet")] public string Campaign { get; set; } = "";
            }
            sealed class SpringSale
            {
                public void Prepare(Customer c)
                {
                    var export = new PartnerExport { Recipient = c.Email };
                    export.Campaign = "spring-" + c.Segment;
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Precision_any_all_distinct_count_and_split_length_over_emails_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Shop;
            sealed class AudienceShape
            {
                public void Publish(IReadOnlyList<Customer> customers)
                {
                    AdsPartner.TrackObject(customers.Any(c => c.Email.EndsWith(".gov")));
                    AdsPartner.TrackObject(customers.All(c => c.Email.Contains('@')));
                    AdsPartner.TrackObject(customers.Select(c => c.Email).Distinct().Count());
                    AdsPartner.TrackObject(customers.Sum(c => c.Name.Split(' ').Length));
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Precision_dictionary_field_keyed_by_email_answering_ContainsKey_and_TryGetValue_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Shop;
            sealed class LastSeen
            {
                private readonly Dictionary<string, DateTime> _lastSeen = new();
                public void Seen(Customer c) => _lastSeen[c.Email] = DateTime.UtcNow;
                public void Report(Customer c)
                {
                    AdsPartner.TrackObject(_lastSeen.ContainsKey(c.Email));
                    AdsPartner.TrackObject(_lastSeen.TryGetValue(c.Email, out _));
                    AdsPartner.TrackObject(_lastSeen.Count);
                }
            }
            """ + Shop, withPrelude: false);

        [Fact]
        public Task Precision_forwarding_helper_given_a_pseudonym_and_a_segment_is_clean() => Check("""
            using Shop;
            static class AudienceForwarder
            {
                public static void Forward(string value) => AdsPartner.Track("aud:" + value);
            }
            sealed class Campaigns
            {
                public void Enrol(Customer c)
                {
                    AudienceForwarder.Forward(Tokens.Hash(c.Email));
                    AudienceForwarder.Forward(c.Segment);
                }
            }
            """ + Shop, withPrelude: false);
    }
}
