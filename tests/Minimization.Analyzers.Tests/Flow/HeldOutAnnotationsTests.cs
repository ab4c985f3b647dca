using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, their targets and arguments,
    /// "How identity travels", MIN001 and the Readings, plus the configuration keys of docs/configuration.md): the annotation
    /// semantics themselves, in realistic domain code. Every way a team can declare a source (<c>[IdentityBearing]</c> on a
    /// class, a record, a struct, an interface, a base class, a nested type, a partial class, a property or field with each
    /// well-known category, a static field, a collection-typed member, a parameter, a return value, an interface method's
    /// return value), a non-identifying member (clean alone, while the whole object is reported; the value's own
    /// identity-bearing type wins), a sink (<c>[PartnerShare]</c> on static, instance, interface, abstract, extension and async
    /// methods, on a parameter, a constructor parameter, a record's positional parameter, a settable and an init-only
    /// property, an interface property implemented by a class, a partial method; receivers never sinks; a hiding <c>new</c>
    /// method is not an override) and a minimizer (static, instance, extension, generic, async, on an injected interface's
    /// method or on the implementation it dispatches to, returning a DTO, taking two arguments; a minimized
    /// value combined with a raw one afterwards; overwrites), generics constrained to an identity-bearing interface
    /// (Reading 7), <c>ToString()</c> overrides and a record's synthesized one (Reading 8), and the <c>minimization.minimizers</c>,
    /// <c>clean_methods</c> and <c>propagators</c> options. Every reported case has a near-miss twin that must stay clean.
    /// Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutAnnotationsTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static async Task RunWithConfig(string program, string globalConfig, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = Complete(program) };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>What every program shares: the customer, the ad network's sinks and the privacy team's minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Net;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal sealed class Customer
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public string Tier { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [IdentityBearing(IdentityCategory.PostalCode)] public string PostalCode { get; set; } = "";
                [IdentityBearing(IdentityCategory.DateOfBirth)] public DateTime DateOfBirth { get; set; }
            }

            internal static class AdNetwork
            {
                [PartnerShare("adcorp")] public static void Track(string value) { }
                [PartnerShare("adcorp")] public static void TrackObject(object? payload) { }
                [PartnerShare("adcorp")] public static void TrackNumber(double value) { }
                [PartnerShare("adcorp")] public static void TrackTime(DateTime at) { }
            }

            internal static class Privacy
            {
                private static readonly byte[] Key = Encoding.UTF8.GetBytes("rotating-key-2024");

                [Minimizer]
                public static string Pseudonym(string value) => Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));

                [Minimizer]
                public static string Last4(string phone) => phone.Length > 4 ? phone.Substring(phone.Length - 4) : phone;

                [Minimizer]
                public static DateTime Day(DateTime at) => at.Date;
            }

            """;

        // =====================================================================================================
        // 1. [IdentityBearing] on a type: a class, a record, a struct, an interface, a base class.
        // =====================================================================================================

        private const string ClassProgram = """
            [IdentityBearing]
            internal sealed class Subscriber
            {
                public string Msisdn { get; set; } = "";
                public string PlanName { get; set; } = "";
                [NonIdentifying] public int PlanCode { get; set; }
                [NonIdentifying] public DateTime RenewsOn { get; set; }
            }

            internal sealed class Plan
            {
                public string PlanName { get; set; } = "";
                public int PlanCode { get; set; }
            }

            internal static class SubscriberReport
            {
                public static void Send(Subscriber subscriber, Plan plan)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Whole_object_of_an_identity_bearing_class_is_reported() => Run(
            ClassProgram.Replace("$SEND", "AdNetwork.TrackObject({|#0:subscriber|});"), Min001(0));

        [Fact]
        public Task Unannotated_member_of_an_identity_bearing_class_is_reported() => Run(
            ClassProgram.Replace("$SEND", "AdNetwork.Track({|#0:subscriber.PlanName|});"), Min001(0));

        [Fact]
        public Task Non_identifying_members_of_an_identity_bearing_class_sent_alone_are_clean() => Run(
            ClassProgram.Replace("$SEND", """
                AdNetwork.TrackNumber(subscriber.PlanCode);
                AdNetwork.TrackTime(subscriber.RenewsOn);
                AdNetwork.Track(Privacy.Pseudonym(subscriber.Msisdn));
                """));

        [Fact]
        public Task Unannotated_lookalike_class_with_the_same_members_is_clean() => Run(
            ClassProgram.Replace("$SEND", """
                AdNetwork.TrackObject(plan);
                AdNetwork.Track(plan.PlanName);
                """));

        private const string RecordProgram = """
            [IdentityBearing(IdentityCategory.Name)]
            internal sealed record Patient(string FullName, string Ward, [property: NonIdentifying] int BedNumber);

            internal sealed record WardOccupancy(string Ward, int Beds, int Occupied);

            internal static class ClinicFeed
            {
                public static void Publish(Patient patient, WardOccupancy occupancy)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Positional_member_of_an_identity_bearing_record_is_reported() => Run(
            RecordProgram.Replace("$SEND", "AdNetwork.Track({|#0:patient.Ward|});"), Min001(0));

        [Fact]
        public Task Synthesized_ToString_of_an_identity_bearing_record_is_reported() => Run(
            RecordProgram.Replace("$SEND", """
                AdNetwork.Track({|#0:patient.ToString()|});
                AdNetwork.Track({|#1:$"admitted: {patient}"|});
                """), Min001(0), Min001(1));

        [Fact]
        public Task Copy_of_an_identity_bearing_record_made_with_with_is_reported() => Run(
            RecordProgram.Replace("$SEND", "AdNetwork.TrackObject({|#0:patient with { BedNumber = 0 }|});"), Min001(0));

        [Fact]
        public Task Non_identifying_record_member_and_an_unannotated_record_with_its_ToString_are_clean() => Run(
            RecordProgram.Replace("$SEND", """
                AdNetwork.TrackNumber(patient.BedNumber);
                AdNetwork.Track(occupancy.ToString());
                AdNetwork.TrackObject(occupancy);
                AdNetwork.Track($"{occupancy.Ward}: {occupancy.Occupied}/{occupancy.Beds}");
                """));

        private const string StructProgram = """
            [IdentityBearing(IdentityCategory.Geo)]
            internal readonly struct GeoFix
            {
                public GeoFix(double latitude, double longitude, float accuracy)
                {
                    Latitude = latitude;
                    Longitude = longitude;
                    AccuracyMeters = accuracy;
                }

                public double Latitude { get; }
                public double Longitude { get; }
                [NonIdentifying] public float AccuracyMeters { get; }
            }

            internal static class FleetTelemetry
            {
                public static void Report(GeoFix fix)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Scalar_member_of_an_identity_bearing_struct_is_reported() => Run(
            StructProgram.Replace("$SEND", "AdNetwork.TrackNumber({|#0:fix.Latitude|});"), Min001(0));

        [Fact]
        public Task Identity_bearing_struct_boxed_to_object_is_reported() => Run(
            StructProgram.Replace("$SEND", "AdNetwork.TrackObject({|#0:fix|});"), Min001(0));

        [Fact]
        public Task Non_identifying_accuracy_of_an_identity_bearing_struct_is_clean() => Run(
            StructProgram.Replace("$SEND", "AdNetwork.TrackNumber(fix.AccuracyMeters);"));

        private const string InterfaceProgram = """
            [IdentityBearing(IdentityCategory.Email)]
            internal interface IContactable
            {
                string ReachAt { get; }
                [NonIdentifying] int Priority { get; }
            }

            internal sealed class Lead : IContactable
            {
                public string ReachAt { get; set; } = "";
                public string Campaign { get; set; } = "";
                [NonIdentifying] public int Priority { get; set; }
                [NonIdentifying] public int Score { get; set; }
            }

            internal sealed class Vendor
            {
                public string ReachAt { get; set; } = "";
                public string Campaign { get; set; } = "";
                public int Priority { get; set; }
            }

            internal static class LeadExport
            {
                public static void Export(Lead lead, Vendor vendor)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Class_implementing_an_identity_bearing_interface_sent_whole_is_reported() => Run(
            InterfaceProgram.Replace("$SEND", "AdNetwork.TrackObject({|#0:lead|});"), Min001(0));

        [Fact]
        public Task Member_declared_only_on_the_implementing_class_is_reported() => Run(
            InterfaceProgram.Replace("$SEND", "AdNetwork.Track({|#0:lead.Campaign|});"), Min001(0));

        [Fact]
        public Task Member_read_through_the_identity_bearing_interface_is_reported() => Run(
            InterfaceProgram.Replace("$SEND", """
                IContactable contact = lead;
                AdNetwork.Track({|#0:contact.ReachAt|});
                """), Min001(0));

        [Fact]
        public Task Non_identifying_members_of_the_implementing_class_are_clean() => Run(
            InterfaceProgram.Replace("$SEND", """
                AdNetwork.TrackNumber(lead.Score);
                AdNetwork.TrackNumber(lead.Priority);
                IContactable contact = lead;
                AdNetwork.TrackNumber(contact.Priority);
                """));

        [Fact]
        public Task Lookalike_class_that_does_not_implement_the_interface_is_clean() => Run(
            InterfaceProgram.Replace("$SEND", """
                AdNetwork.TrackObject(vendor);
                AdNetwork.Track(vendor.ReachAt);
                AdNetwork.Track(vendor.Campaign);
                """));

        private const string BaseClassProgram = """
            [IdentityBearing]
            internal abstract class Party
            {
                public string DisplayName { get; set; } = "";
            }

            internal sealed class Courier : Party
            {
                public string VehiclePlate { get; set; } = "";
                [NonIdentifying] public int ActiveJobs { get; set; }
            }

            internal sealed class Depot
            {
                public string DisplayName { get; set; } = "";
                public int ActiveJobs { get; set; }
            }

            internal static class Dispatch
            {
                public static void Share(Courier courier, Depot depot)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Derived_class_of_an_identity_bearing_base_sent_whole_is_reported() => Run(
            BaseClassProgram.Replace("$SEND", "AdNetwork.TrackObject({|#0:courier|});"), Min001(0));

        [Fact]
        public Task Own_and_inherited_members_of_a_derived_class_are_reported() => Run(
            BaseClassProgram.Replace("$SEND", """
                AdNetwork.Track({|#0:courier.VehiclePlate|});
                AdNetwork.Track({|#1:courier.DisplayName|});
                """), Min001(0), Min001(1));

        [Fact]
        public Task Non_identifying_member_of_a_derived_class_and_an_unrelated_class_are_clean() => Run(
            BaseClassProgram.Replace("$SEND", """
                AdNetwork.TrackNumber(courier.ActiveJobs);
                AdNetwork.TrackObject(depot);
                AdNetwork.Track(depot.DisplayName);
                """));

        private const string TypeWinsProgram = """
            [IdentityBearing]
            internal sealed class Doctor
            {
                public string LicenceNumber { get; set; } = "";
            }

            [IdentityBearing]
            internal sealed class Visit
            {
                [NonIdentifying] public Doctor Attending { get; set; } = new Doctor();
                [NonIdentifying] public int DurationMinutes { get; set; }
                [NonIdentifying] public string Specialty { get; set; } = "";
            }

            internal static class VisitStats
            {
                public static void Publish(Visit visit)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Non_identifying_member_whose_own_type_is_identity_bearing_is_reported() => Run(
            TypeWinsProgram.Replace("$SEND", """
                AdNetwork.TrackObject({|#0:visit.Attending|});
                AdNetwork.Track({|#1:visit.Attending.LicenceNumber|});
                """), Min001(0), Min001(1));

        [Fact]
        public Task Non_identifying_scalar_and_string_members_beside_it_are_clean() => Run(
            TypeWinsProgram.Replace("$SEND", """
                AdNetwork.TrackNumber(visit.DurationMinutes);
                AdNetwork.Track(visit.Specialty);
                """));

        // =====================================================================================================
        // 2. [IdentityBearing] on members: every well-known category, an opaque one, none; static fields,
        //    collections, nested types.
        // =====================================================================================================

        private const string DeviceProgram = """
            internal sealed class DeviceRegistration
            {
                [IdentityBearing(IdentityCategory.Phone)] public string Msisdn { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string OwnerEmail { get; set; } = "";
                [IdentityBearing(IdentityCategory.IpAddress)] public IPAddress LastIp { get; set; } = IPAddress.None;
                [IdentityBearing(IdentityCategory.Name)] public string OwnerName = "";
                [IdentityBearing(IdentityCategory.Sin)] public string OwnerSin = "";
                [IdentityBearing(IdentityCategory.PostalCode)] public string BillingPostalCode { get; set; } = "";
                [IdentityBearing(IdentityCategory.DateOfBirth)] public DateOnly OwnerBirthDate { get; set; }
                [IdentityBearing(IdentityCategory.Timestamp)] public DateTime ActivatedAt { get; set; }
                [IdentityBearing(IdentityCategory.Geo)] public double HomeLatitude;
                [IdentityBearing(IdentityCategory.CellTower)] public int ServingCellId { get; set; }
                [IdentityBearing(IdentityCategory.Imei)] public string Imei { get; set; } = "";
                [IdentityBearing(IdentityCategory.Imsi)] public string Imsi { get; set; } = "";
                [IdentityBearing(IdentityCategory.Mac)] public byte[] WifiMac { get; set; } = Array.Empty<byte>();
                [IdentityBearing(IdentityCategory.Address)] public string ServiceAddress { get; set; } = "";
                [IdentityBearing(IdentityCategory.AccountId)] public long BillingAccount { get; set; }
                [IdentityBearing("loyalty-card")] public string LoyaltyCard { get; set; } = "";
                [IdentityBearing] public string Nickname { get; set; } = "";

                public string Model { get; set; } = "";
                public int FirmwareBuild { get; set; }
                public DateTime LastSyncedAt { get; set; }
                public double BatteryLevel;
            }

            internal static class DeviceAnalytics
            {
                public static void Upload(DeviceRegistration device)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task String_members_annotated_with_each_category_are_reported() => Run(
            DeviceProgram.Replace("$SEND", """
                AdNetwork.Track({|#0:device.Msisdn|});
                AdNetwork.Track({|#1:device.OwnerEmail|});
                AdNetwork.Track({|#2:device.OwnerName|});
                AdNetwork.Track({|#3:device.OwnerSin|});
                AdNetwork.Track({|#4:device.BillingPostalCode|});
                AdNetwork.Track({|#5:device.Imei|});
                AdNetwork.Track({|#6:device.Imsi|});
                AdNetwork.Track({|#7:device.ServiceAddress|});
                AdNetwork.Track({|#8:device.LoyaltyCard|});
                AdNetwork.Track({|#9:device.Nickname|});
                """),
            Min001(0), Min001(1), Min001(2), Min001(3), Min001(4), Min001(5), Min001(6), Min001(7), Min001(8), Min001(9));

        [Fact]
        public Task Scalar_and_object_members_annotated_with_each_category_are_reported() => Run(
            DeviceProgram.Replace("$SEND", """
                AdNetwork.TrackObject({|#0:device.LastIp|});
                AdNetwork.TrackObject({|#1:device.OwnerBirthDate|});
                AdNetwork.TrackTime({|#2:device.ActivatedAt|});
                AdNetwork.TrackNumber({|#3:device.HomeLatitude|});
                AdNetwork.TrackNumber({|#4:device.ServingCellId|});
                AdNetwork.TrackObject({|#5:device.WifiMac|});
                AdNetwork.TrackNumber({|#6:device.BillingAccount|});
                """),
            Min001(0), Min001(1), Min001(2), Min001(3), Min001(4), Min001(5), Min001(6));

        [Fact]
        public Task Unannotated_members_beside_annotated_ones_in_a_plain_class_are_clean() => Run(
            DeviceProgram.Replace("$SEND", """
                AdNetwork.Track(device.Model);
                AdNetwork.TrackNumber(device.FirmwareBuild);
                AdNetwork.TrackTime(device.LastSyncedAt);
                AdNetwork.TrackNumber(device.BatteryLevel);
                """));

        [Fact]
        public Task Annotated_members_passed_through_minimizers_are_clean() => Run(
            DeviceProgram.Replace("$SEND", """
                AdNetwork.Track(Privacy.Last4(device.Msisdn));
                AdNetwork.Track(Privacy.Pseudonym(device.Imei));
                AdNetwork.Track(Privacy.Pseudonym(device.LoyaltyCard));
                AdNetwork.TrackTime(Privacy.Day(device.ActivatedAt));
                """));

        private const string StaticFieldProgram = """
            internal static class HandsetInfo
            {
                [IdentityBearing(IdentityCategory.Mac)] public static string BluetoothMac = "00:11:22:33:44:55";
                public static string AppVersion = "4.2.1";
            }

            internal static class StartupPing
            {
                public static void Send()
                {
                    AdNetwork.Track($VALUE);
                }
            }
            """;

        [Fact]
        public Task Annotated_static_field_is_reported() => Run(
            StaticFieldProgram.Replace("$VALUE", "{|#0:\"boot:\" + HandsetInfo.BluetoothMac|}"), Min001(0));

        [Fact]
        public Task Unannotated_static_field_beside_it_is_clean() => Run(
            StaticFieldProgram.Replace("$VALUE", "\"boot:\" + HandsetInfo.AppVersion"));

        private const string CollectionMemberProgram = """
            internal sealed class EmergencyProfile
            {
                [IdentityBearing(IdentityCategory.Phone)] public List<string> EmergencyContacts { get; } = new List<string>();
                public List<string> Allergies { get; } = new List<string>();
            }

            internal static class ProfileSync
            {
                public static void Push(EmergencyProfile profile)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Elements_of_an_annotated_collection_member_are_reported() => Run(
            CollectionMemberProgram.Replace("$SEND", """
                foreach (string number in profile.EmergencyContacts)
                {
                    AdNetwork.Track({|#0:number|});
                }
                """), Min001(0));

        [Fact]
        public Task Count_of_an_annotated_collection_and_an_unannotated_collection_are_clean() => Run(
            CollectionMemberProgram.Replace("$SEND", """
                AdNetwork.TrackNumber(profile.EmergencyContacts.Count);
                foreach (string allergy in profile.Allergies)
                {
                    AdNetwork.Track(allergy);
                }
                """));

        private const string NestedTypesProgram = """
            internal sealed class Booking
            {
                [IdentityBearing(IdentityCategory.Name)]
                internal sealed class Guest
                {
                    public string FullName { get; set; } = "";
                    [NonIdentifying] public string Language { get; set; } = "";
                }

                internal sealed class Stay
                {
                    [IdentityBearing(IdentityCategory.Address)] public string HomeAddress { get; set; } = "";
                    public int Nights { get; set; }
                    public string RoomType { get; set; } = "";
                }

                public Guest Lead { get; set; } = new Guest();
                public Stay Details { get; set; } = new Stay();
                public string Reference { get; set; } = "";
            }

            internal static class HotelFeed
            {
                public static void Publish(Booking booking)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Members_of_nested_identity_bearing_type_and_annotated_member_of_nested_type_are_reported() => Run(
            NestedTypesProgram.Replace("$SEND", """
                AdNetwork.Track({|#0:booking.Lead.FullName|});
                AdNetwork.Track({|#1:booking.Details.HomeAddress|});
                """), Min001(0), Min001(1));

        [Fact]
        public Task Non_identifying_and_unannotated_members_of_nested_types_are_clean() => Run(
            NestedTypesProgram.Replace("$SEND", """
                AdNetwork.Track(booking.Lead.Language);
                AdNetwork.TrackNumber(booking.Details.Nights);
                AdNetwork.Track(booking.Details.RoomType);
                AdNetwork.Track(booking.Reference);
                """));

        // =====================================================================================================
        // 3. [IdentityBearing] on a parameter and on a return value.
        // =====================================================================================================

        private const string ParameterProgram = """
            internal sealed class CallbackService
            {
                public void RequestCallback($PARAM string callbackNumber, string topic)
                {
                    AdNetwork.Track($ARG);
                    AdNetwork.Track(topic);
                }
            }

            internal static class HelpDesk
            {
                public static void Open(CallbackService service, Customer customer)
                {
                    service.RequestCallback($CALLER, "billing");
                }
            }
            """;

        [Fact]
        public Task Identity_bearing_parameter_sent_by_its_method_is_reported_inside_even_for_a_literal_argument() => Run(
            ParameterProgram.Replace("$PARAM", "[IdentityBearing(IdentityCategory.Phone)]").Replace("$ARG", "{|#0:callbackNumber|}")
                .Replace("$CALLER", "\"+1 555 0100\""), Min001(0));

        [Fact]
        public Task Identity_passed_into_an_identity_bearing_parameter_is_reported_once_inside_not_at_the_caller() => Run(
            ParameterProgram.Replace("$PARAM", "[IdentityBearing(IdentityCategory.Phone)]").Replace("$ARG", "{|#0:callbackNumber|}")
                .Replace("$CALLER", "customer.Phone"), Min001(0));

        [Fact]
        public Task Unannotated_parameter_given_a_literal_is_clean() => Run(
            ParameterProgram.Replace("$PARAM", "").Replace("$ARG", "callbackNumber").Replace("$CALLER", "\"+1 555 0100\""));

        [Fact]
        public Task Identity_bearing_parameter_minimized_before_it_is_sent_is_clean() => Run(
            ParameterProgram.Replace("$PARAM", "[IdentityBearing(IdentityCategory.Phone)]").Replace("$ARG", "Privacy.Last4(callbackNumber)")
                .Replace("$CALLER", "customer.Phone"));

        private const string ReturnValueProgram = """
            internal sealed class SimCard
            {
                private readonly string _raw;

                public SimCard(string raw) { _raw = raw; }

                [return: IdentityBearing(IdentityCategory.Imsi)]
                public string ReadImsi() => _raw.Substring(0, 15);

                public string ReadCarrierCode() => "310-260";
            }

            internal static class ModemDiagnostics
            {
                public static void Upload(SimCard sim)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Identity_bearing_return_value_and_a_value_computed_from_it_are_reported() => Run(
            ReturnValueProgram.Replace("$SEND", """
                AdNetwork.Track({|#0:sim.ReadImsi()|});
                string imsi = sim.ReadImsi();
                string homeNetwork = imsi.Substring(0, 6);
                AdNetwork.Track({|#1:homeNetwork|});
                """), Min001(0), Min001(1));

        [Fact]
        public Task Unannotated_return_value_the_length_and_a_minimized_return_value_are_clean() => Run(
            ReturnValueProgram.Replace("$SEND", """
                AdNetwork.Track(sim.ReadCarrierCode());
                AdNetwork.TrackNumber(sim.ReadImsi().Length);
                AdNetwork.Track(Privacy.Pseudonym(sim.ReadImsi()));
                """));

        private const string InterfaceReturnProgram = """
            internal interface IDeviceIdentity
            {
                [return: IdentityBearing(IdentityCategory.Imei)]
                string GetImei();

                string GetModel();
            }

            internal sealed class AndroidDeviceIdentity : IDeviceIdentity
            {
                public string GetImei() => "356938035643809";
                public string GetModel() => "Pixel 8";
            }

            internal sealed class CrashReporter
            {
                private readonly IDeviceIdentity _device;

                public CrashReporter(IDeviceIdentity device) { _device = device; }

                public void Report(string stackTrace)
                {
                    AdNetwork.Track($ARG);
                }
            }
            """;

        [Fact]
        public Task Identity_bearing_return_of_an_interface_method_called_through_the_interface_is_reported() => Run(
            InterfaceReturnProgram.Replace("$ARG", "{|#0:_device.GetImei() + \"|\" + stackTrace|}"), Min001(0));

        [Fact]
        public Task Unannotated_sibling_method_of_the_same_interface_is_clean() => Run(
            InterfaceReturnProgram.Replace("$ARG", "_device.GetModel() + \"|\" + stackTrace"));

        // =====================================================================================================
        // 4. [PartnerShare]: instance, interface, abstract, extension and async methods; parameters,
        //    constructor and record parameters, properties; receivers are never sinks.
        // =====================================================================================================

        private const string InstanceSinkProgram = """
            internal sealed class CrmClient
            {
                [PartnerShare("crm")] public void Push(string contact) { }
                public void Log(string line) { }
            }

            internal static class Sync
            {
                public static void Run(CrmClient client, Customer customer)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Argument_of_an_instance_sink_method_is_reported() => Run(
            InstanceSinkProgram.Replace("$SEND", "client.Push({|#0:customer.Email|});"), Min001(0));

        [Fact]
        public Task Non_sink_method_of_the_same_client_and_a_non_identifying_argument_to_the_sink_are_clean() => Run(
            InstanceSinkProgram.Replace("$SEND", """
                client.Log(customer.Email);
                client.Push(customer.Tier);
                """));

        private const string ReceiverProgram = """
            internal static class CarrierGateway
            {
                [PartnerShare("carrier")] public static void Send(string payload) { }
            }

            [IdentityBearing(IdentityCategory.Phone)]
            internal sealed class ContactCard
            {
                public string Number { get; set; } = "";
                [NonIdentifying] public string Channel { get; set; } = "sms";

                [PartnerShare("carrier")]
                public void PublishVia(string channel) { }

                public void Forward()
                {
                    CarrierGateway.Send($INNER);
                }
            }

            internal static class Outreach
            {
                public static void Run(ContactCard card)
                {
                    card.PublishVia(card.Channel);
                    card.Forward();
                }
            }
            """;

        [Fact]
        public Task Identity_bearing_object_that_sends_its_own_member_is_reported_inside_at_the_sink() => Run(
            ReceiverProgram.Replace("$INNER", "{|#0:Number|}"), Min001(0));

        [Fact]
        public Task Identity_bearing_receiver_of_a_sink_method_is_not_a_sink() => Run(
            ReceiverProgram.Replace("$INNER", "Channel"));

        private const string InterfaceSinkProgram = """
            internal interface IPartnerFeed
            {
                [PartnerShare("feedco")] void Send(string line);
            }

            internal sealed class HttpFeed : IPartnerFeed
            {
                public void Send(string line) { }
            }

            internal sealed class ConsoleEcho
            {
                public void Send(string line) { }
            }

            internal sealed class FeedPublisher
            {
                private readonly IPartnerFeed _feed;

                public FeedPublisher(IPartnerFeed feed) { _feed = feed; }

                public void Publish(Customer customer, ConsoleEcho echo)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Implementation_of_an_interface_sink_called_on_the_class_is_reported() => Run(
            InterfaceSinkProgram.Replace("$SEND", """
                HttpFeed http = new HttpFeed();
                http.Send({|#0:customer.Email|});
                """), Min001(0));

        [Fact]
        public Task Call_through_the_annotated_interface_method_is_reported() => Run(
            InterfaceSinkProgram.Replace("$SEND", "_feed.Send({|#0:customer.Name|});"), Min001(0));

        [Fact]
        public Task Same_shaped_method_on_a_class_outside_the_interface_is_clean() => Run(
            InterfaceSinkProgram.Replace("$SEND", """
                echo.Send(customer.Email);
                _feed.Send(customer.Tier);
                """));

        private const string OverrideSinkProgram = """
            internal abstract class ReportExporter
            {
                [PartnerShare("bi")] public abstract void WriteRow(string row);
                public virtual void WriteHeader(string header) { }
            }

            internal sealed class CsvExporter : ReportExporter
            {
                public override void WriteRow(string row) { }
                public override void WriteHeader(string header) { }
            }

            internal class AuditTrail
            {
                [PartnerShare("bi")] public virtual void Append(string entry) { }
            }

            internal sealed class LocalAuditTrail : AuditTrail
            {
                public new void Append(string entry) { }
            }

            internal static class Reporting
            {
                public static void Export(CsvExporter csv, ReportExporter exporter, LocalAuditTrail local, Customer customer)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Override_of_an_abstract_sink_called_on_the_derived_class_is_reported() => Run(
            OverrideSinkProgram.Replace("$SEND", "csv.WriteRow({|#0:customer.Email + \";\" + customer.Tier|});"), Min001(0));

        [Fact]
        public Task Call_through_the_abstract_base_sink_is_reported() => Run(
            OverrideSinkProgram.Replace("$SEND", "exporter.WriteRow({|#0:customer.Phone|});"), Min001(0));

        [Fact]
        public Task Override_of_a_non_sink_virtual_and_a_hiding_new_method_are_clean() => Run(
            OverrideSinkProgram.Replace("$SEND", """
                csv.WriteHeader(customer.Email);
                local.Append(customer.Email);
                """));

        private const string ExtensionSinkProgram = """
            internal static class PartnerExtensions
            {
                [PartnerShare("adcorp")]
                public static void ShareWith(this string value, string campaign) { }
            }

            internal static class Campaigns
            {
                public static void Launch(Customer customer)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Value_extended_by_a_sink_extension_method_is_reported() => Run(
            ExtensionSinkProgram.Replace("$SEND", "{|#0:customer.Email|}.ShareWith(\"spring\");"), Min001(0));

        [Fact]
        public Task Minimized_value_extended_by_a_sink_extension_method_is_clean() => Run(
            ExtensionSinkProgram.Replace("$SEND", "Privacy.Pseudonym(customer.Email).ShareWith(customer.Tier);"));

        private const string AsyncSinkProgram = """
            internal sealed class MarketingApi
            {
                [PartnerShare("mailer")]
                public async Task SubscribeAsync(string email, CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                }
            }

            internal sealed class SignupHandler
            {
                private readonly MarketingApi _api;

                public SignupHandler(MarketingApi api) { _api = api; }

                public async Task HandleAsync(Customer customer, CancellationToken ct)
                {
                    await _api.SubscribeAsync($ARG, ct);
                }
            }
            """;

        [Fact]
        public Task Argument_of_an_async_sink_method_is_reported() => Run(
            AsyncSinkProgram.Replace("$ARG", "{|#0:customer.Email|}"), Min001(0));

        [Fact]
        public Task Minimized_argument_of_an_async_sink_method_is_clean() => Run(
            AsyncSinkProgram.Replace("$ARG", "Privacy.Pseudonym(customer.Email)"));

        private const string ParameterSinkProgram = """
            internal sealed class Mailer
            {
                public void Enqueue(string campaignId, [PartnerShare("mailer")] string recipient, string? note = null) { }
            }

            internal static class Newsletter
            {
                public static void Send(Mailer mailer, Customer customer)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Named_argument_for_a_sink_parameter_is_reported() => Run(
            ParameterSinkProgram.Replace("$SEND", "mailer.Enqueue(recipient: {|#0:customer.Email|}, campaignId: \"spring\");"), Min001(0));

        [Fact]
        public Task Identity_passed_to_the_non_sink_parameters_of_the_same_method_is_clean() => Run(
            ParameterSinkProgram.Replace("$SEND", "mailer.Enqueue(customer.Email, Privacy.Pseudonym(customer.Email), note: customer.Name);"));

        private const string ConstructorSinkProgram = """
            internal sealed class PartnerEnvelope
            {
                public PartnerEnvelope(string correlationId, [PartnerShare("bi")] string body)
                {
                    CorrelationId = correlationId;
                }

                public string CorrelationId { get; }
            }

            internal sealed record PartnerRow(string Region, [PartnerShare("bi")] string Contact);

            internal static class Envelopes
            {
                public static void Build(Customer customer)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Sink_parameters_of_a_constructor_and_of_a_positional_record_are_reported() => Run(
            ConstructorSinkProgram.Replace("$SEND", """
                var envelope = new PartnerEnvelope("c-1", {|#0:customer.Email|});
                var row = new PartnerRow("north", {|#1:customer.Phone|});
                """), Min001(0), Min001(1));

        [Fact]
        public Task Identity_in_the_non_sink_constructor_parameters_and_minimized_sink_arguments_are_clean() => Run(
            ConstructorSinkProgram.Replace("$SEND", """
                var envelope = new PartnerEnvelope(customer.Email, Privacy.Pseudonym(customer.Email));
                var row = new PartnerRow(customer.PostalCode, Privacy.Last4(customer.Phone));
                """));

        private const string PropertySinkProgram = """
            internal sealed class AudienceSegment
            {
                [PartnerShare("adcorp")] public string Seed { get; set; } = "";
                [PartnerShare("adcorp")] public string Label { get; init; } = "";
                public string InternalNote { get; set; } = "";
            }

            internal static class Audiences
            {
                public static AudienceSegment Build(Customer customer, AudienceSegment segment)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Value_assigned_to_a_sink_property_is_reported() => Run(
            PropertySinkProgram.Replace("$SEND", """
                segment.Seed = {|#0:customer.Email|};
                return segment;
                """), Min001(0));

        [Fact]
        public Task Value_given_to_an_init_only_sink_property_in_an_initializer_is_reported() => Run(
            PropertySinkProgram.Replace("$SEND", "return new AudienceSegment { Label = {|#0:customer.Name|}, InternalNote = \"q3\" };"), Min001(0));

        [Fact]
        public Task Right_hand_side_of_a_compound_assignment_to_a_sink_property_is_reported() => Run(
            PropertySinkProgram.Replace("$SEND", """
                segment.Seed += {|#0:customer.PostalCode|};
                return segment;
                """), Min001(0));

        [Fact]
        public Task Identity_assigned_to_a_non_sink_property_and_read_from_a_sink_property_is_clean() => Run(
            PropertySinkProgram.Replace("$SEND", """
                segment.InternalNote = customer.Email;
                segment.Seed = customer.Tier;
                string seed = segment.Seed;
                return new AudienceSegment { Label = Privacy.Pseudonym(customer.Name), InternalNote = seed + customer.Phone };
                """));

        private const string InterfacePropertySinkProgram = """
            internal interface IPartnerRecord
            {
                [PartnerShare("crm")] string Contact { get; set; }
                string Notes { get; set; }
            }

            internal sealed class CrmRecord : IPartnerRecord
            {
                public string Contact { get; set; } = "";
                public string Notes { get; set; } = "";
            }

            internal static class CrmMapping
            {
                public static void Fill(CrmRecord record, IPartnerRecord viaInterface, Customer customer)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Implementation_of_an_interface_sink_property_assigned_on_the_class_and_through_the_interface_is_reported() => Run(
            InterfacePropertySinkProgram.Replace("$SEND", """
                record.Contact = {|#0:customer.Email|};
                viaInterface.Contact = {|#1:customer.Phone|};
                """), Min001(0), Min001(1));

        [Fact]
        public Task Non_sink_property_of_the_same_implementation_and_a_minimized_contact_are_clean() => Run(
            InterfacePropertySinkProgram.Replace("$SEND", """
                record.Notes = customer.Email;
                viaInterface.Notes = customer.Phone;
                record.Contact = Privacy.Pseudonym(customer.Email);
                """));

        // =====================================================================================================
        // 5. [Minimizer]: behind an interface, instance, extension, generic, async, returning a DTO, two
        //    arguments; a minimized value combined with a raw one; overwrites.
        // =====================================================================================================

        private const string InterfaceMinimizerProgram = """
            internal interface IPseudonymizer
            {
                [Minimizer] string Token(string value);
            }

            internal sealed class HmacPseudonymizer : IPseudonymizer
            {
                private readonly byte[] _key;

                public HmacPseudonymizer(byte[] key) { _key = key; }

                public string Token(string value) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));
            }

            internal sealed class LoyaltyExport
            {
                private readonly IPseudonymizer _pseudonymizer;

                public LoyaltyExport(IPseudonymizer pseudonymizer) { _pseudonymizer = pseudonymizer; }

                public void Export(Customer customer)
                {
                    AdNetwork.Track($ARG);
                }
            }
            """;

        [Fact]
        public Task Minimizer_declared_on_an_injected_interface_method_gives_a_clean_result() => Run(
            InterfaceMinimizerProgram.Replace("$ARG", "_pseudonymizer.Token(customer.Email)"));

        [Fact]
        public Task Raw_value_concatenated_after_an_injected_minimizer_is_reported() => Run(
            InterfaceMinimizerProgram.Replace("$ARG", "{|#0:_pseudonymizer.Token(customer.Email) + \"/\" + customer.Phone|}"), Min001(0));

        private const string ImplementationMinimizerProgram = """
            internal interface IMasker
            {
                string Mask(string value);
            }

            internal sealed class PhoneMasker : IMasker
            {
                [Minimizer]
                public string Mask(string value) => value.Length > 4 ? "***" + value.Substring(value.Length - 4) : "***";
            }

            $EXTRA

            internal sealed class SmsReceipts
            {
                private readonly IMasker _masker;

                public SmsReceipts(IMasker masker) { _masker = masker; }

                public void Share(Customer customer)
                {
                    AdNetwork.Track({|#0:_masker.Mask(customer.Phone)|});
                }
            }
            """;

        [Fact]
        public Task Injected_interface_whose_only_implementation_is_a_minimizer_gives_a_clean_result() => Run(Unmarked(
            ImplementationMinimizerProgram.Replace("$EXTRA", "")));

        [Fact]
        public Task Injected_interface_with_a_pass_through_implementation_beside_the_minimizer_is_reported() => Run(
            ImplementationMinimizerProgram.Replace("$EXTRA", """
                internal sealed class DevMasker : IMasker
                {
                    public string Mask(string value) => value;
                }
                """), Min001(0));

        private const string InstanceMinimizerProgram = """
            internal sealed class Redactor
            {
                [Minimizer] public string Redact(string value) => new string('*', value.Length);
                public string Normalize(string value) => value.Trim().ToLowerInvariant();
            }

            internal static class Support
            {
                public static void Escalate(Customer customer)
                {
                    var redactor = new Redactor();
                    AdNetwork.Track($ARG);
                }
            }
            """;

        [Fact]
        public Task Instance_minimizer_gives_a_clean_result() => Run(
            InstanceMinimizerProgram.Replace("$ARG", "redactor.Redact(customer.Email)"));

        [Fact]
        public Task Non_minimizer_method_of_the_same_class_is_reported() => Run(
            InstanceMinimizerProgram.Replace("$ARG", "{|#0:redactor.Normalize(customer.Email)|}"), Min001(0));

        private const string ExtensionMinimizerProgram = """
            internal static class PhoneExtensions
            {
                [Minimizer]
                public static string Masked(this string phone) => phone.Length > 4 ? "***" + phone.Substring(phone.Length - 4) : "***";

                public static string DigitsOnly(this string phone) => new string(phone.Where(char.IsDigit).ToArray());
            }

            internal static class Receipts
            {
                public static void Send(Customer customer)
                {
                    AdNetwork.Track($ARG);
                }
            }
            """;

        [Fact]
        public Task Extension_minimizer_gives_a_clean_result() => Run(
            ExtensionMinimizerProgram.Replace("$ARG", "customer.Phone.Masked()"));

        [Fact]
        public Task Non_minimizer_extension_method_beside_it_is_reported() => Run(
            ExtensionMinimizerProgram.Replace("$ARG", "{|#0:customer.Phone.DigitsOnly()|}"), Min001(0));

        private const string GenericMinimizerProgram = """
            internal static class Tokens
            {
                [Minimizer]
                public static string Of<T>(T value) where T : notnull => Privacy.Pseudonym(value.ToString() ?? "");

                public static string Describe<T>(T value) where T : notnull => value.ToString() ?? "";
            }

            internal static class Partners
            {
                public static void Share(Customer customer)
                {
                    AdNetwork.Track($ARG1);
                    AdNetwork.Track($ARG2);
                }
            }
            """;

        [Fact]
        public Task Generic_minimizer_gives_a_clean_result_for_a_whole_object_and_a_member() => Run(
            GenericMinimizerProgram.Replace("$ARG1", "Tokens.Of(customer)").Replace("$ARG2", "Tokens.Of(customer.Email)"));

        [Fact]
        public Task Generic_non_minimizer_beside_it_is_reported() => Run(
            GenericMinimizerProgram.Replace("$ARG1", "{|#0:Tokens.Describe(customer)|}").Replace("$ARG2", "{|#1:Tokens.Describe(customer.Email)|}"),
            Min001(0), Min001(1));

        private const string AsyncMinimizerProgram = """
            internal sealed class TokenVault
            {
                [Minimizer]
                public async Task<string> TokenizeAsync(string value, CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    return Privacy.Pseudonym(value);
                }

                public async Task<string> CanonicalizeAsync(string value, CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    return value.Trim().ToLowerInvariant();
                }
            }

            internal static class Enrollment
            {
                public static async Task EnrollAsync(TokenVault vault, Customer customer, CancellationToken ct)
                {
                    string value = await vault.$METHOD(customer.Email, ct);
                    AdNetwork.Track({|#0:value|});
                }
            }
            """;

        [Fact]
        public Task Awaited_async_minimizer_gives_a_clean_result() => Run(Unmarked(
            AsyncMinimizerProgram.Replace("$METHOD", "TokenizeAsync")));

        [Fact]
        public Task Awaited_async_non_minimizer_is_reported() => Run(
            AsyncMinimizerProgram.Replace("$METHOD", "CanonicalizeAsync"), Min001(0));

        private const string DtoMinimizerProgram = """
            internal sealed class AudienceProfile
            {
                public string AgeBand { get; set; } = "";
                public string Region { get; set; } = "";
                public string ContactToken { get; set; } = "";
            }

            internal static class Profiling
            {
                $ATTR
                public static AudienceProfile Summarize(Customer customer) => new AudienceProfile
                {
                    AgeBand = (DateTime.Today.Year - customer.DateOfBirth.Year) / 10 * 10 + "s",
                    Region = customer.PostalCode.Substring(0, 3),
                    ContactToken = Privacy.Pseudonym(customer.Email),
                };
            }

            internal static class AudienceExport
            {
                public static void Send(Customer customer)
                {
                    AudienceProfile profile = Profiling.Summarize(customer);
                    AdNetwork.TrackObject({|#0:profile|});
                    AdNetwork.Track({|#1:profile.Region|});
                }
            }
            """;

        [Fact]
        public Task Minimizer_returning_a_dto_gives_a_clean_object_and_clean_members() => Run(Unmarked(
            DtoMinimizerProgram.Replace("$ATTR", "[Minimizer]")));

        [Fact]
        public Task Same_dto_builder_without_the_minimizer_attribute_is_reported() => Run(
            DtoMinimizerProgram.Replace("$ATTR", ""), Min001(0), Min001(1));

        private const string TwoArgumentProgram = """
            internal static class Cohorts
            {
                [Minimizer]
                public static string Cohort(string postalCode, DateTime dateOfBirth) => postalCode.Substring(0, 1) + (dateOfBirth.Year / 10 * 10);

                public static string Key(string postalCode, DateTime dateOfBirth) => postalCode + "|" + dateOfBirth.ToString("yyyy");
            }

            internal static class CohortExport
            {
                public static void Send(Customer customer)
                {
                    AdNetwork.Track($ARG);
                }
            }
            """;

        [Fact]
        public Task Minimizer_taking_two_identity_arguments_gives_a_clean_result() => Run(
            TwoArgumentProgram.Replace("$ARG", "Cohorts.Cohort(customer.PostalCode, customer.DateOfBirth)"));

        [Fact]
        public Task Two_argument_non_minimizer_is_reported_once_at_the_argument() => Run(
            TwoArgumentProgram.Replace("$ARG", "{|#0:Cohorts.Key(customer.PostalCode, customer.DateOfBirth)|}"), Min001(0));

        private const string CombineProgram = """
            internal static class Attribution
            {
                public static void Send(Customer customer, bool includePhone)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Minimized_value_combined_with_a_raw_value_afterwards_is_reported() => Run(
            CombineProgram.Replace("$SEND", """
                string token = Privacy.Pseudonym(customer.Email);
                string key = token + "|" + customer.Phone;
                AdNetwork.Track({|#0:key|});
                """), Min001(0));

        [Fact]
        public Task Minimized_value_combined_with_another_minimized_value_is_clean() => Run(
            CombineProgram.Replace("$SEND", """
                string token = Privacy.Pseudonym(customer.Email);
                string key = token + "|" + Privacy.Last4(customer.Phone) + "|" + customer.Tier;
                AdNetwork.Track(key);
                """));

        [Fact]
        public Task Minimized_variable_overwritten_with_a_raw_value_on_one_branch_is_reported() => Run(
            CombineProgram.Replace("$SEND", """
                string contact = Privacy.Pseudonym(customer.Email);
                if (includePhone)
                {
                    contact = customer.Phone;
                }

                AdNetwork.Track({|#0:contact|});
                """), Min001(0));

        [Fact]
        public Task Raw_variable_overwritten_with_its_minimized_form_is_clean() => Run(
            CombineProgram.Replace("$SEND", """
                string contact = customer.Email;
                contact = Privacy.Pseudonym(contact);
                AdNetwork.Track(contact);
                """));

        // =====================================================================================================
        // 6. Partial classes and partial methods: annotations on one part, members and code in another.
        // =====================================================================================================

        private const string PartialProgram = """
            [IdentityBearing(IdentityCategory.AccountId)]
            internal partial class Wallet
            {
                public string AccountNumber { get; set; } = "";
            }

            internal partial class Wallet
            {
                public string Nickname { get; set; } = "";
                [NonIdentifying] public string Currency { get; set; } = "EUR";

                public void ShareProfile()
                {
                    PaymentsPartner.Send($INNER);
                }
            }

            internal static partial class PaymentsPartner
            {
                [PartnerShare("payco")]
                public static partial void Send(string value);
            }

            internal static partial class PaymentsPartner
            {
                public static partial void Send(string value) { }
            }

            internal static class WalletSync
            {
                public static void Run(Wallet wallet)
                {
                    wallet.ShareProfile();
                    PaymentsPartner.Send($OUTER);
                }
            }
            """;

        [Fact]
        public Task Members_of_a_partial_class_annotated_on_another_part_reach_a_partial_method_sink() => Run(
            PartialProgram.Replace("$INNER", "{|#0:Nickname|}").Replace("$OUTER", "{|#1:wallet.AccountNumber|}"), Min001(0), Min001(1));

        [Fact]
        public Task Non_identifying_member_of_a_partial_class_sent_to_the_partial_method_sink_is_clean() => Run(
            PartialProgram.Replace("$INNER", "Currency").Replace("$OUTER", "wallet.Currency"));

        // =====================================================================================================
        // 7. Generics: constrained to an identity-bearing interface (reported inside) or not (at the caller).
        // =====================================================================================================

        private const string GenericProgram = """
            [IdentityBearing(IdentityCategory.Email)]
            internal interface IContactable
            {
                string ReachAt { get; }
                [NonIdentifying] int Priority { get; }
            }

            internal sealed class Lead : IContactable
            {
                public string ReachAt { get; set; } = "";
                [NonIdentifying] public int Priority { get; set; }
            }

            internal sealed class Vendor
            {
                public string ReachAt { get; set; } = "";
            }

            internal static class Broadcaster
            {
                public static void Constrained<T>(T item) where T : IContactable
                {
                    $INNER
                }

                public static void Unconstrained<T>(T item)
                {
                    AdNetwork.TrackObject(item);
                }
            }

            internal static class Campaign
            {
                public static void Run(Lead lead, Vendor vendor)
                {
                    $CALLS
                }
            }
            """;

        [Fact]
        public Task Generic_constrained_to_an_identity_bearing_interface_is_reported_inside() => Run(
            GenericProgram.Replace("$INNER", """
                AdNetwork.TrackObject({|#0:item|});
                AdNetwork.Track({|#1:item.ReachAt|});
                """).Replace("$CALLS", "Broadcaster.Constrained(lead);"), Min001(0), Min001(1));

        [Fact]
        public Task Non_identifying_member_of_a_constrained_type_parameter_is_clean() => Run(
            GenericProgram.Replace("$INNER", "AdNetwork.TrackNumber(item.Priority);").Replace("$CALLS", "Broadcaster.Constrained(lead);"));

        [Fact]
        public Task Unconstrained_generic_given_an_identity_bearing_object_is_reported_at_the_caller() => Run(
            GenericProgram.Replace("$INNER", "").Replace("$CALLS", "Broadcaster.Unconstrained({|#0:lead|});"), Min001(0));

        [Fact]
        public Task Unconstrained_generic_given_a_plain_object_and_a_non_identifying_member_is_clean() => Run(
            GenericProgram.Replace("$INNER", "").Replace("$CALLS", """
                Broadcaster.Unconstrained(vendor);
                Broadcaster.Unconstrained(lead.Priority);
                """));

        // =====================================================================================================
        // 8. ToString overrides (Reading 8).
        // =====================================================================================================

        private const string ToStringProgram = """
            internal sealed class Shipment
            {
                [IdentityBearing(IdentityCategory.Address)] public string Destination { get; set; } = "";
                public string Carrier { get; set; } = "";
                public int Parcels { get; set; }

                public override string ToString() => $TOSTRING;
            }

            internal static class CarrierFeed
            {
                public static void Publish(Shipment shipment)
                {
                    AdNetwork.Track({|#0:shipment.ToString()|});
                    AdNetwork.Track({|#1:$"shipped: {shipment}"|});
                }
            }
            """;

        [Fact]
        public Task ToString_override_reading_an_annotated_member_is_reported_where_called_and_interpolated() => Run(
            ToStringProgram.Replace("$TOSTRING", "$\"{Parcels} parcel(s) via {Carrier} to {Destination}\""), Min001(0), Min001(1));

        [Fact]
        public Task ToString_override_reading_only_unannotated_members_is_clean() => Run(Unmarked(
            ToStringProgram.Replace("$TOSTRING", "$\"{Parcels} parcel(s) via {Carrier}\"")));

        // =====================================================================================================
        // 9. Configuration: minimization.minimizers, clean_methods and propagators (docs/configuration.md).
        // =====================================================================================================

        private const string ConfigProgram = """
            internal static class Sharding
            {
                public static void Publish(Customer customer)
                {
                    $SEND
                }
            }
            """;

        private const string UnkeyedHash = "AdNetwork.Track({|#0:Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(customer.Phone)))|});";

        [Fact]
        public Task Unkeyed_library_hash_of_a_phone_is_reported_without_configuration() => Run(
            ConfigProgram.Replace("$SEND", UnkeyedHash), Min001(0));

        [Fact]
        public Task Library_hash_declared_a_minimizer_in_configuration_gives_a_clean_result() => RunWithConfig(
            Unmarked(ConfigProgram.Replace("$SEND", UnkeyedHash)),
            "minimization.minimizers = System.Security.Cryptography.SHA256.HashData");

        private const string ShardKey = "AdNetwork.TrackNumber({|#0:customer.Email.GetHashCode() % 64|});";

        [Fact]
        public Task Library_hash_code_of_an_email_used_as_a_shard_key_is_reported_without_configuration() => Run(
            ConfigProgram.Replace("$SEND", ShardKey), Min001(0));

        [Fact]
        public Task Library_method_declared_clean_in_configuration_gives_a_clean_result() => RunWithConfig(
            Unmarked(ConfigProgram.Replace("$SEND", ShardKey)),
            "minimization.clean_methods = System.String.GetHashCode");

        private const string AtPosition = "AdNetwork.TrackNumber({|#0:customer.Email.IndexOf('@')|});";

        [Fact]
        public Task Position_returned_by_IndexOf_is_clean_without_configuration() => Run(Unmarked(
            ConfigProgram.Replace("$SEND", AtPosition)));

        [Fact]
        public Task IndexOf_declared_a_propagator_in_configuration_is_reported() => RunWithConfig(
            ConfigProgram.Replace("$SEND", AtPosition),
            "minimization.propagators = String.IndexOf",
            Min001(0));
    }
}
