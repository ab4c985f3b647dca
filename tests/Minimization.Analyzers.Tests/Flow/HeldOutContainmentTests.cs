using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: "How identity travels", MIN001 and the Readings,
    /// Readings 5, 10 and 11 above all): containment versus identity in realistic application code. An object whose type is
    /// not identity-bearing holds identity in one member; the probe asks which of its members carry identity when read (the
    /// member written; a string, nested object, collection or array member; the object's <c>ToString()</c>; the whole
    /// object) and which stay clean (numbers, <c>Guid</c>, <c>bool</c>, enums, dates and <c>TimeSpan</c> members, unless they
    /// are annotated or belong to an identity-bearing type; a member read before the identity was written). It covers
    /// library results found by an identity argument (a user found by e-mail: its <c>Guid</c> and counters are clean, its
    /// strings, lists, nested profile and <c>ToString()</c> are not), library receivers that do not carry identity afterwards
    /// (a client, a factory, a context, a tracing span) against collections, builders, streams and writers that do
    /// (<c>List.Add</c>, the <c>Dictionary</c> indexer, <c>StringBuilder.Append</c>, <c>Stream.Write</c>,
    /// <c>TextWriter.Write</c>), dictionaries keyed by identity with scalar values and <c>KeyValuePair</c> members, tuples,
    /// positional records, structs, nested containers, an HTTP-request-like class, a <c>Uri</c> built from identity, and
    /// scalars computed from identity (a comparison is clean; an unkeyed hash or a parsed <c>Guid</c> is not). Every reported
    /// shape has a near-miss twin that stays clean, and every clean one a reported twin. The library is a separately
    /// compiled assembly (code without source). Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutContainmentTests
    {
        /// <summary>A library without source: a user store, a directory client, a connection factory, a request context, a tracer.</summary>
        private static readonly MetadataReference AccountsLibrary = CompileLibrary("Acme.Accounts", """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Acme.Accounts
            {
                public enum AccountStatus { Active, Locked, Closed }

                public sealed class UserProfile
                {
                    public string City { get; set; } = "";
                    public int Age { get; set; }
                }

                public sealed class AppUser
                {
                    public Guid Id { get; set; }
                    public string UserName { get; set; } = "";
                    public int LoginCount { get; set; }
                    public bool EmailConfirmed { get; set; }
                    public AccountStatus Status { get; set; }
                    public DateTime CreatedUtc { get; set; }
                    public TimeSpan SessionLength { get; set; }
                    public IReadOnlyList<string> Roles { get; set; } = Array.Empty<string>();
                    public UserProfile Profile { get; set; } = new UserProfile();
                }

                public sealed class UserStore
                {
                    public Task<AppUser?> FindByEmailAsync(string email) => Task.FromResult<AppUser?>(null);
                    public AppUser? FindByName(string userName) => null;
                }

                public sealed class DirectoryClient
                {
                    public void Authenticate(string userName) { }
                    public string GetRegion() => "eu-west";
                    public string BaseAddress => "https://directory.example/";
                    public Task<string> LookupAsync(string email) => Task.FromResult("");
                }

                public sealed class Connection
                {
                    public Connection(string name) { Name = name; }
                    public string Name { get; }
                    public int Id => 1;
                }

                public sealed class ConnectionFactory
                {
                    public void RegisterOwner(string owner) { }
                    public Connection Create(string name) => new Connection(name);
                }

                public sealed class RequestContext
                {
                    public void SetUser(string user) { }
                    public string TraceId => "00-abc";
                    public Guid RequestId => Guid.Empty;
                }

                public sealed class TraceSpan : IDisposable
                {
                    public string Name { get; set; } = "";
                    public void SetTag(string key, string value) { }
                    public void Dispose() { }
                }

                public sealed class Tracer
                {
                    public TraceSpan StartSpan(string name) => new TraceSpan { Name = name };
                }
            }
            """);

        private static MetadataReference CompileLibrary(string name, string source)
        {
            var compilation = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                Basic.Reference.Assemblies.Net100.References.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new System.IO.MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return MetadataReference.CreateFromImage(stream.ToArray());
        }

        private static async Task Run(string program, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = Header + Filled(program) };
            test.TestState.AdditionalReferences.Add(AccountsLibrary);
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        /// <summary>The shared domain: containers that are not identity-bearing, one identity-bearing type, the sinks, a minimizer.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading.Tasks;
            using Acme.Accounts;
            using Minimization;

            internal enum Tier { Bronze, Silver, Gold }

            internal sealed class HomeAddress
            {
                public string Street { get; set; } = "";
                public int Floor { get; set; }
            }

            internal sealed class ContactCard
            {
                public Guid Id { get; set; } = Guid.NewGuid();
                public int Version { get; set; }
                public bool Verified { get; set; }
                public Tier Tier { get; set; }
                public DateTime UpdatedAt { get; set; }
                public TimeSpan Ttl { get; set; }
                public decimal Balance { get; set; }
                public string Email { get; set; } = "";
                public List<string> Aliases { get; } = new();
                public string[] Tags { get; set; } = Array.Empty<string>();
                public HomeAddress Home { get; } = new();
                [IdentityBearing(IdentityCategory.Timestamp)] public DateTime LastSeen { get; set; }
            }

            [IdentityBearing]
            internal sealed class Patient
            {
                public int Age { get; set; }
                public Guid Id { get; set; }
                [NonIdentifying] public int Ward { get; set; }
            }

            internal sealed class CustomerInfo
            {
                public string Email { get; set; } = "";
                public int OrderCount { get; set; }
            }

            internal sealed class Order
            {
                public Guid Id { get; set; } = Guid.NewGuid();
                public decimal Total { get; set; }
                public CustomerInfo Customer { get; set; } = new();
            }

            internal sealed record Signup(string Email, Guid Id, DateTime SignedUpAt, bool Marketing);

            internal struct DevicePing
            {
                public string Device;
                public int Accuracy;
                public DateTime At;
            }

            internal sealed class OutboundRequest
            {
                public Uri Endpoint { get; set; } = new Uri("https://partner.example/v1/events");
                public Dictionary<string, string> Headers { get; } = new();
                public string Body { get; set; } = "{}";
                public int RetryCount { get; set; }
                public Guid CorrelationId { get; } = Guid.NewGuid();
            }

            internal sealed class PartnerGateway
            {
                [PartnerShare("acme")] public void Send(OutboundRequest request) { }
            }

            internal sealed class PartnerPayload
            {
                [PartnerShare("acme")] public string Contact { get; set; } = "";
                [PartnerShare("acme")] public int Version { get; set; }
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Send(string value) { }
                [PartnerShare("acme")] public static void SendObject(object value) { }
                [PartnerShare("acme")] public static void SendId(Guid id) { }
                [PartnerShare("acme")] public static void SendCount(long value) { }
                [PartnerShare("acme")] public static void SendAmount(decimal value) { }
                [PartnerShare("acme")] public static void SendFlag(bool value) { }
                [PartnerShare("acme")] public static void SendTier(Tier tier) { }
                [PartnerShare("acme")] public static void SendStatus(AccountStatus status) { }
                [PartnerShare("acme")] public static void SendTime(DateTime at) { }
                [PartnerShare("acme")] public static void SendSpan(TimeSpan span) { }
                [PartnerShare("acme")] public static void SendBytes(byte[] data) { }
                [PartnerShare("acme")] public static void SendUri(Uri uri) { }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-2024");

                [Minimizer]
                public static string Hash(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));
                }
            }

            """;

        // =====================================================================================================
        // 1. A container written in one member: the member written and the whole object carry; scalars do not.
        // =====================================================================================================

        private const string CardProgram = """
            internal static class CardExport
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var card = new ContactCard { Version = 3, Verified = true, Tier = Tier.Gold, UpdatedAt = DateTime.UtcNow, Ttl = TimeSpan.FromDays(30), Balance = 12.5m };
                    card.Email = email;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Container_member_written_with_an_email_is_reported_when_read() => Run(
            CardProgram.Replace("$SEND", "Partner.Send({|#0:card.Email|});"), Min001(0));

        [Fact]
        public Task Container_guid_member_beside_the_email_is_clean() => Run(
            CardProgram.Replace("$SEND", "Partner.SendId(card.Id);"));

        [Fact]
        public Task Container_int_and_decimal_members_beside_the_email_are_clean() => Run(
            CardProgram.Replace("$SEND", "Partner.SendCount(card.Version); Partner.SendAmount(card.Balance);"));

        [Fact]
        public Task Container_bool_and_enum_members_beside_the_email_are_clean() => Run(
            CardProgram.Replace("$SEND", "Partner.SendFlag(card.Verified); Partner.SendTier(card.Tier);"));

        [Fact]
        public Task Container_date_and_timespan_members_beside_the_email_are_clean() => Run(
            CardProgram.Replace("$SEND", "Partner.SendTime(card.UpdatedAt); Partner.SendSpan(card.Ttl);"));

        [Fact]
        public Task Container_sent_whole_is_reported() => Run(
            CardProgram.Replace("$SEND", "Partner.SendObject({|#0:card|});"), Min001(0));

        [Fact]
        public Task Container_ToString_is_reported() => Run(
            CardProgram.Replace("$SEND", "Partner.Send({|#0:card.ToString()|});"), Min001(0));

        [Fact]
        public Task ToString_of_a_scalar_member_of_the_container_is_clean() => Run(
            CardProgram.Replace("$SEND", "Partner.Send(card.Version.ToString());"));

        [Fact]
        public Task Interpolation_mixing_the_email_member_with_scalars_is_reported() => Run(
            CardProgram.Replace("$SEND", "Partner.Send({|#0:$\"{card.Id}:{card.Version}:{card.Email}\"|});"), Min001(0));

        [Fact]
        public Task Interpolation_of_scalar_members_only_is_clean() => Run(
            CardProgram.Replace("$SEND", "Partner.Send($\"{card.Id}:{card.Version}:{card.UpdatedAt:O}:{card.Tier}\");"));

        [Fact]
        public Task Annotated_date_member_of_a_container_is_a_source_even_with_nothing_written() => Run(
            CardProgram.Replace("$SEND", "Partner.SendTime({|#0:card.LastSeen|});"), Min001(0));

        [Fact]
        public Task Uri_built_from_scalar_members_of_the_container_is_clean() => Run(
            CardProgram.Replace("$SEND", "using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($\"https://partner.example/cards/{card.Id}?v={card.Version}\")); Partner.SendObject(request);"));

        [Fact]
        public Task Http_request_built_from_a_uri_holding_the_email_member_is_reported() => Run(
            CardProgram.Replace("$SEND", "using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(\"https://partner.example/cards?email=\" + Uri.EscapeDataString(card.Email))); Partner.SendObject({|#0:request|});"), Min001(0));

        [Fact]
        public Task Container_email_assigned_to_a_partner_property_is_reported() => Run(
            CardProgram.Replace("$SEND", "var payload = new PartnerPayload(); payload.Contact = {|#0:card.Email|};"), Min001(0));

        [Fact]
        public Task Container_version_assigned_to_a_partner_property_is_clean() => Run(
            CardProgram.Replace("$SEND", "var payload = new PartnerPayload(); payload.Version = card.Version; payload.Contact = card.Id.ToString();"));

        // =====================================================================================================
        // 2. Members of types that can hold identity: a list, an array, a nested object; and their sizes.
        // =====================================================================================================

        private const string CardPartsProgram = """
            internal static class CardParts
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email, [IdentityBearing(IdentityCategory.Address)] string street)
                {
                    var card = new ContactCard { Version = 1 };
                    card.Aliases.Add(email);
                    card.Tags = new[] { "vip", email };
                    card.Home.Street = street;
                    card.Home.Floor = 4;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task List_member_filled_with_an_email_is_reported_when_sent() => Run(
            CardPartsProgram.Replace("$SEND", "Partner.SendObject({|#0:card.Aliases|});"), Min001(0));

        [Fact]
        public Task Count_of_the_list_member_holding_an_email_is_clean() => Run(
            CardPartsProgram.Replace("$SEND", "Partner.SendCount(card.Aliases.Count);"));

        [Fact]
        public Task Array_member_element_holding_an_email_is_reported() => Run(
            CardPartsProgram.Replace("$SEND", "Partner.Send({|#0:card.Tags[1]|});"), Min001(0));

        [Fact]
        public Task Length_of_the_array_member_holding_an_email_is_clean() => Run(
            CardPartsProgram.Replace("$SEND", "Partner.SendCount(card.Tags.Length);"));

        [Fact]
        public Task Nested_object_member_holding_an_address_is_reported_when_sent_whole() => Run(
            CardPartsProgram.Replace("$SEND", "Partner.SendObject({|#0:card.Home|});"), Min001(0));

        [Fact]
        public Task Int_member_of_the_nested_object_holding_an_address_is_clean() => Run(
            CardPartsProgram.Replace("$SEND", "Partner.SendCount(card.Home.Floor); Partner.SendCount(card.Version);"));

        // =====================================================================================================
        // 3. Order of reads and writes: a member read before the identity was written is clean.
        // =====================================================================================================

        private const string BeforeAfterProgram = """
            internal static class Rekey
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var card = new ContactCard();
                    card.Email = "pending@example.invalid";
                    $READ
                    Partner.Send($SENT);
                }
            }
            """;

        [Fact]
        public Task Member_read_before_the_email_was_written_is_clean() => Run(
            BeforeAfterProgram.Replace("$READ", "var previous = card.Email; card.Email = email;").Replace("$SENT", "previous"));

        [Fact]
        public Task Member_read_after_the_email_was_written_is_reported() => Run(
            BeforeAfterProgram.Replace("$READ", "card.Email = email; var current = card.Email;").Replace("$SENT", "{|#0:current|}"), Min001(0));

        // =====================================================================================================
        // 4. Identity-bearing types: scalars are sources there, unless [NonIdentifying].
        // =====================================================================================================

        private const string PatientProgram = """
            internal static class Referral
            {
                public static void Run(Patient patient)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Int_member_of_an_identity_bearing_type_is_reported() => Run(
            PatientProgram.Replace("$SEND", "Partner.SendCount({|#0:patient.Age|});"), Min001(0));

        [Fact]
        public Task Guid_member_of_an_identity_bearing_type_is_reported() => Run(
            PatientProgram.Replace("$SEND", "Partner.SendId({|#0:patient.Id|});"), Min001(0));

        [Fact]
        public Task NonIdentifying_int_member_of_an_identity_bearing_type_is_clean() => Run(
            PatientProgram.Replace("$SEND", "Partner.SendCount(patient.Ward);"));

        // =====================================================================================================
        // 5. Library results found by an identity argument (Reading 11): a container, not identity.
        // =====================================================================================================

        private const string FoundUserProgram = """
            internal sealed class AccountExport
            {
                private readonly UserStore _store = new();

                public async Task RunAsync([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var user = await _store.FindByEmailAsync(email);
                    if (user is null) return;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task String_member_of_a_user_found_by_email_is_reported() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.Send({|#0:user.UserName|});"), Min001(0));

        [Fact]
        public Task Guid_id_of_a_user_found_by_email_is_clean() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.SendId(user.Id);"));

        [Fact]
        public Task Counter_and_flag_of_a_user_found_by_email_are_clean() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.SendCount(user.LoginCount); Partner.SendFlag(user.EmailConfirmed);"));

        [Fact]
        public Task Enum_date_and_timespan_of_a_user_found_by_email_are_clean() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.SendStatus(user.Status); Partner.SendTime(user.CreatedUtc); Partner.SendSpan(user.SessionLength);"));

        [Fact]
        public Task User_found_by_email_sent_whole_is_reported() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.SendObject({|#0:user|});"), Min001(0));

        [Fact]
        public Task Role_list_of_a_user_found_by_email_is_reported() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.SendObject({|#0:user.Roles|});"), Min001(0));

        [Fact]
        public Task String_member_of_the_nested_profile_of_a_user_found_by_email_is_reported() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.Send({|#0:user.Profile.City|});"), Min001(0));

        [Fact]
        public Task Int_member_of_the_nested_profile_of_a_user_found_by_email_is_clean() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.SendCount(user.Profile.Age);"));

        [Fact]
        public Task Interpolated_user_found_by_email_is_reported_through_its_ToString() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.Send({|#0:$\"user {user}\"|});"), Min001(0));

        [Fact]
        public Task Interpolation_of_the_found_users_scalars_only_is_clean() => Run(
            FoundUserProgram.Replace("$SEND", "Partner.Send($\"{user.Id} logged in {user.LoginCount} times since {user.CreatedUtc:yyyy-MM}\");"));

        [Fact]
        public Task String_member_of_a_user_found_by_a_constant_name_is_clean() => Run("""
            internal sealed class AdminExport
            {
                private readonly UserStore _store = new();

                public void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var admin = _store.FindByName("admin");
                    if (admin is null) return;
                    Partner.Send(admin.UserName);
                }
            }
            """);

        // =====================================================================================================
        // 6. Library receivers that do not carry identity afterwards (Reading 10), against their results.
        // =====================================================================================================

        [Fact]
        public Task Client_authenticated_with_an_email_yields_a_clean_region_later() => Run("""
            internal static class DirectorySync
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var client = new DirectoryClient();
                    client.Authenticate(email);
                    string region = client.GetRegion();
                    Partner.Send(region);
                    Partner.Send(client.BaseAddress);
                }
            }
            """);

        [Fact]
        public Task Client_lookup_result_from_an_email_is_reported() => Run("""
            internal static class DirectorySync
            {
                public static async Task RunAsync([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var client = new DirectoryClient();
                    string profile = await client.LookupAsync(email);
                    Partner.Send({|#0:profile|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Connection_created_later_by_a_factory_given_an_email_owner_is_clean() => Run("""
            internal static class Connections
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var factory = new ConnectionFactory();
                    factory.RegisterOwner(email);
                    var connection = factory.Create("orders");
                    Partner.Send(connection.Name);
                    Partner.SendCount(connection.Id);
                }
            }
            """);

        [Fact]
        public Task Connection_created_from_an_email_carries_it_in_its_name() => Run("""
            internal static class Connections
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var factory = new ConnectionFactory();
                    var connection = factory.Create(email);
                    Partner.Send({|#0:connection.Name|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Request_context_given_the_user_yields_a_clean_trace_id_and_request_id() => Run("""
            internal static class Correlation
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var context = new RequestContext();
                    context.SetUser(email);
                    Partner.Send(context.TraceId);
                    Partner.SendId(context.RequestId);
                }
            }
            """);

        [Fact]
        public Task Tracing_span_tagged_with_an_email_keeps_a_clean_name() => Run("""
            internal static class Tracing
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var tracer = new Tracer();
                    using var span = tracer.StartSpan("partner-export");
                    span.SetTag("user", email);
                    Partner.Send(span.Name);
                }
            }
            """);

        [Fact]
        public Task Tracing_span_named_after_an_email_carries_it_in_its_name() => Run("""
            internal static class Tracing
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var tracer = new Tracer();
                    using var span = tracer.StartSpan("export " + email);
                    Partner.Send({|#0:span.Name|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 7. Collections, builders, streams and writers do carry what they were given (Reading 10); sizes stay clean.
        // =====================================================================================================

        private const string CollectorsProgram = """
            internal static class Collectors
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var recipients = new List<string>();
                    recipients.Add(email);
                    var text = new StringBuilder();
                    text.Append("to=").Append(email).Append(';');
                    using var buffer = new MemoryStream();
                    buffer.Write(Encoding.UTF8.GetBytes(email));
                    using var writer = new StringWriter();
                    writer.Write(email);
                    using var banner = new StringWriter();
                    banner.Write("weekly digest");
                    $SEND
                }
            }
            """;

        [Fact]
        public Task List_given_an_email_is_reported_when_sent() => Run(
            CollectorsProgram.Replace("$SEND", "Partner.SendObject({|#0:recipients|});"), Min001(0));

        [Fact]
        public Task Count_of_a_list_given_an_email_is_clean() => Run(
            CollectorsProgram.Replace("$SEND", "Partner.SendCount(recipients.Count);"));

        [Fact]
        public Task StringBuilder_appended_an_email_is_reported_through_ToString() => Run(
            CollectorsProgram.Replace("$SEND", "Partner.Send({|#0:text.ToString()|});"), Min001(0));

        [Fact]
        public Task Length_of_a_StringBuilder_appended_an_email_is_clean() => Run(
            CollectorsProgram.Replace("$SEND", "Partner.SendCount(text.Length);"));

        [Fact]
        public Task Stream_written_with_an_email_is_reported_through_ToArray() => Run(
            CollectorsProgram.Replace("$SEND", "Partner.SendBytes({|#0:buffer.ToArray()|});"), Min001(0));

        [Fact]
        public Task Length_of_a_stream_written_with_an_email_is_clean() => Run(
            CollectorsProgram.Replace("$SEND", "Partner.SendCount(buffer.Length);"));

        [Fact]
        public Task Writer_written_with_an_email_is_reported_through_ToString() => Run(
            CollectorsProgram.Replace("$SEND", "Partner.Send({|#0:writer.ToString()|});"), Min001(0));

        [Fact]
        public Task Second_writer_written_only_a_constant_is_clean() => Run(
            CollectorsProgram.Replace("$SEND", "Partner.Send(banner.ToString());"));

        // =====================================================================================================
        // 8. Dictionaries keyed by identity with scalar values; KeyValuePair members.
        // =====================================================================================================

        private const string VisitsProgram = """
            internal static class VisitReport
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var visits = new Dictionary<string, int>();
                    visits[email] = 3;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Key_of_a_dictionary_keyed_by_email_is_reported() => Run(
            VisitsProgram.Replace("$SEND", "foreach (var entry in visits) { Partner.Send({|#0:entry.Key|}); }"), Min001(0));

        [Fact]
        public Task Int_value_of_a_dictionary_keyed_by_email_is_clean_as_a_pair_member() => Run(
            VisitsProgram.Replace("$SEND", "foreach (var entry in visits) { Partner.SendCount(entry.Value); }"));

        [Fact]
        public Task Key_collection_of_a_dictionary_keyed_by_email_is_reported() => Run(
            VisitsProgram.Replace("$SEND", "Partner.SendObject({|#0:visits.Keys|});"), Min001(0));

        [Fact]
        public Task Count_of_a_dictionary_keyed_by_email_is_clean() => Run(
            VisitsProgram.Replace("$SEND", "Partner.SendCount(visits.Count);"));

        private const string EmailBookProgram = """
            internal sealed class EmailBook
            {
                private readonly Dictionary<Guid, string> _emails = new();

                public void Remember(Guid customerId, [IdentityBearing(IdentityCategory.Email)] string email) => _emails[customerId] = email;

                public void Export(Guid customerId)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Email_taken_out_of_a_field_dictionary_in_another_method_is_reported() => Run(
            EmailBookProgram.Replace("$SEND", "if (_emails.TryGetValue(customerId, out var email)) Partner.Send({|#0:email|});"), Min001(0));

        [Fact]
        public Task Guid_key_of_a_field_dictionary_holding_emails_is_clean_as_a_pair_member() => Run(
            EmailBookProgram.Replace("$SEND", "foreach (var entry in _emails) { Partner.SendId(entry.Key); } Partner.SendCount(_emails.Count);"));

        [Fact]
        public Task Email_value_of_a_field_dictionary_pair_is_reported() => Run(
            EmailBookProgram.Replace("$SEND", "foreach (var entry in _emails) { Partner.Send({|#0:entry.Value|}); }"), Min001(0));

        // =====================================================================================================
        // 9. Tuples, positional records, structs.
        // =====================================================================================================

        private const string TupleProgram = """
            internal static class TupleReport
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    (string Email, int Visits, DateTime LastVisit) row = (email, 4, DateTime.UtcNow);
                    var (mail, visits, last) = row;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Email_element_of_a_mixed_tuple_is_reported() => Run(
            TupleProgram.Replace("$SEND", "Partner.Send({|#0:row.Email|});"), Min001(0));

        [Fact]
        public Task Scalar_elements_of_a_mixed_tuple_are_clean() => Run(
            TupleProgram.Replace("$SEND", "Partner.SendCount(row.Visits); Partner.SendTime(row.LastVisit);"));

        [Fact]
        public Task Mixed_tuple_sent_whole_is_reported() => Run(
            TupleProgram.Replace("$SEND", "Partner.SendObject({|#0:row|});"), Min001(0));

        [Fact]
        public Task Deconstructed_scalars_of_a_mixed_tuple_are_clean_and_the_email_is_reported() => Run(
            TupleProgram.Replace("$SEND", "Partner.SendCount(visits); Partner.SendTime(last); Partner.Send({|#0:mail|});"), Min001(0));

        private const string SignupProgram = """
            internal static class SignupFeed
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var signup = new Signup(email, Guid.NewGuid(), DateTime.UtcNow, true);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Positional_record_email_member_is_reported() => Run(
            SignupProgram.Replace("$SEND", "Partner.Send({|#0:signup.Email|});"), Min001(0));

        [Fact]
        public Task Positional_record_scalar_members_are_clean() => Run(
            SignupProgram.Replace("$SEND", "Partner.SendId(signup.Id); Partner.SendTime(signup.SignedUpAt); Partner.SendFlag(signup.Marketing);"));

        [Fact]
        public Task Positional_record_synthesized_ToString_is_reported() => Run(
            SignupProgram.Replace("$SEND", "Partner.Send({|#0:signup.ToString()|});"), Min001(0));

        [Fact]
        public Task Record_copy_with_the_email_minimized_is_clean() => Run(
            SignupProgram.Replace("$SEND", "var shared = signup with { Email = Privacy.Hash(signup.Email) }; Partner.Send(shared.Email); Partner.SendId(shared.Id);"));

        [Fact]
        public Task Positional_record_deconstructed_reports_the_email_only() => Run(
            SignupProgram.Replace("$SEND", "var (mail, id, at, marketing) = signup; Partner.SendId(id); Partner.SendTime(at); Partner.SendFlag(marketing); Partner.Send({|#0:mail|});"), Min001(0));

        private const string PingProgram = """
            internal static class PingRelay
            {
                public static void Run([IdentityBearing(IdentityCategory.Imei)] string imei)
                {
                    var ping = new DevicePing { Device = imei, Accuracy = 12, At = DateTime.UtcNow };
                    var copy = ping;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Struct_field_written_with_an_imei_is_reported_through_a_copy() => Run(
            PingProgram.Replace("$SEND", "Partner.Send({|#0:copy.Device|});"), Min001(0));

        [Fact]
        public Task Struct_scalar_fields_beside_the_imei_are_clean() => Run(
            PingProgram.Replace("$SEND", "Partner.SendCount(ping.Accuracy); Partner.SendTime(copy.At);"));

        [Fact]
        public Task Struct_holding_an_imei_boxed_and_sent_is_reported() => Run(
            PingProgram.Replace("$SEND", "Partner.SendObject({|#0:ping|});"), Min001(0));

        // =====================================================================================================
        // 10. Nested containers: an order holding a customer holding an email.
        // =====================================================================================================

        private const string OrderProgram = """
            internal static class OrderFeed
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var order = new Order { Total = 99.90m };
                    order.Customer.Email = email;
                    order.Customer.OrderCount = 7;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Order_total_and_id_are_clean_when_its_customer_holds_an_email() => Run(
            OrderProgram.Replace("$SEND", "Partner.SendAmount(order.Total); Partner.SendId(order.Id);"));

        [Fact]
        public Task Email_of_the_customer_held_by_an_order_is_reported() => Run(
            OrderProgram.Replace("$SEND", "Partner.Send({|#0:order.Customer.Email|});"), Min001(0));

        [Fact]
        public Task Customer_held_by_an_order_sent_whole_is_reported() => Run(
            OrderProgram.Replace("$SEND", "Partner.SendObject({|#0:order.Customer|});"), Min001(0));

        [Fact]
        public Task Order_count_of_the_customer_held_by_an_order_is_clean() => Run(
            OrderProgram.Replace("$SEND", "Partner.SendCount(order.Customer.OrderCount);"));

        [Fact]
        public Task Order_holding_a_customer_with_an_email_sent_whole_is_reported() => Run(
            OrderProgram.Replace("$SEND", "Partner.SendObject({|#0:order|});"), Min001(0));

        // =====================================================================================================
        // 11. An HTTP-request-like class of our own, and a Uri built from identity.
        // =====================================================================================================

        private const string OutboundProgram = """
            internal static class Outbound
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var request = new OutboundRequest { RetryCount = 2 };
                    $HEADER
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Request_with_an_email_header_is_reported_when_sent() => Run(
            OutboundProgram.Replace("$HEADER", "request.Headers[\"X-Customer-Email\"] = email;").Replace("$SEND", "new PartnerGateway().Send({|#0:request|});"), Min001(0));

        [Fact]
        public Task Request_with_only_a_correlation_header_is_clean_when_sent() => Run(
            OutboundProgram.Replace("$HEADER", "request.Headers[\"X-Correlation-Id\"] = request.CorrelationId.ToString(); _ = email.Length;").Replace("$SEND", "new PartnerGateway().Send(request);"));

        [Fact]
        public Task Retry_count_and_correlation_id_of_a_request_with_an_email_header_are_clean() => Run(
            OutboundProgram.Replace("$HEADER", "request.Headers[\"X-Customer-Email\"] = email;").Replace("$SEND", "Partner.SendCount(request.RetryCount); Partner.SendId(request.CorrelationId);"));

        [Fact]
        public Task Header_value_read_back_from_a_request_is_reported() => Run(
            OutboundProgram.Replace("$HEADER", "request.Headers[\"X-Customer-Email\"] = email;").Replace("$SEND", "Partner.Send({|#0:request.Headers[\"X-Customer-Email\"]|});"), Min001(0));

        private const string UriProgram = """
            internal static class Lookup
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    var uri = new Uri("https://partner.example/lookup?email=" + Uri.EscapeDataString(email));
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Uri_built_from_an_email_is_reported() => Run(
            UriProgram.Replace("$SEND", "Partner.SendUri({|#0:uri|});"), Min001(0));

        [Fact]
        public Task Port_of_a_uri_built_from_an_email_is_clean() => Run(
            UriProgram.Replace("$SEND", "Partner.SendCount(uri.Port); Partner.SendFlag(uri.IsAbsoluteUri);"));

        // =====================================================================================================
        // 12. Scalars computed from identity: comparisons are clean; an unkeyed hash or a parsed id is not.
        // =====================================================================================================

        private const string ScalarsProgram = """
            internal static class Scoring
            {
                public static void Run([IdentityBearing(IdentityCategory.Email)] string email, [IdentityBearing(IdentityCategory.AccountId)] string accountId)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Bool_comparison_on_an_email_is_clean() => Run(
            ScalarsProgram.Replace("$SEND", "bool corporate = email.EndsWith(\"@corp.example\", StringComparison.OrdinalIgnoreCase); Partner.SendFlag(corporate);"));

        [Fact]
        public Task Enum_chosen_by_a_condition_on_an_email_is_clean() => Run(
            ScalarsProgram.Replace("$SEND", "Tier tier = email.EndsWith(\"@vip.example\") ? Tier.Gold : Tier.Bronze; Partner.SendTier(tier); Partner.SendCount(email.Length);"));

        [Fact]
        public Task Label_chosen_by_a_condition_on_an_email_that_embeds_it_is_reported() => Run(
            ScalarsProgram.Replace("$SEND", "string label = email.EndsWith(\"@vip.example\") ? \"gold:\" + email : \"bronze\"; Partner.Send({|#0:label|});"), Min001(0));

        [Fact]
        public Task Int_from_an_unkeyed_hash_of_an_email_is_reported() => Run(
            ScalarsProgram.Replace("$SEND", "int bucket = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(email))); Partner.SendCount({|#0:bucket|});"), Min001(0));

        [Fact]
        public Task Guid_parsed_from_an_account_id_is_reported() => Run(
            ScalarsProgram.Replace("$SEND", "Guid id = Guid.Parse(accountId); Partner.SendId({|#0:id|});"), Min001(0));

        [Fact]
        public Task Fresh_guid_beside_an_account_id_is_clean() => Run(
            ScalarsProgram.Replace("$SEND", "Guid id = Guid.NewGuid(); var pair = (accountId, id); Partner.SendId(pair.id);"));

        // =====================================================================================================
        // 13. A container held in a field, written in one method and read in another.
        // =====================================================================================================

        private const string SessionProgram = """
            internal sealed class SessionTracker
            {
                private readonly ContactCard _current = new() { UpdatedAt = DateTime.UtcNow };

                public void SignIn([IdentityBearing(IdentityCategory.Email)] string email)
                {
                    _current.Email = email;
                    _current.Version++;
                }

                public void Publish()
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Email_written_into_a_field_container_is_reported_when_another_method_sends_it() => Run(
            SessionProgram.Replace("$SEND", "Partner.Send({|#0:_current.Email|});"), Min001(0));

        [Fact]
        public Task Scalars_of_a_field_container_holding_an_email_are_clean_in_another_method() => Run(
            SessionProgram.Replace("$SEND", "Partner.SendCount(_current.Version); Partner.SendTime(_current.UpdatedAt); Partner.SendId(_current.Id);"));
    }
}
