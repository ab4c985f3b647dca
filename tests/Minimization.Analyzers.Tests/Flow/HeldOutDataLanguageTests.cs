using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract alone: data structures and language features as telecom and
    /// metadata-sharing code uses them (tuples, records, structs and by-ref parameters, patterns, iterators, LINQ,
    /// spans, nullable values, Lazy, local functions, generics, extensions, indexers, user operators, custom
    /// collections, builders, flush-on-dispose exporters, locks, dictionary keys, formatting, encodings and hashes).
    /// Positives and near-miss clean twins.
    /// </summary>
    public class HeldOutDataLanguageTests
    {
        // ---------------------------------------------------------------- domain

        private const string Telecom = """

            namespace Telecom
            {
                using System;
                using System.Collections.Generic;
                using System.Net;
                using Minimization;

                public sealed class Subscriber
                {
                    public Guid Id { get; set; }
                    [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
                    [IdentityBearing("imsi")] public string Imsi { get; set; } = "";
                    [IdentityBearing("imsi")] public long? ImsiNumber { get; set; }
                    [IdentityBearing("email")] public string Email { get; set; } = "";
                    public string Plan { get; set; } = "";
                    public int DataUsageMb { get; set; }
                    public DateTime ActivatedOn { get; set; }
                }

                public sealed class Household
                {
                    public string Label { get; set; } = "";
                    public List<Subscriber> Members { get; } = new();
                }

                public sealed class DataSession
                {
                    [IdentityBearing("ip")] public IPAddress ClientAddress { get; set; } = IPAddress.None;
                    public long BytesUp { get; set; }
                    public string Apn { get; set; } = "";
                }

                public sealed record CallDetailRecord(
                    [property: IdentityBearing("phone")] string Caller,
                    [property: IdentityBearing("phone")] string Callee,
                    int DurationSec,
                    string CellId);

                public sealed record RoamingEvent(string Subscriber, string Country, long Bytes);

                [IdentityBearing("ip")]
                public readonly struct PeerEndpoint
                {
                    public PeerEndpoint(string ip, int port) { Ip = ip; Port = port; }
                    public string Ip { get; }
                    [NonIdentifying] public int Port { get; }
                }

                public static class RoamingPartner
                {
                    [PartnerShare("UK")] public static void Send(string payload) { }
                    [PartnerShare("UK")] public static void SendValue(object? payload) { }
                    [PartnerShare("UK")] public static void SendBytes(byte[] payload) { }
                    [PartnerShare("UK")] public static void SendCount(long count) { }
                    [PartnerShare("UK")] public static void SendMany(IEnumerable<string> items) { }
                }

                public static class Minimizers
                {
                    [Minimizer] public static string PseudonymizePhone(string msisdn) => "tel_" + msisdn.Length;
                    [Minimizer] public static string PseudonymizeImsi(string imsi) => "imsi_" + imsi.Length;
                    [Minimizer] public static string MaskIp(string ip) => ip.Length > 0 ? "x.x.x.0" : "";
                }
            }
            """;

        // ---------------------------------------------------------------- tuples and deconstruction

        [Fact]
        public Task Tuple_item_holding_the_msisdn_is_reported() => Check("""
            using Telecom;
            sealed class UsageReporter
            {
                public void Report(Subscriber s)
                {
                    var row = (s.Msisdn, s.DataUsageMb);
                    RoamingPartner.Send({|#0:row.Item1|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Tuple_scalar_item_beside_the_msisdn_is_clean() => Check("""
            using Telecom;
            sealed class UsageReporter
            {
                public void Report(Subscriber s)
                {
                    var row = (s.Msisdn, s.DataUsageMb);
                    RoamingPartner.SendCount(row.Item2);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Deconstructed_tuple_literal_msisdn_is_reported() => Check("""
            using Telecom;
            sealed class UsageReporter
            {
                public void Report(Subscriber s)
                {
                    var (number, plan) = (s.Msisdn, s.Plan);
                    RoamingPartner.Send({|#0:number|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Deconstructed_tuple_literal_plan_is_clean() => Check("""
            using Telecom;
            sealed class UsageReporter
            {
                public void Report(Subscriber s)
                {
                    var (number, plan) = (s.Msisdn, s.Plan);
                    RoamingPartner.Send(plan);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Named_tuple_returned_from_a_helper_carries_the_msisdn() => Check("""
            using Telecom;
            sealed class UsageReporter
            {
                private static (string Number, int UsageMb) Snapshot(Subscriber s) => (s.Msisdn, s.DataUsageMb);

                public void Report(Subscriber s)
                {
                    var snap = Snapshot(s);
                    RoamingPartner.Send({|#0:snap.Number|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Named_tuple_returned_from_a_helper_usage_is_clean() => Check("""
            using Telecom;
            sealed class UsageReporter
            {
                private static (string Number, int UsageMb) Snapshot(Subscriber s) => (s.Msisdn, s.DataUsageMb);

                public void Report(Subscriber s)
                {
                    var snap = Snapshot(s);
                    RoamingPartner.SendCount(snap.UsageMb);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Positional_record_deconstruction_caller_is_reported() => Check("""
            using Telecom;
            sealed class CdrForwarder
            {
                public void Forward(CallDetailRecord cdr)
                {
                    var (caller, _, seconds, _) = cdr;
                    RoamingPartner.Send({|#0:caller|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Positional_record_deconstruction_duration_is_clean() => Check("""
            using Telecom;
            sealed class CdrForwarder
            {
                public void Forward(CallDetailRecord cdr)
                {
                    var (caller, _, seconds, cell) = cdr;
                    RoamingPartner.SendCount(seconds);
                    RoamingPartner.Send(cell);
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- records and with

        [Fact]
        public Task Record_with_that_keeps_the_subscriber_is_reported() => Check("""
            using Telecom;
            sealed class RoamingFeed
            {
                public void Publish(Subscriber s)
                {
                    var ev = new RoamingEvent(s.Msisdn, "FR", 1024);
                    var moved = ev with { Country = "DE" };
                    RoamingPartner.Send({|#0:moved.Subscriber|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Record_with_that_overwrites_the_subscriber_by_a_pseudonym_is_clean() => Check("""
            using Telecom;
            sealed class RoamingFeed
            {
                public void Publish(Subscriber s)
                {
                    var ev = new RoamingEvent(s.Msisdn, "FR", 1024);
                    var safe = ev with { Subscriber = Minimizers.PseudonymizePhone(ev.Subscriber) };
                    RoamingPartner.Send(safe.Subscriber);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Record_synthesized_ToString_after_with_carries_the_msisdn() => Check("""
            using Telecom;
            sealed class RoamingFeed
            {
                public void Publish(Subscriber s)
                {
                    var ev = new RoamingEvent(s.Msisdn, "FR", 1024) with { Bytes = 2048 };
                    RoamingPartner.Send({|#0:$"roam {ev}"|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Record_with_scalar_member_read_is_clean() => Check("""
            using Telecom;
            sealed class RoamingFeed
            {
                public void Publish(Subscriber s)
                {
                    var ev = new RoamingEvent(s.Msisdn, "FR", s.DataUsageMb) with { Country = "DE" };
                    RoamingPartner.SendCount(ev.Bytes);
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- structs and in/ref/out

        [Fact]
        public Task Out_parameter_filled_with_the_msisdn_is_reported() => Check("""
            using Telecom;
            sealed class NumberResolver
            {
                private static bool TryResolve(Subscriber s, out string number)
                {
                    number = s.Msisdn;
                    return number.Length > 0;
                }

                public void Share(Subscriber s)
                {
                    if (TryResolve(s, out var number))
                    {
                        RoamingPartner.Send({|#0:number|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Out_parameter_filled_with_the_usage_is_clean() => Check("""
            using Telecom;
            sealed class NumberResolver
            {
                private static bool TryUsage(Subscriber s, out int usage)
                {
                    usage = s.DataUsageMb;
                    return s.Msisdn.Length > 0;
                }

                public void Share(Subscriber s)
                {
                    if (TryUsage(s, out var usage))
                    {
                        RoamingPartner.SendCount(usage);
                    }
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Ref_parameter_normalized_in_place_still_carries_the_msisdn() => Check("""
            using Telecom;
            sealed class NumberNormalizer
            {
                private static void Normalize(ref string number) => number = number.Trim().Replace(" ", "");

                public void Share(Subscriber s)
                {
                    var number = s.Msisdn;
                    Normalize(ref number);
                    RoamingPartner.Send({|#0:number|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Ref_parameter_overwritten_by_a_minimizer_is_clean() => Check("""
            using Telecom;
            sealed class NumberNormalizer
            {
                private static void Mask(ref string number) => number = Minimizers.PseudonymizePhone(number);

                public void Share(Subscriber s)
                {
                    var number = s.Msisdn;
                    Mask(ref number);
                    RoamingPartner.Send(number);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task In_parameter_of_identity_bearing_struct_is_reported_inside_the_callee() => Check("""
            using Telecom;
            sealed class PeeringReport
            {
                private static void Emit(in PeerEndpoint peer) => RoamingPartner.Send({|#0:peer.Ip|});

                public void Run(string ip, int port)
                {
                    var peer = new PeerEndpoint(ip, port);
                    Emit(in peer);
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task In_parameter_of_identity_bearing_struct_non_identifying_port_is_clean() => Check("""
            using Telecom;
            sealed class PeeringReport
            {
                private static void Emit(in PeerEndpoint peer) => RoamingPartner.SendCount(peer.Port);

                public void Run(string ip, int port)
                {
                    var peer = new PeerEndpoint(ip, port);
                    Emit(in peer);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Mutable_struct_field_written_through_ref_is_reported() => Check("""
            using Telecom;
            struct CallLeg
            {
                public string Number;
                public int Seconds;
            }

            sealed class LegBuilder
            {
                private static void Fill(ref CallLeg leg, Subscriber s) { leg.Number = s.Msisdn; leg.Seconds = 30; }

                public void Share(Subscriber s)
                {
                    var leg = new CallLeg();
                    Fill(ref leg, s);
                    RoamingPartner.Send({|#0:leg.Number|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Mutable_struct_scalar_field_written_through_ref_is_clean() => Check("""
            using Telecom;
            struct CallLeg
            {
                public string Number;
                public int Seconds;
            }

            sealed class LegBuilder
            {
                private static void Fill(ref CallLeg leg, Subscriber s) { leg.Number = s.Msisdn; leg.Seconds = s.DataUsageMb; }

                public void Share(Subscriber s)
                {
                    var leg = new CallLeg();
                    Fill(ref leg, s);
                    RoamingPartner.SendCount(leg.Seconds);
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- pattern matching

        [Fact]
        public Task Switch_expression_arm_yielding_the_msisdn_is_reported() => Check("""
            using Telecom;
            sealed class PlanRouter
            {
                public void Route(Subscriber s)
                {
                    string key = s.Plan switch
                    {
                        "prepaid" => s.Msisdn,
                        "corporate" => s.Email,
                        _ => "anonymous",
                    };
                    RoamingPartner.Send({|#0:key|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Switch_expression_on_the_msisdn_yielding_constants_is_clean() => Check("""
            using Telecom;
            sealed class PlanRouter
            {
                public void Route(Subscriber s)
                {
                    string country = s.Msisdn switch
                    {
                        ['+', '4', '4', ..] => "UK",
                        ['+', '3', '3', ..] => "FR",
                        _ => "other",
                    };
                    RoamingPartner.Send(country);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Property_pattern_designation_of_the_msisdn_is_reported() => Check("""
            using Telecom;
            sealed class RoamerDetector
            {
                public void Inspect(Subscriber s)
                {
                    if (s is { Plan: "roaming", Msisdn: var number })
                    {
                        RoamingPartner.Send({|#0:number|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Property_pattern_designation_of_the_plan_is_clean() => Check("""
            using Telecom;
            sealed class RoamerDetector
            {
                public void Inspect(Subscriber s)
                {
                    if (s is { Msisdn.Length: > 0, Plan: var plan })
                    {
                        RoamingPartner.Send(plan);
                    }
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Type_pattern_on_boxed_imsi_is_reported() => Check("""
            using Telecom;
            sealed class AttributeBag
            {
                public void Ship(Subscriber s)
                {
                    object value = s.Imsi;
                    if (value is string imsi)
                    {
                        RoamingPartner.Send({|#0:imsi|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task List_pattern_on_split_email_local_part_is_reported() => Check("""
            using Telecom;
            sealed class MailboxAudit
            {
                public void Ship(Subscriber s)
                {
                    if (s.Email.Split('@') is [var local, _])
                    {
                        RoamingPartner.Send({|#0:local|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Slice_pattern_on_the_msisdn_is_reported() => Check("""
            using Telecom;
            sealed class NumberSplitter
            {
                public void Ship(Subscriber s)
                {
                    if (s.Msisdn is ['+', .. var national])
                    {
                        RoamingPartner.Send({|#0:national|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task List_pattern_test_result_sent_as_a_flag_is_clean() => Check("""
            using Telecom;
            sealed class NumberSplitter
            {
                public void Ship(Subscriber s)
                {
                    bool international = s.Msisdn is ['+', ..];
                    RoamingPartner.SendValue(international);
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- iterators and IAsyncEnumerable

        [Fact]
        public Task Iterator_yielding_msisdns_is_reported_where_elements_are_sent() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberExport
            {
                private static IEnumerable<string> Numbers(IEnumerable<Subscriber> subs)
                {
                    foreach (var s in subs)
                    {
                        yield return s.Msisdn;
                    }
                }

                public void Run(List<Subscriber> subs)
                {
                    foreach (var n in Numbers(subs))
                    {
                        RoamingPartner.Send({|#0:n|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Iterator_yielding_plans_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberExport
            {
                private static IEnumerable<string> Plans(IEnumerable<Subscriber> subs)
                {
                    foreach (var s in subs)
                    {
                        yield return s.Plan;
                    }
                }

                public void Run(List<Subscriber> subs)
                {
                    foreach (var p in Plans(subs))
                    {
                        RoamingPartner.Send(p);
                    }
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Async_stream_yielding_imsis_is_reported_where_awaited_elements_are_sent() => Check("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Telecom;
            sealed class ImsiStreamer
            {
                private static async IAsyncEnumerable<string> Imsis(IEnumerable<Subscriber> subs)
                {
                    foreach (var s in subs)
                    {
                        await Task.Yield();
                        yield return s.Imsi;
                    }
                }

                public async Task Run(List<Subscriber> subs)
                {
                    await foreach (var imsi in Imsis(subs))
                    {
                        RoamingPartner.Send({|#0:imsi|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Async_stream_yielding_pseudonymized_imsis_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Telecom;
            sealed class ImsiStreamer
            {
                private static async IAsyncEnumerable<string> Tokens(IEnumerable<Subscriber> subs)
                {
                    foreach (var s in subs)
                    {
                        await Task.Yield();
                        yield return Minimizers.PseudonymizeImsi(s.Imsi);
                    }
                }

                public async Task Run(List<Subscriber> subs)
                {
                    await foreach (var token in Tokens(subs))
                    {
                        RoamingPartner.Send(token);
                    }
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- LINQ

        [Fact]
        public Task GroupBy_msisdn_key_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class CallStats
            {
                public void Run(List<Subscriber> subs)
                {
                    foreach (var g in subs.GroupBy(s => s.Msisdn))
                    {
                        RoamingPartner.Send({|#0:g.Key|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task GroupBy_plan_key_and_msisdn_group_count_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class CallStats
            {
                public void Run(List<Subscriber> subs)
                {
                    foreach (var g in subs.GroupBy(s => s.Plan))
                    {
                        RoamingPartner.Send(g.Key);
                    }

                    foreach (var g in subs.GroupBy(s => s.Msisdn))
                    {
                        RoamingPartner.SendCount(g.Count());
                    }
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task ToDictionary_keyed_by_msisdn_keys_are_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class PlanIndex
            {
                public void Run(List<Subscriber> subs)
                {
                    var byNumber = subs.ToDictionary(s => s.Msisdn, s => s.Plan);
                    RoamingPartner.SendMany({|#0:byNumber.Keys|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task ToDictionary_keyed_by_id_values_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class PlanIndex
            {
                public void Run(List<Subscriber> subs)
                {
                    var byId = subs.ToDictionary(s => s.Id, s => s.Plan);
                    RoamingPartner.SendMany(byId.Values);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task ToLookup_group_of_emails_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class PlanMailer
            {
                public void Run(List<Subscriber> subs)
                {
                    var byPlan = subs.ToLookup(s => s.Plan, s => s.Email);
                    foreach (var email in byPlan["gold"])
                    {
                        RoamingPartner.Send({|#0:email|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task ToLookup_group_of_usages_summed_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class PlanMailer
            {
                public void Run(List<Subscriber> subs)
                {
                    var byPlan = subs.ToLookup(s => s.Plan, s => s.DataUsageMb);
                    RoamingPartner.SendCount(byPlan["gold"].Sum());
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Zip_of_numbers_and_plans_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class PairExport
            {
                public void Run(List<Subscriber> subs, List<string> cells)
                {
                    var numbers = subs.Select(s => s.Msisdn);
                    foreach (var line in numbers.Zip(cells, (n, c) => n + "@" + c))
                    {
                        RoamingPartner.Send({|#0:line|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Zip_of_plans_and_cells_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class PairExport
            {
                public void Run(List<Subscriber> subs, List<string> cells)
                {
                    var plans = subs.Select(s => s.Plan);
                    foreach (var line in plans.Zip(cells, (p, c) => p + "@" + c))
                    {
                        RoamingPartner.Send(line);
                    }
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Aggregate_concatenating_imsis_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class ImsiCsv
            {
                public void Run(List<Subscriber> subs)
                {
                    var csv = subs.Aggregate("", (acc, s) => acc + s.Imsi + ";");
                    RoamingPartner.Send({|#0:csv|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Aggregate_summing_usage_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class ImsiCsv
            {
                public void Run(List<Subscriber> subs)
                {
                    var total = subs.Aggregate(0L, (acc, s) => acc + s.DataUsageMb);
                    RoamingPartner.SendCount(total);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task SelectMany_with_result_selector_of_member_emails_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class HouseholdExport
            {
                public void Run(List<Household> homes)
                {
                    var rows = homes.SelectMany(h => h.Members, (h, m) => h.Label + ":" + m.Email);
                    RoamingPartner.SendMany({|#0:rows|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task SelectMany_with_result_selector_of_labels_and_plans_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class HouseholdExport
            {
                public void Run(List<Household> homes)
                {
                    var rows = homes.SelectMany(h => h.Members, (h, m) => h.Label + ":" + m.Plan);
                    RoamingPartner.SendMany(rows);
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- spans and slicing

        [Fact]
        public Task Span_slice_of_the_last_four_digits_is_reported() => Check("""
            using System;
            using Telecom;
            sealed class LastFour
            {
                public void Run(Subscriber s)
                {
                    ReadOnlySpan<char> digits = s.Msisdn.AsSpan();
                    var tail = digits.Slice(digits.Length - 4);
                    RoamingPartner.Send({|#0:tail.ToString()|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Span_length_of_the_msisdn_is_clean() => Check("""
            using System;
            using Telecom;
            sealed class LastFour
            {
                public void Run(Subscriber s)
                {
                    ReadOnlySpan<char> digits = s.Msisdn.AsSpan();
                    RoamingPartner.SendCount(digits.Length);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Range_slice_of_the_imsi_is_reported() => Check("""
            using Telecom;
            sealed class NetworkCode
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:s.Imsi[..5]|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Range_slice_of_a_pseudonymized_imsi_is_clean() => Check("""
            using Telecom;
            sealed class NetworkCode
            {
                public void Run(Subscriber s) => RoamingPartner.Send(Minimizers.PseudonymizeImsi(s.Imsi)[..5]);
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Stackalloc_span_filled_by_GetBytes_is_reported_when_sent() => Check("""
            using System;
            using System.Text;
            using Telecom;
            sealed class MailEncoder
            {
                public void Run(Subscriber s)
                {
                    Span<byte> buffer = stackalloc byte[256];
                    int written = Encoding.UTF8.GetBytes(s.Email, buffer);
                    RoamingPartner.SendBytes({|#0:buffer[..written].ToArray()|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Stackalloc_span_filled_from_the_plan_is_clean() => Check("""
            using System;
            using System.Text;
            using Telecom;
            sealed class MailEncoder
            {
                public void Run(Subscriber s)
                {
                    Span<byte> buffer = stackalloc byte[256];
                    int written = Encoding.UTF8.GetBytes(s.Plan, buffer);
                    RoamingPartner.SendBytes(buffer[..written].ToArray());
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- nullable value types

        [Fact]
        public Task Nullable_imsi_value_is_reported() => Check("""
            using Telecom;
            sealed class ImsiShare
            {
                public void Run(Subscriber s)
                {
                    long? imsi = s.ImsiNumber;
                    if (imsi.HasValue)
                    {
                        RoamingPartner.SendValue({|#0:imsi.Value|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Nullable_imsi_coalesced_is_reported() => Check("""
            using Telecom;
            sealed class ImsiShare
            {
                public void Run(Subscriber s) => RoamingPartner.SendCount({|#0:s.ImsiNumber ?? 0L|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Nullable_imsi_GetValueOrDefault_is_reported() => Check("""
            using Telecom;
            sealed class ImsiShare
            {
                public void Run(Subscriber s) => RoamingPartner.SendValue({|#0:s.ImsiNumber.GetValueOrDefault()|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Nullable_imsi_HasValue_flag_is_clean() => Check("""
            using Telecom;
            sealed class ImsiShare
            {
                public void Run(Subscriber s)
                {
                    long? imsi = s.ImsiNumber;
                    RoamingPartner.SendValue(imsi.HasValue);
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- Lazy<T>

        [Fact]
        public Task Lazy_field_over_the_msisdn_is_reported_where_its_value_is_sent() => Check("""
            using System;
            using Telecom;
            sealed class SubscriberCard
            {
                private readonly Lazy<string> _display;

                public SubscriberCard(Subscriber s) => _display = new Lazy<string>(() => "tel:" + s.Msisdn);

                public void Share() => RoamingPartner.Send({|#0:_display.Value|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Lazy_field_over_a_pseudonym_is_clean() => Check("""
            using System;
            using Telecom;
            sealed class SubscriberCard
            {
                private readonly Lazy<string> _display;

                public SubscriberCard(Subscriber s) => _display = new Lazy<string>(() => "tel:" + Minimizers.PseudonymizePhone(s.Msisdn));

                public void Share() => RoamingPartner.Send(_display.Value);
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- local functions and static lambdas

        [Fact]
        public Task Local_function_capturing_the_subscriber_is_reported_at_its_call() => Check("""
            using Telecom;
            sealed class LineFormatter
            {
                public void Run(Subscriber s)
                {
                    string Line() => $"{s.Msisdn}/{s.Plan}";
                    RoamingPartner.Send({|#0:Line()|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_local_function_given_the_plan_is_clean() => Check("""
            using Telecom;
            sealed class LineFormatter
            {
                public void Run(Subscriber s)
                {
                    static string Tag(string v) => "plan:" + v.ToUpperInvariant();
                    RoamingPartner.Send(Tag(s.Plan));
                    RoamingPartner.Send(Tag(Minimizers.PseudonymizePhone(s.Msisdn)));
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Static_lambda_picking_the_imsi_is_reported() => Check("""
            using System;
            using Telecom;
            sealed class FieldPicker
            {
                public void Run(Subscriber s)
                {
                    Func<Subscriber, string> pick = static x => x.Imsi;
                    RoamingPartner.Send({|#0:pick(s)|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_lambda_picking_the_plan_is_clean() => Check("""
            using System;
            using Telecom;
            sealed class FieldPicker
            {
                public void Run(Subscriber s)
                {
                    Func<Subscriber, string> pick = static x => x.Plan;
                    RoamingPartner.Send(pick(s));
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- generics

        [Fact]
        public Task Unconstrained_generic_forwarder_is_reported_at_the_callers_argument() => Check("""
            using Telecom;
            static class Outbound
            {
                public static void Forward<T>(T value) => RoamingPartner.SendValue(value);
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => Outbound.Forward({|#0:s.Msisdn|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Unconstrained_generic_forwarder_given_the_plan_is_clean() => Check("""
            using Telecom;
            static class Outbound
            {
                public static void Forward<T>(T value) => RoamingPartner.SendValue(value);
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => Outbound.Forward(s.Plan);
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Generic_constrained_to_identity_bearing_interface_is_reported_inside() => Check("""
            using Minimization;
            using Telecom;
            [IdentityBearing("phone")]
            interface IHasMsisdn
            {
                string Msisdn { get; }
                [NonIdentifying] string Region { get; }
            }

            sealed class Line : IHasMsisdn
            {
                public string Msisdn { get; init; } = "";
                public string Region { get; init; } = "";
            }

            static class Publisher
            {
                public static void Publish<T>(T item) where T : IHasMsisdn => RoamingPartner.Send({|#0:item.Msisdn|});
            }

            sealed class Caller
            {
                public void Run() => Publisher.Publish(new Line { Msisdn = "+4470000", Region = "EU" });
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_constrained_to_identity_bearing_interface_non_identifying_member_is_clean() => Check("""
            using Minimization;
            using Telecom;
            [IdentityBearing("phone")]
            interface IHasMsisdn
            {
                string Msisdn { get; }
                [NonIdentifying] string Region { get; }
            }

            sealed class Line : IHasMsisdn
            {
                public string Msisdn { get; init; } = "";
                public string Region { get; init; } = "";
            }

            static class Publisher
            {
                public static void Publish<T>(T item) where T : IHasMsisdn => RoamingPartner.Send(item.Region);
            }

            sealed class Caller
            {
                public void Run() => Publisher.Publish(new Line { Msisdn = "+4470000", Region = "EU" });
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Generic_first_of_sequence_of_msisdns_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            static class Seq
            {
                public static T Head<T>(IEnumerable<T> items) where T : class => items.First();
            }

            sealed class Caller
            {
                public void Run(List<Subscriber> subs) => RoamingPartner.Send({|#0:Seq.Head(subs.Select(s => s.Msisdn))|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- extension methods

        [Fact]
        public Task Extension_method_formatting_the_msisdn_is_reported() => Check("""
            using Telecom;
            static class NumberExtensions
            {
                public static string ToE164(this string number) => "+" + number.TrimStart('0');
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:s.Msisdn.ToE164()|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task PartnerShare_extension_method_reports_the_extended_value() => Check("""
            using Minimization;
            using Telecom;
            static class ShareExtensions
            {
                [PartnerShare("UK")] public static void ShareWithPartner(this string value) { }
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => {|#0:s.Email|}.ShareWithPartner();
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task PartnerShare_extension_method_on_the_plan_is_clean() => Check("""
            using Minimization;
            using Telecom;
            static class ShareExtensions
            {
                [PartnerShare("UK")] public static void ShareWithPartner(this string value) { }
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => s.Plan.ShareWithPartner();
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Extension_on_interface_reading_the_number_of_an_implementation_is_reported() => Check("""
            using Telecom;
            interface ILineView
            {
                string Number { get; }
                string Tariff { get; }
            }

            sealed class MobileLine : ILineView
            {
                public MobileLine(string number, string tariff) { Number = number; Tariff = tariff; }
                public string Number { get; }
                public string Tariff { get; }
            }

            static class LineViewExtensions
            {
                public static string Describe(this ILineView view) => view.Number + "/" + view.Tariff;
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:new MobileLine(s.Msisdn, s.Plan).Describe()|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Extension_on_interface_over_a_pseudonymized_line_is_clean() => Check("""
            using Telecom;
            interface ILineView
            {
                string Number { get; }
                string Tariff { get; }
            }

            sealed class MobileLine : ILineView
            {
                public MobileLine(string number, string tariff) { Number = number; Tariff = tariff; }
                public string Number { get; }
                public string Tariff { get; }
            }

            static class LineViewExtensions
            {
                public static string Describe(this ILineView view) => view.Number + "/" + view.Tariff;
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send(new MobileLine(Minimizers.PseudonymizePhone(s.Msisdn), s.Plan).Describe());
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- indexers

        [Fact]
        public Task Custom_indexer_storing_the_msisdn_is_reported_where_read_and_sent() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberDirectory
            {
                private readonly Dictionary<Guid, string> _numbers = new();
                public string this[Guid id]
                {
                    get => _numbers[id];
                    set => _numbers[id] = value;
                }
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var directory = new NumberDirectory();
                    directory[s.Id] = s.Msisdn;
                    RoamingPartner.Send({|#0:directory[s.Id]|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_indexer_storing_the_plan_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberDirectory
            {
                private readonly Dictionary<Guid, string> _numbers = new();
                public string this[Guid id]
                {
                    get => _numbers[id];
                    set => _numbers[id] = value;
                }
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var directory = new NumberDirectory();
                    directory[s.Id] = s.Plan;
                    RoamingPartner.Send(directory[s.Id]);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task PartnerShare_indexer_assigned_the_msisdn_is_reported() => Check("""
            using System;
            using Minimization;
            using Telecom;
            sealed class PartnerAttributeFeed
            {
                [PartnerShare("UK")]
                public string this[string key]
                {
                    get => "";
                    set { }
                }
            }

            sealed class Caller
            {
                public void Run(Subscriber s, PartnerAttributeFeed feed)
                {
                    feed["plan"] = s.Plan;
                    feed["msisdn"] = {|#0:s.Msisdn|};
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- user-defined operators and conversions

        [Fact]
        public Task Implicit_conversion_out_of_a_wrapper_struct_is_reported() => Check("""
            using Telecom;
            readonly struct PhoneNumber
            {
                private readonly string _value;
                public PhoneNumber(string value) => _value = value;
                public static implicit operator string(PhoneNumber n) => n._value;
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var number = new PhoneNumber(s.Msisdn);
                    string raw = number;
                    RoamingPartner.Send({|#0:raw|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Implicit_conversion_out_of_a_wrapper_struct_built_from_a_pseudonym_is_clean() => Check("""
            using Telecom;
            readonly struct PhoneNumber
            {
                private readonly string _value;
                public PhoneNumber(string value) => _value = value;
                public static implicit operator string(PhoneNumber n) => n._value;
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var number = new PhoneNumber(Minimizers.PseudonymizePhone(s.Msisdn));
                    string raw = number;
                    RoamingPartner.Send(raw);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Explicit_conversion_of_an_identity_bearing_address_is_reported() => Check("""
            using Minimization;
            using Telecom;
            [IdentityBearing("ip")]
            readonly struct Ipv4
            {
                private readonly uint _bits;
                public Ipv4(uint bits) { _bits = bits; PrefixLength = 24; }
                [NonIdentifying] public int PrefixLength { get; }
                public static explicit operator uint(Ipv4 ip) => ip._bits;
            }

            sealed class Caller
            {
                public void Run(Ipv4 ip)
                {
                    RoamingPartner.SendCount(ip.PrefixLength);
                    RoamingPartner.SendCount({|#0:(uint)ip|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task User_operator_masking_the_number_is_not_a_minimizer() => Check("""
            using Telecom;
            readonly struct DigitMask
            {
                public DigitMask(int keep) => Keep = keep;
                public int Keep { get; }
                public static string operator &(string number, DigitMask mask) => number.Substring(0, mask.Keep) + "****";
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:s.Msisdn & new DigitMask(6)|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- custom collections

        [Fact]
        public Task Custom_enumerable_wrapping_a_list_is_reported_at_each_element_sent() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch { s.Msisdn };
                    foreach (var n in batch)
                    {
                        RoamingPartner.Send({|#0:n|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_enumerable_wrapping_a_list_sent_whole_is_reported() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(IEnumerable<Subscriber> subs)
                {
                    var batch = new NumberBatch();
                    foreach (var s in subs)
                    {
                        batch.Add(s.Imsi);
                    }

                    RoamingPartner.SendMany({|#0:batch|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_enumerable_of_plans_is_clean() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch { s.Plan, Minimizers.PseudonymizePhone(s.Msisdn) };
                    foreach (var n in batch)
                    {
                        RoamingPartner.Send(n);
                    }

                    RoamingPartner.SendMany(batch);
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Custom_enumerable_explicit_Add_then_foreach_is_reported() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch();
                    batch.Add(s.Msisdn);
                    foreach (var n in batch)
                    {
                        RoamingPartner.Send({|#0:n|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_collection_list_exposed_by_a_property_is_reported() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberBatch
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IReadOnlyList<string> Items => _items;
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch();
                    batch.Add(s.Msisdn);
                    RoamingPartner.Send({|#0:batch.Items[0]|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_enumerable_queried_with_LINQ_is_reported() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch();
                    batch.Add(s.Msisdn);
                    RoamingPartner.Send({|#0:batch.First()|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_enumerable_of_pseudonyms_queried_with_LINQ_is_clean() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch();
                    batch.Add(Minimizers.PseudonymizePhone(s.Msisdn));
                    RoamingPartner.Send(batch.First());
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Custom_enumerable_of_plans_queried_with_LINQ_beside_one_of_numbers_is_clean() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class PlanBatch : IEnumerable<string>
            {
                private readonly List<string> _plans = new();
                public void Add(string plan) => _plans.Add(plan);
                public IEnumerator<string> GetEnumerator() => _plans.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var numbers = new NumberBatch();
                    numbers.Add(s.Msisdn);
                    var plans = new PlanBatch();
                    plans.Add(s.Plan);
                    RoamingPartner.Send(plans.First());
                    RoamingPartner.SendCount(numbers.Count());
                }
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Custom_enumerable_filled_and_sent_whole_in_the_same_method_is_reported() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch();
                    batch.Add(s.Imsi);
                    RoamingPartner.SendMany({|#0:batch|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_enumerable_of_plans_filled_and_sent_whole_in_the_same_method_is_clean() => Check("""
            using System.Collections;
            using System.Collections.Generic;
            using Telecom;
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch();
                    batch.Add(s.Plan);
                    RoamingPartner.SendMany(batch);
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- builders

        [Fact]
        public Task Fluent_builder_given_the_caller_is_reported_at_the_built_value() => Check("""
            using Telecom;
            sealed class CdrLineBuilder
            {
                private string _caller = "";
                private string _cell = "";
                public CdrLineBuilder WithCaller(string caller) { _caller = caller; return this; }
                public CdrLineBuilder WithCell(string cell) { _cell = cell; return this; }
                public string Build() => _caller + ";" + _cell;
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:new CdrLineBuilder().WithCaller(s.Msisdn).WithCell("A1").Build()|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Fluent_builder_given_a_pseudonymized_caller_is_clean() => Check("""
            using Telecom;
            sealed class CdrLineBuilder
            {
                private string _caller = "";
                private string _cell = "";
                public CdrLineBuilder WithCaller(string caller) { _caller = caller; return this; }
                public CdrLineBuilder WithCell(string cell) { _cell = cell; return this; }
                public string Build() => _caller + ";" + _cell;
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send(new CdrLineBuilder().WithCaller(Minimizers.PseudonymizePhone(s.Msisdn)).WithCell("A1").Build());
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- IDisposable flush-on-dispose

        [Fact]
        public Task Flush_on_dispose_exporter_is_reported_where_pending_lines_are_sent() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class PartnerBatchWriter : IDisposable
            {
                private readonly List<string> _pending = new();
                public void Write(string line) => _pending.Add(line);
                public void Dispose()
                {
                    foreach (var line in _pending)
                    {
                        RoamingPartner.Send({|#0:line|});
                    }

                    _pending.Clear();
                }
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    using var writer = new PartnerBatchWriter();
                    writer.Write(s.Msisdn + ";" + s.Plan);
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Flush_on_dispose_exporter_of_pseudonyms_is_clean() => Check("""
            using System;
            using System.Collections.Generic;
            using Telecom;
            sealed class PartnerBatchWriter : IDisposable
            {
                private readonly List<string> _pending = new();
                public void Write(string line) => _pending.Add(line);
                public void Dispose()
                {
                    foreach (var line in _pending)
                    {
                        RoamingPartner.Send(line);
                    }

                    _pending.Clear();
                }
            }

            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    using (var writer = new PartnerBatchWriter())
                    {
                        writer.Write(Minimizers.PseudonymizePhone(s.Msisdn) + ";" + s.Plan);
                    }
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- lock and Interlocked

        [Fact]
        public Task Field_written_under_lock_is_reported_where_read_under_lock_and_sent() => Check("""
            using Telecom;
            sealed class LastCallerCache
            {
                private readonly object _gate = new();
                private string? _lastCaller;

                public void Record(Subscriber s)
                {
                    lock (_gate) { _lastCaller = s.Msisdn; }
                }

                public void Publish()
                {
                    string? caller;
                    lock (_gate) { caller = _lastCaller; }
                    if (caller is not null)
                    {
                        RoamingPartner.Send({|#0:caller|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Interlocked_exchange_of_the_imsi_is_reported_where_the_field_is_sent() => Check("""
            using System.Threading;
            using Telecom;
            sealed class LastImsiCache
            {
                private string? _lastImsi;

                public void Record(Subscriber s) => Interlocked.Exchange(ref _lastImsi, s.Imsi);

                public void Publish() => RoamingPartner.Send({|#0:Volatile.Read(ref _lastImsi) ?? ""|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Interlocked_counter_of_calls_is_clean() => Check("""
            using System.Threading;
            using Telecom;
            sealed class CallCounter
            {
                private long _calls;
                private string? _lastCaller;

                public void Record(Subscriber s)
                {
                    Interlocked.Increment(ref _calls);
                    _lastCaller = s.Msisdn;
                }

                public void Publish() => RoamingPartner.SendCount(Interlocked.Read(ref _calls));
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- dictionary keys

        [Fact]
        public Task Dictionary_field_keyed_by_msisdn_is_reported_where_keys_are_sent() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class CallTally
            {
                private readonly Dictionary<string, int> _callsByNumber = new();

                public void Count(Subscriber s)
                {
                    _callsByNumber.TryGetValue(s.Msisdn, out var n);
                    _callsByNumber[s.Msisdn] = n + 1;
                }

                public void Flush()
                {
                    foreach (var (number, calls) in _callsByNumber)
                    {
                        RoamingPartner.Send({|#0:number|});
                    }
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Dictionary_field_keyed_by_msisdn_scalar_values_and_count_are_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            sealed class UsageTally
            {
                private readonly Dictionary<string, int> _usageByNumber = new();

                public void Record(Subscriber s) => _usageByNumber[s.Msisdn] = s.DataUsageMb;

                public void Flush()
                {
                    RoamingPartner.SendCount(_usageByNumber.Count);
                    foreach (var entry in _usageByNumber)
                    {
                        RoamingPartner.SendCount(entry.Value);
                    }
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- string formatting

        [Fact]
        public Task String_Format_with_the_msisdn_is_reported() => Check("""
            using System.Globalization;
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:string.Format(CultureInfo.InvariantCulture, "{0};{1};{2:N0}", s.Plan, s.Msisdn, s.DataUsageMb)|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task String_Format_with_plan_and_usage_is_clean() => Check("""
            using System.Globalization;
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send(string.Format(CultureInfo.InvariantCulture, "{0};{1:N0}", s.Plan, s.DataUsageMb));
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task ToString_with_format_of_the_numeric_imsi_is_reported() => Check("""
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s, long imsiFallback)
                {
                    long imsi = s.ImsiNumber ?? imsiFallback;
                    RoamingPartner.Send({|#0:imsi.ToString("D15")|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task ToString_with_format_of_the_usage_is_clean() => Check("""
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send(s.DataUsageMb.ToString("N0") + " " + s.ActivatedOn.ToString("yyyy-MM"));
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Interpolation_with_alignment_and_format_is_reported() => Check("""
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:$"{s.Msisdn,-15}|{s.DataUsageMb,8:N0}"|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task StringBuilder_AppendFormat_with_the_email_is_reported() => Check("""
            using System.Text;
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var sb = new StringBuilder();
                    sb.AppendFormat("{0},{1}", s.Plan, s.Email).AppendLine();
                    RoamingPartner.Send({|#0:sb.ToString()|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task StringBuilder_AppendFormat_with_the_plan_is_clean() => Check("""
            using System.Text;
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var sb = new StringBuilder();
                    sb.AppendFormat("{0},{1}", s.Plan, s.DataUsageMb).AppendLine();
                    RoamingPartner.Send(sb.ToString());
                }
            }
            """ + Telecom, withPrelude: false);

        // ---------------------------------------------------------------- encodings, Base64, hashes

        [Fact]
        public Task Utf8_bytes_of_the_email_sent_are_reported() => Check("""
            using System.Text;
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    byte[] payload = Encoding.UTF8.GetBytes(s.Email);
                    RoamingPartner.SendBytes({|#0:payload|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Base64_of_the_imsi_bytes_is_reported() => Check("""
            using System;
            using System.Text;
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:Convert.ToBase64String(Encoding.UTF8.GetBytes(s.Imsi))|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Unkeyed_SHA256_of_the_msisdn_is_reported() => Check("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Telecom;
            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var digest = SHA256.HashData(Encoding.UTF8.GetBytes(s.Msisdn));
                    RoamingPartner.Send({|#0:Convert.ToHexString(digest)|});
                }
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Unkeyed_hash_helper_not_marked_minimizer_is_reported() => Check("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Telecom;
            static class Hashing
            {
                public static string Digest(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send({|#0:Hashing.Digest(s.Msisdn)|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Keyed_hash_helper_marked_minimizer_is_clean() => Check("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Minimization;
            using Telecom;
            static class Hashing
            {
                private static readonly byte[] Key = new byte[32];
                [Minimizer] public static string KeyedDigest(string value) => Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));
            }

            sealed class Caller
            {
                public void Run(Subscriber s) => RoamingPartner.Send(Hashing.KeyedDigest(s.Msisdn));
            }
            """ + Telecom, withPrelude: false);

        [Fact]
        public Task Ip_address_bytes_are_reported() => Check("""
            using Telecom;
            sealed class Caller
            {
                public void Run(DataSession session) => RoamingPartner.SendBytes({|#0:session.ClientAddress.GetAddressBytes()|});
            }
            """ + Telecom, withPrelude: false, Min001(0));

        [Fact]
        public Task Ip_address_masked_by_a_minimizer_is_clean() => Check("""
            using Telecom;
            sealed class Caller
            {
                public void Run(DataSession session)
                {
                    RoamingPartner.Send(Minimizers.MaskIp(session.ClientAddress.ToString()));
                    RoamingPartner.SendCount(session.BytesUp);
                }
            }
            """ + Telecom, withPrelude: false);
    }
}
