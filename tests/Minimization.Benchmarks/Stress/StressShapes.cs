using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Minimization.Benchmarks.Stress
{
    /// <summary>
    /// Generates adversarial projects of about a given number of lines, one named shape at a time: the code shapes that
    /// can make an inter-procedural flow analysis super-linear (large recursive groups, exponentially many call paths,
    /// dispatch to thousands of overrides, very deep chains, huge method bodies, deeply nested lambdas). Every shape
    /// scales with the line count and carries a little annotated identity (<c>Person.Phone</c>), partner sinks
    /// (<c>Partner.Send</c>) and a minimizer, so that the flow engine cannot skip it as irrelevant code.
    /// </summary>
    /// <remarks>
    /// Files are about 300 to 500 lines each, except where one construct is larger by design (a 5,000-case switch, a
    /// lambda nest 100 deep): such a construct gets a file of its own. The code compiles without errors against the
    /// .NET 10 reference assemblies and Minimization.Annotations; it is never run (many of the recursions would not end).
    /// </remarks>
    public static class StressShapes
    {
        /// <summary>Lines per generated file, about.</summary>
        private const int LinesPerFile = 400;

        /// <summary>Cases per switch, at most; a larger project gets more switch methods.</summary>
        private const int MaxSwitchCases = 5_000;

        /// <summary>How deep the lambdas of <c>nested-lambdas</c> nest.</summary>
        private const int LambdaDepth = 100;

        /// <summary>The shapes, in the order a full run measures them.</summary>
        public static IReadOnlyList<string> Names { get; } = new[]
        {
            "dense-scc",
            "dense-scc-strings",
            "fibonacci",
            "overrides",
            "deep-chain",
            "interfaces",
            "generics",
            "big-switch",
            "nested-lambdas",
        };

        /// <summary>One line on what a shape stresses, for the benchmark's output.</summary>
        public static string Describe(string shape) => shape switch
        {
            "dense-scc" => "one recursive group of n int methods, Mi calls M(i+1) and M(i+2) mod n",
            "dense-scc-strings" => "the same group over strings: some parameters [IdentityBearing], some bodies call a sink",
            "fibonacci" => "acyclic, Fi calls F(i-1) and F(i-2): exponentially many call paths",
            "overrides" => "abstract Visit(Node, string) with one override per class, calling each other through the base",
            "deep-chain" => "C0 -> C1 -> ... one call chain (10,000 deep at 100k lines), identity in, sink at the end",
            "interfaces" => "mutual recursion through an interface, getters calling getters, lambdas in fields, events",
            "generics" => "generic class and methods instantiated with one distinct type per 10 lines",
            "big-switch" => "switch statements and expressions of up to 5,000 cases in a loop",
            "nested-lambdas" => "Func<string, string> nested 100 deep capturing an identity local, sink innermost",
            _ => throw new ArgumentException("unknown shape '" + shape + "'; known: " + string.Join(", ", Names), nameof(shape)),
        };

        /// <summary>The types every shape shares: a record with identity, a partner sink, a minimizer and one known leak.</summary>
        public const string Shared = """
using System;
using Minimization;

namespace Stress
{
    public sealed record Person
    {
        [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
        public string Region { get; set; } = "";
    }

    public static class Partner
    {
        [PartnerShare("UK")] public static void Send(object o) { }
    }

    public static class Minimizers
    {
        [Minimizer] public static string Token(string value) => "t" + value.Length.ToString();
    }

    public static class Baseline
    {
        public static void Share(Person p)
        {
            Partner.Send(Minimizers.Token(p.Phone));
            Partner.Send(p.Region);
            Partner.Send(p.Phone);
        }
    }
}

""";

        private const string Usings = """
using System;
using System.Collections.Generic;
using Minimization;

namespace Stress
{

""";

        /// <summary>The C# files of one shape, about <paramref name="lines"/> lines in all (the shared file included).</summary>
        /// <param name="shape">One of <see cref="Names"/>.</param>
        /// <param name="lines">About how many lines to generate; each shape's size (group, chain, type count) grows with it.</param>
        public static IReadOnlyList<(string Name, string Text)> Generate(string shape, int lines)
        {
            Describe(shape); // throws on an unknown shape
            var budget = Math.Max(100, lines - Lines(Shared));
            var files = new List<(string Name, string Text)> { ("Shared.cs", Shared) };
            switch (shape)
            {
                case "dense-scc":
                    DenseScc(files, budget);
                    break;
                case "dense-scc-strings":
                    DenseSccStrings(files, budget);
                    break;
                case "fibonacci":
                    Fibonacci(files, budget);
                    break;
                case "overrides":
                    Overrides(files, budget);
                    break;
                case "deep-chain":
                    DeepChain(files, budget);
                    break;
                case "interfaces":
                    Interfaces(files, budget);
                    break;
                case "generics":
                    Generics(files, budget);
                    break;
                case "big-switch":
                    BigSwitch(files, budget);
                    break;
                case "nested-lambdas":
                    NestedLambdas(files, budget);
                    break;
            }

            return files;
        }

        /// <summary>Mi(int) calls M((i+1) mod n) and M((i+2) mod n): one recursive group of n methods, one line each.</summary>
        private static void DenseScc(List<(string, string)> files, int budget)
        {
            var n = Count(budget, 1.03, 20);
            var units = new List<string>(n + 1)
            {
                """
        public void Entry(Person p)
        {
            Partner.Send(M0(p.Phone.Length));
            Partner.Send(Minimizers.Token(p.Phone) + M1(p.Region.Length).ToString());
        }


""",
            };
            for (var i = 0; i < n; i++)
            {
                units.Add($"        public int M{i}(int x) => x > 0 ? M{(i + 1) % n}(x - 1) + M{(i + 2) % n}(x - 2) : 0;\n");
            }

            Pack(files, "Scc", Usings + "    public sealed partial class Scc\n    {\n", "    }\n}\n", units);
        }

        /// <summary>
        /// The dense group over strings: every 50th method takes an [IdentityBearing] parameter, every 97th calls the sink
        /// (once minimized, once raw), so summaries carry identity around the whole group.
        /// </summary>
        private static void DenseSccStrings(List<(string, string)> files, int budget)
        {
            var n = Count(budget, 1.1, 20);
            var units = new List<string>(n + 1)
            {
                """
        public void Entry(Person p) => Partner.Send(S0(p.Phone, 30));


""",
            };
            for (var i = 0; i < n; i++)
            {
                var j = (i + 1) % n;
                var k = (i + 2) % n;
                var parameter = i % 50 == 25 ? "[IdentityBearing(IdentityCategory.Phone)] string s" : "string s";
                units.Add(i % 97 == 48
                    ? $$"""
        public string S{{i}}({{parameter}}, int n)
        {
            Partner.Send(Minimizers.Token(s));
            if (n % 7 == 0)
            {
                Partner.Send(s);
            }

            return n > 0 ? S{{j}}(s, n - 1) + S{{k}}(s + "x", n - 2) : s;
        }

"""
                    : $"        public string S{i}({parameter}, int n) => n > 0 ? S{j}(s + \"{i % 10}\", n - 1) + S{k}(s, n - 2) : s;\n");
            }

            Pack(files, "SccStrings", Usings + "    public sealed partial class SccStrings\n    {\n", "    }\n}\n", units);
        }

        /// <summary>Fi calls F(i-1) and F(i-2): acyclic, but the number of call paths from the top grows like Fibonacci's numbers.</summary>
        private static void Fibonacci(List<(string, string)> files, int budget)
        {
            var n = Count(budget, 6.1, 4);
            var units = new List<string>(n + 1)
            {
                $$"""
        public static void Entry(Person p)
        {
            Partner.Send(F{{n - 1}}(p.Phone));
            Partner.Send(Minimizers.Token(F{{n / 2}}(p.Phone)));
        }

        public static string F0(string s) => s;

        public static string F1(string s) => s + "1";


""",
            };
            for (var i = 2; i < n; i++)
            {
                var sink = i % 200 == 100 ? "            Partner.Send(a);\n" : "";
                units.Add($$"""
        public static string F{{i}}(string s)
        {
            var a = F{{i - 1}}(s);
{{sink}}            return a + F{{i - 2}}(s.Trim());
        }


""");
            }

            Pack(files, "Fib", Usings + "    public static partial class Fib\n    {\n", "    }\n}\n", units);
        }

        /// <summary>
        /// An abstract <c>Visit(Node, string)</c> and a virtual <c>Describe(string)</c> overridden by one class per 8 lines
        /// (half of them derived from the previous class), each calling the others through the base: dispatch makes every
        /// override a callee of every virtual call, so the whole hierarchy is one recursive group.
        /// </summary>
        private static void Overrides(List<(string, string)> files, int budget)
        {
            var n = Count(budget, 9.2, 4);
            var units = new List<string>(n + 1)
            {
                """
    public abstract class Node
    {
        public Node? Next { get; set; }

        public Node? Other { get; set; }

        public abstract string Visit(Node node, string s);

        public virtual string Describe(string s) => s;

        public static void Entry(Node root, Person p)
        {
            Partner.Send(root.Visit(root, p.Phone));
            Partner.Send(Minimizers.Token(root.Describe(p.Phone)));
        }
    }


""",
            };
            for (var i = 0; i < n; i++)
            {
                var derived = i % 2 == 1;
                var describe = i % 100 == 50
                    ? "\n        {\n            Partner.Send(s);\n            return Other is null ? s : Other.Visit(this, s.Trim());\n        }\n"
                    : derived
                        ? "\n            => base.Describe(s) + (Other is null ? s : Other.Visit(this, s.Trim()));\n"
                        : "\n            => Other is null ? s : Other.Visit(this, s.Trim());\n";
                units.Add($$"""
    public class N{{i}} : {{(derived ? "N" + (i - 1).ToString(CultureInfo.InvariantCulture) : "Node")}}
    {
        public override string Visit(Node node, string s)
            => s.Length > {{10 + (i % 50)}} ? (Next is null ? s : Next.Describe(s)) : (Other ?? node).Visit(this, node.Visit(this, s + "{{i % 10}}"));

        public override string Describe(string s){{describe}}    }


""");
            }

            Pack(files, "Nodes", Usings, "}\n", units);
        }

        /// <summary>C0 calls C1 calls ... C(n-1), one string passed on: identity enters at the top, the last link calls the sink.</summary>
        private static void DeepChain(List<(string, string)> files, int budget)
        {
            var n = Count(budget, 10.1, 3);
            var units = new List<string>(n + 1)
            {
                """
        public static void Entry(Person p)
        {
            C0(p.Phone, 1);
        }


""",
            };
            for (var i = 0; i < n; i++)
            {
                var next = i + 1 < n
                    ? $"            return C{i + 1}(next, n - 1);\n"
                    : "            Partner.Send(next);\n            return next;\n";
                units.Add($$"""
        public static string C{{i}}(string s, int n)
        {
            if (n < -1_000_000)
            {
                return s;
            }
            var next = s.Length > 64 ? s.Substring(0, 32) : s + "{{i % 10}}";
{{next}}        }


""");
            }

            Pack(files, "Chain", Usings + "    public static partial class Chain\n    {\n", "    }\n}\n", units);
        }

        /// <summary>
        /// Steps that call each other through an interface: <c>Run</c> through a lambda stored in a field and directly,
        /// getters that read other steps' getters, and event handlers that raise other steps' events (every 50th shares).
        /// </summary>
        private static void Interfaces(List<(string, string)> files, int budget)
        {
            var n = Count(budget, 31.6, 4);
            var units = new List<string>(n + 1)
            {
                $$"""
    public interface IStep
    {
        string Label { get; }

        string Tag { get; set; }

        event Action<string>? Raised;

        string Run(string s, int n);

        void Raise(string s);
    }

    public static class Steps
    {
        public static readonly IStep[] All = new IStep[{{n}}];

        public static IStep Get(int i) => All[i % All.Length];

        public static void Entry(Person p)
        {
            Get(0).Tag = p.Phone;
            Get(1).Raise(p.Phone);
            Partner.Send(Get(2).Run(p.Phone, 8));
            Partner.Send(Get(3).Label);
            Partner.Send(Minimizers.Token(Get(4).Tag));
        }
    }


""",
            };
            for (var i = 0; i < n; i++)
            {
                var j = (i + 1) % n;
                var k = (i + 2) % n;
                var handler = i % 50 == 10 ? "Partner.Send(s)" : $"Steps.Get({j}).Raise(s.Trim())";
                units.Add($$"""
    public sealed class Step{{i}} : IStep
    {
        private readonly Func<string, int, string> _next;
        private string _tag = "";

        public Step{{i}}()
        {
            _next = (s, n) => Steps.Get({{j}}).Run(s + "{{i % 10}}", n - 1);
            Steps.Get({{k}}).Raised += OnRaised;
        }

        public event Action<string>? Raised;

        public string Label => Steps.Get({{j}}).Label + Steps.Get({{k}}).Tag;

        public string Tag
        {
            get => _tag.Length > 0 ? _tag : Steps.Get({{j}}).Tag;
            set => _tag = value;
        }

        public string Run(string s, int n) => n <= 0 ? s + Label : _next(s, n) + Steps.Get({{k}}).Run(Tag, n - 2);

        public void Raise(string s) => Raised?.Invoke(s);

        private void OnRaised(string s)
        {
            {{handler}};
        }
    }


""");
            }

            Pack(files, "Steps", Usings, "}\n", units);
        }

        /// <summary>
        /// A generic box and generic methods (one of them polymorphically recursive, <c>Deep&lt;List&lt;T&gt;&gt;</c>) instantiated
        /// with one distinct struct per 10 lines; every 50th use shares its result.
        /// </summary>
        private static void Generics(List<(string, string)> files, int budget)
        {
            var n = Count(budget, 10.2, 4);
            var entry = new StringBuilder();
            for (var i = 0; i < n; i += 50)
            {
                entry.Append($"            Partner.Send(Use{i}.Run(p.Phone));\n");
            }

            var units = new List<string>(n + 1)
            {
                $$"""
    public interface IKind
    {
        string Name { get; }
    }

    public sealed class Box<T>
        where T : IKind, new()
    {
        private readonly T _kind = new T();

        public string Through(string s) => Generic.Pass(_kind, s);

        public Box<T> Again(string s)
        {
            Generic.Last = Through(s);
            return this;
        }
    }

    public static class Generic
    {
        public static string Last = "";

        public static string Pass<T>(T kind, string s)
            where T : IKind => kind.Name + ":" + s;

        public static string Deep<T>(int n, string s) => n > 0 ? Deep<List<T>>(n - 1, s + typeof(T).Name) : s;

        public static void Entry(Person p)
        {
{{entry}}            Partner.Send(Minimizers.Token(Use0.Run(p.Phone)));
        }
    }


""",
            };
            for (var i = 0; i < n; i++)
            {
                var next = i + 1 < n && i % 10 != 9 ? $" + Use{i + 1}.Run(s)" : "";
                units.Add($$"""
    public struct K{{i}} : IKind
    {
        public string Name => "{{i}}";
    }

    public static class Use{{i}}
    {
        public static string Run(string s) => new Box<K{{i}}>().Again(s).Through(Generic.Pass(new K{{i}}(), s)) + Generic.Deep<K{{i}}>(3, s){{next}};
    }


""");
            }

            Pack(files, "Generic", Usings, "}\n", units);
        }

        /// <summary>
        /// Switch statements of up to 5,000 cases inside a loop (the value of one iteration reaches the sink of a later
        /// one), alternating with switch expressions of up to 5,000 arms; one method per file.
        /// </summary>
        private static void BigSwitch(List<(string, string)> files, int budget)
        {
            var total = Math.Max(50, budget - 20);
            var methods = (total + MaxSwitchCases - 1) / MaxSwitchCases;
            var entry = new StringBuilder();
            for (var m = 0; m < methods; m++)
            {
                var cases = Math.Min(MaxSwitchCases, total - m * MaxSwitchCases) - 14;
                var body = new StringBuilder();
                if (m % 2 == 0)
                {
                    entry.Append($"            Partner.Send(Sw{m}(keys, p.Phone));\n");
                    body.Append($$"""
        public static string Sw{{m}}(int[] keys, string s)
        {
            var acc = "";
            foreach (var k in keys)
            {
                switch (k)
                {

""");
                    for (var c = 0; c < cases; c++)
                    {
                        body.Append(c % 97 == 96 ? $"                    case {c}: Partner.Send(acc); break;\n"
                            : c % 101 == 100 ? $"                    case {c}: acc = Minimizers.Token(acc); break;\n"
                            : c % 3 == 0 ? $"                    case {c}: acc = s + \"{c}\"; break;\n"
                            : $"                    case {c}: acc = acc.Length > 8 ? \"{c}\" : acc + \"{c}\"; break;\n");
                    }

                    body.Append("""
                    default: acc = ""; break;
                }
            }

            return acc;
        }

""");
                }
                else
                {
                    entry.Append($"            Partner.Send(Sx{m}(keys.Length, p.Phone));\n");
                    body.Append($$"""
        public static string Sx{{m}}(int k, string s) => k switch
        {

""");
                    for (var c = 0; c < cases; c++)
                    {
                        body.Append(c % 101 == 100 ? $"            {c} => Minimizers.Token(s),\n"
                            : c % 2 == 0 ? $"            {c} => s + \"{c}\",\n"
                            : $"            {c} => \"{c}\",\n");
                    }

                    body.Append("""
            _ => s,
        };

""");
                }

                files.Add(($"Switch{m}.cs", Usings + "    public static partial class Switches\n    {\n" + body + "    }\n}\n"));
            }

            files.Add(("SwitchEntry.cs", Usings + $$"""
    public static partial class Switches
    {
        public static void Entry(Person p, int[] keys)
        {
{{entry}}        }
    }
}

"""));
        }

        /// <summary>
        /// Methods whose body is a <c>Func&lt;string, string&gt;</c> nested 100 deep, the innermost capturing the outer
        /// identity local and calling the sink (once minimized, once raw); one method per file.
        /// </summary>
        private static void NestedLambdas(List<(string, string)> files, int budget)
        {
            var perMethod = 4 * LambdaDepth + 12;
            var methods = Math.Max(1, (budget + perMethod / 2) / perMethod);
            for (var m = 0; m < methods; m++)
            {
                var sb = new StringBuilder();
                sb.Append($$"""
        public static string Nest{{m}}(Person p)
        {
            var id = p.Phone;

""");
                for (var d = 0; d < LambdaDepth; d++)
                {
                    var pad = Indent(d);
                    sb.Append($"{pad}Func<string, string> f{d} = a{d} =>\n{pad}{{\n");
                }

                var inner = Indent(LambdaDepth);
                sb.Append($"{inner}Partner.Send(Minimizers.Token(id + a{LambdaDepth - 1}));\n");
                sb.Append($"{inner}if (a{LambdaDepth - 1}.Length > 3)\n{inner}{{\n{inner}    Partner.Send(id + a{LambdaDepth - 1});\n{inner}}}\n\n");
                sb.Append($"{inner}return a{LambdaDepth - 1};\n");
                for (var d = LambdaDepth - 1; d >= 0; d--)
                {
                    var pad = Indent(d);
                    var argument = d == 0 ? "id" : $"a{d - 1} + \"{d % 10}\"";
                    sb.Append($"{pad}}};\n{pad}return f{d}({argument});\n");
                }

                sb.Append("        }\n");
                files.Add(($"Nest{m}.cs", Usings + "    public static partial class Nests\n    {\n" + sb + "    }\n}\n"));
            }
        }

        /// <summary>Indentation of a nesting level: four spaces a level, one past the 16th, so that the deepest lines stay readable.</summary>
        private static string Indent(int depth) => new string(' ', 12 + 4 * Math.Min(depth, 16) + Math.Max(0, depth - 16));

        /// <summary>How many units of about <paramref name="linesPerUnit"/> lines (file headers amortized) fill the budget.</summary>
        private static int Count(int budget, double linesPerUnit, int minimum) => Math.Max(minimum, (int)(budget / linesPerUnit));

        private static int Lines(string text) => text.Count(c => c == '\n') + 1;

        /// <summary>Packs units (each a few whole lines) into files of about <see cref="LinesPerFile"/> lines, each wrapped in the header and footer.</summary>
        private static void Pack(List<(string, string)> files, string prefix, string header, string footer, IReadOnlyList<string> units)
        {
            var sb = new StringBuilder();
            var lines = 0;
            var index = 0;
            foreach (var unit in units)
            {
                var unitLines = unit.Count(c => c == '\n');
                if (lines > 0 && lines + unitLines > LinesPerFile)
                {
                    files.Add((prefix + index.ToString(CultureInfo.InvariantCulture) + ".cs", header + sb + footer));
                    index++;
                    sb.Clear();
                    lines = 0;
                }

                sb.Append(unit);
                lines += unitLines;
            }

            if (lines > 0)
            {
                files.Add((prefix + index.ToString(CultureInfo.InvariantCulture) + ".cs", header + sb + footer));
            }
        }
    }
}
