using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Tests.Determinism
{
    /// <summary>
    /// Random annotated libraries (seeded, so every program is reproducible from its seed): classes whose methods call each
    /// other at random (so recursive groups appear), read identity members, write and read shared static fields, fields of
    /// shared objects and collections in fields, call partner sinks and minimizers, and dispatch through an interface and
    /// through virtual and abstract methods. Every method has the same signature, so any call is well-typed; every program
    /// compiles (a test asserts it).
    /// </summary>
    public sealed class RandomProgramGenerator
    {
        private const string Namespace = "Generated";

        private readonly Random _random;
        private readonly int _classCount;
        private readonly int _fieldCount;
        private readonly List<Method> _methods = new List<Method>();
        private readonly List<int> _pipes = new List<int>();
        private readonly double _callChance;

        private RandomProgramGenerator(int seed, int methodCount, double callChance)
        {
            _random = new Random(seed);
            _callChance = callChance;
            _classCount = Math.Max(3, methodCount / 5);
            _fieldCount = Math.Max(2, _classCount / 2);

            // Each class overrides Stage.Transform; some override Stage.Describe, some implement IPipe; the rest are static methods.
            for (var c = 0; c < _classCount; c++)
            {
                _methods.Add(new Method(c, "Transform", MethodKind.Transform));
                if (_random.Next(2) == 0)
                {
                    _methods.Add(new Method(c, "Describe", MethodKind.Describe));
                }

                if (_random.Next(2) == 0 || (c == _classCount - 1 && _pipes.Count == 0))
                {
                    _methods.Add(new Method(c, "Apply", MethodKind.Apply));
                    _pipes.Add(c);
                }
            }

            for (var i = 0; _methods.Count < methodCount; i++)
            {
                _methods.Add(new Method(_random.Next(_classCount), "M" + i.ToString(CultureInfo.InvariantCulture), MethodKind.Static));
            }
        }

        private enum MethodKind
        {
            Static,
            Transform,
            Describe,
            Apply,
        }

        /// <summary>A program of about <paramref name="methodCount"/> methods; <paramref name="callChance"/> sets how densely methods call each other.</summary>
        public static Corpus Generate(int seed, int methodCount, double callChance = 0.12)
        {
            var generator = new RandomProgramGenerator(seed, methodCount, callChance);
            return new Corpus("Generated program (seed " + seed.ToString(CultureInfo.InvariantCulture) + ", " + methodCount.ToString(CultureInfo.InvariantCulture) + " methods)", generator.Files(), OutputKind.DynamicallyLinkedLibrary);
        }

        private IEnumerable<(string Path, string Text)> Files()
        {
            yield return ("Generated/Model.cs", Model());
            for (var c = 0; c < _classCount; c++)
            {
                yield return ("Generated/C" + c.ToString(CultureInfo.InvariantCulture) + ".cs", Class(c));
            }

            yield return ("Generated/Entry.cs", Entry());
        }

        private string Model()
        {
            var text = new StringBuilder();
            text.Append("using System.Collections.Generic;\nusing Minimization;\n\nnamespace ").Append(Namespace).Append("\n{\n");
            text.Append("""
                    public sealed class Record
                    {
                        [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                        [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                        public string Region { get; set; } = "";
                        public int Count { get; set; }
                    }

                    public static class Sink
                    {
                        [PartnerShare("UK")] public static void Send(object payload) { }
                        [PartnerShare("US")] public static void Publish(string payload) { }
                        public static void Log(string line) { }
                    }

                    public static class Min
                    {
                        [Minimizer] public static string Mask(string value) => "masked:" + value.Length;
                    }

                    public sealed class Box
                    {
                        public string Value = "";
                        public List<string> Items = new List<string>();
                    }

                    public interface IPipe
                    {
                        string Apply(string value, Record r, int d);
                    }

                    public abstract class Stage
                    {
                        public abstract string Transform(string value, Record r, int d);

                        public virtual string Describe(string value, Record r, int d) => value + ":" + d;
                    }

                    public static class Store
                    {

                """);
            for (var f = 0; f < _fieldCount; f++)
            {
                var n = f.ToString(CultureInfo.InvariantCulture);
                text.Append("        public static string F").Append(n).Append(" = \"\";\n");
                text.Append("        public static readonly List<string> Bag").Append(n).Append(" = new List<string>();\n");
                text.Append("        public static readonly Dictionary<string, string> Map").Append(n).Append(" = new Dictionary<string, string>();\n");
                text.Append("        public static readonly Box Box").Append(n).Append(" = new Box();\n");
            }

            for (var c = 0; c < _classCount; c++)
            {
                var n = c.ToString(CultureInfo.InvariantCulture);
                text.Append("        public static readonly Stage Stage").Append(n).Append(" = new C").Append(n).Append("();\n");
            }

            foreach (var c in _pipes)
            {
                var n = c.ToString(CultureInfo.InvariantCulture);
                text.Append("        public static readonly IPipe Pipe").Append(n).Append(" = new C").Append(n).Append("();\n");
            }

            text.Append("    }\n}\n");
            return text.ToString();
        }

        private string Class(int c)
        {
            var text = new StringBuilder();
            var n = c.ToString(CultureInfo.InvariantCulture);
            var pipe = _pipes.Contains(c);
            text.Append("using System.Collections.Generic;\nusing Minimization;\n\nnamespace ").Append(Namespace).Append("\n{\n");
            text.Append("    public sealed class C").Append(n).Append(" : Stage").Append(pipe ? ", IPipe" : string.Empty).Append("\n    {\n");
            text.Append("        private string _last = \"\";\n");
            text.Append("        private static string s_own = \"\";\n");
            foreach (var method in _methods.Where(m => m.Class == c))
            {
                text.Append('\n');
                var signature = method.Kind switch
                {
                    MethodKind.Static => "public static string " + method.Name,
                    MethodKind.Apply => "public string Apply",
                    _ => "public override string " + method.Name,
                };
                text.Append("        ").Append(signature).Append("(string value, Record r, int d)\n        {\n");
                text.Append("            if (d <= 0)\n            {\n                return ").Append(_random.Next(3) == 0 ? "s_own" : "value").Append(";\n            }\n\n");
                text.Append("            var x = value;\n");
                var statements = _random.Next(2, 6);
                for (var s = 0; s < statements; s++)
                {
                    Statement(text, method, "            ", 0);
                }

                text.Append("            return ").Append(_random.Next(4) == 0 ? Expression(method, 1) : "x").Append(";\n        }\n");
            }

            text.Append("    }\n}\n");
            return text.ToString();
        }

        private string Entry()
        {
            var text = new StringBuilder();
            text.Append("using Minimization;\n\nnamespace ").Append(Namespace).Append("\n{\n    public static class Entry\n    {\n");

            // One certain leak through a helper, so that no program is without MIN001.
            text.Append("        private static string Echo(string value) => value;\n\n");
            text.Append("        public static void Leak(Record r) => Sink.Send(Echo(r.Phone));\n");
            for (var e = 0; e < 4; e++)
            {
                var target = _methods[_random.Next(_methods.Count)];
                var source = _random.Next(3) switch { 0 => "r.Phone", 1 => "r.Email", _ => "r.Region" };
                text.Append("\n        public static void Run").Append(e.ToString(CultureInfo.InvariantCulture)).Append("(Record r)\n        {\n");
                text.Append("            Sink.").Append(_random.Next(2) == 0 ? "Send" : "Publish").Append('(').Append(Call(target, source, "3")).Append(");\n");
                var field = _random.Next(_fieldCount).ToString(CultureInfo.InvariantCulture);
                text.Append("            Sink.Send(Store.F").Append(field).Append(");\n");
                text.Append("            Sink.Publish(Store.Box").Append(field).Append(".Value);\n");
                text.Append("        }\n");
            }

            text.Append("    }\n}\n");
            return text.ToString();
        }

        private void Statement(StringBuilder text, Method method, string indent, int depth)
        {
            var field = _random.Next(_fieldCount).ToString(CultureInfo.InvariantCulture);
            switch (_random.Next(depth == 0 ? 12 : 10))
            {
                case 0:
                case 1:
                case 2:
                    text.Append(indent).Append("x = ").Append(Expression(method, 0)).Append(";\n");
                    break;
                case 3:
                    text.Append(indent).Append("Store.F").Append(field).Append(" = ").Append(Expression(method, 1)).Append(";\n");
                    break;
                case 4:
                    text.Append(indent).Append(_random.Next(3) switch
                    {
                        0 => "Store.Bag" + field + ".Add(",
                        1 => "Store.Box" + field + ".Items.Add(",
                        _ => "Store.Map" + field + "[\"k\"] = (",
                    }).Append(Expression(method, 1)).Append(");\n");
                    break;
                case 5:
                    text.Append(indent).Append(method.Kind == MethodKind.Static ? "s_own" : "_last").Append(" = ").Append(Expression(method, 1)).Append(";\n");
                    break;
                case 6:
                    text.Append(indent).Append("Store.Box").Append(field).Append(".Value = ").Append(Expression(method, 1)).Append(";\n");
                    break;
                case 7:
                    text.Append(indent).Append(_random.Next(3) switch { 0 => "Sink.Send(", 1 => "Sink.Publish(", _ => "Sink.Log(" }).Append(Expression(method, 0)).Append(");\n");
                    break;
                case 8:
                    text.Append(indent).Append(Call(_methods[_random.Next(_methods.Count)], Expression(method, 1), "d - 1")).Append(";\n");
                    break;
                case 9:
                    text.Append(indent).Append("foreach (var item in Store.Bag").Append(field).Append(")\n").Append(indent).Append("{\n");
                    text.Append(indent).Append("    x = x + item;\n").Append(indent).Append("}\n");
                    break;
                default:
                    text.Append(indent).Append("if (d % ").Append(_random.Next(2, 5).ToString(CultureInfo.InvariantCulture)).Append(" == 0)\n").Append(indent).Append("{\n");
                    Statement(text, method, indent + "    ", depth + 1);
                    text.Append(indent).Append("}\n").Append(indent).Append("else\n").Append(indent).Append("{\n");
                    Statement(text, method, indent + "    ", depth + 1);
                    text.Append(indent).Append("}\n");
                    break;
            }
        }

        private string Expression(Method method, int depth)
        {
            if (depth < 2 && _random.NextDouble() < _callChance)
            {
                return Call(_methods[_random.Next(_methods.Count)], Expression(method, depth + 1), "d - 1");
            }

            var field = _random.Next(_fieldCount).ToString(CultureInfo.InvariantCulture);
            switch (_random.Next(depth < 2 ? 18 : 12))
            {
                case 0: return "x";
                case 1: return "value";
                case 2: return "\"k" + _random.Next(100).ToString(CultureInfo.InvariantCulture) + "\"";
                case 3: return "r.Region";
                case 4: return "r.Phone";
                case 5: return "r.Email";
                case 6: return "r.Count.ToString()";
                case 7: return "Store.F" + field;
                case 8: return "Store.Box" + field + ".Value";
                case 9: return _random.Next(2) == 0 ? "Store.Bag" + field + "[0]" : "Store.Box" + field + ".Items[0]";
                case 10: return "Store.Map" + field + "[\"k\"]";
                case 11: return method.Kind == MethodKind.Static ? "s_own" : "_last";
                case 12: return "Min.Mask(" + Expression(method, depth + 1) + ")";
                case 13: return "x + \";\" + " + Expression(method, depth + 1);
                case 14: return Expression(method, depth + 1) + ".Trim()";
                case 15: return "(d > 1 ? " + Expression(method, depth + 1) + " : " + Expression(method, depth + 1) + ")";
                case 16: return "$\"{" + Expression(method, depth + 1) + "}/{d}\"";
                default: return "string.Concat(x, " + Expression(method, depth + 1) + ")";
            }
        }

        /// <summary>A call to <paramref name="target"/>: direct for static methods, through the abstract base or the interface otherwise.</summary>
        private string Call(Method target, string argument, string depth)
        {
            var receiverClass = _random.Next(_classCount).ToString(CultureInfo.InvariantCulture);
            return target.Kind switch
            {
                MethodKind.Static => "C" + target.Class.ToString(CultureInfo.InvariantCulture) + "." + target.Name + "(" + argument + ", r, " + depth + ")",
                MethodKind.Apply => "Store.Pipe" + _pipes[_random.Next(_pipes.Count)].ToString(CultureInfo.InvariantCulture) + ".Apply(" + argument + ", r, " + depth + ")",
                _ => "Store.Stage" + receiverClass + "." + target.Name + "(" + argument + ", r, " + depth + ")",
            };
        }

        private sealed class Method
        {
            public Method(int @class, string name, MethodKind kind)
            {
                Class = @class;
                Name = name;
                Kind = kind;
            }

            public int Class { get; }

            public string Name { get; }

            public MethodKind Kind { get; }
        }
    }
}
