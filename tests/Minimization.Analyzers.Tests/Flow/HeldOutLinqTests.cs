using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), not from the engine: LINQ and collection pipelines over identity-bearing records, the code that
    /// prepares partner exports. It covers <c>Select</c>/<c>Where</c>/<c>OrderBy</c>/<c>ThenBy</c>/<c>Skip</c>/<c>Take</c>,
    /// <c>Distinct</c>/<c>DistinctBy</c>, <c>GroupBy</c> with key, element and result selectors, <c>ToDictionary</c>/<c>ToLookup</c>
    /// (keys, values, counts), <c>Join</c>/<c>GroupJoin</c>, <c>SelectMany</c>, <c>Zip</c>, <c>Aggregate</c>, scalar aggregates
    /// against <c>MinBy</c>/<c>MaxBy</c>, element operators, <c>Any</c>/<c>All</c>/<c>Contains</c>, query syntax
    /// (<c>from</c>/<c>let</c>/<c>join</c>/<c>group</c>), <c>Chunk</c>, set operators, <c>Reverse</c>, materialization
    /// (<c>ToArray</c>/<c>ToList</c>/<c>ToHashSet</c>), <c>Enumerable.Range</c> and indexed <c>Select</c>, anonymous types and
    /// tuples mixing raw and minimized members, <c>IQueryable</c> with the program's own query extensions, the program's own
    /// <c>WhereActive</c>/<c>ToExportRows</c>/iterator extensions, a <c>[PartnerShare]</c> extension method, a
    /// <c>[PartnerShare]</c> property and a generic batch helper. Every reported shape has near-miss twins that must stay
    /// clean: the value minimized, only <c>[NonIdentifying]</c> or scalar members projected, or the data aggregated to
    /// counts and sums. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutLinqTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static Task RunOneOf(string program, params int[] markups) => CheckOnceAtOneOf(Complete(program), markups);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: subscribers and their usage, the export row, the sinks and the minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using Minimization;

            [IdentityBearing]
            internal sealed class Subscriber
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public string Plan { get; set; } = "";
                [NonIdentifying] public string Region { get; set; } = "";
                [NonIdentifying] public int DataMb { get; set; }
                [NonIdentifying] public decimal MonthlySpend { get; set; }
                [NonIdentifying] public bool Active { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Imei)] public string Imei { get; set; } = "";
                public DateTime ActivatedAt { get; set; }
            }

            internal sealed class UsageRecord
            {
                public Guid SubscriberId { get; set; }
                public long Bytes { get; set; }
                public DateTime StartedAt { get; set; }
                [IdentityBearing(IdentityCategory.CellTower)] public string CellId { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
            }

            internal sealed class Household
            {
                public string Region { get; set; } = "";
                public List<Subscriber> Members { get; set; } = new List<Subscriber>();
            }

            internal sealed class ExportRow
            {
                public string Region { get; set; } = "";
                public string Plan { get; set; } = "";
                public string Contact { get; set; } = "";
                public int DataMb { get; set; }
            }

            internal sealed class PartnerFeed
            {
                [PartnerShare("acme")] public IEnumerable<string> Contacts { get; set; } = Array.Empty<string>();
                [PartnerShare("acme")] public string Summary { get; set; } = "";
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Upload(string payload) { }
                [PartnerShare("acme")] public static void UploadAll(IEnumerable<string> values) { }
                [PartnerShare("acme")] public static void UploadRows(object rows) { }
                [PartnerShare("acme")] public static void UploadCount(int n) { }
                [PartnerShare("acme")] public static void UploadAmount(decimal value) { }
                [PartnerShare("acme")] public static void UploadFlag(bool flag) { }
                [PartnerShare("acme")] public static void UploadTime(DateTime at) { }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-2024");

                [Minimizer]
                public static string Pseudonym(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));
                }

                [Minimizer]
                public static string Last4(string phone)
                {
                    return phone.Length > 4 ? phone.Substring(phone.Length - 4) : phone;
                }

                [Minimizer]
                public static DateTime ToMonth(DateTime at)
                {
                    return new DateTime(at.Year, at.Month, 1);
                }
            }

            """;

        // =====================================================================================================
        // 1. Projection, filtering, ordering and paging.
        // =====================================================================================================

        private const string ProjectionProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    List<string> values = subs.Select(s => $PROJ).ToList();
                    Partner.UploadAll({|#0:values|});
                }
            }
            """;

        [Fact]
        public Task Select_of_the_raw_msisdn_materialized_with_ToList_is_reported_at_the_list() => Run(
            ProjectionProgram.Replace("$PROJ", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Select_of_the_minimized_msisdn_is_clean() => Run(Unmarked(
            ProjectionProgram.Replace("$PROJ", "Privacy.Last4(s.Msisdn)")));

        [Fact]
        public Task Select_of_non_identifying_members_only_is_clean() => Run(Unmarked(
            ProjectionProgram.Replace("$PROJ", "s.Region + \"/\" + s.Plan")));

        private const string PagedProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> page = subs
                        .Where(s => s.Active)
                        .OrderBy(s => s.Region)
                        .ThenBy(s => s.Plan)
                        .ThenByDescending(s => s.MonthlySpend)
                        .Skip(20)
                        .Take(10)
                        .Select(s => $PROJ);
                    Partner.UploadAll({|#0:page|});
                }
            }
            """;

        [Fact]
        public Task Filtered_ordered_paged_pipeline_projecting_the_email_is_reported() => Run(
            PagedProgram.Replace("$PROJ", "s.Email"), Min001(0));

        [Fact]
        public Task Filtered_ordered_paged_pipeline_projecting_plan_and_spend_is_clean() => Run(Unmarked(
            PagedProgram.Replace("$PROJ", "s.Plan + \";\" + s.MonthlySpend")));

        [Fact]
        public Task Filtering_and_ordering_by_identity_members_while_projecting_only_the_region_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    List<string> regions = subs
                        .Where(s => s.Email.EndsWith("@example.org", StringComparison.Ordinal))
                        .OrderBy(s => s.Name)
                        .ThenBy(s => s.Msisdn)
                        .Select(s => s.Region)
                        .ToList();
                    Partner.UploadAll(regions);
                }
            }
            """);

        // =====================================================================================================
        // 2. Distinct and DistinctBy.
        // =====================================================================================================

        [Fact]
        public Task Distinct_normalized_emails_are_reported() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    List<string> emails = subs.Select(s => s.Email.Trim().ToLowerInvariant()).Distinct().ToList();
                    Partner.UploadAll({|#0:emails|});
                }
            }
            """, Min001(0));

        private const string DistinctByProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    List<string> lines = subs.DistinctBy(s => $KEY).Select(s => $PROJ).ToList();
                    Partner.UploadAll({|#0:lines|});
                }
            }
            """;

        [Fact]
        public Task DistinctBy_a_region_then_projecting_the_name_is_reported() => Run(
            DistinctByProgram.Replace("$KEY", "s.Region").Replace("$PROJ", "s.Region + \":\" + s.Name"), Min001(0));

        [Fact]
        public Task DistinctBy_the_email_then_projecting_only_the_region_is_clean() => Run(Unmarked(
            DistinctByProgram.Replace("$KEY", "s.Email").Replace("$PROJ", "s.Region")));

        // =====================================================================================================
        // 3. GroupBy: key selectors, element selectors, result selectors.
        // =====================================================================================================

        private const string GroupKeyProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> keys = subs.GroupBy(s => $KEY).Select(g => g.Key);
                    Partner.UploadAll({|#0:keys|});
                }
            }
            """;

        [Fact]
        public Task GroupBy_the_email_and_sending_the_keys_is_reported() => Run(
            GroupKeyProgram.Replace("$KEY", "s.Email"), Min001(0));

        [Fact]
        public Task GroupBy_a_pseudonymized_email_and_sending_the_keys_is_clean() => Run(Unmarked(
            GroupKeyProgram.Replace("$KEY", "Privacy.Pseudonym(s.Email)")));

        [Fact]
        public Task GroupBy_the_region_and_sending_the_keys_is_clean() => Run(Unmarked(
            GroupKeyProgram.Replace("$KEY", "s.Region")));

        [Fact]
        public Task GroupBy_the_region_and_sending_keys_with_counts_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> perRegion = subs.GroupBy(s => s.Region).Select(g => g.Key + "=" + g.Count());
                    Partner.UploadAll(perRegion);

                    foreach (IGrouping<string, Subscriber> g in subs.GroupBy(s => s.Plan))
                    {
                        Partner.Upload(g.Key);
                        Partner.UploadCount(g.Count());
                        Partner.UploadAmount(g.Sum(s => s.MonthlySpend));
                    }
                }
            }
            """);

        [Fact]
        public Task Foreach_over_groups_keyed_by_msisdn_reports_the_key_sent() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    foreach (IGrouping<string, Subscriber> g in subs.GroupBy(s => s.Msisdn))
                    {
                        Partner.UploadCount(g.Count());
                        Partner.Upload({|#0:g.Key|});
                    }
                }
            }
            """, Min001(0));

        private const string GroupElementProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> lines = subs
                        .GroupBy(s => s.Region, s => $ELEMENT)
                        .Select(g => g.Key + ":" + string.Join("|", g));
                    Partner.UploadAll({|#0:lines|});
                }
            }
            """;

        [Fact]
        public Task GroupBy_with_an_element_selector_of_the_msisdn_joined_into_the_line_is_reported() => Run(
            GroupElementProgram.Replace("$ELEMENT", "s.Msisdn"), Min001(0));

        [Fact]
        public Task GroupBy_with_an_element_selector_of_the_minimized_msisdn_is_clean() => Run(Unmarked(
            GroupElementProgram.Replace("$ELEMENT", "Privacy.Last4(s.Msisdn)")));

        [Fact]
        public Task GroupBy_with_an_element_selector_of_data_usage_summed_per_region_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> lines = subs
                        .GroupBy(s => s.Region, s => s.DataMb)
                        .Select(g => g.Key + ":" + g.Sum() + ":" + g.Max());
                    Partner.UploadAll(lines);
                }
            }
            """);

        [Fact]
        public Task GroupBy_result_selector_row_reports_only_the_top_spender_email_member() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    var rows = subs.GroupBy(
                        s => s.Region,
                        (region, members) => new
                        {
                            Region = region,
                            Spend = members.Sum(m => m.MonthlySpend),
                            Users = members.Count(),
                            TopContact = members.MaxBy(m => m.MonthlySpend)!.Email,
                        });
                    foreach (var row in rows)
                    {
                        Partner.Upload(row.Region);
                        Partner.UploadAmount(row.Spend);
                        Partner.UploadCount(row.Users);
                        Partner.Upload({|#0:row.TopContact|});
                    }
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 4. ToDictionary and ToLookup: keys, values, counts.
        // =====================================================================================================

        [Fact]
        public Task Dictionary_keyed_by_msisdn_reports_its_keys_sent() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Dictionary<string, string> planByPhone = subs.ToDictionary(s => s.Msisdn, s => s.Plan);
                    Partner.UploadAll({|#0:planByPhone.Keys|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Dictionary_keyed_by_msisdn_sending_only_its_count_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Dictionary<string, string> planByPhone = subs.ToDictionary(s => s.Msisdn, s => s.Plan);
                    Partner.UploadCount(planByPhone.Count);
                }
            }
            """);

        private const string DictionaryValuesProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Dictionary<Guid, string> byId = subs.ToDictionary(s => s.Id, s => $VALUE);
                    Partner.UploadAll({|#0:byId.Values|});
                }
            }
            """;

        [Fact]
        public Task Dictionary_with_email_values_reports_its_values_sent() => Run(
            DictionaryValuesProgram.Replace("$VALUE", "s.Email"), Min001(0));

        [Fact]
        public Task Dictionary_with_pseudonymized_email_values_is_clean() => Run(Unmarked(
            DictionaryValuesProgram.Replace("$VALUE", "Privacy.Pseudonym(s.Email)")));

        [Fact]
        public Task Dictionary_with_id_keys_and_plan_values_sending_keys_and_values_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Dictionary<Guid, string> planById = subs.ToDictionary(s => s.Id, s => s.Plan);
                    Partner.UploadAll(planById.Values);
                    Partner.UploadAll(planById.Keys.Select(k => k.ToString()));
                }
            }
            """);

        private const string DictionaryOfRecordsProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Dictionary<Guid, Subscriber> byId = subs.ToDictionary(s => s.Id);
                    foreach (KeyValuePair<Guid, Subscriber> pair in byId)
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Dictionary_of_whole_records_reports_the_name_read_from_an_entry_value() => Run(
            DictionaryOfRecordsProgram.Replace("$SEND", "Partner.Upload({|#0:pair.Value.Name|});"), Min001(0));

        [Fact]
        public Task Dictionary_of_whole_records_sending_the_key_and_the_region_of_an_entry_is_clean() => Run(
            DictionaryOfRecordsProgram.Replace("$SEND", """
                Partner.Upload(pair.Key.ToString());
                Partner.Upload(pair.Value.Region);
                Partner.UploadCount(pair.Value.DataMb);
                """));

        private const string LookupProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    ILookup<string, string> emailsByRegion = subs.ToLookup(s => s.Region, s => s.Email);
                    foreach (IGrouping<string, string> g in emailsByRegion)
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Lookup_of_emails_by_region_reports_a_line_joining_the_emails() => Run(
            LookupProgram.Replace("$SEND", "Partner.Upload({|#0:g.Key + \": \" + string.Join(\",\", g)|});"), Min001(0));

        [Fact]
        public Task Lookup_of_emails_by_region_sending_the_region_key_and_count_is_clean() => Run(
            LookupProgram.Replace("$SEND", "Partner.Upload(g.Key + \": \" + g.Count());"));

        [Fact]
        public Task Lookup_keyed_by_email_reports_its_keys_sent() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    ILookup<string, Subscriber> byEmail = subs.ToLookup(s => s.Email);
                    Partner.UploadCount(byEmail.Count);
                    Partner.UploadAll({|#0:byEmail.Select(g => g.Key)|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 5. Join, GroupJoin, SelectMany, Zip.
        // =====================================================================================================

        private const string JoinProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, IReadOnlyList<UsageRecord> usage)
                {
                    IEnumerable<string> lines = subs.Join(
                        usage,
                        s => $OUTERKEY,
                        u => $INNERKEY,
                        (s, u) => $RESULT);
                    Partner.UploadAll({|#0:lines|});
                }
            }
            """;

        [Fact]
        public Task Join_on_id_whose_result_carries_the_msisdn_is_reported() => Run(
            JoinProgram.Replace("$OUTERKEY", "s.Id").Replace("$INNERKEY", "u.SubscriberId").Replace("$RESULT", "s.Msisdn + \";\" + u.Bytes"), Min001(0));

        [Fact]
        public Task Join_on_id_whose_result_carries_the_annotated_cell_of_the_usage_record_is_reported() => Run(
            JoinProgram.Replace("$OUTERKEY", "s.Id").Replace("$INNERKEY", "u.SubscriberId").Replace("$RESULT", "s.Plan + \";\" + u.CellId"), Min001(0));

        [Fact]
        public Task Join_on_id_whose_result_carries_plan_and_bytes_is_clean() => Run(Unmarked(
            JoinProgram.Replace("$OUTERKEY", "s.Id").Replace("$INNERKEY", "u.SubscriberId").Replace("$RESULT", "s.Plan + \";\" + u.Bytes")));

        [Fact]
        public Task Join_on_the_msisdn_whose_result_carries_only_region_and_bytes_is_clean() => Run(Unmarked(
            JoinProgram.Replace("$OUTERKEY", "s.Msisdn").Replace("$INNERKEY", "u.Msisdn").Replace("$RESULT", "s.Region + \";\" + u.Bytes")));

        private const string GroupJoinProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, IReadOnlyList<UsageRecord> usage)
                {
                    var rows = subs.GroupJoin(
                        usage,
                        s => s.Id,
                        u => u.SubscriberId,
                        (s, records) => new { s.Region, s.Email, Total = records.Sum(r => r.Bytes), Sessions = records.Count() });
                    foreach (var row in rows)
                    {
                        Partner.Upload(row.Region + ";" + row.Total);
                        Partner.UploadCount(row.Sessions);
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task GroupJoin_row_reports_only_its_email_member() => Run(
            GroupJoinProgram.Replace("$SEND", "Partner.Upload({|#0:row.Email|});"), Min001(0));

        [Fact]
        public Task GroupJoin_row_sending_region_total_session_count_and_the_pseudonymized_email_is_clean() => Run(
            GroupJoinProgram.Replace("$SEND", "Partner.Upload(Privacy.Pseudonym(row.Email));"));

        private const string SelectManyProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Household> households)
                {
                    List<string> lines = households.SelectMany(h => h.Members, (h, m) => $RESULT).ToList();
                    Partner.UploadAll({|#0:lines|});
                }
            }
            """;

        [Fact]
        public Task SelectMany_over_household_members_carrying_the_member_email_is_reported() => Run(
            SelectManyProgram.Replace("$RESULT", "h.Region + \"/\" + m.Email"), Min001(0));

        [Fact]
        public Task SelectMany_over_household_members_carrying_household_region_and_member_plan_is_clean() => Run(Unmarked(
            SelectManyProgram.Replace("$RESULT", "h.Region + \"/\" + m.Plan")));

        [Fact]
        public Task SelectMany_flattening_members_then_projecting_the_name_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Household> households)
                {
                    IEnumerable<string> names = households.SelectMany(h => h.Members).Where(m => m.Active).Select(m => m.Name);
                    Partner.UploadAll({|#0:names|});
                }
            }
            """, Min001(0));

        private const string ZipProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, IReadOnlyList<int> scores)
                {
                    IEnumerable<string> lines = subs.Select(s => $PROJ).Zip(scores, (text, score) => text + "=" + score);
                    Partner.UploadAll({|#0:lines|});
                }
            }
            """;

        [Fact]
        public Task Zip_of_names_with_scores_is_reported() => Run(
            ZipProgram.Replace("$PROJ", "s.Name"), Min001(0));

        [Fact]
        public Task Zip_of_plans_with_scores_is_clean() => Run(Unmarked(
            ZipProgram.Replace("$PROJ", "s.Plan")));

        [Fact]
        public Task Zip_into_tuples_reports_the_email_of_the_first_element_only() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, IReadOnlyList<int> ranks)
                {
                    foreach ((Subscriber First, int Second) pair in subs.Zip(ranks))
                    {
                        Partner.Upload(pair.First.Region + "#" + pair.Second);
                        Partner.UploadCount(pair.Second);
                        Partner.Upload({|#0:pair.First.Email|});
                    }
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 6. Aggregate, scalar aggregates, MinBy/MaxBy.
        // =====================================================================================================

        [Fact]
        public Task Aggregate_concatenating_msisdns_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    string all = subs.Select(s => s.Msisdn).Aggregate((a, b) => a + "," + b);
                    Partner.Upload({|#0:all|});
                }
            }
            """, Min001(0));

        private const string AggregateBuilderProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    string csv = subs.Aggregate(new StringBuilder(), (sb, s) => sb.Append($MEMBER).Append(';'), sb => sb.ToString());
                    Partner.Upload({|#0:csv|});
                }
            }
            """;

        [Fact]
        public Task Aggregate_into_a_string_builder_appending_emails_is_reported() => Run(
            AggregateBuilderProgram.Replace("$MEMBER", "s.Email"), Min001(0));

        [Fact]
        public Task Aggregate_into_a_string_builder_appending_regions_is_clean() => Run(Unmarked(
            AggregateBuilderProgram.Replace("$MEMBER", "s.Region")));

        [Fact]
        public Task Aggregate_with_an_integer_seed_summing_data_usage_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    int totalMb = subs.Aggregate(0, (acc, s) => acc + s.DataMb);
                    Partner.UploadCount(totalMb);
                }
            }
            """);

        [Fact]
        public Task Sum_count_average_min_and_max_over_non_identifying_scalars_and_sizes_are_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Partner.UploadAmount(subs.Sum(s => s.MonthlySpend));
                    Partner.UploadCount(subs.Count(s => s.Active));
                    Partner.UploadAmount((decimal)subs.Average(s => s.DataMb));
                    Partner.UploadCount(subs.Max(s => s.DataMb));
                    Partner.UploadCount(subs.Min(s => s.DataMb));
                    Partner.UploadCount(subs.Count);
                    Partner.UploadCount(subs.Select(s => s.Email).Distinct().Count());
                }
            }
            """);

        private const string MaxActivationProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    DateTime latest = subs.Max(s => $MEMBER);
                    Partner.UploadTime({|#0:latest|});
                }
            }
            """;

        [Fact]
        public Task Max_of_an_unmarked_timestamp_member_of_the_identity_bearing_record_is_reported() => Run(
            MaxActivationProgram.Replace("$MEMBER", "s.ActivatedAt"), Min001(0));

        [Fact]
        public Task Max_of_the_timestamp_truncated_by_a_minimizer_is_clean() => Run(Unmarked(
            MaxActivationProgram.Replace("$MEMBER", "Privacy.ToMonth(s.ActivatedAt)")));

        [Fact]
        public Task MaxBy_returns_the_whole_record_which_is_reported_when_sent() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Subscriber? top = subs.MaxBy(s => s.MonthlySpend);
                    if (top != null)
                    {
                        Partner.UploadRows({|#0:top|});
                    }
                }
            }
            """, Min001(0));

        private const string MinByProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Subscriber lowest = subs.MinBy(s => s.DataMb)!;
                    Subscriber highest = subs.MaxBy(s => s.DataMb)!;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task MinBy_record_reports_its_msisdn_sent() => Run(
            MinByProgram.Replace("$SEND", "Partner.Upload({|#0:lowest.Msisdn|});"), Min001(0));

        [Fact]
        public Task MinBy_and_MaxBy_records_sending_only_non_identifying_members_are_clean() => Run(
            MinByProgram.Replace("$SEND", """
                Partner.Upload(lowest.Region);
                Partner.UploadCount(lowest.DataMb);
                Partner.UploadAmount(highest.MonthlySpend);
                Partner.Upload(highest.Plan);
                """));

        // =====================================================================================================
        // 7. Element operators and boolean operators.
        // =====================================================================================================

        private const string ElementProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, Guid id)
                {
                    Partner.Upload({|#0:subs.First(s => s.Active).$A|});
                    Partner.Upload({|#1:subs.Single(s => s.Id == id).$B|});
                    Partner.Upload({|#2:subs.Last().$C|});
                }
            }
            """;

        [Fact]
        public Task First_Single_and_Last_records_report_each_identity_member_sent() => Run(
            ElementProgram.Replace("$A", "Email").Replace("$B", "Name").Replace("$C", "Msisdn"), Min001(0), Min001(1), Min001(2));

        [Fact]
        public Task First_Single_and_Last_records_sending_non_identifying_members_are_clean() => Run(Unmarked(
            ElementProgram.Replace("$A", "Region").Replace("$B", "Plan").Replace("$C", "Region")));

        private const string ElementOrDefaultProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Subscriber? firstActive = subs.FirstOrDefault(s => s.Active);
                    Subscriber third = subs.ElementAt(2);
                    Partner.Upload({|#0:firstActive?.$A ?? "none"|});
                    Partner.Upload({|#1:third.$B|});
                }
            }
            """;

        [Fact]
        public Task FirstOrDefault_and_ElementAt_records_report_each_identity_member_sent() => Run(
            ElementOrDefaultProgram.Replace("$A", "Imei").Replace("$B", "Email"), Min001(0), Min001(1));

        [Fact]
        public Task FirstOrDefault_and_ElementAt_records_sending_non_identifying_members_are_clean() => Run(Unmarked(
            ElementOrDefaultProgram.Replace("$A", "Plan").Replace("$B", "Region")));

        [Fact]
        public Task Any_All_and_Contains_results_are_booleans_and_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, string suspect)
                {
                    Partner.UploadFlag(subs.Any(s => s.Email.EndsWith(".gov", StringComparison.Ordinal)));
                    Partner.UploadFlag(subs.All(s => s.Active));
                    Partner.UploadFlag(subs.Select(s => s.Msisdn).Contains(suspect));
                    Partner.UploadFlag(subs.Any());
                }
            }
            """);

        [Fact]
        public Task FirstOrDefault_of_the_matching_msisdn_is_reported_where_Contains_would_be_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    string match = subs.Select(s => s.Msisdn).FirstOrDefault(m => m.StartsWith("+44", StringComparison.Ordinal)) ?? "none";
                    Partner.Upload({|#0:match|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 8. Query syntax.
        // =====================================================================================================

        private const string QueryLetProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> lines =
                        from s in subs
                        where s.Active
                        let contact = $CONTACT
                        orderby s.Region, s.Plan descending
                        select s.Region + ":" + contact;
                    Partner.UploadAll({|#0:lines|});
                }
            }
            """;

        [Fact]
        public Task Query_with_a_let_of_the_raw_email_is_reported() => Run(
            QueryLetProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task Query_with_a_let_of_the_pseudonymized_email_is_clean() => Run(Unmarked(
            QueryLetProgram.Replace("$CONTACT", "Privacy.Pseudonym(s.Email)")));

        private const string QueryJoinProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, IReadOnlyList<UsageRecord> usage)
                {
                    var rows =
                        from s in subs
                        join u in usage on s.Id equals u.SubscriberId
                        where u.Bytes > 0
                        select new { s.Msisdn, s.Region, u.Bytes, u.StartedAt };
                    foreach (var row in rows)
                    {
                        Partner.Upload(row.Region);
                        Partner.UploadAmount(row.Bytes);
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Query_join_row_reports_only_its_msisdn_member() => Run(
            QueryJoinProgram.Replace("$SEND", "Partner.Upload({|#0:row.Msisdn|});"), Min001(0));

        [Fact]
        public Task Query_join_row_sending_region_bytes_and_usage_time_is_clean() => Run(
            QueryJoinProgram.Replace("$SEND", "Partner.UploadTime(row.StartedAt);"));

        [Fact]
        public Task Query_group_by_region_into_counts_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    var counts =
                        from s in subs
                        group s by s.Region into g
                        select new { Region = g.Key, Users = g.Count(), Spend = g.Sum(x => x.MonthlySpend) };
                    foreach (var c in counts)
                    {
                        Partner.Upload(c.Region + "=" + c.Users);
                        Partner.UploadAmount(c.Spend);
                    }
                }
            }
            """);

        [Fact]
        public Task Query_group_of_emails_by_region_joined_into_the_line_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> lines =
                        from s in subs
                        group s.Email by s.Region into g
                        select g.Key + ":" + string.Join(",", g);
                    Partner.UploadAll({|#0:lines|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Query_group_by_the_msisdn_selecting_the_key_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    List<string> keys = (from s in subs group s by s.Msisdn into g select g.Key).ToList();
                    Partner.UploadAll({|#0:keys|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 9. Chunk, set operators, Reverse, materialization.
        // =====================================================================================================

        [Fact]
        public Task Chunks_of_emails_are_reported_at_each_batch_sent() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    foreach (string[] batch in subs.Select(s => s.Email).Chunk(500))
                    {
                        Partner.UploadCount(batch.Length);
                        Partner.UploadAll({|#0:batch|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Chunks_of_records_sending_sizes_and_pseudonyms_are_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    foreach (Subscriber[] batch in subs.Chunk(500))
                    {
                        Partner.UploadCount(batch.Length);
                        Partner.UploadAll(batch.Select(s => Privacy.Pseudonym(s.Email)));
                    }
                }
            }
            """);

        [Fact]
        public Task Concat_of_regions_with_emails_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> keys = subs.Select(s => s.Region).Concat(subs.Select(s => s.Email));
                    Partner.UploadAll({|#0:keys|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Union_of_subscriber_and_household_regions_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, IReadOnlyList<Household> households)
                {
                    List<string> regions = subs.Select(s => s.Region).Union(households.Select(h => h.Region)).Order().ToList();
                    Partner.UploadAll(regions);
                }
            }
            """);

        private const string IntersectProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, IReadOnlyList<string> watchList)
                {
                    List<string> hits = subs.Select(s => $PROJ).Intersect(watchList).ToList();
                    Partner.UploadAll({|#0:hits|});
                }
            }
            """;

        [Fact]
        public Task Intersect_of_msisdns_with_a_watch_list_is_reported() => Run(
            IntersectProgram.Replace("$PROJ", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Intersect_of_msisdn_suffixes_with_a_watch_list_is_clean() => Run(Unmarked(
            IntersectProgram.Replace("$PROJ", "Privacy.Last4(s.Msisdn)")));

        private const string ExceptProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs, IReadOnlyList<string> excluded)
                {
                    IEnumerable<string> remaining = subs.Select(s => $PROJ).Except(excluded);
                    Partner.UploadAll({|#0:remaining|});
                }
            }
            """;

        [Fact]
        public Task Except_of_emails_minus_opted_out_ones_is_reported() => Run(
            ExceptProgram.Replace("$PROJ", "s.Email"), Min001(0));

        [Fact]
        public Task Except_of_regions_minus_excluded_ones_is_clean() => Run(Unmarked(
            ExceptProgram.Replace("$PROJ", "s.Region")));

        private const string ReverseProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> newestFirst = subs.Select(s => $PROJ).Reverse();
                    Partner.UploadAll({|#0:newestFirst|});
                }
            }
            """;

        [Fact]
        public Task Reverse_of_names_is_reported() => Run(
            ReverseProgram.Replace("$PROJ", "s.Name"), Min001(0));

        [Fact]
        public Task Reverse_of_plans_is_clean() => Run(Unmarked(
            ReverseProgram.Replace("$PROJ", "s.Plan")));

        private const string HashSetProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    HashSet<string> emails = subs.Select(s => s.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task HashSet_of_emails_is_reported_when_sent() => Run(
            HashSetProgram.Replace("$SEND", "Partner.UploadAll({|#0:emails|});"), Min001(0));

        [Fact]
        public Task HashSet_of_emails_sending_only_its_count_is_clean() => Run(
            HashSetProgram.Replace("$SEND", "Partner.UploadCount(emails.Count);"));

        private const string ArrayProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    string[] names = subs.OrderByDescending(s => s.DataMb).Select(s => $PROJ).ToArray();
                    List<string> copy = names.ToList();
                    Partner.Upload({|#0:names[0]|});
                    Partner.Upload({|#1:copy[copy.Count - 1]|});
                }
            }
            """;

        [Fact]
        public Task Elements_of_a_ToArray_and_ToList_of_names_are_reported() => Run(
            ArrayProgram.Replace("$PROJ", "s.Name"), Min001(0), Min001(1));

        [Fact]
        public Task Elements_of_a_ToArray_and_ToList_of_pseudonymized_names_are_clean() => Run(Unmarked(
            ArrayProgram.Replace("$PROJ", "Privacy.Pseudonym(s.Name)")));

        // =====================================================================================================
        // 10. Enumerable.Range and indexed Select.
        // =====================================================================================================

        private const string RangeProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> numbered = Enumerable.Range(0, subs.Count).Select(i => (i + 1) + ". " + subs[i].$MEMBER);
                    Partner.UploadAll({|#0:numbered|});
                }
            }
            """;

        [Fact]
        public Task Range_mapping_indexes_to_msisdns_is_reported() => Run(
            RangeProgram.Replace("$MEMBER", "Msisdn"), Min001(0));

        [Fact]
        public Task Range_mapping_indexes_to_regions_is_clean() => Run(Unmarked(
            RangeProgram.Replace("$MEMBER", "Region")));

        private const string IndexedSelectProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    IEnumerable<string> numbered = subs.Select((s, i) => i + ":" + $PROJ);
                    Partner.UploadAll({|#0:numbered|});
                }
            }
            """;

        [Fact]
        public Task Indexed_Select_carrying_the_email_is_reported() => Run(
            IndexedSelectProgram.Replace("$PROJ", "s.Email"), Min001(0));

        [Fact]
        public Task Indexed_Select_carrying_the_plan_is_clean() => Run(Unmarked(
            IndexedSelectProgram.Replace("$PROJ", "s.Plan")));

        // =====================================================================================================
        // 11. Anonymous types and tuples mixing raw and minimized members.
        // =====================================================================================================

        [Fact]
        public Task Anonymous_rows_report_only_the_raw_msisdn_member_sent() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    var rows = subs.Select(s => new { s.Region, Token = Privacy.Pseudonym(s.Email), s.Msisdn, s.DataMb }).ToList();
                    foreach (var r in rows)
                    {
                        Partner.Upload(r.Region);
                        Partner.Upload(r.Token);
                        Partner.UploadCount(r.DataMb);
                        Partner.Upload({|#0:r.Msisdn|});
                    }
                }
            }
            """, Min001(0));

        private const string AnonymousListProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    var rows = subs
                        .Where(s => s.Active)
                        .Select(s => new { s.Region, s.Plan, Contact = $CONTACT, Since = Privacy.ToMonth(s.ActivatedAt) })
                        .ToList();
                    Partner.UploadRows({|#0:rows|});
                }
            }
            """;

        [Fact]
        public Task List_of_anonymous_rows_holding_the_raw_email_is_reported_when_sent_whole() => Run(
            AnonymousListProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task List_of_anonymous_rows_holding_only_minimized_and_non_identifying_members_is_clean() => Run(Unmarked(
            AnonymousListProgram.Replace("$CONTACT", "Privacy.Pseudonym(s.Email)")));

        [Fact]
        public Task Tuples_deconstructed_in_foreach_report_only_the_raw_contact() => Run("""
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    foreach (var (plan, contact, spend, token) in subs.Select(s => (s.Plan, Contact: s.Email, Spend: s.MonthlySpend, Token: Privacy.Last4(s.Msisdn))))
                    {
                        Partner.Upload(plan);
                        Partner.UploadAmount(spend);
                        Partner.Upload(token);
                        Partner.Upload({|#0:contact|});
                    }
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 12. The program's own extension methods and IQueryable.
        // =====================================================================================================

        private const string ExportRowsProgram = """
            internal static class SubscriberPipeline
            {
                public static IEnumerable<Subscriber> WhereActive(this IEnumerable<Subscriber> source)
                {
                    return source.Where(s => s.Active);
                }

                public static IEnumerable<ExportRow> ToExportRows(this IEnumerable<Subscriber> source)
                {
                    return source.Select(s => new ExportRow { Region = s.Region, Plan = s.Plan, Contact = $CONTACT, DataMb = s.DataMb });
                }
            }

            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    foreach (ExportRow row in subs.WhereActive().ToExportRows())
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Own_WhereActive_and_ToExportRows_copying_the_email_report_the_contact_member_sent() => Run(
            ExportRowsProgram.Replace("$CONTACT", "s.Email").Replace("$SEND", "Partner.Upload({|#0:row.Contact|});"), Min001(0));

        [Fact]
        public Task Own_ToExportRows_copying_the_email_sending_only_region_plan_and_usage_is_clean() => Run(
            ExportRowsProgram.Replace("$CONTACT", "s.Email").Replace("$SEND", """
                Partner.Upload(row.Region);
                Partner.Upload(row.Plan);
                Partner.UploadCount(row.DataMb);
                """));

        [Fact]
        public Task Own_ToExportRows_pseudonymizing_the_email_gives_a_clean_contact_member() => Run(
            ExportRowsProgram.Replace("$CONTACT", "Privacy.Pseudonym(s.Email)").Replace("$SEND", "Partner.Upload(row.Contact);"));

        private const string IteratorExtensionProgram = """
            internal static class SubscriberPipeline
            {
                public static IEnumerable<string> ActiveContacts(this IEnumerable<Subscriber> source)
                {
                    foreach (Subscriber s in source)
                    {
                        if (s.Active)
                        {
                            yield return $CONTACT;
                        }
                    }
                }
            }

            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    List<string> contacts = subs.ActiveContacts().Take(100).ToList();
                    Partner.UploadAll({|#0:contacts|});
                }
            }
            """;

        [Fact]
        public Task Own_iterator_extension_yielding_emails_is_reported_at_the_caller() => Run(
            IteratorExtensionProgram.Replace("$CONTACT", "s.Email"), Min001(0));

        [Fact]
        public Task Own_iterator_extension_yielding_pseudonyms_is_clean() => Run(Unmarked(
            IteratorExtensionProgram.Replace("$CONTACT", "Privacy.Pseudonym(s.Email)")));

        private const string QueryableProgram = """
            internal static class SubscriberQueries
            {
                public static IQueryable<Subscriber> InRegion(this IQueryable<Subscriber> query, string region)
                {
                    return query.Where(s => s.Region == region);
                }

                public static IQueryable<Subscriber> Paying(this IQueryable<Subscriber> query)
                {
                    return query.Where(s => s.MonthlySpend > 0m).OrderByDescending(s => s.MonthlySpend);
                }
            }

            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    List<string> values = subs.AsQueryable().InRegion("north").Paying().Select(s => $PROJ).ToList();
                    Partner.UploadAll({|#0:values|});
                }
            }
            """;

        [Fact]
        public Task Queryable_with_own_query_extensions_projecting_the_name_is_reported() => Run(
            QueryableProgram.Replace("$PROJ", "s.Name"), Min001(0));

        [Fact]
        public Task Queryable_with_own_query_extensions_projecting_the_plan_is_clean() => Run(Unmarked(
            QueryableProgram.Replace("$PROJ", "s.Plan")));

        private const string ShareExtensionProgram = """
            internal static class PartnerExtensions
            {
                [PartnerShare("acme")]
                public static void ShareAll(this IEnumerable<string> values)
                {
                }
            }

            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    {|#0:subs.Where(s => s.Active).Select(s => $PROJ)|}.ShareAll();
                }
            }
            """;

        [Fact]
        public Task PartnerShare_extension_method_sinks_the_extended_sequence_of_emails() => Run(
            ShareExtensionProgram.Replace("$PROJ", "s.Email"), Min001(0));

        [Fact]
        public Task PartnerShare_extension_method_over_pseudonyms_is_clean() => Run(Unmarked(
            ShareExtensionProgram.Replace("$PROJ", "Privacy.Pseudonym(s.Email)")));

        private const string ShareInsideProgram = """
            internal static class SubscriberPipeline
            {
                public static IEnumerable<Subscriber> WhereActive(this IEnumerable<Subscriber> source)
                {
                    return source.Where(s => s.Active);
                }

                public static void ShareContacts(this IEnumerable<Subscriber> subscribers)
                {
                    foreach (Subscriber s in subscribers.WhereActive())
                    {
                        Partner.Upload({|#0:$MEMBER|});
                    }
                }
            }

            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    subs.OrderBy(s => s.Region).ShareContacts();
                }
            }
            """;

        [Fact]
        public Task Own_extension_sending_the_email_of_each_element_is_reported_inside_at_its_sink() => Run(
            ShareInsideProgram.Replace("$MEMBER", "s.Email"), Min001(0));

        [Fact]
        public Task Own_extension_sending_the_region_of_each_element_is_clean() => Run(Unmarked(
            ShareInsideProgram.Replace("$MEMBER", "s.Region")));

        private const string FeedPropertyProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    var feed = new PartnerFeed();
                    feed.Contacts = {|#0:subs.Where(s => s.Active).Select(s => $PROJ).ToList()|};
                    feed.Summary = subs.Count + " subscribers in " + string.Join(",", subs.Select(s => s.Region).Distinct());
                }
            }
            """;

        [Fact]
        public Task Sequence_of_msisdns_assigned_to_a_PartnerShare_property_is_reported_at_the_assigned_value() => Run(
            FeedPropertyProgram.Replace("$PROJ", "s.Msisdn"), Min001(0));

        [Fact]
        public Task Sequence_of_msisdn_suffixes_and_a_region_summary_assigned_to_PartnerShare_properties_are_clean() => Run(Unmarked(
            FeedPropertyProgram.Replace("$PROJ", "Privacy.Last4(s.Msisdn)")));

        private const string GenericBatchProgram = """
            internal static class Batch
            {
                public static void ShareEach<T>(IEnumerable<T> items, Func<T, string> describe)
                {
                    foreach (T item in items)
                    {
                        Partner.Upload({|#2:describe(item)|});
                    }
                }
            }

            internal static class Export
            {
                public static void Run(IReadOnlyList<Subscriber> subs)
                {
                    Batch.ShareEach({|#0:subs.Where(s => s.Active)|}, {|#1:s => $DESCRIBE|});
                }
            }
            """;

        [Fact]
        public Task Generic_batch_helper_describing_each_record_by_its_email_is_reported_once() => RunOneOf(
            GenericBatchProgram.Replace("$DESCRIBE", "s.Email"), 0, 1, 2);

        [Fact]
        public Task Generic_batch_helper_describing_each_record_by_region_or_pseudonym_is_clean() => Run(Unmarked(
            GenericBatchProgram.Replace("$DESCRIBE", "s.Region + \"/\" + Privacy.Pseudonym(s.Email)")));
    }
}
