using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), without reading the flow engine: formatting, serialization and payload building, the last step
    /// before the partner. Composite formatting with alignment and format specifiers, interpolated strings, <c>string.Create</c>
    /// and <c>FormattableString</c>; <c>string.Concat</c>/<c>Join</c> over arrays, lists and projections; <c>StringBuilder</c>
    /// (<c>Append</c> chained and interpolated, <c>AppendFormat</c>, <c>AppendJoin</c>, <c>Insert</c>, <c>Replace</c>, a builder
    /// filled by a helper, a builder variable overwritten); <c>StringWriter</c>/<c>TextWriter</c>, <c>MemoryStream</c> written
    /// directly and through a <c>StreamWriter</c>; <c>Encoding.GetBytes</c>, Base64 and an unkeyed hash (encoding is not
    /// minimization); <c>JsonSerializer</c> over DTOs, anonymous objects, dictionaries and the identity-bearing object itself;
    /// <c>JsonObject</c>/<c>JsonArray</c> built member by member, <c>Utf8JsonWriter</c>, <c>XElement</c> and <c>XmlWriter</c>;
    /// CSV lines by hand and <c>params</c> fields; <c>HttpContent</c> (<c>StringContent</c>, <c>JsonContent</c>,
    /// <c>FormUrlEncodedContent</c>, a request message's content); query strings with <c>Uri.EscapeDataString</c>, named and
    /// non-sink arguments, header dictionaries (values and keys); span formatting (<c>TryFormat</c>, <c>string.Create</c>);
    /// string operations, char arrays and reversal, <c>Regex.Replace</c> masking that is not a <c>[Minimizer]</c>; numeric and
    /// date formatting; <c>[PartnerShare]</c> properties (plain, compound and initializer assignment); an injected formatter and
    /// a client wrapper; and harder shapes: a record's synthesized <c>ToString</c>, an identity-bearing <c>IFormattable</c> and
    /// <c>CompositeFormat</c>, a JSON round trip (the deserialized copy's text member carries, its scalar member does not, Reading
    /// 11), a <c>StringBuilder</c> held in an instance or static field and sent by another method (Readings 3 and 5), buffers
    /// filled through arguments (<c>GetBytes</c> into an array, <c>CopyTo</c>, stack spans), <c>UriBuilder</c> and a request URI,
    /// a payload string grown with <c>+=</c> or overwritten. Every reported shape has a clean near-miss twin: the same payload
    /// built from a <c>[Minimizer]</c> result, from <c>[NonIdentifying]</c> members, or from constants and counters.
    /// Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutFormattingTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The statements of an export routine, with the subscriber and the whole list in scope; <paramref name="types"/> go before it.</summary>
        private static string Export(string statements, string types = "") => types + """

            internal static class Export
            {
                public static void Run(Subscriber s, IReadOnlyList<Subscriber> all)
                {
            """ + "\n" + statements + "\n" + """
                }
            }
            """;

        /// <summary>The domain every program shares: the subscriber, a plain DTO, the sinks and three minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using System.Text.RegularExpressions;
            using System.Xml;
            using System.Xml.Linq;
            using Minimization;

            [IdentityBearing]
            internal sealed class Subscriber
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public int Plan { get; set; }
                [NonIdentifying] public string Country { get; set; } = "";
                [NonIdentifying] public decimal Balance { get; set; }
                [NonIdentifying] public DateTime CreatedAt { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [IdentityBearing(IdentityCategory.DateOfBirth)] public DateTime BirthDate { get; set; }
            }

            internal sealed class ContactDto
            {
                public string Country { get; set; } = "";
                public int Plan { get; set; }
                public string Contact { get; set; } = "";
            }

            internal sealed class Envelope
            {
                public string Route { get; set; } = "";
                [PartnerShare("acme")] public string Body { get; set; } = "";
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Send(string payload) { }
                [PartnerShare("acme")] public static void SendBytes(byte[] payload) { }
                [PartnerShare("acme")] public static void SendContent(HttpContent content) { }
                [PartnerShare("acme")] public static void SendMessage(HttpRequestMessage message) { }
                [PartnerShare("acme")] public static void SendHeaders(IReadOnlyDictionary<string, string> headers) { }
                [PartnerShare("acme")] public static void SendFields(params string[] fields) { }
                public static void Post(string route, [PartnerShare("acme")] string body) { }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-2024");

                [Minimizer]
                public static string Token(string value) => Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));

                [Minimizer]
                public static string Last4(string phone) => phone.Length > 4 ? phone.Substring(phone.Length - 4) : phone;

                [Minimizer]
                public static int BirthYear(DateTime dateOfBirth) => dateOfBirth.Year;
            }

            """;

        // =====================================================================================================
        // 1. Composite formatting, interpolation, string.Create and FormattableString.
        // =====================================================================================================

        [Fact]
        public Task String_Format_with_alignment_and_specifiers_over_the_name_and_birth_date_is_reported() => Run(Export("""
            Partner.Send({|#0:string.Format(CultureInfo.InvariantCulture, "{0,-24}|{1:yyyy-MM-dd}|{2,12:N2}", s.Name, s.BirthDate, s.Balance)|});
            """), Min001(0));

        [Fact]
        public Task String_Format_interpolation_and_ToString_with_specifiers_over_non_identifying_members_and_counters_are_clean() => Run(Export("""
            int batch = 42;
            Partner.Send(string.Format(CultureInfo.InvariantCulture, "{0,-24}|{1:yyyy-MM-dd}|{2,12:N2}", s.Country, s.CreatedAt, s.Balance));
            Partner.Send($"{s.Country,-3}|{s.Plan,3:D3}|{s.Balance,12:N2}|{s.CreatedAt:O}|{batch:D8}");
            Partner.Send(s.Balance.ToString("C", CultureInfo.GetCultureInfo("en-US")));
            Partner.Send(s.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            Partner.Send(DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
            Partner.Send(batch.ToString("D6", CultureInfo.InvariantCulture));
            Partner.Send(s.Plan.ToString("X4", CultureInfo.InvariantCulture));
            Partner.Send(s.Id.ToString("N"));
            """));

        [Fact]
        public Task String_Format_and_CompositeFormat_over_tokens_and_a_minimized_birth_year_formatted_with_specifiers_are_clean() => Run(Export("""
            Partner.Send(string.Format(CultureInfo.InvariantCulture, "{0,-24}|{1:D4}|{2,12:N2}", Privacy.Token(s.Name), Privacy.BirthYear(s.BirthDate), s.Balance));
            Partner.Send(Privacy.BirthYear(s.BirthDate).ToString("D4", CultureInfo.InvariantCulture));
            CompositeFormat layout = CompositeFormat.Parse("{0};{1,-30}");
            Partner.Send(string.Format(CultureInfo.InvariantCulture, layout, s.Country, Privacy.Token(s.Email)));
            """));

        [Fact]
        public Task Birth_date_reduced_to_its_year_by_a_format_specifier_or_a_custom_pattern_is_still_the_date_of_birth() => Run(Export("""
            Partner.Send({|#0:string.Format(CultureInfo.InvariantCulture, "{0:yyyy}", s.BirthDate)|});
            Partner.Send({|#1:s.BirthDate.ToString("MM/yyyy", CultureInfo.InvariantCulture)|});
            """), Min001(0), Min001(1));

        private const string InterpolationProgram = """
            Partner.Send({|#0:$"{s.Country,-3}|{$CONTACT,15}|{s.Balance,12:N2}|{s.CreatedAt:O}"|});
            Partner.Send({|#1:string.Create(CultureInfo.InvariantCulture, $"mailto:{$MAIL}")|});
            """;

        [Fact]
        public Task Interpolated_strings_with_alignment_and_format_and_string_Create_with_a_provider_carry_the_phone_and_email() => Run(Export(
            InterpolationProgram.Replace("$CONTACT", "s.Phone").Replace("$MAIL", "s.Email")), Min001(0), Min001(1));

        [Fact]
        public Task Interpolated_strings_with_alignment_and_format_over_minimized_values_are_clean() => Run(Unmarked(Export(
            InterpolationProgram.Replace("$CONTACT", "Privacy.Last4(s.Phone)").Replace("$MAIL", "Privacy.Token(s.Email)"))));

        private const string FormattableProgram = """
            FormattableString line = $"{$CONTACT};{s.Plan:D2};{s.CreatedAt:yyyy-MM-dd}";
            Partner.Send({|#0:FormattableString.Invariant(line)|});
            Partner.Send({|#1:line.ToString(CultureInfo.GetCultureInfo("fr-CA"))|});
            """;

        [Fact]
        public Task FormattableString_rendered_with_Invariant_or_a_culture_carries_the_email() => Run(Export(
            FormattableProgram.Replace("$CONTACT", "s.Email")), Min001(0), Min001(1));

        [Fact]
        public Task FormattableString_over_an_email_token_is_clean() => Run(Unmarked(Export(
            FormattableProgram.Replace("$CONTACT", "Privacy.Token(s.Email)"))));

        // =====================================================================================================
        // 2. string.Concat and string.Join over arrays, lists and projections.
        // =====================================================================================================

        private const string ConcatJoinProgram = """
            string[] parts = { s.Country, "|", $NAME };
            Partner.Send({|#0:string.Concat(parts)|});

            var fields = new List<string>();
            fields.Add(s.Country);
            fields.Add($MAIL);
            fields.Add(s.Plan.ToString(CultureInfo.InvariantCulture));
            Partner.Send({|#1:string.Join(";", fields)|});

            Partner.Send({|#2:string.Join("\n", all.Select(x => x.Country + "," + $ROWPHONE))|});
            """;

        [Fact]
        public Task String_Concat_over_an_array_and_Join_over_a_list_and_a_projection_carry_what_was_put_in() => Run(Export(
            ConcatJoinProgram.Replace("$NAME", "s.Name").Replace("$MAIL", "s.Email").Replace("$ROWPHONE", "x.Phone")),
            Min001(0), Min001(1), Min001(2));

        [Fact]
        public Task String_Concat_and_Join_over_tokens_and_last_four_digits_are_clean() => Run(Unmarked(Export(
            ConcatJoinProgram.Replace("$NAME", "Privacy.Token(s.Name)").Replace("$MAIL", "Privacy.Token(s.Email)").Replace("$ROWPHONE", "Privacy.Last4(x.Phone)"))));

        [Fact]
        public Task String_Join_over_counters_and_non_identifying_members_of_every_subscriber_is_clean() => Run(Export("""
            Partner.Send(string.Join(",", Enumerable.Range(1, 10).Select(i => i.ToString("D3", CultureInfo.InvariantCulture))));
            Partner.Send(string.Join("\n", all.Select(x => x.Country + "," + x.Plan.ToString(CultureInfo.InvariantCulture))));
            Partner.Send(string.Concat(new[] { "v", "1", ";" }));
            """));

        // =====================================================================================================
        // 3. StringBuilder.
        // =====================================================================================================

        private const string AppendProgram = """
            string body = new StringBuilder().Append("name=").Append($NAME).Append(";plan=").Append(s.Plan).ToString();
            Partner.Send({|#0:body|});

            var sb = new StringBuilder();
            sb.Append($"{$NAME,-20}|{s.Plan:D2}");
            Partner.Send({|#1:sb.ToString()|});
            """;

        [Fact]
        public Task StringBuilder_chained_Append_and_interpolated_Append_carry_the_name() => Run(Export(
            AppendProgram.Replace("$NAME", "s.Name")), Min001(0), Min001(1));

        [Fact]
        public Task StringBuilder_chained_and_interpolated_Append_of_a_name_token_is_clean() => Run(Unmarked(Export(
            AppendProgram.Replace("$NAME", "Privacy.Token(s.Name)"))));

        private const string AppendFormatJoinProgram = """
            var sb = new StringBuilder();
            sb.AppendFormat(CultureInfo.InvariantCulture, "{0}:{1,-12}", s.Country, $PHONE);
            Partner.Send({|#0:sb.ToString()|});

            var to = new StringBuilder();
            to.Append("to=").AppendJoin(',', all.Select(x => $ROWMAIL));
            Partner.Send({|#1:to.ToString()|});
            """;

        [Fact]
        public Task StringBuilder_AppendFormat_and_AppendJoin_carry_the_phone_and_the_emails() => Run(Export(
            AppendFormatJoinProgram.Replace("$PHONE", "s.Phone").Replace("$ROWMAIL", "x.Email")), Min001(0), Min001(1));

        [Fact]
        public Task StringBuilder_AppendFormat_and_AppendJoin_over_the_plan_and_email_tokens_are_clean() => Run(Unmarked(Export(
            AppendFormatJoinProgram.Replace("$PHONE", "s.Plan").Replace("$ROWMAIL", "Privacy.Token(x.Email)"))));

        private const string InsertReplaceProgram = """
            var keyed = new StringBuilder(";v1");
            keyed.Insert(0, $MAIL);
            Partner.Send({|#0:keyed.ToString()|});

            var letter = new StringBuilder("Dear {name}, your plan is {plan}.");
            letter.Replace("{name}", $NAME).Replace("{plan}", s.Plan.ToString(CultureInfo.InvariantCulture));
            Partner.Send({|#1:letter.ToString()|});
            """;

        [Fact]
        public Task StringBuilder_Insert_and_template_Replace_carry_the_email_and_the_name() => Run(Export(
            InsertReplaceProgram.Replace("$MAIL", "s.Email").Replace("$NAME", "s.Name")), Min001(0), Min001(1));

        [Fact]
        public Task StringBuilder_Insert_and_template_Replace_with_a_token_and_the_country_are_clean() => Run(Unmarked(Export(
            InsertReplaceProgram.Replace("$MAIL", "Privacy.Token(s.Email)").Replace("$NAME", "s.Country"))));

        [Fact]
        public Task Builder_and_payload_string_variables_overwritten_before_the_send_are_clean() => Run(Export("""
            var sb = new StringBuilder();
            sb.Append(s.Email).Append(';').Append(s.Phone);
            Console.WriteLine(sb.ToString());
            sb = new StringBuilder();
            sb.Append(s.Country).Append(';').Append(s.Plan);
            Partner.Send(sb.ToString());

            string payload = "v1;" + s.Phone;
            Console.WriteLine(payload);
            payload = "v2;" + s.Country;
            payload += ";" + Privacy.Last4(s.Phone);
            Partner.Send(payload);
            """));

        private const string BuilderHelperTypes = """
            internal static class Rows
            {
                public static void AppendContact(StringBuilder sb, string contact)
                {
                    sb.Append(contact).Append(';');
                }
            }
            """;

        [Fact]
        public Task StringBuilder_filled_by_a_helper_with_the_raw_phone_is_reported_where_the_caller_sends_it() => Run(Export("""
            var sb = new StringBuilder("row;");
            Rows.AppendContact(sb, s.Phone);
            Partner.Send({|#0:sb.ToString()|});
            """, BuilderHelperTypes), Min001(0));

        [Fact]
        public Task StringBuilder_filled_by_a_helper_with_the_last_four_digits_is_clean() => Run(Export("""
            var sb = new StringBuilder("row;");
            Rows.AppendContact(sb, Privacy.Last4(s.Phone));
            Partner.Send(sb.ToString());
            """, BuilderHelperTypes));

        // =====================================================================================================
        // 4. Writers and streams.
        // =====================================================================================================

        private const string StringWriterProgram = """
            using var w = new StringWriter(CultureInfo.InvariantCulture);
            w.Write(s.Country);
            w.Write(',');
            w.Write("{0:D2},", s.Plan);
            w.WriteLine($NAME);
            Partner.Send({|#0:w.ToString()|});
            """;

        [Fact]
        public Task StringWriter_written_with_the_name_is_reported() => Run(Export(
            StringWriterProgram.Replace("$NAME", "s.Name")), Min001(0));

        [Fact]
        public Task StringWriter_written_with_a_name_token_is_clean() => Run(Unmarked(Export(
            StringWriterProgram.Replace("$NAME", "Privacy.Token(s.Name)"))));

        private const string TextWriterHelperTypes = """
            internal static class CsvRows
            {
                public static void Write(TextWriter w, Subscriber x)
                {
                    w.Write("{0},{1},", x.Country, x.Plan);
                    w.WriteLine($ROWMAIL);
                }
            }
            """;

        [Fact]
        public Task TextWriter_filled_row_by_row_by_a_helper_with_raw_emails_is_reported_where_the_text_is_sent() => Run(Export("""
            var w = new StringWriter();
            foreach (Subscriber x in all)
            {
                CsvRows.Write(w, x);
            }

            Partner.Send({|#0:w.ToString()|});
            """, TextWriterHelperTypes.Replace("$ROWMAIL", "x.Email")), Min001(0));

        [Fact]
        public Task TextWriter_filled_row_by_row_by_a_helper_with_email_tokens_is_clean() => Run(Export("""
            var w = new StringWriter();
            foreach (Subscriber x in all)
            {
                CsvRows.Write(w, x);
            }

            Partner.Send(w.ToString());
            """, TextWriterHelperTypes.Replace("$ROWMAIL", "Privacy.Token(x.Email)")));

        private const string MemoryStreamProgram = """
            using var ms = new MemoryStream();
            ms.Write(Encoding.UTF8.GetBytes(s.Country + ";"));
            ms.Write(Encoding.UTF8.GetBytes($MAIL));
            Partner.Send({|#0:Encoding.UTF8.GetString(ms.ToArray())|});
            """;

        [Fact]
        public Task MemoryStream_written_with_the_email_bytes_and_read_back_with_GetString_is_reported() => Run(Export(
            MemoryStreamProgram.Replace("$MAIL", "s.Email")), Min001(0));

        [Fact]
        public Task MemoryStream_written_with_email_token_bytes_is_clean() => Run(Unmarked(Export(
            MemoryStreamProgram.Replace("$MAIL", "Privacy.Token(s.Email)"))));

        private const string StreamWriterProgram = """
            using var ms = new MemoryStream();
            using (var writer = new StreamWriter(ms, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(s.Country);
                writer.Write(';');
                writer.Write($PHONE);
            }

            Partner.SendBytes({|#0:ms.ToArray()|});
            """;

        [Fact]
        public Task MemoryStream_filled_through_a_StreamWriter_with_the_phone_is_reported_at_ToArray() => Run(Export(
            StreamWriterProgram.Replace("$PHONE", "s.Phone")), Min001(0));

        [Fact]
        public Task MemoryStream_filled_through_a_StreamWriter_with_the_last_four_digits_is_clean() => Run(Unmarked(Export(
            StreamWriterProgram.Replace("$PHONE", "Privacy.Last4(s.Phone)"))));

        // =====================================================================================================
        // 5. Encoding, Base64 and unkeyed hashes are not minimization.
        // =====================================================================================================

        [Fact]
        public Task Base64_of_the_phone_bytes_the_raw_email_bytes_and_an_unkeyed_SHA256_hex_are_reported() => Run(Export("""
            Partner.Send({|#0:Convert.ToBase64String(Encoding.UTF8.GetBytes(s.Phone))|});
            byte[] bytes = Encoding.UTF8.GetBytes(s.Email.ToLowerInvariant());
            Partner.SendBytes({|#1:bytes|});
            Partner.Send({|#2:Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s.Phone)))|});
            """), Min001(0), Min001(1), Min001(2));

        [Fact]
        public Task Base64_of_a_guid_a_token_and_a_constant_is_clean() => Run(Export("""
            Partner.Send(Convert.ToBase64String(s.Id.ToByteArray()));
            Partner.Send(Convert.ToBase64String(Encoding.UTF8.GetBytes(Privacy.Token(s.Phone))));
            Partner.SendBytes(Encoding.UTF8.GetBytes("heartbeat"));
            Partner.Send(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s.Country))));
            """));

        // =====================================================================================================
        // 6. JSON: JsonSerializer, JsonObject/JsonArray, Utf8JsonWriter.
        // =====================================================================================================

        private const string DtoProgram = """
            var dto = new ContactDto { Country = s.Country, Plan = s.Plan, Contact = $MAIL };
            $SEND
            """;

        [Fact]
        public Task JsonSerializer_Serialize_of_a_dto_holding_the_raw_email_is_reported() => Run(Export(
            DtoProgram.Replace("$MAIL", "s.Email").Replace("$SEND", "Partner.Send({|#0:JsonSerializer.Serialize(dto)|});")), Min001(0));

        [Fact]
        public Task JsonSerializer_Serialize_of_a_dto_holding_an_email_token_is_clean() => Run(Export(
            DtoProgram.Replace("$MAIL", "Privacy.Token(s.Email)").Replace("$SEND", "Partner.Send(JsonSerializer.Serialize(dto));")));

        [Fact]
        public Task Scalar_plan_member_of_a_dto_and_of_a_deserialized_copy_holding_the_raw_email_is_clean() => Run(Export(
            DtoProgram.Replace("$MAIL", "s.Email").Replace("$SEND", """
                Partner.Send(JsonSerializer.Serialize(dto.Plan));
                Partner.Send(dto.Plan.ToString("D2", CultureInfo.InvariantCulture));
                ContactDto copy = JsonSerializer.Deserialize<ContactDto>(JsonSerializer.Serialize(dto))!;
                Partner.Send(copy.Plan.ToString("D2", CultureInfo.InvariantCulture));
                """)));

        private const string AnonymousDictionaryProgram = """
            Partner.Send({|#0:JsonSerializer.Serialize(new { s.Country, contact = $NAME, at = s.CreatedAt })|});

            var fields = new Dictionary<string, object?> { ["country"] = s.Country, ["plan"] = s.Plan };
            fields["msisdn"] = $PHONE;
            Partner.Send({|#1:JsonSerializer.Serialize(fields)|});
            """;

        [Fact]
        public Task JsonSerializer_Serialize_of_an_anonymous_object_and_a_dictionary_holding_identity_is_reported() => Run(Export(
            AnonymousDictionaryProgram.Replace("$NAME", "s.Name").Replace("$PHONE", "s.Phone")), Min001(0), Min001(1));

        [Fact]
        public Task JsonSerializer_Serialize_of_an_anonymous_object_and_a_dictionary_of_minimized_values_is_clean() => Run(Unmarked(Export(
            AnonymousDictionaryProgram.Replace("$NAME", "Privacy.Token(s.Name)").Replace("$PHONE", "Privacy.Last4(s.Phone)"))));

        [Fact]
        public Task SerializeToUtf8Bytes_of_the_identity_bearing_subscriber_itself_is_reported() => Run(Export("""
            Partner.SendBytes({|#0:JsonSerializer.SerializeToUtf8Bytes(s)|});
            """), Min001(0));

        [Fact]
        public Task SerializeToUtf8Bytes_of_a_projection_of_non_identifying_members_is_clean() => Run(Export("""
            Partner.SendBytes(JsonSerializer.SerializeToUtf8Bytes(new { s.Id, s.Plan, s.Country, s.Balance, s.CreatedAt }));
            """));

        private const string JsonNodeProgram = """
            var o = new JsonObject();
            o["country"] = s.Country;
            o["plan"] = s.Plan;
            o["email"] = $MAIL;
            Partner.Send({|#0:o.ToJsonString()|});

            var arr = new JsonArray();
            foreach (Subscriber x in all)
            {
                arr.Add(new JsonObject { ["plan"] = x.Plan, ["name"] = $ROWNAME });
            }

            Partner.Send({|#1:arr.ToJsonString()|});
            """;

        [Fact]
        public Task JsonObject_and_JsonArray_built_member_by_member_with_raw_identity_are_reported() => Run(Export(
            JsonNodeProgram.Replace("$MAIL", "s.Email").Replace("$ROWNAME", "x.Name")), Min001(0), Min001(1));

        [Fact]
        public Task JsonObject_and_JsonArray_built_member_by_member_with_tokens_are_clean() => Run(Unmarked(Export(
            JsonNodeProgram.Replace("$MAIL", "Privacy.Token(s.Email)").Replace("$ROWNAME", "Privacy.Token(x.Name)"))));

        private const string Utf8JsonWriterProgram = """
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("country", s.Country);
                json.WriteNumber("plan", s.Plan);
                json.WriteString("phone", $PHONE);
                json.WriteEndObject();
            }

            Partner.SendBytes({|#0:buffer.ToArray()|});
            """;

        [Fact]
        public Task Utf8JsonWriter_over_a_MemoryStream_writing_the_phone_is_reported_at_ToArray() => Run(Export(
            Utf8JsonWriterProgram.Replace("$PHONE", "s.Phone")), Min001(0));

        [Fact]
        public Task Utf8JsonWriter_over_a_MemoryStream_writing_the_last_four_digits_is_clean() => Run(Unmarked(Export(
            Utf8JsonWriterProgram.Replace("$PHONE", "Privacy.Last4(s.Phone)"))));

        // =====================================================================================================
        // 7. XML.
        // =====================================================================================================

        private const string XElementProgram = """
            var doc = new XElement("subscriber",
                new XAttribute("country", s.Country),
                new XElement("plan", s.Plan),
                new XElement("name", $NAME));
            Partner.Send({|#0:doc.ToString(SaveOptions.DisableFormatting)|});
            """;

        [Fact]
        public Task XElement_tree_holding_the_name_is_reported() => Run(Export(
            XElementProgram.Replace("$NAME", "s.Name")), Min001(0));

        [Fact]
        public Task XElement_tree_holding_a_name_token_is_clean() => Run(Unmarked(Export(
            XElementProgram.Replace("$NAME", "Privacy.Token(s.Name)"))));

        private const string XmlWriterProgram = """
            var text = new StringWriter();
            using (XmlWriter xml = XmlWriter.Create(text))
            {
                xml.WriteStartElement("subscriber");
                xml.WriteAttributeString("country", s.Country);
                xml.WriteElementString("email", $MAIL);
                xml.WriteEndElement();
            }

            Partner.Send({|#0:text.ToString()|});
            """;

        [Fact]
        public Task XmlWriter_over_a_StringWriter_writing_the_email_is_reported_where_the_text_is_sent() => Run(Export(
            XmlWriterProgram.Replace("$MAIL", "s.Email")), Min001(0));

        [Fact]
        public Task XmlWriter_over_a_StringWriter_writing_an_email_token_is_clean() => Run(Unmarked(Export(
            XmlWriterProgram.Replace("$MAIL", "Privacy.Token(s.Email)"))));

        // =====================================================================================================
        // 8. CSV by hand and params fields.
        // =====================================================================================================

        private const string CsvTypes = """
            internal static class Csv
            {
                public static string Field(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
            }
            """;

        [Fact]
        public Task Csv_line_built_by_hand_through_an_escaping_helper_with_the_name_is_reported() => Run(Export("""
            string line = Csv.Field(s.Country) + "," + s.Plan.ToString(CultureInfo.InvariantCulture) + "," + Csv.Field(s.Name);
            Partner.Send({|#0:line|});
            """, CsvTypes), Min001(0));

        [Fact]
        public Task Csv_line_built_by_hand_through_an_escaping_helper_with_a_name_token_is_clean() => Run(Export("""
            string line = Csv.Field(s.Country) + "," + s.Plan.ToString(CultureInfo.InvariantCulture) + "," + Csv.Field(Privacy.Token(s.Name));
            Partner.Send(line);
            """, CsvTypes));

        [Fact]
        public Task Params_fields_are_reported_at_the_one_element_that_carries_the_trimmed_phone() => Run(Export("""
            Partner.SendFields(s.Country, {|#0:s.Phone.Trim()|}, Privacy.Token(s.Email), s.Plan.ToString(CultureInfo.InvariantCulture));
            """), Min001(0));

        [Fact]
        public Task Params_fields_of_country_tokens_and_counters_are_clean() => Run(Export("""
            int row = 3;
            Partner.SendFields(s.Country, Privacy.Last4(s.Phone).Trim(), Privacy.Token(s.Email), row.ToString(CultureInfo.InvariantCulture));
            """));

        // =====================================================================================================
        // 9. HttpContent and request messages.
        // =====================================================================================================

        private const string ContentProgram = """
            Partner.SendContent({|#0:new StringContent(JsonSerializer.Serialize(new { email = $MAIL }), Encoding.UTF8, "application/json")|});
            Partner.SendContent({|#1:JsonContent.Create(new ContactDto { Country = s.Country, Contact = $PHONE })|});
            """;

        [Fact]
        public Task StringContent_and_JsonContent_built_from_the_email_and_phone_are_reported_at_the_content_argument() => Run(Export(
            ContentProgram.Replace("$MAIL", "s.Email").Replace("$PHONE", "s.Phone")), Min001(0), Min001(1));

        [Fact]
        public Task StringContent_and_JsonContent_built_from_minimized_values_are_clean() => Run(Unmarked(Export(
            ContentProgram.Replace("$MAIL", "Privacy.Token(s.Email)").Replace("$PHONE", "Privacy.Last4(s.Phone)"))));

        private const string FormProgram = """
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("country", s.Country),
                new KeyValuePair<string, string>("plan", s.Plan.ToString(CultureInfo.InvariantCulture)),
            };
            form.Add(new KeyValuePair<string, string>("msisdn", $PHONE));
            Partner.SendContent({|#0:new FormUrlEncodedContent(form)|});
            """;

        [Fact]
        public Task FormUrlEncodedContent_over_key_value_pairs_holding_the_phone_is_reported() => Run(Export(
            FormProgram.Replace("$PHONE", "s.Phone")), Min001(0));

        [Fact]
        public Task FormUrlEncodedContent_over_key_value_pairs_holding_the_last_four_digits_is_clean() => Run(Unmarked(Export(
            FormProgram.Replace("$PHONE", "Privacy.Last4(s.Phone)"))));

        private const string RequestProgram = """
            var request = new HttpRequestMessage(HttpMethod.Post, "https://acme.example/v1/contacts");
            request.Headers.Add("X-Plan", s.Plan.ToString(CultureInfo.InvariantCulture));
            request.Content = new StringContent($MAIL);
            Partner.SendMessage({|#0:request|});
            """;

        [Fact]
        public Task Request_message_whose_content_was_assigned_the_email_is_reported() => Run(Export(
            RequestProgram.Replace("$MAIL", "s.Email")), Min001(0));

        [Fact]
        public Task Request_message_whose_content_was_assigned_an_email_token_is_clean() => Run(Unmarked(Export(
            RequestProgram.Replace("$MAIL", "Privacy.Token(s.Email)"))));

        // =====================================================================================================
        // 10. Query strings, named and non-sink arguments, headers.
        // =====================================================================================================

        [Fact]
        public Task Query_string_escaped_with_EscapeDataString_is_reported_at_the_named_body_argument() => Run(Export("""
            Partner.Post(route: "/v1/lookup", body: {|#0:"country=" + s.Country + "&email=" + Uri.EscapeDataString(s.Email)|});
            """), Min001(0));

        [Fact]
        public Task Query_string_over_a_token_in_the_body_and_the_raw_email_in_the_route_parameter_that_is_not_a_sink_are_clean() => Run(Export("""
            Partner.Post(route: "/v1/lookup", body: "country=" + s.Country + "&email=" + Uri.EscapeDataString(Privacy.Token(s.Email)));
            Partner.Post($"/v1/lookup?email={Uri.EscapeDataString(s.Email)}", "{}");
            Partner.Post(body: "plan=" + s.Plan.ToString(CultureInfo.InvariantCulture), route: "/v1/" + s.Name);
            """));

        private const string HeadersProgram = """
            var headers = new Dictionary<string, string>
            {
                ["X-Request-Id"] = Guid.NewGuid().ToString("N"),
                ["X-Country"] = s.Country,
            };
            headers["X-Msisdn"] = $PHONE;
            Partner.SendHeaders({|#0:headers|});

            var optIns = new Dictionary<string, string>();
            optIns[$MAILKEY] = "subscribed";
            Partner.SendHeaders({|#1:optIns|});
            """;

        [Fact]
        public Task Header_dictionaries_holding_the_phone_as_a_value_or_the_email_as_a_key_are_reported() => Run(Export(
            HeadersProgram.Replace("$PHONE", "s.Phone").Replace("$MAILKEY", "s.Email.ToLowerInvariant()")), Min001(0), Min001(1));

        [Fact]
        public Task Header_dictionaries_holding_minimized_values_and_token_keys_are_clean() => Run(Unmarked(Export(
            HeadersProgram.Replace("$PHONE", "Privacy.Last4(s.Phone)").Replace("$MAILKEY", "Privacy.Token(s.Email).ToLowerInvariant()"))));

        // =====================================================================================================
        // 11. Span-based formatting.
        // =====================================================================================================

        [Fact]
        public Task TryFormat_of_the_birth_date_into_an_array_or_a_stack_span_and_string_Create_masking_the_phone_are_reported() => Run(Export("""
            char[] buffer = new char[16];
            s.BirthDate.TryFormat(buffer, out int written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Partner.Send({|#0:new string(buffer, 0, written)|});

            string masked = string.Create(s.Phone.Length, s.Phone, (span, phone) =>
            {
                phone.AsSpan().CopyTo(span);
                span[..^4].Fill('*');
            });
            Partner.Send({|#1:masked|});

            Span<char> stack = stackalloc char[16];
            s.BirthDate.TryFormat(stack, out int length, "yyyyMMdd", CultureInfo.InvariantCulture);
            Partner.Send({|#2:new string(stack[..length])|});
            """), Min001(0), Min001(1), Min001(2));

        [Fact]
        public Task TryFormat_and_string_Create_over_non_identifying_values_are_clean() => Run(Export("""
            char[] buffer = new char[32];
            s.CreatedAt.TryFormat(buffer, out int written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Partner.Send(new string(buffer, 0, written));
            s.Balance.TryFormat(buffer, out written, "N2", CultureInfo.InvariantCulture);
            Partner.Send(new string(buffer, 0, written));

            string plan = string.Create(6, s.Plan, (span, p) => p.TryFormat(span, out _, "D6", CultureInfo.InvariantCulture));
            Partner.Send(plan);
            """));

        // =====================================================================================================
        // 12. String operations, char arrays and masking that is not a [Minimizer].
        // =====================================================================================================

        [Fact]
        public Task Trim_ToUpperInvariant_Replace_Split_and_Substring_of_identity_are_still_identity() => Run(Export("""
            Partner.Send({|#0:s.Email.Trim().ToUpperInvariant().Replace(".", "")|});
            string domain = s.Email.Split('@')[1];
            Partner.Send({|#1:domain|});
            Partner.Send({|#2:s.Phone.Substring(0, 6)|});
            """), Min001(0), Min001(1), Min001(2));

        [Fact]
        public Task The_same_string_operations_on_a_token_and_the_country_are_clean() => Run(Export("""
            Partner.Send(Privacy.Token(s.Email).Trim().ToUpperInvariant().Replace(".", ""));
            string region = s.Country.Split('-')[0];
            Partner.Send(region);
            Partner.Send(Privacy.Token(s.Phone).Substring(0, 6));
            """));

        [Fact]
        public Task Phone_reversed_in_a_char_array_and_name_reversed_with_Linq_are_still_identity() => Run(Export("""
            char[] chars = s.Phone.ToCharArray();
            Array.Reverse(chars);
            Partner.Send({|#0:new string(chars)|});
            Partner.Send({|#1:new string(Enumerable.Reverse(s.Name).ToArray())|});
            """), Min001(0), Min001(1));

        [Fact]
        public Task Last_four_digits_reversed_in_a_char_array_and_the_country_reversed_with_Linq_are_clean() => Run(Export("""
            char[] chars = Privacy.Last4(s.Phone).ToCharArray();
            Array.Reverse(chars);
            Partner.Send(new string(chars));
            Partner.Send(new string(Enumerable.Reverse(s.Country).ToArray()));
            """));

        private const string MaskTypes = """
            internal static class Masks
            {
                $MARK
                public static string MaskPhone(string phone) => Regex.Replace(phone, @"\d(?=\d{4})", "*");
            }
            """;

        [Fact]
        public Task Regex_Replace_masking_inline_or_in_a_helper_not_marked_Minimizer_is_still_identity() => Run(Export("""
            Partner.Send({|#0:Regex.Replace(s.Phone, @"\d(?=\d{4})", "*")|});
            Partner.Send({|#1:Masks.MaskPhone(s.Phone)|});
            """, MaskTypes.Replace("$MARK", "// not a [Minimizer]")), Min001(0), Min001(1));

        [Fact]
        public Task Regex_Replace_masking_in_a_helper_marked_Minimizer_is_clean() => Run(Export("""
            Partner.Send(Masks.MaskPhone(s.Phone));
            Partner.Send($"{s.Country}:{Masks.MaskPhone(s.Phone)}");
            """, MaskTypes.Replace("$MARK", "[Minimizer]")));

        // =====================================================================================================
        // 13. [PartnerShare] properties: plain, compound and initializer assignment.
        // =====================================================================================================

        private const string EnvelopeProgram = """
            var env = new Envelope { Route = "/v1/contacts" };
            env.Body = "v1;";
            env.Body += {|#0:";" + $PHONE|};

            string csv = s.Country + "," + $NAME;
            var other = new Envelope { Route = "/v1/rows", Body = {|#1:csv|} };
            """;

        [Fact]
        public Task Envelope_body_is_reported_at_the_right_hand_side_of_a_compound_and_an_initializer_assignment() => Run(Export(
            EnvelopeProgram.Replace("$PHONE", "s.Phone").Replace("$NAME", "s.Name")), Min001(0), Min001(1));

        [Fact]
        public Task Envelope_body_assigned_minimized_values_is_clean() => Run(Unmarked(Export(
            EnvelopeProgram.Replace("$PHONE", "Privacy.Last4(s.Phone)").Replace("$NAME", "Privacy.Token(s.Name)"))));

        [Fact]
        public Task Envelope_route_holding_the_escaped_email_is_not_a_sink_and_the_body_is_clean() => Run(Export("""
            var env = new Envelope
            {
                Route = "/v1/lookup?email=" + Uri.EscapeDataString(s.Email),
                Body = JsonSerializer.Serialize(new { s.Plan, s.Country }),
            };
            env.Route += "&name=" + s.Name;
            """));

        // =====================================================================================================
        // 14. An injected formatter and a client wrapper between the export and the sink.
        // =====================================================================================================

        private const string FormatterTypes = """
            internal interface IPayloadFormatter
            {
                string Format(Subscriber s);
            }

            internal sealed class CsvFormatter : IPayloadFormatter
            {
                public string Format(Subscriber s) => $"{s.Country},{s.Plan:D2},{$CONTACT}";
            }

            internal sealed class Exporter
            {
                private readonly IPayloadFormatter _formatter;

                public Exporter(IPayloadFormatter formatter) { _formatter = formatter; }

                public void Export(Subscriber s) => Partner.Send({|#0:_formatter.Format(s)|});
            }
            """;

        [Fact]
        public Task Injected_formatter_whose_implementation_interpolates_the_phone_is_reported_at_the_send() => Run(
            FormatterTypes.Replace("$CONTACT", "s.Phone"), Min001(0));

        [Fact]
        public Task Injected_formatter_whose_implementation_interpolates_the_last_four_digits_is_clean() => Run(Unmarked(
            FormatterTypes.Replace("$CONTACT", "Privacy.Last4(s.Phone)")));

        private const string ClientTypes = """
            internal sealed class AcmeClient
            {
                public void PostJson(object body)
                {
                    string json = JsonSerializer.Serialize(body);
                    Partner.SendContent(new StringContent(json, Encoding.UTF8, "application/json"));
                }
            }
            """;

        [Fact]
        public Task Client_wrapper_that_serializes_and_sends_is_reported_at_the_callers_anonymous_object() => Run(Export("""
            var client = new AcmeClient();
            client.PostJson({|#0:new { s.Country, s.Email }|});
            """, ClientTypes), Min001(0));

        [Fact]
        public Task Client_wrapper_that_serializes_and_sends_an_anonymous_object_of_a_token_and_the_country_is_clean() => Run(Export("""
            var client = new AcmeClient();
            client.PostJson(new { s.Country, token = Privacy.Token(s.Email) });
            client.PostJson(new { batch = 1, sentAt = DateTime.UtcNow });
            """, ClientTypes));
        // =====================================================================================================
        // 15. Harder shapes: a record's ToString, IFormattable and CompositeFormat, a deserialized copy, a builder held in a
        //     field, buffers filled through arguments, stack spans, UriBuilder, an overwritten payload string.
        // =====================================================================================================

        private const string RecordTypes = """
            internal sealed record ContactRow(string Country, int Plan, string Contact);
            """;

        [Fact]
        public Task Record_holding_the_email_carries_it_through_its_synthesized_ToString_and_interpolation() => Run(Export("""
            var row = new ContactRow(s.Country, s.Plan, s.Email);
            Partner.Send({|#0:$"row={row}"|});
            Partner.Send({|#1:row.ToString()|});
            """, RecordTypes), Min001(0), Min001(1));

        [Fact]
        public Task Record_holding_an_email_token_is_clean_through_ToString_and_its_scalar_member_of_a_raw_record_is_clean() => Run(Export("""
            var row = new ContactRow(s.Country, s.Plan, Privacy.Token(s.Email));
            Partner.Send($"row={row}");
            Partner.Send(row.ToString());
            var raw = new ContactRow(s.Country, s.Plan, s.Email);
            Partner.Send(raw.Plan.ToString("D2", CultureInfo.InvariantCulture));
            """, RecordTypes));

        private const string PhoneNumberTypes = """
            [IdentityBearing(IdentityCategory.Phone)]
            internal readonly struct PhoneNumber : IFormattable
            {
                public PhoneNumber(string digits) { Digits = digits; }

                public string Digits { get; }

                public string ToString(string? format, IFormatProvider? provider) => format == "E164" ? "+" + Digits : Digits;

                public override string ToString() => Digits;
            }
            """;

        [Fact]
        public Task Identity_bearing_IFormattable_value_and_a_CompositeFormat_over_the_email_are_reported() => Run(Export("""
            var phone = new PhoneNumber(s.Phone);
            Partner.Send({|#0:string.Format(CultureInfo.InvariantCulture, "{0:E164}", phone)|});
            CompositeFormat layout = CompositeFormat.Parse("{0};{1,-30}");
            Partner.Send({|#1:string.Format(CultureInfo.InvariantCulture, layout, s.Country, s.Email)|});
            """, PhoneNumberTypes), Min001(0), Min001(1));

        [Fact]
        public Task Json_round_trip_carries_the_email_into_the_deserialized_copy_and_the_parsed_node() => Run(Export("""
            string json = JsonSerializer.Serialize(new { Country = s.Country, Plan = s.Plan, Contact = s.Email });
            ContactDto copy = JsonSerializer.Deserialize<ContactDto>(json)!;
            Partner.Send({|#0:copy.Contact|});
            JsonNode node = JsonNode.Parse(json)!;
            Partner.Send({|#1:node["Contact"]!.GetValue<string>()|});
            """), Min001(0), Min001(1));

        private const string BatchTypes = """
            internal sealed class CsvBatch
            {
                private readonly StringBuilder _rows = new StringBuilder();

                public void Add(Subscriber x) => _rows.Append(x.Country).Append(',').AppendLine($ROW);

                public void Flush()
                {
                    Partner.Send({|#0:_rows.ToString()|});
                    _rows.Clear();
                }
            }
            """;

        private const string BatchRun = """
            var batch = new CsvBatch();
            foreach (Subscriber x in all)
            {
                batch.Add(x);
            }

            batch.Flush();
            """;

        [Fact]
        public Task StringBuilder_held_in_a_field_filled_with_names_is_reported_where_another_method_sends_it() => Run(Export(
            BatchRun, BatchTypes.Replace("$ROW", "x.Name")), Min001(0));

        [Fact]
        public Task StringBuilder_held_in_a_field_filled_with_name_tokens_is_clean() => Run(Unmarked(Export(
            BatchRun, BatchTypes.Replace("$ROW", "Privacy.Token(x.Name)"))));

        private const string StaticBatchTypes = """
            internal static class CsvLog
            {
                private static readonly StringBuilder Rows = new StringBuilder();

                public static void Add(Subscriber x)
                {
                    Rows.Append(x.Country).Append(',').AppendLine($ROW);
                }

                public static void Flush()
                {
                    Partner.Send({|#0:Rows.ToString()|});
                    Rows.Clear();
                }
            }
            """;

        private const string StaticBatchRun = """
            foreach (Subscriber x in all)
            {
                CsvLog.Add(x);
            }

            CsvLog.Flush();
            """;

        [Fact]
        public Task StringBuilder_held_in_a_static_field_filled_with_names_is_reported_where_another_method_sends_it() => Run(Export(
            StaticBatchRun, StaticBatchTypes.Replace("$ROW", "x.Name")), Min001(0));

        [Fact]
        public Task StringBuilder_held_in_a_static_field_filled_with_name_tokens_is_clean() => Run(Unmarked(Export(
            StaticBatchRun, StaticBatchTypes.Replace("$ROW", "Privacy.Token(x.Name)"))));

        private const string FilledBufferProgram = """
            byte[] bytes = new byte[256];
            int count = Encoding.UTF8.GetBytes($MAIL, 0, $MAIL.Length, bytes, 0);
            Partner.Send({|#0:Encoding.UTF8.GetString(bytes, 0, count)|});

            char[] chars = new char[64];
            $PHONE.CopyTo(0, chars, 0, $PHONE.Length);
            Partner.Send({|#1:new string(chars, 0, $PHONE.Length)|});

            Span<char> stack = stackalloc char[32];
            $PHONE.AsSpan().CopyTo(stack);
            Partner.Send({|#2:new string(stack[..$PHONE.Length])|});
            """;

        [Fact]
        public Task Buffers_filled_through_arguments_by_GetBytes_CopyTo_and_a_stack_span_carry_the_email_and_phone() => Run(Export(
            FilledBufferProgram.Replace("$MAIL", "s.Email").Replace("$PHONE", "s.Phone")), Min001(0), Min001(1), Min001(2));

        [Fact]
        public Task Buffers_filled_through_arguments_with_minimized_values_are_clean() => Run(Unmarked(Export("""
            string mail = Privacy.Token(s.Email);
            string last4 = Privacy.Last4(s.Phone);
            """ + "\n" + FilledBufferProgram.Replace("$MAIL", "mail").Replace("$PHONE", "last4"))));

        private const string UriBuilderProgram = """
            var uri = new UriBuilder("https", "acme.example") { Path = "/v1/lookup", Query = "email=" + Uri.EscapeDataString($MAIL) };
            Partner.Send({|#0:uri.Uri.ToString()|});
            """;

        [Fact]
        public Task UriBuilder_whose_query_was_set_from_the_email_carries_it_into_the_built_Uri() => Run(Export(
            UriBuilderProgram.Replace("$MAIL", "s.Email")), Min001(0));

        [Fact]
        public Task UriBuilder_whose_query_was_set_from_an_email_token_is_clean() => Run(Unmarked(Export(
            UriBuilderProgram.Replace("$MAIL", "Privacy.Token(s.Email)"))));

        private const string RequestUriProgram = """
            var request = new HttpRequestMessage(HttpMethod.Get, (Uri?)null);
            request.RequestUri = new Uri("https://acme.example/v1/lookup?phone=" + Uri.EscapeDataString($PHONE));
            Partner.SendMessage({|#0:request|});
            """;

        [Fact]
        public Task Request_message_whose_request_uri_was_assigned_the_escaped_phone_is_reported() => Run(Export(
            RequestUriProgram.Replace("$PHONE", "s.Phone")), Min001(0));

        [Fact]
        public Task Request_message_whose_request_uri_was_assigned_the_last_four_digits_is_clean() => Run(Unmarked(Export(
            RequestUriProgram.Replace("$PHONE", "Privacy.Last4(s.Phone)"))));

        [Fact]
        public Task Payload_string_grown_with_plus_equals_from_the_phone_is_reported() => Run(Export("""
            string payload = "v1";
            payload += ";" + s.Country;
            payload += ";" + s.Phone;
            Partner.Send({|#0:payload|});
            """), Min001(0));

        [Fact]
        public Task Identity_written_only_into_a_builder_and_a_dictionary_that_are_not_sent_is_clean() => Run(Export("""
            var audit = new StringBuilder();
            audit.Append(s.Email).Append(';').Append(s.Phone);
            var payload = new StringBuilder();
            payload.Append(s.Country).Append(';').Append(Privacy.Token(s.Email));
            Console.WriteLine(audit.ToString());
            Partner.Send(payload.ToString());

            var internalHeaders = new Dictionary<string, string> { ["X-Email"] = s.Email };
            var partnerHeaders = new Dictionary<string, string> { ["X-Country"] = s.Country };
            Console.WriteLine(internalHeaders.Count);
            Partner.SendHeaders(partnerHeaders);
            """));
    }
}
