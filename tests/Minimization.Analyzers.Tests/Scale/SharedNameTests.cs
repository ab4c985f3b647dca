using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// Programs reuse method names across types: every module of a pipeline has its Format and its Run. The callers of a
    /// method are found by name and then bound; asking every body of a name about every method of that name was quadratic
    /// (on the dense benchmark of 48k lines the callbacks took more time than the compiler). Each call site is now bound once,
    /// whatever the number of methods that share its name; the findings are the same.
    /// </summary>
    public sealed class SharedNameTests
    {
        [Fact]
        public void Each_call_site_is_bound_at_most_once_however_many_methods_share_its_name()
        {
            const int modules = 150;
            var source = new StringBuilder("using Minimization;\npublic static class Partner { [PartnerShare(\"UK\")] public static void Send(object o) { } }\n");
            for (var i = 0; i < modules; i++)
            {
                source.Append($$"""
                    public sealed class Record{{i}} { public string Value { get; } public Record{{i}}(string value) { Value = value; } }
                    public static class Step{{i}}
                    {
                        public static Record{{i}} Format(string s) => new Record{{i}}("[" + s + "]");
                        public static void Run(string s) => Partner.Send(Format(s).Value);
                        public static void Leak([IdentityBearing(IdentityCategory.Phone)] string phone) => Run(phone);
                    }

                    """);
            }

            var compilation = EngineRun.Compile(new[] { ("Modules.cs", source.ToString()) });
            var run = EngineRun.Analyze(compilation);
            var sites = compilation.SyntaxTrees.Single().GetRoot().DescendantNodes().Count(n => n is InvocationExpressionSyntax or ObjectCreationExpressionSyntax);

            Assert.Equal(modules, run.Findings);
            Assert.True(run.Engine.MemberWrites.SiteBindings > 0, "the callers of the records' constructors were looked for");
            Assert.Equal(run.Engine.MemberWrites.BoundSites, run.Engine.MemberWrites.SiteBindings);
            Assert.True(run.Engine.MemberWrites.SiteBindings <= sites, $"{run.Engine.MemberWrites.SiteBindings} bindings for {sites} call sites");
        }
    }
}
