using System;
using System.IO;
using Xunit;

namespace Minimization.Analyzers.Tests.EndToEnd
{
    /// <summary>Nested builds share MSBuild outputs: run them one at a time.</summary>
    [CollectionDefinition("nested builds", DisableParallelization = true)]
    public sealed class NestedBuildCollection
    {
    }

    /// <summary>The sample as a user meets it: <c>dotnet build</c> fails with MIN001 on a raw share and passes once minimized.</summary>
    [Collection("nested builds")]
    public class SampleBuildTests
    {
        private const string MinimizedLine = "gateway.Send(CallMinimizer.Minimize(record, ukKey));";
        private const string RawLine = "gateway.Send(record.CallerNumber);";

        [Fact]
        public void Sample_build_fails_with_MIN001_on_a_raw_phone_number_and_passes_once_minimized()
        {
            var work = Repository.ScratchDirectory("quickstart");
            try
            {
                var project = Path.Combine(work, "QuickStart");
                Repository.CopyDirectory(Repository.Path("samples", "QuickStart"), project);
                var program = Path.Combine(project, "Program.cs");
                var original = File.ReadAllText(program);
                Assert.Contains(MinimizedLine, original);

                var lines = original.Replace("\r\n", "\n").Split('\n');
                var line = Array.FindIndex(lines, l => l.Contains(MinimizedLine, StringComparison.Ordinal)) + 1;

                File.WriteAllText(program, original.Replace(MinimizedLine, RawLine, StringComparison.Ordinal));
                var raw = Build(project);
                Assert.NotEqual(0, raw.ExitCode);
                Assert.Contains($"Program.cs({line},14): error MIN001: Identity from CallRecord.CallerNumber reaches partner sink UkGateway.Send (partner \"UK\") without passing through a [Minimizer]: CallRecord.CallerNumber → UkGateway.Send", raw.Output, StringComparison.Ordinal);

                File.WriteAllText(program, original);
                var minimized = Build(project);
                Assert.True(minimized.ExitCode == 0, minimized.Output);
                Assert.DoesNotContain("MIN001", minimized.Output, StringComparison.Ordinal);
            }
            finally
            {
                TryDelete(work);
            }
        }

        private static (int ExitCode, string Output) Build(string project)
            => Repository.Dotnet(project, "build QuickStart.csproj -c Release -p:BuildProjectReferences=false", TimeSpan.FromMinutes(5));

        private static void TryDelete(string dir)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
