using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), without reading the flow engine: precision, that is code that handles identity correctly and must
    /// not be reported, each shape paired with the smallest change that turns it into a real leak, which must be.
    /// Covered: the result of a <c>[Minimizer]</c> and the members read from it (<c>Minimizers.Coarsen(x).Region</c>, a
    /// minimizer returning a DTO); objects holding a raw and a minimized value side by side; <c>?:</c>, <c>??</c>,
    /// <c>??=</c> and <c>if</c>/<c>else</c> that overwrite a raw value on every path (and on one path only); a variable
    /// overwritten before the send inside loops, loop-carried values, <c>try</c>/<c>finally</c> and <c>catch</c>,
    /// <c>using</c> blocks, <c>switch</c> statements and <c>switch</c> expressions; a member overwritten before the whole
    /// object is sent, a member overwritten by the object's own method, two objects from
    /// one factory (one raw and kept local, one minimized and sent), lists of raw and masked pairs projected to one member, a member
    /// read before identity was written, records copied with <c>with</c> (Reading 11); scalar
    /// members (ids, counts, dates, enums, <c>Guid</c>, <c>bool</c>) of containers and of an object that an HTTP lookup by
    /// email returned through a serializer (Reading 11); <c>[NonIdentifying]</c> members, and one whose type is identity-bearing (the type wins);
    /// raw values sent only to a local logger, a database and a metrics counter; identity used only in a condition;
    /// exceptions with a constant message; keyed pseudonyms behind a <c>[Minimizer]</c> against unkeyed hashes, Base64 and
    /// an inline keyed hash that is not a declared minimizer; dictionaries keyed by pseudonyms; in-compilation callees that
    /// take identity and return something independent of it; receivers that are not report sites (Reading 3) and
    /// <c>[PartnerShare]</c> extension methods; library receivers of client and service types that do not carry identity
    /// afterwards, against builders that do (Reading 10); <c>[PartnerShare]</c> properties set by assignment, initializer
    /// and <c>+=</c>.
    /// Left out because the contract does not settle them: sizes and <c>bool</c> results of identity (the analyzer "may"
    /// treat them as clean), the keys of a dictionary whose values are raw (what is read out of a collection carries what
    /// was put in), string members of a container other than the one written (Reading 11 allows them to carry identity),
    /// identity carried by an exception through <c>throw</c>/<c>catch</c> (Reading 9), and whether the value a <c>Dictionary</c>
    /// indexer returns for an email key carries that key (a library call passes its arguments on "unless the analyzer knows
    /// better"; the lookup of section 13 goes through an HTTP call and a serializer instead).
    /// Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutPrecisionTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the customer, the minimizers, the partner sinks and the local sinks.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using System.Text.RegularExpressions;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            internal enum Tier { Bronze, Silver, Gold }

            [IdentityBearing(IdentityCategory.Address)]
            internal sealed class HomeAddress
            {
                public string Street { get; set; } = "";
                public string City { get; set; } = "";
            }

            [IdentityBearing]
            internal sealed class Customer
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public int LoyaltyPoints { get; set; }
                [NonIdentifying] public DateTime CreatedAt { get; set; }
                [NonIdentifying] public Tier Tier { get; set; }
                [NonIdentifying] public bool Active { get; set; }
                [NonIdentifying] public string Segment { get; set; } = "";
                [NonIdentifying] public HomeAddress Home { get; set; } = new();
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [IdentityBearing(IdentityCategory.PostalCode)] public string PostalCode { get; set; } = "";
                [IdentityBearing(IdentityCategory.DateOfBirth)] public DateTime BirthDate { get; set; }
            }

            internal sealed class CoarseLocation
            {
                public string Region { get; set; } = "";
                public string Country { get; set; } = "";
            }

            internal sealed class ContactDto
            {
                public string Token { get; set; } = "";
                public string Domain { get; set; } = "";
                public int Digits { get; set; }
            }

            internal static class Minimizers
            {
                private static readonly byte[] Key = Encoding.UTF8.GetBytes("precision-corpus-secret");

                [Minimizer]
                public static string Pseudonym(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));
                }

                [Minimizer]
                public static string Last4(string phone)
                {
                    return phone.Length > 4 ? phone.Substring(phone.Length - 4) : phone;
                }

                [Minimizer]
                public static CoarseLocation Coarsen(string postalCode)
                {
                    return new CoarseLocation { Region = postalCode.Substring(0, 1), Country = "CA" };
                }

                [Minimizer]
                public static ContactDto Contact(Customer c)
                {
                    return new ContactDto { Token = Pseudonym(c.Email), Domain = c.Email.Split('@')[1], Digits = c.Phone.Length };
                }

                [Minimizer]
                public static int BirthYear(DateTime dateOfBirth)
                {
                    return dateOfBirth.Year - dateOfBirth.Year % 10;
                }
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Send(string payload) { }
                [PartnerShare("acme")] public static Task SendAsync(string payload) => Task.CompletedTask;
                [PartnerShare("acme")] public static void SendObject(object message) { }
                [PartnerShare("acme")] public static void SendAll(IEnumerable<string> payloads) { }
                [PartnerShare("acme")] public static void SendId(Guid id) { }
                [PartnerShare("acme")] public static void SendCount(int count) { }
                [PartnerShare("acme")] public static void SendTime(DateTime at) { }
                [PartnerShare("acme")] public static void SendFlag(bool flag) { }
                [PartnerShare("acme")] public static void SendTier(Tier tier) { }
            }

            internal static class LocalLog
            {
                public static void Info(string message) { }
            }

            internal sealed class Database
            {
                public void Save(string key, string value) { }
            }

            internal static class Metrics
            {
                public static void Increment(string name, int by = 1) { }
            }

            """;

        // =====================================================================================================
        // 1. The result of a minimizer, and members read from it.
        // =====================================================================================================

        private const string CoarsenedRegionProgram = """
            internal sealed class RegionFeed
            {
                public void Publish(Customer c)
                {
                    CoarseLocation where = Minimizers.Coarsen(c.PostalCode);
                    string line = where.Region + "/" + where.Country;
                    LocalLog.Info("published the region of " + c.Email);
                    Partner.Send({|#0:$VALUE|});
                }
            }
            """;

        [Fact]
        public Task Member_read_straight_off_a_minimizer_call_is_clean() => Run(Unmarked(
            CoarsenedRegionProgram.Replace("$VALUE", "Minimizers.Coarsen(c.PostalCode).Region")));

        [Fact]
        public Task Member_of_a_local_holding_a_minimizer_result_is_clean() => Run(Unmarked(
            CoarsenedRegionProgram.Replace("$VALUE", "where.Region")));

        [Fact]
        public Task Text_concatenated_from_members_of_a_minimizer_result_is_clean() => Run(Unmarked(
            CoarsenedRegionProgram.Replace("$VALUE", "line.ToUpperInvariant()")));

        [Fact]
        public Task Raw_postal_code_beside_the_coarsened_region_is_reported() => Run(
            CoarsenedRegionProgram.Replace("$VALUE", "line + \" \" + c.PostalCode"), Min001(0));

        // =====================================================================================================
        // 2. A minimizer returning a DTO whose members are read and sent.
        // =====================================================================================================

        private const string ContactDtoProgram = """
            internal sealed class ContactFeed
            {
                public void Publish(Customer c)
                {
                    ContactDto dto = Minimizers.Contact(c);
                    string summary = $"{dto.Token}@{dto.Domain}#{dto.Digits}";
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Token_member_of_a_minimized_dto_is_clean() => Run(Unmarked(
            ContactDtoProgram.Replace("$SEND", "Partner.Send({|#0:dto.Token|});")));

        [Fact]
        public Task Whole_minimized_dto_sent_as_an_object_is_clean() => Run(Unmarked(
            ContactDtoProgram.Replace("$SEND", "Partner.SendObject({|#0:dto|});")));

        [Fact]
        public Task Interpolation_of_every_member_of_a_minimized_dto_is_clean() => Run(Unmarked(
            ContactDtoProgram.Replace("$SEND", "Partner.Send({|#0:summary|});")));

        [Fact]
        public Task Raw_phone_appended_to_the_minimized_dto_summary_is_reported() => Run(
            ContactDtoProgram.Replace("$SEND", "Partner.Send({|#0:summary + c.Phone|});"), Min001(0));

        // =====================================================================================================
        // 3. An object holding the raw and the minimized value side by side.
        // =====================================================================================================

        private const string SideBySideProgram = """
            internal sealed class ContactPair
            {
                public string Raw { get; set; } = "";
                public string Masked { get; set; } = "";
                public int Attempts { get; set; }
            }

            internal sealed class PairExporter
            {
                private readonly Database _db = new();

                public void Export(Customer c)
                {
                    var pair = new ContactPair
                    {
                        Raw = c.Phone,
                        Masked = Minimizers.Last4(c.Phone),
                        Attempts = 1,
                    };
                    _db.Save(pair.Masked, pair.Raw);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Only_the_masked_member_of_a_raw_and_masked_pair_sent_is_clean() => Run(Unmarked(
            SideBySideProgram.Replace("$SEND", "Partner.Send({|#0:pair.Masked|});")));

        [Fact]
        public Task Integer_member_of_a_pair_that_also_holds_the_raw_phone_is_clean() => Run(Unmarked(
            SideBySideProgram.Replace("$SEND", "Partner.SendCount({|#0:pair.Attempts|});")));

        [Fact]
        public Task Anonymous_object_of_the_masked_member_and_the_counter_is_clean() => Run(Unmarked(
            SideBySideProgram.Replace("$SEND", "Partner.SendObject({|#0:new { pair.Masked, pair.Attempts }|});")));

        [Fact]
        public Task Raw_member_of_the_pair_sent_is_reported() => Run(
            SideBySideProgram.Replace("$SEND", "Partner.Send({|#0:pair.Raw|});"), Min001(0));

        [Fact]
        public Task Whole_pair_that_still_holds_the_raw_phone_sent_as_an_object_is_reported() => Run(
            SideBySideProgram.Replace("$SEND", "Partner.SendObject({|#0:pair|});"), Min001(0));

        // =====================================================================================================
        // 4. ?:, ?? and if/else overwriting a raw local before the send.
        // =====================================================================================================

        private const string ConditionalOverwriteProgram = """
            internal sealed class Notifier
            {
                public void Notify(Customer c, bool optedIn, string? cachedToken)
                {
                    string contact = c.Email;
                    $ASSIGN
                    Partner.Send({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task Conditional_whose_both_arms_are_clean_overwrites_the_raw_local() => Run(Unmarked(
            ConditionalOverwriteProgram.Replace("$ASSIGN", "contact = optedIn ? Minimizers.Pseudonym(contact) : \"anonymous\";")));

        [Fact]
        public Task Coalescing_a_clean_cached_token_with_a_pseudonym_overwrites_the_raw_local() => Run(Unmarked(
            ConditionalOverwriteProgram.Replace("$ASSIGN", "contact = cachedToken ?? Minimizers.Pseudonym(contact);")));

        [Fact]
        public Task If_else_overwriting_the_raw_local_on_both_branches_is_clean() => Run(Unmarked(
            ConditionalOverwriteProgram.Replace("$ASSIGN", "if (optedIn) { contact = Minimizers.Pseudonym(contact); } else { contact = Minimizers.Last4(c.Phone); }")));

        [Fact]
        public Task Raw_local_overwritten_with_a_constant_is_clean() => Run(Unmarked(
            ConditionalOverwriteProgram.Replace("$ASSIGN", "contact = \"redacted\";")));

        [Fact]
        public Task Conditional_that_keeps_the_raw_local_on_one_arm_is_reported() => Run(
            ConditionalOverwriteProgram.Replace("$ASSIGN", "contact = optedIn ? Minimizers.Pseudonym(contact) : contact;"), Min001(0));

        [Fact]
        public Task Coalescing_that_falls_back_to_the_raw_local_is_reported() => Run(
            ConditionalOverwriteProgram.Replace("$ASSIGN", "contact = cachedToken ?? contact;"), Min001(0));

        [Fact]
        public Task If_without_else_overwriting_the_raw_local_on_one_path_only_is_reported() => Run(
            ConditionalOverwriteProgram.Replace("$ASSIGN", "if (optedIn) { contact = Minimizers.Pseudonym(contact); }"), Min001(0));

        // =====================================================================================================
        // 5. ??= filling a token that starts clean or raw.
        // =====================================================================================================

        private const string CoalesceAssignProgram = """
            internal sealed class TokenShare
            {
                private string? _lastToken;

                public void Share(Customer c, string? fromHeader)
                {
                    string? token = $INIT;
                    token ??= Minimizers.Pseudonym(c.Email);
                    _lastToken = token;
                    Partner.Send({|#0:token|});
                }
            }
            """;

        [Fact]
        public Task Null_token_filled_by_coalescing_assignment_with_a_pseudonym_is_clean() => Run(Unmarked(
            CoalesceAssignProgram.Replace("$INIT", "null")));

        [Fact]
        public Task Clean_header_token_filled_by_coalescing_assignment_with_a_pseudonym_is_clean() => Run(Unmarked(
            CoalesceAssignProgram.Replace("$INIT", "fromHeader")));

        [Fact]
        public Task Raw_email_that_coalescing_assignment_never_replaces_is_reported() => Run(
            CoalesceAssignProgram.Replace("$INIT", "fromHeader ?? c.Email"), Min001(0));

        // =====================================================================================================
        // 6. A loop variable overwritten with its pseudonym before the send.
        // =====================================================================================================

        private const string LoopOverwriteProgram = """
            internal sealed class DigestJob
            {
                public void Run(IReadOnlyList<Customer> customers)
                {
                    foreach (Customer c in customers)
                    {
                        string line = c.Email.Trim().ToLowerInvariant();
                        $STEP
                        Partner.Send({|#0:line|});
                    }
                }
            }
            """;

        [Fact]
        public Task Loop_local_overwritten_with_its_pseudonym_before_the_send_is_clean() => Run(Unmarked(
            LoopOverwriteProgram.Replace("$STEP", "line = Minimizers.Pseudonym(line);")));

        [Fact]
        public Task Loop_local_overwritten_on_both_arms_of_a_conditional_is_clean() => Run(Unmarked(
            LoopOverwriteProgram.Replace("$STEP", "line = c.Active ? Minimizers.Pseudonym(line) : c.Id.ToString();")));

        [Fact]
        public Task Loop_local_pseudonymized_only_for_active_customers_is_reported() => Run(
            LoopOverwriteProgram.Replace("$STEP", "if (c.Active) { line = Minimizers.Pseudonym(line); }"), Min001(0));

        // =====================================================================================================
        // 7. A value carried from one iteration to the next: minimized at the top, raw again at the bottom.
        // =====================================================================================================

        private const string LoopCarriedProgram = """
            internal sealed class RollingExport
            {
                public void Run(Customer first, IReadOnlyList<Customer> rest)
                {
                    string value = first.Phone;
                    for (int i = 0; i < rest.Count; i++)
                    {
                        $TOP
                        Partner.Send($INNER);
                        value = rest[i].Phone;
                    }

                    $AFTER
                }
            }
            """;

        [Fact]
        public Task Loop_carried_phone_masked_at_the_top_of_every_iteration_is_clean_where_sent_in_the_loop() => Run(
            LoopCarriedProgram.Replace("$TOP", "value = Minimizers.Last4(value);").Replace("$INNER", "value").Replace("$AFTER", "LocalLog.Info(value);"));

        [Fact]
        public Task Loop_carried_phone_only_trimmed_at_the_top_is_reported_where_sent_in_the_loop() => Run(
            LoopCarriedProgram.Replace("$TOP", "value = value.Trim();").Replace("$INNER", "{|#0:value|}").Replace("$AFTER", "LocalLog.Info(value);"), Min001(0));

        [Fact]
        public Task Loop_carried_phone_sent_after_the_loop_is_reported_because_the_last_write_is_raw() => Run(
            LoopCarriedProgram.Replace("$TOP", "value = Minimizers.Last4(value);").Replace("$INNER", "value").Replace("$AFTER", "Partner.Send({|#0:value|});"), Min001(0));

        // =====================================================================================================
        // 8. try/finally and catch.
        // =====================================================================================================

        private const string TryProgram = """
            internal sealed class AuditedShare
            {
                private readonly Database _db = new();

                public void Share(Customer c)
                {
                    string payload = c.Email;
                    try
                    {
                        _db.Save("audit", payload);
                        $TRY
                    }
                    $HANDLER

                    Partner.Send({|#0:payload|});
                }
            }
            """;

        [Fact]
        public Task Local_pseudonymized_in_a_finally_block_is_clean_after_the_try() => Run(Unmarked(
            TryProgram.Replace("$TRY", "LocalLog.Info(\"saved\");").Replace("$HANDLER", "finally { payload = Minimizers.Pseudonym(payload); }")));

        [Fact]
        public Task Local_pseudonymized_in_the_try_and_replaced_by_a_constant_in_the_catch_is_clean() => Run(Unmarked(
            TryProgram.Replace("$TRY", "payload = Minimizers.Pseudonym(payload);").Replace("$HANDLER", "catch (InvalidOperationException) { payload = \"unavailable\"; }")));

        [Fact]
        public Task Local_pseudonymized_only_in_a_catch_block_is_reported_on_the_normal_path() => Run(
            TryProgram.Replace("$TRY", "LocalLog.Info(\"saved\");").Replace("$HANDLER", "catch (InvalidOperationException) { payload = Minimizers.Pseudonym(payload); }"), Min001(0));

        [Fact]
        public Task Local_pseudonymized_in_the_try_but_kept_raw_by_an_empty_catch_is_reported() => Run(
            TryProgram.Replace("$TRY", "payload = Minimizers.Pseudonym(payload);").Replace("$HANDLER", "catch (InvalidOperationException) { LocalLog.Info(\"save failed\"); }"), Min001(0));

        // =====================================================================================================
        // 9. A using block that overwrites the local.
        // =====================================================================================================

        private const string UsingProgram = """
            internal sealed class ExportSession : IDisposable
            {
                public void Dispose() { }
            }

            internal sealed class SessionExporter
            {
                public void Export(Customer c)
                {
                    string body = c.Phone;
                    using (var session = new ExportSession())
                    {
                        LocalLog.Info("exporting " + body);
                        $STEP
                    }

                    Partner.Send({|#0:body|});
                }
            }
            """;

        [Fact]
        public Task Local_masked_inside_a_using_block_is_clean_after_it() => Run(Unmarked(
            UsingProgram.Replace("$STEP", "body = Minimizers.Last4(body);")));

        [Fact]
        public Task Local_only_reformatted_inside_a_using_block_is_reported() => Run(
            UsingProgram.Replace("$STEP", "body = body.Replace(\"-\", \"\");"), Min001(0));

        // =====================================================================================================
        // 10. switch statements and switch expressions assigning a minimized value in every arm.
        // =====================================================================================================

        private const string SwitchStatementProgram = """
            internal sealed class TierShare
            {
                public void Share(Customer c)
                {
                    string shared = c.Email;
                    switch (c.Tier)
                    {
                        case Tier.Gold:
                            shared = Minimizers.Pseudonym(c.Email);
                            break;
                        case Tier.Silver:
                            shared = Minimizers.Last4(c.Phone);
                            break;
                        default:
                            $DEFAULT
                            break;
                    }

                    Partner.Send({|#0:shared|});
                }
            }
            """;

        [Fact]
        public Task Switch_whose_every_arm_overwrites_the_raw_local_is_clean() => Run(Unmarked(
            SwitchStatementProgram.Replace("$DEFAULT", "shared = Minimizers.Coarsen(c.PostalCode).Region;")));

        [Fact]
        public Task Switch_whose_default_arm_leaves_the_raw_local_is_reported() => Run(
            SwitchStatementProgram.Replace("$DEFAULT", "LocalLog.Info(\"bronze\");"), Min001(0));

        private const string SwitchExpressionProgram = """
            internal sealed class TierLabel
            {
                public void Share(Customer c)
                {
                    string shared = c.Tier switch
                    {
                        Tier.Gold => Minimizers.Pseudonym(c.Email),
                        Tier.Silver => Minimizers.Last4(c.Phone),
                        _ => $FALLBACK,
                    };
                    Partner.Send({|#0:shared|});
                }
            }
            """;

        [Fact]
        public Task Switch_expression_with_minimized_arms_and_a_non_identifying_fallback_is_clean() => Run(Unmarked(
            SwitchExpressionProgram.Replace("$FALLBACK", "c.Segment")));

        [Fact]
        public Task Switch_expression_whose_fallback_is_the_raw_name_is_reported() => Run(
            SwitchExpressionProgram.Replace("$FALLBACK", "c.Name"), Min001(0));

        // =====================================================================================================
        // 11. A member overwritten before the whole object is sent; a member read before identity was written (Reading 11).
        // =====================================================================================================

        private const string CardProgram = """
            internal sealed class ContactCard
            {
                public string Label { get; set; } = "";
                public string Contact { get; set; } = "";
                public int Version { get; set; }
            }

            internal sealed class CardSender
            {
                public void Send(Customer c)
                {
                    var card = new ContactCard { Label = "newsletter", Contact = c.Email, Version = 2 };
                    $STEP
                    Partner.SendObject({|#0:card|});
                }
            }
            """;

        [Fact]
        public Task Object_whose_only_raw_member_is_overwritten_with_its_pseudonym_is_clean_when_sent_whole() => Run(Unmarked(
            CardProgram.Replace("$STEP", "card.Contact = Minimizers.Pseudonym(card.Contact);")));

        [Fact]
        public Task Object_whose_only_raw_member_is_overwritten_with_a_constant_is_clean_when_sent_whole() => Run(Unmarked(
            CardProgram.Replace("$STEP", "card.Contact = \"withheld\";")));

        [Fact]
        public Task Object_whose_other_member_receives_the_pseudonym_still_holds_the_raw_email_and_is_reported() => Run(
            CardProgram.Replace("$STEP", "card.Label = Minimizers.Pseudonym(card.Contact);"), Min001(0));

        private const string ReadBeforeWriteProgram = """
            internal sealed class ContactCard
            {
                public string Label { get; set; } = "";
                public string Contact { get; set; } = "";
                public int Version { get; set; }
            }

            internal sealed class CardFlow
            {
                private readonly Database _db = new();

                public void Run(Customer c, string label)
                {
                    var card = new ContactCard { Label = label, Version = 1 };
                    $BEFORE
                    card.Contact = c.Email;
                    $AFTER
                    _db.Save(card.Label, card.Contact);
                    Partner.Send({|#0:snapshot|});
                }
            }
            """;

        [Fact]
        public Task String_member_read_before_the_email_is_written_into_the_object_is_clean() => Run(Unmarked(
            ReadBeforeWriteProgram.Replace("$BEFORE", "string snapshot = card.Label + \":\" + card.Version;").Replace("$AFTER", "")));

        [Fact]
        public Task Integer_member_read_after_the_email_is_written_into_the_object_is_clean() => Run(Unmarked(
            ReadBeforeWriteProgram.Replace("$BEFORE", "").Replace("$AFTER", "string snapshot = \"v\" + card.Version;")));

        [Fact]
        public Task Member_overwritten_with_its_pseudonym_and_read_back_is_clean() => Run(Unmarked(
            ReadBeforeWriteProgram.Replace("$BEFORE", "").Replace("$AFTER", "card.Contact = Minimizers.Pseudonym(card.Contact); string snapshot = card.Contact;")));

        [Fact]
        public Task Member_read_back_after_the_email_is_written_into_it_is_reported() => Run(
            ReadBeforeWriteProgram.Replace("$BEFORE", "").Replace("$AFTER", "string snapshot = card.Contact;"), Min001(0));

        private const string WithCopyProgram = """
            internal sealed record Lead(Guid Id, string Contact, string Source);

            internal sealed class LeadShare
            {
                public void Share(Customer c)
                {
                    var lead = new Lead(Guid.NewGuid(), c.Email, "web");
                    LocalLog.Info(lead.ToString());
                    var shared = lead with { $CHANGE };
                    Partner.SendObject({|#0:shared|});
                }
            }
            """;

        [Fact]
        public Task Record_copy_whose_raw_member_is_replaced_by_its_pseudonym_is_clean() => Run(Unmarked(
            WithCopyProgram.Replace("$CHANGE", "Contact = Minimizers.Pseudonym(lead.Contact)")));

        [Fact]
        public Task Record_copy_that_changes_only_the_source_keeps_the_raw_email_and_is_reported() => Run(
            WithCopyProgram.Replace("$CHANGE", "Source = \"partner\""), Min001(0));

        private const string RedactMethodProgram = """
            internal sealed class ContactCard
            {
                public string Label { get; set; } = "";
                public string Contact { get; set; } = "";

                public void Redact()
                {
                    $REDACT
                }
            }

            internal sealed class RedactingSender
            {
                public void Send(Customer c)
                {
                    var card = new ContactCard { Label = "newsletter", Contact = c.Email };
                    LocalLog.Info(card.Contact);
                    card.Redact();
                    Partner.SendObject({|#0:card|});
                }
            }
            """;

        [Fact]
        public Task Object_that_overwrites_its_raw_member_with_a_pseudonym_in_its_own_method_is_clean_when_sent_whole() => Run(Unmarked(
            RedactMethodProgram.Replace("$REDACT", "Contact = Minimizers.Pseudonym(Contact);")));

        [Fact]
        public Task Object_whose_own_method_only_relabels_it_still_holds_the_raw_email_and_is_reported() => Run(
            RedactMethodProgram.Replace("$REDACT", "Label = \"redacted\";"), Min001(0));

        private const string TwoCardsProgram = """
            internal sealed class ContactCard
            {
                public string Contact { get; set; } = "";
                public int Version { get; set; }
            }

            internal static class Cards
            {
                public static ContactCard Make(string contact) => new ContactCard { Contact = contact, Version = 1 };
            }

            internal sealed class TwoCards
            {
                public void Send(Customer c)
                {
                    ContactCard internalCard = Cards.Make(c.Email);
                    ContactCard partnerCard = Cards.Make(Minimizers.Pseudonym(c.Email));
                    LocalLog.Info(internalCard.Contact);
                    Partner.SendObject({|#0:$CARD|});
                }
            }
            """;

        [Fact]
        public Task Pseudonymized_card_made_by_the_same_factory_as_a_raw_internal_card_is_clean() => Run(Unmarked(
            TwoCardsProgram.Replace("$CARD", "partnerCard")));

        [Fact]
        public Task Raw_internal_card_made_by_the_factory_sent_to_the_partner_is_reported() => Run(
            TwoCardsProgram.Replace("$CARD", "internalCard"), Min001(0));

        private const string PairListProgram = """
            internal sealed class ContactPair
            {
                public string Raw { get; set; } = "";
                public string Masked { get; set; } = "";
            }

            internal sealed class PairBatch
            {
                public void Export(IEnumerable<Customer> customers)
                {
                    List<ContactPair> pairs = customers
                        .Select(c => new ContactPair { Raw = c.Phone, Masked = Minimizers.Last4(c.Phone) })
                        .ToList();
                    LocalLog.Info(string.Join(",", pairs.Select(p => p.Raw)));
                    Partner.SendAll({|#0:pairs.Select(p => $MEMBER).ToList()|});
                }
            }
            """;

        [Fact]
        public Task Masked_members_projected_from_a_list_of_raw_and_masked_pairs_are_clean() => Run(Unmarked(
            PairListProgram.Replace("$MEMBER", "p.Masked")));

        [Fact]
        public Task Raw_members_projected_from_a_list_of_raw_and_masked_pairs_are_reported() => Run(
            PairListProgram.Replace("$MEMBER", "p.Raw"), Min001(0));

        // =====================================================================================================
        // 12. Scalar members of a container that also holds identity (Reading 11).
        // =====================================================================================================

        private const string ShipmentProgram = """
            internal sealed class Shipment
            {
                public Guid Id { get; set; }
                public int ItemCount { get; set; }
                public DateTime PlacedAt { get; set; }
                public Tier Tier { get; set; }
                public bool Gift { get; set; }
                public string ShipTo { get; set; } = "";
            }

            internal sealed class ShipmentFeed
            {
                public void Publish(Customer c, int items)
                {
                    var shipment = new Shipment
                    {
                        Id = Guid.NewGuid(),
                        ItemCount = items,
                        PlacedAt = $PLACED,
                        Tier = c.Tier,
                        Gift = c.Active,
                        ShipTo = c.Name + ", " + c.PostalCode,
                    };
                    $SEND
                }
            }
            """;

        private static string Shipment(string send, string placed = "DateTime.UtcNow")
            => ShipmentProgram.Replace("$PLACED", placed).Replace("$SEND", send);

        [Fact]
        public Task Guid_id_of_a_shipment_holding_the_name_and_postal_code_is_clean() => Run(Unmarked(
            Shipment("Partner.SendId({|#0:shipment.Id|});")));

        [Fact]
        public Task Item_count_of_a_shipment_holding_the_name_and_postal_code_is_clean() => Run(Unmarked(
            Shipment("Partner.SendCount({|#0:shipment.ItemCount|});")));

        [Fact]
        public Task Placement_date_of_a_shipment_holding_the_name_and_postal_code_is_clean() => Run(Unmarked(
            Shipment("Partner.SendTime({|#0:shipment.PlacedAt|});")));

        [Fact]
        public Task Enum_tier_of_a_shipment_holding_the_name_and_postal_code_is_clean() => Run(Unmarked(
            Shipment("Partner.SendTier({|#0:shipment.Tier|});")));

        [Fact]
        public Task Bool_gift_flag_of_a_shipment_holding_the_name_and_postal_code_is_clean() => Run(Unmarked(
            Shipment("Partner.SendFlag({|#0:shipment.Gift|});")));

        [Fact]
        public Task Ship_to_member_written_from_the_name_and_postal_code_is_reported() => Run(
            Shipment("Partner.Send({|#0:shipment.ShipTo|});"), Min001(0));

        [Fact]
        public Task Date_member_written_from_the_date_of_birth_is_reported_because_it_is_the_member_written() => Run(
            Shipment("Partner.SendTime({|#0:shipment.PlacedAt|});", placed: "c.BirthDate"), Min001(0));

        // =====================================================================================================
        // 13. Identity used only as a lookup key: the account a CRM lookup by email returned, deserialized (Reading 11).
        // =====================================================================================================

        private const string LookupProgram = """
            internal sealed class Account
            {
                public Guid Id { get; set; }
                public int LoginCount { get; set; }
                public DateTime LastSeen { get; set; }
                public bool Verified { get; set; }
                public string DisplayName { get; set; } = "";
            }

            internal sealed class AccountFeed
            {
                private readonly HttpClient _crm;

                public AccountFeed(HttpClient crm)
                {
                    _crm = crm;
                }

                public async Task PublishAsync(Customer c)
                {
                    string json = await _crm.GetStringAsync("https://crm.internal/accounts?email=" + Uri.EscapeDataString(c.Email));
                    Account account = JsonSerializer.Deserialize<Account>(json) ?? new Account();
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Guid_id_of_an_account_fetched_by_email_is_clean() => Run(Unmarked(
            LookupProgram.Replace("$SEND", "Partner.SendId({|#0:account.Id|});")));

        [Fact]
        public Task Login_count_of_an_account_fetched_by_email_is_clean() => Run(Unmarked(
            LookupProgram.Replace("$SEND", "Partner.SendCount({|#0:account.LoginCount|});")));

        [Fact]
        public Task Last_seen_date_and_verified_flag_of_an_account_fetched_by_email_are_clean() => Run(Unmarked(
            LookupProgram.Replace("$SEND", "Partner.SendTime(account.LastSeen); Partner.SendFlag(account.Verified);")));

        [Fact]
        public Task Display_name_string_of_an_account_fetched_by_email_is_reported() => Run(
            LookupProgram.Replace("$SEND", "Partner.Send({|#0:account.DisplayName|});"), Min001(0));

        // =====================================================================================================
        // 14. [NonIdentifying] members, and a [NonIdentifying] member whose own type is identity-bearing.
        // =====================================================================================================

        private const string NonIdentifyingProgram = """
            internal sealed class SegmentFeed
            {
                public void Publish(Customer c)
                {
                    LocalLog.Info("publishing " + c.Name);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Non_identifying_string_member_of_a_customer_is_clean() => Run(Unmarked(
            NonIdentifyingProgram.Replace("$SEND", "Partner.Send({|#0:c.Segment|});")));

        [Fact]
        public Task Interpolation_of_non_identifying_id_tier_and_points_is_clean() => Run(Unmarked(
            NonIdentifyingProgram.Replace("$SEND", "Partner.Send({|#0:$\"{c.Id}:{c.Tier}:{c.LoyaltyPoints}\"|});")));

        [Fact]
        public Task Non_identifying_creation_date_of_a_customer_is_clean() => Run(Unmarked(
            NonIdentifyingProgram.Replace("$SEND", "Partner.SendTime({|#0:c.CreatedAt|});")));

        [Fact]
        public Task Birth_decade_from_a_minimizer_is_clean() => Run(Unmarked(
            NonIdentifyingProgram.Replace("$SEND", "Partner.SendCount({|#0:Minimizers.BirthYear(c.BirthDate)|});")));

        [Fact]
        public Task Non_identifying_member_whose_type_is_identity_bearing_is_reported_because_the_type_wins() => Run(
            NonIdentifyingProgram.Replace("$SEND", "Partner.Send({|#0:c.Home.City|});"), Min001(0));

        [Fact]
        public Task Raw_date_of_birth_is_reported() => Run(
            NonIdentifyingProgram.Replace("$SEND", "Partner.SendTime({|#0:c.BirthDate|});"), Min001(0));

        [Fact]
        public Task Year_read_off_the_raw_date_of_birth_is_reported() => Run(
            NonIdentifyingProgram.Replace("$SEND", "Partner.SendCount({|#0:c.BirthDate.Year|});"), Min001(0));

        // =====================================================================================================
        // 15. Raw values sent only to a local logger, a database and a metrics counter.
        // =====================================================================================================

        private const string LocalSinksProgram = """
            internal sealed class SignupHandler
            {
                private readonly Database _db = new();

                public void Handle(Customer c)
                {
                    string message = $"signup {c.Email} {c.Phone}";
                    LocalLog.Info(message);
                    _db.Save(c.Id.ToString(), c.Email);
                    Metrics.Increment("signups." + c.Email.Split('@')[1]);
                    Console.WriteLine("welcome " + c.Name);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Raw_values_kept_to_the_logger_database_and_metrics_while_the_partner_gets_the_id_is_clean() => Run(Unmarked(
            LocalSinksProgram.Replace("$SEND", "Partner.Send({|#0:\"signup \" + c.Id|});")));

        [Fact]
        public Task Logged_message_local_overwritten_before_it_is_sent_to_the_partner_is_clean() => Run(Unmarked(
            LocalSinksProgram.Replace("$SEND", "message = \"signup \" + c.Id; Partner.Send({|#0:message|});")));

        [Fact]
        public Task Logged_message_also_sent_to_the_partner_is_reported() => Run(
            LocalSinksProgram.Replace("$SEND", "Partner.Send({|#0:message|});"), Min001(0));

        // =====================================================================================================
        // 16. Identity used only in a condition (implicit flows are out of scope).
        // =====================================================================================================

        private const string ConditionOnlyProgram = """
            internal sealed class CorporateFlag
            {
                public void Publish(Customer c)
                {
                    string kind = "consumer";
                    if (c.Email.EndsWith("@corp.example", StringComparison.OrdinalIgnoreCase))
                    {
                        $THEN
                    }

                    Partner.Send({|#0:kind|});
                }
            }
            """;

        [Fact]
        public Task Constant_chosen_by_a_condition_on_the_email_is_clean() => Run(Unmarked(
            ConditionOnlyProgram.Replace("$THEN", "kind = \"corporate\";")));

        [Fact]
        public Task Constant_sent_directly_inside_a_condition_on_the_email_is_clean() => Run(Unmarked(
            ConditionOnlyProgram.Replace("$THEN", "Partner.Send(\"corporate\"); return;")));

        [Fact]
        public Task Email_domain_chosen_inside_a_condition_on_the_email_is_reported() => Run(
            ConditionOnlyProgram.Replace("$THEN", "kind = c.Email.Substring(c.Email.IndexOf('@'));"), Min001(0));

        // =====================================================================================================
        // 17. Exceptions whose message is constant.
        // =====================================================================================================

        private const string ExceptionMessageProgram = """
            internal sealed class ContactValidator
            {
                public void Validate(Customer c)
                {
                    var error = new FormatException($MESSAGE);
                    LocalLog.Info(error.Message + " for " + c.Email);
                    Partner.Send({|#0:error.Message|});
                }
            }
            """;

        [Fact]
        public Task Message_of_an_exception_built_from_a_constant_is_clean() => Run(Unmarked(
            ExceptionMessageProgram.Replace("$MESSAGE", "\"contact is not valid\"")));

        [Fact]
        public Task Message_of_an_exception_built_from_the_email_is_reported() => Run(
            ExceptionMessageProgram.Replace("$MESSAGE", "\"contact is not valid: \" + c.Email"), Min001(0));

        [Fact]
        public Task Caught_exception_thrown_on_a_condition_on_the_email_with_a_constant_message_is_clean() => Run("""
            internal sealed class ContactCheck
            {
                public void Check(Customer c)
                {
                    try
                    {
                        if (!c.Email.Contains('@'))
                        {
                            throw new FormatException("contact is not valid");
                        }

                        Partner.Send("ok");
                    }
                    catch (FormatException ex)
                    {
                        Partner.Send(ex.Message);
                    }
                }
            }
            """);

        // =====================================================================================================
        // 18. Receivers are never report sites (Reading 3); [PartnerShare] extension methods.
        // =====================================================================================================

        private const string ReceiverProgram = """
            [IdentityBearing]
            internal sealed class Profile
            {
                public string Email { get; set; } = "";
                [NonIdentifying] public string Plan { get; set; } = "";

                [PartnerShare("acme")]
                public void Publish(string payload) { }

                public void ShareSelf()
                {
                    $SELF
                }
            }

            internal sealed class ProfileService
            {
                public void Run(Profile p)
                {
                    $CALL
                }
            }
            """;

        [Fact]
        public Task Partner_method_called_on_an_identity_bearing_receiver_with_a_constant_is_clean() => Run(
            ReceiverProgram.Replace("$SELF", "LocalLog.Info(Email);").Replace("$CALL", "p.Publish(\"refresh\");"));

        [Fact]
        public Task Partner_method_called_on_an_identity_bearing_receiver_with_its_non_identifying_plan_is_clean() => Run(
            ReceiverProgram.Replace("$SELF", "LocalLog.Info(Email);").Replace("$CALL", "p.Publish(p.Plan);"));

        [Fact]
        public Task Object_that_sends_the_pseudonym_of_its_own_email_is_clean() => Run(
            ReceiverProgram.Replace("$SELF", "Partner.Send(Minimizers.Pseudonym(Email));").Replace("$CALL", "p.ShareSelf();"));

        [Fact]
        public Task Partner_method_called_on_an_identity_bearing_receiver_with_its_email_is_reported_at_the_argument() => Run(
            ReceiverProgram.Replace("$SELF", "LocalLog.Info(Email);").Replace("$CALL", "p.Publish({|#0:p.Email|});"), Min001(0));

        [Fact]
        public Task Object_that_sends_its_own_email_is_reported_inside_at_the_sink_not_at_the_receiver() => Run(
            ReceiverProgram.Replace("$SELF", "Partner.Send({|#0:Email|});").Replace("$CALL", "p.ShareSelf();"), Min001(0));

        private const string ExtensionProgram = """
            internal static class AcmeExtensions
            {
                [PartnerShare("acme")]
                public static void ShareWithAcme(this string value) { }
            }

            internal sealed class ExtensionUse
            {
                public void Run(Customer c)
                {
                    LocalLog.Info(c.Email);
                    $CALL
                }
            }
            """;

        [Fact]
        public Task Partner_extension_method_on_a_pseudonym_is_clean() => Run(Unmarked(
            ExtensionProgram.Replace("$CALL", "{|#0:Minimizers.Pseudonym(c.Email)|}.ShareWithAcme();")));

        [Fact]
        public Task Partner_extension_method_on_the_raw_email_is_reported_at_the_extended_value() => Run(
            ExtensionProgram.Replace("$CALL", "{|#0:c.Email|}.ShareWithAcme();"), Min001(0));

        // =====================================================================================================
        // 19. Library receivers: a client or service does not carry identity afterwards, a builder does (Reading 10).
        // =====================================================================================================

        private const string HttpClientProgram = """
            internal sealed class CrmLookup
            {
                private readonly HttpClient _http;

                public CrmLookup(HttpClient http)
                {
                    _http = http;
                }

                public async Task RunAsync(Customer c)
                {
                    using HttpResponseMessage response = await _http.PostAsync("https://crm.internal/lookup", new StringContent(c.Email));
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Http_client_that_posted_the_email_internally_does_not_carry_it_afterwards() => Run(Unmarked(
            HttpClientProgram.Replace("$SEND", "await Partner.SendAsync({|#0:_http.BaseAddress?.ToString() ?? \"none\"|});")));

        [Fact]
        public Task Enum_status_code_of_a_response_to_the_posted_email_is_clean() => Run(Unmarked(
            HttpClientProgram.Replace("$SEND", "Partner.SendCount({|#0:(int)response.StatusCode|});")));

        [Fact]
        public Task Body_of_the_response_to_the_posted_email_is_reported() => Run(
            HttpClientProgram.Replace("$SEND", "await Partner.SendAsync({|#0:await response.Content.ReadAsStringAsync()|});"), Min001(0));

        private const string RegexProgram = """
            internal sealed class DomainCheck
            {
                private static readonly Regex Corporate = new("@corp\\.example$", RegexOptions.IgnoreCase);

                public void Run(Customer c)
                {
                    bool corporate = Corporate.IsMatch(c.Email);
                    LocalLog.Info(corporate ? "corporate" : "consumer");
                    Partner.Send({|#0:$VALUE|});
                }
            }
            """;

        [Fact]
        public Task Regex_that_matched_the_email_does_not_carry_it_afterwards() => Run(Unmarked(
            RegexProgram.Replace("$VALUE", "Corporate.ToString()")));

        [Fact]
        public Task Result_of_a_regex_replace_over_the_email_is_reported() => Run(
            RegexProgram.Replace("$VALUE", "Corporate.Replace(c.Email, \"\")"), Min001(0));

        private const string BuilderProgram = """
            internal sealed class TokenDigest
            {
                public void Publish(IReadOnlyList<Customer> customers)
                {
                    var log = new StringBuilder();
                    var feed = new StringBuilder("tokens:");
                    foreach (Customer c in customers)
                    {
                        log.Append(c.Email).Append(';');
                        feed.Append($APPEND).Append(';');
                    }

                    LocalLog.Info(log.ToString());
                    Partner.Send({|#0:feed.ToString()|});
                }
            }
            """;

        [Fact]
        public Task Partner_builder_of_pseudonyms_beside_a_log_builder_of_raw_emails_is_clean() => Run(Unmarked(
            BuilderProgram.Replace("$APPEND", "Minimizers.Pseudonym(c.Email)")));

        [Fact]
        public Task Partner_builder_appended_the_raw_email_is_reported() => Run(
            BuilderProgram.Replace("$APPEND", "c.Email"), Min001(0));

        // =====================================================================================================
        // 20. A keyed pseudonym behind a [Minimizer] against unkeyed hashes, Base64 and an inline keyed hash.
        // =====================================================================================================

        private const string HashProgram = """
            internal static class Tokens
            {
                public static string For(string email) => Minimizers.Pseudonym(email.Trim().ToLowerInvariant());
            }

            internal sealed class MatchKeys
            {
                private static readonly byte[] Salt = Encoding.UTF8.GetBytes("static-salt");

                public void Publish(Customer c)
                {
                    string normalized = c.Email.Trim().ToLowerInvariant();
                    string key = $HASH;
                    Partner.Send({|#0:key|});
                }
            }
            """;

        [Fact]
        public Task Keyed_pseudonym_from_a_minimizer_is_clean() => Run(Unmarked(
            HashProgram.Replace("$HASH", "Minimizers.Pseudonym(normalized)")));

        [Fact]
        public Task Keyed_pseudonym_from_a_helper_that_calls_the_minimizer_is_clean() => Run(Unmarked(
            HashProgram.Replace("$HASH", "Tokens.For(c.Email)")));

        [Fact]
        public Task Unkeyed_sha256_of_the_email_is_reported() => Run(
            HashProgram.Replace("$HASH", "Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))"), Min001(0));

        [Fact]
        public Task Keyed_hmac_computed_inline_without_a_declared_minimizer_is_reported() => Run(
            HashProgram.Replace("$HASH", "Convert.ToHexString(HMACSHA256.HashData(Salt, Encoding.UTF8.GetBytes(normalized)))"), Min001(0));

        [Fact]
        public Task Base64_of_the_email_is_reported() => Run(
            HashProgram.Replace("$HASH", "Convert.ToBase64String(Encoding.UTF8.GetBytes(normalized))"), Min001(0));

        // =====================================================================================================
        // 21. A dictionary keyed by pseudonyms with scalar values, its keys sent.
        // =====================================================================================================

        private const string KeyedPointsProgram = """
            internal sealed class PointsExport
            {
                public void Export(IEnumerable<Customer> customers)
                {
                    var pointsByToken = new Dictionary<string, int>();
                    foreach (Customer c in customers)
                    {
                        pointsByToken[$KEY] = c.LoyaltyPoints;
                    }

                    foreach (string token in pointsByToken.Keys)
                    {
                        Partner.Send({|#0:token|});
                    }
                }
            }
            """;

        [Fact]
        public Task Keys_of_a_dictionary_keyed_by_pseudonyms_with_point_values_are_clean() => Run(Unmarked(
            KeyedPointsProgram.Replace("$KEY", "Minimizers.Pseudonym(c.Email)")));

        [Fact]
        public Task Keys_of_a_dictionary_keyed_by_customer_ids_are_clean() => Run(Unmarked(
            KeyedPointsProgram.Replace("$KEY", "c.Id.ToString()")));

        [Fact]
        public Task Keys_of_a_dictionary_keyed_by_raw_emails_are_reported() => Run(
            KeyedPointsProgram.Replace("$KEY", "c.Email"), Min001(0));

        // =====================================================================================================
        // 22. LINQ: customers filtered on identity and projected to clean values.
        // =====================================================================================================

        private const string CohortProgram = """
            internal sealed class CohortFeed
            {
                public void Publish(IReadOnlyList<Customer> customers)
                {
                    List<string> values = customers
                        .Where(c => c.Email.EndsWith("@corp.example"))
                        .Select(c => $PROJECT)
                        .ToList();
                    Partner.SendAll({|#0:values|});
                }
            }
            """;

        [Fact]
        public Task Customers_filtered_on_their_email_and_projected_to_pseudonyms_are_clean() => Run(Unmarked(
            CohortProgram.Replace("$PROJECT", "Minimizers.Pseudonym(c.Email)")));

        [Fact]
        public Task Customers_filtered_on_their_email_and_projected_to_their_segment_are_clean() => Run(Unmarked(
            CohortProgram.Replace("$PROJECT", "c.Segment + \"/\" + c.Tier")));

        [Fact]
        public Task Customers_filtered_on_their_email_and_projected_to_their_name_are_reported() => Run(
            CohortProgram.Replace("$PROJECT", "c.Name"), Min001(0));

        // =====================================================================================================
        // 23. A callee in the compilation that takes identity and returns something independent of it.
        // =====================================================================================================

        private const string IndependentCalleeProgram = """
            internal sealed class CrmDirectory
            {
                private readonly Database _db = new();

                public string RegionOf(string email)
                {
                    _db.Save("lookup", email);
                    LocalLog.Info("looked up " + email);
                    return $RESULT;
                }
            }

            internal sealed class RegionPublisher
            {
                private readonly CrmDirectory _crm = new();

                public void Publish(Customer c)
                {
                    string region = _crm.RegionOf(c.Email);
                    Partner.Send({|#0:region|});
                }
            }
            """;

        [Fact]
        public Task Constant_returned_by_a_callee_that_only_logged_the_email_is_clean() => Run(Unmarked(
            IndependentCalleeProgram.Replace("$RESULT", "\"eu-west\"")));

        [Fact]
        public Task Pseudonym_prefix_returned_by_a_callee_is_clean() => Run(Unmarked(
            IndependentCalleeProgram.Replace("$RESULT", "Minimizers.Pseudonym(email).Substring(0, 8)")));

        [Fact]
        public Task Email_domain_returned_by_a_callee_is_reported_at_the_caller_send() => Run(
            IndependentCalleeProgram.Replace("$RESULT", "email.Substring(email.IndexOf('@') + 1)"), Min001(0));

        // =====================================================================================================
        // 24. A [PartnerShare] property set by assignment, initializer and +=.
        // =====================================================================================================

        private const string PartnerPropertyProgram = """
            internal sealed class PartnerRequest
            {
                [PartnerShare("acme")] public string Contact { get; set; } = "";
                public string Internal { get; set; } = "";
            }

            internal sealed class RequestBuilder
            {
                public PartnerRequest Build(Customer c)
                {
                    var request = new PartnerRequest { Internal = c.Email, Contact = $INIT };
                    $ASSIGN
                    return request;
                }
            }
            """;

        private static string PartnerProperty(string init, string assign)
            => PartnerPropertyProgram.Replace("$INIT", init).Replace("$ASSIGN", assign);

        [Fact]
        public Task Partner_property_assigned_the_pseudonym_of_a_raw_internal_member_is_clean() => Run(
            PartnerProperty("\"\"", "request.Contact = Minimizers.Pseudonym(request.Internal);"));

        [Fact]
        public Task Partner_property_initialized_with_a_pseudonym_is_clean() => Run(
            PartnerProperty("Minimizers.Pseudonym(c.Email)", "LocalLog.Info(request.Internal);"));

        [Fact]
        public Task Partner_property_extended_with_the_last_four_digits_is_clean() => Run(
            PartnerProperty("c.Segment", "request.Contact += Minimizers.Last4(c.Phone);"));

        [Fact]
        public Task Partner_property_assigned_the_raw_internal_member_is_reported_at_the_right_hand_side() => Run(
            PartnerProperty("\"\"", "request.Contact = {|#0:request.Internal|};"), Min001(0));

        [Fact]
        public Task Partner_property_initialized_with_the_raw_email_is_reported_at_the_initializer_value() => Run(
            PartnerProperty("{|#0:c.Email|}", "LocalLog.Info(request.Internal);"), Min001(0));

        [Fact]
        public Task Partner_property_extended_with_the_raw_phone_is_reported_at_the_right_hand_side_of_the_compound_assignment() => Run(
            PartnerProperty("c.Segment", "request.Contact += {|#0:c.Phone|};"), Min001(0));
    }
}
