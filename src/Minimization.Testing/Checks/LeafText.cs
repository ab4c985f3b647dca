using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Minimization.Testing.Checks
{
    /// <summary>
    /// The texts of an output's leaves, written into two reusable buffers for the pass over every record: <see cref="Raw"/>,
    /// each leaf's text followed by U+0001, and <see cref="Compact"/>, the same with only letters and digits, lower-cased
    /// (the forms <see cref="ObjectText.Compact"/> gives), each leaf also followed by U+0001 so no match spans two leaves.
    /// </summary>
    internal sealed class LeafText
    {
        private const char Separator = '\u0001';

        private char[] _raw = new char[256];
        private char[] _compact = new char[256];
        private int _rawLength;
        private int _compactLength;
        private Type? _lastType;
        private Action<object, LeafText>? _lastWriter;

        /// <summary>A writer of both texts.</summary>
        public LeafText()
        {
        }

        /// <summary>A writer of the compact text only when <paramref name="compactOnly"/>: <see cref="Raw"/> stays empty.</summary>
        /// <param name="compactOnly">True when nothing will be searched in the raw text (every normal form is searched compact).</param>
        public LeafText(bool compactOnly)
        {
            CompactOnly = compactOnly;
        }

        /// <summary>Whether only <see cref="Compact"/> is written (the pass searches nothing in <see cref="Raw"/>).</summary>
        public bool CompactOnly { get; }

        public ReadOnlySpan<char> Raw => _raw.AsSpan(0, _rawLength);

        public ReadOnlySpan<char> Compact => _compact.AsSpan(0, _compactLength);

        public void Clear()
        {
            _rawLength = 0;
            _compactLength = 0;
        }

        /// <summary>Adds one leaf's text, as <see cref="ObjectGraph.ScalarText"/> gives it.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<char> text)
        {
            if (_compactLength + text.Length + 1 > _compact.Length)
            {
                Array.Resize(ref _compact, Math.Max(_compact.Length * 2, _compactLength + text.Length + 1));
            }

            if (!CompactOnly)
            {
                if (_rawLength + text.Length + 1 > _raw.Length)
                {
                    Array.Resize(ref _raw, Math.Max(_raw.Length * 2, _rawLength + text.Length + 1));
                }

                text.CopyTo(_raw.AsSpan(_rawLength));
                _rawLength += text.Length;
                _raw[_rawLength++] = Separator;
            }

            _compactLength += ObjectText.CompactInto(text, _compact.AsSpan(_compactLength));
            _compact[_compactLength++] = Separator;
        }

        /// <summary>
        /// The length of the longest run of ASCII digits in <see cref="Compact"/>. A text made only of ASCII digits (the normal
        /// form of a phone, SIN, IMEI or IMSI) longer than this is not in it: the pass rules such forms out without writing them
        /// or searching. Eight characters at a time: the digits' bits, then the longest run of ones in them.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public int LongestDigitRun()
        {
            ReadOnlySpan<char> text = Compact;
            int longest = 0, run = 0, i = 0;
            if (Vector128.IsHardwareAccelerated && text.Length <= 64)
            {
                // Most outputs: one bit per character in one word, then the longest run of ones in it.
                ReadOnlySpan<ushort> units = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(text);
                Vector128<ushort> zero = Vector128.Create((ushort)'0');
                Vector128<ushort> nine = Vector128.Create((ushort)9);
                ulong bits = 0;
                for (; i + 8 <= units.Length; i += 8)
                {
                    bits |= (ulong)Vector128.LessThanOrEqual(Vector128.Create(units.Slice(i, 8)) - zero, nine).ExtractMostSignificantBits() << i;
                }

                for (; i < units.Length; i++)
                {
                    bits |= (ulong)((uint)(units[i] - '0') <= 9 ? 1 : 0) << i;
                }

                while (bits != 0)
                {
                    bits &= bits >> 1;
                    longest++;
                }

                return longest;
            }

            if (Vector128.IsHardwareAccelerated)
            {
                ReadOnlySpan<ushort> units = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(text);
                Vector128<ushort> zero = Vector128.Create((ushort)'0');
                Vector128<ushort> nine = Vector128.Create((ushort)9);
                for (; i + 8 <= units.Length; i += 8)
                {
                    Vector128<ushort> v = Vector128.LessThanOrEqual(Vector128.Create(units.Slice(i, 8)) - zero, nine);
                    uint bits = v.ExtractMostSignificantBits();
                    if (bits == 0)
                    {
                        run = 0;
                        continue;
                    }

                    if (bits == 0xFF)
                    {
                        run += 8;
                        longest = Math.Max(longest, run);
                        continue;
                    }

                    // The run carried in ends at the first non-digit; inside the block, the longest run of ones; the
                    // run carried out starts after the last non-digit.
                    int leading = BitOperations.TrailingZeroCount(~bits);
                    longest = Math.Max(longest, run + leading);
                    longest = Math.Max(longest, LongestOnes(bits));
                    run = 7 - (31 - BitOperations.LeadingZeroCount(~bits & 0xFF));
                }
            }

            for (; i < text.Length; i++)
            {
                run = (uint)(text[i] - '0') <= 9 ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }

            return longest;
        }

        private static int LongestOnes(uint bits)
        {
            int n = 0;
            while (bits != 0)
            {
                bits &= bits >> 1;
                n++;
            }

            return n;
        }

        /// <summary>Adds the texts of <paramref name="leaves"/>, for outputs <see cref="TryWrite"/> does not handle.</summary>
        public void AddAll(List<Leaf> leaves)
        {
            foreach (Leaf leaf in leaves)
            {
                Add(leaf.Text);
            }
        }

        // ---- the writers compiled per output type ------------------------------------------------------------------------

        private static readonly ConcurrentDictionary<Type, Action<object, LeafText>?> Writers = new ConcurrentDictionary<Type, Action<object, LeafText>?>();

        /// <summary>
        /// Writes the leaves of <paramref name="output"/> (after <see cref="Clear"/>) with a writer compiled once for its type,
        /// the same texts <see cref="ObjectGraph.Leaves"/> gives without boxing or a string per leaf. False when the type is not
        /// flat (a member that is an object, a collection, a byte array, an address) or a getter threw: then use the leaves.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public bool TryWrite(object? output)
        {
            Clear();
            if (output == null)
            {
                return true;
            }

            // One output type in a whole pass: its writer is kept here instead of looked up per record.
            Type type = output.GetType();
            if (type != _lastType)
            {
                _lastWriter = Writers.GetOrAdd(type, Build);
                _lastType = type;
            }

            Action<object, LeafText>? writer = _lastWriter;
            if (writer == null)
            {
                return false;
            }

            try
            {
                writer(output, this);
                return true;
            }
            catch (Exception)
            {
                // ObjectGraph skips a member whose getter throws and keeps the others: let it.
                Clear();
                return false;
            }
        }

        private static Action<object, LeafText>? Build(Type type)
        {
            ParameterExpression obj = Expression.Parameter(typeof(object), "o");
            ParameterExpression text = Expression.Parameter(typeof(LeafText), "text");
            Expression typed = Expression.Convert(obj, type);
            var body = new List<Expression>();
            if (ObjectGraph.IsScalar(type))
            {
                Expression? one = Append(typed, type, text);
                if (one == null)
                {
                    return null;
                }

                body.Add(one);
            }
            else
            {
                if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
                {
                    return null;
                }

                foreach (MemberInfo member in ObjectGraph.LeafMembers(type))
                {
                    Expression access = member is PropertyInfo p ? Expression.Property(typed, p) : Expression.Field(typed, (FieldInfo)member);
                    Type memberType = member is PropertyInfo pi ? pi.PropertyType : ((FieldInfo)member).FieldType;
                    Expression? one = Append(access, memberType, text);
                    if (one == null)
                    {
                        return null;
                    }

                    body.Add(one);
                }

                if (body.Count == 0 && ObjectGraph.ShowsToString(type))
                {
                    return null;
                }
            }

            body.Add(Expression.Empty());
            return Expression.Lambda<Action<object, LeafText>>(Expression.Block(body), obj, text).Compile();
        }

        /// <summary>The expression that adds the value's text, or null for a type whose text the walk makes otherwise.</summary>
        private static Expression? Append(Expression value, Type type, ParameterExpression text)
        {
            Type? underlying = Nullable.GetUnderlyingType(type);
            if (type == typeof(string))
            {
                ParameterExpression v = Expression.Variable(typeof(string), "v");
                return Expression.Block(
                    new[] { v },
                    Expression.Assign(v, value),
                    Expression.IfThen(Expression.NotEqual(v, Expression.Constant(null, typeof(string))), Expression.Call(text, nameof(AddString), null, v)));
            }

            if (underlying != null)
            {
                MethodInfo? inner = AppendMethod(underlying);
                if (inner == null)
                {
                    return null;
                }

                ParameterExpression v = Expression.Variable(type, "v");
                return Expression.Block(
                    new[] { v },
                    Expression.Assign(v, value),
                    Expression.IfThen(Expression.Property(v, "HasValue"), Expression.Call(text, inner, Expression.Property(v, "Value"))));
            }

            MethodInfo? method = AppendMethod(type);
            return method == null ? null : Expression.Call(text, method, value);
        }

        private static MethodInfo? AppendMethod(Type type)
        {
            string? name =
                type == typeof(DateTime) ? nameof(AddDateTime)
                : type == typeof(DateTimeOffset) ? nameof(AddDateTimeOffset)
                : type == typeof(DateOnly) ? nameof(AddDateOnly)
                : type == typeof(TimeOnly) ? nameof(AddTimeOnly)
                : type == typeof(bool) ? nameof(AddBool)
                : type == typeof(char) ? nameof(AddChar)
                : null;
            if (name != null)
            {
                return typeof(LeafText).GetMethod(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
            }

            if (type.IsEnum)
            {
                return typeof(LeafText).GetMethod(nameof(AddEnum), BindingFlags.Instance | BindingFlags.Public)!.MakeGenericMethod(type);
            }

            bool formattable = type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte)
                || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte)
                || type == typeof(double) || type == typeof(float) || type == typeof(decimal)
                || type == typeof(TimeSpan) || type == typeof(Guid);
            return formattable
                ? typeof(LeafText).GetMethod(nameof(AddFormattable), BindingFlags.Instance | BindingFlags.Public)!.MakeGenericMethod(type)
                : null;
        }

        // The compiled writers call these once a leaf, a million times in one pass that runs once: optimized from the
        // first call, like the pass, rather than run unoptimized until the runtime's background compiler replaces them.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddString(string value) => Add(value);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddFormattable<T>(T value)
            where T : ISpanFormattable => AddFormatted(value, null);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddDateTime(DateTime value) => AddFormatted(value, "o");

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddDateTimeOffset(DateTimeOffset value) => AddFormatted(value, "o");

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddDateOnly(DateOnly value) => AddFormatted(value, "yyyy-MM-dd");

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddTimeOnly(TimeOnly value) => AddFormatted(value, "HH:mm:ss");

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddBool(bool value) => Add(value ? "true" : "false");

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddChar(char value)
        {
            Span<char> one = stackalloc char[1];
            one[0] = value;
            Add(one);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddEnum<T>(T value)
            where T : struct, Enum => Add(value.ToString());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void AddFormatted<T>(T value, string? format)
            where T : ISpanFormattable
        {
            Span<char> buffer = stackalloc char[64];
            if (value.TryFormat(buffer, out int written, format, CultureInfo.InvariantCulture))
            {
                Add(buffer.Slice(0, written));
            }
            else
            {
                Add(value.ToString(format, CultureInfo.InvariantCulture));
            }
        }
    }
}
