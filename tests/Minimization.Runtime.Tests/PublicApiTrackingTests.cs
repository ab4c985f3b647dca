using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Minimization.Runtime.Tests
{
    /// <summary>
    /// What users compile against is tracked in PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt, checked on every build by
    /// Microsoft.CodeAnalysis.PublicApiAnalyzers (RS0016, RS0017), so that every change to it shows in review.
    /// </summary>
    public class PublicApiTrackingTests
    {
        [Theory]
        [InlineData("Minimization.Annotations")]
        [InlineData("Minimization.Runtime")]
        [InlineData("Minimization.Testing")]
        public void Library_projects_run_the_public_API_analyzer_over_both_files(string project)
        {
            string csproj = File.ReadAllText(RepositoryPath("src", project, project + ".csproj"));
            Assert.Contains("<PackageReference Include=\"Microsoft.CodeAnalysis.PublicApiAnalyzers\" PrivateAssets=\"all\" />", csproj, StringComparison.Ordinal);
            foreach (string file in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
            {
                Assert.Contains("<AdditionalFiles Include=\"" + file + "\" />", csproj, StringComparison.Ordinal);
                Assert.Equal("#nullable enable", File.ReadLines(RepositoryPath("src", project, file)).First());
            }
        }

        [Theory]
        [InlineData("Minimization.Annotations", typeof(IdentityCategory))]
        [InlineData("Minimization.Runtime", typeof(Pseudonymizer))]
        public void Every_public_type_is_declared(string project, Type sample)
        {
            var declared = File.ReadAllLines(RepositoryPath("src", project, "PublicAPI.Shipped.txt"))
                .Concat(File.ReadAllLines(RepositoryPath("src", project, "PublicAPI.Unshipped.txt")))
                .ToHashSet(StringComparer.Ordinal);
            Type[] exported = sample.Assembly.GetExportedTypes();
            Assert.NotEmpty(exported);
            Assert.All(exported, t => Assert.Contains(t.FullName!.Replace('+', '.'), declared));
        }

        private static string RepositoryPath(params string[] parts)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MinimizationAnalyzers.sln")))
                {
                    return Path.Combine(dir.FullName, Path.Combine(parts));
                }
            }

            throw new InvalidOperationException("MinimizationAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
