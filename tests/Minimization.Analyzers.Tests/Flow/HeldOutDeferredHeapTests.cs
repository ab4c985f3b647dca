using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (Readings 4, 5, 6, 10 and 11): deferred work and outboxes,
    /// identity kept on the heap between methods, and library callbacks. Every program defines its own domain; types are
    /// internal so that MIN010 stays out of the picture. Positives and near-miss negatives alternate.
    /// </summary>
    public class HeldOutDeferredHeapTests
    {
        // =====================================================================================================
        // 1. Deferred work and outboxes
        // =====================================================================================================

        private const string UnitOfWorkProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing("email")]
            sealed class Customer
            {
                public string Email { get; set; } = "";
                [NonIdentifying] public string Tier { get; set; } = "";
            }

            interface IPartnerMailer
            {
                Task SendAsync([PartnerShare("UK")] string recipient, string template);
            }

            sealed class UnitOfWork
            {
                private readonly List<Func<Task>> _afterCommit = new List<Func<Task>>();
                public void OnCommitted(Func<Task> hook) => _afterCommit.Add(hook);
                public async Task CommitAsync()
                {
                    foreach (var hook in _afterCommit)
                    {
                        await hook();
                    }

                    _afterCommit.Clear();
                }
            }
            """;

        [Fact]
        public Task After_commit_hook_capturing_a_customer_email_is_reported_inside_the_hook() => Check(UnitOfWorkProgram + """

            sealed class RegistrationService
            {
                private readonly UnitOfWork _uow;
                private readonly IPartnerMailer _mailer;
                public RegistrationService(UnitOfWork uow, IPartnerMailer mailer) { _uow = uow; _mailer = mailer; }

                public Task RegisterAsync(Customer customer)
                {
                    var address = customer.Email;
                    _uow.OnCommitted(() => _mailer.SendAsync({|#0:address|}, "welcome"));
                    return _uow.CommitAsync();
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task After_commit_hook_capturing_only_the_non_identifying_tier_is_clean() => Check(UnitOfWorkProgram + """

            sealed class RegistrationService
            {
                private readonly UnitOfWork _uow;
                private readonly IPartnerMailer _mailer;
                public RegistrationService(UnitOfWork uow, IPartnerMailer mailer) { _uow = uow; _mailer = mailer; }

                public Task RegisterAsync(Customer customer)
                {
                    var tier = customer.Tier;
                    _uow.OnCommitted(() => _mailer.SendAsync(tier, "tier-report"));
                    return _uow.CommitAsync();
                }
            }
            """, withPrelude: false);

        private const string SmsRetryProgram = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class DeliveryReport
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
                public string Status { get; set; } = "";
                public int Attempt { get; set; }
            }

            static class SmsHub
            {
                public static void Forward([PartnerShare("UK")] string msisdn, string body) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            sealed class SmsRetryQueue
            {
                private readonly Queue<Action> _due = new Queue<Action>();
                public void Schedule(Action retry) => _due.Enqueue(retry);
                public int ProcessDue()
                {
                    var ran = 0;
                    while (_due.TryDequeue(out var retry))
                    {
                        retry();
                        ran++;
                    }

                    return ran;
                }
            }
            """;

        [Fact]
        public Task Retry_action_queued_for_an_undelivered_sms_is_reported_at_the_captured_msisdn() => Check(SmsRetryProgram + """

            sealed class DeliveryReceiptHandler
            {
                private readonly SmsRetryQueue _retries;
                public DeliveryReceiptHandler(SmsRetryQueue retries) => _retries = retries;
                public void OnReceipt(DeliveryReport report, string body)
                {
                    if (report.Status == "DELIVERED") return;
                    var msisdn = report.Msisdn;
                    _retries.Schedule(() => SmsHub.Forward({|#0:msisdn|}, body));
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Retry_action_queued_with_a_pseudonymized_msisdn_is_clean() => Check(SmsRetryProgram + """

            sealed class DeliveryReceiptHandler
            {
                private readonly SmsRetryQueue _retries;
                public DeliveryReceiptHandler(SmsRetryQueue retries) => _retries = retries;
                public void OnReceipt(DeliveryReport report, string body)
                {
                    if (report.Status == "DELIVERED") return;
                    var handle = Privacy.Pseudonymize(report.Msisdn);
                    _retries.Schedule(() => SmsHub.Forward(handle, body));
                }
            }
            """, withPrelude: false);

        private const string JobQueueProgram = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing("imsi")]
            sealed class RoamingEvent
            {
                public string Imsi { get; set; } = "";
                [NonIdentifying] public string VisitedNetwork { get; set; } = "";
            }

            interface IRoamingHub
            {
                [PartnerShare("UK")] Task PushAsync(string value, CancellationToken ct);
            }

            sealed class JobQueue
            {
                private readonly ConcurrentQueue<Func<CancellationToken, Task>> _jobs = new ConcurrentQueue<Func<CancellationToken, Task>>();
                public void Post(Func<CancellationToken, Task> job) => _jobs.Enqueue(job);
                public bool TryTake(out Func<CancellationToken, Task>? job) => _jobs.TryDequeue(out job);
            }

            sealed class JobWorker
            {
                private readonly JobQueue _queue;
                public JobWorker(JobQueue queue) { _queue = queue; }
                public async Task RunAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        while (_queue.TryTake(out var job) && job != null)
                        {
                            await job(stoppingToken);
                        }

                        await Task.Delay(500, stoppingToken);
                    }
                }
            }
            """;

        [Fact]
        public Task Background_job_capturing_an_imsi_is_reported_inside_the_job_and_not_at_the_token() => Check(JobQueueProgram + """

            sealed class RoamingExporter
            {
                private readonly JobQueue _queue;
                private readonly IRoamingHub _hub;
                public RoamingExporter(JobQueue queue, IRoamingHub hub) { _queue = queue; _hub = hub; }
                public void Export(RoamingEvent roaming)
                {
                    var imsi = roaming.Imsi;
                    _queue.Post(ct => _hub.PushAsync({|#0:imsi|}, ct));
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Background_job_capturing_the_visited_network_only_is_clean() => Check(JobQueueProgram + """

            sealed class RoamingExporter
            {
                private readonly JobQueue _queue;
                private readonly IRoamingHub _hub;
                public RoamingExporter(JobQueue queue, IRoamingHub hub) { _queue = queue; _hub = hub; }
                public void Export(RoamingEvent roaming)
                {
                    var network = roaming.VisitedNetwork;
                    _queue.Post(ct => _hub.PushAsync(network, ct));
                }
            }
            """, withPrelude: false);

        private const string ExportRegistryProgram = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class CallDetail
            {
                public Guid CallId { get; set; }
                [IdentityBearing("phone")] public string CallingParty { get; set; } = "";
                public int DurationSeconds { get; set; }
                public string Region { get; set; } = "";
            }

            static class UkClearingHouse
            {
                [PartnerShare("UK")] public static void Upload(string line) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            sealed class ExportRegistry
            {
                private readonly Dictionary<string, Action<string>> _exporters = new Dictionary<string, Action<string>>(StringComparer.OrdinalIgnoreCase);
                public ExportRegistry()
                {
                    _exporters.Add("uk", UploadToUk);
                    _exporters.Add("archive", WriteArchive);
                }

                private static void UploadToUk(string line) => UkClearingHouse.Upload(line);
                private static void WriteArchive(string line) { }

                public void Export(string target, string line)
                {
                    if (_exporters.TryGetValue(target, out var exporter))
                    {
                        exporter(line);
                    }
                }
            }
            """;

        [Fact]
        public Task Exporter_registry_of_method_groups_is_reported_at_the_line_handed_to_the_registry() => Check(ExportRegistryProgram + """

            sealed class NightlyCdrJob
            {
                public void Run(ExportRegistry registry, CallDetail cdr)
                    => registry.Export("uk", {|#0:cdr.CallingParty + "," + cdr.DurationSeconds|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Exporter_registry_handed_a_pseudonymized_line_is_clean() => Check(ExportRegistryProgram + """

            sealed class NightlyCdrJob
            {
                public void Run(ExportRegistry registry, CallDetail cdr)
                    => registry.Export("uk", Privacy.Pseudonymize(cdr.CallingParty) + "," + cdr.DurationSeconds);
            }
            """, withPrelude: false);

        private const string PortingDeskProgram = """
            using System;
            using Minimization;

            [IdentityBearing("phone")]
            sealed class PortRequest
            {
                public string Msisdn { get; set; } = "";
                [NonIdentifying] public string DonorOperator { get; set; } = "";
            }

            static class DonorOperatorApi
            {
                [PartnerShare("UK")] public static void Notify(string value) { }
            }

            sealed class DonorNotifier
            {
                public DonorNotifier(PortingDesk desk) => desk.NumberPortedOut += Notify;
                private void Notify(string value) => DonorOperatorApi.Notify(value);
            }
            """;

        [Fact]
        public Task Event_with_a_method_group_subscriber_is_reported_at_the_argument_of_the_conditional_invoke() => Check(PortingDeskProgram + """

            sealed class PortingDesk
            {
                public event Action<string>? NumberPortedOut;
                public void Complete(PortRequest request) => NumberPortedOut?.Invoke({|#0:request.Msisdn|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Event_with_a_method_group_subscriber_raised_with_the_donor_operator_is_clean() => Check(PortingDeskProgram + """

            sealed class PortingDesk
            {
                public event Action<string>? NumberPortedOut;
                public void Complete(PortRequest request) => NumberPortedOut?.Invoke(request.DonorOperator);
            }
            """, withPrelude: false);

        private const string InProcessBusProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Minimization;

            sealed class SwitchRecord
            {
                [IdentityBearing("phone")] public string CallingParty { get; set; } = "";
                public int DurationSeconds { get; set; }
            }

            sealed record CallEnded(string Caller, int Seconds);

            interface IFraudPartner
            {
                Task ReportAsync([PartnerShare("UK")] object evidence);
            }

            sealed class CallEventBus
            {
                private readonly List<Func<CallEnded, Task>> _subscribers = new List<Func<CallEnded, Task>>();
                public void Subscribe(Func<CallEnded, Task> subscriber) => _subscribers.Add(subscriber);
                public async Task PublishAsync(CallEnded message)
                {
                    foreach (var subscriber in _subscribers)
                    {
                        await subscriber(message);
                    }
                }
            }

            sealed class SwitchListener
            {
                private readonly CallEventBus _bus;
                public SwitchListener(CallEventBus bus) => _bus = bus;
                public Task OnRecord(SwitchRecord record) => _bus.PublishAsync({|#0:new CallEnded(record.CallingParty, record.DurationSeconds)|});
            }
            """;

        [Fact]
        public Task Bus_of_async_subscribers_sending_the_callers_number_is_reported_at_the_published_message() => Check(InProcessBusProgram + """

            sealed class FraudSubscriber
            {
                public FraudSubscriber(CallEventBus bus, IFraudPartner partner)
                {
                    bus.Subscribe(e => partner.ReportAsync(e.Caller));
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Bus_of_async_subscribers_sending_only_the_duration_is_clean() => Check(Unmarked(InProcessBusProgram) + """

            sealed class FraudSubscriber
            {
                public FraudSubscriber(CallEventBus bus, IFraudPartner partner)
                {
                    bus.Subscribe(e => partner.ReportAsync(e.Seconds));
                }
            }
            """, withPrelude: false);

        private const string HandsetProgram = """
            using System;
            using System.Threading;
            using Minimization;

            sealed class Handset
            {
                [IdentityBearing("imei")] public string Imei { get; set; } = "";
                public int BatteryPercent { get; set; }
            }

            interface ILocationPartner
            {
                void Report([PartnerShare("UK")] string device);
            }
            """;

        [Fact]
        public Task Timer_callback_capturing_an_imei_is_reported_inside_the_callback() => Check(HandsetProgram + """

            sealed class LocationPinger : IDisposable
            {
                private Timer? _timer;
                public void Track(Handset handset, ILocationPartner partner)
                {
                    var imei = handset.Imei;
                    _timer = new Timer(_ => partner.Report({|#0:imei|}), null, TimeSpan.Zero, TimeSpan.FromMinutes(5));
                }

                public void Dispose() => _timer?.Dispose();
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Timer_callback_capturing_the_battery_level_is_clean() => Check(HandsetProgram + """

            sealed class LocationPinger : IDisposable
            {
                private Timer? _timer;
                public void Track(Handset handset, ILocationPartner partner)
                {
                    var battery = handset.BatteryPercent;
                    _timer = new Timer(_ => partner.Report("battery=" + battery), null, TimeSpan.Zero, TimeSpan.FromMinutes(5));
                }

                public void Dispose() => _timer?.Dispose();
            }
            """, withPrelude: false);

        private const string KeepAliveProgram = """
            using System;
            using Minimization;

            sealed class WebSession
            {
                public Guid Id { get; set; }
                [IdentityBearing("ip")] public string ClientIp { get; set; } = "";
            }

            static class CdnPartner
            {
                [PartnerShare("UK")] public static void Ping(string value) { }
            }
            """;

        [Fact]
        public Task Elapsed_handler_added_with_plus_equals_is_reported_at_the_captured_ip() => Check(KeepAliveProgram + """

            sealed class SessionKeepAlive
            {
                private readonly System.Timers.Timer _timer = new System.Timers.Timer(30_000);
                public void Start(WebSession session)
                {
                    var ip = session.ClientIp;
                    _timer.Elapsed += (sender, args) => CdnPartner.Ping({|#0:ip|});
                    _timer.Start();
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Elapsed_handler_sending_the_session_id_and_the_signal_time_is_clean() => Check(KeepAliveProgram + """

            sealed class SessionKeepAlive
            {
                private readonly System.Timers.Timer _timer = new System.Timers.Timer(30_000);
                public void Start(WebSession session)
                {
                    var id = session.Id;
                    _timer.Elapsed += (sender, args) => CdnPartner.Ping(id + "@" + args.SignalTime.ToString("O"));
                    _timer.Start();
                }
            }
            """, withPrelude: false);

        private const string CartProgram = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using Minimization;

            [IdentityBearing("email")]
            sealed class Shopper
            {
                public string Email { get; set; } = "";
                [NonIdentifying] public List<string> Skus { get; set; } = new List<string>();
            }

            static class CartRecoveryPartner
            {
                [PartnerShare("UK")] public static void Remind(object value) { }
            }
            """;

        [Fact]
        public Task Cancellation_registration_capturing_an_email_is_reported_inside_the_callback() => Check(CartProgram + """

            sealed class CheckoutSession
            {
                public void Begin(Shopper shopper, CancellationToken abandoned)
                {
                    var email = shopper.Email;
                    abandoned.Register(() => CartRecoveryPartner.Remind({|#0:$"cart abandoned by {email}"|}));
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Cancellation_registration_capturing_the_item_count_is_clean() => Check(CartProgram + """

            sealed class CheckoutSession
            {
                public void Begin(Shopper shopper, CancellationToken abandoned)
                {
                    var items = shopper.Skus.Count;
                    abandoned.Register(() => CartRecoveryPartner.Remind(items));
                }
            }
            """, withPrelude: false);

        private const string NotificationOutboxProgram = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            [IdentityBearing("email")]
            sealed class Member
            {
                public string Email { get; set; } = "";
                [NonIdentifying] public string Locale { get; set; } = "";
            }

            sealed class OutboxRow
            {
                public Guid Id { get; } = Guid.NewGuid();
                public string Recipient { get; init; } = "";
                public string Template { get; init; } = "";
                public int Attempts { get; set; }
            }

            interface IMailRelay
            {
                void Deliver([PartnerShare("UK")] string to, string template);
            }

            sealed class WelcomeFlow
            {
                private readonly NotificationOutbox _outbox;
                public WelcomeFlow(NotificationOutbox outbox) { _outbox = outbox; }
                public void OnSignup(Member member) => _outbox.Stage(new OutboxRow { Recipient = member.Email, Template = "welcome-" + member.Locale });
            }
            """;

        [Fact]
        public Task Outbox_rows_staged_in_a_list_are_reported_where_flush_delivers_the_recipient() => Check(NotificationOutboxProgram + """

            sealed class NotificationOutbox
            {
                private readonly List<OutboxRow> _rows = new List<OutboxRow>();
                public void Stage(OutboxRow row) => _rows.Add(row);
                public void Flush(IMailRelay relay)
                {
                    foreach (var row in _rows)
                    {
                        relay.Deliver({|#0:row.Recipient|}, row.Template);
                        row.Attempts++;
                    }

                    _rows.Clear();
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Outbox_rows_flushed_by_their_id_and_attempt_count_only_are_clean() => Check(NotificationOutboxProgram + """

            sealed class NotificationOutbox
            {
                private readonly List<OutboxRow> _rows = new List<OutboxRow>();
                public void Stage(OutboxRow row) => _rows.Add(row);
                public void Flush(IMailRelay relay)
                {
                    foreach (var row in _rows)
                    {
                        relay.Deliver(row.Id.ToString("N"), "attempt-" + row.Attempts);
                        row.Attempts++;
                    }

                    _rows.Clear();
                }
            }
            """, withPrelude: false);

        private const string OtpOutboxProgram = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class LoginAttempt
            {
                [IdentityBearing("phone")] public string Phone { get; set; } = "";
                public string Code { get; set; } = "";
            }

            sealed class OtpMessage
            {
                public OtpMessage(string body, DateTimeOffset created) { Body = body; Created = created; }
                public string Body { get; }
                public DateTimeOffset Created { get; }
            }

            interface ISmsAggregator
            {
                Task SubmitAsync([PartnerShare("UK")] string body, CancellationToken ct);
            }

            static class Masking
            {
                [Minimizer] public static string MaskMsisdn(string msisdn) => msisdn.Length > 4 ? "****" + msisdn.Substring(msisdn.Length - 2) : "****";
            }

            sealed class OtpOutbox
            {
                private readonly ConcurrentQueue<OtpMessage> _pending = new ConcurrentQueue<OtpMessage>();
                public void Add(OtpMessage message) => _pending.Enqueue(message);
                public async Task<int> DrainAsync(ISmsAggregator aggregator, CancellationToken ct)
                {
                    var sent = 0;
                    while (_pending.TryDequeue(out var message))
                    {
                        await aggregator.SubmitAsync({|#0:message.Body|}, ct).ConfigureAwait(false);
                        sent++;
                    }

                    return sent;
                }
            }
            """;

        [Fact]
        public Task Async_outbox_drained_with_TryDequeue_is_reported_at_the_body_built_from_the_phone() => Check(OtpOutboxProgram + """

            sealed class OtpService
            {
                private readonly OtpOutbox _outbox;
                public OtpService(OtpOutbox outbox) => _outbox = outbox;
                public void Challenge(LoginAttempt attempt)
                    => _outbox.Add(new OtpMessage($"{attempt.Phone}: your code is {attempt.Code}", DateTimeOffset.UtcNow));
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Async_outbox_fed_only_masked_numbers_is_clean() => Check(Unmarked(OtpOutboxProgram) + """

            sealed class OtpService
            {
                private readonly OtpOutbox _outbox;
                public OtpService(OtpOutbox outbox) => _outbox = outbox;
                public void Challenge(LoginAttempt attempt)
                    => _outbox.Add(new OtpMessage($"{Masking.MaskMsisdn(attempt.Phone)}: your code is {attempt.Code}", DateTimeOffset.UtcNow));
            }
            """, withPrelude: false);

        private const string SmsDispatcherHead = """
            using System;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing("phone")]
            sealed class Subscriber
            {
                public string Msisdn { get; set; } = "";
                [NonIdentifying] public string Plan { get; set; } = "";
            }

            sealed record SmsJob(string To, string Text);

            interface ISmsc
            {
                ValueTask SubmitAsync([PartnerShare("UK")] string to, string text, CancellationToken ct);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        [Fact]
        public Task Channel_written_with_TryWrite_and_read_with_ReadAllAsync_is_reported_at_the_job_recipient() => Check(SmsDispatcherHead + """

            sealed class SmsDispatcher
            {
                private readonly Channel<SmsJob> _jobs = Channel.CreateUnbounded<SmsJob>();
                private readonly ISmsc _smsc;
                public SmsDispatcher(ISmsc smsc) => _smsc = smsc;

                public bool Queue(Subscriber subscriber, string text) => _jobs.Writer.TryWrite(new SmsJob(subscriber.Msisdn, text));

                public async Task PumpAsync(CancellationToken ct)
                {
                    await foreach (var job in _jobs.Reader.ReadAllAsync(ct))
                    {
                        await _smsc.SubmitAsync({|#0:job.To|}, job.Text, ct);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Channel_written_with_pseudonymized_recipients_is_clean() => Check(SmsDispatcherHead + """

            sealed class SmsDispatcher
            {
                private readonly Channel<SmsJob> _jobs = Channel.CreateUnbounded<SmsJob>();
                private readonly ISmsc _smsc;
                public SmsDispatcher(ISmsc smsc) => _smsc = smsc;

                public bool Queue(Subscriber subscriber, string text) => _jobs.Writer.TryWrite(new SmsJob(Privacy.Pseudonymize(subscriber.Msisdn), subscriber.Plan));

                public async Task PumpAsync(CancellationToken ct)
                {
                    await foreach (var job in _jobs.Reader.ReadAllAsync(ct))
                    {
                        await _smsc.SubmitAsync(job.To, job.Text, ct);
                    }
                }
            }
            """, withPrelude: false);

        private const string CdrPipelineHead = """
            using System;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            sealed class CallDetail
            {
                [IdentityBearing("phone")] public string CallingParty { get; set; } = "";
                public int DurationSeconds { get; set; }
                public string Region { get; set; } = "";
            }

            static class UkClearingHouse
            {
                [PartnerShare("UK")] public static void Upload(string line) { }
            }

            static class CdrPipeline
            {
                public static (CdrCollector, CdrUploader) Wire()
                {
                    var channel = Channel.CreateBounded<string>(1000);
                    return (new CdrCollector(channel), new CdrUploader(channel));
                }
            }

            sealed class CdrUploader
            {
                private readonly Channel<string> _lines;
                public CdrUploader(Channel<string> lines) => _lines = lines;
                public int UploadPending()
                {
                    var n = 0;
                    while (_lines.Reader.TryRead(out var line))
                    {
                        UkClearingHouse.Upload({|#0:line|});
                        n++;
                    }

                    return n;
                }
            }
            """;

        [Fact]
        public Task Channel_shared_by_a_collector_and_an_uploader_is_reported_where_TryRead_lines_are_uploaded() => Check(CdrPipelineHead + """

            sealed class CdrCollector
            {
                private readonly Channel<string> _lines;
                public CdrCollector(Channel<string> lines) => _lines = lines;
                public ValueTask CollectAsync(CallDetail cdr) => _lines.Writer.WriteAsync(cdr.CallingParty + ";" + cdr.DurationSeconds);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Channel_shared_by_a_collector_writing_only_region_and_duration_is_clean() => Check(Unmarked(CdrPipelineHead) + """

            sealed class CdrCollector
            {
                private readonly Channel<string> _lines;
                public CdrCollector(Channel<string> lines) => _lines = lines;
                public ValueTask CollectAsync(CallDetail cdr) => _lines.Writer.WriteAsync(cdr.Region + ";" + cdr.DurationSeconds);
            }
            """, withPrelude: false);

        private const string ConsentSyncHead = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using Minimization;

            [IdentityBearing("phone")]
            sealed class Subscriber
            {
                public string Msisdn { get; set; } = "";
                [NonIdentifying] public bool MarketingOptIn { get; set; }
            }

            static class ConsentPartner
            {
                [PartnerShare("UK")] public static void Sync(string value) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        [Fact]
        public Task Blocking_collection_consumed_on_a_worker_thread_is_reported_at_the_consumed_item() => Check(ConsentSyncHead + """

            sealed class ConsentSync : IDisposable
            {
                private readonly BlockingCollection<string> _pending = new BlockingCollection<string>(boundedCapacity: 500);
                private readonly Thread _worker;
                public ConsentSync()
                {
                    _worker = new Thread(Consume) { IsBackground = true };
                    _worker.Start();
                }

                public void Changed(Subscriber subscriber) => _pending.Add(subscriber.Msisdn);

                private void Consume()
                {
                    foreach (var msisdn in _pending.GetConsumingEnumerable())
                    {
                        ConsentPartner.Sync({|#0:msisdn|});
                    }
                }

                public void Dispose() => _pending.CompleteAdding();
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Blocking_collection_fed_pseudonyms_is_clean() => Check(ConsentSyncHead + """

            sealed class ConsentSync : IDisposable
            {
                private readonly BlockingCollection<string> _pending = new BlockingCollection<string>(boundedCapacity: 500);
                private readonly Thread _worker;
                public ConsentSync()
                {
                    _worker = new Thread(Consume) { IsBackground = true };
                    _worker.Start();
                }

                public void Changed(Subscriber subscriber) => _pending.Add(Privacy.Pseudonymize(subscriber.Msisdn));

                private void Consume()
                {
                    foreach (var token in _pending.GetConsumingEnumerable())
                    {
                        ConsentPartner.Sync(token);
                    }
                }

                public void Dispose() => _pending.CompleteAdding();
            }
            """, withPrelude: false);

        private const string BillingWorkerHead = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Invoice
            {
                public Guid InvoiceId { get; set; }
                [IdentityBearing("email")] public string BillingEmail { get; set; } = "";
                public decimal Total { get; set; }
            }

            sealed class InvoiceNotice
            {
                public Guid InvoiceId { get; set; }
                public string To { get; set; } = "";
                public decimal Amount { get; set; }
            }

            interface IEmailProvider
            {
                Task SendAsync([PartnerShare("UK")] string to, string subject, CancellationToken ct);
            }

            static class Tokenizer
            {
                [Minimizer] public static string Tokenize(string value) => "tok_" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            static class Composition
            {
                public static (InvoiceIssuer, NoticeWorker) Build(IEmailProvider provider)
                {
                    var shared = new ConcurrentQueue<InvoiceNotice>();
                    return (new InvoiceIssuer(shared), new NoticeWorker(shared, provider));
                }
            }

            sealed class NoticeWorker
            {
                private readonly ConcurrentQueue<InvoiceNotice> _notices;
                private readonly IEmailProvider _provider;
                public NoticeWorker(ConcurrentQueue<InvoiceNotice> notices, IEmailProvider provider) { _notices = notices; _provider = provider; }

                public async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        if (_notices.TryDequeue(out var notice))
                        {
                            await _provider.SendAsync({|#0:notice.To|}, "Invoice " + notice.InvoiceId, stoppingToken);
                        }
                        else
                        {
                            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task Worker_draining_a_queue_injected_into_it_and_the_issuer_is_reported_at_the_notice_recipient() => Check(BillingWorkerHead + """

            sealed class InvoiceIssuer
            {
                private readonly ConcurrentQueue<InvoiceNotice> _outbox;
                public InvoiceIssuer(ConcurrentQueue<InvoiceNotice> outbox) => _outbox = outbox;
                public void Issue(Invoice invoice)
                    => _outbox.Enqueue(new InvoiceNotice { InvoiceId = invoice.InvoiceId, To = invoice.BillingEmail, Amount = invoice.Total });
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Worker_draining_a_queue_fed_tokenized_recipients_is_clean() => Check(Unmarked(BillingWorkerHead) + """

            sealed class InvoiceIssuer
            {
                private readonly ConcurrentQueue<InvoiceNotice> _outbox;
                public InvoiceIssuer(ConcurrentQueue<InvoiceNotice> outbox) => _outbox = outbox;
                public void Issue(Invoice invoice)
                    => _outbox.Enqueue(new InvoiceNotice { InvoiceId = invoice.InvoiceId, To = Tokenizer.Tokenize(invoice.BillingEmail), Amount = invoice.Total });
            }
            """, withPrelude: false);

        private const string WebhookHead = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Order
            {
                [IdentityBearing("email")] public string BuyerEmail { get; set; } = "";
                public int ItemCount { get; set; }
            }

            interface IWebhookPartner
            {
                Task PostAsync([PartnerShare("UK")] string payload);
            }
            """;

        [Fact]
        public Task Async_local_function_kept_as_the_pending_retry_is_reported_inside_it() => Check(WebhookHead + """

            sealed class OrderWebhook
            {
                private Func<Task>? _retry;
                public async Task NotifyAsync(Order order, IWebhookPartner partner)
                {
                    var email = order.BuyerEmail;
                    async Task Attempt() => await partner.PostAsync({|#0:"{\"buyer\":\"" + email + "\"}"|});
                    try
                    {
                        await Attempt();
                    }
                    catch (HttpRequestException)
                    {
                        _retry = Attempt;
                    }
                }

                public Task RetryAsync() => _retry?.Invoke() ?? Task.CompletedTask;
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Async_local_function_kept_as_the_pending_retry_with_the_item_count_is_clean() => Check(WebhookHead + """

            sealed class OrderWebhook
            {
                private Func<Task>? _retry;
                public async Task NotifyAsync(Order order, IWebhookPartner partner)
                {
                    var items = order.ItemCount;
                    async Task Attempt() => await partner.PostAsync("{\"items\":" + items + "}");
                    try
                    {
                        await Attempt();
                    }
                    catch (HttpRequestException)
                    {
                        _retry = Attempt;
                    }
                }

                public Task RetryAsync() => _retry?.Invoke() ?? Task.CompletedTask;
            }
            """, withPrelude: false);

        private const string ShutdownHooksHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Visitor
            {
                [IdentityBearing("ip")] public string RemoteIp { get; set; } = "";
                public int PageViews { get; set; }
            }

            static class AnalyticsPartner
            {
                [PartnerShare("UK")] public static void Flush(string value) { }
            }

            static class ShutdownHooks
            {
                private static readonly List<Action> Hooks = new List<Action>();
                public static void Register(Action hook)
                {
                    lock (Hooks)
                    {
                        Hooks.Add(hook);
                    }
                }

                public static void RunAll()
                {
                    foreach (var hook in Hooks.ToArray())
                    {
                        hook();
                    }
                }
            }
            """;

        [Fact]
        public Task Process_wide_shutdown_hook_capturing_an_ip_is_reported_inside_the_hook() => Check(ShutdownHooksHead + """

            sealed class SessionTracker
            {
                public void Open(Visitor visitor)
                {
                    var ip = visitor.RemoteIp;
                    ShutdownHooks.Register(() => AnalyticsPartner.Flush({|#0:"session-end " + ip|}));
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Process_wide_shutdown_hook_capturing_page_views_is_clean() => Check(ShutdownHooksHead + """

            sealed class SessionTracker
            {
                public void Open(Visitor visitor)
                {
                    var views = visitor.PageViews;
                    ShutdownHooks.Register(() => AnalyticsPartner.Flush("session-end " + views));
                }
            }
            """, withPrelude: false);

        private const string ManifestHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            [IdentityBearing("phone")]
            sealed class LineSubscriber
            {
                public string Msisdn { get; set; } = "";
                [NonIdentifying] public string Plan { get; set; } = "";
            }

            static class WholesalePartner
            {
                [PartnerShare("UK")] public static void Ship(string manifestLine) { }
            }
            """;

        [Fact]
        public Task Payload_builder_stored_in_a_dictionary_is_reported_where_its_result_is_shipped() => Check(ManifestHead + """

            sealed class ManifestBuilder
            {
                private readonly Dictionary<Guid, Func<string>> _builders = new Dictionary<Guid, Func<string>>();
                public Guid Prepare(LineSubscriber subscriber)
                {
                    var id = Guid.NewGuid();
                    _builders[id] = () => subscriber.Msisdn + "|" + subscriber.Plan;
                    return id;
                }

                public void Ship(Guid id)
                {
                    var build = _builders[id];
                    WholesalePartner.Ship({|#0:build()|});
                    _builders.Remove(id);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Payload_builder_stored_in_a_dictionary_returning_only_the_plan_is_clean() => Check(ManifestHead + """

            sealed class ManifestBuilder
            {
                private readonly Dictionary<Guid, Func<string>> _builders = new Dictionary<Guid, Func<string>>();
                public Guid Prepare(LineSubscriber subscriber)
                {
                    var id = Guid.NewGuid();
                    _builders[id] = () => "plan|" + subscriber.Plan;
                    return id;
                }

                public void Ship(Guid id)
                {
                    var build = _builders[id];
                    WholesalePartner.Ship(build());
                    _builders.Remove(id);
                }
            }
            """, withPrelude: false);

        private const string ParcelHead = """
            using System;
            using Minimization;

            sealed class Shipment
            {
                [IdentityBearing("phone")] public string RecipientPhone { get; set; } = "";
                public string TrackingCode { get; set; } = "";
                public Action? OnDelivered { get; set; }
            }

            interface ICourierSms
            {
                void Text([PartnerShare("UK")] string to, string message);
            }

            sealed class DepotScanner
            {
                public void Scanned(Shipment shipment) => shipment.OnDelivered?.Invoke();
            }
            """;

        [Fact]
        public Task Callback_assigned_to_an_action_property_is_reported_inside_it_at_the_captured_phone() => Check(ParcelHead + """

            sealed class DeliveryNotifications
            {
                public void Arm(Shipment shipment, ICourierSms sms)
                {
                    var phone = shipment.RecipientPhone;
                    shipment.OnDelivered = () => sms.Text({|#0:phone|}, "Your parcel has arrived");
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Callback_assigned_to_an_action_property_sending_a_constant_recipient_is_clean() => Check(ParcelHead + """

            sealed class DeliveryNotifications
            {
                public void Arm(Shipment shipment, ICourierSms sms)
                {
                    shipment.OnDelivered = () => sms.Text("depot-desk", "Parcel delivered");
                }
            }
            """, withPrelude: false);

        // =====================================================================================================
        // 2. Identity kept on the heap between methods
        // =====================================================================================================

        private const string AuditTrailHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class LoginEvent
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public bool Succeeded { get; set; }
            }

            static class SecurityPartner
            {
                [PartnerShare("UK")] public static void Upload(string report) { }
            }

            static class AuditTrail
            {
                private static readonly List<string> Lines = new List<string>();
                public static void Write(string line) { lock (Lines) Lines.Add(line); }
                public static string[] Drain()
                {
                    lock (Lines)
                    {
                        var copy = Lines.ToArray();
                        Lines.Clear();
                        return copy;
                    }
                }
            }

            sealed class NightlyAuditExport
            {
                public void Run() => SecurityPartner.Upload({|#0:string.Join(Environment.NewLine, AuditTrail.Drain())|});
            }
            """;

        [Fact]
        public Task Static_audit_list_written_by_the_login_handler_is_reported_at_the_nightly_upload() => Check(AuditTrailHead + """

            sealed class LoginHandler
            {
                public void Handle(LoginEvent login) => AuditTrail.Write($"{DateTime.UtcNow:O} login {(login.Succeeded ? "ok" : "failed")} for {login.Email}");
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_audit_list_written_with_outcomes_only_is_clean() => Check(Unmarked(AuditTrailHead) + """

            sealed class LoginHandler
            {
                public void Handle(LoginEvent login) => AuditTrail.Write($"{DateTime.UtcNow:O} login {(login.Succeeded ? "ok" : "failed")} length {login.Email.Length}");
            }
            """, withPrelude: false);

        private const string RequestContextHead = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class ApiRequest
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
                public string Path { get; set; } = "";
            }

            static class RequestContext
            {
                internal static readonly AsyncLocal<string?> Caller = new AsyncLocal<string?>();
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            interface IUsagePartner
            {
                Task RecordAsync([PartnerShare("UK")] string caller, string path);
            }

            sealed class UsageReporter
            {
                private readonly IUsagePartner _partner;
                public UsageReporter(IUsagePartner partner) => _partner = partner;
                public Task ReportAsync(string path) => _partner.RecordAsync({|#0:RequestContext.Caller.Value ?? "anonymous"|}, path);
            }
            """;

        [Fact]
        public Task Async_local_set_by_middleware_is_reported_where_a_later_service_sends_it() => Check(RequestContextHead + """

            sealed class CallerMiddleware
            {
                public async Task InvokeAsync(ApiRequest request, Func<Task> next)
                {
                    RequestContext.Caller.Value = request.Msisdn;
                    await next();
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Async_local_set_by_middleware_to_a_pseudonym_is_clean() => Check(Unmarked(RequestContextHead) + """

            sealed class CallerMiddleware
            {
                public async Task InvokeAsync(ApiRequest request, Func<Task> next)
                {
                    RequestContext.Caller.Value = Privacy.Pseudonymize(request.Msisdn);
                    await next();
                }
            }
            """, withPrelude: false);

        private const string NumberCacheHead = """
            using System;
            using System.Collections.Concurrent;
            using Minimization;

            sealed class SimCard
            {
                public Guid SubscriptionId { get; set; }
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            static class TopUpPartner
            {
                [PartnerShare("UK")] public static void Credit(string account, decimal amount) { }
            }

            sealed class NumberCache
            {
                private readonly ConcurrentDictionary<Guid, string> _bySubscription = new ConcurrentDictionary<Guid, string>();
                public void Remember(Guid subscriptionId, string number)
                    => _bySubscription.AddOrUpdate(subscriptionId, number, (_, _) => number);
                public string? Lookup(Guid subscriptionId)
                    => _bySubscription.TryGetValue(subscriptionId, out var number) ? number : null;
            }

            sealed class TopUpService
            {
                private readonly NumberCache _cache;
                public TopUpService(NumberCache cache) => _cache = cache;
                public void TopUp(Guid subscriptionId, decimal amount)
                {
                    var account = _cache.Lookup(subscriptionId);
                    if (account != null)
                    {
                        TopUpPartner.Credit({|#0:account|}, amount);
                    }
                }
            }
            """;

        [Fact]
        public Task Cache_shared_between_provisioning_and_top_up_is_reported_where_the_looked_up_number_is_credited() => Check(NumberCacheHead + """

            sealed class ProvisioningService
            {
                private readonly NumberCache _cache;
                public ProvisioningService(NumberCache cache) => _cache = cache;
                public void Activate(SimCard sim) => _cache.Remember(sim.SubscriptionId, sim.Msisdn);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Cache_shared_between_provisioning_and_top_up_holding_pseudonyms_is_clean() => Check(Unmarked(NumberCacheHead) + """

            sealed class ProvisioningService
            {
                private readonly NumberCache _cache;
                public ProvisioningService(NumberCache cache) => _cache = cache;
                public void Activate(SimCard sim) => _cache.Remember(sim.SubscriptionId, Privacy.Pseudonymize(sim.Msisdn));
            }
            """, withPrelude: false);

        private const string UnsubscribeHead = """
            using System;
            using System.Collections.Concurrent;
            using Minimization;

            sealed class UnsubscribeRequest
            {
                [IdentityBearing("email")] public string Address { get; set; } = "";
            }

            static class SuppressionListPartner
            {
                [PartnerShare("UK")] public static void Suppress(object value) { }
            }
            """;

        [Fact]
        public Task Dictionary_keys_filled_with_GetOrAdd_are_reported_where_Keys_are_sent() => Check(UnsubscribeHead + """

            sealed class UnsubscribeLedger
            {
                private readonly ConcurrentDictionary<string, Guid> _receipts = new ConcurrentDictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
                public Guid Record(UnsubscribeRequest request) => _receipts.GetOrAdd(request.Address, _ => Guid.NewGuid());
                public void PushToPartner()
                {
                    foreach (var address in _receipts.Keys)
                    {
                        SuppressionListPartner.Suppress({|#0:address|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Dictionary_keyed_by_addresses_sending_only_its_count_is_clean() => Check(UnsubscribeHead + """

            sealed class UnsubscribeLedger
            {
                private readonly ConcurrentDictionary<string, Guid> _receipts = new ConcurrentDictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
                public Guid Record(UnsubscribeRequest request) => _receipts.GetOrAdd(request.Address, _ => Guid.NewGuid());
                public void PushToPartner() => SuppressionListPartner.Suppress(_receipts.Count);
            }
            """, withPrelude: false);

        private const string TowerStateHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class CallDetail
            {
                public string TowerCode { get; set; } = "";
                [IdentityBearing("phone")] public string CallingParty { get; set; } = "";
            }

            static class NetworkPartner
            {
                [PartnerShare("UK")] public static void Share(object value) { }
            }
            """;

        [Fact]
        public Task Dictionary_values_set_through_the_indexer_are_reported_where_the_entries_are_shared() => Check(TowerStateHead + """

            sealed class TowerState
            {
                private readonly Dictionary<string, string> _lastCallerByTower = new Dictionary<string, string>();
                public void Observe(CallDetail cdr) => _lastCallerByTower[cdr.TowerCode] = cdr.CallingParty;
                public void Publish()
                {
                    foreach (var entry in _lastCallerByTower)
                    {
                        NetworkPartner.Share({|#0:entry.Key + "=" + entry.Value|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Dictionary_values_set_through_the_indexer_sharing_only_the_tower_count_is_clean() => Check(TowerStateHead + """

            sealed class TowerState
            {
                private readonly Dictionary<string, string> _lastCallerByTower = new Dictionary<string, string>();
                public void Observe(CallDetail cdr) => _lastCallerByTower[cdr.TowerCode] = cdr.CallingParty;
                public void Publish() => NetworkPartner.Share(_lastCallerByTower.Count);
            }
            """, withPrelude: false);

        private const string FirstSeenHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class WebVisitor
            {
                public Guid SessionId { get; set; }
                [IdentityBearing("email")] public string Email { get; set; } = "";
            }

            static class RetargetingPartner
            {
                [PartnerShare("UK")] public static void Audience(string member) { }
            }
            """;

        [Fact]
        public Task Key_of_a_key_value_pair_added_with_TryAdd_is_reported_where_it_is_sent() => Check(FirstSeenHead + """

            sealed class FirstSeen
            {
                private readonly Dictionary<string, DateTime> _firstSeen = new Dictionary<string, DateTime>();
                public void Saw(WebVisitor visitor) => _firstSeen.TryAdd(visitor.Email, DateTime.UtcNow);
                public void ExportStale(DateTime cutoff)
                {
                    foreach (var pair in _firstSeen)
                    {
                        if (pair.Value < cutoff)
                        {
                            RetargetingPartner.Audience({|#0:pair.Key|});
                        }
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Key_of_a_key_value_pair_keyed_by_session_id_is_clean() => Check(FirstSeenHead + """

            sealed class FirstSeen
            {
                private readonly Dictionary<Guid, DateTime> _firstSeen = new Dictionary<Guid, DateTime>();
                public void Saw(WebVisitor visitor) => _firstSeen.TryAdd(visitor.SessionId, DateTime.UtcNow);
                public void ExportStale(DateTime cutoff)
                {
                    foreach (var pair in _firstSeen)
                    {
                        if (pair.Value < cutoff)
                        {
                            RetargetingPartner.Audience(pair.Key.ToString());
                        }
                    }
                }
            }
            """, withPrelude: false);

        private const string PortingStackHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class PortIn
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
                public string DonorCode { get; set; } = "";
            }

            interface IDonorApi
            {
                void Reinstate([PartnerShare("UK")] string number);
            }
            """;

        [Fact]
        public Task Stack_pushed_in_one_method_is_reported_where_another_method_pops_it_into_the_sink() => Check(PortingStackHead + """

            sealed class UndoablePortings
            {
                private readonly Stack<string> _recent = new Stack<string>();
                public void Ported(PortIn request) => _recent.Push(request.Msisdn);
                public void RollbackLast(IDonorApi donor)
                {
                    if (_recent.Count > 0)
                    {
                        donor.Reinstate({|#0:_recent.Pop()|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Stack_of_donor_codes_popped_into_the_sink_is_clean() => Check(PortingStackHead + """

            sealed class UndoablePortings
            {
                private readonly Stack<string> _recent = new Stack<string>();
                public void Ported(PortIn request) => _recent.Push(request.DonorCode);
                public void RollbackLast(IDonorApi donor)
                {
                    if (_recent.Count > 0)
                    {
                        donor.Reinstate(_recent.Pop());
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Ring_buffer_array_field_written_by_index_is_reported_where_the_slots_are_sent() => Check("""
            using System;
            using Minimization;

            sealed class HttpHit
            {
                [IdentityBearing("ip")] public string ClientIp { get; set; } = "";
                public int StatusCode { get; set; }
            }

            interface ICdnPartner
            {
                void Blocklist([PartnerShare("UK")] string address);
            }

            sealed class LastSeenRing
            {
                private readonly string?[] _slots = new string?[8];
                private int _next;
                public void Push(string address)
                {
                    _slots[_next] = address;
                    _next = (_next + 1) % _slots.Length;
                }

                public void Report(ICdnPartner partner)
                {
                    foreach (var address in _slots)
                    {
                        if (address is not null)
                        {
                            partner.Blocklist({|#0:address|});
                        }
                    }
                }
            }

            sealed class Firewall
            {
                private readonly LastSeenRing _ring = new LastSeenRing();
                public void OnRequest(HttpHit hit)
                {
                    if (hit.StatusCode == 429)
                    {
                        _ring.Push(hit.ClientIp);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        private const string RecentCallersHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class CallDetail
            {
                [IdentityBearing("phone")] public string CallingParty { get; set; } = "";
                public string Region { get; set; } = "";
            }

            static class FraudPartner
            {
                [PartnerShare("UK")] public static void Submit(string value) { }
            }

            sealed class RecentCallers
            {
                private readonly List<string> _recent = new List<string>();
                public string[] Snapshot()
                {
                    var copy = new string[_recent.Count];
                    _recent.CopyTo(copy);
                    return copy;
                }
            """;

        private const string RecentCallersTail = """

            sealed class FraudFeed
            {
                public void Publish(RecentCallers recent)
                {
                    foreach (var value in recent.Snapshot())
                    {
                        FraudPartner.Submit({|#0:value|});
                    }
                }
            }
            """;

        [Fact]
        public Task List_field_copied_with_CopyTo_into_a_snapshot_is_reported_where_the_snapshot_is_sent() => Check(RecentCallersHead + """

                public void Remember(CallDetail cdr) => _recent.Add(cdr.CallingParty);
            }
            """ + RecentCallersTail, withPrelude: false, Min001(0));

        [Fact]
        public Task List_field_of_regions_copied_with_CopyTo_is_clean() => Check(RecentCallersHead + """

                public void Remember(CallDetail cdr) => _recent.Add(cdr.Region);
            }
            """ + Unmarked(RecentCallersTail), withPrelude: false);

        private const string LeadRepositoryHead = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class Signup
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public int Score { get; set; }
            }

            sealed class Lead
            {
                public Guid Id { get; } = Guid.NewGuid();
                public string Handle { get; set; } = "";
                public int Score { get; set; }
            }

            static class AdPartner
            {
                [PartnerShare("UK")] public static void Match(object value) { }
            }

            sealed class LeadRepository
            {
                private readonly Dictionary<Guid, Lead> _byId = new Dictionary<Guid, Lead>();
                public void Save(Lead lead) => _byId[lead.Id] = lead;
                public IEnumerable<Lead> Hot() => _byId.Values.Where(l => l.Score > 80).ToList();
            }

            sealed class SignupHandler
            {
                private readonly LeadRepository _repo;
                public SignupHandler(LeadRepository repo) => _repo = repo;
                public void Handle(Signup signup) => _repo.Save(new Lead { Handle = signup.Email, Score = signup.Score });
            }
            """;

        [Fact]
        public Task Repository_returning_stored_entities_is_reported_where_the_written_member_is_sent() => Check(LeadRepositoryHead + """

            sealed class AdSync
            {
                public void Run(LeadRepository repo)
                {
                    foreach (var lead in repo.Hot())
                    {
                        AdPartner.Match({|#0:lead.Handle|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Repository_returning_stored_entities_sending_only_scalar_members_is_clean() => Check(LeadRepositoryHead + """

            sealed class AdSync
            {
                public void Run(LeadRepository repo)
                {
                    foreach (var lead in repo.Hot())
                    {
                        AdPartner.Match(lead.Score);
                        AdPartner.Match(lead.Id);
                    }
                }
            }
            """, withPrelude: false);

        private const string DispatchBoardHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class WebOrder
            {
                [IdentityBearing("address")] public string ShippingAddress { get; set; } = "";
            }

            sealed class ParcelDelivery
            {
                public ParcelDelivery(string address, DateTime dueBy) { Address = address; DueBy = dueBy; }
                public string Address { get; }
                public DateTime DueBy { get; }
            }

            interface ICourier
            {
                void Book([PartnerShare("UK")] string address, DateTime dueBy);
                [PartnerShare("UK")] void Forecast(DateTime dueBy);
            }
            """;

        [Fact]
        public Task Value_passed_to_a_constructor_and_queued_is_reported_where_its_property_is_read_back_and_sent() => Check(DispatchBoardHead + """

            sealed class DispatchBoard
            {
                private readonly Queue<ParcelDelivery> _todo = new Queue<ParcelDelivery>();
                public void Plan(WebOrder order) => _todo.Enqueue(new ParcelDelivery(order.ShippingAddress, DateTime.UtcNow.AddDays(2)));
                public void HandOver(ICourier courier)
                {
                    while (_todo.Count > 0)
                    {
                        var delivery = _todo.Dequeue();
                        courier.Book({|#0:delivery.Address|}, delivery.DueBy);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Value_passed_to_a_constructor_and_queued_sending_only_the_due_date_is_clean() => Check(DispatchBoardHead + """

            sealed class DispatchBoard
            {
                private readonly Queue<ParcelDelivery> _todo = new Queue<ParcelDelivery>();
                public void Plan(WebOrder order) => _todo.Enqueue(new ParcelDelivery(order.ShippingAddress, DateTime.UtcNow.AddDays(2)));
                public void HandOver(ICourier courier)
                {
                    while (_todo.TryDequeue(out var delivery))
                    {
                        courier.Forecast(delivery.DueBy);
                    }
                }
            }
            """, withPrelude: false);

        private const string InviteHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Colleague
            {
                [IdentityBearing("email")] public string WorkEmail { get; set; } = "";
            }

            interface IInvitePartner
            {
                void Invite([PartnerShare("UK")] string address);
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            sealed class PendingInvite
            {
                private readonly string _address;
                public PendingInvite(string address) => _address = address;
                public void Send(IInvitePartner partner) => partner.Invite({|#0:_address|});
            }
            """;

        private const string InviteTail = """

            sealed class TeamService
            {
                private readonly List<PendingInvite> _pending = new List<PendingInvite>();
                public void FlushInvites(IInvitePartner partner)
                {
                    foreach (var invite in _pending)
                    {
                        invite.Send(partner);
                    }

                    _pending.Clear();
                }
            """;

        [Fact]
        public Task Object_built_with_an_email_and_kept_in_a_list_is_reported_inside_its_own_send() => Check(InviteHead + InviteTail + """

                public void InviteMember(Colleague colleague) => _pending.Add(new PendingInvite(colleague.WorkEmail));
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Object_built_with_a_pseudonym_and_kept_in_a_list_is_clean() => Check(Unmarked(InviteHead) + InviteTail + """

                public void InviteMember(Colleague colleague) => _pending.Add(new PendingInvite(Privacy.Pseudonymize(colleague.WorkEmail)));
            }
            """, withPrelude: false);

        private const string UsageSummaryHead = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class UsageRecord
            {
                public Guid CallId { get; set; }
                [IdentityBearing("phone")] public string CallingParty { get; set; } = "";
                public int Seconds { get; set; }
            }

            static class InterconnectPartner
            {
                [PartnerShare("UK")] public static void Settle(string party) { }
            }
            """;

        [Fact]
        public Task Dictionary_built_with_ToDictionary_into_a_field_is_reported_where_its_keys_are_settled() => Check(UsageSummaryHead + """

            sealed class UsageSummary
            {
                private Dictionary<string, int> _secondsByCaller = new Dictionary<string, int>();
                public void Load(IEnumerable<UsageRecord> records)
                    => _secondsByCaller = records.GroupBy(r => r.CallingParty).ToDictionary(g => g.Key, g => g.Sum(r => r.Seconds));
                public void Settle()
                {
                    foreach (var party in _secondsByCaller.Keys)
                    {
                        InterconnectPartner.Settle({|#0:party|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Dictionary_built_with_ToDictionary_keyed_by_call_id_is_clean() => Check(UsageSummaryHead + """

            sealed class UsageSummary
            {
                private Dictionary<Guid, int> _secondsByCall = new Dictionary<Guid, int>();
                public void Load(IEnumerable<UsageRecord> records)
                    => _secondsByCall = records.ToDictionary(r => r.CallId, r => r.Seconds);
                public void Settle()
                {
                    foreach (var call in _secondsByCall.Keys)
                    {
                        InterconnectPartner.Settle(call.ToString());
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Opt_out_set_answering_only_membership_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Recipient
            {
                [IdentityBearing("email")] public string Address { get; set; } = "";
            }

            static class CampaignPartner
            {
                [PartnerShare("UK")] public static void Eligible(object flag) { }
            }

            sealed class OptOuts
            {
                private readonly HashSet<string> _optedOut = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                public void OptOut(Recipient recipient) => _optedOut.Add(recipient.Address);
                public void Check(Recipient recipient)
                {
                    CampaignPartner.Eligible(!_optedOut.Contains(recipient.Address));
                    CampaignPartner.Eligible(_optedOut.Count);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Static_bag_drained_through_an_iterator_is_reported_where_each_taken_address_is_synced() => Check("""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using Minimization;

            sealed class NewsletterForm
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
            }

            static class CrmPartner
            {
                [PartnerShare("UK")] public static void Sync(string contact) { }
            }

            static class PendingOptIns
            {
                private static readonly ConcurrentBag<string> Bag = new ConcurrentBag<string>();
                public static void Add(string address) => Bag.Add(address);
                public static IEnumerable<string> TakeAll()
                {
                    while (Bag.TryTake(out var address))
                    {
                        yield return address;
                    }
                }
            }

            sealed class NewsletterController
            {
                public void Submit(NewsletterForm form) => PendingOptIns.Add(form.Email);
            }

            sealed class CrmSyncJob
            {
                public void Run()
                {
                    foreach (var contact in PendingOptIns.TakeAll())
                    {
                        CrmPartner.Sync({|#0:contact|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task List_field_filled_with_AddRange_is_reported_where_another_method_sends_an_element() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class Contact
            {
                [IdentityBearing("phone")] public string Mobile { get; set; } = "";
                public bool Verified { get; set; }
            }

            static class SmsCampaignPartner
            {
                [PartnerShare("UK")] public static void Target(string mobile) { }
            }

            sealed class CampaignBatch
            {
                private readonly List<string> _targets = new List<string>();
                public void Load(IEnumerable<Contact> contacts) => _targets.AddRange(contacts.Where(c => c.Verified).Select(c => c.Mobile));
                public void Launch()
                {
                    for (var i = 0; i < _targets.Count; i++)
                    {
                        SmsCampaignPartner.Target({|#0:_targets[i]|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        private const string ContactStoreHead = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class ContactForm
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public string Topic { get; set; } = "";
            }

            sealed class Contact
            {
                public string Email { get; set; } = "";
                public string Topic { get; set; } = "";
                public DateTime ReceivedAt { get; set; }
            }

            interface IContactStore
            {
                void Add(Contact contact);
                IReadOnlyList<Contact> ByTopic(string topic);
            }

            sealed class InMemoryContactStore : IContactStore
            {
                private readonly List<Contact> _contacts = new List<Contact>();
                public void Add(Contact contact) => _contacts.Add(contact);
                public IReadOnlyList<Contact> ByTopic(string topic) => _contacts.Where(c => c.Topic == topic).ToList();
            }

            interface IHelpdeskPartner
            {
                void OpenTicket([PartnerShare("UK")] string requester, [PartnerShare("UK")] DateTime received);
            }

            sealed class ContactController
            {
                private readonly IContactStore _store;
                public ContactController(IContactStore store) => _store = store;
                public void Post(ContactForm form) => _store.Add(new Contact { Email = form.Email, Topic = form.Topic, ReceivedAt = DateTime.UtcNow });
            }
            """;

        [Fact]
        public Task Store_behind_an_interface_is_reported_where_a_returned_contacts_email_is_sent() => Check(ContactStoreHead + """

            sealed class HelpdeskSync
            {
                private readonly IContactStore _store;
                private readonly IHelpdeskPartner _helpdesk;
                public HelpdeskSync(IContactStore store, IHelpdeskPartner helpdesk) { _store = store; _helpdesk = helpdesk; }
                public void Run()
                {
                    foreach (var contact in _store.ByTopic("billing"))
                    {
                        _helpdesk.OpenTicket({|#0:contact.Email|}, contact.ReceivedAt);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Store_behind_an_interface_sending_a_fixed_requester_and_the_received_time_is_clean() => Check(ContactStoreHead + """

            sealed class HelpdeskSync
            {
                private readonly IContactStore _store;
                private readonly IHelpdeskPartner _helpdesk;
                public HelpdeskSync(IContactStore store, IHelpdeskPartner helpdesk) { _store = store; _helpdesk = helpdesk; }
                public void Run()
                {
                    foreach (var contact in _store.ByTopic("billing"))
                    {
                        _helpdesk.OpenTicket("web-form", contact.ReceivedAt);
                    }
                }
            }
            """, withPrelude: false);

        // =====================================================================================================
        // 3. Library callbacks (Reading 6)
        // =====================================================================================================

        private const string NewsletterHead = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            [IdentityBearing("email")]
            sealed class Reader
            {
                public string Email { get; set; } = "";
                [NonIdentifying] public bool Active { get; set; }
                [NonIdentifying] public string Edition { get; set; } = "";
            }

            static class MailingPartner
            {
                [PartnerShare("UK")] public static void Enrol(string value) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }
            """;

        [Fact]
        public Task List_ForEach_after_Where_and_Select_is_reported_inside_the_callback() => Check(NewsletterHead + """

            sealed class Enrolment
            {
                public void Run(IReadOnlyList<Reader> readers)
                    => readers.Where(r => r.Active).Select(r => r.Email).ToList().ForEach(address => MailingPartner.Enrol({|#0:address|}));
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task List_ForEach_over_minimized_addresses_through_a_method_group_Select_is_clean() => Check(NewsletterHead + """

            sealed class Enrolment
            {
                public void Run(IReadOnlyList<Reader> readers)
                    => readers.Where(r => r.Active).Select(r => r.Email).Select(Privacy.Pseudonymize).ToList().ForEach(token => MailingPartner.Enrol(token));
            }
            """, withPrelude: false);

        [Fact]
        public Task List_ForEach_over_editions_only_is_clean() => Check(NewsletterHead + """

            sealed class Enrolment
            {
                public void Run(List<Reader> readers)
                    => readers.ForEach(r => MailingPartner.Enrol(r.Edition));
            }
            """, withPrelude: false);

        [Fact]
        public Task Select_body_over_a_list_field_filled_elsewhere_is_reported_inside_the_body() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class Caller
            {
                [IdentityBearing("phone")] public string Number { get; set; } = "";
            }

            static class LookupPartner
            {
                [PartnerShare("UK")] public static void Resolve(string number) { }
            }

            sealed class CallerIdBatch
            {
                private readonly List<string> _numbers = new List<string>();
                public void Add(Caller caller) => _numbers.Add(caller.Number);
                public int ResolveAll()
                    => _numbers.Select(n =>
                    {
                        LookupPartner.Resolve({|#0:n|});
                        return n.Length;
                    }).Sum();
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Array_ForEach_over_projected_imeis_is_reported_inside_the_callback() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class Device
            {
                [IdentityBearing("imei")] public string Imei { get; set; } = "";
                public string Model { get; set; } = "";
            }

            static class WarrantyPartner
            {
                [PartnerShare("UK")] public static void Register(string device) { }
            }

            sealed class WarrantyRegistration
            {
                public void Run(IEnumerable<Device> devices)
                {
                    var imeis = devices.Select(d => d.Imei).Distinct().ToArray();
                    Array.ForEach(imeis, imei => WarrantyPartner.Register({|#0:imei|}));
                }
            }
            """, withPrelude: false, Min001(0));

        private const string BulkPushHead = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing("phone")]
            sealed class Line
            {
                public string Msisdn { get; set; } = "";
                [NonIdentifying] public string Tariff { get; set; } = "";
            }

            interface IPushPartner
            {
                [PartnerShare("UK")] ValueTask PushAsync(string value, CancellationToken ct);
            }
            """;

        [Fact]
        public Task Parallel_ForEachAsync_body_is_reported_at_the_element_and_not_at_the_token() => Check(BulkPushHead + """

            sealed class BulkPush
            {
                public Task Run(IEnumerable<Line> lines, IPushPartner partner, CancellationToken ct)
                    => Parallel.ForEachAsync(lines.Select(l => l.Msisdn), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                        async (msisdn, token) => await partner.PushAsync({|#0:msisdn|}, token));
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Parallel_ForEachAsync_over_lines_sending_the_tariff_and_the_token_is_clean() => Check(BulkPushHead + """

            sealed class BulkPush
            {
                public Task Run(IReadOnlyList<Line> lines, IPushPartner partner, CancellationToken ct)
                    => Parallel.ForEachAsync(lines, ct, async (line, token) => await partner.PushAsync(line.Tariff, token));
            }
            """, withPrelude: false);

        [Fact]
        public Task Task_WhenAll_over_a_Select_of_sends_is_reported_inside_the_selector() => Check(BulkPushHead + """

            sealed class BulkPush
            {
                public Task Run(IEnumerable<Line> lines, IPushPartner partner, CancellationToken ct)
                {
                    var numbers = lines.Select(l => l.Msisdn).ToList();
                    return Task.WhenAll(numbers.Select(n => partner.PushAsync({|#0:n|}, ct).AsTask()));
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Parallel_ForEach_index_sent_as_progress_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Handset
            {
                [IdentityBearing("imei")] public string Imei { get; set; } = "";
            }

            static class ProgressPartner
            {
                [PartnerShare("UK")] public static void Progress(long done) { }
            }

            sealed class Reflash
            {
                public void Run(List<Handset> handsets)
                {
                    var imeis = handsets.ConvertAll(h => h.Imei);
                    Parallel.ForEach(imeis, (imei, state, index) => ProgressPartner.Progress(index));
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Count_of_a_Where_over_numbers_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class Dialled
            {
                [IdentityBearing("phone")] public string Number { get; set; } = "";
            }

            static class StatsPartner
            {
                [PartnerShare("UK")] public static void Report(object value) { }
            }

            sealed class InternationalShare
            {
                public void Run(IEnumerable<Dialled> calls)
                {
                    var numbers = calls.Select(c => c.Number).ToList();
                    StatsPartner.Report(numbers.Where(n => n.StartsWith("+44", StringComparison.Ordinal)).Count());
                    StatsPartner.Report(numbers.Any(n => n.StartsWith("+1", StringComparison.Ordinal)));
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Select_over_a_predicate_that_reads_the_number_yields_only_the_region() => Check("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class CallDetail
            {
                [IdentityBearing("phone")] public string CallingParty { get; set; } = "";
                public string Region { get; set; } = "";
            }

            static class RoamingPartner
            {
                [PartnerShare("UK")] public static void Regions(string csv) { }
            }

            sealed class RegionExport
            {
                public void Run(List<CallDetail> calls)
                {
                    var regions = calls.Where(c => c.CallingParty.StartsWith("+44", StringComparison.Ordinal)).Select(c => c.Region).Distinct();
                    RoamingPartner.Regions(string.Join(",", regions));
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Select_with_rank_index_over_readers_building_clean_rows_is_clean() => Check(NewsletterHead + """

            sealed record LeaderboardRow(int Rank, string Edition);

            sealed class Leaderboard
            {
                public void Publish(IEnumerable<Reader> readers)
                {
                    var rows = readers.Select((r, position) => new LeaderboardRow(position + 1, r.Edition)).ToList();
                    foreach (var row in rows)
                    {
                        MailingPartner.Enrol(row.Rank + ":" + row.Edition);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Task_Run_fire_and_forget_capturing_an_address_is_reported_inside_the_lambda() => Check("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Delivery
            {
                [IdentityBearing("address")] public string Street { get; set; } = "";
                public int Parcels { get; set; }
            }

            interface IRoutingPartner
            {
                Task PlanAsync([PartnerShare("UK")] string stop, CancellationToken ct);
            }

            sealed class RoutePlanner
            {
                public void Plan(Delivery delivery, IRoutingPartner partner, CancellationToken ct)
                {
                    var stop = delivery.Street;
                    _ = Task.Run(async () => await partner.PlanAsync({|#0:stop|}, ct), ct);
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Dictionary_GetOrAdd_value_factory_receiving_the_key_is_reported_inside_the_factory() => Check("""
            using System;
            using System.Collections.Concurrent;
            using Minimization;

            sealed class Payer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
            }

            static class RiskPartner
            {
                [PartnerShare("UK")] public static int Score(string email) => 0;
            }

            sealed class RiskCache
            {
                private readonly ConcurrentDictionary<string, int> _scores = new ConcurrentDictionary<string, int>();
                public int ScoreOf(Payer payer) => _scores.GetOrAdd(payer.Email, email => RiskPartner.Score({|#0:email|}));
            }
            """, withPrelude: false, Min001(0));

        // =====================================================================================================
        // 4. Second pass: more heap and deferred shapes
        // =====================================================================================================

        private const string MsisdnExportHead = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Activation
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
                public string Channel { get; set; } = "";
            }

            static class PartnerLedger
            {
                [PartnerShare("UK")] public static void Append(string entry) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonymize(string value) => "p-" + (uint)StringComparer.Ordinal.GetHashCode(value);
            }

            static class Startup
            {
                public static (ActivationRecorder, LedgerWorker) Compose()
                {
                    var pending = new ConcurrentQueue<string>();
                    return (new ActivationRecorder(pending), new LedgerWorker(pending));
                }
            }

            sealed class LedgerWorker
            {
                private readonly ConcurrentQueue<string> _pending;
                public LedgerWorker(ConcurrentQueue<string> pending) => _pending = pending;
                public async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        while (_pending.TryDequeue(out var entry))
                        {
                            PartnerLedger.Append({|#0:entry|});
                        }

                        await Task.Delay(250, stoppingToken);
                    }
                }
            }
            """;

        [Fact]
        public Task Worker_draining_a_string_queue_injected_into_it_and_the_recorder_is_reported_at_the_dequeued_entry() => Check(MsisdnExportHead + """

            sealed class ActivationRecorder
            {
                private readonly ConcurrentQueue<string> _pending;
                public ActivationRecorder(ConcurrentQueue<string> pending) => _pending = pending;
                public void Activated(Activation activation) => _pending.Enqueue(activation.Msisdn + "|" + activation.Channel);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Worker_draining_a_string_queue_fed_pseudonyms_is_clean() => Check(Unmarked(MsisdnExportHead) + """

            sealed class ActivationRecorder
            {
                private readonly ConcurrentQueue<string> _pending;
                public ActivationRecorder(ConcurrentQueue<string> pending) => _pending = pending;
                public void Activated(Activation activation) => _pending.Enqueue(Privacy.Pseudonymize(activation.Msisdn) + "|" + activation.Channel);
            }
            """, withPrelude: false);

        private const string CallbackQueueHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class MissedCall
            {
                [IdentityBearing("phone")] public string From { get; set; } = "";
                public int RingSeconds { get; set; }
            }

            static class CallbackPartner
            {
                [PartnerShare("UK")] public static void Dial(string number) { }
            }
            """;

        [Fact]
        public Task Priority_queue_field_is_reported_where_the_dequeued_number_is_dialled() => Check(CallbackQueueHead + """

            sealed class CallbackScheduler
            {
                private readonly PriorityQueue<string, int> _callbacks = new PriorityQueue<string, int>();
                public void Missed(MissedCall call) => _callbacks.Enqueue(call.From, -call.RingSeconds);
                public void DialNext()
                {
                    if (_callbacks.TryDequeue(out var number, out var priority))
                    {
                        CallbackPartner.Dial({|#0:number|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Priority_queue_field_of_ring_times_is_clean() => Check(CallbackQueueHead + """

            sealed class CallbackScheduler
            {
                private readonly PriorityQueue<string, int> _callbacks = new PriorityQueue<string, int>();
                public void Missed(MissedCall call) => _callbacks.Enqueue("rang " + call.RingSeconds + "s", -call.RingSeconds);
                public void DialNext()
                {
                    if (_callbacks.TryDequeue(out var label, out var priority))
                    {
                        CallbackPartner.Dial(label);
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Linked_list_field_filled_with_AddLast_is_reported_where_its_first_value_is_sent() => Check(CallbackQueueHead + """

            sealed class RecentMissed
            {
                private readonly LinkedList<string> _recent = new LinkedList<string>();
                public void Missed(MissedCall call)
                {
                    _recent.AddLast(call.From);
                    if (_recent.Count > 20) _recent.RemoveFirst();
                }

                public void RingOldest()
                {
                    var oldest = _recent.First;
                    if (oldest != null)
                    {
                        CallbackPartner.Dial({|#0:oldest.Value|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task List_field_filled_with_Insert_is_reported_where_the_head_element_is_sent() => Check(CallbackQueueHead + """

            sealed class RedialStack
            {
                private readonly List<string> _numbers = new List<string>();
                public void Missed(MissedCall call) => _numbers.Insert(0, call.From);
                public void Redial()
                {
                    if (_numbers.Count > 0)
                    {
                        CallbackPartner.Dial({|#0:_numbers[0]|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Inner_list_of_a_dictionary_field_filled_in_one_method_is_reported_where_another_method_sends_it() => Check(CallbackQueueHead + """

            sealed class MissedByTrunk
            {
                private readonly Dictionary<string, List<string>> _byTrunk = new Dictionary<string, List<string>>();
                public void Missed(string trunk, MissedCall call)
                {
                    if (!_byTrunk.TryGetValue(trunk, out var numbers))
                    {
                        numbers = new List<string>();
                        _byTrunk[trunk] = numbers;
                    }

                    numbers.Add(call.From);
                }

                public void CallBack(string trunk)
                {
                    foreach (var number in _byTrunk[trunk])
                    {
                        CallbackPartner.Dial({|#0:number|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Private_collection_property_is_shared_between_the_method_that_fills_it_and_the_one_that_sends() => Check(CallbackQueueHead + """

            sealed class MissedCallDigest
            {
                private List<string> Pending { get; } = new List<string>();
                public void Missed(MissedCall call) => Pending.Add($"{call.From} rang {call.RingSeconds}s");
                public void SendDigest()
                {
                    CallbackPartner.Dial({|#0:string.Join("; ", Pending)|});
                    Pending.Clear();
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Private_collection_property_sending_only_its_count_is_clean() => Check(CallbackQueueHead + """

            sealed class MissedCallDigest
            {
                private List<string> Pending { get; } = new List<string>();
                public void Missed(MissedCall call) => Pending.Add($"{call.From} rang {call.RingSeconds}s");
                public void SendDigest()
                {
                    CallbackPartner.Dial(Pending.Count + " missed calls");
                    Pending.Clear();
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Queue_of_named_tuples_is_reported_where_the_tuple_element_is_sent() => Check(CallbackQueueHead + """

            sealed class CallbackBacklog
            {
                private readonly Queue<(string Number, DateTime At)> _backlog = new Queue<(string Number, DateTime At)>();
                public void Missed(MissedCall call) => _backlog.Enqueue((call.From, DateTime.UtcNow));
                public void Work()
                {
                    while (_backlog.TryDequeue(out var item))
                    {
                        CallbackPartner.Dial({|#0:item.Number|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Immutable_list_field_reassigned_with_Add_is_reported_where_it_is_sent() => Check(CallbackQueueHead + """

            sealed class MissedSnapshot
            {
                private System.Collections.Immutable.ImmutableList<string> _numbers = System.Collections.Immutable.ImmutableList<string>.Empty;
                public void Missed(MissedCall call) => _numbers = _numbers.Add(call.From);
                public void Publish()
                {
                    foreach (var number in _numbers)
                    {
                        CallbackPartner.Dial({|#0:number|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Async_local_read_through_a_static_property_with_a_body_is_reported_where_it_is_sent() => Check("""
            using System;
            using System.Threading;
            using Minimization;

            sealed class InboundCall
            {
                [IdentityBearing("phone")] public string Caller { get; set; } = "";
            }

            static class CallScope
            {
                private static readonly AsyncLocal<string?> CurrentCaller = new AsyncLocal<string?>();
                public static string Caller => CurrentCaller.Value ?? "";
                public static void Begin(InboundCall call) => CurrentCaller.Value = call.Caller;
            }

            static class IvrPartner
            {
                [PartnerShare("UK")] public static void Transfer(string caller) { }
            }

            sealed class IvrMenu
            {
                public void PressedZero() => IvrPartner.Transfer({|#0:CallScope.Caller|});
            }
            """, withPrelude: false, Min001(0));

        private const string FieldDelegateHead = """
            using System;
            using System.Threading.Tasks;
            using Minimization;

            sealed class ChurnSignal
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public double Risk { get; set; }
            }

            interface IRetentionPartner
            {
                Task OfferAsync([PartnerShare("UK")] string target);
            }

            sealed class RetentionDesk
            {
                private readonly Func<string, Task> _offer;
                public RetentionDesk(IRetentionPartner partner) => _offer = target => partner.OfferAsync(target);
            """;

        [Fact]
        public Task Delegate_stored_from_the_constructor_is_reported_at_the_argument_it_is_invoked_with() => Check(FieldDelegateHead + """

                public Task OnSignal(ChurnSignal signal) => signal.Risk > 0.8 ? _offer({|#0:signal.Email|}) : Task.CompletedTask;
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Delegate_stored_from_the_constructor_invoked_with_a_risk_band_is_clean() => Check(FieldDelegateHead + """

                public Task OnSignal(ChurnSignal signal) => signal.Risk > 0.8 ? _offer("band-" + Math.Round(signal.Risk, 1)) : Task.CompletedTask;
            }
            """, withPrelude: false);

        private const string FraudDetectorHead = """
            using System;
            using Minimization;

            sealed class CardPayment
            {
                [IdentityBearing("ip")] public string ClientIp { get; set; } = "";
                public decimal Amount { get; set; }
            }

            static class FraudConsortium
            {
                [PartnerShare("UK")] public static void Flag(string value) { }
            }

            sealed class FraudDetector
            {
                private readonly Action<string> _onSuspicious;
                public FraudDetector(Action<string> onSuspicious) => _onSuspicious = onSuspicious;
            """;

        private const string FraudDetectorTail = """

            static class Wiring
            {
                public static FraudDetector Build() => new FraudDetector(value => FraudConsortium.Flag(value));
            }
            """;

        [Fact]
        public Task Callback_injected_through_a_constructor_is_reported_at_the_argument_the_detector_invokes_it_with() => Check(FraudDetectorHead + """

                public void Inspect(CardPayment payment)
                {
                    if (payment.Amount > 5000m)
                    {
                        _onSuspicious({|#0:payment.ClientIp|});
                    }
                }
            }
            """ + FraudDetectorTail, withPrelude: false, Min001(0));

        [Fact]
        public Task Callback_injected_through_a_constructor_invoked_with_the_amount_is_clean() => Check(FraudDetectorHead + """

                public void Inspect(CardPayment payment)
                {
                    if (payment.Amount > 5000m)
                    {
                        _onSuspicious("amount " + payment.Amount);
                    }
                }
            }
            """ + FraudDetectorTail, withPrelude: false);

        [Fact]
        public Task Deferred_action_taking_the_partner_as_its_argument_is_reported_inside_at_the_captured_value() => Check("""
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Refund
            {
                [IdentityBearing("account-id")] public string AccountNumber { get; set; } = "";
                public decimal Amount { get; set; }
            }

            interface IBankPartner
            {
                void Credit([PartnerShare("UK")] string account, decimal amount);
            }

            sealed class RefundBatch
            {
                private readonly List<Action<IBankPartner>> _steps = new List<Action<IBankPartner>>();
                public void Add(Refund refund)
                {
                    var account = refund.AccountNumber;
                    var amount = refund.Amount;
                    _steps.Add(bank => bank.Credit({|#0:account|}, amount));
                }

                public void Execute(IBankPartner bank)
                {
                    foreach (var step in _steps)
                    {
                        step(bank);
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Object_kept_in_a_single_field_is_reported_inside_its_own_send_not_at_the_receiver() => Check("""
            using System;
            using Minimization;

            sealed class Guest
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
            }

            interface IReviewPartner
            {
                void RequestReview([PartnerShare("UK")] string address);
            }

            sealed class ReviewRequest
            {
                private readonly string _address;
                public ReviewRequest(string address) => _address = address;
                public void Dispatch(IReviewPartner partner) => partner.RequestReview({|#0:_address|});
            }

            sealed class CheckoutDesk
            {
                private ReviewRequest? _pendingReview;
                public void CheckOut(Guest guest) => _pendingReview = new ReviewRequest(guest.Email);
                public void AfterStay(IReviewPartner partner) => _pendingReview?.Dispatch(partner);
            }
            """, withPrelude: false, Min001(0));

        private const string AlertHookHead = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Login
            {
                [IdentityBearing("ip")] public string SourceIp { get; set; } = "";
                public int FailedAttempts { get; set; }
            }

            static class ThreatIntelPartner
            {
                [PartnerShare("UK")] public static void Report(string indicator) { }
            }

            sealed class BruteForceMonitor
            {
                private Action<string>? _onLockout;
                public void OnLockout(Action<string> handler) => _onLockout = handler;
            """;

        private const string AlertHookTail = """

            static class SecurityWiring
            {
                public static BruteForceMonitor Create()
                {
                    var monitor = new BruteForceMonitor();
                    monitor.OnLockout(indicator => ThreatIntelPartner.Report(indicator));
                    return monitor;
                }
            }
            """;

        [Fact]
        public Task Handler_registered_into_a_field_by_another_class_is_reported_at_the_argument_it_is_invoked_with() => Check(AlertHookHead + """

                public void Observe(Login login)
                {
                    if (login.FailedAttempts >= 5)
                    {
                        _onLockout?.Invoke({|#0:login.SourceIp|});
                    }
                }
            }
            """ + AlertHookTail, withPrelude: false, Min001(0));

        [Fact]
        public Task Handler_registered_into_a_field_invoked_with_the_attempt_count_is_clean() => Check(AlertHookHead + """

                public void Observe(Login login)
                {
                    if (login.FailedAttempts >= 5)
                    {
                        _onLockout?.Invoke("lockout after " + login.FailedAttempts);
                    }
                }
            }
            """ + AlertHookTail, withPrelude: false);

        [Fact]
        public Task Own_visitor_method_invoking_the_callers_callback_with_a_member_it_reads_is_reported_at_that_argument() => Check("""
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Account
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public bool Flagged { get; set; }
            }

            static class ComplianceApi
            {
                [PartnerShare("UK")] public static void Escalate(string subject) { }
            }

            sealed class AccountBook
            {
                private readonly List<Account> _accounts = new List<Account>();
                public void ForEachFlagged(Action<string> visit)
                {
                    foreach (var account in _accounts)
                    {
                        if (account.Flagged)
                        {
                            visit({|#0:account.Email|});
                        }
                    }
                }
            }

            sealed class ComplianceJob
            {
                public void Run(AccountBook book) => book.ForEachFlagged(subject => ComplianceApi.Escalate(subject));
            }
            """, withPrelude: false, Min001(0));
    }
}
