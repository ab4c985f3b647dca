using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings, Reading 11 above all): object graphs and value semantics. Entity models with navigation properties
    /// (<c>customer.Orders[0].ShippingAddress.Street</c>, <c>order.Customer?.Email</c>, totals over child collections),
    /// aggregates loaded by a repository and partially exported, shallow and deep copies (copy constructors, own
    /// <c>Clone</c> methods, <c>MemberwiseClone</c>, records and <c>with</c>), structs copied by value (a scrubbed copy
    /// leaves the original raw; <c>ref</c> and returned structs; readonly structs; struct fields of classes), members
    /// overwritten in place with minimized values before export versus on a copy only, entity inheritance with identity
    /// declared in the base, owned value objects (an identity-bearing <c>Address</c> class and <c>PhoneNumber</c> record
    /// struct), and serialization of a whole aggregate versus a DTO built from scalar members. Every reported case has at
    /// least one near-miss twin that must stay clean. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutObjectGraphTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>
        /// The model every program shares. <c>Person</c> is identity-bearing (so are <c>Customer</c> and <c>Employee</c>), with
        /// its non-identifying members marked; <c>Address</c> and <c>PhoneNumber</c> are identity-bearing value objects;
        /// <c>Order</c>, <c>OrderLine</c> and <c>Invoice</c> are plain entities that only hold identity through their members.
        /// </summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using Minimization;

            [IdentityBearing]
            internal abstract class Person
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public DateTime CreatedAt { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.DateOfBirth)] public DateTime BirthDate { get; set; }
                public PhoneNumber Mobile { get; set; }
            }

            internal sealed class Customer : Person
            {
                [NonIdentifying] public int LoyaltyPoints { get; set; }
                [NonIdentifying] public string Segment { get; set; } = "";
                public List<Order> Orders { get; set; } = new List<Order>();
                public List<Address> Addresses { get; } = new List<Address>();
            }

            internal sealed class Employee : Person
            {
                [NonIdentifying] public string Department { get; set; } = "";
                [NonIdentifying] public int Grade { get; set; }
                public string BadgeNumber { get; set; } = "";
            }

            [IdentityBearing(IdentityCategory.Address)]
            internal sealed class Address
            {
                public string Street { get; set; } = "";
                public string City { get; set; } = "";
                [IdentityBearing(IdentityCategory.PostalCode)] public string PostalCode { get; set; } = "";
                [NonIdentifying] public string CountryCode { get; set; } = "";
            }

            [IdentityBearing(IdentityCategory.Phone)]
            internal readonly record struct PhoneNumber([property: NonIdentifying] string CountryCode, string Number);

            internal sealed class Order
            {
                public Guid OrderId { get; set; }
                public DateTime PlacedAt { get; set; }
                public decimal Total { get; set; }
                public string Status { get; set; } = "";
                public Customer? Customer { get; set; }
                public Address ShippingAddress { get; set; } = new Address();
                public List<OrderLine> Lines { get; } = new List<OrderLine>();
            }

            internal sealed class OrderLine
            {
                public string Sku { get; set; } = "";
                public int Quantity { get; set; }
                public decimal Amount { get; set; }
            }

            internal sealed class Invoice
            {
                public Guid InvoiceId { get; set; }
                public DateTime IssuedAt { get; set; }
                public Customer BillTo { get; set; } = null!;
                public List<OrderLine> Lines { get; } = new List<OrderLine>();
            }

            internal sealed class CustomerRepository
            {
                private readonly Dictionary<Guid, Customer> _customers = new Dictionary<Guid, Customer>();

                public void Save(Customer customer) => _customers[customer.Id] = customer;

                public Customer Load(Guid id) => _customers[id];
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

                [Minimizer]
                public static DateTime Year(DateTime value)
                {
                    return new DateTime(value.Year, 1, 1);
                }
            }

            """;

        // =====================================================================================================
        // 1. Navigation paths through the entity graph.
        // =====================================================================================================

        private const string NavigationProgram = """
            internal static class Export
            {
                public static void Run(Customer customer)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Street_of_the_shipping_address_of_a_customers_first_order_is_reported() => Run(
            NavigationProgram.Replace("$SEND", "Partner.Upload({|#0:customer.Orders[0].ShippingAddress.Street|});"), Min001(0));

        [Fact]
        public Task Non_identifying_country_code_of_the_same_shipping_address_is_clean() => Run(
            NavigationProgram.Replace("$SEND", "Partner.Upload(customer.Orders[0].ShippingAddress.CountryCode);"));

        [Fact]
        public Task Placed_at_date_of_a_customers_first_order_is_clean() => Run(
            NavigationProgram.Replace("$SEND", "Partner.UploadTime(customer.Orders[0].PlacedAt);"));

        [Fact]
        public Task Postal_codes_of_every_order_joined_into_one_string_are_reported() => Run(
            NavigationProgram.Replace("$SEND", """Partner.Upload({|#0:string.Join(",", customer.Orders.Select(o => o.ShippingAddress.PostalCode))|});"""), Min001(0));

        [Fact]
        public Task Country_codes_of_every_order_joined_into_one_string_are_clean() => Run(
            NavigationProgram.Replace("$SEND", """Partner.Upload(string.Join(",", customer.Orders.Select(o => o.ShippingAddress.CountryCode).Distinct()));"""));

        [Fact]
        public Task Total_spent_summed_over_the_customers_orders_is_clean() => Run(
            NavigationProgram.Replace("$SEND", "Partner.UploadNumber(customer.Orders.Sum(o => o.Total));"));

        [Fact]
        public Task Latest_order_date_over_the_customers_orders_is_clean() => Run(
            NavigationProgram.Replace("$SEND", "Partner.UploadTime(customer.Orders.Max(o => o.PlacedAt));"));

        [Fact]
        public Task Units_summed_over_every_line_of_every_order_are_clean() => Run(
            NavigationProgram.Replace("$SEND", "Partner.UploadNumber(customer.Orders.SelectMany(o => o.Lines).Sum(l => l.Quantity));"));

        [Fact]
        public Task String_status_of_an_order_read_through_an_identity_bearing_customer_is_reported() => Run(
            NavigationProgram.Replace("$SEND", "Partner.Upload({|#0:customer.Orders[0].Status|});"), Min001(0));

        [Fact]
        public Task Cities_of_the_customers_address_list_are_reported() => Run(
            NavigationProgram.Replace("$SEND", """Partner.Upload({|#0:string.Join(";", customer.Addresses.Select(a => a.City))|});"""), Min001(0));

        private const string OrderNavigationProgram = """
            internal static class Export
            {
                public static void Run(Order order)
                {
                    Partner.UploadId(order.OrderId);
                    Partner.UploadNumber(order.Total);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Email_of_the_customer_an_order_navigates_to_is_reported() => Run(
            OrderNavigationProgram.Replace("$SEND", "Partner.Upload({|#0:order.Customer!.Email|});"), Min001(0));

        [Fact]
        public Task Non_identifying_id_of_the_customer_an_order_navigates_to_is_clean() => Run(
            OrderNavigationProgram.Replace("$SEND", "Partner.UploadId(order.Customer!.Id);"));

        [Fact]
        public Task Email_through_a_nullable_customer_navigation_with_a_fallback_is_reported() => Run(
            OrderNavigationProgram.Replace("$SEND", """Partner.Upload({|#0:order.Customer?.Email ?? "unknown"|});"""), Min001(0));

        [Fact]
        public Task Non_identifying_segment_through_a_nullable_customer_navigation_is_clean() => Run(
            OrderNavigationProgram.Replace("$SEND", """Partner.Upload(order.Customer?.Segment ?? "unknown");"""));

        [Fact]
        public Task Street_of_the_first_address_through_two_nullable_navigations_is_reported() => Run(
            OrderNavigationProgram.Replace("$SEND", """Partner.Upload({|#0:order.Customer?.Addresses.FirstOrDefault()?.Street ?? ""|});"""), Min001(0));

        [Fact]
        public Task Country_code_of_the_first_address_through_two_nullable_navigations_is_clean() => Run(
            OrderNavigationProgram.Replace("$SEND", """Partner.Upload(order.Customer?.Addresses.FirstOrDefault()?.CountryCode ?? "");"""));

        [Fact]
        public Task Full_name_of_the_navigated_customer_assigned_to_a_partner_property_is_reported_at_the_assigned_value() => Run(
            OrderNavigationProgram.Replace("$SEND", """
                PartnerPayload payload = new PartnerPayload();
                payload.Contact = {|#0:order.Customer!.FullName|};
                """), Min001(0));

        [Fact]
        public Task Hashed_full_name_of_the_navigated_customer_assigned_to_a_partner_property_is_clean() => Run(
            OrderNavigationProgram.Replace("$SEND", """
                PartnerPayload payload = new PartnerPayload();
                payload.Contact = Privacy.Hash(order.Customer!.FullName);
                """));

        private const string InvoiceProgram = """
            internal static class Billing
            {
                public static void Notify(Invoice invoice)
                {
                    Partner.UploadNumber(invoice.Lines.Sum(l => l.Amount));
                    Partner.Upload($"{invoice.InvoiceId}: {invoice.Lines.Count} lines issued {invoice.IssuedAt:yyyy-MM-dd}$EXTRA");
                }
            }
            """;

        [Fact]
        public Task Invoice_note_interpolating_the_bill_to_name_is_reported() => Run(
            InvoiceProgram.Replace("Partner.Upload($", "Partner.Upload({|#0:$").Replace("$EXTRA\");", " for {invoice.BillTo.FullName}\"|});"), Min001(0));

        [Fact]
        public Task Invoice_note_with_line_count_total_and_date_only_is_clean() => Run(
            InvoiceProgram.Replace("$EXTRA", " in segment {invoice.BillTo.Segment}"));

        // =====================================================================================================
        // 2. Scalar and identity-bearing members of an identity-bearing entity; inheritance from Person.
        // =====================================================================================================

        [Fact]
        public Task Birth_date_is_a_scalar_but_annotated_and_is_reported() => Run(
            NavigationProgram.Replace("$SEND", "Partner.UploadTime({|#0:customer.BirthDate|});"), Min001(0));

        [Fact]
        public Task Birth_year_through_a_minimizer_and_the_non_identifying_creation_date_are_clean() => Run(
            NavigationProgram.Replace("$SEND", """
                Partner.UploadTime(Privacy.Year(customer.BirthDate));
                Partner.UploadTime(customer.CreatedAt);
                Partner.UploadNumber(customer.LoyaltyPoints);
                """));

        private const string EmployeeProgram = """
            internal static class HrExport
            {
                public static void Run(Employee employee)
                {
                    Partner.Upload(employee.Department);
                    Partner.UploadNumber(employee.Grade);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Email_declared_in_the_person_base_read_from_an_employee_is_reported() => Run(
            EmployeeProgram.Replace("$SEND", "Partner.Upload({|#0:employee.Email|});"), Min001(0));

        [Fact]
        public Task Unmarked_badge_number_of_an_employee_is_reported_because_the_base_type_is_identity_bearing() => Run(
            EmployeeProgram.Replace("$SEND", "Partner.Upload({|#0:employee.BadgeNumber|});"), Min001(0));

        [Fact]
        public Task Hashed_badge_number_and_non_identifying_department_of_an_employee_are_clean() => Run(
            EmployeeProgram.Replace("$SEND", "Partner.Upload(Privacy.Hash(employee.BadgeNumber));"));

        private const string PersonCalleeProgram = """
            internal static class PeopleDirectory
            {
                public static void Publish(Person person)
                {
                    $SEND
                }

                public static void Run(Customer customer, Employee employee)
                {
                    Publish(customer);
                    Publish(employee);
                }
            }
            """;

        [Fact]
        public Task Full_name_of_a_person_parameter_is_reported_inside_the_callee_once() => Run(
            PersonCalleeProgram.Replace("$SEND", "Partner.Upload({|#0:person.FullName|});"), Min001(0));

        [Fact]
        public Task Non_identifying_id_of_a_person_parameter_is_clean_for_customers_and_employees() => Run(
            PersonCalleeProgram.Replace("$SEND", "Partner.UploadId(person.Id);"));

        private const string PeopleProgram = """
            internal static class Roster
            {
                public static void Run(IEnumerable<Customer> customers, IEnumerable<Employee> employees)
                {
                    List<Person> people = new List<Person>();
                    people.AddRange(customers);
                    people.AddRange(employees);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Emails_of_a_mixed_list_of_customers_and_employees_are_reported() => Run(
            PeopleProgram.Replace("$SEND", """Partner.Upload({|#0:string.Join(",", people.Select(p => p.Email))|});"""), Min001(0));

        [Fact]
        public Task Departments_of_the_employees_in_a_mixed_list_are_clean() => Run(
            PeopleProgram.Replace("$SEND", """Partner.Upload(string.Join(",", people.OfType<Employee>().Select(e => e.Department)));"""));

        // =====================================================================================================
        // 3. Owned value objects: the PhoneNumber record struct.
        // =====================================================================================================

        [Fact]
        public Task Number_of_the_customers_phone_value_object_is_reported() => Run(
            NavigationProgram.Replace("$SEND", "Partner.Upload({|#0:customer.Mobile.Number|});"), Min001(0));

        [Fact]
        public Task Non_identifying_country_code_and_last_four_digits_of_the_phone_value_object_are_clean() => Run(
            NavigationProgram.Replace("$SEND", """
                Partner.Upload(customer.Mobile.CountryCode);
                Partner.Upload(Privacy.Last4(customer.Mobile.Number));
                """));

        [Fact]
        public Task Phone_value_object_masked_with_with_is_still_of_an_identity_bearing_type_and_is_reported() => Run(
            NavigationProgram.Replace("$SEND", """
                PhoneNumber masked = customer.Mobile with { Number = Privacy.Last4(customer.Mobile.Number) };
                Partner.UploadDto({|#0:masked|});
                """), Min001(0));

        [Fact]
        public Task Number_member_of_a_phone_value_object_masked_with_with_is_read_back_from_an_identity_bearing_type_and_is_reported() => Run(
            NavigationProgram.Replace("$SEND", """
                PhoneNumber masked = customer.Mobile with { Number = Privacy.Last4(customer.Mobile.Number) };
                Partner.Upload(masked.CountryCode);
                Partner.Upload({|#0:masked.Number|});
                """), Min001(0));

        // =====================================================================================================
        // 4. Aggregates loaded by a repository and partially exported.
        // =====================================================================================================

        private const string AggregateProgram = """
            internal sealed class AggregateExport
            {
                public Guid CustomerId { get; set; }
                public string EmailToken { get; set; } = "";
                public DateTime LastOrderAt { get; set; }
                public decimal Spent { get; set; }
                public List<string> ShippingStreets { get; set; } = new List<string>();
            }

            internal sealed class ExportJob
            {
                private readonly CustomerRepository _repository;

                public ExportJob(CustomerRepository repository) { _repository = repository; }

                private AggregateExport Build(Guid id)
                {
                    Customer customer = _repository.Load(id);
                    return new AggregateExport
                    {
                        CustomerId = customer.Id,
                        EmailToken = Privacy.Hash(customer.Email),
                        LastOrderAt = customer.Orders.Max(o => o.PlacedAt),
                        Spent = customer.Orders.Sum(o => o.Total),
                        ShippingStreets = customer.Orders.Select(o => $STREET).ToList(),
                    };
                }

                public void Run(Guid id)
                {
                    AggregateExport export = Build(id);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Aggregate_export_minimizing_the_email_but_copying_raw_shipping_streets_is_reported_when_sent_whole() => Run(
            AggregateProgram.Replace("$STREET", "o.ShippingAddress.Street").Replace("$SEND", "Partner.UploadDto({|#0:export|});"), Min001(0));

        [Fact]
        public Task Aggregate_export_minimizing_the_email_and_the_shipping_streets_is_clean_when_sent_whole() => Run(
            AggregateProgram.Replace("$STREET", "Privacy.Hash(o.ShippingAddress.Street)").Replace("$SEND", "Partner.UploadDto(export);"));

        [Fact]
        public Task Raw_shipping_streets_member_of_a_partially_minimized_aggregate_export_is_reported() => Run(
            AggregateProgram.Replace("$STREET", "o.ShippingAddress.Street").Replace("$SEND", """Partner.Upload({|#0:string.Join(";", export.ShippingStreets)|});"""), Min001(0));

        [Fact]
        public Task Email_token_and_scalar_members_of_a_partially_minimized_aggregate_export_are_clean() => Run(
            AggregateProgram.Replace("$STREET", "o.ShippingAddress.Street").Replace("$SEND", """
                Partner.Upload(export.EmailToken);
                Partner.UploadId(export.CustomerId);
                Partner.UploadNumber(export.Spent);
                Partner.UploadTime(export.LastOrderAt);
                """));

        // =====================================================================================================
        // 5. Serialization of the whole aggregate versus a DTO of scalar members.
        // =====================================================================================================

        private const string SerializeProgram = """
            internal sealed class OrderSummary
            {
                public Guid OrderId { get; set; }
                public decimal Total { get; set; }
                public DateTime PlacedAt { get; set; }
                public string Country { get; set; } = "";
            }

            internal static class Feed
            {
                public static void Run(Customer customer)
                {
                    Order order = new Order { OrderId = Guid.NewGuid(), PlacedAt = DateTime.UtcNow, Total = 12.5m, ShippingAddress = customer.Addresses[0] };
                    OrderSummary summary = new OrderSummary { OrderId = order.OrderId, Total = order.Total, PlacedAt = order.PlacedAt, Country = $COUNTRY };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Whole_customer_aggregate_serialized_to_json_is_reported() => Run(
            SerializeProgram.Replace("$COUNTRY", "order.ShippingAddress.CountryCode").Replace("$SEND", "Partner.Upload({|#0:JsonSerializer.Serialize(customer)|});"), Min001(0));

        [Fact]
        public Task Order_holding_the_customers_address_serialized_whole_is_reported() => Run(
            SerializeProgram.Replace("$COUNTRY", "order.ShippingAddress.CountryCode").Replace("$SEND", "Partner.Upload({|#0:JsonSerializer.Serialize(order)|});"), Min001(0));

        [Fact]
        public Task Summary_dto_of_scalar_members_and_the_country_code_serialized_is_clean() => Run(
            SerializeProgram.Replace("$COUNTRY", "order.ShippingAddress.CountryCode").Replace("$SEND", "Partner.Upload(JsonSerializer.Serialize(summary));"));

        [Fact]
        public Task Summary_dto_whose_country_member_holds_the_city_serialized_is_reported() => Run(
            SerializeProgram.Replace("$COUNTRY", "order.ShippingAddress.City").Replace("$SEND", "Partner.Upload({|#0:JsonSerializer.Serialize(summary)|});"), Min001(0));

        [Fact]
        public Task Anonymous_projection_of_the_customers_scalar_members_serialized_is_clean() => Run(
            SerializeProgram.Replace("$COUNTRY", "\"\"").Replace("$SEND", """
                Partner.Upload(JsonSerializer.Serialize(new
                {
                    customer.Id,
                    customer.LoyaltyPoints,
                    Spent = customer.Orders.Sum(o => o.Total),
                    LastOrder = customer.Orders.Max(o => o.PlacedAt),
                }));
                """));

        // =====================================================================================================
        // 6. An export graph (plain classes) overwritten in place versus on a copy; shallow and deep copies.
        // =====================================================================================================

        private const string ExportGraphTypes = """
            internal sealed class ExportLine
            {
                public ExportLine() { }

                public ExportLine(ExportLine other) { Street = other.Street; City = other.City; Floor = other.Floor; }

                public string Street { get; set; } = "";
                public string City { get; set; } = "";
                public int Floor { get; set; }
            }

            internal sealed class ExportCustomer
            {
                public ExportCustomer() { }

                public ExportCustomer(ExportCustomer other) { Id = other.Id; Email = other.Email; Points = other.Points; Home = other.Home; }

                public Guid Id { get; set; }
                public string Email { get; set; } = "";
                public int Points { get; set; }
                public ExportLine Home { get; set; } = new ExportLine();
                public List<ExportLine> Shipping { get; set; } = new List<ExportLine>();

                public ExportCustomer ShallowClone() => (ExportCustomer)MemberwiseClone();

                public ExportCustomer DeepCopy() => new ExportCustomer { Id = Id, Email = Email, Points = Points, Home = new ExportLine(Home) };
            }

            """;

        private const string OverwriteProgram = ExportGraphTypes + """
            internal static class Export
            {
                public static void Run(Customer customer)
                {
                    ExportCustomer export = new ExportCustomer
                    {
                        Id = customer.Id,
                        Email = customer.Email,
                        Points = customer.LoyaltyPoints,
                        Shipping = customer.Orders.Select(o => new ExportLine { Street = $STREET, Floor = 1 }).ToList(),
                    };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Export_whose_email_is_overwritten_in_place_but_whose_shipping_lines_are_raw_is_reported_when_sent_whole() => Run(
            OverwriteProgram.Replace("$STREET", "o.ShippingAddress.Street").Replace("$SEND", """
                export.Email = Privacy.Hash(export.Email);
                Partner.UploadDto({|#0:export|});
                """), Min001(0));

        [Fact]
        public Task Export_whose_email_is_overwritten_in_place_and_whose_shipping_lines_are_hashed_is_clean_when_sent_whole() => Run(
            OverwriteProgram.Replace("$STREET", "Privacy.Hash(o.ShippingAddress.Street)").Replace("$SEND", """
                export.Email = Privacy.Hash(export.Email);
                Partner.UploadDto(export);
                """));

        [Fact]
        public Task Email_member_overwritten_in_place_is_clean_beside_raw_shipping_lines() => Run(
            OverwriteProgram.Replace("$STREET", "o.ShippingAddress.Street").Replace("$SEND", """
                export.Email = Privacy.Hash(export.Email);
                Partner.Upload(export.Email);
                Partner.UploadNumber(export.Points);
                """));

        [Fact]
        public Task Street_of_a_raw_shipping_line_of_the_export_is_reported() => Run(
            OverwriteProgram.Replace("$STREET", "o.ShippingAddress.Street").Replace("$SEND", "Partner.Upload({|#0:export.Shipping[0].Street|});"), Min001(0));

        [Fact]
        public Task Floor_of_a_raw_shipping_line_of_the_export_is_clean() => Run(
            OverwriteProgram.Replace("$STREET", "o.ShippingAddress.Street").Replace("$SEND", "Partner.UploadNumber(export.Shipping[0].Floor);"));

        [Fact]
        public Task Original_is_reported_when_only_a_copy_made_by_the_copy_constructor_had_its_email_overwritten() => Run(
            OverwriteProgram.Replace("$STREET", "\"\"").Replace("$SEND", """
                ExportCustomer copy = new ExportCustomer(export);
                copy.Email = Privacy.Hash(copy.Email);
                Partner.Upload({|#0:export.Email|});
                """), Min001(0));

        [Fact]
        public Task Copy_made_by_the_copy_constructor_whose_email_was_overwritten_is_clean() => Run(
            OverwriteProgram.Replace("$STREET", "\"\"").Replace("$SEND", """
                ExportCustomer copy = new ExportCustomer(export);
                copy.Email = Privacy.Hash(copy.Email);
                Partner.Upload(copy.Email);
                """));

        [Fact]
        public Task Email_of_a_memberwise_shallow_clone_is_reported() => Run(
            OverwriteProgram.Replace("$STREET", "\"\"").Replace("$SEND", """
                ExportCustomer copy = export.ShallowClone();
                Partner.Upload({|#0:copy.Email|});
                """), Min001(0));

        [Fact]
        public Task Points_of_a_memberwise_shallow_clone_are_clean() => Run(
            OverwriteProgram.Replace("$STREET", "\"\"").Replace("$SEND", """
                ExportCustomer copy = export.ShallowClone();
                Partner.UploadNumber(copy.Points);
                Partner.UploadId(copy.Id);
                """));

        private const string DeepCopyProgram = ExportGraphTypes + """
            internal static class Export
            {
                public static void Run(Customer customer)
                {
                    ExportCustomer export = new ExportCustomer { Id = customer.Id, Email = Privacy.Hash(customer.Email) };
                    export.Home = new ExportLine { Street = $STREET, City = customer.Addresses[0].CountryCode, Floor = 2 };
                    ExportCustomer copy = export.DeepCopy();
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Street_copied_by_a_hand_written_deep_copy_is_reported() => Run(
            DeepCopyProgram.Replace("$STREET", "customer.Addresses[0].Street").Replace("$SEND", "Partner.Upload({|#0:copy.Home.Street|});"), Min001(0));

        [Fact]
        public Task Hashed_street_copied_by_a_hand_written_deep_copy_is_clean() => Run(
            DeepCopyProgram.Replace("$STREET", "Privacy.Hash(customer.Addresses[0].Street)").Replace("$SEND", "Partner.Upload(copy.Home.Street);"));

        [Fact]
        public Task Floor_and_hashed_email_of_a_deep_copy_whose_street_is_raw_are_clean() => Run(
            DeepCopyProgram.Replace("$STREET", "customer.Addresses[0].Street").Replace("$SEND", """
                Partner.UploadNumber(copy.Home.Floor);
                Partner.Upload(copy.Email);
                """));

        [Fact(Skip = "engine gap: expected no diagnostic (copy.Home.City was written from the non-identifying CountryCode; only Street is raw); reported MIN001 at copy.Home.City: Identity from Address.Street reaches partner sink Partner.Upload (partner \"acme\") without passing through a [Minimizer]: Address.Street → ExportLine.Street → ExportCustomer.Home → new ExportLine → ExportLine.City → ExportCustomer.Home → ExportCustomer.DeepCopy() → local 'copy' → ExportCustomer.Home → ExportLine.City → Partner.Upload")]
        public Task City_copied_from_a_country_code_by_a_deep_copy_whose_street_is_raw_is_clean() => Run(
            DeepCopyProgram.Replace("$STREET", "customer.Addresses[0].Street").Replace("$SEND", "Partner.Upload(copy.Home.City);"));

        [Fact]
        public Task Member_read_before_the_email_was_written_into_the_export_is_clean() => Run(
            ExportGraphTypes + NavigationProgram.Replace("$SEND", """
                ExportCustomer export = new ExportCustomer { Id = customer.Id };
                string before = export.Email;
                export.Email = customer.Email;
                Partner.Upload(before);
                """));

        [Fact]
        public Task Member_read_after_the_email_was_written_into_the_export_is_reported() => Run(
            ExportGraphTypes + NavigationProgram.Replace("$SEND", """
                ExportCustomer export = new ExportCustomer { Id = customer.Id };
                export.Email = customer.Email;
                string after = export.Email;
                Partner.Upload({|#0:after|});
                """), Min001(0));

        // =====================================================================================================
        // 7. Records and with.
        // =====================================================================================================

        private const string RecordProgram = """
            internal sealed record CustomerExport(Guid Id, string Email, string City, int Orders);

            internal static class Export
            {
                public static void Run(Customer customer)
                {
                    Address home = customer.Addresses[0];
                    CustomerExport export = new CustomerExport(customer.Id, customer.Email, home.City, customer.LoyaltyPoints);
                    CustomerExport safe = export with { $WITH };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Record_copy_with_only_the_city_replaced_still_holds_the_raw_email_and_is_reported() => Run(
            RecordProgram.Replace("$WITH", "City = home.CountryCode").Replace("$SEND", "Partner.UploadDto({|#0:safe|});"), Min001(0));

        [Fact]
        public Task Record_copy_with_the_email_hashed_and_the_city_replaced_is_clean() => Run(
            RecordProgram.Replace("$WITH", "Email = Privacy.Hash(export.Email), City = home.CountryCode").Replace("$SEND", "Partner.UploadDto(safe);"));

        [Fact]
        public Task Original_record_is_reported_after_a_minimized_copy_was_made_with_with() => Run(
            RecordProgram.Replace("$WITH", "Email = Privacy.Hash(export.Email), City = home.CountryCode").Replace("$SEND", "Partner.UploadDto({|#0:export|});"), Min001(0));

        [Fact]
        public Task Scalar_members_of_the_original_record_are_clean() => Run(
            RecordProgram.Replace("$WITH", "City = home.CountryCode").Replace("$SEND", """
                Partner.UploadId(export.Id);
                Partner.UploadNumber(export.Orders);
                Partner.Upload(safe.City);
                """));

        // =====================================================================================================
        // 8. Structs: value copies, ref, returned copies, readonly structs, struct fields of classes.
        // =====================================================================================================

        private const string StructProgram = """
            internal struct MailingLabel
            {
                public string Recipient;
                public string Street;
                public int Floor;
                public DateTime PrintedAt;
            }

            internal static class Labels
            {
                public static void ScrubCopy(MailingLabel label)
                {
                    label.Recipient = Privacy.Hash(label.Recipient);
                    label.Street = Privacy.Hash(label.Street);
                }

                public static void ScrubInPlace(ref MailingLabel label)
                {
                    label.Recipient = Privacy.Hash(label.Recipient);
                    label.Street = Privacy.Hash(label.Street);
                }

                public static MailingLabel Scrubbed(MailingLabel label)
                {
                    label.Recipient = Privacy.Hash(label.Recipient);
                    label.Street = Privacy.Hash(label.Street);
                    return label;
                }

                public static void Run(Customer customer)
                {
                    MailingLabel label = new MailingLabel { Recipient = customer.FullName, Street = customer.Addresses[0].Street, Floor = 3, PrintedAt = DateTime.UtcNow };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Original_struct_is_reported_after_only_its_local_copy_was_scrubbed() => Run(
            StructProgram.Replace("$SEND", """
                MailingLabel copy = label;
                copy.Recipient = Privacy.Hash(copy.Recipient);
                copy.Street = Privacy.Hash(copy.Street);
                Partner.UploadDto({|#0:label|});
                """), Min001(0));

        [Fact]
        public Task Local_struct_copy_whose_string_fields_were_scrubbed_is_clean() => Run(
            StructProgram.Replace("$SEND", """
                MailingLabel copy = label;
                copy.Recipient = Privacy.Hash(copy.Recipient);
                copy.Street = Privacy.Hash(copy.Street);
                Partner.UploadDto(copy);
                """));

        [Fact]
        public Task Street_field_of_the_original_struct_is_reported_after_its_copy_was_scrubbed() => Run(
            StructProgram.Replace("$SEND", """
                MailingLabel copy = label;
                copy.Street = Privacy.Hash(copy.Street);
                Partner.Upload(copy.Street);
                Partner.Upload({|#0:label.Street|});
                """), Min001(0));

        [Fact]
        public Task Scalar_fields_of_a_struct_holding_a_raw_street_are_clean() => Run(
            StructProgram.Replace("$SEND", """
                Partner.UploadNumber(label.Floor);
                Partner.UploadTime(label.PrintedAt);
                """));

        [Fact]
        public Task Struct_passed_by_value_to_a_scrubbing_method_is_still_raw_at_the_caller_and_is_reported() => Run(
            StructProgram.Replace("$SEND", """
                Labels.ScrubCopy(label);
                Partner.UploadDto({|#0:label|});
                """), Min001(0));

        [Fact]
        public Task Struct_passed_by_ref_to_a_scrubbing_method_is_clean_at_the_caller() => Run(
            StructProgram.Replace("$SEND", """
                Labels.ScrubInPlace(ref label);
                Partner.UploadDto(label);
                """));

        [Fact]
        public Task Struct_replaced_by_the_scrubbed_copy_a_method_returns_is_clean() => Run(
            StructProgram.Replace("$SEND", """
                label = Labels.Scrubbed(label);
                Partner.UploadDto(label);
                """));

        private const string ReadonlyStructProgram = """
            internal readonly struct ContactPoint
            {
                public ContactPoint(string email, int visits) { Email = email; Visits = visits; }

                public string Email { get; }
                public int Visits { get; }

                public ContactPoint WithEmail(string email) => new ContactPoint(email, Visits);
            }

            internal static class Export
            {
                public static void Run(Customer customer)
                {
                    ContactPoint contact = new ContactPoint(customer.Email, 3);
                    ContactPoint masked = contact.WithEmail(Privacy.Hash(contact.Email));
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Readonly_struct_original_still_holds_the_raw_email_after_a_masked_copy_was_made() => Run(
            ReadonlyStructProgram.Replace("$SEND", "Partner.Upload({|#0:contact.Email|});"), Min001(0));

        [Fact]
        public Task Readonly_struct_masked_copy_is_clean_member_and_whole() => Run(
            ReadonlyStructProgram.Replace("$SEND", """
                Partner.Upload(masked.Email);
                Partner.UploadDto(masked);
                Partner.UploadNumber(contact.Visits);
                """));

        private const string StructFieldProgram = """
            internal struct Label
            {
                public string Street;
                public int Floor;
            }

            internal sealed class Shipment
            {
                public Guid Id;
                public Label Label;
            }

            internal static class Dispatch
            {
                public static void Run(Customer customer)
                {
                    Shipment shipment = new Shipment { Id = Guid.NewGuid() };
                    shipment.Label.Street = customer.Addresses[0].Street;
                    shipment.Label.Floor = 4;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Struct_field_of_a_class_scrubbed_through_a_local_copy_only_is_reported() => Run(
            StructFieldProgram.Replace("$SEND", """
                Label label = shipment.Label;
                label.Street = Privacy.Hash(label.Street);
                Partner.Upload({|#0:shipment.Label.Street|});
                """), Min001(0));

        [Fact]
        public Task Struct_field_of_a_class_scrubbed_in_place_is_clean() => Run(
            StructFieldProgram.Replace("$SEND", """
                shipment.Label.Street = Privacy.Hash(shipment.Label.Street);
                Partner.Upload(shipment.Label.Street);
                Partner.UploadDto(shipment);
                """));

        [Fact]
        public Task Id_and_floor_of_a_shipment_whose_label_holds_a_raw_street_are_clean() => Run(
            StructFieldProgram.Replace("$SEND", """
                Partner.UploadId(shipment.Id);
                Partner.UploadNumber(shipment.Label.Floor);
                """));

        [Fact]
        public Task Shipment_whose_struct_label_holds_a_raw_street_is_reported_when_sent_whole() => Run(
            StructFieldProgram.Replace("$SEND", "Partner.UploadDto({|#0:shipment|});"), Min001(0));
    }
}
