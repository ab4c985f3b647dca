using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings): object mapping and field sensitivity, the code between the domain model and the partner payload.
    /// Mostly precision: a member of an object that holds a minimized value, a non-identifying value or a scalar stays
    /// clean beside a member that holds the raw value, through hand-written, extension, injected and <c>Func</c> mappers,
    /// DTOs, records and <c>with</c>, anonymous types and tuples, nested objects, lists and dictionaries of DTOs,
    /// inheritance, interfaces, init-only properties, copy constructors, a DTO overwritten between two sends, and scalar
    /// members of containers (Reading 11). Most shapes have a reported twin: the raw member, or the whole object holding it.
    /// Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutMappingTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the customer and its order, the partner DTO, the sinks and two minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using Minimization;

            [IdentityBearing]
            internal class Customer
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public int Tier { get; set; }
                [NonIdentifying] public string Region { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                public DateTime SignedUpAt { get; set; }
            }

            internal sealed class Order
            {
                public Guid OrderId { get; set; }
                public decimal Total { get; set; }
                public DateTime PlacedAt { get; set; }
                public Customer Buyer { get; set; } = new Customer();
                [IdentityBearing(IdentityCategory.Address)] public string ShipTo { get; set; } = "";
            }

            internal class PartnerDto
            {
                public PartnerDto() { }

                public PartnerDto(PartnerDto other)
                {
                    CustomerId = other.CustomerId;
                    Tier = other.Tier;
                    Region = other.Region;
                    EmailToken = other.EmailToken;
                    Email = other.Email;
                    Phone = other.Phone;
                    SignedUpAt = other.SignedUpAt;
                }

                public Guid CustomerId { get; set; }
                public int Tier { get; set; }
                public string Region { get; set; } = "";
                public string EmailToken { get; set; } = "";
                public string Email { get; set; } = "";
                public string Phone { get; set; } = "";
                public DateTime SignedUpAt { get; set; }
            }

            internal sealed class PartnerPayload
            {
                [PartnerShare("acme")] public string Contact { get; set; } = "";
                [PartnerShare("acme")] public string Segment { get; set; } = "";
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Upload(string payload) { }
                [PartnerShare("acme")] public static void UploadDto(object dto) { }
                [PartnerShare("acme")] public static void UploadId(Guid id) { }
                [PartnerShare("acme")] public static void UploadNumber(decimal value) { }
                [PartnerShare("acme")] public static void UploadTime(DateTime at) { }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-2024");

                [Minimizer]
                public static string Hash(string value)
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
        // 1. Mappers: a static method, an extension method, a class behind an interface, a Func profile.
        // =====================================================================================================

        private const string StaticMapperProgram = """
            internal static class CustomerMapper
            {
                public static PartnerDto ToDto(Customer c)
                {
                    return new PartnerDto
                    {
                        CustomerId = c.Id,
                        Tier = c.Tier,
                        Region = c.Region,
                        EmailToken = Privacy.Hash(c.Email),
                        Phone = $PHONE,
                    };
                }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    PartnerDto dto = CustomerMapper.ToDto(c);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Static_mapper_copying_the_raw_phone_is_reported_where_the_whole_dto_is_sent() => Run(
            StaticMapperProgram.Replace("$PHONE", "c.Phone").Replace("$SEND", "Partner.UploadDto({|#0:dto|});"), Min001(0));

        [Fact]
        public Task Static_mapper_that_minimizes_every_identity_member_gives_a_clean_dto() => Run(
            StaticMapperProgram.Replace("$PHONE", "Privacy.Last4(c.Phone)").Replace("$SEND", "Partner.UploadDto(dto);"));

        [Fact]
        public Task Token_and_region_members_of_a_mapped_dto_that_also_holds_the_raw_phone_are_clean() => Run(
            StaticMapperProgram.Replace("$PHONE", "c.Phone").Replace("$SEND", """
                Partner.Upload(dto.EmailToken);
                Partner.Upload(dto.Region);
                """));

        [Fact]
        public Task Id_and_tier_members_of_a_mapped_dto_that_also_holds_the_raw_phone_are_clean() => Run(
            StaticMapperProgram.Replace("$PHONE", "c.Phone").Replace("$SEND", """
                Partner.UploadId(dto.CustomerId);
                Partner.UploadNumber(dto.Tier);
                """));

        private const string ExtensionMapperProgram = """
            internal static class CustomerMappings
            {
                public static PartnerDto ToPartner(this Customer c)
                {
                    return new PartnerDto { CustomerId = c.Id, Region = c.Region, Email = $EMAIL };
                }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    PartnerDto dto = c.ToPartner();
                    Partner.Upload(dto.Region);
                    Partner.Upload({|#0:dto.Email|});
                }
            }
            """;

        [Fact]
        public Task Extension_mapper_copying_the_raw_email_is_reported_at_the_email_member_only() => Run(
            ExtensionMapperProgram.Replace("$EMAIL", "c.Email"), Min001(0));

        [Fact]
        public Task Extension_mapper_that_hashes_into_the_member_named_Email_is_clean() => Run(Unmarked(
            ExtensionMapperProgram.Replace("$EMAIL", "Privacy.Hash(c.Email)")));

        private const string InterfaceMapperProgram = """
            internal interface ICustomerMapper
            {
                PartnerDto Map(Customer c);
            }

            internal sealed class AcmeMapper : ICustomerMapper
            {
                public PartnerDto Map(Customer c)
                {
                    return new PartnerDto { CustomerId = c.Id, Region = c.Region, EmailToken = $TOKEN };
                }
            }

            internal sealed class ExportService
            {
                private readonly ICustomerMapper _mapper;

                public ExportService(ICustomerMapper mapper) { _mapper = mapper; }

                public void Export(IEnumerable<Customer> customers)
                {
                    foreach (Customer c in customers)
                    {
                        PartnerDto dto = _mapper.Map(c);
                        Partner.UploadDto({|#0:dto|});
                    }
                }
            }
            """;

        [Fact]
        public Task Injected_mapper_whose_implementation_only_normalizes_the_email_is_reported() => Run(
            InterfaceMapperProgram.Replace("$TOKEN", "c.Email.Trim().ToLowerInvariant()"), Min001(0));

        [Fact]
        public Task Injected_mapper_whose_implementation_hashes_the_email_is_clean() => Run(Unmarked(
            InterfaceMapperProgram.Replace("$TOKEN", "Privacy.Hash(c.Email)")));

        private const string FuncProfileProgram = """
            internal static class Profiles
            {
                public static readonly Func<Customer, PartnerDto> Acme = c => new PartnerDto
                {
                    CustomerId = c.Id,
                    Region = c.Region,
                    EmailToken = Privacy.Hash(c.Email),
                    Phone = $PHONE,
                };
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    PartnerDto dto = Profiles.Acme(c);
                    Partner.UploadDto({|#0:dto|});
                }
            }
            """;

        [Fact]
        public Task Func_mapping_profile_copying_the_raw_phone_is_reported() => Run(
            FuncProfileProgram.Replace("$PHONE", "c.Phone"), Min001(0));

        [Fact]
        public Task Func_mapping_profile_that_minimizes_the_phone_is_clean() => Run(Unmarked(
            FuncProfileProgram.Replace("$PHONE", "Privacy.Last4(c.Phone)")));

        [Fact]
        public Task Mapping_profile_chosen_from_a_registry_by_partner_name_copying_the_raw_email_is_reported() => Run("""
            internal static class Profiles
            {
                public static readonly Dictionary<string, Func<Customer, PartnerDto>> ByPartner = new()
                {
                    ["acme"] = c => new PartnerDto { CustomerId = c.Id, EmailToken = Privacy.Hash(c.Email) },
                    ["globex"] = c => new PartnerDto { CustomerId = c.Id, Email = c.Email },
                };
            }

            internal static class Export
            {
                public static void Run(Customer c, string partner)
                {
                    Func<Customer, PartnerDto> map = Profiles.ByPartner[partner];
                    Partner.UploadDto({|#0:map(c)|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 2. A DTO built in place with a minimized member, a non-identifying member and a raw member.
        // =====================================================================================================

        private const string InPlaceProgram = """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto
                    {
                        CustomerId = c.Id,
                        Region = c.Region,
                        EmailToken = Privacy.Hash(c.Email),
                        Phone = c.Phone,
                    };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Token_and_region_of_a_dto_built_beside_a_raw_phone_are_clean() => Run(
            InPlaceProgram.Replace("$SEND", """
                Partner.Upload(dto.EmailToken);
                Partner.Upload(dto.Region + "/" + dto.EmailToken);
                """));

        [Fact]
        public Task Raw_phone_of_a_dto_built_in_place_is_reported() => Run(
            InPlaceProgram.Replace("$SEND", "Partner.Upload({|#0:dto.Phone|});"), Min001(0));

        [Fact]
        public Task Whole_dto_built_in_place_with_a_raw_phone_is_reported() => Run(
            InPlaceProgram.Replace("$SEND", "Partner.UploadDto({|#0:dto|});"), Min001(0));

        private const string PayloadProgram = """
            internal static class Export
            {
                public static PartnerPayload Build(Customer c)
                {
                    var dto = new PartnerDto { Region = c.Region, Email = c.Email, EmailToken = Privacy.Hash(c.Email) };
                    return new PartnerPayload { Segment = dto.Region, Contact = $CONTACT };
                }
            }
            """;

        [Fact]
        public Task Raw_email_of_a_dto_assigned_to_a_partner_property_is_reported() => Run(
            PayloadProgram.Replace("$CONTACT", "{|#0:dto.Email|}"), Min001(0));

        [Fact]
        public Task Token_and_region_of_a_dto_assigned_to_partner_properties_are_clean() => Run(
            PayloadProgram.Replace("$CONTACT", "dto.EmailToken"));

        private const string MemberSenderProgram = """
            internal static class Sender
            {
                public static void SendRegion(PartnerDto dto)
                {
                    Partner.Upload(dto.Region);
                }

                public static void SendEmail(PartnerDto dto)
                {
                    Partner.Upload(dto.Email);
                }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Region = c.Region, Email = c.Email };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Dto_holding_a_raw_email_handed_to_a_helper_that_sends_only_its_region_is_clean() => Run(
            MemberSenderProgram.Replace("$SEND", "Sender.SendRegion(dto);"));

        [Fact]
        public Task Dto_holding_a_raw_email_handed_to_a_helper_that_sends_its_email_is_reported_at_the_callers_argument() => Run(
            MemberSenderProgram.Replace("$SEND", "Sender.SendEmail({|#0:dto|});"), Min001(0));

        private const string ComputedMemberProgram = """
            internal sealed class ContactView
            {
                public Guid CustomerId { get; set; }
                public string Region { get; set; } = "";
                public string Email { get; set; } = "";
                public string Key => Region + ":" + CustomerId;
                public string Display => Region + ":" + Email;
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var view = new ContactView { CustomerId = c.Id, Region = c.Region, Email = c.Email };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Computed_property_built_from_clean_members_of_a_view_holding_the_raw_email_is_clean() => Run(
            ComputedMemberProgram.Replace("$SEND", "Partner.Upload(view.Key);"));

        [Fact]
        public Task Computed_property_built_from_the_raw_email_member_is_reported() => Run(
            ComputedMemberProgram.Replace("$SEND", "Partner.Upload({|#0:view.Display|});"), Min001(0));

        private const string TicketProgram = """
            internal sealed class Ticket
            {
                public Guid CustomerId { get; set; }
                public string Email { get; set; } = "";
                public string Token { get; set; } = "";

                public override string ToString() => $"{CustomerId}:{Token}";
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var ticket = new Ticket { CustomerId = c.Id, Email = c.Email, Token = Privacy.Hash(c.Email) };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task ToString_override_printing_only_the_id_and_token_of_a_ticket_holding_the_raw_email_is_clean() => Run(
            TicketProgram.Replace("$SEND", "Partner.Upload(ticket.ToString());"));

        [Fact]
        public Task Ticket_interpolated_through_a_ToString_override_printing_only_the_id_and_token_is_clean() => Run(
            TicketProgram.Replace("$SEND", "Partner.Upload($\"ticket {ticket}\");"));

        // =====================================================================================================
        // 3. Records: with, positional deconstruction, the synthesized ToString() (Reading 8).
        // =====================================================================================================

        private const string RecordDeclaration = """
            internal sealed record ContactRecord(Guid Id, string Region, string Email, string Phone);

            """;

        private const string WithProgram = RecordDeclaration + """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var raw = new ContactRecord(c.Id, c.Region, c.Email, c.Phone);
                    var shared = raw with { $WITH };
                    Partner.UploadDto({|#0:shared|});
                }
            }
            """;

        [Fact]
        public Task With_replacing_every_identity_member_by_its_minimized_form_gives_a_clean_record() => Run(Unmarked(
            WithProgram.Replace("$WITH", "Email = Privacy.Hash(raw.Email), Phone = Privacy.Last4(raw.Phone)")));

        [Fact]
        public Task With_replacing_the_email_but_leaving_the_raw_phone_is_reported() => Run(
            WithProgram.Replace("$WITH", "Email = Privacy.Hash(raw.Email)"), Min001(0));

        [Fact]
        public Task Original_record_still_holds_the_identity_after_a_minimized_with_copy_is_made() => Run(RecordDeclaration + """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var raw = new ContactRecord(c.Id, c.Region, c.Email, c.Phone);
                    var shared = raw with { Email = Privacy.Hash(raw.Email), Phone = Privacy.Last4(raw.Phone) };
                    Partner.UploadDto(shared);
                    Partner.UploadDto({|#0:raw|});
                }
            }
            """, Min001(0));

        private const string DeconstructProgram = RecordDeclaration + """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var record = new ContactRecord(c.Id, c.Region, c.Email, c.Phone);
                    var (id, region, email, phone) = record;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Deconstructed_id_and_region_of_a_positional_record_holding_raw_identity_are_clean() => Run(
            DeconstructProgram.Replace("$SEND", """
                Partner.UploadId(id);
                Partner.Upload(region);
                """));

        [Fact]
        public Task Deconstructed_email_of_a_positional_record_is_reported() => Run(
            DeconstructProgram.Replace("$SEND", "Partner.Upload({|#0:email|});"), Min001(0));

        [Fact]
        public Task Synthesized_ToString_of_a_record_holding_the_raw_email_is_reported() => Run(RecordDeclaration + """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var record = new ContactRecord(c.Id, c.Region, c.Email, Privacy.Last4(c.Phone));
                    Partner.Upload({|#0:record.ToString()|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Synthesized_ToString_of_a_record_holding_only_minimized_values_is_clean() => Run(RecordDeclaration + """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var record = new ContactRecord(c.Id, c.Region, Privacy.Hash(c.Email), Privacy.Last4(c.Phone));
                    Partner.Upload(record.ToString());
                    Partner.Upload($"contact {record}");
                }
            }
            """);

        [Fact]
        public Task Minimized_members_of_a_record_that_also_holds_the_raw_phone_are_clean() => Run(RecordDeclaration + """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var record = new ContactRecord(c.Id, c.Region, Privacy.Hash(c.Email), c.Phone);
                    Partner.Upload(record.Email);
                    Partner.Upload(record.Region);
                    Partner.UploadId(record.Id);
                }
            }
            """);

        // =====================================================================================================
        // 4. Anonymous types and tuples.
        // =====================================================================================================

        private const string AnonymousProgram = """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var row = new { c.Region, c.Id, Token = $TOKEN };
                    Partner.UploadDto({|#0:row|});
                }
            }
            """;

        [Fact]
        public Task Anonymous_object_with_a_hashed_token_and_the_region_is_clean() => Run(Unmarked(
            AnonymousProgram.Replace("$TOKEN", "Privacy.Hash(c.Email)")));

        [Fact]
        public Task Anonymous_object_with_the_raw_email_is_reported() => Run(
            AnonymousProgram.Replace("$TOKEN", "c.Email"), Min001(0));

        [Fact]
        public Task Region_of_an_anonymous_object_that_also_holds_the_raw_email_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var row = new { c.Region, c.Email };
                    Partner.Upload(row.Region);
                }
            }
            """);

        private const string TupleProgram = """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    (string Region, string Email) pair = (c.Region, c.Email);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Clean_element_of_a_tuple_beside_the_raw_email_is_clean() => Run(
            TupleProgram.Replace("$SEND", """
                Partner.Upload(pair.Region);
                Partner.Upload(pair.Item1);
                """));

        [Fact]
        public Task Email_element_of_a_tuple_is_reported() => Run(
            TupleProgram.Replace("$SEND", "Partner.Upload({|#0:pair.Email|});"), Min001(0));

        // =====================================================================================================
        // 5. Nested objects: an order that holds its buyer.
        // =====================================================================================================

        [Fact]
        public Task Total_id_and_date_of_an_order_that_holds_a_buyer_are_clean() => Run("""
            internal static class Export
            {
                public static void Run(Order order)
                {
                    Partner.UploadNumber(order.Total);
                    Partner.UploadId(order.OrderId);
                    Partner.UploadTime(order.PlacedAt);
                }
            }
            """);

        private const string NestedDtoProgram = """
            internal sealed class BuyerDto
            {
                public string Region { get; set; } = "";
                public string Token { get; set; } = "";
                public string Email { get; set; } = "";
            }

            internal sealed class OrderDto
            {
                public Guid OrderId { get; set; }
                public decimal Total { get; set; }
                public BuyerDto Buyer { get; set; } = new BuyerDto();
            }

            internal static class Export
            {
                public static void Run(Order order)
                {
                    var dto = new OrderDto
                    {
                        OrderId = order.OrderId,
                        Total = order.Total,
                        Buyer = new BuyerDto { Region = order.Buyer.Region, $BUYER },
                    };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Order_dto_whose_nested_buyer_holds_a_hashed_email_is_clean() => Run(
            NestedDtoProgram.Replace("$BUYER", "Token = Privacy.Hash(order.Buyer.Email)").Replace("$SEND", """
                Partner.UploadDto(dto);
                Partner.UploadDto(dto.Buyer);
                """));

        [Fact]
        public Task Order_dto_whose_nested_buyer_holds_the_raw_email_is_reported_where_the_buyer_is_sent() => Run(
            NestedDtoProgram.Replace("$BUYER", "Email = order.Buyer.Email").Replace("$SEND", "Partner.UploadDto({|#0:dto.Buyer|});"), Min001(0));

        [Fact]
        public Task Total_and_nested_region_of_an_order_dto_whose_buyer_holds_the_raw_email_are_clean() => Run(
            NestedDtoProgram.Replace("$BUYER", "Email = order.Buyer.Email").Replace("$SEND", """
                Partner.UploadNumber(dto.Total);
                Partner.Upload(dto.Buyer.Region);
                """));

        // =====================================================================================================
        // 6. Collections of DTOs: built in a loop or with Select; dictionaries keyed by a non-identifying id.
        // =====================================================================================================

        private const string LoopListProgram = """
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    var rows = new List<PartnerDto>();
                    foreach (Customer c in customers)
                    {
                        rows.Add(new PartnerDto { CustomerId = c.Id, Region = c.Region, EmailToken = $TOKEN });
                    }
                    Partner.UploadDto({|#0:rows|});
                }
            }
            """;

        [Fact]
        public Task List_of_dtos_built_in_a_loop_with_hashed_emails_is_clean() => Run(Unmarked(
            LoopListProgram.Replace("$TOKEN", "Privacy.Hash(c.Email)")));

        [Fact]
        public Task List_of_dtos_built_in_a_loop_with_trimmed_raw_emails_is_reported() => Run(
            LoopListProgram.Replace("$TOKEN", "c.Email.Trim()"), Min001(0));

        [Fact]
        public Task Region_and_id_of_each_dto_in_a_list_whose_dtos_hold_raw_emails_are_clean() => Run("""
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    List<PartnerDto> rows = customers.Select(c => new PartnerDto { CustomerId = c.Id, Region = c.Region, Email = c.Email }).ToList();
                    foreach (PartnerDto row in rows)
                    {
                        Partner.Upload(row.Region);
                        Partner.UploadId(row.CustomerId);
                    }
                }
            }
            """);

        private const string DictionaryProgram = """
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    Dictionary<Guid, string> tokens = customers.ToDictionary(c => c.Id, c => $VALUE);
                    Partner.UploadDto({|#0:tokens|});
                }
            }
            """;

        [Fact]
        public Task Dictionary_keyed_by_customer_id_holding_hashed_emails_is_clean() => Run(Unmarked(
            DictionaryProgram.Replace("$VALUE", "Privacy.Hash(c.Email)")));

        [Fact]
        public Task Dictionary_keyed_by_customer_id_holding_raw_emails_is_reported() => Run(
            DictionaryProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Guid_key_of_each_pair_of_a_dictionary_holding_raw_emails_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    var emails = new Dictionary<Guid, string>();
                    foreach (Customer c in customers)
                    {
                        emails[c.Id] = c.Email;
                    }
                    foreach (KeyValuePair<Guid, string> pair in emails)
                    {
                        Partner.UploadId(pair.Key);
                    }
                }
            }
            """);

        // =====================================================================================================
        // 7. Inheritance, interfaces with properties, init-only properties, copy constructors.
        // =====================================================================================================

        private const string DerivedDtoProgram = """
            internal class ContactDto
            {
                public string Email { get; set; } = "";
                public string Locale { get; set; } = "";
            }

            internal sealed class LeadDto : ContactDto
            {
                public string Campaign { get; set; } = "";
                public int Score { get; set; }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var lead = new LeadDto { Email = c.Email, Locale = "en", Campaign = "spring", Score = c.Tier };
                    ContactDto contact = lead;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Derived_dto_holding_a_raw_email_in_its_base_member_is_reported_when_sent_as_the_base() => Run(
            DerivedDtoProgram.Replace("$SEND", "Partner.UploadDto({|#0:contact|});"), Min001(0));

        [Fact]
        public Task Derived_and_base_members_beside_a_raw_base_email_are_clean() => Run(
            DerivedDtoProgram.Replace("$SEND", """
                Partner.Upload(lead.Campaign);
                Partner.Upload(contact.Locale);
                Partner.UploadNumber(lead.Score);
                """));

        private const string IdentityBaseProgram = """
            [IdentityBearing]
            internal abstract class Person
            {
                [NonIdentifying] public Guid Id { get; set; }
                public string Email { get; set; } = "";
            }

            internal sealed class Member : Person
            {
                [NonIdentifying] public string Plan { get; set; } = "";
                public int LoyaltyPoints { get; set; }
            }

            internal static class Export
            {
                public static void Run(Member m)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Non_identifying_members_of_a_type_deriving_from_an_identity_bearing_base_are_clean() => Run(
            IdentityBaseProgram.Replace("$SEND", """
                Partner.Upload(m.Plan);
                Partner.UploadId(m.Id);
                """));

        [Fact]
        public Task Unmarked_scalar_member_of_a_type_deriving_from_an_identity_bearing_base_is_a_source() => Run(
            IdentityBaseProgram.Replace("$SEND", "Partner.UploadNumber({|#0:m.LoyaltyPoints|});"), Min001(0));

        private const string ContactInterfaceProgram = """
            [IdentityBearing]
            internal interface IContact
            {
                string Email { get; }
                [NonIdentifying] string Locale { get; }
            }

            internal sealed class Subscriber : IContact
            {
                public string Email { get; init; } = "";
                public string Locale { get; init; } = "";
            }

            internal static class Export
            {
                public static void Run(IContact contact)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Non_identifying_property_of_an_identity_bearing_interface_is_clean() => Run(
            ContactInterfaceProgram.Replace("$SEND", "Partner.Upload(contact.Locale);"));

        private const string RowInterfaceProgram = """
            internal interface IPartnerRow
            {
                string Key { get; }
                string Region { get; }
            }

            internal sealed class CustomerRow : IPartnerRow
            {
                public CustomerRow(string key, string region) { Key = key; Region = region; }
                public string Key { get; }
                public string Region { get; }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    IPartnerRow row = new CustomerRow($KEY, c.Region);
                    Partner.Upload(row.Region);
                    Partner.Upload({|#0:row.Key|});
                }
            }
            """;

        [Fact]
        public Task Raw_email_key_read_through_a_row_interface_is_reported_and_its_region_is_not() => Run(
            RowInterfaceProgram.Replace("$KEY", "c.Email"), Min001(0));

        private const string InitOnlyProgram = """
            internal sealed class PartnerCard
            {
                public required Guid CustomerId { get; init; }
                public required string Token { get; init; }
                public string? Note { get; init; }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var card = new PartnerCard { CustomerId = c.Id, Token = Privacy.Hash(c.Email), Note = $NOTE };
                    Partner.Upload(card.Token);
                    Partner.UploadDto({|#0:card|});
                }
            }
            """;

        [Fact]
        public Task Init_only_card_with_a_note_quoting_the_raw_phone_is_reported_where_the_card_is_sent() => Run(
            InitOnlyProgram.Replace("$NOTE", "\"call \" + c.Phone"), Min001(0));

        private const string SafeCopyProgram = """
            internal sealed class SafeDto
            {
                public SafeDto(PartnerDto source)
                {
                    CustomerId = source.CustomerId;
                    Region = source.Region;
                    EmailToken = Privacy.Hash(source.Email);
                    $PHONE
                }

                public Guid CustomerId { get; }
                public string Region { get; }
                public string EmailToken { get; }
                public string Phone { get; } = "";
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Region = c.Region, Email = c.Email, Phone = c.Phone };
                    Partner.UploadDto({|#0:new SafeDto(dto)|});
                }
            }
            """;

        [Fact]
        public Task Minimizing_copy_constructor_gives_a_clean_object() => Run(Unmarked(
            SafeCopyProgram.Replace("$PHONE", "Phone = Privacy.Last4(source.Phone);")));

        [Fact]
        public Task Copy_constructor_that_minimizes_the_email_but_copies_the_raw_phone_is_reported() => Run(
            SafeCopyProgram.Replace("$PHONE", "Phone = source.Phone;"), Min001(0));

        // =====================================================================================================
        // 8. One DTO instance, mutated between sends.
        // =====================================================================================================

        [Fact]
        public Task Dto_sent_raw_then_overwritten_with_its_hash_is_reported_at_the_first_send_only() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    Partner.UploadDto({|#0:dto|});
                    dto.Email = Privacy.Hash(dto.Email);
                    Partner.UploadDto(dto);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Dto_sent_clean_then_given_the_raw_phone_is_reported_at_the_second_send_only() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, EmailToken = Privacy.Hash(c.Email) };
                    Partner.UploadDto(dto);
                    dto.Phone = c.Phone;
                    Partner.UploadDto({|#0:dto|});
                }
            }
            """, Min001(0));

        private const string OverwriteProgram = """
            internal static class Export
            {
                private static PartnerDto Load(Customer c)
                {
                    return new PartnerDto { CustomerId = c.Id, Region = c.Region, Email = c.Email, Phone = c.Phone };
                }

                public static void Run(Customer c)
                {
                    PartnerDto dto = Load(c);
                    dto.Email = Privacy.Hash(dto.Email);
                    $PHONE
                    Partner.UploadDto({|#0:dto|});
                }
            }
            """;

        [Fact]
        public Task Loaded_dto_whose_every_raw_member_is_overwritten_with_its_minimized_form_is_clean() => Run(Unmarked(
            OverwriteProgram.Replace("$PHONE", "dto.Phone = Privacy.Last4(dto.Phone);")));

        [Fact]
        public Task Loaded_dto_whose_phone_is_left_raw_after_the_email_is_overwritten_is_reported() => Run(
            OverwriteProgram.Replace("$PHONE", ""), Min001(0));

        private const string ReusedInstanceProgram = """
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    var dto = new PartnerDto();
                    foreach (Customer c in customers)
                    {
                        dto.CustomerId = c.Id;
                        dto.Email = $EMAIL;
                        Partner.UploadDto({|#0:dto|});
                    }
                }
            }
            """;

        [Fact]
        public Task One_dto_reused_across_a_loop_and_overwritten_with_a_hash_each_time_is_clean() => Run(Unmarked(
            ReusedInstanceProgram.Replace("$EMAIL", "Privacy.Hash(c.Email)")));

        [Fact]
        public Task Dto_overwritten_through_one_variable_is_clean_when_sent_through_its_alias() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    PartnerDto alias = dto;
                    dto.Email = Privacy.Hash(dto.Email);
                    Partner.UploadDto(alias);
                }
            }
            """);

        [Fact]
        public Task Alias_made_from_another_object_still_holds_the_raw_email_when_the_first_is_overwritten() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    var other = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    PartnerDto alias = other;
                    dto.Email = Privacy.Hash(dto.Email);
                    Partner.UploadDto(dto);
                    Partner.UploadDto({|#0:alias|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Raw_email_written_through_an_alias_after_the_overwrite_is_reported_through_the_first_variable() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    PartnerDto alias = dto;
                    dto.Email = Privacy.Hash(dto.Email);
                    alias.Email = c.Email;
                    Partner.UploadDto({|#0:dto|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Raw_email_written_into_an_object_after_an_alias_was_made_is_reported_through_the_alias() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id };
                    PartnerDto alias = dto;
                    dto.Email = c.Email;
                    Partner.UploadDto({|#0:alias|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Alias_of_an_object_whose_variable_is_then_given_a_new_object_keeps_the_raw_email() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    PartnerDto alias = dto;
                    dto = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    dto.Email = Privacy.Hash(dto.Email);
                    Partner.UploadDto(dto);
                    Partner.UploadDto({|#0:alias|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Alias_made_on_one_branch_only_keeps_the_raw_email_of_the_object_it_may_name() => Run("""
            internal static class Export
            {
                public static void Run(Customer c, bool first)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    var spare = new PartnerDto { CustomerId = c.Id, Email = c.Email };
                    PartnerDto alias = spare;
                    if (first)
                    {
                        alias = dto;
                    }

                    dto.Email = Privacy.Hash(dto.Email);
                    Partner.UploadDto({|#0:alias|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Struct_copied_before_its_email_is_overwritten_still_holds_the_raw_email() => Run("""
            internal struct ContactRow
            {
                public Guid Id;
                public string Email;
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var row = new ContactRow { Id = c.Id, Email = c.Email };
                    ContactRow snapshot = row;
                    row.Email = Privacy.Hash(row.Email);
                    Partner.UploadDto(row);
                    Partner.UploadDto({|#0:snapshot|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Dto_scrubbed_in_place_by_a_helper_before_it_is_sent_is_clean() => Run("""
            internal static class Export
            {
                private static void Scrub(PartnerDto dto)
                {
                    dto.Email = Privacy.Hash(dto.Email);
                    dto.Phone = Privacy.Last4(dto.Phone);
                }

                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Email = c.Email, Phone = c.Phone };
                    Scrub(dto);
                    Partner.UploadDto(dto);
                }
            }
            """);

        // =====================================================================================================
        // 9. Scalar members of identity-carrying containers (Reading 11).
        // =====================================================================================================

        private const string ScalarProgram = """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var dto = new PartnerDto { CustomerId = c.Id, Tier = c.Tier, Email = c.Email, SignedUpAt = $SIGNED };
                    Partner.UploadId(dto.CustomerId);
                    Partner.UploadNumber(dto.Tier);
                    Partner.UploadTime({|#0:dto.SignedUpAt|});
                }
            }
            """;

        [Fact]
        public Task Date_member_written_from_an_unmarked_member_of_the_customer_is_reported_and_its_scalar_neighbours_are_not() => Run(
            ScalarProgram.Replace("$SIGNED", "c.SignedUpAt"), Min001(0));

        private const string RoundTripProgram = """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string json = JsonSerializer.Serialize(new PartnerDto { CustomerId = c.Id, Tier = c.Tier, Email = c.Email });
                    PartnerDto back = JsonSerializer.Deserialize<PartnerDto>(json)!;
                    Partner.UploadId(back.CustomerId);
                    Partner.UploadNumber(back.Tier);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Dto_deserialized_from_json_holding_the_email_is_reported_when_sent_whole() => Run(
            RoundTripProgram.Replace("$SEND", "Partner.UploadDto({|#0:back|});"), Min001(0));

    }
}
