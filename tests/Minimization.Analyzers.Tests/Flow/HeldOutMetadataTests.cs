using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), never tuned against the engine. Its theme is the product's origin: an agency sharing communications
    /// metadata with allied partners. Call detail records (caller and callee MSISDN, IMSI, IMEI, cell id, start time,
    /// duration), e-mail headers, contact graphs, device fingerprints, selector lists, tasking requests answered with query
    /// results, enrichment of call records with subscriber records, per-partner batches, and partner channels behind an
    /// interface with two implementations. It covers per-partner pseudonymization, time truncation and cell generalization
    /// minimizers; unkeyed SHA-256/MD5 and Base64 (still identity); string manipulation and parsing of identifiers (still
    /// identity); identifier structs; dictionaries and histograms keyed by identifiers; <c>params</c>, named-argument,
    /// property, compound-assignment and extension-method sinks. Every reported shape has near-miss twins that stay clean:
    /// the identifier minimized by a <c>[Minimizer]</c>, only durations, counts and truncated times, or
    /// <c>[NonIdentifying]</c> members. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutMetadataTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: call, mail, subscriber and device records, the partner sinks and the minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.RegularExpressions;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal sealed class CallDetailRecord
            {
                [NonIdentifying] public Guid RecordId { get; init; }
                [IdentityBearing(IdentityCategory.Phone)] public string CallerMsisdn { get; init; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string CalleeMsisdn { get; init; } = "";
                [IdentityBearing(IdentityCategory.Imsi)] public string Imsi { get; init; } = "";
                [IdentityBearing(IdentityCategory.Imei)] public string Imei { get; init; } = "";
                [IdentityBearing(IdentityCategory.CellTower)] public string CellId { get; init; } = "";
                [IdentityBearing(IdentityCategory.Timestamp)] public DateTime StartUtc { get; init; }
                [NonIdentifying] public int DurationSeconds { get; init; }
                [NonIdentifying] public string CallType { get; init; } = "voice";
            }

            [IdentityBearing]
            internal sealed class EmailHeader
            {
                [IdentityBearing(IdentityCategory.Email)] public string From { get; init; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string[] To { get; init; } = Array.Empty<string>();
                [IdentityBearing(IdentityCategory.Email)] public List<string> Cc { get; init; } = new List<string>();
                public string MessageId { get; init; } = "";
                [IdentityBearing(IdentityCategory.IpAddress)] public string ClientIp { get; init; } = "";
                [NonIdentifying] public int SizeBytes { get; init; }
                [NonIdentifying] public int AttachmentCount { get; init; }
            }

            [IdentityBearing]
            internal sealed class Subscriber
            {
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; init; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; init; } = "";
                [IdentityBearing(IdentityCategory.Address)] public string BillingAddress { get; init; } = "";
                [NonIdentifying] public string PlanName { get; init; } = "";
                [NonIdentifying] public int ContractMonths { get; init; }
            }

            [IdentityBearing]
            internal sealed class DeviceFingerprint
            {
                [IdentityBearing(IdentityCategory.Imei)] public string Imei { get; init; } = "";
                [IdentityBearing(IdentityCategory.Mac)] public string WifiMac { get; init; } = "";
                public string UserAgent { get; init; } = "";
                [NonIdentifying] public string OsFamily { get; init; } = "";
                [NonIdentifying] public int ScreenWidth { get; init; }
            }

            [IdentityBearing(IdentityCategory.Phone)]
            internal readonly record struct Msisdn(string Value);

            [IdentityBearing(IdentityCategory.CellTower)]
            internal readonly record struct CellSighting(string CellId, DateTime SeenAt, [property: NonIdentifying] int SignalDbm);

            internal sealed record ContactEdge(Msisdn From, Msisdn To, int Calls);

            internal sealed record PseudonymousEdge(string From, string To, int Calls);

            internal sealed class TaskingRequest
            {
                public Guid TaskId { get; init; }
                public string RequestingPartner { get; init; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public List<string> Selectors { get; init; } = new List<string>();
            }

            internal static class AlliedExchange
            {
                [PartnerShare("UK")] public static void Send(string payload) { }
                [PartnerShare("UK")] public static void SendRecord(object record) { }
                [PartnerShare("UK")] public static void SendCount(int count) { }
                [PartnerShare("UK")] public static void SendTime(DateTime at) { }
                [PartnerShare("UK")] public static void SendBytes(byte[] data) { }
                [PartnerShare("UK")] public static void SendFields(params string[] fields) { }
                public static void Annotate(string caseNote, [PartnerShare("AU")] string attachment) { }
            }

            internal static class ShareExtensions
            {
                [PartnerShare("NZ")] public static void ShareWithAllies(this string value) { }
            }

            internal interface IPartnerChannel
            {
                string Partner { get; }

                [PartnerShare]
                void Publish(string item);
            }

            internal sealed class UkChannel : IPartnerChannel
            {
                public string Partner => "UK";

                public void Publish(string item) { }
            }

            internal sealed class AuChannel : IPartnerChannel
            {
                public string Partner => "AU";

                public void Publish(string item) { Console.WriteLine(item.Length); }
            }

            internal sealed class PartnerReport
            {
                public Guid ReportId { get; } = Guid.NewGuid();
                [PartnerShare("CA")] public string Body { get; set; } = "";
                [PartnerShare("CA")] public List<string> Rows { get; set; } = new List<string>();
            }

            internal static class PartnerKeys
            {
                public const string Uk = "uk-2024-06-01";
                public const string Nz = "nz-2024-06-01";

                public static string For(string partner) => partner.ToLowerInvariant() + "-2024-06-01";
            }

            internal static class Minimize
            {
                [Minimizer]
                public static string Pseudonym(string identifier, string partnerKey)
                {
                    using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(partnerKey));
                    return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(identifier)));
                }

                [Minimizer]
                public static string PseudonymOf(Msisdn number, string partnerKey) => Pseudonym(number.Value, partnerKey);

                [Minimizer]
                public static DateTime TruncateToHour(DateTime at) => new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);

                [Minimizer]
                public static string CellRegion(string cellId) => cellId.Length > 5 ? cellId.Substring(0, 5) : cellId;
            }

            """;

        // =====================================================================================================
        // 1. One call record, field by field: the raw identifier, its minimized form, and the non-identifying members.
        // =====================================================================================================

        private const string CdrExportProgram = """
            internal sealed class CdrExport
            {
                public void Export(IEnumerable<CallDetailRecord> records)
                {
                    foreach (CallDetailRecord cdr in records)
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Raw_caller_msisdn_of_a_call_record_is_reported() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Send({|#0:cdr.CallerMsisdn|});"), Min001(0));

        [Fact]
        public Task Caller_msisdn_pseudonymized_with_the_partner_key_is_clean() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Send(Minimize.Pseudonym(cdr.CallerMsisdn, PartnerKeys.Uk));"));

        [Fact]
        public Task Non_identifying_call_duration_is_clean() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.SendCount(cdr.DurationSeconds);"));

        [Fact]
        public Task Non_identifying_record_id_and_call_type_are_clean() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Send(cdr.RecordId + \":\" + cdr.CallType);"));

        [Fact]
        public Task Raw_call_start_time_is_reported() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.SendTime({|#0:cdr.StartUtc|});"), Min001(0));

        [Fact]
        public Task Call_start_time_truncated_to_the_hour_is_clean() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.SendTime(Minimize.TruncateToHour(cdr.StartUtc));"));

        [Fact]
        public Task Raw_cell_id_is_reported() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Send({|#0:cdr.CellId|});"), Min001(0));

        [Fact]
        public Task Cell_id_generalized_to_its_region_is_clean() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Send(Minimize.CellRegion(cdr.CellId));"));

        [Fact]
        public Task Whole_call_record_boxed_to_object_is_reported() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.SendRecord({|#0:cdr|});"), Min001(0));

        [Fact]
        public Task Interpolated_line_with_the_raw_cell_and_the_duration_is_reported() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Send({|#0:$\"{cdr.CellId};{cdr.DurationSeconds}\"|});"), Min001(0));

        [Fact]
        public Task Interpolated_line_of_pseudonym_hour_region_and_duration_is_clean() => Run(
            CdrExportProgram.Replace(
                "$SEND",
                "AlliedExchange.Send($\"{Minimize.Pseudonym(cdr.CallerMsisdn, PartnerKeys.Uk)};{Minimize.TruncateToHour(cdr.StartUtc):O};{Minimize.CellRegion(cdr.CellId)};{cdr.DurationSeconds}\");"));

        [Fact]
        public Task Params_sink_reports_each_identity_element_and_not_the_clean_ones() => Run(
            CdrExportProgram.Replace(
                "$SEND",
                "AlliedExchange.SendFields(\"cdr\", cdr.DurationSeconds.ToString(), {|#0:cdr.CellId|}, {|#1:cdr.Imei|});"),
            Min001(0), Min001(1));

        [Fact]
        public Task Params_sink_with_only_minimized_and_non_identifying_elements_is_clean() => Run(
            CdrExportProgram.Replace(
                "$SEND",
                "AlliedExchange.SendFields(\"cdr\", cdr.DurationSeconds.ToString(), Minimize.CellRegion(cdr.CellId), Minimize.Pseudonym(cdr.Imei, PartnerKeys.Uk));"));

        [Fact]
        public Task Named_argument_for_the_sink_parameter_is_reported_at_the_expression_after_the_colon() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Annotate(attachment: {|#0:cdr.Imsi|}, caseNote: \"weekly\");"), Min001(0));

        [Fact]
        public Task Imsi_passed_only_to_the_parameter_that_is_not_a_sink_is_clean() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Annotate(caseNote: cdr.Imsi, attachment: \"none\");"));

        [Fact]
        public Task Extension_method_sink_reports_the_extended_raw_msisdn() => Run(
            CdrExportProgram.Replace("$SEND", "{|#0:cdr.CallerMsisdn|}.ShareWithAllies();"), Min001(0));

        [Fact]
        public Task Extension_method_sink_on_a_pseudonym_is_clean() => Run(
            CdrExportProgram.Replace("$SEND", "Minimize.Pseudonym(cdr.CallerMsisdn, PartnerKeys.Nz).ShareWithAllies();"));

        // =====================================================================================================
        // 2. Unkeyed hashes and encodings hide nothing; only a method marked [Minimizer] minimizes.
        // =====================================================================================================

        private const string DigestProgram = """
            internal static class Digest
            {
                $ATTR
                public static string Sha256Hex(string value)
                {
                    return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
                }
            }

            internal static class HashedExport
            {
                public static void Run(CallDetailRecord cdr)
                {
                    string hashed = Digest.Sha256Hex(cdr.CallerMsisdn);
                    AlliedExchange.Send({|#0:hashed|});
                }
            }
            """;

        [Fact]
        public Task Unkeyed_sha256_helper_of_the_caller_msisdn_is_reported() => Run(
            DigestProgram.Replace("$ATTR", "// plain digest: the space of phone numbers is small enough to enumerate"), Min001(0));

        [Fact]
        public Task Same_hash_helper_declared_a_minimizer_is_clean() => Run(Unmarked(
            DigestProgram.Replace("$ATTR", "[Minimizer]")));

        [Fact]
        public Task Inline_md5_of_the_callee_msisdn_is_reported() => Run(
            CdrExportProgram.Replace(
                "$SEND",
                "AlliedExchange.Send({|#0:Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(cdr.CalleeMsisdn)))|});"),
            Min001(0));

        [Fact]
        public Task Base64_of_the_imsi_is_reported() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Send({|#0:Convert.ToBase64String(Encoding.UTF8.GetBytes(cdr.Imsi))|});"), Min001(0));

        [Fact]
        public Task Utf8_bytes_of_the_imei_are_reported() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.SendBytes({|#0:Encoding.UTF8.GetBytes(cdr.Imei)|});"), Min001(0));

        [Fact]
        public Task Base64_of_an_imsi_pseudonym_is_clean() => Run(
            CdrExportProgram.Replace(
                "$SEND",
                "AlliedExchange.Send(Convert.ToBase64String(Encoding.UTF8.GetBytes(Minimize.Pseudonym(cdr.Imsi, PartnerKeys.Uk))));"));

        // =====================================================================================================
        // 3. String manipulation keeps identity: normalizing +44 to 0, Replace, Trim, prefixes and suffixes.
        // =====================================================================================================

        private const string NormalizeProgram = """
            internal static class Msisdns
            {
                public static string ToNational(string msisdn)
                {
                    string digits = msisdn.Replace(" ", "").Replace("-", "").Trim();
                    return digits.StartsWith("+44") ? "0" + digits.Substring(3) : digits;
                }
            }

            internal static class NumberExport
            {
                public static void Run(CallDetailRecord cdr)
                {
                    string national = Msisdns.ToNational(cdr.CalleeMsisdn);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Msisdn_normalized_from_plus44_to_national_form_is_reported() => Run(
            NormalizeProgram.Replace("$SEND", "AlliedExchange.Send({|#0:national|});"), Min001(0));

        [Fact]
        public Task Normalized_msisdn_then_pseudonymized_is_clean() => Run(
            NormalizeProgram.Replace("$SEND", "AlliedExchange.Send(Minimize.Pseudonym(national, PartnerKeys.Uk));"));

        [Fact]
        public Task Last_four_digits_cut_by_hand_without_a_minimizer_are_reported() => Run(
            NormalizeProgram.Replace("$SEND", "AlliedExchange.Send({|#0:national.Substring(national.Length - 4)|});"), Min001(0));

        [Fact]
        public Task Tel_uri_prefix_on_the_normalized_msisdn_is_reported() => Run(
            NormalizeProgram.Replace("$SEND", "AlliedExchange.Send({|#0:\"tel:\" + national|});"), Min001(0));

        [Fact]
        public Task Imei_type_allocation_code_prefix_is_reported() => Run(
            CdrExportProgram.Replace("$SEND", "AlliedExchange.Send({|#0:cdr.Imei.Substring(0, 8)|});"), Min001(0));

        // =====================================================================================================
        // 4. Parsing identifiers out of raw text: Split and Regex groups.
        // =====================================================================================================

        private const string RawFeedProgram = """
            internal static class RawCdrFeed
            {
                public static void Forward([IdentityBearing(IdentityCategory.Phone)] string rawLine)
                {
                    string[] fields = rawLine.Split(',');
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Field_split_out_of_a_raw_cdr_line_is_reported() => Run(
            RawFeedProgram.Replace("$SEND", "AlliedExchange.Send({|#0:fields[0]|});"), Min001(0));

        [Fact]
        public Task Trimmed_field_split_out_of_a_raw_cdr_line_is_reported() => Run(
            RawFeedProgram.Replace("$SEND", "AlliedExchange.Send({|#0:fields[1].Trim()|});"), Min001(0));

        [Fact]
        public Task Field_split_out_of_a_raw_cdr_line_then_pseudonymized_is_clean() => Run(
            RawFeedProgram.Replace("$SEND", "AlliedExchange.Send(Minimize.Pseudonym(fields[0], PartnerKeys.Uk));"));

        private const string RegexProgram = """
            internal sealed class MailHeaderParser
            {
                private static readonly Regex FromLine = new Regex(@"^From:\s*(?<addr>\S+)", RegexOptions.Multiline);

                public void Share(IPartnerChannel channel, [IdentityBearing(IdentityCategory.Email)] string rawHeaders)
                {
                    Match m = FromLine.Match(rawHeaders);
                    if (m.Success)
                    {
                        string from = m.Groups["addr"].Value;
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Sender_address_taken_from_a_regex_group_of_raw_headers_is_reported() => Run(
            RegexProgram.Replace("$SEND", "channel.Publish({|#0:from|});"), Min001(0));

        [Fact]
        public Task Sender_address_from_a_regex_group_pseudonymized_per_partner_is_clean() => Run(
            RegexProgram.Replace("$SEND", "channel.Publish(Minimize.Pseudonym(from.ToLowerInvariant(), PartnerKeys.For(channel.Partner)));"));

        // =====================================================================================================
        // 5. Identifier structs: a record struct Msisdn, and a sighting struct with a non-identifying member.
        // =====================================================================================================

        private const string SelectorProgram = """
            internal static class SelectorExport
            {
                public static void Run(IReadOnlyList<string> rawSelectors)
                {
                    foreach (string raw in rawSelectors)
                    {
                        Msisdn number = new Msisdn(raw.Trim());
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Value_of_an_identity_bearing_msisdn_struct_is_reported() => Run(
            SelectorProgram.Replace("$SEND", "AlliedExchange.Send({|#0:number.Value|});"), Min001(0));

        [Fact]
        public Task Synthesized_ToString_of_an_msisdn_struct_is_reported() => Run(
            SelectorProgram.Replace("$SEND", "AlliedExchange.Send({|#0:number.ToString()|});"), Min001(0));

        [Fact]
        public Task Msisdn_struct_boxed_to_object_is_reported() => Run(
            SelectorProgram.Replace("$SEND", "AlliedExchange.SendRecord({|#0:number|});"), Min001(0));

        [Fact]
        public Task Msisdn_struct_interpolated_into_a_selector_line_is_reported() => Run(
            SelectorProgram.Replace("$SEND", "AlliedExchange.Send({|#0:$\"selector={number}\"|});"), Min001(0));

        [Fact]
        public Task Msisdn_struct_pseudonymized_by_its_minimizer_is_clean() => Run(
            SelectorProgram.Replace("$SEND", "AlliedExchange.Send(Minimize.PseudonymOf(number, PartnerKeys.Uk));"));

        private const string SightingProgram = """
            internal static class SightingExport
            {
                public static void Run(string cellId, DateTime seenAt, int signal)
                {
                    CellSighting s = new CellSighting(cellId, seenAt, signal);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Time_of_an_identity_bearing_sighting_struct_is_reported() => Run(
            SightingProgram.Replace("$SEND", "AlliedExchange.SendTime({|#0:s.SeenAt|});"), Min001(0));

        [Fact]
        public Task Truncated_time_of_a_sighting_struct_is_clean() => Run(
            SightingProgram.Replace("$SEND", "AlliedExchange.SendTime(Minimize.TruncateToHour(s.SeenAt));"));

        [Fact]
        public Task Non_identifying_signal_strength_of_a_sighting_struct_is_clean() => Run(
            SightingProgram.Replace("$SEND", "AlliedExchange.SendCount(s.SignalDbm);"));

        // =====================================================================================================
        // 6. Dictionaries and histograms keyed by identifiers (a dictionary's keys are part of it).
        // =====================================================================================================

        private const string VolumeProgram = """
            internal sealed class CallVolumeReport
            {
                public void Build(IEnumerable<CallDetailRecord> records)
                {
                    var perKey = new Dictionary<string, int>();
                    foreach (CallDetailRecord cdr in records)
                    {
                        string key = $KEY;
                        perKey[key] = perKey.TryGetValue(key, out int n) ? n + 1 : 1;
                    }

                    foreach (KeyValuePair<string, int> entry in perKey)
                    {
                        AlliedExchange.Send({|#0:entry.Key + "=" + entry.Value|});
                    }
                }
            }
            """;

        [Fact]
        public Task Call_volume_keyed_by_raw_caller_msisdn_is_reported_where_a_key_is_sent() => Run(
            VolumeProgram.Replace("$KEY", "cdr.CallerMsisdn"), Min001(0));

        [Fact]
        public Task Call_volume_keyed_by_caller_pseudonym_is_clean() => Run(Unmarked(
            VolumeProgram.Replace("$KEY", "Minimize.Pseudonym(cdr.CallerMsisdn, PartnerKeys.Uk)")));

        [Fact]
        public Task Call_volume_keyed_by_raw_cell_id_is_reported() => Run(
            VolumeProgram.Replace("$KEY", "cdr.CellId"), Min001(0));

        [Fact]
        public Task Call_volume_keyed_by_cell_region_is_clean() => Run(Unmarked(
            VolumeProgram.Replace("$KEY", "Minimize.CellRegion(cdr.CellId)")));

        private const string HistogramProgram = """
            internal static class Histograms
            {
                public static void Share(IEnumerable<CallDetailRecord> records)
                {
                    var histogram = new Dictionary<$TYPE, int>();
                    foreach (CallDetailRecord cdr in records)
                    {
                        $TYPE bucket = $KEY;
                        histogram[bucket] = histogram.GetValueOrDefault(bucket) + 1;
                    }

                    AlliedExchange.SendRecord({|#0:histogram|});
                }
            }
            """;

        [Fact]
        public Task Histogram_of_call_durations_in_minutes_is_clean() => Run(Unmarked(
            HistogramProgram.Replace("$TYPE", "int").Replace("$KEY", "cdr.DurationSeconds / 60")));

        [Fact]
        public Task Histogram_of_truncated_call_hours_is_clean() => Run(Unmarked(
            HistogramProgram.Replace("$TYPE", "DateTime").Replace("$KEY", "Minimize.TruncateToHour(cdr.StartUtc)")));

        [Fact]
        public Task Histogram_keyed_by_raw_cell_id_is_reported_where_the_dictionary_is_sent() => Run(
            HistogramProgram.Replace("$TYPE", "string").Replace("$KEY", "cdr.CellId"), Min001(0));

        // =====================================================================================================
        // 7. Contact graphs: edges between identifiers; the call count on an edge is a scalar of a container.
        // =====================================================================================================

        private const string GraphProgram = """
            internal static class GraphShare
            {
                public static void Share(CallDetailRecord first, int callsBetween)
                {
                    ContactEdge edge = new ContactEdge(new Msisdn(first.CallerMsisdn), new Msisdn(first.CalleeMsisdn), callsBetween);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Contact_edge_rendered_as_caller_arrow_callee_is_reported() => Run(
            GraphProgram.Replace("$SEND", "AlliedExchange.Send({|#0:$\"{edge.From.Value}->{edge.To.Value}\"|});"), Min001(0));

        [Fact]
        public Task Whole_contact_edge_is_reported() => Run(
            GraphProgram.Replace("$SEND", "AlliedExchange.SendRecord({|#0:edge|});"), Min001(0));

        [Fact]
        public Task Synthesized_ToString_of_a_contact_edge_is_reported() => Run(
            GraphProgram.Replace("$SEND", "AlliedExchange.Send({|#0:edge.ToString()|});"), Min001(0));

        [Fact]
        public Task Call_count_of_a_contact_edge_is_clean() => Run(
            GraphProgram.Replace("$SEND", "AlliedExchange.SendCount(edge.Calls);"));

        private const string PseudonymousGraphProgram = """
            internal static class GraphShare
            {
                public static void Share(CallDetailRecord first, int callsBetween)
                {
                    PseudonymousEdge edge = new PseudonymousEdge(
                        Minimize.PseudonymOf(new Msisdn(first.CallerMsisdn), PartnerKeys.Uk),
                        Minimize.PseudonymOf(new Msisdn(first.CalleeMsisdn), PartnerKeys.Uk),
                        callsBetween);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Pseudonymous_contact_edge_is_clean() => Run(
            PseudonymousGraphProgram.Replace("$SEND", "AlliedExchange.SendRecord(edge);"));

        [Fact]
        public Task Synthesized_ToString_of_a_pseudonymous_contact_edge_is_clean() => Run(
            PseudonymousGraphProgram.Replace("$SEND", "AlliedExchange.Send(edge.ToString());"));

        // =====================================================================================================
        // 8. E-mail headers through an injected partner channel.
        // =====================================================================================================

        private const string MailProgram = """
            internal sealed class MailMetadataExport
            {
                private readonly IPartnerChannel _channel;

                public MailMetadataExport(IPartnerChannel channel) { _channel = channel; }

                public void Export(EmailHeader header)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Sender_address_of_a_mail_header_is_reported() => Run(
            MailProgram.Replace("$SEND", "_channel.Publish({|#0:header.From|});"), Min001(0));

        [Fact]
        public Task Cc_list_joined_into_one_string_is_reported() => Run(
            MailProgram.Replace("$SEND", "_channel.Publish({|#0:string.Join(\";\", header.Cc)|});"), Min001(0));

        [Fact]
        public Task Unannotated_message_id_of_an_identity_bearing_header_is_reported() => Run(
            MailProgram.Replace("$SEND", "_channel.Publish({|#0:header.MessageId|});"), Min001(0));

        [Fact]
        public Task Client_ip_masked_to_a_slash_24_by_hand_without_a_minimizer_is_reported() => Run(
            MailProgram.Replace(
                "$SEND",
                "_channel.Publish({|#0:header.ClientIp.Substring(0, header.ClientIp.LastIndexOf('.')) + \".0\"|});"),
            Min001(0));

        [Fact]
        public Task Size_and_attachment_count_of_a_mail_header_are_clean() => Run(
            MailProgram.Replace("$SEND", "_channel.Publish($\"{header.SizeBytes} bytes, {header.AttachmentCount} attachments\");"));

        [Fact]
        public Task Recipients_pseudonymized_one_by_one_per_partner_are_clean() => Run(
            MailProgram.Replace(
                "$SEND",
                "foreach (string to in header.To) { _channel.Publish(Minimize.Pseudonym(to.ToLowerInvariant(), PartnerKeys.For(_channel.Partner))); }"));

        [Fact]
        public Task Recipients_published_one_by_one_raw_are_reported() => Run(
            MailProgram.Replace("$SEND", "foreach (string to in header.To) { _channel.Publish({|#0:to.ToLowerInvariant()|}); }"), Min001(0));

        // =====================================================================================================
        // 9. Partner channels behind interfaces: fan-out over two implementations, forwarders, a concrete channel.
        // =====================================================================================================

        private const string FanOutProgram = """
            internal static class Tokens
            {
                public static string Tag(string id, string key) => key + ":" + id;

                public static string Wrap(string id, string key) => Minimize.Pseudonym(id, key);
            }

            internal sealed class PartnerFanOut
            {
                private readonly IReadOnlyList<IPartnerChannel> _channels;

                public PartnerFanOut(IReadOnlyList<IPartnerChannel> channels) { _channels = channels; }

                public void Publish(CallDetailRecord cdr)
                {
                    foreach (IPartnerChannel channel in _channels)
                    {
                        string key = PartnerKeys.For(channel.Partner);
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Raw_imsi_fanned_out_to_every_partner_channel_is_reported() => Run(
            FanOutProgram.Replace("$SEND", "channel.Publish({|#0:cdr.Imsi|});"), Min001(0));

        [Fact]
        public Task Imsi_pseudonymized_with_each_partners_key_is_clean() => Run(
            FanOutProgram.Replace("$SEND", "channel.Publish(Minimize.Pseudonym(cdr.Imsi, key));"));

        [Fact]
        public Task Helper_that_only_tags_the_imsi_with_the_partner_key_is_reported_at_the_outer_argument() => Run(
            FanOutProgram.Replace("$SEND", "channel.Publish({|#0:Tokens.Tag(cdr.Imsi, key)|});"), Min001(0));

        [Fact]
        public Task Unmarked_helper_that_returns_a_minimizer_result_is_clean() => Run(
            FanOutProgram.Replace("$SEND", "channel.Publish(Tokens.Wrap(cdr.Imsi, key));"));

        [Fact]
        public Task Concrete_channel_implementing_the_sink_is_a_sink_too() => Run(
            CdrExportProgram.Replace("$SEND", "new UkChannel().Publish({|#0:cdr.CalleeMsisdn|});"), Min001(0));

        [Fact]
        public Task Concrete_channel_given_a_truncated_time_and_region_is_clean() => Run(
            CdrExportProgram.Replace(
                "$SEND",
                "new AuChannel().Publish(Minimize.TruncateToHour(cdr.StartUtc).ToString(\"yyyy-MM-dd HH\") + \" \" + Minimize.CellRegion(cdr.CellId));"));

        private const string ForwarderProgram = """
            internal interface IReportSink
            {
                void Deliver(string line);
            }

            internal sealed class AlliedSink : IReportSink
            {
                public void Deliver(string line) => AlliedExchange.Send(line);
            }

            internal sealed class ArchiveSink : IReportSink
            {
                public readonly List<string> Lines = new List<string>();

                public void Deliver(string line) => Lines.Add(line);
            }

            internal sealed class Dispatcher
            {
                private readonly IReportSink _sink;

                public Dispatcher(IReportSink sink) { _sink = sink; }

                public void Dispatch(CallDetailRecord cdr)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Imei_given_to_an_injected_sink_whose_one_implementation_forwards_to_a_partner_is_reported_at_the_caller() => Run(
            ForwarderProgram.Replace("$SEND", "_sink.Deliver({|#0:cdr.Imei|});"), Min001(0));

        [Fact]
        public Task Imei_pseudonym_given_to_an_injected_forwarding_sink_is_clean() => Run(
            ForwarderProgram.Replace("$SEND", "_sink.Deliver(Minimize.Pseudonym(cdr.Imei, PartnerKeys.Uk));"));

        [Fact]
        public Task Imei_given_to_a_sink_known_to_be_the_local_archive_is_clean() => Run(
            ForwarderProgram.Replace("$SEND", "IReportSink archive = new ArchiveSink(); archive.Deliver(cdr.Imei);"));

        // =====================================================================================================
        // 10. Tasking requests from partners, answered with query results through report properties.
        // =====================================================================================================

        private const string TaskingProgram = """
            internal sealed class CdrStore
            {
                private readonly List<CallDetailRecord> _records = new List<CallDetailRecord>();

                public IReadOnlyList<CallDetailRecord> FindByCaller(string msisdn) => _records.Where(r => r.CallerMsisdn == msisdn).ToList();
            }

            internal sealed class TaskingDesk
            {
                private readonly CdrStore _store;

                public TaskingDesk(CdrStore store) { _store = store; }

                public PartnerReport Answer(TaskingRequest request)
                {
                    var report = new PartnerReport();
                    var body = new StringBuilder();
                    foreach (string selector in request.Selectors)
                    {
                        IReadOnlyList<CallDetailRecord> rows = _store.FindByCaller(selector);
                        int calls = 0;
                        int seconds = 0;
                        foreach (CallDetailRecord r in rows)
                        {
                            calls++;
                            seconds += r.DurationSeconds;
                            $ROW
                        }

                        $SUMMARY
                    }

                    report.Body = {|#0:body.ToString()|};
                    return report;
                }
            }
            """;

        [Fact]
        public Task Tasking_answer_listing_each_raw_callee_is_reported_at_the_report_body() => Run(
            TaskingProgram.Replace("$ROW", "body.AppendLine($\"{r.CalleeMsisdn},{r.DurationSeconds}\");").Replace("$SUMMARY", ""), Min001(0));

        [Fact]
        public Task Tasking_answer_echoing_the_partners_raw_selector_is_reported() => Run(
            TaskingProgram.Replace("$ROW", "").Replace("$SUMMARY", "body.AppendLine(selector + \": \" + calls);"), Min001(0));

        [Fact]
        public Task Tasking_answer_with_only_task_id_call_count_and_total_duration_is_clean() => Run(Unmarked(
            TaskingProgram.Replace("$ROW", "").Replace("$SUMMARY", "body.AppendLine($\"{request.TaskId}: {calls} calls, {seconds} s\");")));

        [Fact]
        public Task Tasking_answer_with_pseudonymized_selector_and_callees_is_clean() => Run(Unmarked(
            TaskingProgram
                .Replace("$ROW", "body.AppendLine(Minimize.Pseudonym(r.CalleeMsisdn, PartnerKeys.For(request.RequestingPartner)) + \",\" + r.DurationSeconds);")
                .Replace("$SUMMARY", "body.AppendLine(Minimize.Pseudonym(selector, PartnerKeys.For(request.RequestingPartner)) + \": \" + calls);")));

        private const string ReportRowsProgram = """
            internal static class CellReport
            {
                public static PartnerReport Build(IEnumerable<CallDetailRecord> records)
                {
                    var lines = new List<string>();
                    foreach (CallDetailRecord cdr in records)
                    {
                        lines.Add($CELL);
                    }

                    var report = new PartnerReport();
                    report.Rows = {|#0:lines|};
                    report.Body += {|#1:string.Join(",", lines)|};
                    return report;
                }
            }
            """;

        [Fact]
        public Task Report_rows_assigned_a_list_of_raw_cell_ids_and_body_appended_with_them_are_both_reported() => Run(
            ReportRowsProgram.Replace("$CELL", "cdr.CellId"), Min001(0), Min001(1));

        [Fact]
        public Task Report_rows_of_cell_regions_are_clean() => Run(Unmarked(
            ReportRowsProgram.Replace("$CELL", "Minimize.CellRegion(cdr.CellId)")));

        // =====================================================================================================
        // 11. Enrichment: joining call records with subscriber records into a partner DTO.
        // =====================================================================================================

        private const string EnrichmentProgram = """
            internal sealed class EnrichedCall
            {
                public string Caller { get; set; } = "";
                public string SubscriberName { get; set; } = "";
                public string Plan { get; set; } = "";
                public int DurationSeconds { get; set; }
            }

            internal sealed class Enricher
            {
                private readonly Dictionary<string, Subscriber> _subscribers;

                public Enricher(Dictionary<string, Subscriber> subscribers) { _subscribers = subscribers; }

                public EnrichedCall Enrich(CallDetailRecord cdr)
                {
                    Subscriber sub = _subscribers[cdr.CallerMsisdn];
                    return new EnrichedCall
                    {
                        Caller = $CALLER,
                        SubscriberName = $NAME,
                        Plan = sub.PlanName,
                        DurationSeconds = cdr.DurationSeconds,
                    };
                }
            }

            internal static class EnrichedExport
            {
                public static void Run(Enricher enricher, IEnumerable<CallDetailRecord> records)
                {
                    foreach (CallDetailRecord cdr in records)
                    {
                        EnrichedCall call = enricher.Enrich(cdr);
                        $SEND
                    }
                }
            }
            """;

        private static string RawEnrichment(string send)
            => EnrichmentProgram.Replace("$CALLER", "cdr.CallerMsisdn").Replace("$NAME", "sub.FullName").Replace("$SEND", send);

        private static string MinimizedEnrichment(string send)
            => EnrichmentProgram
                .Replace("$CALLER", "Minimize.Pseudonym(cdr.CallerMsisdn, PartnerKeys.Uk)")
                .Replace("$NAME", "\"\"")
                .Replace("$SEND", send);

        [Fact]
        public Task Enriched_call_carrying_the_raw_caller_and_subscriber_name_is_reported_where_sent_whole() => Run(
            RawEnrichment("AlliedExchange.SendRecord({|#0:call|});"), Min001(0));

        [Fact]
        public Task Subscriber_name_joined_onto_a_call_is_reported() => Run(
            RawEnrichment("AlliedExchange.Send({|#0:call.SubscriberName|});"), Min001(0));

        [Fact]
        public Task Duration_of_an_enriched_call_that_holds_identity_elsewhere_is_clean() => Run(
            RawEnrichment("AlliedExchange.SendCount(call.DurationSeconds);"));

        [Fact]
        public Task Enriched_call_with_pseudonymous_caller_plan_and_duration_only_is_clean() => Run(
            MinimizedEnrichment("AlliedExchange.SendRecord(call);"));

        // =====================================================================================================
        // 12. Per-partner batches held in a field: added in one method, flushed in another (Reading 5).
        // =====================================================================================================

        private const string BatcherProgram = """
            internal sealed class PartnerBatcher
            {
                private readonly Dictionary<string, List<string>> _batches = new Dictionary<string, List<string>>();

                public void Add(string partner, CallDetailRecord cdr)
                {
                    $ADD
                }

                public void Flush(IPartnerChannel channel)
                {
                    if (_batches.TryGetValue(channel.Partner, out List<string>? batch))
                    {
                        channel.Publish({|#0:string.Join("\n", batch)|});
                        batch.Clear();
                    }
                }
            }
            """;

        /// <summary>The usual shape: the list for the partner is taken out of the field's dictionary and filled in place.</summary>
        private static string FilledInPlace(string line) => BatcherProgram.Replace("$ADD", "if (!_batches.ContainsKey(partner)) { _batches[partner] = new List<string>(); } _batches[partner].Add($LINE);").Replace("$LINE", line);

        /// <summary>The list for the partner is rebuilt with the new line and stored back into the field's dictionary.</summary>
        private static string StoredBack(string line) => BatcherProgram.Replace("$ADD", "List<string> batch = _batches.TryGetValue(partner, out List<string>? existing) ? existing : new List<string>(); _batches[partner] = new List<string>(batch) { $LINE };").Replace("$LINE", line);

        [Fact]
        public Task Batch_of_raw_callee_lines_filled_in_place_is_reported_where_it_is_flushed_to_the_partner() => Run(
            FilledInPlace("$\"{cdr.CalleeMsisdn},{cdr.DurationSeconds}\""), Min001(0));

        [Fact]
        public Task Batch_of_raw_callee_lines_stored_back_is_reported_where_it_is_flushed_to_the_partner() => Run(
            StoredBack("$\"{cdr.CalleeMsisdn},{cdr.DurationSeconds}\""), Min001(0));

        [Fact]
        public Task Batch_of_per_partner_pseudonym_lines_is_clean() => Run(Unmarked(
            FilledInPlace("$\"{Minimize.Pseudonym(cdr.CalleeMsisdn, PartnerKeys.For(partner))},{cdr.DurationSeconds}\"")));

        [Fact]
        public Task Batch_of_durations_only_is_clean() => Run(Unmarked(
            StoredBack("cdr.DurationSeconds.ToString()")));

        // =====================================================================================================
        // 13. Device fingerprints and an awaited query result.
        // =====================================================================================================

        private const string FingerprintProgram = """
            internal static class FingerprintShare
            {
                public static void Share(DeviceFingerprint fp, IPartnerChannel channel)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Imei_and_mac_of_a_device_fingerprint_are_reported() => Run(
            FingerprintProgram.Replace("$SEND", "channel.Publish({|#0:fp.Imei + \"|\" + fp.WifiMac|});"), Min001(0));

        [Fact]
        public Task Unannotated_user_agent_of_an_identity_bearing_fingerprint_is_reported() => Run(
            FingerprintProgram.Replace("$SEND", "channel.Publish({|#0:fp.UserAgent|});"), Min001(0));

        [Fact]
        public Task Unkeyed_sha256_of_the_whole_fingerprint_is_reported() => Run(
            FingerprintProgram.Replace(
                "$SEND",
                "channel.Publish({|#0:Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fp.Imei + fp.WifiMac + fp.UserAgent)))|});"),
            Min001(0));

        [Fact]
        public Task Non_identifying_os_family_and_screen_width_are_clean() => Run(
            FingerprintProgram.Replace("$SEND", "channel.Publish(fp.OsFamily + \"/\" + fp.ScreenWidth);"));

        private const string AsyncQueryProgram = """
            internal sealed class AsyncCdrStore
            {
                public Task<CallDetailRecord?> FindAsync(Guid id) => Task.FromResult<CallDetailRecord?>(null);
            }

            internal sealed class AsyncTasking
            {
                public async Task AnswerAsync(AsyncCdrStore store, Guid id, IPartnerChannel channel)
                {
                    CallDetailRecord? cdr = await store.FindAsync(id);
                    if (cdr is null)
                    {
                        return;
                    }

                    $SEND
                }
            }
            """;

        [Fact]
        public Task Callee_of_an_awaited_query_result_is_reported() => Run(
            AsyncQueryProgram.Replace("$SEND", "channel.Publish({|#0:cdr.CalleeMsisdn|});"), Min001(0));

        [Fact]
        public Task Duration_of_an_awaited_query_result_is_clean() => Run(
            AsyncQueryProgram.Replace("$SEND", "channel.Publish(cdr.DurationSeconds.ToString());"));
    }
}
