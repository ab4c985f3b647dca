using System;

namespace Minimization.Testing.Generators
{
    /// <summary>
    /// xoshiro256** seeded through SplitMix64. Populations of hundreds of thousands of records are drawn with this
    /// rather than with FsCheck's generators, which allocate a closure per value; FsCheck only draws the seed, so a
    /// replayed FsCheck seed still reproduces the whole population.
    /// </summary>
    internal sealed class FastRandom
    {
        private ulong _s0, _s1, _s2, _s3;

        public FastRandom(ulong seed)
        {
            ulong x = seed;
            _s0 = SplitMix(ref x);
            _s1 = SplitMix(ref x);
            _s2 = SplitMix(ref x);
            _s3 = SplitMix(ref x);
        }

        private static ulong SplitMix(ref ulong x)
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));

        public ulong NextUInt64()
        {
            ulong result = Rotl(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = Rotl(_s3, 45);
            return result;
        }

        /// <summary>A value in [0, maxExclusive).</summary>
        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 1)
            {
                return 0;
            }

            // Lemire's multiply-shift; the bias is below 2^-32 for the ranges used here.
            return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
        }

        public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public bool Chance(double probability) => NextDouble() < probability;

        public T Pick<T>(T[] items) => items[Next(items.Length)];

        public char Digit() => (char)('0' + Next(10));

        public FastRandom Fork(ulong salt) => new FastRandom(NextUInt64() ^ (salt * 0x9E3779B97F4A7C15UL));
    }
}
