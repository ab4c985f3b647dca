using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Tests.Determinism
{
    /// <summary>
    /// A realistic multi-file library of a carrier: several sources, sinks and minimizers, helper chains, fields written by
    /// several methods, statics, collections in fields, interfaces with several implementations, virtual dispatch, a partial
    /// class split across files, mutually recursive helper groups where only some paths carry identity, several sources
    /// reaching the same sink, and public methods returning identity through recursive helpers (MIN010).
    /// </summary>
    public static class CarrierLibrary
    {
        public static Corpus Corpus { get; } = new Corpus("Carrier library", new[]
        {
            ("Carrier/Model.cs", """
                using System;
                using Minimization;

                namespace Carrier.Model
                {
                    public sealed class CallRecord
                    {
                        [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; set; } = "";
                        [IdentityBearing(IdentityCategory.Phone)] public string CalleeNumber { get; set; } = "";
                        [IdentityBearing(IdentityCategory.CellTower)] public string TowerId { get; set; } = "";
                        public string Region { get; set; } = "";
                        public int DurationSeconds { get; set; }
                        public DateTime StartedAt { get; set; }
                    }

                    [IdentityBearing]
                    public sealed class Subscriber
                    {
                        public string Name { get; set; } = "";
                        public string Email { get; set; } = "";
                        [NonIdentifying] public string Plan { get; set; } = "";
                        [NonIdentifying] public int Tier { get; set; }
                    }

                    public sealed class MailHeader
                    {
                        [IdentityBearing(IdentityCategory.Email)] public string From { get; set; } = "";
                        [IdentityBearing(IdentityCategory.IpAddress)] public string ClientIp { get; set; } = "";
                        public int SizeBytes { get; set; }
                    }

                    public sealed class Device
                    {
                        [IdentityBearing(IdentityCategory.Imei)] public string Imei { get; set; } = "";
                        public string Model { get; set; } = "";
                    }
                }
                """),

            ("Carrier/Partners.cs", """
                using Minimization;

                namespace Carrier.Partners
                {
                    public static class UkGateway
                    {
                        [PartnerShare("UK")] public static void Send(object payload) { }
                    }

                    public static class UsGateway
                    {
                        [PartnerShare("US")] public static void Send(string line) { }
                        public static void Log(string line) { }
                    }

                    public static class Router
                    {
                        public static void Route(string partner, [PartnerShare] string payload) { }
                    }

                    public interface IPartnerChannel
                    {
                        [PartnerShare("AU")] void Publish(string payload);
                    }

                    public sealed class AuChannel : IPartnerChannel
                    {
                        public void Publish(string payload) { }
                    }

                    public sealed class NzChannel : IPartnerChannel
                    {
                        public void Publish(string payload) => UsGateway.Log("nz: " + payload.Length);
                    }

                    public sealed class PartnerFeed
                    {
                        [PartnerShare("NZ")] public string? Payload { get; set; }
                        public string? Note { get; set; }
                    }
                }
                """),

            ("Carrier/Privacy.cs", """
                using Carrier.Model;
                using Minimization;

                namespace Carrier
                {
                    public static class Privacy
                    {
                        [Minimizer] public static string Token(string value) => "tok:" + value.Length;

                        [Minimizer] public static string MaskCaller(CallRecord record) => record.CallerNumber.Substring(0, 3) + "****";

                        /// <summary>Not a minimizer: six digits of a phone number still identify.</summary>
                        public static string Truncate(string value) => value.Length > 6 ? value.Substring(0, 6) : value;
                    }
                }
                """),

            ("Carrier/Formatting.cs", """
                using Carrier.Model;

                namespace Carrier
                {
                    public static class Formatting
                    {
                        public static string Normalize(string value) => Digits(value.Trim(), 0);

                        // Mutual recursion that always ends with the value (or a constant).
                        private static string Digits(string value, int i) => i >= value.Length ? value : Skip(value, i + 1);

                        private static string Skip(string value, int i) => i % 7 == 0 ? Digits(value, i + 1) : (i > 40 ? "overflow" : Digits(value, i + 2));

                        // A group of three where identity enters on one path only (Fallback's tower).
                        public static string Label(CallRecord record, int depth) => depth <= 0 ? record.Region : Compose(record, depth - 1);

                        private static string Compose(CallRecord record, int depth) => depth % 2 == 0 ? Label(record, depth) + "/" + record.DurationSeconds : Fallback(record, depth);

                        private static string Fallback(CallRecord record, int depth) => depth > 3 ? Label(record, depth - 2) : record.TowerId;

                        // Returns its parameter through a pair.
                        public static string Pad(string value, int width) => value.Length >= width ? value : PadLeft("0" + value, width);

                        private static string PadLeft(string value, int width) => value.Length >= width ? value : Pad(value, width);

                        // Never returns its parameter.
                        public static string Depth(string value, int n) => n == 0 ? "done" : Depth2(value + "x", n - 1);

                        private static string Depth2(string value, int n) => n == 0 ? "done" : Depth(value, n - 1);
                    }
                }
                """),

            ("Carrier/Directory.cs", """
                using Carrier.Model;
                using Minimization;

                namespace Carrier
                {
                    public static class CallDirectory
                    {
                        public static string CallerOf(CallRecord record) => Chase(record, 3);

                        private static string Chase(CallRecord record, int n) => n == 0 ? record.CallerNumber.Trim() : Hop(record, n - 1);

                        private static string Hop(CallRecord record, int n) => n % 2 == 0 ? Chase(record, n) : Chase(record, n - 1);

                        public static string RegionOf(CallRecord record) => Walk(record, 2);

                        private static string Walk(CallRecord record, int n) => n == 0 ? record.Region : Walk(record, n - 1);

                        [return: IdentityBearing(IdentityCategory.Phone)]
                        public static string AnnotatedCaller(CallRecord record) => Chase(record, 1);

                        public static string SenderOf(MailHeader header) => Formatting.Pad(header.From, 20);

                        public static string TowerLabel(CallRecord record) => Formatting.Label(record, 6);

                        public static string Describe(Subscriber subscriber) => subscriber.Plan + ":" + subscriber.Tier;

                        public static string Contact(Subscriber subscriber) => subscriber.Email;

                        public static string Obscured(Device device) => Formatting.Depth(device.Imei, 4);
                    }
                }
                """),

            ("Carrier/State.cs", """
                using System.Collections.Generic;
                using Carrier.Model;
                using Carrier.Partners;

                namespace Carrier
                {
                    public sealed class CallCache
                    {
                        private string _last = "";
                        private readonly List<string> _buffer = new List<string>();
                        private readonly Dictionary<string, string> _byRegion = new Dictionary<string, string>();

                        public void ObserveCaller(CallRecord record) => _last = record.CallerNumber;

                        public void ObserveRegion(CallRecord record) => _last = record.Region;

                        public void ObserveMasked(CallRecord record) => _last = Privacy.MaskCaller(record);

                        public void Buffer(CallRecord record)
                        {
                            _buffer.Add(record.Region);
                            _buffer.Add(Formatting.Normalize(record.CalleeNumber));
                        }

                        public void Index(CallRecord record) => _byRegion[record.Region] = record.TowerId;

                        public void FlushLast() => UkGateway.Send(_last);

                        public void FlushBuffer()
                        {
                            foreach (var line in _buffer)
                            {
                                UsGateway.Send(line);
                            }
                        }

                        public void FlushIndex(IPartnerChannel channel)
                        {
                            foreach (var pair in _byRegion)
                            {
                                channel.Publish(pair.Key + "=" + pair.Value);
                            }
                        }
                    }

                    public static class Audit
                    {
                        private static string s_lastSender = "";
                        private static readonly List<string> s_recent = new List<string>();
                        public static int Count;

                        public static void Record(MailHeader header)
                        {
                            s_lastSender = header.From;
                            s_recent.Add(header.ClientIp);
                            Count++;
                        }

                        public static void RecordSize(MailHeader header) => s_recent.Add(header.SizeBytes.ToString());

                        public static void Reset() => s_lastSender = "nobody";

                        public static void Publish(PartnerFeed feed)
                        {
                            feed.Payload = s_lastSender;
                            feed.Note = s_recent.Count.ToString();
                        }

                        public static void Export() => Router.Route("US", string.Join(",", s_recent));

                        public static string LastSender() => s_lastSender;
                    }

                    public static class Digest
                    {
                        private static string s_digest = "";

                        public static void AddCall(CallRecord record) => s_digest += record.CalleeNumber;

                        public static void AddMail(MailHeader header) => s_digest += header.ClientIp;

                        public static void AddDevice(Device device) => s_digest = s_digest + device.Model;

                        public static void Flush(IPartnerChannel channel) => channel.Publish(s_digest);
                    }
                }
                """),

            ("Carrier/Exporters.cs", """
                using Carrier.Model;
                using Carrier.Partners;

                namespace Carrier
                {
                    public interface IExporter
                    {
                        void Export(CallRecord record);
                    }

                    public sealed class RawExporter : IExporter
                    {
                        public void Export(CallRecord record) => UkGateway.Send(Format(record));

                        private static string Format(CallRecord record) => record.CallerNumber + ";" + record.Region;
                    }

                    public sealed class MaskedExporter : IExporter
                    {
                        public void Export(CallRecord record) => UkGateway.Send(Privacy.MaskCaller(record));
                    }

                    public sealed class ChannelExporter : IExporter
                    {
                        private readonly IPartnerChannel _channel;

                        public ChannelExporter(IPartnerChannel channel) => _channel = channel;

                        public void Export(CallRecord record) => _channel.Publish(Formatting.Label(record, 4));
                    }

                    public sealed class LogExporter : IExporter
                    {
                        public void Export(CallRecord record) => UsGateway.Log(record.CallerNumber);
                    }
                }
                """),

            ("Carrier/Formatters.cs", """
                using Carrier.Model;

                namespace Carrier
                {
                    public abstract class CallFormatter
                    {
                        public abstract string Format(CallRecord record);

                        public virtual string Header(CallRecord record) => "cdr:" + record.Region;

                        public string Line(CallRecord record) => Header(record) + ";" + Format(record);
                    }

                    public sealed class RegionFormatter : CallFormatter
                    {
                        public override string Format(CallRecord record) => record.Region;
                    }

                    public sealed class CallerFormatter : CallFormatter
                    {
                        public override string Format(CallRecord record) => Formatting.Normalize(record.CallerNumber);
                    }

                    public class TowerFormatter : CallFormatter
                    {
                        public override string Format(CallRecord record) => record.DurationSeconds.ToString();

                        public override string Header(CallRecord record) => "tower:" + record.TowerId;
                    }

                    public sealed class QuietTowerFormatter : TowerFormatter
                    {
                        public override string Header(CallRecord record) => "tower";
                    }
                }
                """),

            ("Carrier/Pipeline.Ingest.cs", """
                using Carrier.Model;

                namespace Carrier
                {
                    public sealed partial class Pipeline
                    {
                        private string _pending = "";
                        private static string s_shared = "";

                        public void Ingest(CallRecord record)
                        {
                            _pending = Formatting.Label(record, 2);
                            s_shared = record.CallerNumber;
                        }

                        public void IngestQuietly(CallRecord record) => _pending = record.Region;

                        private string Stage1(string value, int n) => n <= 0 ? _pending : Stage2(value + s_shared, n - 1);
                    }
                }
                """),

            ("Carrier/Pipeline.Emit.cs", """
                using Carrier.Partners;

                namespace Carrier
                {
                    public sealed partial class Pipeline
                    {
                        private string Stage2(string value, int n) => n % 3 == 0 ? Stage1(value, n - 1) : Stage1("clean", n - 1);

                        public void Emit(IPartnerChannel channel) => channel.Publish(Stage1("", 5));

                        public void EmitValue(IPartnerChannel channel, string value) => channel.Publish(Stage2(value, 4));

                        public void Clear()
                        {
                            _pending = "";
                            s_shared = "";
                        }

                        public string Peek() => Stage2("", 4);
                    }
                }
                """),

            ("Carrier/NightlyJob.cs", """
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using Carrier.Model;
                using Carrier.Partners;

                namespace Carrier
                {
                    public sealed class NightlyJob
                    {
                        private readonly CallCache _cache = new CallCache();
                        private readonly List<IExporter> _exporters = new List<IExporter>();
                        private readonly CallFormatter _formatter;
                        private readonly Pipeline _pipeline = new Pipeline();

                        public NightlyJob(CallFormatter formatter, IPartnerChannel channel)
                        {
                            _formatter = formatter;
                            _exporters.Add(new RawExporter());
                            _exporters.Add(new MaskedExporter());
                            _exporters.Add(new ChannelExporter(channel));
                        }

                        public void Run(CallRecord record, MailHeader header, Subscriber subscriber, Device device, IPartnerChannel channel, bool verbose)
                        {
                            _cache.ObserveCaller(record);
                            _cache.ObserveRegion(record);
                            _cache.FlushLast();
                            _cache.Buffer(record);
                            _cache.FlushBuffer();
                            _cache.Index(record);
                            _cache.FlushIndex(channel);

                            foreach (var exporter in _exporters)
                            {
                                exporter.Export(record);
                            }

                            UsGateway.Send(_formatter.Line(record));

                            var who = verbose ? record.CallerNumber : header.From;
                            Share(who);
                            Share(subscriber.Name);
                            Share(device.Model);
                            Share(Privacy.Token(device.Imei));
                            Router.Route("UK", Formatting.Pad(device.Imei, 16));
                            Router.Route("UK", Formatting.Depth(device.Imei, 3));
                            UkGateway.Send(Formatting.Label(record, 5));

                            Audit.Record(header);
                            Audit.Publish(new PartnerFeed());
                            Audit.Export();

                            Digest.AddCall(record);
                            Digest.AddMail(header);
                            Digest.Flush(channel);

                            _pipeline.Ingest(record);
                            _pipeline.Emit(channel);

                            var line = Privacy.Truncate(record.CalleeNumber) + "|" + Privacy.Token(record.CallerNumber);
                            UkGateway.Send(line);
                        }

                        public void RunBatch(IReadOnlyList<CallRecord> records, IPartnerChannel channel)
                        {
                            Func<CallRecord, string> pick = r => r.TowerId;
                            var towers = records.Where(r => r.DurationSeconds > 60).Select(pick).ToList();
                            channel.Publish(string.Join(";", towers));
                            var regions = records.Select(r => r.Region).Distinct().ToList();
                            channel.Publish(string.Join(";", regions));
                            foreach (var r in records)
                            {
                                UkGateway.Send(CallDirectory.CallerOf(r));
                                UkGateway.Send(CallDirectory.RegionOf(r));
                            }
                        }

                        private static void Share(string payload) => Relay(payload, 2);

                        private static void Relay(string payload, int hops)
                        {
                            if (hops == 0)
                            {
                                UsGateway.Send(payload);
                            }
                            else
                            {
                                Forward(payload, hops - 1);
                            }
                        }

                        private static void Forward(string payload, int hops)
                        {
                            if (hops % 2 == 0)
                            {
                                Relay(payload, hops);
                            }
                            else
                            {
                                Relay("[" + payload + "]", hops);
                            }
                        }
                    }
                }
                """),
        }, OutputKind.DynamicallyLinkedLibrary);
    }
}
