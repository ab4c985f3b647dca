using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Minimization.Analyzers.Flow;
using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// An event or property written through its interface (`Steps.Get(k).Raised += OnRaised` in each of n classes) has n
    /// writers for each of its n implementations. Each implementation's node reaches them through one shared vertex, as a
    /// call through the interface reaches its implementations: n + n edges instead of n squared; the findings are the same.
    /// </summary>
    public sealed class SharedWritersTests
    {
        [Fact]
        public void Members_written_through_their_interface_reach_the_shared_writers_through_one_vertex()
        {
            const int classes = 40;
            var source = new StringBuilder("""
                using System;
                using Minimization;
                public static class Partner { [PartnerShare("UK")] public static void Send(string s) { } }
                public sealed class Person { [IdentityBearing("phone")] public string Phone { get; set; } = ""; }
                public interface IStep { event Action<string>? Raised; void Raise(string s); }
                public static class Steps
                {
                    public static readonly IStep[] All = new IStep[40];
                    public static IStep Get(int i) => All[i % All.Length];
                    public static void Entry(Person p) => Get(0).Raise(p.Phone);
                }

                """);
            for (var i = 0; i < classes; i++)
            {
                var handler = i == 7 ? "Partner.Send(s)" : "Console.WriteLine(s.Length)";
                source.Append($$"""
                    public sealed class Step{{i}} : IStep
                    {
                        public Step{{i}}() { Steps.Get({{(i + 1) % classes}}).Raised += OnRaised; }
                        public event Action<string>? Raised;
                        public void Raise(string s) => Raised?.Invoke(s);
                        private void OnRaised(string s) { {{handler}}; }
                    }

                    """);
            }

            var compilation = EngineRun.Compile(new[] { ("Steps.cs", source.ToString()) });
            var run = EngineRun.Analyze(compilation);

            Assert.Equal(1, run.Findings);
            var groups = Enumerable.Range(0, classes)
                .Select(i => compilation.GetTypeByMetadataName("Step" + i)!.GetMembers("Raised").OfType<IEventSymbol>().Single())
                .Select(e => run.Engine.Graph.Successors(run.Engine.Graph.Member(e), default))
                .ToList();
            Assert.All(groups, successors => Assert.Equal(NodeKind.Writers, Assert.Single(successors).Kind));
            Assert.Single(groups.Select(s => s[0]).Distinct());
            Assert.Equal(classes, run.Engine.Graph.Successors(groups[0][0], default).Length);
        }
    }
}
