using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Minimization.Analyzers.Tests.Determinism
{
    /// <summary>
    /// The IDE and the build see a referenced project differently: the IDE as a compilation (its members have source), the
    /// build as metadata. The diagnostics of the project that references it must be the same either way.
    /// </summary>
    public class ReferenceKindTests
    {
        private const string Library = """
            namespace Desk.Model
            {
                public sealed class Ticket
                {
                    public string Note { get; set; } = "";
                    public string Queue { get; set; } = "";
                }
            }
            """;

        private const string App = """
            using Desk.Model;
            using Minimization;

            static class Board
            {
                public static Ticket Current = new Ticket();
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string text) { }
            }

            sealed class Intake
            {
                public void Take([IdentityBearing(IdentityCategory.Phone)] string phone, string queue)
                {
                    Board.Current.Note = phone;
                    Board.Current.Queue = queue;
                }
            }

            sealed class Export
            {
                public void Run()
                {
                    Partner.Send(Board.Current.Queue);
                    Partner.Send(Board.Current.Note);
                }

                public void Direct([IdentityBearing(IdentityCategory.Phone)] string phone)
                {
                    var t = new Ticket { Note = phone };
                    Partner.Send(t.Note);
                }
            }
            """;

        [Fact]
        public async Task A_project_gets_the_same_diagnostics_whether_its_reference_is_a_compilation_or_metadata()
        {
            var library = CSharpCompilation.Create(
                "Desk.Model",
                new[] { CSharpSyntaxTree.ParseText(Library, DeterminismHarness.ParseOptions, "Library/Ticket.cs", Encoding.UTF8) },
                DeterminismHarness.References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            Assert.True(library.Emit(image).Success);

            CSharpCompilation AppWith(MetadataReference reference) => CSharpCompilation.Create(
                "Desk.App",
                new[] { CSharpSyntaxTree.ParseText(App, DeterminismHarness.ParseOptions, "App/Desk.cs", Encoding.UTF8) },
                DeterminismHarness.References.Append(reference),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            var asCompilation = AppWith(library.ToMetadataReference());
            var asMetadata = AppWith(MetadataReference.CreateFromImage(image.ToArray()));
            Assert.Empty(asMetadata.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var inIde = await DeterminismHarness.AnalyzeWholeAsync(asCompilation, CancellationToken.None);
            var inBuild = await DeterminismHarness.AnalyzeWholeAsync(asMetadata, CancellationToken.None);

            // The flow inside one method is found either way; what differs is only what other code stores into a member.
            Assert.Contains(inBuild, d => d.StartsWith("MIN001", System.StringComparison.Ordinal) && d.Contains("App/Desk.cs(34,"));
            Assert.True(inBuild.SequenceEqual(inIde), "build:\n" + string.Join("\n", inBuild) + "\nIDE:\n" + string.Join("\n", inIde));
        }
    }
}
