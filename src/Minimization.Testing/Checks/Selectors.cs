using System;
using System.Globalization;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace Minimization.Testing.Checks
{
    /// <summary>A named column of a record, read for display and hashed for grouping without boxing.</summary>
    internal sealed class Column<T>
    {
        public Column(string name, Func<T, object?> read, Func<T, ulong> hash)
        {
            Name = name;
            Read = read;
            Hash = hash;
        }

        public string Name { get; }

        public Func<T, object?> Read { get; }

        public Func<T, ulong> Hash { get; }

        public string Display(T record) => Selectors.Display(Read(record));
    }

    internal static class Selectors
    {
        public static string? MemberName(LambdaExpression e)
        {
            Expression body = e.Body;
            while (body is UnaryExpression u && (u.NodeType == ExpressionType.Convert || u.NodeType == ExpressionType.ConvertChecked))
            {
                body = u.Operand;
            }

            return body switch
            {
                MemberExpression m => m.Member.Name,
                MethodCallExpression c when c.Object is MemberExpression om => om.Member.Name + "." + c.Method.Name,
                MethodCallExpression c => c.Method.Name,
                _ => null,
            };
        }

        /// <summary>
        /// The path of a member access from the lambda's parameter: <c>Phone</c> for <c>r =&gt; r.Phone</c>, <c>Caller.Msisdn</c>
        /// for <c>r =&gt; r.Caller.Msisdn</c>; null for anything else (a call, a computation).
        /// </summary>
        public static string? MemberPath(LambdaExpression e)
        {
            Expression body = e.Body;
            while (body is UnaryExpression u && (u.NodeType == ExpressionType.Convert || u.NodeType == ExpressionType.ConvertChecked))
            {
                body = u.Operand;
            }

            var names = new System.Collections.Generic.List<string>();
            while (body is MemberExpression m)
            {
                names.Insert(0, m.Member.Name);
                body = m.Expression!;
            }

            return names.Count > 0 && body is ParameterExpression ? string.Join(".", names) : null;
        }

        public static string DisplayName(LambdaExpression e, int index)
        {
            string? n = MemberName(e);
            if (n == null)
            {
                return "qi" + (index + 1).ToString(CultureInfo.InvariantCulture);
            }

            return char.ToLowerInvariant(n[0]) + n.Substring(1);
        }

        /// <summary>Compiles <paramref name="selector"/> twice: as given (for display) and as a typed hash (for grouping).</summary>
        public static Column<T> Compile<T>(Expression<Func<T, object?>> selector, int index)
        {
            Func<T, object?> read = selector.Compile();
            Expression body = selector.Body;
            while (body is UnaryExpression u && u.NodeType == ExpressionType.Convert && u.Type == typeof(object))
            {
                body = u.Operand;
            }

            Func<T, ulong> hash;
            // The binder finds Of(int) for an enum or a short too, but an expression tree calls only an exact match: an enum
            // quasi-identifier (a Gender column) is hashed through its underlying value, other near matches as objects.
            MethodInfo? typed = body.Type == typeof(object) ? null : typeof(KeyHash).GetMethod(nameof(KeyHash.Of), new[] { body.Type });
            if (typed != null && typed.GetParameters()[0].ParameterType == body.Type)
            {
                hash = Expression.Lambda<Func<T, ulong>>(Expression.Call(typed, body), selector.Parameters).Compile();
            }
            else if (body.Type.IsEnum)
            {
                hash = Expression.Lambda<Func<T, ulong>>(
                    Expression.Call(typeof(KeyHash).GetMethod(nameof(KeyHash.Of), new[] { typeof(long) })!, Expression.Convert(body, typeof(long))),
                    selector.Parameters).Compile();
            }
            else
            {
                hash = r => KeyHash.OfObject(read(r));
            }

            return new Column<T>(DisplayName(selector, index), read, hash);
        }

        public static Column<T> FromFunc<T>(string name, Func<T, object?> read) => new Column<T>(name, read, r => KeyHash.OfObject(read(r)));

        public static string Display(object? value) => value switch
        {
            null => "null",
            DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
