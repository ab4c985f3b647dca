using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), without reading the flow engine: identity flowing through modern C# (9 to 13) the way current code
    /// is written. Covered: collection expressions into <c>List&lt;T&gt;</c>, arrays, <c>ImmutableArray&lt;T&gt;</c>,
    /// <c>Span&lt;T&gt;</c> and <c>ReadOnlySpan&lt;T&gt;</c>, with spreads of arrays, LINQ and UTF-8 spans; primary
    /// constructors of classes and structs (captured by members, passed to a base); positional records with
    /// <c>property:</c>-targeted annotations, <c>with</c>, deconstruction, synthesized <c>ToString()</c> and equality; record
    /// structs; <c>required</c>/<c>init</c> members and target-typed <c>new()</c> with nested initializers; property, extended
    /// property and list patterns in <c>is</c> and <c>switch</c>; switch expressions returning members, over tuples and
    /// type patterns; tuples, deconstruction into discards and tuple swaps; a <c>Deconstruct</c> method; <c>ref</c> returns,
    /// <c>ref readonly</c> locals and <c>foreach (ref readonly …)</c>; <c>scoped</c> span parameters and range slicing;
    /// <c>params ReadOnlySpan&lt;T&gt;</c> and <c>params</c> arrays (sinks and forwarding helpers); raw and interpolated
    /// raw strings; UTF-8 <c>u8</c> literals; <c>string.Create</c> (callback and provider forms),
    /// <c>DefaultInterpolatedStringHandler</c>, format and alignment; static lambdas, lambda natural types, lambdas with
    /// default parameters, lambdas in static fields; static and capturing local functions; <c>file</c>-scoped types;
    /// generic methods constrained to an identity-bearing interface and unconstrained (Reading 7); default interface members;
    /// <c>nameof</c>; <c>??=</c>, <c>+=</c> and <c>=</c> on members and on a sink property; null-conditional chains and
    /// <c>is not</c> guards; <c>foreach</c> over tuples, <c>Zip</c>, <c>Index()</c> and <c>Chunk</c>; <c>await foreach</c>;
    /// <c>using</c> declarations of writers; extension methods on tuples and records and a <c>[PartnerShare]</c> extension
    /// method; <c>stackalloc</c> with <c>TryFormat</c>; <c>StringBuilder.AppendJoin</c>; <c>^1</c> and ranges on arrays;
    /// a primary-constructor service calling a sink through an injected interface (Reading 1).
    /// Every reported shape has a near-miss twin that must stay clean: the value minimized first, only
    /// <c>[NonIdentifying]</c> or scalar members used (Reading 11), another element, variable or writer that holds no
    /// identity, or the variable overwritten before it is sent. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutModernCSharpIdiomsTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the member, plain records and cards, the sinks and the minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.Globalization;
            using System.IO;
            using System.Linq;
            using System.Runtime.CompilerServices;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal interface IContact
            {
                string Email { get; }
                string Phone { get; }
            }

            [IdentityBearing]
            internal sealed class Member : IContact
            {
                [NonIdentifying] public Guid Id { get; init; }
                [NonIdentifying] public string Tier { get; init; } = "";
                [NonIdentifying] public int Visits { get; init; }
                [IdentityBearing(IdentityCategory.Email)] public required string Email { get; init; }
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; init; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; init; } = "";
                [IdentityBearing(IdentityCategory.DateOfBirth)] public DateOnly BirthDate { get; init; }

                public void Deconstruct(out string email, out Guid id)
                {
                    email = Email;
                    id = Id;
                }
            }

            internal sealed record Lead(string Email, string Source, int Score);

            internal readonly record struct Contact(string Address, int Priority);

            internal sealed record Signup([property: IdentityBearing(IdentityCategory.Email)] string Email, Guid Id, int Age);

            internal sealed class MemberView
            {
                public Guid MemberId { get; init; }
                public string Tier { get; init; } = "";
                public string Token { get; init; } = "";
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Send(string? payload) { }
                [PartnerShare("acme")] public static Task SendAsync(string payload, CancellationToken ct = default) => Task.CompletedTask;
                [PartnerShare("acme")] public static void SendObject(object? payload) { }
                [PartnerShare("acme")] public static void SendBytes(byte[] payload) { }
                [PartnerShare("acme")] public static void SendList(IReadOnlyList<string> payloads) { }
                [PartnerShare("acme")] public static void SendAll(params ReadOnlySpan<string> payloads) { }
                [PartnerShare("acme")] public static void SendCount(int count) { }
                [PartnerShare("acme")] public static void SendId(Guid id) { }
                [PartnerShare("acme")] public static void ShareWith(this string payload) { }
            }

            internal sealed class PartnerFeed
            {
                [PartnerShare("acme")] public string? Note { get; set; }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = "modern-pepper"u8.ToArray();

                [Minimizer]
                public static string Pseudonym(string value) => Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));

                [Minimizer]
                public static string Last4(string phone) => phone.Length > 4 ? phone[^4..] : phone;

                [Minimizer]
                public static MemberView Minimize(Member m) => new() { MemberId = m.Id, Tier = m.Tier, Token = Pseudonym(m.Email) };
            }

            """;

        // =====================================================================================================
        // 1. Collection expressions: a list, spreads, ImmutableArray, spans, string.Join / Concat.
        // =====================================================================================================

        private const string ListExpressionProgram = """
            internal static class Digest
            {
                public static void Publish(Member m)
                {
                    List<string> batch = [$VALUE, "weekly", m.Tier];
                    Partner.SendList({|#0:batch|});
                }
            }
            """;

        [Fact]
        public Task Email_placed_in_a_list_collection_expression_is_reported_where_the_list_is_sent() => Run(
            ListExpressionProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task List_collection_expression_of_a_pseudonym_and_the_tier_is_clean() => Run(Unmarked(
            ListExpressionProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        [Fact]
        public Task List_collection_expression_of_the_non_identifying_id_is_clean() => Run(Unmarked(
            ListExpressionProgram.Replace("$VALUE", "m.Id.ToString(\"N\")")));

        private const string SpreadProgram = """
            internal static class Roster
            {
                public static void Publish(Member m, string[] staff)
                {
                    string[] head = [$VALUE];
                    List<string> all = [.. staff, .. head, "support@example.org"];
                    foreach (string entry in all)
                    {
                        Partner.Send({|#0:entry|});
                    }
                }
            }
            """;

        [Fact]
        public Task Phone_spread_from_one_collection_expression_into_another_is_reported_at_each_sent_entry() => Run(
            SpreadProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Last_four_digits_spread_into_a_roster_are_clean() => Run(Unmarked(
            SpreadProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        private const string ImmutableProgram = """
            internal static class Channels
            {
                public static void Publish(Member m)
                {
                    ImmutableArray<string> channels = ["newsletter", $VALUE];
                    Partner.Send({|#0:channels[^1]|});
                }
            }
            """;

        [Fact]
        public Task Email_in_an_immutable_array_collection_expression_read_with_hat_one_is_reported() => Run(
            ImmutableProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Immutable_array_of_a_pseudonym_read_with_hat_one_is_clean() => Run(Unmarked(
            ImmutableProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        private const string SpanJoinProgram = """
            internal static class Line
            {
                public static void Publish(Member m)
                {
                    ReadOnlySpan<string> parts = [m.Tier, $VALUE, m.Visits.ToString(CultureInfo.InvariantCulture)];
                    Partner.Send({|#0:string.Join('|', parts)|});
                }
            }
            """;

        [Fact]
        public Task Name_in_a_read_only_span_collection_expression_joined_into_a_line_is_reported() => Run(
            SpanJoinProgram.Replace("$VALUE", "m.Name"), Min001(0));

        [Fact]
        public Task Read_only_span_of_a_pseudonymized_name_joined_into_a_line_is_clean() => Run(Unmarked(
            SpanJoinProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Name)")));

        private const string SpanForeachProgram = """
            internal static class Rows
            {
                public static void Publish(Member m)
                {
                    Span<string> contacts = [$VALUE, m.Tier];
                    foreach (ref readonly string contact in contacts)
                    {
                        Partner.Send({|#0:contact|});
                    }
                }
            }
            """;

        [Fact]
        public Task Email_in_a_span_iterated_by_ref_readonly_foreach_is_reported() => Run(
            SpanForeachProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Span_of_a_pseudonym_iterated_by_ref_readonly_foreach_is_clean() => Run(Unmarked(
            SpanForeachProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 2. Single expressions at the sink: slicing, alignment and format, string.Create, nameof, Concat.
        // =====================================================================================================

        private const string DirectProgram = """
            internal static class Direct
            {
                public static void Publish(Member m, string code)
                {
                    Partner.Send({|#0:$EXPR|});
                }
            }
            """;

        [Fact]
        public Task Range_slice_of_a_phone_is_reported() => Run(
            DirectProgram.Replace("$EXPR", "m.Phone[..4]"), Min001(0));

        [Fact]
        public Task Span_slice_from_the_end_of_an_email_turned_back_into_a_string_is_reported() => Run(
            DirectProgram.Replace("$EXPR", "m.Email.AsSpan()[^6..].ToString()"), Min001(0));

        [Fact]
        public Task Slice_of_a_plain_code_parameter_is_clean() => Run(Unmarked(
            DirectProgram.Replace("$EXPR", "code[..2]")));

        [Fact]
        public Task Slice_of_the_last_four_digits_is_clean() => Run(Unmarked(
            DirectProgram.Replace("$EXPR", "Privacy.Last4(m.Phone)[..2]")));

        [Fact]
        public Task Name_interpolated_with_alignment_beside_a_formatted_count_is_reported() => Run(
            DirectProgram.Replace("$EXPR", "$\"{m.Name,-24}|{m.Visits,6:D4}\""), Min001(0));

        [Fact]
        public Task Tier_interpolated_with_alignment_beside_a_formatted_count_is_clean() => Run(Unmarked(
            DirectProgram.Replace("$EXPR", "$\"{m.Tier,-24}|{m.Visits,6:D4}\"")));

        [Fact]
        public Task String_create_with_a_provider_over_an_interpolated_name_and_birth_year_is_reported() => Run(
            DirectProgram.Replace("$EXPR", "string.Create(CultureInfo.InvariantCulture, $\"{m.Name} born {m.BirthDate:yyyy}\")"), Min001(0));

        [Fact]
        public Task String_create_with_a_provider_over_the_tier_and_visits_is_clean() => Run(Unmarked(
            DirectProgram.Replace("$EXPR", "string.Create(CultureInfo.InvariantCulture, $\"{m.Tier} x{m.Visits}\")")));

        [Fact]
        public Task Nameof_an_identity_bearing_member_is_a_constant_and_clean() => Run(Unmarked(
            DirectProgram.Replace("$EXPR", "nameof(m.Email)")));

        [Fact]
        public Task Nameof_beside_the_email_value_in_an_interpolation_is_reported() => Run(
            DirectProgram.Replace("$EXPR", "$\"{nameof(Member.Email)}={m.Email}\""), Min001(0));

        [Fact]
        public Task String_concat_over_a_collection_expression_holding_the_email_is_reported() => Run(
            DirectProgram.Replace("$EXPR", "string.Concat([m.Tier, \":\", m.Email])"), Min001(0));

        [Fact]
        public Task String_concat_over_a_collection_expression_of_tier_and_id_is_clean() => Run(Unmarked(
            DirectProgram.Replace("$EXPR", "string.Concat([m.Tier, \":\", m.Id.ToString()])")));

        // =====================================================================================================
        // 3. Primary constructors: captured parameters, a base call, a struct.
        // =====================================================================================================

        private const string CapturedParameterProgram = """
            internal sealed class Reminder(string address, int attempts)
            {
                public void Fire() => $SENT;
            }

            internal static class Scheduler
            {
                public static void Run(Member m) => new Reminder($VALUE, m.Visits).Fire();
            }
            """;

        [Fact]
        public Task Email_captured_by_a_primary_constructor_is_reported_inside_where_the_member_sends_it() => Run(
            CapturedParameterProgram.Replace("$SENT", "Partner.Send({|#0:address|})").Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_captured_by_a_primary_constructor_is_clean_where_it_is_sent() => Run(Unmarked(
            CapturedParameterProgram.Replace("$SENT", "Partner.Send(address)").Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        [Fact]
        public Task Scalar_primary_constructor_parameter_beside_a_captured_email_is_clean() => Run(Unmarked(
            CapturedParameterProgram.Replace("$SENT", "Partner.SendCount(attempts)").Replace("$VALUE", "m.Email")));

        private const string BasePrimaryProgram = """
            internal abstract class Channel(string target)
            {
                protected string Target { get; } = target;

                public void Flush() => Partner.Send({|#0:Target|});
            }

            internal sealed class SmsChannel(string phone, int retries) : Channel(phone)
            {
                public int Retries => retries;
            }

            internal static class Outbound
            {
                public static void Run(Member m)
                {
                    var channel = new SmsChannel($VALUE, 3);
                    channel.Flush();
                }
            }
            """;

        [Fact]
        public Task Phone_passed_from_a_primary_constructor_to_its_base_is_reported_where_the_base_sends_it() => Run(
            BasePrimaryProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Last_four_digits_passed_to_a_base_primary_constructor_are_clean() => Run(Unmarked(
            BasePrimaryProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        private const string BaseCapturedProgram = """
            internal abstract class Channel(string target)
            {
                public void Flush() => Partner.Send({|#0:target|});
            }

            internal sealed class Sms(string phone) : Channel(phone)
            {
            }

            internal static class Outbound
            {
                public static void Run(Member m) => new Sms($VALUE).Flush();
            }
            """;

        [Fact]
        public Task Phone_captured_by_a_base_primary_constructor_parameter_fed_from_a_derived_primary_constructor_is_reported() => Run(
            BaseCapturedProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Last_four_digits_captured_by_a_base_primary_constructor_parameter_are_clean() => Run(Unmarked(
            BaseCapturedProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        private const string ExplicitBaseProgram = """
            internal abstract class Channel
            {
                protected Channel(string target)
                {
                    Target = target;
                }

                protected string Target { get; }

                public void Flush() => Partner.Send({|#0:Target|});
            }

            internal sealed class Sms : Channel
            {
                public Sms(string phone) : base(phone)
                {
                }
            }

            internal static class Outbound
            {
                public static void Run(Member m) => new Sms($VALUE).Flush();
            }
            """;

        [Fact]
        public Task Phone_passed_through_an_explicit_base_constructor_call_is_reported_where_the_base_sends_it() => Run(
            ExplicitBaseProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Last_four_digits_passed_through_an_explicit_base_constructor_call_are_clean() => Run(Unmarked(
            ExplicitBaseProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        private const string StructPrimaryProgram = """
            internal readonly struct Recipient(string email, Guid id)
            {
                public string Label => $"{id:N}:{email}";

                public Guid Key => id;
            }

            internal static class Labels
            {
                public static void Run(Member m)
                {
                    var recipient = new Recipient($VALUE, m.Id);
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Label_computed_from_a_struct_primary_constructor_email_is_reported_at_the_caller() => Run(
            StructPrimaryProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.Send({|#0:recipient.Label|})"), Min001(0));

        [Fact]
        public Task Label_of_a_struct_built_from_a_pseudonym_is_clean() => Run(Unmarked(
            StructPrimaryProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$SEND", "Partner.Send(recipient.Label)")));

        [Fact]
        public Task Guid_key_of_a_struct_that_also_captured_an_email_is_clean() => Run(Unmarked(
            StructPrimaryProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.SendId(recipient.Key)")));

        // =====================================================================================================
        // 4. Records and record structs: property-targeted annotations, with, ToString, deconstruction, equality.
        // =====================================================================================================

        private const string SignupProgram = """
            internal static class Intake
            {
                public static void Accept(Signup signup)
                {
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Property_targeted_annotation_on_a_positional_record_makes_its_email_a_source() => Run(
            SignupProgram.Replace("$SEND", "Partner.Send({|#0:signup.Email.ToLowerInvariant()|})"), Min001(0));

        [Fact]
        public Task Email_deconstructed_from_a_positional_record_with_discards_is_reported() => Run(
            SignupProgram.Replace("$SEND", "var (email, _, _) = signup; Partner.Send({|#0:email|})"), Min001(0));

        [Fact]
        public Task Age_deconstructed_from_a_positional_record_with_discards_is_clean() => Run(Unmarked(
            SignupProgram.Replace("$SEND", "var (_, _, age) = signup; Partner.SendCount(age)")));

        [Fact]
        public Task Unannotated_guid_of_a_positional_record_is_clean() => Run(Unmarked(
            SignupProgram.Replace("$SEND", "Partner.SendId(signup.Id)")));

        private const string LeadProgram = """
            internal static class Leads
            {
                public static void Forward(Member m)
                {
                    var lead = new Lead($VALUE, "web", m.Visits);
                    var imported = lead with { Source = "import", Score = lead.Score + 1 };
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Email_copied_through_a_record_with_expression_is_reported() => Run(
            LeadProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.Send({|#0:imported.Email|})"), Min001(0));

        [Fact]
        public Task Pseudonym_copied_through_a_record_with_expression_is_clean() => Run(Unmarked(
            LeadProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$SEND", "Partner.Send(imported.Email)")));

        [Fact]
        public Task Scalar_score_of_a_record_copy_holding_an_email_is_clean() => Run(Unmarked(
            LeadProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.SendCount(imported.Score)")));

        [Fact]
        public Task Synthesized_to_string_of_a_record_holding_an_email_is_reported() => Run(
            LeadProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.Send({|#0:imported.ToString()|})"), Min001(0));

        [Fact]
        public Task Record_interpolated_through_its_synthesized_to_string_is_reported() => Run(
            LeadProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.Send({|#0:$\"lead {imported}\"|})"), Min001(0));

        [Fact]
        public Task Synthesized_to_string_of_a_record_holding_a_pseudonym_is_clean() => Run(Unmarked(
            LeadProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$SEND", "Partner.Send($\"lead {imported}\")")));

        [Fact]
        public Task Record_equality_result_choosing_between_constants_is_clean() => Run(Unmarked(
            LeadProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.Send(imported == lead ? \"same\" : \"changed\")")));

        private const string RecordStructProgram = """
            internal static class Routing
            {
                public static void Run(Member m)
                {
                    var primary = new Contact($VALUE, 1);
                    var fallback = primary with { Priority = 2 };
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Address_deconstructed_from_a_record_struct_copy_is_reported() => Run(
            RecordStructProgram.Replace("$VALUE", "m.Phone").Replace("$SEND", "var (address, _) = fallback; Partner.Send({|#0:address|})"), Min001(0));

        [Fact]
        public Task Priority_deconstructed_from_a_record_struct_copy_is_clean() => Run(Unmarked(
            RecordStructProgram.Replace("$VALUE", "m.Phone").Replace("$SEND", "var (_, priority) = fallback; Partner.SendCount(priority)")));

        [Fact]
        public Task Record_struct_built_from_the_last_four_digits_is_clean_when_deconstructed() => Run(Unmarked(
            RecordStructProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)").Replace("$SEND", "var (address, _) = fallback; Partner.Send(address)")));

        private const string DeconstructMethodProgram = """
            internal static class Unpack
            {
                public static void Run(Member m)
                {
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Email_deconstructed_from_an_identity_bearing_class_is_reported() => Run(
            DeconstructMethodProgram.Replace("$SEND", "var (email, _) = m; Partner.Send({|#0:email|})"), Min001(0));

        [Fact]
        public Task Non_identifying_id_deconstructed_from_an_identity_bearing_class_is_clean() => Run(Unmarked(
            DeconstructMethodProgram.Replace("$SEND", "var (_, id) = m; Partner.SendId(id)")));

        // =====================================================================================================
        // 5. required / init members and target-typed new().
        // =====================================================================================================

        private const string RequiredInitProgram = """
            internal sealed class ContactCard
            {
                public required string Address { get; init; }
                public int Priority { get; init; }
            }

            internal sealed class ShareRequest
            {
                public required ContactCard Card { get; init; }
                public DateTime RequestedAt { get; init; }
            }

            internal static class Requests
            {
                public static void Run(Member m)
                {
                    ShareRequest request = new() { Card = new() { Address = $VALUE, Priority = 2 }, RequestedAt = DateTime.UtcNow };
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Email_in_a_required_member_of_a_nested_target_typed_new_is_reported() => Run(
            RequiredInitProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.Send({|#0:request.Card.Address|})"), Min001(0));

        [Fact]
        public Task Whole_request_holding_an_email_in_a_nested_required_member_is_reported() => Run(
            RequiredInitProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.SendObject({|#0:request|})"), Min001(0));

        [Fact]
        public Task Scalar_priority_beside_a_nested_required_email_is_clean() => Run(Unmarked(
            RequiredInitProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.SendCount(request.Card.Priority)")));

        [Fact]
        public Task Nested_required_member_holding_a_pseudonym_is_clean() => Run(Unmarked(
            RequiredInitProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$SEND", "Partner.SendObject(request)")));

        private const string InitAccessorProgram = """
            internal sealed class Envelope
            {
                private readonly string _to = "";

                public string To { get => _to; init => _to = value.Trim(); }

                public int Attempt { get; init; }
            }

            internal static class Envelopes
            {
                public static void Run(Member m)
                {
                    Envelope envelope = new() { To = $VALUE, Attempt = 1 };
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Email_stored_by_an_init_accessor_into_a_backing_field_is_reported_when_read_back() => Run(
            InitAccessorProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.Send({|#0:envelope.To|})"), Min001(0));

        [Fact]
        public Task Scalar_attempt_of_an_envelope_addressed_to_an_email_is_clean() => Run(Unmarked(
            InitAccessorProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.SendCount(envelope.Attempt)")));

        [Fact]
        public Task Init_accessor_given_a_pseudonym_is_clean_when_read_back() => Run(Unmarked(
            InitAccessorProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$SEND", "Partner.Send(envelope.To)")));

        // =====================================================================================================
        // 6. Patterns: property, extended property and list patterns.
        // =====================================================================================================

        private const string PropertyPatternProgram = """
            internal static class Matcher
            {
                public static void Run(object incoming)
                {
                    if (incoming is Member { $PATTERN })
                    {
                        $SEND;
                    }
                }
            }
            """;

        [Fact]
        public Task Email_bound_by_a_property_pattern_is_reported() => Run(
            PropertyPatternProgram.Replace("$PATTERN", "Email: var e").Replace("$SEND", "Partner.Send({|#0:e|})"), Min001(0));

        [Fact]
        public Task Phone_bound_beside_an_extended_property_pattern_is_reported() => Run(
            PropertyPatternProgram.Replace("$PATTERN", "Name.Length: > 0, Phone: { } p").Replace("$SEND", "Partner.Send({|#0:p|})"), Min001(0));

        [Fact]
        public Task Non_identifying_visits_bound_by_a_property_pattern_are_clean() => Run(Unmarked(
            PropertyPatternProgram.Replace("$PATTERN", "Visits: var v and > 3").Replace("$SEND", "Partner.SendCount(v)")));

        [Fact]
        public Task Non_identifying_tier_bound_by_a_property_pattern_is_clean() => Run(Unmarked(
            PropertyPatternProgram.Replace("$PATTERN", "Tier: var t").Replace("$SEND", "Partner.Send(t)")));

        private const string ListPatternSwitchProgram = """
            internal static class Splitter
            {
                public static void Run(Member m)
                {
                    string[] parts = $PARTS;
                    switch (parts)
                    {
                        case [var local, var domain]:
                            $SEND;
                            break;
                    }
                }
            }
            """;

        [Fact]
        public Task Domain_bound_by_a_list_pattern_over_a_split_email_is_reported() => Run(
            ListPatternSwitchProgram.Replace("$PARTS", "m.Email.Split('@')").Replace("$SEND", "Partner.Send({|#0:domain|})"), Min001(0));

        [Fact]
        public Task List_pattern_over_a_split_pseudonym_is_clean() => Run(Unmarked(
            ListPatternSwitchProgram.Replace("$PARTS", "Privacy.Pseudonym(m.Email).Split('@')").Replace("$SEND", "Partner.Send(domain)")));

        [Fact]
        public Task Length_of_a_split_email_matched_by_a_list_pattern_is_clean() => Run(Unmarked(
            ListPatternSwitchProgram.Replace("$PARTS", "m.Email.Split('@')").Replace("$SEND", "Partner.SendCount(parts.Length)")));

        private const string ListPatternHeadProgram = """
            internal static class Heads
            {
                public static void Run(IReadOnlyList<Member> members)
                {
                    string[] values = [.. members.Select(x => $MEMBER)];
                    if (values is [var first, .. var rest])
                    {
                        $SEND;
                    }
                }
            }
            """;

        [Fact]
        public Task First_element_bound_by_a_list_pattern_over_spread_emails_is_reported() => Run(
            ListPatternHeadProgram.Replace("$MEMBER", "x.Email").Replace("$SEND", "Partner.Send({|#0:first|})"), Min001(0));

        [Fact]
        public Task First_element_bound_by_a_list_pattern_over_spread_tiers_is_clean() => Run(Unmarked(
            ListPatternHeadProgram.Replace("$MEMBER", "x.Tier").Replace("$SEND", "Partner.Send(first)")));

        [Fact]
        public Task Length_of_the_rest_slice_of_a_list_pattern_over_emails_is_clean() => Run(Unmarked(
            ListPatternHeadProgram.Replace("$MEMBER", "x.Email").Replace("$SEND", "Partner.SendCount(rest.Length)")));

        // =====================================================================================================
        // 7. Switch expressions.
        // =====================================================================================================

        private const string SwitchMemberProgram = """
            internal enum Medium { Mail, Sms, Post }

            internal static class Selector
            {
                private static string Pick(Member m, Medium medium) => medium switch
                {
                    Medium.Mail => $MAIL,
                    Medium.Sms => $SMS,
                    _ => m.Tier,
                };

                public static void Run(Member m, Medium medium) => Partner.Send({|#0:Pick(m, medium)|});
            }
            """;

        [Fact]
        public Task Switch_expression_returning_the_raw_email_in_one_arm_is_reported_at_the_caller() => Run(
            SwitchMemberProgram.Replace("$MAIL", "m.Email").Replace("$SMS", "Privacy.Last4(m.Phone)"), Min001(0));

        [Fact]
        public Task Switch_expression_returning_the_raw_phone_in_another_arm_is_reported_at_the_caller() => Run(
            SwitchMemberProgram.Replace("$MAIL", "Privacy.Pseudonym(m.Email)").Replace("$SMS", "m.Phone"), Min001(0));

        [Fact]
        public Task Switch_expression_whose_every_arm_is_minimized_or_non_identifying_is_clean() => Run(Unmarked(
            SwitchMemberProgram.Replace("$MAIL", "Privacy.Pseudonym(m.Email)").Replace("$SMS", "Privacy.Last4(m.Phone)")));

        private const string SwitchTypePatternProgram = """
            internal static class Describer
            {
                private static string Describe(object subject) => subject switch
                {
                    Member { Visits: > 100 } vip => $"VIP {$VIP}",
                    Member other => other.Tier,
                    Lead lead => lead.Score.ToString(CultureInfo.InvariantCulture),
                    _ => "unknown",
                };

                public static void Run(Member m) => Partner.Send({|#0:Describe(m)|});
            }
            """;

        [Fact]
        public Task Switch_expression_over_type_patterns_returning_a_name_is_reported() => Run(
            SwitchTypePatternProgram.Replace("$VIP", "vip.Name"), Min001(0));

        [Fact]
        public Task Switch_expression_over_type_patterns_returning_only_tiers_and_scalar_scores_is_clean() => Run(Unmarked(
            SwitchTypePatternProgram.Replace("$VIP", "vip.Tier")));

        private const string TupleSwitchProgram = """
            internal static class Greeter
            {
                public static void Run(Member m, bool consent)
                {
                    string greeting = (m.Visits, consent) switch
                    {
                        (> 10, true) => $"Welcome back {$WHO}",
                        (_, true) => "Welcome",
                        _ => "",
                    };
                    Partner.Send({|#0:greeting|});
                }
            }
            """;

        [Fact]
        public Task Switch_expression_over_a_tuple_interpolating_a_name_is_reported() => Run(
            TupleSwitchProgram.Replace("$WHO", "m.Name"), Min001(0));

        [Fact]
        public Task Switch_expression_over_a_tuple_interpolating_the_tier_is_clean() => Run(Unmarked(
            TupleSwitchProgram.Replace("$WHO", "m.Tier")));

        // =====================================================================================================
        // 8. Tuples, discards and swaps.
        // =====================================================================================================

        private const string TupleRowProgram = """
            internal static class Pairs
            {
                private static (Guid Id, string Contact, int Visits) Row(Member m) => (m.Id, $CONTACT, m.Visits);

                public static void Run(Member m)
                {
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Contact_deconstructed_from_a_returned_tuple_into_discards_is_reported() => Run(
            TupleRowProgram.Replace("$CONTACT", "m.Email").Replace("$SEND", "var (_, contact, _) = Row(m); Partner.Send({|#0:contact|})"), Min001(0));

        [Fact]
        public Task Named_tuple_element_holding_an_email_is_reported() => Run(
            TupleRowProgram.Replace("$CONTACT", "m.Email").Replace("$SEND", "Partner.Send({|#0:Row(m).Contact|})"), Min001(0));

        [Fact]
        public Task Id_deconstructed_from_a_tuple_that_also_holds_an_email_is_clean() => Run(Unmarked(
            TupleRowProgram.Replace("$CONTACT", "m.Email").Replace("$SEND", "var (id, _, _) = Row(m); Partner.SendId(id)")));

        [Fact]
        public Task Scalar_tuple_element_beside_an_email_is_clean() => Run(Unmarked(
            TupleRowProgram.Replace("$CONTACT", "m.Email").Replace("$SEND", "Partner.SendCount(Row(m).Visits)")));

        [Fact]
        public Task Tuple_element_holding_a_pseudonym_is_clean() => Run(Unmarked(
            TupleRowProgram.Replace("$CONTACT", "Privacy.Pseudonym(m.Email)").Replace("$SEND", "Partner.Send(Row(m).Contact)")));

        private const string TupleSwapProgram = """
            internal static class Swap
            {
                public static void Run(Member m)
                {
                    string outgoing = m.Email, placeholder = "n/a";
                    (outgoing, placeholder) = (placeholder, outgoing);
                    Partner.Send($WHICH);
                }
            }
            """;

        [Fact]
        public Task Email_moved_by_a_tuple_swap_into_the_other_variable_is_reported_there() => Run(
            TupleSwapProgram.Replace("$WHICH", "{|#0:placeholder|}"), Min001(0));

        [Fact]
        public Task Variable_overwritten_by_a_tuple_swap_before_sending_is_clean() => Run(Unmarked(
            TupleSwapProgram.Replace("$WHICH", "outgoing")));

        // =====================================================================================================
        // 9. ref returns, ref readonly locals, scoped span parameters.
        // =====================================================================================================

        private const string RefProgram = """
            internal static class Slots
            {
                private static ref string First(string[] values) => ref values[0];

                public static void Run(Member m)
                {
                    string[] values = [$VALUE, "spare"];
                    ref readonly string head = ref First(values);
                    Partner.Send({|#0:head|});
                }
            }
            """;

        [Fact]
        public Task Email_read_through_a_ref_return_into_a_ref_readonly_local_is_reported() => Run(
            RefProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_read_through_a_ref_return_into_a_ref_readonly_local_is_clean() => Run(Unmarked(
            RefProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        private const string ScopedProgram = """
            internal static class Spans
            {
                private static string Head(scoped ReadOnlySpan<char> value) => value[..Math.Min(4, value.Length)].ToString();

                public static void Run(Member m) => Partner.Send({|#0:Head($VALUE)|});
            }
            """;

        [Fact]
        public Task Phone_passed_as_a_scoped_span_and_sliced_is_reported_at_the_caller() => Run(
            ScopedProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Email_as_span_passed_as_a_scoped_span_and_sliced_is_reported_at_the_caller() => Run(
            ScopedProgram.Replace("$VALUE", "m.Email.AsSpan()"), Min001(0));

        [Fact]
        public Task Last_four_digits_passed_as_a_scoped_span_are_clean() => Run(Unmarked(
            ScopedProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        // =====================================================================================================
        // 10. params: a params ReadOnlySpan sink, a collection expression for it, forwarding helpers.
        // =====================================================================================================

        private const string ParamsSinkProgram = """
            internal static class Bulk
            {
                public static void Run(Member m)
                {
                    $CALL;
                }
            }
            """;

        [Fact]
        public Task Email_among_params_span_sink_arguments_is_reported_on_that_element() => Run(
            ParamsSinkProgram.Replace("$CALL", "Partner.SendAll(\"header\", {|#0:m.Email|}, m.Tier)"), Min001(0));

        [Fact]
        public Task Two_identity_elements_among_params_span_sink_arguments_are_reported_each() => Run(
            ParamsSinkProgram.Replace("$CALL", "Partner.SendAll({|#0:m.Email|}, m.Tier, {|#1:m.Phone|})"), Min001(0), Min001(1));

        [Fact]
        public Task Collection_expression_given_whole_to_a_params_span_sink_is_reported_as_one_argument() => Run(
            ParamsSinkProgram.Replace("$CALL", "Partner.SendAll({|#0:[m.Tier, m.Email]|})"), Min001(0));

        [Fact]
        public Task Params_span_sink_given_a_pseudonym_and_the_tier_is_clean() => Run(Unmarked(
            ParamsSinkProgram.Replace("$CALL", "Partner.SendAll(\"header\", Privacy.Pseudonym(m.Email), m.Tier)")));

        private const string ParamsForwardProgram = """
            internal static class Broadcast
            {
                private static void All(params ReadOnlySpan<string> parts)
                {
                    foreach (string part in parts)
                    {
                        Partner.Send(part);
                    }
                }

                private static void Each(params string[] parts)
                {
                    foreach (string part in parts)
                    {
                        Partner.Send(part);
                    }
                }

                public static void Run(Member m) => $CALL;
            }
            """;

        [Fact]
        public Task Email_given_to_a_params_span_helper_that_sends_each_part_is_reported_at_the_callers_element() => Run(
            ParamsForwardProgram.Replace("$CALL", "All(\"hello\", {|#0:m.Email|}, m.Tier)"), Min001(0));

        [Fact]
        public Task Phone_given_to_a_params_array_helper_that_sends_each_part_is_reported_at_the_callers_element() => Run(
            ParamsForwardProgram.Replace("$CALL", "Each({|#0:m.Phone|}, \"x\")"), Min001(0));

        [Fact]
        public Task Params_helpers_given_only_minimized_and_non_identifying_parts_are_clean() => Run(Unmarked(
            ParamsForwardProgram.Replace("$CALL", "All(\"hello\", Privacy.Pseudonym(m.Email), m.Tier)")));

        // =====================================================================================================
        // 11. Raw strings, UTF-8, string.Create, the interpolated string handler, StringBuilder.AppendJoin.
        // =====================================================================================================

        private const string RawJsonProgram = """"
            internal static class Xml
            {
                public static void Run(Member m)
                {
                    string body = $"""
                        <contact tier="{m.Tier}" visits="{m.Visits}">{$VALUE}</contact>
                        """;
                    Partner.Send({|#0:body|});
                }
            }
            """";

        [Fact]
        public Task Email_in_an_interpolated_raw_string_literal_is_reported() => Run(
            RawJsonProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_in_an_interpolated_raw_string_literal_is_clean() => Run(Unmarked(
            RawJsonProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        private const string Utf8Program = """
            internal static class Wire
            {
                public static void Run(Member m)
                {
                    ReadOnlySpan<byte> prefix = "contact="u8;
                    byte[] payload = [.. prefix, .. Encoding.UTF8.GetBytes($VALUE), .. "\n"u8];
                    Partner.SendBytes({|#0:payload|});
                }
            }
            """;

        [Fact]
        public Task Email_bytes_spread_between_utf8_literals_in_a_byte_array_are_reported() => Run(
            Utf8Program.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_bytes_spread_between_utf8_literals_are_clean() => Run(Unmarked(
            Utf8Program.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        private const string StringCreateProgram = """
            internal static class Creators
            {
                public static void Run(Member m)
                {
                    string value = $VALUE;
                    string masked = string.Create(value.Length + 1, value, static (span, v) =>
                    {
                        span[0] = '#';
                        v.AsSpan().CopyTo(span[1..]);
                    });
                    Partner.Send({|#0:masked|});
                }
            }
            """;

        [Fact]
        public Task Phone_copied_by_a_static_string_create_callback_is_reported() => Run(
            StringCreateProgram.Replace("$VALUE", "m.Phone"), Min001(0));

        [Fact]
        public Task Last_four_digits_copied_by_a_static_string_create_callback_are_clean() => Run(Unmarked(
            StringCreateProgram.Replace("$VALUE", "Privacy.Last4(m.Phone)")));

        private const string HandlerProgram = """
            internal static class Handlers
            {
                public static void Run(Member m)
                {
                    var handler = new DefaultInterpolatedStringHandler(8, 2, CultureInfo.InvariantCulture);
                    handler.AppendLiteral("member ");
                    handler.AppendFormatted(m.Visits, "D4");
                    handler.AppendLiteral(" ");
                    handler.AppendFormatted($VALUE);
                    Partner.Send({|#0:handler.ToStringAndClear()|});
                }
            }
            """;

        [Fact]
        public Task Email_appended_to_a_default_interpolated_string_handler_is_reported() => Run(
            HandlerProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Default_interpolated_string_handler_of_the_tier_and_visits_is_clean() => Run(Unmarked(
            HandlerProgram.Replace("$VALUE", "m.Tier")));

        private const string AppendJoinProgram = """
            internal static class Joins
            {
                public static void Run(Member m)
                {
                    var builder = new StringBuilder();
                    builder.Append("contacts=");
                    builder.AppendJoin(';', $FIRST, m.Tier);
                    Partner.Send({|#0:builder.ToString()|});
                }
            }
            """;

        [Fact]
        public Task Email_joined_into_a_string_builder_with_append_join_is_reported() => Run(
            AppendJoinProgram.Replace("$FIRST", "m.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_joined_into_a_string_builder_with_append_join_is_clean() => Run(Unmarked(
            AppendJoinProgram.Replace("$FIRST", "Privacy.Pseudonym(m.Email)")));

        private const string TryFormatProgram = """
            internal static class Formats
            {
                public static void Run(Member m)
                {
                    Span<char> buffer = stackalloc char[32];
                    if ($VALUE.TryFormat(buffer, out int written, $FORMAT, CultureInfo.InvariantCulture))
                    {
                        Partner.Send({|#0:buffer[..written].ToString()|});
                    }
                }
            }
            """;

        [Fact]
        public Task Birth_date_formatted_into_a_stackalloc_buffer_is_reported() => Run(
            TryFormatProgram.Replace("$VALUE", "m.BirthDate").Replace("$FORMAT", "\"yyyy-MM-dd\""), Min001(0));

        [Fact]
        public Task Non_identifying_visits_formatted_into_a_stackalloc_buffer_are_clean() => Run(Unmarked(
            TryFormatProgram.Replace("$VALUE", "m.Visits").Replace("$FORMAT", "\"D6\"")));

        // =====================================================================================================
        // 12. Lambdas: static, natural type, default parameters, stored in a static field, invoked with identity.
        // =====================================================================================================

        private const string LambdaProgram = """
            internal static class Lambdas
            {
                public static void Run(Member m)
                {
                    $BODY
                }
            }
            """;

        [Fact]
        public Task Static_lambda_reading_the_email_of_its_member_parameter_is_reported_at_the_invocation() => Run(
            LambdaProgram.Replace("$BODY", "Func<Member, string> pick = static x => x.Email;\n        Partner.Send({|#0:pick(m)|});"), Min001(0));

        [Fact]
        public Task Static_lambda_reading_the_tier_of_its_member_parameter_is_clean() => Run(Unmarked(
            LambdaProgram.Replace("$BODY", "Func<Member, string> pick = static x => x.Tier;\n        Partner.Send(pick(m));")));

        [Fact]
        public Task Lambda_with_a_natural_type_given_the_email_is_reported_at_the_invocation() => Run(
            LambdaProgram.Replace("$BODY", "var shout = (string s) => s.ToUpperInvariant();\n        Partner.Send({|#0:shout(m.Email)|});"), Min001(0));

        [Fact]
        public Task Lambda_with_a_natural_type_given_the_tier_is_clean() => Run(Unmarked(
            LambdaProgram.Replace("$BODY", "var shout = (string s) => s.ToUpperInvariant();\n        Partner.Send(shout(m.Tier));")));

        [Fact]
        public Task Lambda_with_a_default_parameter_given_the_phone_is_reported() => Run(
            LambdaProgram.Replace("$BODY", "var tag = (string value, string prefix = \"id:\") => prefix + value;\n        Partner.Send({|#0:tag(m.Phone)|});"), Min001(0));

        [Fact]
        public Task Lambda_with_a_default_parameter_overridden_with_the_email_is_reported() => Run(
            LambdaProgram.Replace("$BODY", "var tag = (string value, string prefix = \"id:\") => prefix + value;\n        Partner.Send({|#0:tag(\"x\", m.Email)|});"), Min001(0));

        [Fact]
        public Task Lambda_with_a_default_parameter_given_only_the_non_identifying_id_is_clean() => Run(Unmarked(
            LambdaProgram.Replace("$BODY", "var tag = (string value, string prefix = \"id:\") => prefix + value;\n        Partner.Send(tag(m.Id.ToString()));")));

        [Fact]
        public Task Email_given_to_a_lambda_that_sends_its_parameter_is_reported_at_the_invocation_argument() => Run(
            LambdaProgram.Replace("$BODY", "var share = (string v) => Partner.Send(v);\n        share({|#0:m.Email|});"), Min001(0));

        [Fact]
        public Task Pseudonym_given_to_a_lambda_that_sends_its_parameter_is_clean() => Run(Unmarked(
            LambdaProgram.Replace("$BODY", "var share = (string v) => Partner.Send(v);\n        share(Privacy.Pseudonym(m.Email));")));

        private const string StaticFieldLambdaProgram = """
            internal static class Renderers
            {
                private static readonly Func<Member, string> Render = static x => $"{x.Tier}/{$MEMBER}";

                public static void Run(Member m) => Partner.Send({|#0:Render(m)|});
            }
            """;

        [Fact]
        public Task Static_lambda_in_a_static_field_interpolating_a_name_is_reported_at_the_invocation() => Run(
            StaticFieldLambdaProgram.Replace("$MEMBER", "x.Name"), Min001(0));

        [Fact]
        public Task Static_lambda_in_a_static_field_interpolating_visits_is_clean() => Run(Unmarked(
            StaticFieldLambdaProgram.Replace("$MEMBER", "x.Visits")));

        // =====================================================================================================
        // 13. Local functions, file-scoped types.
        // =====================================================================================================

        private const string CapturingLocalProgram = """
            internal static class Locals
            {
                public static void Run(Member m)
                {
                    string label = m.Email;
                    $OVERWRITE
                    Publish();

                    void Publish() => Partner.Send({|#0:label|});
                }
            }
            """;

        [Fact]
        public Task Email_captured_by_a_local_function_is_reported_at_its_sink() => Run(
            CapturingLocalProgram.Replace("$OVERWRITE", string.Empty), Min001(0));

        [Fact]
        public Task Captured_variable_overwritten_with_the_tier_before_the_local_function_runs_is_clean() => Run(Unmarked(
            CapturingLocalProgram.Replace("$OVERWRITE", "label = m.Tier;")));

        private const string StaticLocalProgram = """
            internal static class StaticLocals
            {
                public static void Run(Member m)
                {
                    $CALL;

                    static string Mask(string s) => s.Length > 2 ? s[..2] + new string('*', s.Length - 2) : s;

                    static void Ship(string v) => Partner.Send(v);
                }
            }
            """;

        [Fact]
        public Task Email_masked_by_a_static_local_function_that_keeps_two_characters_is_reported() => Run(
            StaticLocalProgram.Replace("$CALL", "Partner.Send({|#0:Mask(m.Email)|})"), Min001(0));

        [Fact]
        public Task Pseudonym_masked_by_a_static_local_function_is_clean() => Run(Unmarked(
            StaticLocalProgram.Replace("$CALL", "Partner.Send(Mask(Privacy.Pseudonym(m.Email)))")));

        [Fact]
        public Task Email_given_to_a_static_local_function_that_sends_it_is_reported_at_the_call_argument() => Run(
            StaticLocalProgram.Replace("$CALL", "Ship({|#0:m.Email|})"), Min001(0));

        [Fact]
        public Task Tier_given_to_a_static_local_function_that_sends_it_is_clean() => Run(Unmarked(
            StaticLocalProgram.Replace("$CALL", "Ship(m.Tier)")));

        private const string FileTypeProgram = """
            file sealed class Formatter
            {
                public static string Line(Member m) => $"{m.Tier} {$MEMBER}";
            }

            internal static class Files
            {
                public static void Run(Member m) => Partner.Send({|#0:Formatter.Line(m)|});
            }
            """;

        [Fact]
        public Task Name_formatted_by_a_file_scoped_type_is_reported_at_the_caller() => Run(
            FileTypeProgram.Replace("$MEMBER", "m.Name"), Min001(0));

        [Fact]
        public Task Visits_formatted_by_a_file_scoped_type_are_clean() => Run(Unmarked(
            FileTypeProgram.Replace("$MEMBER", "m.Visits")));

        // =====================================================================================================
        // 14. Generic methods (Reading 7), default interface members, a primary-constructor service (Reading 1).
        // =====================================================================================================

        private const string ConstrainedProgram = """
            internal static class Generic
            {
                private static void Share<T>(T contact) where T : IContact => Partner.Send({|#0:$VALUE|});

                public static void Run(Member m) => Share(m);
            }
            """;

        [Fact]
        public Task Email_read_from_a_type_parameter_constrained_to_an_identity_bearing_interface_is_reported_inside() => Run(
            ConstrainedProgram.Replace("$VALUE", "contact.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_of_the_email_of_a_constrained_type_parameter_is_clean() => Run(Unmarked(
            ConstrainedProgram.Replace("$VALUE", "Privacy.Pseudonym(contact.Email)")));

        private const string UnconstrainedProgram = """
            internal static class Shipping
            {
                private static void Ship<T>(T value) => Partner.SendObject(value);

                public static void Run(Member m) => Ship({|#0:$VALUE|});
            }
            """;

        [Fact]
        public Task Member_given_to_an_unconstrained_generic_sender_is_reported_at_the_caller() => Run(
            UnconstrainedProgram.Replace("$VALUE", "m"), Min001(0));

        [Fact]
        public Task Email_given_to_an_unconstrained_generic_sender_is_reported_at_the_caller() => Run(
            UnconstrainedProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Minimized_view_given_to_an_unconstrained_generic_sender_is_clean() => Run(Unmarked(
            UnconstrainedProgram.Replace("$VALUE", "Privacy.Minimize(m)")));

        private const string DefaultMemberProgram = """
            internal interface IGreeting
            {
                string Address { get; }

                string Salutation => $"Dear {Address}";
            }

            internal sealed class Greeting(string address) : IGreeting
            {
                public string Address => address;
            }

            internal static class Greetings
            {
                public static void Run(Member m)
                {
                    IGreeting greeting = new Greeting($VALUE);
                    Partner.Send({|#0:greeting.Salutation|});
                }
            }
            """;

        [Fact]
        public Task Name_read_by_a_default_interface_member_through_the_implementation_is_reported() => Run(
            DefaultMemberProgram.Replace("$VALUE", "m.Name"), Min001(0));

        [Fact]
        public Task Pseudonym_read_by_a_default_interface_member_is_clean() => Run(Unmarked(
            DefaultMemberProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Name)")));

        private const string DefaultSenderProgram = """
            internal interface IExport
            {
                string Payload { get; }

                void Export() => Partner.Send({|#0:Payload|});
            }

            internal sealed class MemberExport(Member member) : IExport
            {
                public string Payload => $VALUE;
            }

            internal static class Exports
            {
                public static void Run(Member m)
                {
                    IExport export = new MemberExport(m);
                    export.Export();
                }
            }
            """;

        [Fact]
        public Task Default_interface_method_sending_a_payload_built_from_a_captured_member_is_reported_inside() => Run(
            DefaultSenderProgram.Replace("$VALUE", "member.Email"), Min001(0));

        [Fact]
        public Task Default_interface_method_sending_only_the_tier_of_a_captured_member_is_clean() => Run(Unmarked(
            DefaultSenderProgram.Replace("$VALUE", "member.Tier")));

        private const string ServiceProgram = """
            internal interface IGateway
            {
                void Push(string payload);
            }

            internal sealed class AcmeGateway : IGateway
            {
                public void Push(string payload) => Partner.Send(payload);
            }

            internal sealed class NullGateway : IGateway
            {
                public void Push(string payload) { }
            }

            internal sealed class Exporter(IGateway gateway)
            {
                public void Export(Member m) => gateway.Push({|#0:$VALUE|});
            }
            """;

        [Fact]
        public Task Email_pushed_through_an_interface_captured_by_a_primary_constructor_is_reported_at_the_outermost_argument() => Run(
            ServiceProgram.Replace("$VALUE", "m.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_pushed_through_an_interface_captured_by_a_primary_constructor_is_clean() => Run(Unmarked(
            ServiceProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)")));

        // =====================================================================================================
        // 15. ??= and compound assignment on members and on a sink property; null-conditional chains and guards.
        // =====================================================================================================

        private const string CoalesceMemberProgram = """
            internal sealed class Draft
            {
                public string? Recipient { get; set; }

                public int Attempts { get; set; }
            }

            internal static class Drafts
            {
                public static void Run(Member m)
                {
                    var draft = new Draft();
                    draft.Recipient ??= $VALUE;
                    draft.Attempts++;
                    $SEND;
                }
            }
            """;

        [Fact]
        public Task Email_assigned_with_coalesce_assignment_to_a_member_is_reported_when_read_back() => Run(
            CoalesceMemberProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.Send({|#0:draft.Recipient|})"), Min001(0));

        [Fact]
        public Task Pseudonym_assigned_with_coalesce_assignment_to_a_member_is_clean() => Run(Unmarked(
            CoalesceMemberProgram.Replace("$VALUE", "Privacy.Pseudonym(m.Email)").Replace("$SEND", "Partner.Send(draft.Recipient)")));

        [Fact]
        public Task Scalar_counter_beside_a_coalesce_assigned_email_is_clean() => Run(Unmarked(
            CoalesceMemberProgram.Replace("$VALUE", "m.Email").Replace("$SEND", "Partner.SendCount(draft.Attempts)")));

        private const string SinkPropertyProgram = """
            internal static class Feeds
            {
                public static void Run(Member m)
                {
                    var feed = new PartnerFeed();
                    $ASSIGN;
                }
            }
            """;

        [Fact]
        public Task Coalesce_assignment_of_an_email_to_a_sink_property_is_reported_on_its_right_hand_side() => Run(
            SinkPropertyProgram.Replace("$ASSIGN", "feed.Note ??= {|#0:m.Email|}"), Min001(0));

        [Fact]
        public Task Compound_assignment_of_a_phone_to_a_sink_property_is_reported_on_its_right_hand_side() => Run(
            SinkPropertyProgram.Replace("$ASSIGN", "feed.Note = \"phone:\"; feed.Note += {|#0:m.Phone|}"), Min001(0));

        [Fact]
        public Task Coalesce_assignment_of_the_tier_to_a_sink_property_is_clean() => Run(Unmarked(
            SinkPropertyProgram.Replace("$ASSIGN", "feed.Note ??= m.Tier")));

        private const string NullConditionalProgram = """
            internal sealed class Order
            {
                public Member? Buyer { get; init; }

                public Order? Parent { get; init; }

                public decimal Total { get; init; }
            }

            internal static class Orders
            {
                public static void Run(Order? order)
                {
                    $BODY;
                }
            }
            """;

        [Fact]
        public Task Email_read_through_a_null_conditional_chain_with_a_fallback_is_reported() => Run(
            NullConditionalProgram.Replace("$BODY", "Partner.Send({|#0:order?.Parent?.Buyer?.Email ?? \"none\"|})"), Min001(0));

        [Fact]
        public Task Tier_read_through_a_null_conditional_chain_is_clean() => Run(Unmarked(
            NullConditionalProgram.Replace("$BODY", "Partner.Send(order?.Parent?.Buyer?.Tier ?? \"none\")")));

        [Fact]
        public Task Phone_bound_after_an_is_not_guard_is_reported() => Run(
            NullConditionalProgram.Replace("$BODY", "if (order?.Buyer is not { } buyer) { return; }\n        if (buyer.Phone is { Length: > 4 } phone) { Partner.Send({|#0:phone|}); }"), Min001(0));

        [Fact]
        public Task Visits_read_after_an_is_not_null_guard_are_clean() => Run(Unmarked(
            NullConditionalProgram.Replace("$BODY", "if (order?.Buyer is not null) { Partner.SendCount(order.Buyer.Visits); }")));

        // =====================================================================================================
        // 16. foreach over tuples, Zip, Index, Chunk, spreads of LINQ, ^1 and ranges on arrays.
        // =====================================================================================================

        private const string BatchProgram = """
            internal static class Batches
            {
                public static void Run(IReadOnlyList<Member> members, int[] ranks)
                {
                    $BODY
                }
            }
            """;

        [Fact]
        public Task Email_deconstructed_by_foreach_over_projected_tuples_is_reported() => Run(
            BatchProgram.Replace("$BODY", "foreach (var (email, visits) in members.Select(x => (x.Email, x.Visits))) { Partner.Send({|#0:email|}); }"), Min001(0));

        [Fact]
        public Task Visits_deconstructed_by_foreach_over_projected_tuples_are_clean() => Run(Unmarked(
            BatchProgram.Replace("$BODY", "foreach (var (email, visits) in members.Select(x => (x.Email, x.Visits))) { Partner.SendCount(visits); }")));

        [Fact]
        public Task Phone_zipped_with_ranks_and_interpolated_is_reported() => Run(
            BatchProgram.Replace("$BODY", "foreach (var (phone, rank) in members.Select(x => x.Phone).Zip(ranks)) { Partner.Send({|#0:$\"{rank}:{phone}\"|}); }"), Min001(0));

        [Fact]
        public Task Rank_zipped_beside_phones_is_clean() => Run(Unmarked(
            BatchProgram.Replace("$BODY", "foreach (var (phone, rank) in members.Select(x => x.Phone).Zip(ranks)) { Partner.SendCount(rank); }")));

        [Fact]
        public Task Name_from_enumerable_index_is_reported() => Run(
            BatchProgram.Replace("$BODY", "foreach (var (i, name) in members.Select(x => x.Name).Index()) { Partner.Send({|#0:name|}); }"), Min001(0));

        [Fact]
        public Task Position_from_enumerable_index_over_names_is_clean() => Run(Unmarked(
            BatchProgram.Replace("$BODY", "foreach (var (i, name) in members.Select(x => x.Name).Index()) { Partner.SendCount(i); }")));

        [Fact]
        public Task Chunks_of_emails_are_reported_where_each_chunk_is_sent() => Run(
            BatchProgram.Replace("$BODY", "foreach (string[] chunk in members.Select(x => x.Email).Chunk(50)) { Partner.SendList({|#0:chunk|}); }"), Min001(0));

        [Fact]
        public Task Chunks_of_pseudonyms_are_clean() => Run(Unmarked(
            BatchProgram.Replace("$BODY", "foreach (string[] chunk in members.Select(x => Privacy.Pseudonym(x.Email)).Chunk(50)) { Partner.SendList(chunk); }")));

        [Fact]
        public Task Contact_from_a_list_of_named_tuples_built_by_a_spread_is_reported() => Run(
            BatchProgram.Replace("$BODY", "List<(string Contact, int Rank)> rows = [.. members.Select((x, i) => (x.Email, i))];\n        foreach (var (contact, rank) in rows) { Partner.Send({|#0:contact|}); }"), Min001(0));

        [Fact]
        public Task Rank_from_a_list_of_named_tuples_holding_emails_is_clean() => Run(Unmarked(
            BatchProgram.Replace("$BODY", "List<(string Contact, int Rank)> rows = [.. members.Select((x, i) => (x.Email, i))];\n        foreach (var (contact, rank) in rows) { Partner.SendCount(rank); }")));

        [Fact]
        public Task List_built_from_a_spread_of_projected_emails_is_reported() => Run(
            BatchProgram.Replace("$BODY", "List<string> all = [.. members.Select(x => x.Email), \"ops@example.org\"];\n        Partner.SendList({|#0:all|});"), Min001(0));

        [Fact]
        public Task List_built_from_a_spread_of_projected_tiers_is_clean() => Run(Unmarked(
            BatchProgram.Replace("$BODY", "List<string> all = [.. members.Select(x => x.Tier), \"ops\"];\n        Partner.SendList(all);")));

        [Fact]
        public Task Last_phone_read_with_hat_one_is_reported() => Run(
            BatchProgram.Replace("$BODY", "string[] phones = [.. members.Select(x => x.Phone)];\n        Partner.Send({|#0:phones[^1]|});"), Min001(0));

        [Fact]
        public Task Range_of_a_phone_array_is_reported_as_a_list() => Run(
            BatchProgram.Replace("$BODY", "string[] phones = [.. members.Select(x => x.Phone)];\n        Partner.SendList({|#0:phones[1..^1]|});"), Min001(0));

        [Fact]
        public Task Last_visit_count_read_with_hat_one_is_clean() => Run(Unmarked(
            BatchProgram.Replace("$BODY", "int[] visits = [.. members.Select(x => x.Visits)];\n        Partner.SendCount(visits[^1]);")));

        [Fact]
        public Task Length_of_a_phone_array_is_clean() => Run(Unmarked(
            BatchProgram.Replace("$BODY", "string[] phones = [.. members.Select(x => x.Phone)];\n        Partner.SendCount(phones.Length);")));

        // =====================================================================================================
        // 17. await foreach, using declarations.
        // =====================================================================================================

        private const string AsyncStreamProgram = """
            internal static class Streams
            {
                private static async IAsyncEnumerable<string> Contacts(IEnumerable<Member> members, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    foreach (var x in members)
                    {
                        await Task.Yield();
                        yield return $VALUE;
                    }
                }

                public static async Task RunAsync(IEnumerable<Member> members, CancellationToken ct)
                {
                    await foreach (var contact in Contacts(members, ct).WithCancellation(ct))
                    {
                        await Partner.SendAsync({|#0:contact|}, ct);
                    }
                }
            }
            """;

        [Fact]
        public Task Email_yielded_by_an_async_iterator_is_reported_in_the_await_foreach() => Run(
            AsyncStreamProgram.Replace("$VALUE", "x.Email"), Min001(0));

        [Fact]
        public Task Pseudonym_yielded_by_an_async_iterator_is_clean_in_the_await_foreach() => Run(Unmarked(
            AsyncStreamProgram.Replace("$VALUE", "Privacy.Pseudonym(x.Email)")));

        private const string UsingWriterProgram = """
            internal static class Writers
            {
                public static void Run(Member m)
                {
                    using var writer = new StringWriter(CultureInfo.InvariantCulture);
                    writer.Write("member:");
                    writer.Write($VALUE);
                    using var audit = new StringWriter(CultureInfo.InvariantCulture);
                    audit.Write(m.Email);
                    Partner.Send({|#0:$WRITER.ToString()|});
                }
            }
            """;

        [Fact]
        public Task Phone_written_to_a_using_declared_writer_is_reported() => Run(
            UsingWriterProgram.Replace("$VALUE", "m.Phone").Replace("$WRITER", "writer"), Min001(0));

        [Fact]
        public Task Second_using_declared_writer_holding_the_email_is_reported() => Run(
            UsingWriterProgram.Replace("$VALUE", "m.Tier").Replace("$WRITER", "audit"), Min001(0));

        [Fact]
        public Task Writer_holding_only_the_tier_is_clean_beside_another_holding_the_email() => Run(Unmarked(
            UsingWriterProgram.Replace("$VALUE", "m.Tier").Replace("$WRITER", "writer")));

        // =====================================================================================================
        // 18. Extension methods on tuples and records; a [PartnerShare] extension method.
        // =====================================================================================================

        private const string ExtensionProgram = """
            internal static class ShapeExtensions
            {
                public static string Joined(this (string Left, string Right) pair) => $"{pair.Left}/{pair.Right}";

                public static string Card(this Lead lead) => $"{lead.Source}:{lead.Email}";

                public static int Weight(this Lead lead) => lead.Score * 2;
            }

            internal static class Extensions
            {
                public static void Run(Member m)
                {
                    $BODY;
                }
            }
            """;

        [Fact]
        public Task Tuple_extension_method_joining_an_email_is_reported() => Run(
            ExtensionProgram.Replace("$BODY", "Partner.Send({|#0:(m.Tier, m.Email).Joined()|})"), Min001(0));

        [Fact]
        public Task Tuple_extension_method_joining_tier_and_id_is_clean() => Run(Unmarked(
            ExtensionProgram.Replace("$BODY", "Partner.Send((m.Tier, m.Id.ToString()).Joined())")));

        [Fact]
        public Task Record_extension_method_formatting_an_email_is_reported() => Run(
            ExtensionProgram.Replace("$BODY", "Partner.Send({|#0:new Lead(m.Email, \"web\", 1).Card()|})"), Min001(0));

        [Fact]
        public Task Record_extension_method_returning_a_scalar_weight_is_clean() => Run(Unmarked(
            ExtensionProgram.Replace("$BODY", "Partner.SendCount(new Lead(m.Email, \"web\", m.Visits).Weight())")));

        [Fact]
        public Task Email_extended_by_a_partner_share_extension_method_is_reported_on_the_receiver_expression() => Run(
            ExtensionProgram.Replace("$BODY", "{|#0:m.Email|}.ShareWith()"), Min001(0));

        [Fact]
        public Task Interpolated_name_extended_by_a_partner_share_extension_method_is_reported() => Run(
            ExtensionProgram.Replace("$BODY", "{|#0:$\"to {m.Name}\"|}.ShareWith()"), Min001(0));

        [Fact]
        public Task Pseudonym_extended_by_a_partner_share_extension_method_is_clean() => Run(Unmarked(
            ExtensionProgram.Replace("$BODY", "Privacy.Pseudonym(m.Email).ShareWith()")));

    }
}
