using System.Linq;
using Microsoft.CodeAnalysis;
using Minimization.Analyzers.Flow;
using Xunit;

namespace Minimization.Analyzers.Tests.Scale
{
    /// <summary>
    /// A constructor that stores its parameters into fields (<c>_users = users</c>) and also subscribes handlers or starts work
    /// made every field it sets part of one recursive group with every method those handlers reach: the field's value rested
    /// on the constructor's whole summary. On a real project of 34k lines that put 170 fields into one group of 750 members.
    /// A writer that only stores its own parameter, untouched, stores what its caller passed: the field's value follows the
    /// callers and no longer rests on the writer's summary, nor the field's node on the writer. The findings stay the same.
    /// </summary>
    public sealed class SimpleWriterTests
    {
        private const string Partner = "public static class Partner { [PartnerShare(\"UK\")] public static void Send(object o) { } }";

        private static (EngineRun Run, Compilation Compilation) Run(string source)
        {
            var compilation = EngineRun.Compile(new[] { ("Shape.cs", "using System;\nusing System.Collections.Generic;\nusing Minimization;\n" + source + "\n" + Partner) });
            return (EngineRun.Analyze(compilation), compilation);
        }

        private static ISymbol Member(Compilation compilation, string type, string name)
            => compilation.GetSymbolsWithName(type, SymbolFilter.Type).OfType<INamedTypeSymbol>().Single().GetMembers(name).Single();

        private static IMethodSymbol Constructor(Compilation compilation, string type)
            => compilation.GetSymbolsWithName(type, SymbolFilter.Type).OfType<INamedTypeSymbol>().Single().InstanceConstructors.Single();

        private const string Service = """
            public interface IClock { event EventHandler? Ticked; }
            public interface IUsers { string Name(int id); }
            public sealed class Notifier
            {
                private readonly IClock _clock;
                private readonly IUsers _users;
                private readonly string _region;
                public Notifier(IClock clock, IUsers users, string region)
                {
                    _clock = clock ?? throw new ArgumentNullException(nameof(clock));
                    this._users = (IUsers)users;
                    _region = region!;
                    _clock.Ticked += OnTick;
                }

                private void OnTick(object? sender, EventArgs e) => Partner.Send(_region + _users.Name(1));
            }
            """;

        [Fact]
        public void A_field_a_constructor_sets_from_its_parameter_does_not_rest_on_the_constructor_that_also_subscribes_a_handler()
        {
            var (run, compilation) = Run(Service);
            var ctor = Constructor(compilation, "Notifier");
            foreach (var name in new[] { "_clock", "_users", "_region" })
            {
                var field = Member(compilation, "Notifier", name);
                Assert.DoesNotContain(ctor, run.Engine.MemberWrites.WriterMethodsToSolve(field, default), SymbolEqualityComparer.Default);
                Assert.Contains(ctor, run.Engine.MemberWrites.WriterMethods(field, default), SymbolEqualityComparer.Default);
                Assert.DoesNotContain(run.Engine.Graph.Successors(run.Engine.Graph.Member(field), default), n => SymbolEqualityComparer.Default.Equals(n.Symbol, ctor));
            }
        }

        [Fact]
        public void Identity_passed_to_a_constructor_that_stores_it_untouched_is_still_reported_where_a_member_sends_it()
        {
            var (run, _) = Run(Service + """
                public static class Setup
                {
                    public static Notifier Make(IClock clock, IUsers users, [IdentityBearing(IdentityCategory.Phone)] string phone) => new Notifier(clock, users, phone);
                }
                """);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void A_constructor_that_changes_its_parameter_before_storing_it_is_solved_as_an_ordinary_writer()
        {
            var (run, compilation) = Run("""
                public static class Directory { [return: IdentityBearing(IdentityCategory.Phone)] public static string Lookup(string name) => name; }
                public sealed class Relay
                {
                    private readonly string _target;
                    public Relay(string target)
                    {
                        target = Directory.Lookup(target);
                        _target = target;
                    }

                    public void Forward() => Partner.Send(_target);
                }
                """);
            var field = Member(compilation, "Relay", "_target");
            Assert.Contains(Constructor(compilation, "Relay"), run.Engine.MemberWrites.WriterMethodsToSolve(field, default), SymbolEqualityComparer.Default);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void A_parameter_that_declares_identity_makes_its_store_an_ordinary_write()
        {
            var (run, compilation) = Run("""
                public sealed class Card
                {
                    private readonly string _phone;
                    public Card([IdentityBearing(IdentityCategory.Phone)] string phone) { _phone = phone; }
                    public void Share() => Partner.Send(_phone);
                }
                """);
            Assert.Contains(Constructor(compilation, "Card"), run.Engine.MemberWrites.WriterMethodsToSolve(Member(compilation, "Card", "_phone"), default), SymbolEqualityComparer.Default);
            Assert.Equal(1, run.Findings);
        }

        [Theory]
        [InlineData("_target = Wrap(item);")]
        [InlineData("_target = item; _target += \"!\";")]
        [InlineData("_target = item; item = Wrap(item);")]
        [InlineData("_target = item; (_target, _other) = (item, item);")]
        [InlineData("Action store = () => _target = item; store();")]
        [InlineData("_target = item; Fill(ref _target);")]
        public void Any_other_write_of_the_member_or_of_the_parameter_keeps_the_writer(string body)
        {
            var (run, compilation) = Run($$"""
                public sealed class Relay
                {
                    private string _target = "";
                    private string _other = "";
                    private static string Wrap(string s) => "<" + s + ">";
                    private static void Fill(ref string s) { }
                    public Relay(string item) { {{body}} }
                    public void Forward() => Partner.Send(_target + _other);
                }

                public static class Setup
                {
                    public static Relay Make([IdentityBearing(IdentityCategory.Phone)] string phone) => new Relay(phone);
                }
                """);
            Assert.Contains(Constructor(compilation, "Relay"), run.Engine.MemberWrites.WriterMethodsToSolve(Member(compilation, "Relay", "_target"), default), SymbolEqualityComparer.Default);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void A_collection_field_filled_by_its_writer_keeps_the_writer()
        {
            var (run, compilation) = Run("""
                public sealed class Outbox
                {
                    private readonly List<string> _items = new List<string>();
                    public Outbox([IdentityBearing(IdentityCategory.Phone)] string phone) { var item = phone; _items.Add(item); }
                    public void Flush() => Partner.Send(string.Join(",", _items));
                }
                """);
            Assert.Contains(Constructor(compilation, "Outbox"), run.Engine.MemberWrites.WriterMethodsToSolve(Member(compilation, "Outbox", "_items"), default), SymbolEqualityComparer.Default);
            Assert.Equal(1, run.Findings);
        }

        [Fact]
        public void A_writer_that_stores_only_constants_adds_nothing_and_a_member_of_what_the_field_holds_is_not_the_field()
        {
            var (run, compilation) = Run("""
                public sealed class Options { public int Size { get; set; } }
                public sealed class Session
                {
                    private bool _closed;
                    private readonly Options _options;
                    public Session(Options options) { _options = options; _options.Size = 4; }
                    public void Close() { _closed = true; Partner.Send(_closed); }
                    public void Dump() => Partner.Send(_options);
                }
                """);
            Assert.Empty(run.Engine.MemberWrites.WriterMethodsToSolve(Member(compilation, "Session", "_closed"), default));
            Assert.Empty(run.Engine.MemberWrites.WriterMethodsToSolve(Member(compilation, "Session", "_options"), default));
            Assert.Equal(0, run.Findings);
        }
    }
}
