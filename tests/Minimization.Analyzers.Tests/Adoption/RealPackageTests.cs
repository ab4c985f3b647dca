using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Minimization.Analyzers.Tests.Adoption
{
    /// <summary>The recognition by metadata name against the real attribute types of ASP.NET Core Identity and Microsoft.Extensions.Compliance.</summary>
    public class RealPackageTests
    {
        [Fact]
        public async Task Real_PersonalData_data_classification_and_Redactor_types_are_recognized()
        {
            var references = new[]
            {
                MetadataReference.CreateFromFile(typeof(Microsoft.AspNetCore.Identity.PersonalDataAttribute).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.AspNetCore.Identity.IdentityUser).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute).Assembly.Location),
            };
            var diagnostics = await AdoptionHarness.Run(
                new[]
                {
                    """
                    using Microsoft.AspNetCore.Identity;
                    using Microsoft.Extensions.Compliance.Classification;
                    using Microsoft.Extensions.Compliance.Redaction;
                    using Telecom;

                    public static class HealthTaxonomy
                    {
                        public const string Name = "Health";
                        public static DataClassification Diagnosis => new DataClassification(Name, "Diagnosis");
                    }

                    public sealed class DiagnosisAttribute : DataClassificationAttribute
                    {
                        public DiagnosisAttribute() : base(HealthTaxonomy.Diagnosis) { }
                    }

                    public class Patient : IdentityUser
                    {
                        [Diagnosis] public string Condition { get; set; } = "";
                        [NoDataClassification] public string Ward { get; set; } = "";
                    }

                    class Export
                    {
                        void Run(Patient p, Redactor redactor)
                        {
                            PartnerGateway.Send(p.Email!);
                            PartnerGateway.Send(p.Condition);
                            PartnerGateway.Send(p.Ward);
                            PartnerGateway.Send(redactor.Redact(p.PhoneNumber));
                        }
                    }
                    """,
                },
                references: references);
            // IdentityUser.PhoneNumber is [ProtectedPersonalData] too: Redactor.Redact minimizes it, so it is not among the findings.
            var min001 = diagnostics.Where(d => d.Id == "MIN001").Select(d => d.Properties["sourceDetails"]).ToArray();
            Assert.Equal(new[] { "IdentityUser.Email;IdentityUser;Email;personal", "Patient.Condition;Patient;Condition;Health" }, min001);
        }
    }
}
