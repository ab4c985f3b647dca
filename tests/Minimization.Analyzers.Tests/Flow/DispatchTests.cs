using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>MIN001 through virtual dispatch: overrides, interface implementations, abstract bases, annotated interfaces, generic types.</summary>
    public class DispatchTests
    {
        [Fact]
        public Task Override_that_sends_is_followed_from_a_base_typed_call() => Check("""
            using Telecom;
            class CdrExporter
            {
                public virtual void Export(string line) => PartnerGateway.Log(line);
            }
            class UkCdrExporter : CdrExporter
            {
                public override void Export(string line) => PartnerGateway.Send(line);
            }
            class NightlyJob
            {
                void Run(CallRecord r, CdrExporter exporter) => exporter.Export({|#0:r.CallerNumber|});
            }
            """, Min001(0));

        [Fact]
        public Task Virtual_method_whose_overrides_only_log_is_clean() => Check("""
            using Telecom;
            class CdrExporter
            {
                public virtual void Export(string line) => PartnerGateway.Log(line);
            }
            class VerboseCdrExporter : CdrExporter
            {
                public override void Export(string line) => PartnerGateway.Log("verbose: " + line);
            }
            class NightlyJob
            {
                void Run(CallRecord r, CdrExporter exporter) => exporter.Export(r.CallerNumber);
            }
            """);

        [Fact]
        public Task Interface_call_whose_implementation_sends_is_reported_at_the_argument() => Check("""
            using Telecom;
            interface ICdrSink { void Write(string line); }
            class UsPartnerSink : ICdrSink
            {
                public void Write(string line) => PartnerGateway.SendAll(line);
            }
            class ArchiveSink : ICdrSink
            {
                public void Write(string line) => PartnerGateway.Log(line);
            }
            class NightlyJob
            {
                void Run(CallRecord r, ICdrSink sink)
                {
                    sink.Write({|#0:r.CalleeNumber|});
                    sink.Write(r.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Interface_call_whose_implementations_never_send_is_clean() => Check("""
            using Telecom;
            interface ICdrSink { void Write(string line); }
            class ArchiveSink : ICdrSink
            {
                public void Write(string line) => PartnerGateway.Log(line);
            }
            class MinimizingSink : ICdrSink
            {
                public void Write(string line) => PartnerGateway.Send(Minimizers.Pseudonymize(line, "UK"));
            }
            class NightlyJob
            {
                void Run(CallRecord r, ICdrSink sink) => sink.Write(r.CallerNumber);
            }
            """);

        [Fact]
        public Task Abstract_template_method_is_reported_where_identity_enters_the_abstract_call() => Check("""
            using Telecom;
            abstract class Publisher
            {
                protected abstract void Publish(string payload);
                public void PublishCall(CallRecord r) => Publish({|#0:r.TowerId|});
            }
            sealed class NzPublisher : Publisher
            {
                private readonly PartnerFeed _feed = new PartnerFeed();
                protected override void Publish(string payload) => _feed.Payload = payload;
            }
            """, Min001(0));

        [Fact]
        public Task Call_through_a_derived_interface_of_the_annotated_interface_is_a_sink() => Check("""
            using Telecom;
            interface IAuditedChannel : IPartnerChannel { void Audit(string note); }
            class NightlyJob
            {
                void Run(CallRecord r, IAuditedChannel channel)
                {
                    channel.Audit(r.CallerNumber);
                    channel.Publish({|#0:r.CallerNumber|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Explicit_implementation_of_the_annotated_interface_called_through_the_interface_is_a_sink() => Check("""
            using Telecom;
            sealed class AuChannel : IPartnerChannel
            {
                void IPartnerChannel.Publish(string payload) { }
            }
            class NightlyJob
            {
                void Run(Subscriber s)
                {
                    IPartnerChannel channel = new AuChannel();
                    channel.Publish({|#0:s.Email|});
                    channel.Publish(s.Plan);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Override_of_annotated_method_with_clean_payload_is_clean() => Check("""
            using Minimization;
            using Telecom;
            abstract class Exporter { [PartnerShare("US")] public abstract void Export(string line); }
            sealed class CsvExporter : Exporter { public override void Export(string line) { } }
            class NightlyJob
            {
                void Run(CallRecord r, Exporter e)
                {
                    e.Export(r.Region);
                    e.Export(r.DurationSeconds.ToString());
                    e.Export(Minimizers.Pseudonymize(r.CallerNumber, "US"));
                }
            }
            """);

        [Fact]
        public Task Generic_interface_implementation_that_sends_is_followed() => Check("""
            using Telecom;
            interface IForwarder<T> { void Forward(T item); }
            sealed class PartnerForwarder<T> : IForwarder<T> where T : notnull
            {
                public void Forward(T item) => PartnerGateway.Send(item);
            }
            class NightlyJob
            {
                void Run(CallRecord r, IForwarder<string> forwarder) => forwarder.Forward({|#0:r.CallerNumber|});
            }
            """, Min001(0));

        [Fact]
        public Task Generic_type_holding_identity_yields_it_back() => Check("""
            using Telecom;
            sealed class Envelope<T>
            {
                public Envelope(T body, string region) { Body = body; Region = region; }
                public T Body { get; }
                public string Region { get; }
            }
            class NightlyJob
            {
                void Run(CallRecord r)
                {
                    var envelope = new Envelope<string>(r.CallerNumber, r.Region);
                    PartnerGateway.Send({|#0:envelope.Body|});
                    PartnerGateway.Send(envelope.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Generic_type_holding_clean_values_is_clean() => Check("""
            using Telecom;
            sealed class Envelope<T>
            {
                public Envelope(T body) { Body = body; }
                public T Body { get; }
            }
            class NightlyJob
            {
                void Run(CallRecord r)
                {
                    var seconds = new Envelope<int>(r.DurationSeconds);
                    var region = new Envelope<string>(r.Region);
                    PartnerGateway.Send(seconds.Body);
                    PartnerGateway.Send(region.Body);
                    PartnerGateway.Send(region);
                }
            }
            """);

        [Fact]
        public Task Override_that_minimizes_before_sending_is_clean() => Check("""
            using Telecom;
            class CdrExporter
            {
                public virtual void Export(string line) => PartnerGateway.Log(line);
            }
            sealed class SafeExporter : CdrExporter
            {
                public override void Export(string line) => PartnerGateway.Send(Minimizers.Pseudonymize(line, "UK"));
            }
            class NightlyJob
            {
                void Run(CallRecord r, CdrExporter exporter) => exporter.Export(r.CallerNumber);
            }
            """);

        [Fact]
        public Task Override_delegating_to_a_sending_base_through_base_call_is_followed() => Check("""
            using Telecom;
            class CdrExporter
            {
                public virtual void Export(string line) => PartnerGateway.Send(line);
            }
            sealed class AuditedExporter : CdrExporter
            {
                public override void Export(string line)
                {
                    PartnerGateway.Log("exporting");
                    base.Export(line);
                }
            }
            class NightlyJob
            {
                void Run(CallRecord r, AuditedExporter exporter) => exporter.Export({|#0:r.TowerId|});
            }
            """, Min001(0));

        [Fact]
        public Task Default_interface_method_that_sends_is_followed() => Check("""
            using Telecom;
            interface ICdrReporter
            {
                void Report(string line) => PartnerGateway.Send(line);
            }
            sealed class Reporter : ICdrReporter { }
            class NightlyJob
            {
                void Run(CallRecord r, ICdrReporter reporter) => reporter.Report({|#0:r.CallerNumber|});
            }
            """, Min001(0));

        [Fact]
        public Task Abstract_property_whose_override_reads_identity_is_a_source() => Check("""
            using Telecom;
            abstract class CallView
            {
                public abstract string Key { get; }
            }
            sealed class CallerView : CallView
            {
                private readonly CallRecord _call;
                public CallerView(CallRecord call) { _call = call; }
                public override string Key => _call.CallerNumber;
            }
            class NightlyJob
            {
                void Run(CallView view) => PartnerGateway.Send({|#0:view.Key|});
            }
            """, Min001(0));

        [Fact]
        public Task Abstract_property_whose_only_override_reads_a_clean_member_is_clean() => Check("""
            using Telecom;
            abstract class CallView
            {
                public abstract string Key { get; }
            }
            sealed class RegionView : CallView
            {
                private readonly CallRecord _call;
                public RegionView(CallRecord call) { _call = call; }
                public override string Key => _call.Region;
            }
            class NightlyJob
            {
                void Run(CallView view) => PartnerGateway.Send(view.Key);
            }
            """);

        [Fact]
        public Task Implementation_sending_only_a_constant_ignores_its_argument() => Check("""
            using Telecom;
            interface ICdrSink { void Write(string line); }
            sealed class HeartbeatSink : ICdrSink
            {
                public void Write(string line) => PartnerGateway.Send("heartbeat");
            }
            class NightlyJob
            {
                void Run(CallRecord r, ICdrSink sink) => sink.Write(r.CallerNumber);
            }
            """);
    }
}
