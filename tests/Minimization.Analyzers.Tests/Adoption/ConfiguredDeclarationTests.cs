using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Adoption.AdoptionHarness;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Adoption
{
    /// <summary>Sources, sinks and minimizers declared in configuration for code a team cannot or will not annotate, and MIN019 for an entry that names nothing.</summary>
    public class ConfiguredDeclarationTests
    {
        /// <summary>A partner's SDK, compiled apart: the analyzed code sees only its metadata.</summary>
        private static readonly MetadataReference PartnerSdk = Compile("Amazon.S3", """
            using System.Threading.Tasks;
            namespace Amazon.S3
            {
                public sealed class PutObjectRequest
                {
                    public string BucketName { get; set; } = "";
                    public string Key { get; set; } = "";
                    public string ContentBody { get; set; } = "";
                }
                public interface IAmazonS3
                {
                    Task PutObjectAsync(PutObjectRequest request);
                    Task<string> GetObjectMetadataAsync(string bucket, string key);
                }
                public sealed class AmazonS3Client : IAmazonS3
                {
                    public Task PutObjectAsync(PutObjectRequest request) => Task.CompletedTask;
                    public Task<string> GetObjectMetadataAsync(string bucket, string key) => Task.FromResult("");
                }
            }
            namespace Vendor.Crm
            {
                public sealed class CrmContact
                {
                    public string Phone { get; set; } = "";
                    public string Segment { get; set; } = "";
                }
                public sealed class CrmClient
                {
                    public CrmContact Lookup(int id) => new CrmContact();
                    public string LookupEmail(int id) => "";
                    public void Upsert(string key, string value) { }
                    public void Delete(string key) { }
                }
            }
            """);

        private static MetadataReference Compile(string name, string source)
        {
            var compilation = CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, Basic.Reference.Assemblies.Net100.References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new System.IO.MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return MetadataReference.CreateFromImage(stream.ToArray());
        }

        private static async Task CheckSdk(string source, string config, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.TestState.AdditionalReferences.Add(PartnerSdk);
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + config));
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(System.Threading.CancellationToken.None);
        }

        private const string S3Upload = """
            using System.Threading.Tasks;
            using Amazon.S3;
            using Telecom;
            class Archive
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client();
                Task Run(CallRecord r) => _s3.PutObjectAsync({|#0:new PutObjectRequest { BucketName = "cdr", ContentBody = r.CallerNumber }|});
                Task RunDirect(CallRecord r, AmazonS3Client client) => client.PutObjectAsync({|#1:new PutObjectRequest { ContentBody = r.TowerId }|});
                Task Clean(CallRecord r) => _s3.PutObjectAsync(new PutObjectRequest { ContentBody = r.Region });
            }
            """;

        [Fact]
        public Task Partner_sink_entry_names_an_sdk_interface_method_and_its_partner() => CheckSdk(
            S3Upload,
            "minimization.partner_sinks = Amazon.S3.IAmazonS3.PutObjectAsync => AWS\n",
            new DiagnosticResult(IdentityFlowAnalyzer.IdentityReachesPartner).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("CallRecord.CallerNumber", "IAmazonS3.PutObjectAsync (partner \"AWS\")", "CallRecord.CallerNumber → PutObjectRequest.ContentBody → IAmazonS3.PutObjectAsync"),
            Min001(1));

        [Fact]
        public Task Partner_sink_entry_as_documentation_id_is_accepted() => CheckSdk(
            S3Upload,
            "minimization.partner_sinks = M:Amazon.S3.IAmazonS3.PutObjectAsync(Amazon.S3.PutObjectRequest) => AWS\n",
            Min001(0), Min001(1));

        [Fact]
        public Task Partner_sink_wildcard_makes_every_method_of_a_client_a_sink() => CheckSdk("""
            using Telecom;
            using Vendor.Crm;
            class Sync
            {
                void Run(CallRecord r, CrmClient crm)
                {
                    crm.Upsert({|#0:r.CallerNumber|}, r.Region);
                    crm.Delete({|#1:r.CalleeNumber|});
                }
            }
            """,
            "minimization.partner_sinks = Vendor.Crm.CrmClient.* => Contoso CRM\n",
            Min001(0), Min001(1));

        [Fact]
        public Task Identity_bearing_entries_name_a_type_a_member_and_a_method_result_of_code_without_source() => CheckSdk("""
            using Telecom;
            using Vendor.Crm;
            class Sync
            {
                void Run(CrmClient crm)
                {
                    var contact = crm.Lookup(7);
                    PartnerGateway.Send({|#0:contact.Phone|});
                    PartnerGateway.Send({|#1:crm.LookupEmail(7)|});
                }
            }
            """,
            "minimization.identity_bearing = Vendor.Crm.CrmContact.Phone => phone, CrmClient.LookupEmail => email\n",
            Min001(0), Min001(1));

        [Fact]
        public async Task Identity_bearing_entry_category_reaches_the_diagnostic()
        {
            var diagnostics = await Run(
                new[] { "using Telecom; public class Lead { public string Mobile { get; set; } = \"\"; } class E { void Run(Lead l) => PartnerGateway.Send(l.Mobile); }" },
                "minimization.identity_bearing = Lead.Mobile => phone");
            var min001 = Assert.Single(diagnostics, d => d.Id == "MIN001");
            Assert.Equal("Lead.Mobile;Lead;Mobile;phone", min001.Properties["sourceDetails"]);
        }

        [Fact]
        public Task Identity_bearing_type_entry_makes_every_member_identity_but_NonIdentifying_wins() => Check("""
            using Minimization;
            using Telecom;
            namespace Shop
            {
                public class Customer
                {
                    public string Name { get; set; } = "";
                    [NonIdentifying] public string Tier { get; set; } = "";
                }
                class Export
                {
                    void Run(Customer c)
                    {
                        PartnerGateway.Send({|#0:c.Name|});
                        PartnerGateway.Send(c.Tier);
                    }
                }
            }
            """, "minimization.identity_bearing = Shop.Customer\n", null, null, Min001(0));

        [Fact]
        public Task Minimizers_entry_stops_identity_at_a_configured_library_method() => CheckSdk("""
            using Telecom;
            using Vendor.Crm;
            class Sync
            {
                void Run(CallRecord r, CrmClient crm) => PartnerGateway.Send(crm.LookupEmail(r.CallerNumber.Length));
            }
            """,
            "minimization.identity_bearing = CrmClient.LookupEmail\nminimization.minimizers = Vendor.Crm.CrmClient.LookupEmail\n");

        [Fact]
        public Task Redactor_Redact_and_its_overloads_are_minimizers_when_the_package_is_used() => Check("""
            using Microsoft.Extensions.Compliance.Redaction;
            using Telecom;
            sealed class StarRedactor : Redactor { }
            class Export
            {
                void Run(CallRecord r, Redactor redactor)
                {
                    PartnerGateway.Send(redactor.Redact(r.CallerNumber));
                    PartnerGateway.Send(redactor.Redact<string>(r.TowerId));
                    PartnerGateway.Send(new StarRedactor().Redact(r.CalleeNumber));
                    PartnerGateway.Send({|#0:r.CalleeNumber.Trim()|});
                }
            }
            """, null, new[] { ("Compliance.cs", ComplianceStubs) }, null, Min001(0));

        [Fact]
        public Task A_method_named_Redact_elsewhere_is_no_minimizer() => Check("""
            using Telecom;
            class Masker { public string Redact(string s) => s; }
            class Export
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:new Masker().Redact(r.CallerNumber)|});
            }
            """, null, new[] { ("Compliance.cs", ComplianceStubs) }, null, Min001(0));

        private static DiagnosticResult Min019(string key, string entry)
            => new DiagnosticResult(IdentityFlowAnalyzer.ConfiguredEntryNamesNothing).WithNoLocation().WithArguments(key, entry);

        [Fact]
        public Task Entry_that_names_nothing_is_reported_for_each_key() => CheckSdk(
            "class Empty { }",
            "minimization.identity_bearing = Vendor.Crm.CrmContact.Phone, Vendor.Crm.CrmContact.Fax => phone\n"
            + "minimization.partner_sinks = Amazon.S3.IAmazonS3.PutObjectAsync => AWS, Amazon.S3.IAmazonS3.PutObject => AWS, Amazon.S4.*\n"
            + "minimization.minimizers = Vendor.Crm.CrmClient.Lookup, Vendor.Crm.CrmClient.Hash\n",
            Min019("minimization.identity_bearing", "Vendor.Crm.CrmContact.Fax => phone"),
            Min019("minimization.partner_sinks", "Amazon.S3.IAmazonS3.PutObject => AWS"),
            Min019("minimization.partner_sinks", "Amazon.S4.*"),
            Min019("minimization.minimizers", "Vendor.Crm.CrmClient.Hash"));

        [Fact]
        public Task Documentation_ids_with_several_parameters_stay_one_entry_in_every_list() => CheckSdk("""
            using Telecom;
            using Vendor.Crm;
            class Sync
            {
                void Run(CallRecord r, CrmClient crm) => crm.Upsert({|#0:r.CallerNumber|}, r.Region);
            }
            """,
            "minimization.partner_sinks = M:Vendor.Crm.CrmClient.Upsert(System.String,System.String) => CRM, M:Vendor.Crm.CrmClient.Delete(System.String)\n"
            + "minimization.minimizers = M:System.Security.Cryptography.HMACSHA256.HashData(System.Byte[],System.Byte[])\n",
            new DiagnosticResult(IdentityFlowAnalyzer.IdentityReachesPartner).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("CallRecord.CallerNumber", "CrmClient.Upsert (partner \"CRM\")", "CallRecord.CallerNumber → CrmClient.Upsert"));

        [Fact]
        public Task Suffix_and_keyword_entries_that_name_something_are_not_reported() => CheckSdk(
            "class Empty { }",
            "minimization.identity_bearing = CrmContact, CrmContact.Phone\n"
            + "minimization.partner_sinks = IAmazonS3.PutObjectAsync => AWS, Crm.CrmClient.*\n"
            + "minimization.minimizers = string.Trim, bool.Parse, System.Security.Cryptography.HMACSHA256.HashData\n");
    }
}
