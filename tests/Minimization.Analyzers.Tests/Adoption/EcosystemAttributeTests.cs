using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Adoption.AdoptionHarness;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Adoption
{
    /// <summary>Identity declared the way the .NET ecosystem already declares it: each recognized attribute, its category, its switch, and [NonIdentifying] winning.</summary>
    public class EcosystemAttributeTests
    {
        private static readonly (string, string)[] Identity = { ("Identity.cs", AspNetIdentityStubs) };
        private static readonly (string, string)[] Compliance = { ("Compliance.cs", ComplianceStubs), ("Taxonomy.cs", ContosoTaxonomy) };

        private const string PersonalDataUser = """
            using Microsoft.AspNetCore.Identity;
            using Telecom;
            public class AppUser
            {
                [PersonalData] public string DisplayName { get; set; } = "";
                [ProtectedPersonalData] public string Email { get; set; } = "";
                public string ConcurrencyStamp { get; set; } = "";
            }
            class Export
            {
                void Run(AppUser u)
                {
                    PartnerGateway.Send({|#0:u.DisplayName|});
                    PartnerGateway.Send({|#1:u.Email|});
                    PartnerGateway.Send(u.ConcurrencyStamp);
                }
            }
            """;

        [Fact]
        public Task PersonalData_and_ProtectedPersonalData_properties_are_identity() => Check(
            PersonalDataUser, null, Identity, null,
            Min001Says(0, "AppUser.DisplayName", "PartnerGateway.Send (partner \"UK\")", "AppUser.DisplayName → PartnerGateway.Send"),
            Min001(1));

        [Fact]
        public Task Aspnet_identity_switch_off_recognizes_neither_attribute() => Check(
            PersonalDataUser.Replace("{|#0:", "").Replace("{|#1:", "").Replace("|}", ""), "minimization.recognize.aspnet_identity = false\n", Identity, null);

        private const string Annotated = """
            using System.ComponentModel.DataAnnotations;
            using Telecom;
            public class ContactForm
            {
                [Phone] public string Mobile { get; set; } = "";
                [EmailAddress] public string Mail { get; set; } = "";
                [CreditCard] public string Card { get; set; } = "";
                [DataType(DataType.PostalCode)] public string Zip { get; set; } = "";
                [DataType(DataType.MultilineText)] public string Comment { get; set; } = "";
                [Required, StringLength(40)] public string Subject { get; set; } = "";
            }
            class Export
            {
                void Run(ContactForm f)
                {
                    PartnerGateway.Send({|#0:f.Mobile|});
                    PartnerGateway.Send({|#1:f.Mail|});
                    PartnerGateway.Send({|#2:f.Card|});
                    PartnerGateway.Send({|#3:f.Zip|});
                    PartnerGateway.Send(f.Comment);
                    PartnerGateway.Send(f.Subject);
                }
            }
            """;

        [Fact]
        public Task Phone_EmailAddress_CreditCard_and_identifier_data_types_are_identity_other_annotations_are_not() => Check(
            Annotated, null, null, null, Min001(0), Min001(1), Min001(2), Min001(3));

        [Fact]
        public Task Data_annotations_switch_off_recognizes_none_of_them() => Check(
            Annotated.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("{|#3:", "").Replace("|}", ""), "minimization.recognize.data_annotations = false\n", null, null);

        [Fact]
        public async Task Data_annotations_give_the_contract_categories()
        {
            var diagnostics = await Run(new[] { Strip(Annotated) });
            var categories = diagnostics.Where(d => d.Id == "MIN001").Select(d => d.Properties["sourceDetails"]!.Split(';')[3]).ToArray();
            Assert.Equal(new[] { "phone", "email", "account-id", "postal-code" }, categories);
        }

        private const string Classified = """
            using Contoso.Compliance;
            using Microsoft.Extensions.Compliance.Classification;
            using Telecom;
            public class Ticket
            {
                [CustomerContent] public string Body { get; set; } = "";
                [Euii] public string Requester { get; set; } = "";
                [NoDataClassification] public string Queue { get; set; } = "";
            }
            [Euii]
            public class Requester
            {
                public string Name { get; set; } = "";
                [Minimization.NonIdentifying] public string Locale { get; set; } = "";
            }
            class Export
            {
                void Run(Ticket t, Requester r)
                {
                    PartnerGateway.Send({|#0:t.Body|});
                    PartnerGateway.Send({|#1:t.Requester|});
                    PartnerGateway.Send(t.Queue);
                    PartnerGateway.Send({|#2:r.Name|});
                    PartnerGateway.Send(r.Locale);
                }
            }
            """;

        [Fact]
        public Task Any_data_classification_is_identity_on_members_and_types_except_no_classification_and_NonIdentifying_wins() => Check(
            Classified, null, Compliance, null, Min001(0), Min001(1), Min001(2));

        [Fact]
        public async Task Data_classification_category_is_the_taxonomy_name()
        {
            var diagnostics = await Run(new[] { Strip(Classified), ComplianceStubs, ContosoTaxonomy });
            var categories = diagnostics.Where(d => d.Id == "MIN001").Select(d => d.Properties["sourceDetails"]!.Split(';')[3]).ToArray();
            Assert.Equal(new[] { "Contoso.Compliance.ContosoTaxonomy", "EUDB", "EUDB" }, categories);
        }

        [Fact]
        public Task Data_classification_switch_off_recognizes_no_classification() => Check(
            Strip(Classified), "minimization.recognize.data_classification = false\n", Compliance, null);

        [Fact]
        public Task NonIdentifying_wins_over_a_recognized_attribute_on_the_same_member() => Check("""
            using System.ComponentModel.DataAnnotations;
            using Minimization;
            using Telecom;
            public class Callback
            {
                [Phone, NonIdentifying] public string SwitchboardNumber { get; set; } = "";
            }
            class Export
            {
                void Run(Callback c) => PartnerGateway.Send(c.SwitchboardNumber);
            }
            """, null, null, null);

        [Fact]
        public Task Recognized_attribute_on_a_parameter_makes_the_parameter_identity() => Check("""
            using System.ComponentModel.DataAnnotations;
            using Telecom;
            class Export
            {
                void Notify([EmailAddress] string to) => PartnerGateway.Send({|#0:to|});
            }
            """, null, null, null, Min001(0));

        [Fact]
        public Task Recognized_attributes_alone_need_no_reference_to_the_annotations_when_a_sink_is_configured() => Check("""
            using System.ComponentModel.DataAnnotations;
            public class Contact
            {
                [Phone] public string Mobile { get; set; } = "";
            }
            public class SmsClient
            {
                public void Send(string number, string text) { }
            }
            class Notify
            {
                void Run(Contact c, SmsClient sms) => sms.Send({|#0:c.Mobile|}, "hello");
            }
            """, "minimization.partner_sinks = SmsClient.Send => Twilio\n", null, null, withAnnotations: false,
            new DiagnosticResult(IdentityFlowAnalyzer.IdentityReachesPartner).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("Contact.Mobile", "SmsClient.Send (partner \"Twilio\")", "Contact.Mobile → SmsClient.Send"));

        [Fact]
        public Task Library_without_the_annotations_gets_no_MIN010_it_could_not_act_on() => Check("""
            using System.ComponentModel.DataAnnotations;
            public class Contact
            {
                [Phone] public string Mobile { get; set; } = "";
            }
            public class SmsClient
            {
                public void Send(string number, string text) { }
            }
            public class Formatter
            {
                public string Display(Contact c) => "tel:" + c.Mobile;
                public void Notify(Contact c, SmsClient sms) => sms.Send({|#0:Display(c)|}, "hello");
            }
            """, "minimization.partner_sinks = SmsClient.Send => Twilio\n", null, null, withAnnotations: false,
            new DiagnosticResult(RuleIdentifiers.IdentityReachesPartner, Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

        [Fact]
        public Task Library_with_the_annotations_still_gets_MIN010_for_identity_from_a_recognized_attribute() => Check("""
            using System.ComponentModel.DataAnnotations;
            public class Contact
            {
                [Phone] public string Mobile { get; set; } = "";
            }
            public class Formatter
            {
                public string {|#0:Display|}(Contact c) => "tel:" + c.Mobile;
                public void Notify(Contact c) => Telecom.PartnerGateway.Send({|#1:Display(c)|});
            }
            """, null, null, null, Min010(0), Min001(1));

        internal static string Strip(string markup)
        {
            var s = markup;
            for (var i = 0; i < 10; i++)
            {
                s = s.Replace("{|#" + i + ":", string.Empty);
            }

            return s.Replace("|}", string.Empty);
        }
    }
}
