using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), without reading the flow engine: language and library corners through which identity must still
    /// be followed. Covered: (1) primary-constructor parameters of classes and structs, captured by members, read in other
    /// methods, passed up to a base class and reassigned; (2) spans and slices: <c>AsSpan</c>, <c>AsMemory</c>, ranges,
    /// <c>Slice</c>, <c>new string(span)</c>, <c>span.ToString()</c>, <c>stackalloc</c> buffers filled by <c>CopyTo</c>,
    /// <c>TryCopyTo</c>, <c>TryFormat</c> and <c>Encoding.UTF8.GetBytes(string, Span&lt;byte&gt;)</c>; (3) <c>string.Join</c>,
    /// <c>string.Concat</c>, <c>string.Format</c>, <c>StringBuilder.AppendJoin</c> over arrays and lists filled element by
    /// element, and <c>string.Create</c>; (4) <c>Uri</c> and its parts (<c>Query</c>, <c>AbsoluteUri</c>,
    /// <c>PathAndQuery</c>, <c>Segments</c>, <c>ToString()</c>), <c>UriBuilder</c>, <c>Uri.EscapeDataString</c> and
    /// hand-built queries; (5) <c>First</c>, <c>FirstOrDefault</c>, <c>Last</c>, <c>Single</c>, <c>ElementAt</c>,
    /// <c>ElementAtOrDefault</c>, <c>MaxBy</c>, <c>MinBy</c> and <c>DefaultIfEmpty</c> over <c>Select</c>/<c>Where</c>/
    /// <c>OrderBy</c>/<c>Reverse</c>; (6) values passed into constructors of the program's own classes and read back by
    /// properties, methods and <c>ToString()</c> overrides, through <c>this(...)</c> chaining, object initializers (nested
    /// ones too), <c>init</c> setters, records and <c>with</c>; (7) generic methods and types constrained to an
    /// identity-bearing interface (report inside) and unconstrained <c>T</c> (report at the caller, Reading 7);
    /// (8) <c>ConfigureAwait(false)</c>, <c>AsTask()</c>, <c>WaitAsync</c>, <c>Task.FromResult</c>, <c>ValueTask</c>,
    /// <c>Task.WhenAll</c>, <c>.Result</c> and <c>GetAwaiter().GetResult()</c> passing a value through unchanged.
    /// Every reported shape has near-miss twins that must stay clean: the value minimized first, only
    /// <c>[NonIdentifying]</c> or scalar members read (Reading 11), a value that never held identity, or a variable
    /// overwritten before it is sent. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutLanguageCornersTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the contact interface, the customer, the sinks and the minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal interface IContact
            {
                [NonIdentifying] Guid Id { get; }
                [NonIdentifying] string Region { get; }
                [IdentityBearing(IdentityCategory.Email)] string Email { get; }
            }

            [IdentityBearing]
            internal sealed class Customer : IContact
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public string Region { get; set; } = "";
                [NonIdentifying] public int LoyaltyPoints { get; set; }
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.AccountId)] public long AccountNumber { get; set; }
            }

            internal sealed class Lead : IContact
            {
                public Lead(Guid id, string email) { Id = id; Email = email; }
                [NonIdentifying] public Guid Id { get; }
                [NonIdentifying] public string Region => "unknown";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; }
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Send(string payload) { }
                [PartnerShare("acme")] public static Task SendAsync(string payload) => Task.CompletedTask;
                [PartnerShare("acme")] public static void SendBytes(byte[] payload) { }
                [PartnerShare("acme")] public static void SendUri(Uri address) { }
                [PartnerShare("acme")] public static void SendId(Guid id) { }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("corners-pepper-2024");

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
            }

            """;

        // =====================================================================================================
        // 1. Primary-constructor parameters.
        // =====================================================================================================

        /// <summary>A class's primary-constructor parameter captured and read in another method that sends it (Reading 3: inside).</summary>
        private const string PrimaryCaptureProgram = """
            internal sealed class ReminderJob(string recipient, int attempts)
            {
                public int Attempts => attempts;

                public void Run()
                {
                    string line = "reminder for " + recipient;
                    Partner.Send({|#0:line|});
                }
            }

            internal static class Scheduler
            {
                public static void Schedule(Customer c)
                {
                    var job = new ReminderJob($VALUE, 3);
                    job.Run();
                }
            }
            """;

        [Fact]
        public Task Primary_constructor_parameter_captured_by_a_class_is_reported_where_another_method_sends_it() => Run(
            PrimaryCaptureProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Primary_constructor_parameter_given_a_pseudonym_is_clean_where_it_is_sent() => Run(Unmarked(
            PrimaryCaptureProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)")));

        [Fact]
        public Task Primary_constructor_parameter_given_the_non_identifying_region_is_clean() => Run(Unmarked(
            PrimaryCaptureProgram.Replace("$VALUE", "c.Region")));

        /// <summary>A struct's primary-constructor parameter read back through a method at the caller.</summary>
        private const string PrimaryStructProgram = """
            internal readonly struct SmsTag(string phone, int slot)
            {
                public int Slot => slot;

                public string Render() => $"sms:{phone}#{slot}";
            }

            internal static class Tagger
            {
                public static void Tag(Customer c)
                {
                    var tag = new SmsTag($VALUE, c.LoyaltyPoints);
                    Partner.Send({|#0:$SENT|});
                }
            }
            """;

        [Fact]
        public Task Struct_primary_constructor_parameter_rendered_by_a_method_is_reported_at_the_callers_argument() => Run(
            PrimaryStructProgram.Replace("$VALUE", "c.Phone").Replace("$SENT", "tag.Render()"), Min001(0));

        [Fact]
        public Task Struct_primary_constructor_given_the_last_four_digits_is_clean() => Run(Unmarked(
            PrimaryStructProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)").Replace("$SENT", "tag.Render()")));

        [Fact]
        public Task Scalar_slot_of_a_struct_holding_a_phone_is_clean() => Run(Unmarked(
            PrimaryStructProgram.Replace("$VALUE", "c.Phone").Replace("$SENT", "tag.Slot.ToString()")));

        /// <summary>A derived class passes its primary-constructor parameter up to the base's; an override sends the base's view.</summary>
        private const string PrimaryBaseProgram = """
            internal abstract class Notification(string destination)
            {
                protected string Destination => destination;

                public abstract void Dispatch();
            }

            internal sealed class TextNotification(string phone, string body) : Notification(phone)
            {
                public override void Dispatch()
                {
                    Partner.Send({|#0:Destination + ": " + body|});
                }
            }

            internal static class Notifier
            {
                public static void Notify(Customer c)
                {
                    Notification n = new TextNotification($VALUE, "your parcel is out");
                    n.Dispatch();
                }
            }
            """;

        [Fact]
        public Task Primary_parameter_passed_to_the_base_and_read_by_an_override_is_reported_at_its_sink() => Run(
            PrimaryBaseProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Primary_parameter_passed_to_the_base_after_minimizing_is_clean() => Run(Unmarked(
            PrimaryBaseProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        /// <summary>The base class sends its own captured parameter; the derived class's base-list reads a member of an identity-bearing parameter.</summary>
        private const string PrimaryBaseListProgram = """
            internal abstract class Channel(string address)
            {
                public void Ping()
                {
                    Partner.Send({|#0:"ping " + address|});
                }
            }

            internal sealed class EmailChannel(Customer customer) : Channel($UP);

            internal static class Channels
            {
                public static void Check(Customer c)
                {
                    new EmailChannel(c).Ping();
                }
            }
            """;

        [Fact]
        public Task Member_of_an_identity_bearing_parameter_passed_in_a_base_list_is_reported_where_the_base_sends_it() => Run(
            PrimaryBaseListProgram.Replace("$UP", "customer.Email"), Min001(0));

        [Fact]
        public Task Non_identifying_member_passed_in_a_base_list_is_clean() => Run(Unmarked(
            PrimaryBaseListProgram.Replace("$UP", "customer.Region")));

        /// <summary>A captured primary-constructor parameter reassigned in one method and sent by another.</summary>
        private const string PrimaryReassignProgram = """
            internal sealed class DraftMessage(string body)
            {
                public void Attach(Customer c)
                {
                    body = $ATTACHED;
                }

                public void Publish()
                {
                    $BEFORE
                    Partner.Send({|#0:body|});
                }
            }

            internal static class Drafts
            {
                public static void Write(Customer c)
                {
                    var draft = new DraftMessage("hello");
                    draft.Attach(c);
                    draft.Publish();
                }
            }
            """;

        [Fact]
        public Task Captured_primary_parameter_reassigned_with_a_name_is_reported_where_another_method_sends_it() => Run(
            PrimaryReassignProgram.Replace("$ATTACHED", "\"hello \" + c.Name").Replace("$BEFORE", ""), Min001(0));

        [Fact]
        public Task Captured_primary_parameter_reassigned_with_the_region_only_is_clean() => Run(Unmarked(
            PrimaryReassignProgram.Replace("$ATTACHED", "\"hello \" + c.Region").Replace("$BEFORE", "")));

        [Fact]
        public Task Captured_primary_parameter_overwritten_with_its_pseudonym_just_before_sending_is_clean() => Run(Unmarked(
            PrimaryReassignProgram.Replace("$ATTACHED", "c.Name").Replace("$BEFORE", "body = Privacy.Pseudonym(body);")));

        /// <summary>A primary-constructor parameter of an identity-bearing interface type, read by a method.</summary>
        private const string PrimaryContactProgram = """
            internal sealed class ProfileExporter(IContact contact, string channel)
            {
                public void Export()
                {
                    Partner.Send({|#0:$SENT|});
                }
            }

            internal static class Exports
            {
                public static void Run(Customer c)
                {
                    new ProfileExporter(c, "web").Export();
                }
            }
            """;

        [Fact]
        public Task Identity_bearing_primary_parameter_whose_email_is_sent_is_reported_inside() => Run(
            PrimaryContactProgram.Replace("$SENT", "contact.Email + \"@\" + channel"), Min001(0));

        [Fact]
        public Task Identity_bearing_primary_parameter_whose_region_is_sent_is_clean() => Run(Unmarked(
            PrimaryContactProgram.Replace("$SENT", "contact.Region + \"@\" + channel")));

        [Fact]
        public Task Identity_bearing_primary_parameter_whose_non_identifying_id_is_sent_is_clean() => Run(Unmarked(
            PrimaryContactProgram.Replace("$SENT", "contact.Id.ToString()")));

        /// <summary>A property initialized from a primary-constructor parameter, read at the caller.</summary>
        private const string PrimaryInitializerProgram = """
            internal sealed class Envelope(string to, int priority)
            {
                public string To { get; } = to;

                public int Priority { get; } = priority;
            }

            internal static class Mailroom
            {
                public static void Post(Customer c)
                {
                    var e = new Envelope($VALUE, c.LoyaltyPoints);
                    Partner.Send({|#0:$SENT|});
                }
            }
            """;

        [Fact]
        public Task Property_initialized_from_a_primary_parameter_is_reported_at_the_callers_argument() => Run(
            PrimaryInitializerProgram.Replace("$VALUE", "c.Email").Replace("$SENT", "e.To"), Min001(0));

        [Fact]
        public Task Scalar_property_initialized_beside_an_email_is_clean() => Run(Unmarked(
            PrimaryInitializerProgram.Replace("$VALUE", "c.Email").Replace("$SENT", "e.Priority.ToString()")));

        [Fact]
        public Task Property_initialized_from_a_pseudonym_is_clean() => Run(Unmarked(
            PrimaryInitializerProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)").Replace("$SENT", "e.To")));

        // =====================================================================================================
        // 2. Spans, memories, ranges and stack buffers.
        // =====================================================================================================

        private const string SpanProgram = """
            internal static class SpanExport
            {
                private static void Forward(ReadOnlySpan<char> chunk)
                {
                    Partner.Send(chunk.ToString());
                }

                public static void Export(Customer c)
                {
                    $BODY
                }
            }
            """;

        private static string Spans(string body) => SpanProgram.Replace("$BODY", body);

        [Fact]
        public Task New_string_over_a_phones_span_is_reported() => Run(Spans(
            "ReadOnlySpan<char> span = c.Phone.AsSpan(); Partner.Send({|#0:new string(span)|});"), Min001(0));

        [Fact]
        public Task New_string_over_the_span_of_the_last_four_digits_is_clean() => Run(Spans(
            "ReadOnlySpan<char> span = Privacy.Last4(c.Phone).AsSpan(); Partner.Send(new string(span));"));

        [Fact]
        public Task Span_variable_overwritten_with_a_constant_before_sending_is_clean() => Run(Spans(
            "ReadOnlySpan<char> span = c.Phone.AsSpan(); span = \"withheld\".AsSpan(); Partner.Send(new string(span));"));

        [Fact]
        public Task Hat_range_of_a_phone_is_reported() => Run(Spans(
            "string tail = c.Phone[^4..]; Partner.Send({|#0:tail|});"), Min001(0));

        [Fact]
        public Task Range_up_to_the_at_sign_of_an_email_is_reported() => Run(Spans(
            "Partner.Send({|#0:c.Email[..c.Email.IndexOf('@')]|});"), Min001(0));

        [Fact]
        public Task Range_of_the_minimized_last_four_is_clean() => Run(Spans(
            "string tail = Privacy.Last4(c.Phone)[^2..]; Partner.Send(tail);"));

        [Fact]
        public Task Slice_of_a_names_span_turned_back_into_a_string_is_reported() => Run(Spans(
            "Partner.Send({|#0:c.Name.AsSpan().Slice(0, 1).ToString()|});"), Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_CopyTo_from_a_phone_is_reported() => Run(Spans(
            """
            Span<char> buffer = stackalloc char[64];
                    c.Phone.AsSpan().CopyTo(buffer);
                    Partner.Send({|#0:buffer[..c.Phone.Length].ToString()|});
            """), Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_CopyTo_from_the_last_four_digits_is_clean() => Run(Spans(
            """
            Span<char> buffer = stackalloc char[64];
                    string masked = Privacy.Last4(c.Phone);
                    masked.AsSpan().CopyTo(buffer);
                    Partner.Send(buffer[..masked.Length].ToString());
            """));

        [Fact]
        public Task Stackalloc_buffer_filled_by_TryCopyTo_from_an_email_is_reported() => Run(Spans(
            """
            Span<char> buffer = stackalloc char[128];
                    if (c.Email.AsSpan().TryCopyTo(buffer))
                    {
                        Partner.Send({|#0:new string(buffer.Slice(0, c.Email.Length))|});
                    }
            """), Min001(0));

        [Fact]
        public Task Stackalloc_buffer_filled_by_TryCopyTo_from_the_region_is_clean() => Run(Spans(
            """
            Span<char> buffer = stackalloc char[128];
                    if (c.Region.AsSpan().TryCopyTo(buffer))
                    {
                        Partner.Send(new string(buffer.Slice(0, c.Region.Length)));
                    }
            """));

        [Fact]
        public Task Account_number_formatted_with_TryFormat_into_a_stack_buffer_is_reported() => Run(Spans(
            """
            Span<char> digits = stackalloc char[20];
                    if (c.AccountNumber.TryFormat(digits, out int written))
                    {
                        Partner.Send({|#0:digits[..written].ToString()|});
                    }
            """), Min001(0));

        [Fact]
        public Task Non_identifying_points_formatted_with_TryFormat_are_clean() => Run(Spans(
            """
            Span<char> digits = stackalloc char[20];
                    if (c.LoyaltyPoints.TryFormat(digits, out int written))
                    {
                        Partner.Send(digits[..written].ToString());
                    }
            """));

        [Fact]
        public Task Utf8_bytes_of_an_email_encoded_into_a_span_are_reported() => Run(Spans(
            """
            Span<byte> utf8 = stackalloc byte[256];
                    int count = Encoding.UTF8.GetBytes(c.Email, utf8);
                    Partner.SendBytes({|#0:utf8[..count].ToArray()|});
            """), Min001(0));

        [Fact]
        public Task Utf8_bytes_of_the_region_encoded_into_a_span_are_clean() => Run(Spans(
            """
            Span<byte> utf8 = stackalloc byte[256];
                    int count = Encoding.UTF8.GetBytes(c.Region, utf8);
                    Partner.SendBytes(utf8[..count].ToArray());
            """));

        [Fact]
        public Task Range_of_a_names_memory_is_reported() => Run(Spans(
            """
            ReadOnlyMemory<char> memory = c.Name.AsMemory();
                    ReadOnlyMemory<char> initials = memory[..Math.Min(3, memory.Length)];
                    Partner.Send({|#0:initials.ToString()|});
            """), Min001(0));

        [Fact]
        public Task Memory_over_the_region_is_clean() => Run(Spans(
            "ReadOnlyMemory<char> memory = c.Region.AsMemory(); Partner.Send(memory.Span.ToString());"));

        [Fact]
        public Task Span_of_a_phone_passed_to_a_forwarding_helper_is_reported_at_the_outermost_argument() => Run(Spans(
            "Forward({|#0:c.Phone.AsSpan(0, 6)|});"), Min001(0));

        [Fact]
        public Task Span_of_the_region_passed_to_a_forwarding_helper_is_clean() => Run(Spans(
            "Forward(c.Region.AsSpan());"));

        [Fact]
        public Task Char_array_filled_by_string_CopyTo_from_a_phone_is_reported() => Run(Spans(
            """
            char[] chars = new char[16];
                    c.Phone.CopyTo(0, chars, 0, Math.Min(16, c.Phone.Length));
                    Partner.Send({|#0:new string(chars)|});
            """), Min001(0));

        [Fact]
        public Task Array_range_of_the_split_name_is_reported() => Run(Spans(
            "string[] parts = c.Name.Split(' '); string[] rest = parts[1..]; Partner.Send({|#0:string.Join(\" \", rest)|});"), Min001(0));

        // =====================================================================================================
        // 3. Join, Concat, Format, AppendJoin over element-by-element fills; string.Create.
        // =====================================================================================================

        private const string RosterProgram = """
            internal static class RosterExport
            {
                public static void Export(List<Customer> customers)
                {
                    $BODY
                }
            }
            """;

        private static string Roster(string body) => RosterProgram.Replace("$BODY", body);

        private const string IndexFill = """
            string[] cells = new string[customers.Count];
                    for (int i = 0; i < customers.Count; i++)
                    {
                        cells[i] = $CELL;
                    }

                    Partner.Send({|#0:string.Join(",", cells)|});
            """;

        [Fact]
        public Task Join_over_an_array_filled_with_emails_by_index_in_a_loop_is_reported() => Run(Roster(
            IndexFill.Replace("$CELL", "customers[i].Email")), Min001(0));

        [Fact]
        public Task Join_over_an_array_filled_with_pseudonyms_is_clean() => Run(Unmarked(Roster(
            IndexFill.Replace("$CELL", "Privacy.Pseudonym(customers[i].Email)"))));

        [Fact]
        public Task Join_over_an_array_filled_with_regions_is_clean() => Run(Unmarked(Roster(
            IndexFill.Replace("$CELL", "customers[i].Region"))));

        private const string AddFill = """
            var items = new List<string>();
                    foreach (Customer c in customers)
                    {
                        items.Add($ITEM + ";");
                    }

                    Partner.Send({|#0:string.Concat(items)|});
            """;

        [Fact]
        public Task Concat_over_a_list_filled_with_phones_by_Add_in_a_loop_is_reported() => Run(Roster(
            AddFill.Replace("$ITEM", "c.Phone")), Min001(0));

        [Fact]
        public Task Concat_over_a_list_filled_with_non_identifying_ids_is_clean() => Run(Unmarked(Roster(
            AddFill.Replace("$ITEM", "c.Id.ToString(\"N\")"))));

        private const string FormatFill = """
            object[] args = new object[2];
                    args[0] = $FIRST;
                    args[1] = customers.Count;
                    Partner.Send({|#0:string.Format("{0} and {1} others", args)|});
            """;

        [Fact]
        public Task Format_over_an_object_array_with_a_name_assigned_by_index_is_reported() => Run(Roster(
            FormatFill.Replace("$FIRST", "customers[0].Name")), Min001(0));

        [Fact]
        public Task Format_over_an_object_array_with_a_region_assigned_by_index_is_clean() => Run(Unmarked(Roster(
            FormatFill.Replace("$FIRST", "customers[0].Region"))));

        private const string AppendJoinFill = """
            var names = new List<string>();
                    int k = 0;
                    while (k < customers.Count)
                    {
                        names.Add($NAME);
                        k++;
                    }

                    var sb = new StringBuilder("names=");
                    sb.AppendJoin('|', names);
                    Partner.Send({|#0:sb.ToString()|});
            """;

        [Fact]
        public Task AppendJoin_over_a_list_of_names_added_in_a_while_loop_is_reported() => Run(Roster(
            AppendJoinFill.Replace("$NAME", "customers[k].Name")), Min001(0));

        [Fact]
        public Task AppendJoin_over_a_list_of_pseudonymized_names_is_clean() => Run(Unmarked(Roster(
            AppendJoinFill.Replace("$NAME", "Privacy.Pseudonym(customers[k].Name)"))));

        private const string SlotFill = """
            var slots = new List<string>(new string[customers.Count]);
                    for (int i = 0; i < customers.Count; i++)
                    {
                        slots[i] = $SLOT;
                    }

                    Partner.Send({|#0:string.Join(";", slots)|});
            """;

        [Fact]
        public Task Join_over_a_list_filled_with_phones_through_its_indexer_is_reported() => Run(Roster(
            SlotFill.Replace("$SLOT", "customers[i].Phone")), Min001(0));

        [Fact]
        public Task Join_over_a_list_filled_with_regions_through_its_indexer_is_clean() => Run(Unmarked(Roster(
            SlotFill.Replace("$SLOT", "customers[i].Region"))));

        [Fact]
        public Task Concat_of_an_array_initializer_holding_a_name_and_an_email_is_reported() => Run(Roster(
            "Customer first = customers[0]; string[] parts = { first.Name, \" <\", first.Email, \">\" }; Partner.Send({|#0:string.Concat(parts)|});"), Min001(0));

        [Fact]
        public Task Join_of_params_mixing_a_region_and_a_phone_is_reported() => Run(Roster(
            "Customer first = customers[0]; Partner.Send({|#0:string.Join(\"-\", first.Region, first.Phone)|});"), Min001(0));

        [Fact]
        public Task Join_of_non_identifying_points_added_in_a_loop_is_clean() => Run(Roster(
            "var points = new List<int>(); foreach (Customer c in customers) { points.Add(c.LoyaltyPoints); } Partner.Send(string.Join(\",\", points));"));

        [Fact]
        public Task String_Create_with_a_phone_as_its_state_is_reported() => Run(Roster(
            """
            Customer first = customers[0];
                    string code = string.Create(first.Phone.Length, first.Phone, static (span, phone) => phone.AsSpan().CopyTo(span));
                    Partner.Send({|#0:code|});
            """), Min001(0));

        [Fact]
        public Task String_Create_with_non_identifying_points_as_its_state_is_clean() => Run(Roster(
            """
            Customer first = customers[0];
                    string code = string.Create(6, first.LoyaltyPoints, static (span, points) => { span.Fill('0'); points.TryFormat(span, out _); });
                    Partner.Send(code);
            """));

        // =====================================================================================================
        // 4. Uri and its parts.
        // =====================================================================================================

        private const string UriProgram = """
            internal static class PartnerLinks
            {
                private static readonly Uri Base = new Uri("https://partner.example/api/");

                public static void Share(Customer c)
                {
                    $BODY
                }
            }
            """;

        private static string Links(string body) => UriProgram.Replace("$BODY", body);

        [Fact]
        public Task Query_of_a_uri_built_from_an_email_is_reported() => Run(Links(
            "var uri = new Uri(\"https://partner.example/lookup?email=\" + c.Email); Partner.Send({|#0:uri.Query|});"), Min001(0));

        [Fact]
        public Task Query_of_a_uri_built_from_an_escaped_pseudonym_is_clean() => Run(Links(
            "var uri = new Uri(\"https://partner.example/lookup?email=\" + Uri.EscapeDataString(Privacy.Pseudonym(c.Email))); Partner.Send(uri.Query);"));

        [Fact]
        public Task AbsoluteUri_of_a_relative_uri_holding_an_escaped_name_is_reported() => Run(Links(
            "var uri = new Uri(Base, \"customers/\" + Uri.EscapeDataString(c.Name)); Partner.Send({|#0:uri.AbsoluteUri|});"), Min001(0));

        [Fact]
        public Task AbsoluteUri_of_a_relative_uri_holding_the_region_is_clean() => Run(Links(
            "var uri = new Uri(Base, \"regions/\" + Uri.EscapeDataString(c.Region)); Partner.Send(uri.AbsoluteUri);"));

        [Fact]
        public Task PathAndQuery_of_a_uri_interpolating_a_phone_is_reported() => Run(Links(
            "var uri = new Uri($\"https://partner.example/v1/{c.Phone}/status\"); Partner.Send({|#0:uri.PathAndQuery|});"), Min001(0));

        [Fact]
        public Task Port_of_a_uri_interpolating_a_phone_is_a_clean_scalar() => Run(Links(
            "var uri = new Uri($\"https://partner.example/v1/{c.Phone}/status\"); Partner.Send(uri.Port.ToString());"));

        [Fact]
        public Task ToString_of_a_mailto_uri_is_reported() => Run(Links(
            "Uri uri = new Uri(\"mailto:\" + c.Email); Partner.Send({|#0:uri.ToString()|});"), Min001(0));

        [Fact]
        public Task Uri_holding_an_escaped_email_sent_whole_is_reported() => Run(Links(
            "Partner.SendUri({|#0:new Uri(Base, \"by-email/\" + Uri.EscapeDataString(c.Email))|});"), Min001(0));

        [Fact]
        public Task Uri_variable_overwritten_before_sending_is_clean() => Run(Links(
            "Uri target = new Uri(Base, \"by-email/\" + c.Email); target = new Uri(Base, \"anonymous\"); Partner.SendUri(target);"));

        [Fact]
        public Task Last_segment_of_a_uri_holding_a_name_is_reported() => Run(Links(
            "var uri = new Uri(Base, \"people/\" + Uri.EscapeDataString(c.Name)); Partner.Send({|#0:uri.Segments[^1]|});"), Min001(0));

        private const string BuilderBody = """
            var builder = new UriBuilder("https", "partner.example")
                    {
                        Path = "v2/contacts",
                        Query = $QUERY,
                    };
                    Partner.SendUri({|#0:builder.Uri|});
            """;

        [Fact]
        public Task UriBuilder_whose_query_holds_an_escaped_phone_is_reported() => Run(Links(
            BuilderBody.Replace("$QUERY", "\"phone=\" + Uri.EscapeDataString(c.Phone)")), Min001(0));

        [Fact]
        public Task UriBuilder_whose_query_holds_the_last_four_digits_is_clean() => Run(Unmarked(Links(
            BuilderBody.Replace("$QUERY", "\"tail=\" + Uri.EscapeDataString(Privacy.Last4(c.Phone))"))));

        [Fact]
        public Task UriBuilder_path_appended_with_an_email_is_reported_in_its_ToString() => Run(Links(
            "var b = new UriBuilder(Base); b.Path += c.Email; Partner.Send({|#0:b.ToString()|});"), Min001(0));

        private const string PairsBody = """
            var pairs = new List<string>();
                    pairs.Add("region=" + Uri.EscapeDataString(c.Region));
                    pairs.Add($PAIR);
                    var uri = new Uri(Base, "search?" + string.Join("&", pairs));
                    Partner.Send({|#0:uri.PathAndQuery|});
            """;

        [Fact]
        public Task Hand_built_query_from_a_list_of_pairs_holding_a_name_is_reported() => Run(Links(
            PairsBody.Replace("$PAIR", "\"name=\" + Uri.EscapeDataString(c.Name)")), Min001(0));

        [Fact]
        public Task Hand_built_query_from_a_region_and_the_non_identifying_id_is_clean() => Run(Unmarked(Links(
            PairsBody.Replace("$PAIR", "\"id=\" + c.Id.ToString(\"N\")"))));

        // =====================================================================================================
        // 5. Element operators over transformed sequences.
        // =====================================================================================================

        private const string PickProgram = """
            internal static class Picks
            {
                public static void Pick(List<Customer> customers, List<string> tags)
                {
                    $BODY
                }
            }
            """;

        private static string Picks(string body) => PickProgram.Replace("$BODY", body);

        [Fact]
        public Task First_of_selected_emails_is_reported() => Run(Picks(
            "Partner.Send({|#0:customers.Select(c => c.Email).First()|});"), Min001(0));

        [Fact]
        public Task First_of_selected_regions_is_clean() => Run(Picks(
            "Partner.Send(customers.Select(c => c.Region).First());"));

        [Fact]
        public Task FirstOrDefault_after_Where_OrderBy_Select_of_phones_is_reported() => Run(Picks(
            "string? phone = customers.Where(c => c.LoyaltyPoints > 100).OrderBy(c => c.Name).Select(c => c.Phone).FirstOrDefault(); Partner.Send({|#0:phone ?? \"none\"|});"), Min001(0));

        [Fact]
        public Task FirstOrDefault_after_Where_OrderBy_Select_of_last_four_digits_is_clean() => Run(Picks(
            "string? phone = customers.Where(c => c.LoyaltyPoints > 100).OrderBy(c => c.Name).Select(c => Privacy.Last4(c.Phone)).FirstOrDefault(); Partner.Send(phone ?? \"none\");"));

        [Fact]
        public Task Last_of_reversed_names_is_reported() => Run(Picks(
            "Partner.Send({|#0:customers.Select(c => c.Name).Reverse().Last()|});"), Min001(0));

        [Fact]
        public Task Single_of_filtered_emails_is_reported() => Run(Picks(
            "Partner.Send({|#0:customers.Where(c => c.Id == Guid.Empty).Select(c => c.Email).Single()|});"), Min001(0));

        [Fact]
        public Task ElementAt_of_phones_ordered_by_points_is_reported() => Run(Picks(
            "var ordered = customers.OrderByDescending(c => c.LoyaltyPoints).Select(c => c.Phone); Partner.Send({|#0:ordered.ElementAt(2)|});"), Min001(0));

        [Fact]
        public Task ElementAtOrDefault_of_names_is_reported() => Run(Picks(
            "Partner.Send({|#0:customers.Select(c => c.Name).ElementAtOrDefault(1) ?? \"\"|});"), Min001(0));

        [Fact]
        public Task MaxBy_over_emails_is_reported() => Run(Picks(
            "Partner.Send({|#0:customers.Select(c => c.Email).MaxBy(e => e.Length) ?? \"\"|});"), Min001(0));

        [Fact]
        public Task Region_of_the_customer_found_by_MaxBy_is_clean() => Run(Picks(
            "Customer? top = customers.MaxBy(c => c.LoyaltyPoints); Partner.Send(top!.Region);"));

        private const string MinByBody = """
            var best = customers.Select(c => new { c.Id, c.Name, c.LoyaltyPoints }).MinBy(x => x.LoyaltyPoints);
                    $SEND
            """;

        [Fact]
        public Task Name_of_the_anonymous_row_found_by_MinBy_is_reported() => Run(Picks(
            MinByBody.Replace("$SEND", "Partner.Send({|#0:best!.Name|});")), Min001(0));

        [Fact]
        public Task Guid_id_of_the_anonymous_row_found_by_MinBy_is_clean() => Run(Picks(
            MinByBody.Replace("$SEND", "Partner.SendId(best!.Id);")));

        [Fact]
        public Task DefaultIfEmpty_over_phones_then_First_is_reported() => Run(Picks(
            "Partner.Send({|#0:customers.Select(c => c.Phone).DefaultIfEmpty(\"n/a\").First()|});"), Min001(0));

        [Fact]
        public Task DefaultIfEmpty_over_pseudonyms_then_First_is_clean() => Run(Picks(
            "Partner.Send(customers.Select(c => Privacy.Pseudonym(c.Phone)).DefaultIfEmpty(\"n/a\").First());"));

        [Fact]
        public Task Last_of_an_ordered_list_filled_with_emails_is_reported() => Run(Picks(
            "foreach (Customer c in customers) { tags.Add(c.Email); } Partner.Send({|#0:tags.Where(t => t.Contains('@')).OrderBy(t => t).Last()|});"), Min001(0));

        [Fact]
        public Task Last_of_an_ordered_list_filled_with_regions_is_clean() => Run(Picks(
            "foreach (Customer c in customers) { tags.Add(c.Region); } Partner.Send(tags.Where(t => t.Length > 0).OrderBy(t => t).Last());"));

        [Fact]
        public Task First_with_a_predicate_over_labels_built_from_names_is_reported() => Run(Picks(
            "Partner.Send({|#0:customers.Select(c => c.Name + \" (\" + c.Region + \")\").First(s => s.Length > 3)|});"), Min001(0));

        // =====================================================================================================
        // 6. The program's own constructors, read back by members.
        // =====================================================================================================

        private const string LabelProgram = """
            internal sealed class Label
            {
                private readonly string _text;

                public Label(string text, int weight)
                {
                    _text = text;
                    Weight = weight;
                }

                public Label(Customer c) : this($CHAINED, c.LoyaltyPoints)
                {
                }

                public int Weight { get; }

                public string Text => _text;

                public string Render() => "[" + _text + "]";

                public override string ToString() => "label:" + _text;
            }

            internal static class Labels
            {
                public static void Print(Customer c)
                {
                    var label = $CREATE;
                    Partner.Send({|#0:$SENT|});
                }
            }
            """;

        private static string Label(string chained, string create, string sent)
            => LabelProgram.Replace("$CHAINED", chained).Replace("$CREATE", create).Replace("$SENT", sent);

        [Fact]
        public Task Name_passed_through_this_chaining_and_read_back_by_a_property_is_reported() => Run(
            Label("c.Name", "new Label(c)", "label.Text"), Min001(0));

        [Fact]
        public Task Region_passed_through_this_chaining_and_read_back_by_a_property_is_clean() => Run(Unmarked(
            Label("c.Region", "new Label(c)", "label.Text")));

        [Fact]
        public Task Scalar_weight_set_through_this_chaining_beside_a_name_is_clean() => Run(Unmarked(
            Label("c.Name", "new Label(c)", "label.Weight.ToString()")));

        [Fact]
        public Task Phone_passed_to_a_constructor_and_read_back_by_a_method_is_reported() => Run(
            Label("c.Region", "new Label(c.Phone, 1)", "label.Render()"), Min001(0));

        [Fact]
        public Task Last_four_digits_passed_to_a_constructor_and_read_back_by_a_method_are_clean() => Run(Unmarked(
            Label("c.Region", "new Label(Privacy.Last4(c.Phone), 1)", "label.Render()")));

        [Fact]
        public Task Email_read_back_by_a_ToString_override_in_an_interpolation_is_reported() => Run(
            Label("c.Region", "new Label(c.Email, 2)", "$\"sent {label}\""), Min001(0));

        [Fact]
        public Task Email_read_back_by_an_explicit_ToString_override_call_is_reported() => Run(
            Label("c.Region", "new Label(c.Email, 2)", "label.ToString()"), Min001(0));

        [Fact]
        public Task Constant_weight_of_a_label_holding_an_email_is_clean() => Run(Unmarked(
            Label("c.Region", "new Label(c.Email, 2)", "label.Weight.ToString()")));

        private const string TicketProgram = """
            internal sealed class Ticket
            {
                private string _owner = "";

                public string Owner { get => _owner; init => _owner = value.Trim(); }

                public int Priority { get; init; }

                public string Summary => $"{Priority}: {Owner}";
            }

            internal static class Helpdesk
            {
                public static void Open(Customer c)
                {
                    var ticket = new Ticket { Owner = $OWNER, Priority = 2 };
                    Partner.Send({|#0:$SENT|});
                }
            }
            """;

        [Fact]
        public Task Email_given_to_an_init_setter_with_a_backing_field_is_reported_when_read_back() => Run(
            TicketProgram.Replace("$OWNER", "c.Email").Replace("$SENT", "ticket.Owner"), Min001(0));

        [Fact]
        public Task Name_given_to_an_init_setter_is_reported_through_a_computed_property() => Run(
            TicketProgram.Replace("$OWNER", "c.Name").Replace("$SENT", "ticket.Summary"), Min001(0));

        [Fact]
        public Task Pseudonym_given_to_an_init_setter_is_clean_through_a_computed_property() => Run(Unmarked(
            TicketProgram.Replace("$OWNER", "Privacy.Pseudonym(c.Email)").Replace("$SENT", "ticket.Summary")));

        [Fact]
        public Task Scalar_priority_set_beside_an_email_in_an_object_initializer_is_clean() => Run(Unmarked(
            TicketProgram.Replace("$OWNER", "c.Email").Replace("$SENT", "ticket.Priority.ToString()")));

        private const string CourierProgram = """
            internal sealed class Courier
            {
                private readonly string _destination;
                private readonly int _retries;

                public Courier(string destination) : this(destination, 3)
                {
                }

                public Courier(string destination, int retries)
                {
                    _destination = destination;
                    _retries = retries;
                }

                public void Deliver()
                {
                    Partner.Send({|#0:$SENT|});
                }
            }

            internal static class Dispatch
            {
                public static void Go(Customer c)
                {
                    new Courier($VALUE).Deliver();
                }
            }
            """;

        [Fact]
        public Task Phone_stored_through_a_chained_constructor_is_reported_where_the_object_sends_it() => Run(
            CourierProgram.Replace("$SENT", "\"to:\" + _destination").Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Last_four_digits_stored_through_a_chained_constructor_are_clean() => Run(Unmarked(
            CourierProgram.Replace("$SENT", "\"to:\" + _destination").Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        [Fact]
        public Task Constant_retry_count_of_a_courier_holding_a_phone_is_clean() => Run(Unmarked(
            CourierProgram.Replace("$SENT", "_retries.ToString()").Replace("$VALUE", "c.Phone")));

        private const string ContactRecordProgram = """
            internal sealed record ContactRow(string Handle, int Score);

            internal static class Rows
            {
                public static void Emit(Customer c)
                {
                    var row = new ContactRow($VALUE, c.LoyaltyPoints);
                    Partner.Send({|#0:$SENT|});
                }
            }
            """;

        [Fact]
        public Task Synthesized_ToString_of_a_record_built_from_an_email_is_reported() => Run(
            ContactRecordProgram.Replace("$VALUE", "c.Email").Replace("$SENT", "row.ToString()"), Min001(0));

        [Fact]
        public Task Handle_of_a_record_copied_with_with_is_reported() => Run(
            ContactRecordProgram.Replace("$VALUE", "c.Email").Replace("$SENT", "(row with { Score = 0 }).Handle"), Min001(0));

        [Fact]
        public Task Scalar_score_of_a_record_built_from_an_email_is_clean() => Run(Unmarked(
            ContactRecordProgram.Replace("$VALUE", "c.Email").Replace("$SENT", "row.Score.ToString()")));

        [Fact]
        public Task Synthesized_ToString_of_a_record_built_from_a_pseudonym_is_clean() => Run(Unmarked(
            ContactRecordProgram.Replace("$VALUE", "Privacy.Pseudonym(c.Email)").Replace("$SENT", "row.ToString()")));

        private const string ShipmentProgram = """
            internal sealed class PostalAddress
            {
                public string Line { get; set; } = "";
            }

            internal sealed class Shipment
            {
                public PostalAddress To { get; init; } = new();

                public int Parcels { get; init; }
            }

            internal static class Shipping
            {
                public static void Ship(Customer c)
                {
                    var s = $CREATE;
                    Partner.Send({|#0:s.To.Line|});
                }
            }
            """;

        [Fact]
        public Task Name_set_in_a_nested_object_initializer_with_new_is_reported() => Run(
            ShipmentProgram.Replace("$CREATE", "new Shipment { To = new PostalAddress { Line = c.Name + \", \" + c.Region }, Parcels = 1 }"), Min001(0));

        [Fact]
        public Task Name_set_in_a_nested_member_initializer_without_new_is_reported() => Run(
            ShipmentProgram.Replace("$CREATE", "new Shipment { To = { Line = c.Name }, Parcels = 1 }"), Min001(0));

        [Fact]
        public Task Region_set_in_a_nested_member_initializer_is_clean() => Run(Unmarked(
            ShipmentProgram.Replace("$CREATE", "new Shipment { To = { Line = c.Region }, Parcels = 1 }")));

        // =====================================================================================================
        // 7. Generic methods and types: constrained to IContact (inside) and unconstrained (caller, Reading 7).
        // =====================================================================================================

        private const string ConstrainedProgram = """
            internal static class Sharing
            {
                public static void ShareContact<T>(T contact) where T : IContact
                {
                    Partner.Send({|#0:$INSIDE|});
                }

                public static void Run(Customer c)
                {
                    ShareContact($ARG);
                }
            }
            """;

        [Fact]
        public Task Email_of_a_T_constrained_to_IContact_is_reported_inside_the_generic_method() => Run(
            ConstrainedProgram.Replace("$INSIDE", "contact.Email").Replace("$ARG", "c"), Min001(0));

        [Fact]
        public Task Email_of_a_constrained_T_combined_with_its_region_is_reported_inside() => Run(
            ConstrainedProgram.Replace("$INSIDE", "contact.Email.ToUpperInvariant() + \"/\" + contact.Region").Replace("$ARG", "c"), Min001(0));

        [Fact]
        public Task Email_of_a_constrained_T_is_reported_inside_for_an_implementor_without_the_type_attribute() => Run(
            ConstrainedProgram.Replace("$INSIDE", "contact.Email").Replace("$ARG", "new Lead(Guid.NewGuid(), \"someone@example.com\")"), Min001(0));

        [Fact]
        public Task Non_identifying_region_of_a_constrained_T_is_clean() => Run(Unmarked(
            ConstrainedProgram.Replace("$INSIDE", "contact.Region").Replace("$ARG", "c")));

        [Fact]
        public Task Non_identifying_id_of_a_constrained_T_is_clean() => Run(Unmarked(
            ConstrainedProgram.Replace("$INSIDE", "contact.Id.ToString()").Replace("$ARG", "c")));

        private const string UnconstrainedProgram = """
            internal static class Relay
            {
                public static void Forward<T>(T value)
                {
                    Partner.Send(value?.ToString() ?? "");
                }

                public static void Run(Customer c)
                {
                    Forward({|#0:$ARG|});
                }
            }
            """;

        [Fact]
        public Task Email_given_to_an_unconstrained_generic_forwarder_is_reported_at_the_callers_argument() => Run(
            UnconstrainedProgram.Replace("$ARG", "c.Email"), Min001(0));

        [Fact]
        public Task Identity_bearing_customer_given_to_an_unconstrained_generic_forwarder_is_reported_at_the_caller() => Run(
            UnconstrainedProgram.Replace("$ARG", "c"), Min001(0));

        [Fact]
        public Task Non_identifying_points_given_to_an_unconstrained_generic_forwarder_are_clean() => Run(Unmarked(
            UnconstrainedProgram.Replace("$ARG", "c.LoyaltyPoints")));

        [Fact]
        public Task Pseudonym_given_to_an_unconstrained_generic_forwarder_is_clean() => Run(Unmarked(
            UnconstrainedProgram.Replace("$ARG", "Privacy.Pseudonym(c.Email)")));

        private const string BoxProgram = """
            internal sealed class Box<T>(T value)
            {
                public T Value => value;

                public Box<TOut> Map<TOut>(Func<T, TOut> map) => new Box<TOut>(map(value));
            }

            internal static class Boxes
            {
                public static void Ship(Customer c)
                {
                    $KEEP
                    Partner.Send({|#0:$SENT|});
                }
            }
            """;

        [Fact]
        public Task Phone_mapped_out_of_a_generic_primary_constructor_box_is_reported() => Run(
            BoxProgram.Replace("$KEEP", "").Replace("$SENT", "new Box<Customer>(c).Map(x => x.Phone).Value"), Min001(0));

        [Fact(Skip = "engine gap: expected no diagnostic (the new Box<string> holds only the non-identifying Region); actual: MIN001 at Test0.cs(75,22) on new Box<Customer>(c).Map(x => x.Region).Value, \"Identity from Customer ... Customer → parameter 'value' → Box.Value → Partner.Send\" (the captured primary-constructor parameter of every Box instance is one store)")]
        public Task Region_mapped_out_of_a_generic_primary_constructor_box_is_clean() => Run(Unmarked(
            BoxProgram.Replace("$KEEP", "").Replace("$SENT", "new Box<Customer>(c).Map(x => x.Region).Value")));

        [Fact]
        public Task Email_put_in_a_generic_box_of_string_is_reported_when_read_back() => Run(
            BoxProgram.Replace("$KEEP", "").Replace("$SENT", "new Box<string>(c.Email).Value"), Min001(0));

        [Fact(Skip = "engine gap: expected no diagnostic (the sent box holds only the Region; the name is in another instance); actual: MIN001 at Test0.cs(75,22) on new Box<string>(c.Region).Value, \"Identity from Customer.Name ... Customer.Name → parameter 'value' → Box.Value → Partner.Send\" (explicit fields are kept per instance, captured primary-constructor parameters are not)")]
        public Task Region_box_read_beside_a_second_box_holding_a_name_is_clean() => Run(Unmarked(
            BoxProgram.Replace("$KEEP", "var kept = new Box<string>(c.Name);").Replace("$SENT", "new Box<string>(c.Region).Value")));

        [Fact]
        public Task Points_put_in_a_generic_box_of_int_are_clean() => Run(Unmarked(
            BoxProgram.Replace("$KEEP", "").Replace("$SENT", "new Box<int>(c.LoyaltyPoints).Value.ToString()")));

        private const string CardProgram = """
            internal sealed class ContactCard<T> where T : IContact
            {
                private readonly T _contact;

                public ContactCard(T contact)
                {
                    _contact = contact;
                }

                public string Line() => _contact.Email + " (" + _contact.Region + ")";

                public string RegionOnly() => _contact.Region;
            }

            internal static class Cards
            {
                public static void Print(Customer c)
                {
                    Partner.Send({|#0:$SENT|});
                }
            }
            """;

        [Fact]
        public Task Line_of_a_generic_class_constrained_to_IContact_is_reported_at_the_callers_sink_argument() => Run(
            CardProgram.Replace("$SENT", "new ContactCard<Customer>(c).Line()"), Min001(0));

        [Fact]
        public Task Region_only_line_of_a_generic_class_constrained_to_IContact_is_clean() => Run(Unmarked(
            CardProgram.Replace("$SENT", "new ContactCard<Customer>(c).RegionOnly()")));

        private const string StashProgram = """
            internal sealed class Stash<T>
            {
                private readonly List<T> _items = new();

                public void Put(T item) => _items.Add(item);

                public T Latest() => _items[^1];
            }

            internal static class Stashes
            {
                public static void Keep(Customer c)
                {
                    var phones = new Stash<string>();
                    phones.Put($VALUE);
                    Partner.Send({|#0:phones.Latest()|});
                }
            }
            """;

        [Fact]
        public Task Phone_put_in_a_generic_stash_and_taken_out_is_reported() => Run(
            StashProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Last_four_digits_put_in_a_generic_stash_are_clean() => Run(Unmarked(
            StashProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 8. Task and ValueTask plumbing that passes a value through unchanged.
        // =====================================================================================================

        private const string AwaitProgram = """
            internal static class Lookup
            {
                public static async Task<string> EmailOfAsync(Customer c)
                {
                    await Task.Yield();
                    return c.Email;
                }

                public static async Task<string> RegionOfAsync(Customer c)
                {
                    await Task.Yield();
                    return c.Region;
                }

                public static ValueTask<string> PhoneOf(Customer c) => ValueTask.FromResult(c.Phone);

                public static async Task RunAsync(Customer c)
                {
                    $BODY
                }
            }
            """;

        private static string Awaiting(string body) => AwaitProgram.Replace("$BODY", body);

        [Fact]
        public Task Email_awaited_with_ConfigureAwait_false_is_reported() => Run(Awaiting(
            "string v = await EmailOfAsync(c).ConfigureAwait(false); Partner.Send({|#0:v|});"), Min001(0));

        [Fact]
        public Task Region_awaited_with_ConfigureAwait_false_is_clean() => Run(Awaiting(
            "string v = await RegionOfAsync(c).ConfigureAwait(false); Partner.Send(v);"));

        [Fact]
        public Task Phone_in_a_ValueTask_turned_AsTask_and_awaited_is_reported() => Run(Awaiting(
            "ValueTask<string> pending = new ValueTask<string>(c.Phone); string v = await pending.AsTask(); Partner.Send({|#0:v|});"), Min001(0));

        [Fact]
        public Task Last_four_digits_in_a_ValueTask_turned_AsTask_are_clean() => Run(Awaiting(
            "ValueTask<string> pending = new ValueTask<string>(Privacy.Last4(c.Phone)); string v = await pending.AsTask(); Partner.Send(v);"));

        [Fact]
        public Task Email_awaited_through_WaitAsync_with_a_timeout_is_reported_at_an_async_sink() => Run(Awaiting(
            "string v = await EmailOfAsync(c).WaitAsync(TimeSpan.FromSeconds(5)); await Partner.SendAsync({|#0:v|});"), Min001(0));

        [Fact]
        public Task Name_from_Task_FromResult_through_GetAwaiter_GetResult_is_reported() => Run(Awaiting(
            "string v = Task.FromResult(c.Name).GetAwaiter().GetResult(); Partner.Send({|#0:v|});"), Min001(0));

        [Fact]
        public Task Region_from_Task_FromResult_through_GetAwaiter_GetResult_is_clean() => Run(Awaiting(
            "string v = Task.FromResult(c.Region).GetAwaiter().GetResult(); Partner.Send(v);"));

        [Fact]
        public Task Email_from_ValueTask_FromResult_awaited_with_ConfigureAwait_is_reported() => Run(Awaiting(
            "string v = await ValueTask.FromResult(c.Email).ConfigureAwait(false); Partner.Send({|#0:v|});"), Min001(0));

        [Fact]
        public Task Configured_awaiter_result_passed_straight_to_the_sink_is_reported() => Run(Awaiting(
            "Partner.Send({|#0:EmailOfAsync(c).ConfigureAwait(false).GetAwaiter().GetResult()|});"), Min001(0));

        [Fact]
        public Task Pseudonym_through_a_configured_awaiter_result_is_clean() => Run(Awaiting(
            "Partner.Send(Task.FromResult(Privacy.Pseudonym(c.Email)).ConfigureAwait(false).GetAwaiter().GetResult());"));

        [Fact]
        public Task Phone_through_WaitAsync_with_a_token_and_ConfigureAwait_is_reported() => Run(Awaiting(
            "Task<string> t = Task.FromResult(c.Phone); string v = await t.WaitAsync(CancellationToken.None).ConfigureAwait(false); Partner.Send({|#0:v|});"), Min001(0));

        [Fact]
        public Task Awaited_phone_overwritten_before_sending_is_clean() => Run(Awaiting(
            "string v = await Task.FromResult(c.Phone); v = \"redacted\"; Partner.Send(v);"));

        [Fact]
        public Task Results_of_Task_WhenAll_joined_are_reported() => Run(Awaiting(
            "string[] all = await Task.WhenAll(EmailOfAsync(c), RegionOfAsync(c)); Partner.Send({|#0:string.Join(\",\", all)|});"), Min001(0));

        [Fact]
        public Task Email_read_from_Task_Result_is_reported() => Run(Awaiting(
            "Partner.Send({|#0:Task.FromResult(c.Email).Result|});"), Min001(0));

        [Fact]
        public Task Points_read_from_Task_Result_are_clean() => Run(Awaiting(
            "Partner.Send(Task.FromResult(c.LoyaltyPoints).Result.ToString());"));

        [Fact]
        public Task Phone_from_an_own_ValueTask_method_through_AsTask_GetResult_is_reported() => Run(Awaiting(
            "string v = PhoneOf(c).AsTask().GetAwaiter().GetResult(); Partner.Send({|#0:v|});"), Min001(0));
    }
}
