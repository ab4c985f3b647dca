using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Linq.Expressions;
using System.Net;
using System.Net.NetworkInformation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Minimization.Testing.Checks
{
    /// <summary>A value at the bottom of an output's object graph, with the path that reaches it.</summary>
    internal readonly struct Leaf
    {
        public Leaf(string path, string text, byte[]? bytes = null, bool quoted = true)
        {
            Path = path;
            Text = text;
            Bytes = bytes;
            Quoted = quoted;
        }

        /// <summary>Whether the value is text (printed in quotes) rather than a number, a boolean or an enum member.</summary>
        public bool Quoted { get; }

        public string Path { get; }

        public string Text { get; }

        public byte[]? Bytes { get; }
    }

    /// <summary>Walks an object graph by its public properties and fields, collections included, down to text leaves.</summary>
    internal static class ObjectGraph
    {
        private const int MaxDepth = 8;
        private const int MaxItems = 2_000;

        private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Accessors =
            new ConcurrentDictionary<Type, (string, Func<object, object?>)[]>();

        /// <summary>The paths of a root type's members under a root name ("SharedCall.Region"), built once instead of per record.</summary>
        private static readonly ConcurrentDictionary<(Type Type, string Root), string[]> RootPaths = new ConcurrentDictionary<(Type, string), string[]>();

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static List<Leaf> Leaves(object? root, string? rootName = null)
        {
            var leaves = new List<Leaf>(8);
            if (root != null)
            {
                HashSet<object>? seen = null;
                Walk(root, rootName ?? TypeName(root.GetType()), leaves, 0, ref seen, root);
            }

            return leaves;
        }

        public static string TypeName(Type t)
        {
            if (!t.IsGenericType)
            {
                return t.Name;
            }

            string n = t.Name;
            int tick = n.IndexOf('`');
            return (tick > 0 ? n.Substring(0, tick) : n) + "<" + string.Join(",", t.GetGenericArguments().Select(TypeName)) + ">";
        }

        public static bool IsScalar(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
                || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan) || t == typeof(Guid) || t == typeof(IPAddress)
                || t == typeof(PhysicalAddress) || t == typeof(Uri) || t == typeof(byte[]);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static string? ScalarText(object value) => value switch
        {
            string s => s,
            DateTime d => d.ToString("o", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("o", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeOnly t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            Enum e => e.ToString(),
            IPAddress ip => ip.ToString(),
            PhysicalAddress mac => mac.ToString(),
            Uri u => u.ToString(),
            bool b => b ? "true" : "false",
            char c => c.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static void Walk(object value, string path, List<Leaf> leaves, int depth, ref HashSet<object>? seen, object root)
        {
            if (value is byte[] bytes)
            {
                leaves.Add(new Leaf(path, Convert.ToHexString(bytes).ToLowerInvariant(), bytes));
                return;
            }

            Type type = value.GetType();
            if (IsScalar(type))
            {
                string? text = ScalarText(value);
                if (text != null)
                {
                    bool quoted = !(value is bool || value is Enum || (type.IsPrimitive && value is not char) || value is decimal);
                    leaves.Add(new Leaf(path, text, quoted: quoted));
                }

                return;
            }

            if (depth >= MaxDepth)
            {
                return;
            }

            if (depth > 0 && !type.IsValueType)
            {
                // Most outputs are flat records: the set that breaks cycles is made only when the graph goes deeper.
                seen ??= new HashSet<object>(ReferenceEqualityComparer.Instance) { root };
                if (!seen.Add(value))
                {
                    return;
                }
            }

            if (value is IDictionary dictionary)
            {
                int n = 0;
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (n++ >= MaxItems)
                    {
                        break;
                    }

                    string key = ScalarText(entry.Key) ?? entry.Key.ToString() ?? "?";
                    leaves.Add(new Leaf(path + ".<key>", key));
                    if (entry.Value != null)
                    {
                        Walk(entry.Value, path + "[" + key + "]", leaves, depth + 1, ref seen, root);
                    }
                }

                return;
            }

            if (value is IEnumerable sequence)
            {
                int i = 0;
                foreach (object? item in sequence)
                {
                    if (i >= MaxItems)
                    {
                        break;
                    }

                    if (item != null)
                    {
                        Walk(item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", leaves, depth + 1, ref seen, root);
                    }

                    i++;
                }

                return;
            }

            var accessors = Accessors.GetOrAdd(type, BuildAccessors);
            string[]? paths = depth == 0 ? RootPaths.GetOrAdd((type, path), key => Array.ConvertAll(Accessors.GetOrAdd(key.Type, BuildAccessors), a => key.Root + "." + a.Name)) : null;
            for (int a = 0; a < accessors.Length; a++)
            {
                var (name, get) = accessors[a];
                object? child;
                try
                {
                    child = get(value);
                }
                catch (Exception)
                {
                    // A getter that throws exposes nothing.
                    continue;
                }

                if (child != null)
                {
                    Walk(child, paths != null ? paths[a] : path + "." + name, leaves, depth + 1, ref seen, root);
                }
            }
        }

        /// <summary>The members the walk reads, in its order: public instance properties with a getter (not indexers, not a record's EqualityContract), then public fields.</summary>
        public static List<MemberInfo> LeafMembers(Type type)
        {
            var members = new List<MemberInfo>();
            foreach (PropertyInfo p in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                if (p.GetIndexParameters().Length > 0 || p.GetMethod == null || p.Name == "EqualityContract" || p.PropertyType.IsByRefLike)
                {
                    continue;
                }

                members.Add(p);
            }

            foreach (FieldInfo f in type.GetFields(BindingFlags.Instance | BindingFlags.Public))
            {
                if (!f.FieldType.IsByRefLike)
                {
                    members.Add(f);
                }
            }

            return members;
        }

        /// <summary>A type without public members that hides its state: its ToString is what a serializer or a log would show.</summary>
        public static bool ShowsToString(Type type)
            => type.IsDefined(typeof(CompilerGeneratedAttribute), false) == false && type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic).Length > 0;

        private static (string, Func<object, object?>)[] BuildAccessors(Type type)
        {
            var list = new List<(string, Func<object, object?>)>();
            ParameterExpression obj = Expression.Parameter(typeof(object), "o");
            Expression typed = Expression.Convert(obj, type);
            foreach (MemberInfo member in LeafMembers(type))
            {
                Expression access = member is PropertyInfo p ? Expression.Property(typed, p) : Expression.Field(typed, (FieldInfo)member);
                list.Add((member.Name, Expression.Lambda<Func<object, object?>>(Expression.Convert(access, typeof(object)), obj).Compile()));
            }

            if (list.Count == 0 && ShowsToString(type))
            {
                // A type that hides its state keeps nothing public; its ToString is what a serializer or a log would show.
                list.Add(("ToString()", o => o.ToString()));
            }

            return list.ToArray();
        }
    }
}
