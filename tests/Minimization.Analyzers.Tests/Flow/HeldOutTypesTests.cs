using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out-style probe written from the public contract alone, about types: the attribute surface on every
    /// target it allows (classes, structs, records, record structs, interfaces and what derives from or implements them,
    /// generic ones included; properties, fields, parameters, return values; sinks on methods, parameters, properties,
    /// indexers, interface, abstract and virtual members; minimizers of every method shape), generics (own containers,
    /// Reading 7, generic interfaces, variance, static generic caches), value semantics (struct copies, ref/out/in,
    /// ref returns, nullable value types, type patterns, dynamic) and object state (base constructors, protected
    /// members, custom accessors, lazy caches, static state, indexers, custom events, nested initializers, copies).
    /// Positives and near-miss twins.
    /// </summary>
    public class HeldOutTypesTests
    {
        // ---------------------------------------------------------------- domains

        private const string Rides = """

            namespace Rides
            {
                using System;
                using Minimization;

                [IdentityBearing(IdentityCategory.Name)]
                public sealed class Rider
                {
                    public string Nickname { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                    [NonIdentifying] public string Tier { get; set; } = "";
                    [NonIdentifying] public int CompletedTrips { get; set; }
                }

                public sealed class TripLeg
                {
                    public Guid Id { get; set; }
                    public string Zone { get; set; } = "";
                    public int DurationSeconds { get; set; }
                    public decimal Fare { get; set; }
                }

                public static class InsurerFeed
                {
                    [PartnerShare("DE")] public static void Submit(object? payload) { }
                    [PartnerShare("DE")] public static void SubmitText(string payload) { }
                }

                public static class Tokens
                {
                    [Minimizer] public static string Of(string value) => "tok_" + value.Length;
                }
            }
            """;

        private const string Subscribers = """

            namespace Subscribers
            {
                using Minimization;

                [IdentityBearing(category: IdentityCategory.Phone)]
                public interface ISubscriber
                {
                    string Msisdn { get; }
                    [NonIdentifying] string Plan { get; }
                }

                public sealed class PrepaidSubscriber : ISubscriber
                {
                    public string Msisdn { get; init; } = "";
                    public string Plan { get; init; } = "";
                    public string SimSerial { get; init; } = "";
                    [NonIdentifying] public int TopUps { get; init; }
                }
            }
            """;

        private const string Geo = """

            namespace Geo
            {
                using Minimization;

                [IdentityBearing(IdentityCategory.Geo)]
                public readonly struct GeoFix
                {
                    public GeoFix(double lat, double lon) { Lat = lat; Lon = lon; }
                    public double Lat { get; }
                    public double Lon { get; }
                }
            }
            """;

        // ---------------------------------------------------------------- [IdentityBearing] on types

        [Fact]
        public Task IdentityBearing_struct_scalar_member_rounded_is_still_identity() => Check("""
            using System;
            using Geo;
            using Rides;
            sealed class HeatmapExport
            {
                public void Export(GeoFix fix) => InsurerFeed.Submit({|#0:Math.Round(fix.Lat, 2)|});
            }
            """ + Geo + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task IdentityBearing_record_struct_value_created_from_a_literal_is_identity() => Check("""
            using Minimization;
            using Rides;
            [IdentityBearing(IdentityCategory.Mac)]
            readonly record struct MacAddress(string Value);

            sealed class HotspotLog
            {
                public void Upload()
                {
                    var mac = new MacAddress("00:1a:2b:3c:4d:5e");
                    InsurerFeed.Submit({|#0:mac|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task IdentityBearing_interface_makes_a_member_declared_only_on_the_implementation_identity() => Check("""
            using Rides;
            using Subscribers;
            sealed class SimAudit
            {
                public void Report(PrepaidSubscriber sub) => InsurerFeed.SubmitText({|#0:sub.SimSerial|});
            }
            """ + Subscribers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task NonIdentifying_members_of_an_implementation_and_of_the_interface_are_clean() => Check("""
            using Rides;
            using Subscribers;
            sealed class SimAudit
            {
                public void Report(PrepaidSubscriber sub)
                {
                    InsurerFeed.Submit(sub.TopUps);
                    ISubscriber asInterface = sub;
                    InsurerFeed.SubmitText(asInterface.Plan);
                }
            }
            """ + Subscribers + Rides, withPrelude: false);

        [Fact]
        public Task IdentityBearing_generic_interface_makes_the_scalar_key_of_an_implementation_identity() => Check("""
            using Minimization;
            using Rides;
            [IdentityBearing(IdentityCategory.AccountId)]
            interface IAccountKey<T>
            {
                T Key { get; }
            }

            sealed class BankAccountKey : IAccountKey<long>
            {
                public long Key { get; init; }
                public string Bank { get; init; } = "";
            }

            sealed class PayoutExport
            {
                public void Export(BankAccountKey account) => InsurerFeed.Submit({|#0:account.Key|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_class_implementing_an_identity_interface_is_identity_in_every_member() => Check("""
            using System;
            using Rides;
            using Subscribers;
            sealed class TaggedSubscriber<TTag> : ISubscriber
            {
                public string Msisdn { get; init; } = "";
                public string Plan { get; init; } = "";
                public TTag? Tag { get; init; }
            }

            sealed class CampaignExport
            {
                public void Export(TaggedSubscriber<Guid> sub) => InsurerFeed.Submit({|#0:sub.Tag|});
            }
            """ + Subscribers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task IdentityBearing_base_class_without_category_reaches_two_levels_of_derived_types() => Check("""
            using Minimization;
            using Rides;
            [IdentityBearing]
            abstract class Person
            {
            }

            abstract class Staff : Person
            {
                public string BadgeId { get; init; } = "";
            }

            sealed class Driver : Staff
            {
                public string LicenceNumber { get; init; } = "";
            }

            sealed class Compliance
            {
                public void File(Driver driver) => InsurerFeed.SubmitText({|#0:driver.LicenceNumber|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task NonIdentifying_property_target_on_positional_record_parameters_is_clean() => Check("""
            using Minimization;
            using Rides;
            [IdentityBearing(IdentityCategory.Mac)]
            sealed record DeviceSighting(string Mac, [property: NonIdentifying] int SchemaVersion, [property: NonIdentifying] string Firmware);

            sealed class FirmwareCensus
            {
                public void Count(DeviceSighting sighting)
                {
                    InsurerFeed.Submit(sighting.SchemaVersion);
                    InsurerFeed.SubmitText(sighting.Firmware);
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task NonIdentifying_member_of_an_identity_bearing_struct_type_is_identity() => Check("""
            using Minimization;
            using Geo;
            using Rides;
            [IdentityBearing(IdentityCategory.AccountId)]
            sealed class RideBooking
            {
                public string BookingCode { get; init; } = "";
                [NonIdentifying] public GeoFix Pickup { get; init; }
                [NonIdentifying] public int Passengers { get; init; }
            }

            sealed class DemandExport
            {
                public void Export(RideBooking booking)
                {
                    InsurerFeed.Submit({|#0:booking.Pickup|});
                    InsurerFeed.Submit(booking.Passengers);
                }
            }
            """ + Geo + Rides, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- [IdentityBearing] on parameters and return values

        [Fact]
        public Task IdentityBearing_lambda_parameter_is_a_source_inside_the_lambda() => Check("""
            using System;
            using Minimization;
            using Rides;
            sealed class PagerSetup
            {
                public Action<string> Build()
                    => ([IdentityBearing(IdentityCategory.Phone)] string number) => InsurerFeed.SubmitText({|#0:"page " + number|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Return_value_identity_is_reported_at_the_callers_argument() => Check("""
            using Minimization;
            using Rides;
            static class MemberDirectory
            {
                [return: IdentityBearing(IdentityCategory.Email)]
                public static string EmailOf(int memberNumber) => $"member{memberNumber}@rides.example";
            }

            sealed class RenewalExport
            {
                public void Export(int memberNumber) => InsurerFeed.SubmitText({|#0:MemberDirectory.EmailOf(memberNumber)|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Return_value_annotated_on_an_interface_method_is_identity_through_the_interface() => Check("""
            using System;
            using System.Collections.Generic;
            using Minimization;
            using Rides;
            interface IRosterLookup
            {
                [return: IdentityBearing(IdentityCategory.Phone)]
                string NumberFor(Guid driverId);
            }

            sealed class CachedRoster : IRosterLookup
            {
                private readonly Dictionary<Guid, string> _numbers = new();
                public string NumberFor(Guid driverId) => _numbers.TryGetValue(driverId, out var number) ? number : "";
            }

            sealed class ShiftPlanner
            {
                private readonly IRosterLookup _roster;
                public ShiftPlanner(IRosterLookup roster) => _roster = roster;
                public void Publish(Guid driverId) => InsurerFeed.SubmitText({|#0:_roster.NumberFor(driverId)|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- [PartnerShare] surface

        [Fact]
        public Task PartnerShare_method_on_an_identity_bearing_receiver_does_not_sink_the_receiver() => Check("""
            using Minimization;
            [IdentityBearing(IdentityCategory.Email)]
            sealed class Mailbox
            {
                public string Address { get; init; } = "";
                [PartnerShare("DE")] public void Post(string subject, int campaignId) { }
            }

            sealed class SpringCampaign
            {
                public void Run(Mailbox box) => box.Post("Your spring offer", 7);
            }
            """, withPrelude: false);

        [Fact]
        public Task PartnerShare_constructor_parameter_is_a_sink() => Check("""
            using Minimization;
            using Rides;
            sealed class ClaimTicket
            {
                public ClaimTicket([PartnerShare("DE")] string summary, string internalNote)
                {
                    Summary = summary;
                    Note = internalNote;
                }

                public string Summary { get; }
                public string Note { get; }
            }

            sealed class ClaimDesk
            {
                public ClaimTicket Open(Rider r) => new ClaimTicket({|#0:$"claim filed by {r.Email}"|}, "n/a");
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Constructor_argument_for_a_parameter_that_is_not_a_sink_is_clean() => Check("""
            using Minimization;
            using Rides;
            sealed class ClaimTicket
            {
                public ClaimTicket([PartnerShare("DE")] string summary, string internalNote)
                {
                    Summary = summary;
                    Note = internalNote;
                }

                public string Summary { get; }
                public string Note { get; }
            }

            sealed class ClaimDesk
            {
                public ClaimTicket Open(Rider r) => new ClaimTicket("claim filed", $"call back {r.Phone}");
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task With_expression_assigning_a_PartnerShare_init_property_is_reported_at_the_value() => Check("""
            using Minimization;
            using Rides;
            sealed record ClaimDraft
            {
                public string Reference { get; init; } = "";
                [PartnerShare("DE")] public string Narrative { get; init; } = "";
            }

            sealed class ClaimEditor
            {
                public ClaimDraft Finalize(ClaimDraft draft, Rider r) => draft with { Narrative = {|#0:r.Nickname + " reported damage"|} };
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task With_expression_assigning_only_a_plain_property_is_clean() => Check("""
            using Minimization;
            using Rides;
            sealed record ClaimDraft
            {
                public string Reference { get; init; } = "";
                [PartnerShare("DE")] public string Narrative { get; init; } = "";
            }

            sealed class ClaimEditor
            {
                public ClaimDraft Finalize(ClaimDraft draft, Rider r) => draft with { Reference = r.Email };
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Coalescing_assignment_to_a_PartnerShare_property_is_reported_at_its_right_hand_side() => Check("""
            using Minimization;
            using Rides;
            sealed class Envelope
            {
                [PartnerShare] public string? Body { get; set; }
            }

            sealed class EnvelopeFiller
            {
                public void Fill(Envelope envelope, Rider r) => envelope.Body ??= {|#0:r.Email|};
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Nested_member_initializer_assigning_a_PartnerShare_property_is_reported_at_the_value() => Check("""
            using Minimization;
            using Rides;
            sealed class Header
            {
                [PartnerShare("DE")] public string Subject { get; set; } = "";
                public string Locale { get; set; } = "";
            }

            sealed class PartnerMessage
            {
                public Header Header { get; } = new();
                public string Reference { get; set; } = "";
            }

            sealed class ReceiptComposer
            {
                public PartnerMessage Compose(Rider r)
                    => new PartnerMessage { Reference = "R-1", Header = { Subject = {|#0:$"Receipt for {r.Nickname}"|}, Locale = "de" } };
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Implementation_of_a_PartnerShare_interface_method_called_on_the_class_is_a_sink() => Check("""
            using Minimization;
            using Rides;
            interface IClaimsChannel
            {
                [PartnerShare("DE")] void Deliver(string body);
                void Trace(string line);
            }

            sealed class SftpClaimsChannel : IClaimsChannel
            {
                public void Deliver(string body) { }
                public void Trace(string line) { }
            }

            sealed class ClaimSender
            {
                public void Send(SftpClaimsChannel channel, Rider r) => channel.Deliver({|#0:r.Email|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Unannotated_interface_sibling_and_a_look_alike_method_are_not_sinks() => Check("""
            using Minimization;
            using Rides;
            interface IClaimsChannel
            {
                [PartnerShare("DE")] void Deliver(string body);
                void Trace(string line);
            }

            sealed class SftpClaimsChannel : IClaimsChannel
            {
                public void Deliver(string body) { }
                public void Trace(string line) { }
            }

            sealed class LocalArchive
            {
                public void Deliver(string body) { }
            }

            sealed class ClaimSender
            {
                public void Send(IClaimsChannel channel, LocalArchive archive, Rider r)
                {
                    channel.Trace(r.Email);
                    archive.Deliver(r.Email);
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task PartnerShare_parameter_of_an_interface_method_with_an_explicit_implementation_sinks_only_that_argument() => Check("""
            using Minimization;
            using Rides;
            interface IUploader
            {
                void Upload(string trace, [PartnerShare("DE")] string payload);
            }

            sealed class BlobUploader : IUploader
            {
                void IUploader.Upload(string trace, string payload) { }
            }

            sealed class NightlyUpload
            {
                private readonly IUploader _uploader;
                public NightlyUpload(IUploader uploader) => _uploader = uploader;

                public void Run(Rider r)
                {
                    _uploader.Upload(r.Email, "batch-7");
                    _uploader.Upload("trace-7", {|#0:r.Phone|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Override_of_an_override_of_a_PartnerShare_virtual_method_is_a_sink() => Check("""
            using Minimization;
            using Rides;
            class Publisher
            {
                [PartnerShare("DE")] public virtual void Publish(string payload) { }
            }

            class BatchingPublisher : Publisher
            {
                public override void Publish(string payload) { }
            }

            sealed class CompressingPublisher : BatchingPublisher
            {
                public override void Publish(string payload) { }
            }

            sealed class PublishJob
            {
                public void Run(CompressingPublisher publisher, Rider r) => publisher.Publish({|#0:r.Phone|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Method_hiding_a_PartnerShare_virtual_with_new_is_not_a_sink() => Check("""
            using Minimization;
            using Rides;
            class Publisher
            {
                [PartnerShare("DE")] public virtual void Publish(string payload) { }
            }

            sealed class LocalPublisher : Publisher
            {
                public new void Publish(string payload) { }
            }

            sealed class PublishJob
            {
                public void Run(LocalPublisher publisher, Rider r) => publisher.Publish(r.Phone);
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Implementation_of_a_PartnerShare_interface_property_set_in_an_initializer_is_a_sink() => Check("""
            using Minimization;
            using Rides;
            interface IExportSlot
            {
                [PartnerShare("DE")] string Payload { get; set; }
            }

            sealed class CsvSlot : IExportSlot
            {
                public string FileName { get; set; } = "";
                public string Payload { get; set; } = "";
            }

            sealed class SlotBuilder
            {
                public CsvSlot Prepare(Rider r) => new CsvSlot { FileName = "riders.csv", Payload = {|#0:r.Phone|} };
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task PartnerShare_on_the_this_parameter_of_an_extension_sinks_the_extended_value() => Check("""
            using Minimization;
            using Rides;
            static class InsurerExtensions
            {
                public static void PushToInsurer([PartnerShare("DE")] this string payload, string correlation) { }
            }

            sealed class Onboarding
            {
                public void Complete(Rider r) => {|#0:r.Email|}.PushToInsurer("c-1");
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task PartnerShare_on_the_this_parameter_does_not_sink_the_other_arguments() => Check("""
            using Minimization;
            using Rides;
            static class InsurerExtensions
            {
                public static void PushToInsurer([PartnerShare("DE")] this string payload, string correlation) { }
            }

            sealed class Onboarding
            {
                public void Complete(Rider r) => "heartbeat".PushToInsurer(r.Email);
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task PartnerShare_local_function_is_a_sink() => Check("""
            using Minimization;
            using Rides;
            sealed class QuickShare
            {
                public void Run(Rider r)
                {
                    Leak({|#0:r.Email|});

                    [PartnerShare("DE")] static void Leak(string payload) { }
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Unannotated_overload_of_a_PartnerShare_method_is_not_a_sink() => Check("""
            using Minimization;
            using Rides;
            static class Gateway
            {
                [PartnerShare("DE")] public static void Send(string payload) { }
                public static void Send(string payload, bool dryRun) { }
            }

            sealed class DryRun
            {
                public void Run(Rider r)
                {
                    Gateway.Send(r.Email, dryRun: true);
                    Gateway.Send(Tokens.Of(r.Email));
                }
            }
            """ + Rides, withPrelude: false);

        // ---------------------------------------------------------------- [Minimizer] surface

        [Fact]
        public Task Instance_minimizer_with_a_key_is_clean() => Check("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Minimization;
            using Rides;
            sealed class Pseudonymizer
            {
                private readonly byte[] _key;
                public Pseudonymizer(byte[] key) => _key = key;

                [Minimizer]
                public string Token(string value) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));
            }

            sealed class KeyedExport
            {
                private readonly Pseudonymizer _pseudonymizer;
                public KeyedExport(Pseudonymizer pseudonymizer) => _pseudonymizer = pseudonymizer;
                public void Run(Rider r) => InsurerFeed.SubmitText(_pseudonymizer.Token(r.Email));
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Generic_minimizer_given_identity_bearing_values_is_clean() => Check("""
            using Minimization;
            using Geo;
            using Rides;
            static class Fingerprints
            {
                [Minimizer] public static string Of<T>(T value) => "fp_" + (value?.GetHashCode() ?? 0);
            }

            sealed class FleetExport
            {
                public void Run(Rider r, GeoFix fix)
                {
                    InsurerFeed.Submit(Fingerprints.Of(r));
                    InsurerFeed.Submit(Fingerprints.Of(fix));
                }
            }
            """ + Geo + Rides, withPrelude: false);

        [Fact]
        public Task Async_minimizer_awaited_is_clean() => Check("""
            using System.Threading.Tasks;
            using Minimization;
            using Rides;
            sealed class Tokenizer
            {
                [Minimizer]
                public async Task<string> TokenizeAsync(string value)
                {
                    await Task.Yield();
                    return "t_" + value.Length;
                }
            }

            sealed class AsyncExport
            {
                public async Task RunAsync(Tokenizer tokenizer, Rider r)
                {
                    var token = await tokenizer.TokenizeAsync(r.Email);
                    InsurerFeed.SubmitText(token);
                    InsurerFeed.SubmitText(await tokenizer.TokenizeAsync(r.Phone).ConfigureAwait(false));
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Extension_minimizer_is_clean() => Check("""
            using Minimization;
            using Rides;
            static class PhoneMasking
            {
                [Minimizer] public static string Redacted(this string phone) => phone.Length > 4 ? "***" + phone[^2..] : "***";
            }

            sealed class CallbackExport
            {
                public void Run(Rider r) => InsurerFeed.SubmitText(r.Phone.Redacted());
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Wrapper_that_returns_a_minimizer_result_is_clean() => Check("""
            using Rides;
            static class Contacts
            {
                public static string SafeContact(Rider r) => Tokens.Of(r.Email.Trim().ToLowerInvariant());
            }

            sealed class ContactExport
            {
                public void Run(Rider r) => InsurerFeed.SubmitText(Contacts.SafeContact(r));
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Wrapper_that_adds_part_of_the_raw_value_to_a_token_is_reported_at_the_call() => Check("""
            using Rides;
            static class Labels
            {
                public static string Label(string email) => Tokens.Of(email) + " (" + email[..2] + ")";
            }

            sealed class ContactExport
            {
                public void Run(Rider r) => InsurerFeed.SubmitText({|#0:Labels.Label(r.Email)|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Unannotated_overload_of_a_minimizer_passes_identity() => Check("""
            using Minimization;
            using Rides;
            static class Hashing
            {
                [Minimizer] public static string Hash(string value) => "h" + value.Length;
                public static string Hash(string value, int keep) => value[..keep] + "...";
            }

            sealed class ContactExport
            {
                public void Run(Rider r) => InsurerFeed.SubmitText({|#0:Hashing.Hash(r.Email, 3)|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- generics: own containers

        private const string Containers = """

            namespace Containers
            {
                using System;
                using System.Collections.Generic;

                public sealed class Box<T>
                {
                    public Box(T value) => Value = value;
                    public T Value { get; }
                }

                public sealed class Result<T>
                {
                    private Result(T? value, string? error)
                    {
                        Value = value;
                        Error = error;
                    }

                    public T? Value { get; }
                    public string? Error { get; }
                    public static Result<T> Ok(T value) => new(value, null);
                    public static Result<T> Fail(string error) => new(default, error);
                    public TOut Match<TOut>(Func<T, TOut> ok, Func<string, TOut> fail) => Error is null ? ok(Value!) : fail(Error);
                }

                public readonly struct Maybe<T>
                {
                    private readonly T _value;
                    private readonly bool _has;
                    private Maybe(T value) { _value = value; _has = true; }
                    public static Maybe<T> Some(T value) => new(value);
                    public T OrElse(T fallback) => _has ? _value : fallback;
                }

                public sealed class Page<T>
                {
                    public Page(IReadOnlyList<T> items, int total) { Items = items; Total = total; }
                    public IReadOnlyList<T> Items { get; }
                    public int Total { get; }
                }
            }
            """;

        [Fact]
        public Task Box_holding_an_email_is_reported_where_its_value_is_sent() => Check("""
            using Containers;
            using Rides;
            sealed class BoxedExport
            {
                public void Run(Rider r)
                {
                    var box = new Box<string>(r.Email);
                    InsurerFeed.SubmitText({|#0:box.Value|});
                }
            }
            """ + Containers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Box_of_a_zone_and_box_of_a_token_are_clean_beside_a_box_of_an_email() => Check("""
            using Containers;
            using Rides;
            sealed class BoxedExport
            {
                public void Run(Rider r, TripLeg trip)
                {
                    var mail = new Box<string>(r.Email);
                    var zone = new Box<string>(trip.Zone);
                    var token = new Box<string>(Tokens.Of(r.Email));
                    InsurerFeed.SubmitText(zone.Value);
                    InsurerFeed.SubmitText(token.Value);
                }
            }
            """ + Containers + Rides, withPrelude: false);

        [Fact]
        public Task Result_Match_over_a_phone_is_reported_at_the_call() => Check("""
            using Containers;
            using Rides;
            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var result = Result<string>.Ok(r.Phone);
                    InsurerFeed.SubmitText({|#0:result.Match(v => "ok " + v, e => "error " + e)|});
                }
            }
            """ + Containers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Result_error_of_a_failure_is_clean_beside_a_success_holding_an_email() => Check("""
            using Containers;
            using Rides;
            sealed class CallbackExport
            {
                public void Run(Rider r, TripLeg trip)
                {
                    var found = Result<string>.Ok(r.Email);
                    var missing = Result<string>.Fail("zone " + trip.Zone + " closed");
                    InsurerFeed.SubmitText(missing.Error ?? "");
                }
            }
            """ + Containers + Rides, withPrelude: false);

        [Fact]
        public Task Maybe_struct_holding_an_email_is_reported_where_OrElse_is_sent() => Check("""
            using Containers;
            using Rides;
            sealed class OptionalExport
            {
                public void Run(Rider r)
                {
                    var contact = Maybe<string>.Some(r.Email);
                    InsurerFeed.SubmitText({|#0:contact.OrElse("unknown")|});
                }
            }
            """ + Containers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Page_total_and_item_count_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Containers;
            using Rides;
            sealed class PagedExport
            {
                public void Run(List<Rider> riders)
                {
                    var page = new Page<string>(riders.Select(r => r.Email).ToList(), riders.Count);
                    InsurerFeed.Submit(page.Total);
                    InsurerFeed.Submit(page.Items.Count);
                }
            }
            """ + Containers + Rides, withPrelude: false);

        // ---------------------------------------------------------------- generics: methods and interfaces (Readings 1, 7)

        [Fact]
        public Task Generic_method_constrained_to_a_plain_interface_is_reported_at_the_callers_argument() => Check("""
            using Minimization;
            using Rides;
            interface ILabelled
            {
                string Label { get; }
            }

            [IdentityBearing(IdentityCategory.Name)]
            sealed class Patient : ILabelled
            {
                public string FullName { get; init; } = "";
                public string Label => FullName;
            }

            sealed class Ward : ILabelled
            {
                public string Code { get; init; } = "";
                public string Label => "ward " + Code;
            }

            static class Whiteboard
            {
                public static void Post<T>(T item) where T : ILabelled => InsurerFeed.Submit(item);
            }

            sealed class Admissions
            {
                public void Admit(Patient patient, Ward ward)
                {
                    Whiteboard.Post(ward);
                    Whiteboard.Post({|#0:patient|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_class_whose_type_parameter_is_constrained_to_an_identity_interface_is_reported_inside() => Check("""
            using Rides;
            using Subscribers;
            sealed class Notifier<TSub> where TSub : ISubscriber
            {
                public void Notify(TSub sub, string text) => InsurerFeed.SubmitText({|#0:sub.Msisdn + ": " + text|});
            }

            sealed class OutageDesk
            {
                public void Declare(PrepaidSubscriber sub) => new Notifier<PrepaidSubscriber>().Notify(sub, "outage in your area");
            }
            """ + Subscribers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_constrained_to_an_identity_interface_sending_its_NonIdentifying_member_is_clean() => Check("""
            using Rides;
            using Subscribers;
            sealed class PlanCensus<TSub> where TSub : ISubscriber
            {
                public void Count(TSub sub) => InsurerFeed.SubmitText(sub.Plan);
            }

            sealed class OutageDesk
            {
                public void Census(PrepaidSubscriber sub) => new PlanCensus<PrepaidSubscriber>().Count(sub);
            }
            """ + Subscribers + Rides, withPrelude: false);

        [Fact]
        public Task Generic_handler_of_an_identity_type_is_reported_inside_its_implementation() => Check("""
            using Rides;
            interface IHandler<T>
            {
                void Handle(T message);
            }

            sealed class WelcomeMail : IHandler<Rider>
            {
                public void Handle(Rider message) => InsurerFeed.SubmitText({|#0:"welcome " + message.Email|});
            }

            sealed class FareAudit : IHandler<TripLeg>
            {
                public void Handle(TripLeg message) => InsurerFeed.Submit(message.Fare);
            }

            sealed class SignupPipeline
            {
                private readonly IHandler<Rider> _riders;
                private readonly IHandler<TripLeg> _trips;

                public SignupPipeline(IHandler<Rider> riders, IHandler<TripLeg> trips)
                {
                    _riders = riders;
                    _trips = trips;
                }

                public void OnFirstTrip(Rider rider, TripLeg trip)
                {
                    _riders.Handle(rider);
                    _trips.Handle(trip);
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_handler_of_strings_forwarding_to_a_sink_is_reported_at_the_callers_argument() => Check("""
            using Rides;
            interface IHandler<T>
            {
                void Handle(T message);
            }

            sealed class SmsRelay : IHandler<string>
            {
                public void Handle(string message) => InsurerFeed.SubmitText(message);
            }

            sealed class DropCounter : IHandler<string>
            {
                public int Dropped;
                public void Handle(string message) => Dropped++;
            }

            sealed class LostItemDesk
            {
                private readonly IHandler<string> _out;
                public LostItemDesk(IHandler<string> output) => _out = output;
                public void Notify(Rider r) => _out.Handle({|#0:r.Phone|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Generic_handler_of_strings_does_not_dispatch_to_an_implementation_for_ints() => Check("""
            using Rides;
            interface IHandler<T>
            {
                void Handle(T message);
            }

            sealed class FareRelay : IHandler<int>
            {
                public void Handle(int message) => InsurerFeed.Submit(message);
            }

            sealed class LengthLog : IHandler<string>
            {
                public int Total;
                public void Handle(string message) => Total += message.Length;
            }

            sealed class LostItemDesk
            {
                private readonly IHandler<string> _out;
                public LostItemDesk(IHandler<string> output) => _out = output;
                public void Notify(Rider r) => _out.Handle(r.Phone);
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Covariant_list_of_riders_passed_as_objects_is_reported_at_the_callers_argument() => Check("""
            using System.Collections.Generic;
            using Rides;
            static class BulkExporter
            {
                public static void ShipAll(IEnumerable<object> items)
                {
                    foreach (var item in items)
                    {
                        InsurerFeed.Submit(item);
                    }
                }
            }

            sealed class Quarterly
            {
                public void Close(List<Rider> riders) => BulkExporter.ShipAll({|#0:riders|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Covariant_list_of_trip_legs_passed_as_objects_is_clean() => Check("""
            using System.Collections.Generic;
            using Rides;
            static class BulkExporter
            {
                public static void ShipAll(IEnumerable<object> items)
                {
                    foreach (var item in items)
                    {
                        InsurerFeed.Submit(item);
                    }
                }
            }

            sealed class Quarterly
            {
                public void Close(List<TripLeg> legs) => BulkExporter.ShipAll(legs);
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Covariant_sequence_of_identity_interface_elements_is_reported_inside() => Check("""
            using System.Collections.Generic;
            using Rides;
            using Subscribers;
            static class Broadcast
            {
                public static void Outage(IEnumerable<ISubscriber> affected, string text)
                {
                    foreach (var s in affected)
                    {
                        InsurerFeed.SubmitText({|#0:s.Msisdn + " " + text|});
                    }
                }
            }

            sealed class Noc
            {
                public void Declare(List<PrepaidSubscriber> subscribers) => Broadcast.Outage(subscribers, "outage");
            }
            """ + Subscribers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_generic_cache_set_in_one_class_is_reported_where_another_sends_it() => Check("""
            using Rides;
            static class Cache<T>
            {
                public static T? Current;
            }

            sealed class LoginFlow
            {
                public void SignIn(Rider r) => Cache<string>.Current = r.Email;
            }

            sealed class NightlyExport
            {
                public void Export() => InsurerFeed.SubmitText({|#0:Cache<string>.Current ?? ""|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_generic_cache_of_another_type_argument_is_clean() => Check("""
            using System;
            using Rides;
            static class Cache<T>
            {
                public static T? Current;
            }

            sealed class LoginFlow
            {
                public void SignIn(Rider r)
                {
                    Cache<string>.Current = r.Email;
                    Cache<Uri>.Current = new Uri("https://status.rides.example/ok");
                }
            }

            sealed class NightlyExport
            {
                public void Export() => InsurerFeed.SubmitText(Cache<Uri>.Current?.AbsoluteUri ?? "");
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Static_generic_cache_of_the_same_type_argument_set_beside_another_is_reported() => Check("""
            using System;
            using Rides;
            static class Cache<T>
            {
                public static T? Current;
            }

            sealed class LoginFlow
            {
                public void SignIn(Rider r)
                {
                    Cache<Uri>.Current = new Uri("https://status.rides.example/ok");
                    Cache<string>.Current = r.Email;
                }
            }

            sealed class NightlyExport
            {
                public void Export() => InsurerFeed.SubmitText({|#0:Cache<string>.Current ?? ""|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_generic_cache_set_by_its_own_generic_code_is_reported_where_a_construction_is_read() => Check("""
            using System;
            using Rides;
            static class Cache<T>
            {
                public static T? Current;

                public static void Put(T value) => Current = value;
            }

            sealed class LoginFlow
            {
                public void SignIn(Rider r)
                {
                    Cache<string>.Put(r.Email);
                    Cache<Uri>.Current = new Uri("https://status.rides.example/ok");
                }
            }

            sealed class NightlyExport
            {
                public void Export() => InsurerFeed.SubmitText({|#0:Cache<string>.Current ?? ""|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_generic_cache_set_through_a_construction_is_reported_where_its_own_generic_code_sends_it() => Check("""
            using System;
            using Rides;
            static class Cache<T>
            {
                public static T? Current;

                public static void Flush() => InsurerFeed.SubmitText({|#0:Current?.ToString() ?? ""|});
            }

            sealed class LoginFlow
            {
                public void SignIn(Rider r)
                {
                    Cache<string>.Current = r.Email;
                    Cache<Uri>.Current = new Uri("https://status.rides.example/ok");
                }
            }

            sealed class NightlyExport
            {
                public void Export() => Cache<string>.Flush();
            }
            """ + Rides, withPrelude: false, Min001(0));

        // ---------------------------------------------------------------- structs and value semantics

        private const string Drafts = """

            struct Draft
            {
                public string To;
                public int Retries;
            }
            """;

        [Fact]
        public Task Struct_copy_keeps_the_email_when_the_original_is_overwritten() => Check("""
            using Rides;
            sealed class ReceiptMailer
            {
                public void Send(Rider r)
                {
                    var original = new Draft { To = r.Email, Retries = 0 };
                    var copy = original;
                    original.To = "redacted@rides.example";
                    InsurerFeed.SubmitText({|#0:copy.To|});
                }
            }
            """ + Drafts + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Struct_original_is_clean_when_only_its_copy_is_given_the_email() => Check("""
            using Rides;
            sealed class ReceiptMailer
            {
                public void Send(Rider r)
                {
                    var original = new Draft { To = "ops@rides.example" };
                    var copy = original;
                    copy.To = r.Email;
                    copy.Retries++;
                    InsurerFeed.SubmitText(original.To);
                }
            }
            """ + Drafts + Rides, withPrelude: false);

        private const string PhoneNumbers = """

            readonly struct PhoneNumber
            {
                public PhoneNumber(string raw) => Raw = raw;
                public string Raw { get; }
                public string Masked() => Raw[..4] + new string('*', Raw.Length - 4);
                [Minimization.Minimizer] public string CountryCode() => Raw.StartsWith("+44") ? "+44" : "other";
            }
            """;

        [Fact]
        public Task Readonly_struct_partial_mask_is_reported_at_the_call() => Check("""
            using Rides;
            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var number = new PhoneNumber(r.Phone);
                    InsurerFeed.SubmitText({|#0:number.Masked()|});
                }
            }
            """ + PhoneNumbers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Readonly_struct_instance_minimizer_is_clean() => Check("""
            using Rides;
            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var number = new PhoneNumber(r.Phone);
                    InsurerFeed.SubmitText(number.CountryCode());
                }
            }
            """ + PhoneNumbers + Rides, withPrelude: false);

        private const string Resolver = """

            static class ContactResolver
            {
                public static bool TryResolve(Rides.Rider r, out string contact, out int attempts)
                {
                    contact = r.Phone.Length > 0 ? r.Phone : r.Email;
                    attempts = 1;
                    return contact.Length > 0;
                }
            }
            """;

        [Fact]
        public Task Out_parameter_written_with_a_contact_is_reported_where_the_caller_sends_it() => Check("""
            using Rides;
            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    if (ContactResolver.TryResolve(r, out var contact, out _))
                    {
                        InsurerFeed.SubmitText({|#0:contact|});
                    }
                }
            }
            """ + Resolver + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Scalar_out_parameter_beside_a_contact_is_clean() => Check("""
            using Rides;
            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    if (ContactResolver.TryResolve(r, out _, out var attempts))
                    {
                        InsurerFeed.Submit(attempts);
                    }
                }
            }
            """ + Resolver + Rides, withPrelude: false);

        [Fact]
        public Task Ref_parameter_written_with_a_phone_is_reported_where_the_caller_sends_it() => Check("""
            using Rides;
            static class CallbackFiller
            {
                public static void Fill(Rider r, ref string target) => target = r.Phone;
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    string callback = "";
                    CallbackFiller.Fill(r, ref callback);
                    InsurerFeed.SubmitText({|#0:callback|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Ref_parameter_overwritten_with_a_minimizer_result_is_clean() => Check("""
            using Rides;
            static class Scrubber
            {
                public static void Scrub(ref string value) => value = Tokens.Of(value);
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var contact = r.Email;
                    Scrubber.Scrub(ref contact);
                    InsurerFeed.SubmitText(contact);
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Assignment_through_a_ref_return_into_a_field_is_reported_where_the_field_is_read_and_sent() => Check("""
            using Rides;
            sealed class LastContact
            {
                private string _value = "";
                public ref string Slot() => ref _value;
                public string Peek() => _value;
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var last = new LastContact();
                    last.Slot() = r.Email;
                    InsurerFeed.SubmitText({|#0:last.Peek()|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Assignment_through_a_ref_return_into_another_field_than_the_one_sent_is_clean() => Check("""
            using Rides;
            sealed class LastContact
            {
                private string _value = "";
                private string _previous = "";
                public ref string Slot() => ref _previous;
                public string Peek() => _value;
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var last = new LastContact();
                    last.Slot() = r.Email;
                    InsurerFeed.SubmitText(last.Peek());
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Assignment_through_a_ref_return_of_a_minimized_email_is_clean() => Check("""
            using Rides;
            sealed class LastContact
            {
                private string _value = "";
                public ref string Slot() => ref _value;
                public string Peek() => _value;
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var last = new LastContact();
                    last.Slot() = Tokens.Of(r.Email);
                    InsurerFeed.SubmitText(last.Peek());
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Assignment_through_a_ref_local_bound_to_a_ref_return_is_reported_where_the_field_is_read_and_sent() => Check("""
            using Rides;
            sealed class LastContact
            {
                private string _value = "";
                public ref string Slot() => ref _value;
                public string Peek() => _value;
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var last = new LastContact();
                    ref string slot = ref last.Slot();
                    slot = r.Phone;
                    InsurerFeed.SubmitText({|#0:last.Peek()|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Ref_local_bound_to_a_ref_return_and_read_without_a_store_is_clean() => Check("""
            using Rides;
            sealed class LastContact
            {
                private string _value = "";
                public ref string Slot() => ref _value;
                public string Peek() => _value;
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var last = new LastContact();
                    ref string slot = ref last.Slot();
                    var tier = r.Tier + slot;
                    InsurerFeed.SubmitText(last.Peek() + tier);
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Assignment_through_a_ref_return_in_one_method_is_reported_where_another_sends_the_field() => Check("""
            using Rides;
            sealed class LastContact
            {
                private string _value = "";
                private string _label = "";
                public ref string Slot() => ref _value;
                public ref string Label() => ref _label;
                public string Peek() => _value;
                public string PeekLabel() => _label;
            }

            sealed class CallbackExport
            {
                private readonly LastContact _last = new LastContact();

                public void Remember(Rider r)
                {
                    _last.Slot() = r.Email;
                    _last.Label() = r.Tier;
                }

                public void Export()
                {
                    InsurerFeed.SubmitText(_last.PeekLabel());
                    InsurerFeed.SubmitText({|#0:_last.Peek()|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Store_through_a_ref_local_bound_to_a_field_is_reported_where_another_method_sends_the_field() => Check("""
            using Rides;
            sealed class CallbackExport
            {
                private string _last = "";
                private string _tier = "";

                public void Remember(Rider r)
                {
                    ref string slot = ref _last;
                    slot = r.Email;
                    ref string tier = ref _tier;
                    tier = r.Tier;
                }

                public void Export()
                {
                    InsurerFeed.SubmitText(_tier);
                    InsurerFeed.SubmitText({|#0:_last|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Assignment_through_a_ref_returned_array_element_is_reported_where_the_ring_is_read_and_sent() => Check("""
            using Rides;
            sealed class ContactRing
            {
                private readonly string[] _slots = new string[4];
                public ref string At(int i) => ref _slots[i & 3];
                public string Oldest() => _slots[0];
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var ring = new ContactRing();
                    ring.At(1) = r.Phone;
                    InsurerFeed.SubmitText({|#0:ring.Oldest()|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Assignment_through_a_ref_returned_array_element_of_a_minimized_phone_is_clean() => Check("""
            using Rides;
            sealed class ContactRing
            {
                private readonly string[] _slots = new string[4];
                public ref string At(int i) => ref _slots[i & 3];
                public string Oldest() => _slots[0];
            }

            sealed class CallbackExport
            {
                public void Run(Rider r)
                {
                    var ring = new ContactRing();
                    ring.At(1) = Tokens.Of(r.Phone);
                    InsurerFeed.SubmitText(ring.Oldest());
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Tuple_swap_of_two_fields_moves_the_email_into_the_sent_field() => Check("""
            using Rides;
            sealed class ContactPair
            {
                public string Primary = "";
                public string Secondary = "";
            }

            sealed class PreferenceFlip
            {
                public void Flip(Rider r)
                {
                    var pair = new ContactPair { Primary = "ops", Secondary = r.Email };
                    (pair.Primary, pair.Secondary) = (pair.Secondary, pair.Primary);
                    InsurerFeed.SubmitText({|#0:pair.Primary|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Nullable_identity_struct_member_read_with_a_null_conditional_is_identity() => Check("""
            using Geo;
            using Rides;
            sealed class Tracker
            {
                public GeoFix? LastFix { get; set; }
            }

            sealed class LastSeenExport
            {
                public void Report(Tracker tracker)
                {
                    GeoFix? last = tracker.LastFix;
                    InsurerFeed.Submit({|#0:last?.Lat|});
                }
            }
            """ + Geo + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Type_switch_with_a_when_clause_returning_the_email_is_reported_at_the_call() => Check("""
            using Minimization;
            using Rides;
            abstract record RideEvent;
            sealed record Signup([property: IdentityBearing(IdentityCategory.Email)] string Email, string Plan) : RideEvent;
            sealed record Ping(string Node) : RideEvent;

            static class EventText
            {
                public static string Render(RideEvent e) => e switch
                {
                    Signup s when s.Plan != "trial" => "paid signup " + s.Email,
                    Signup => "trial signup",
                    Ping p => "ping from " + p.Node,
                    _ => "",
                };
            }

            sealed class EventForwarder
            {
                public void Forward(RideEvent e) => InsurerFeed.SubmitText({|#0:EventText.Render(e)|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Type_switch_returning_only_plans_and_nodes_is_clean() => Check("""
            using Minimization;
            using Rides;
            abstract record RideEvent;
            sealed record Signup([property: IdentityBearing(IdentityCategory.Email)] string Email, string Plan) : RideEvent;
            sealed record Ping(string Node) : RideEvent;

            static class EventText
            {
                public static string Render(RideEvent e) => e switch
                {
                    Signup s when s.Email.Length > 0 => "signup on " + s.Plan,
                    Ping p => "ping from " + p.Node,
                    _ => "",
                };
            }

            sealed class EventForwarder
            {
                public void Forward(RideEvent e) => InsurerFeed.SubmitText(EventText.Render(e));
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Dynamic_call_on_an_email_cast_back_to_string_is_reported() => Check("""
            using Rides;
            sealed class LegacyBridge
            {
                public void Run(Rider r)
                {
                    dynamic raw = r.Email;
                    InsurerFeed.SubmitText({|#0:(string)raw.ToUpperInvariant()|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Dynamic_zone_beside_a_dynamic_email_is_clean() => Check("""
            using Rides;
            sealed class LegacyBridge
            {
                public void Run(Rider r, TripLeg trip)
                {
                    dynamic zone = trip.Zone;
                    dynamic contact = r.Email;
                    InsurerFeed.SubmitText((string)zone);
                }
            }
            """ + Rides, withPrelude: false);

        // ---------------------------------------------------------------- inheritance and object state

        private const string Notifications = """

            abstract class Notification
            {
                protected Notification(string recipient) => Recipient = recipient;
                protected string Recipient { get; }
                protected int Priority { get; init; } = 3;
            }
            """;

        [Fact]
        public Task Base_constructor_storing_a_phone_is_reported_where_the_derived_class_sends_it() => Check("""
            using Rides;
            sealed class SmsNotification : Notification
            {
                public SmsNotification(Rider r) : base(r.Phone) { }
                public void Dispatch() => InsurerFeed.SubmitText({|#0:"sms:" + Recipient|});
            }

            sealed class Dispatcher
            {
                public void Notify(Rider r) => new SmsNotification(r).Dispatch();
            }
            """ + Notifications + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Derived_class_sending_only_the_scalar_priority_is_clean() => Check("""
            using Rides;
            sealed class SmsNotification : Notification
            {
                public SmsNotification(Rider r) : base(r.Phone) { }
                public void Dispatch() => InsurerFeed.Submit(Priority);
            }

            sealed class Dispatcher
            {
                public void Notify(Rider r) => new SmsNotification(r).Dispatch();
            }
            """ + Notifications + Rides, withPrelude: false);

        [Fact]
        public Task Protected_field_set_by_a_base_method_is_reported_where_a_derived_method_sends_it() => Check("""
            using Rides;
            abstract class Exporter
            {
                protected string _lastContact = "";
                public void Remember(Rider r) => _lastContact = r.Email;
            }

            sealed class InsurerExporter : Exporter
            {
                public void Flush() => InsurerFeed.SubmitText({|#0:"last=" + _lastContact|});
            }

            sealed class EndOfDay
            {
                public void Close(Rider r)
                {
                    var exporter = new InsurerExporter();
                    exporter.Remember(r);
                    exporter.Flush();
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_setter_normalizing_into_a_backing_field_keeps_the_email() => Check("""
            using Rides;
            sealed class ContactForm
            {
                private string _email = "";
                public string Email { get => _email; set => _email = value.Trim().ToLowerInvariant(); }
            }

            sealed class FormExport
            {
                public void Run(Rider r)
                {
                    var form = new ContactForm { Email = r.Email };
                    InsurerFeed.SubmitText({|#0:form.Email|});
                }
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_setter_minimizing_into_a_backing_field_is_clean() => Check("""
            using Rides;
            sealed class ContactForm
            {
                private string _token = "";
                public string Contact { get => _token; set => _token = Tokens.Of(value); }
            }

            sealed class FormExport
            {
                public void Run(Rider r)
                {
                    var form = new ContactForm();
                    form.Contact = r.Email;
                    InsurerFeed.SubmitText(form.Contact);
                }
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Lazy_value_built_from_a_captured_rider_is_reported_where_the_object_sends_it() => Check("""
            using System;
            using Rides;
            sealed class ContactCard
            {
                private readonly Lazy<string> _line;
                public ContactCard(Rider r) => _line = new Lazy<string>(() => $"{r.Nickname} <{r.Email}>");
                public void Publish() => InsurerFeed.SubmitText({|#0:_line.Value|});
            }

            sealed class CardDesk
            {
                public void Share(Rider r) => new ContactCard(r).Publish();
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Lazy_value_built_from_a_token_and_a_tier_is_clean() => Check("""
            using System;
            using Rides;
            sealed class ContactCard
            {
                private readonly Lazy<string> _line;
                public ContactCard(Rider r) => _line = new Lazy<string>(() => Tokens.Of(r.Email) + " / " + r.Tier);
                public void Publish() => InsurerFeed.SubmitText(_line.Value);
            }

            sealed class CardDesk
            {
                public void Share(Rider r) => new ContactCard(r).Publish();
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Coalescing_cache_of_a_greeting_is_reported_where_it_is_sent() => Check("""
            using Minimization;
            using Rides;
            sealed class Profile
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; init; } = "";
                private string? _greeting;
                public string Greeting => _greeting ??= $"Hello {Email}";
            }

            sealed class GreetingExport
            {
                public void Run(Profile profile) => InsurerFeed.SubmitText({|#0:profile.Greeting|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Coalescing_cache_of_a_token_is_clean() => Check("""
            using Minimization;
            using Rides;
            sealed class Profile
            {
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; init; } = "";
                private string? _token;
                public string Token => _token ??= Tokens.Of(Email);
            }

            sealed class GreetingExport
            {
                public void Run(Profile profile) => InsurerFeed.SubmitText(profile.Token);
            }
            """ + Rides, withPrelude: false);

        [Fact]
        public Task Static_marker_only_ever_assigned_a_token_or_a_zone_is_clean() => Check("""
            using Rides;
            static class LastExport
            {
                public static string Marker = "";
            }

            sealed class Exporter
            {
                public void Mark(Rider r, TripLeg trip)
                {
                    LastExport.Marker = Tokens.Of(r.Email);
                    LastExport.Marker = trip.Zone;
                }
            }

            sealed class Heartbeat
            {
                public void Beat() => InsurerFeed.SubmitText(LastExport.Marker);
            }
            """ + Rides, withPrelude: false);

        private const string ContactBook = """

            sealed class ContactBook
            {
                private readonly System.Collections.Generic.Dictionary<string, string> _entries = new();

                public string this[string key]
                {
                    get => _entries.TryGetValue(key, out var value) ? value : "";
                    set => _entries[key] = value;
                }
            }
            """;

        [Fact]
        public Task Own_indexer_storing_an_email_is_reported_where_it_is_read_back() => Check("""
            using Rides;
            sealed class BookExport
            {
                public void Run(Rider r)
                {
                    var book = new ContactBook();
                    book["primary"] = r.Email;
                    InsurerFeed.SubmitText({|#0:book["primary"]|});
                }
            }
            """ + ContactBook + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Own_indexer_storing_only_tokens_and_zones_is_clean() => Check("""
            using Rides;
            sealed class BookExport
            {
                public void Run(Rider r, TripLeg trip)
                {
                    var book = new ContactBook();
                    book["primary"] = Tokens.Of(r.Email);
                    book["zone"] = trip.Zone;
                    InsurerFeed.SubmitText(book["primary"]);
                }
            }
            """ + ContactBook + Rides, withPrelude: false);

        [Fact]
        public Task IdentityBearing_indexer_is_a_source() => Check("""
            using System.Collections.Generic;
            using Minimization;
            using Rides;
            sealed class Roster
            {
                private readonly List<string> _names = new();

                [IdentityBearing(IdentityCategory.Name)]
                public string this[int seat] => seat < _names.Count ? _names[seat] : "";
            }

            sealed class RosterExport
            {
                public void Run(Roster roster) => InsurerFeed.SubmitText({|#0:roster[0]|});
            }
            """ + Rides, withPrelude: false, Min001(0));

        private const string Dialers = """

            sealed class Dialer
            {
                private readonly System.Collections.Generic.List<System.Action<string>> _handlers = new();

                public event System.Action<string> Dialed
                {
                    add => _handlers.Add(value);
                    remove => _handlers.Remove(value);
                }

                public void Dial(string number)
                {
                    foreach (var handler in _handlers)
                    {
                        handler(number);
                    }
                }
            }

            sealed class InsurerBridge
            {
                public InsurerBridge(Dialer dialer) => dialer.Dialed += number => Rides.InsurerFeed.SubmitText(number);
            }
            """;

        [Fact]
        public Task Custom_event_raised_with_a_phone_is_reported_at_the_published_argument() => Check("""
            using Rides;
            sealed class Switchboard
            {
                public void Call(Dialer dialer, Rider r) => dialer.Dial({|#0:r.Phone|});
            }
            """ + Dialers + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Custom_event_raised_with_an_operations_line_is_clean() => Check("""
            using Rides;
            sealed class Switchboard
            {
                public void Call(Dialer dialer, TripLeg trip) => dialer.Dial("ops line " + trip.Zone);
            }
            """ + Dialers + Rides, withPrelude: false);

        private const string Shipments = """

            sealed class Recipient
            {
                public string Name { get; set; } = "";
                public string Locale { get; set; } = "";
            }

            sealed class Parcel
            {
                public int WeightGrams { get; set; }
            }

            sealed class Shipment
            {
                public string Reference { get; init; } = "";
                public Recipient To { get; } = new();
                public Parcel Parcel { get; } = new();
            }
            """;

        [Fact]
        public Task Nested_object_initializer_carries_the_name_into_the_nested_member() => Check("""
            using Rides;
            sealed class LostPropertyReturn
            {
                public void Ship(Rider r)
                {
                    var shipment = new Shipment { Reference = "S-1", To = { Name = r.Nickname, Locale = "de" }, Parcel = { WeightGrams = 1200 } };
                    InsurerFeed.SubmitText({|#0:shipment.To.Name|});
                }
            }
            """ + Shipments + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Nested_object_initializer_scalar_of_the_other_nested_object_is_clean() => Check("""
            using Rides;
            sealed class LostPropertyReturn
            {
                public void Ship(Rider r)
                {
                    var shipment = new Shipment { Reference = "S-1", To = { Name = r.Nickname, Locale = "de" }, Parcel = { WeightGrams = 1200 } };
                    InsurerFeed.Submit(shipment.Parcel.WeightGrams);
                }
            }
            """ + Shipments + Rides, withPrelude: false);

        private const string Tickets = """

            sealed class LostItemTicket
            {
                public LostItemTicket() { }

                public LostItemTicket(LostItemTicket other)
                {
                    Contact = other.Contact;
                    Priority = other.Priority;
                }

                public string Contact { get; set; } = "";
                public int Priority { get; set; }

                public static LostItemTicket Redacted(LostItemTicket other) => new() { Contact = "redacted", Priority = other.Priority };

                public LostItemTicket Clone() => (LostItemTicket)MemberwiseClone();
            }
            """;

        [Fact]
        public Task Copy_constructor_carries_the_contact_into_the_copy() => Check("""
            using Rides;
            sealed class TicketDesk
            {
                public void Escalate(Rider r)
                {
                    var original = new LostItemTicket { Contact = r.Email, Priority = 2 };
                    var copy = new LostItemTicket(original);
                    InsurerFeed.SubmitText({|#0:copy.Contact|});
                }
            }
            """ + Tickets + Rides, withPrelude: false, Min001(0));

        [Fact]
        public Task Redacting_copy_factory_is_clean() => Check("""
            using Rides;
            sealed class TicketDesk
            {
                public void Escalate(Rider r)
                {
                    var original = new LostItemTicket { Contact = r.Email, Priority = 2 };
                    var copy = LostItemTicket.Redacted(original);
                    InsurerFeed.SubmitText(copy.Contact);
                }
            }
            """ + Tickets + Rides, withPrelude: false);

        [Fact]
        public Task MemberwiseClone_carries_the_contact_into_the_clone() => Check("""
            using Rides;
            sealed class TicketDesk
            {
                public void Escalate(Rider r)
                {
                    var original = new LostItemTicket { Contact = r.Phone };
                    InsurerFeed.SubmitText({|#0:original.Clone().Contact|});
                }
            }
            """ + Tickets + Rides, withPrelude: false, Min001(0));
    }
}
