using System;
using System.Runtime.CompilerServices;

namespace Minimization.Testing.Checks
{
    /// <summary>
    /// 64-bit keys for grouping records by their quasi-identifiers without building tuples: each value hashes to 64 bits
    /// and the parts combine with a strong mixer. With a million classes the chance of any collision is about 3·10⁻⁸.
    /// </summary>
    internal static class KeyHash
    {
        private const ulong K1 = 0x9E3779B97F4A7C15UL;
        private const ulong K2 = 0xBF58476D1CE4E5B9UL;
        private const ulong K3 = 0x94D049BB133111EBUL;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * K2;
            z = (z ^ (z >> 27)) * K3;
            return z ^ (z >> 31);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Combine(ulong seed, ulong value) => Mix(seed * K1 + value + 0x632BE59BD9B4E019UL);

        public static ulong Of(string? s)
        {
            if (s == null)
            {
                return 0x51_7CC1_B727_220AUL;
            }

            ulong h = (ulong)s.Length * K1;
            ReadOnlySpan<char> span = s.AsSpan();
            int i = 0;
            for (; i + 4 <= span.Length; i += 4)
            {
                ulong block = span[i] | ((ulong)span[i + 1] << 16) | ((ulong)span[i + 2] << 32) | ((ulong)span[i + 3] << 48);
                h = (h ^ Mix(block)) * K1;
                h = (h << 31) | (h >> 33);
            }

            for (; i < span.Length; i++)
            {
                h = (h ^ span[i]) * K2;
            }

            return Mix(h);
        }

        public static ulong Of(long v) => Mix((ulong)v ^ 0x2545F4914F6CDD1DUL);

        public static ulong Of(int v) => Of((long)v);

        public static ulong Of(bool v) => Of(v ? 1L : 0L);

        public static ulong Of(double v) => Of(BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v));

        public static ulong Of(DateTime v) => Of(v.Ticks);

        public static ulong Of(DateOnly v) => Of((long)v.DayNumber);

        public static ulong Of(DateTimeOffset v) => Of(v.UtcTicks);

        public static ulong Of(Guid v)
        {
            Span<byte> b = stackalloc byte[16];
            v.TryWriteBytes(b);
            return Combine(Of(BitConverter.ToInt64(b)), Of(BitConverter.ToInt64(b.Slice(8))));
        }

        public static ulong OfObject(object? value) => value switch
        {
            null => Of((string?)null),
            string s => Of(s),
            int i => Of(i),
            long l => Of(l),
            short s16 => Of(s16),
            byte b => Of(b),
            uint u => Of(u),
            ulong ul => Mix(ul),
            bool b => Of(b),
            double d => Of(d),
            float f => Of(f),
            decimal m => Of(m.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            DateTime dt => Of(dt),
            DateOnly d => Of(d),
            DateTimeOffset dto => Of(dto),
            Guid g => Of(g),
            Enum e => Of(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)),
            _ => Of(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
