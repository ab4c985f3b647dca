using System;
using System.Globalization;

namespace Minimization.Runtime
{
    /// <summary>
    /// Replaces a number by its bucket: the lower bound of a fixed-width bucket (<c>floor(value / width) * width</c>), or the
    /// label of a bucket between explicit boundaries (<c>"&lt; 0"</c>, <c>"[0, 60)"</c>, <c>"&gt;= 3600"</c>).
    /// </summary>
    /// <example>
    /// <code>
    /// Bucketing.ByWidth(137L, 60L);                              // 120
    /// Bucketing.ByWidth(TimeSpan.FromSeconds(137), TimeSpan.FromMinutes(1)); // 00:02:00
    /// Bucketing.ByBoundaries(137, new double[] { 0, 60, 300 });  // "[60, 300)"
    /// </code>
    /// </example>
    public static class Bucketing
    {
        /// <summary>The lower bound of the bucket of width <paramref name="width"/> that contains <paramref name="value"/>.</summary>
        /// <param name="value">The value.</param>
        /// <param name="width">The bucket width; greater than 0.</param>
        /// <returns>The bucket's lower bound; <see cref="long.MinValue"/> when that bound is below it.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not positive.</exception>
        [Minimizer]
        public static long ByWidth(long value, long width)
        {
            CheckWidth(width > 0, width);
            long quotient = value / width;
            if (value % width != 0 && value < 0)
            {
                quotient--;
            }

            return quotient < long.MinValue / width ? long.MinValue : quotient * width;
        }

        /// <summary>Nullable form of <see cref="ByWidth(long, long)"/>; null stays null.</summary>
        /// <param name="value">The value.</param>
        /// <param name="width">The bucket width; greater than 0.</param>
        /// <returns>The bucket's lower bound, or <see langword="null"/>.</returns>
        [Minimizer]
        public static long? ByWidth(long? value, long width) => value is long v ? ByWidth(v, width) : (long?)null;

        /// <summary>The lower bound of the bucket of width <paramref name="width"/> that contains <paramref name="value"/>.</summary>
        /// <param name="value">The value.</param>
        /// <param name="width">The bucket width; finite and greater than 0.</param>
        /// <returns>The bucket's lower bound, or <see langword="null"/> for null, NaN and infinities.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not positive and finite.</exception>
        [Minimizer]
        public static double? ByWidth(double? value, double width)
        {
            CheckWidth(width > 0 && !double.IsInfinity(width), width);
            if (!(value is double v) || double.IsNaN(v) || double.IsInfinity(v))
            {
                return null;
            }

            return Math.Floor(v / width) * width;
        }

        /// <summary>The lower bound of the bucket of width <paramref name="width"/> that contains <paramref name="value"/>.</summary>
        /// <param name="value">The value.</param>
        /// <param name="width">The bucket width; greater than 0.</param>
        /// <returns>The bucket's lower bound.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not positive.</exception>
        [Minimizer]
        public static decimal ByWidth(decimal value, decimal width)
        {
            CheckWidth(width > 0m, width);
            try
            {
                return decimal.Floor(value / width) * width;
            }
            catch (OverflowException)
            {
                return value < 0 ? decimal.MinValue : decimal.MaxValue;
            }
        }

        /// <summary>Nullable form of <see cref="ByWidth(decimal, decimal)"/>; null stays null.</summary>
        /// <param name="value">The value.</param>
        /// <param name="width">The bucket width; greater than 0.</param>
        /// <returns>The bucket's lower bound, or <see langword="null"/>.</returns>
        [Minimizer]
        public static decimal? ByWidth(decimal? value, decimal width) => value is decimal v ? ByWidth(v, width) : (decimal?)null;

        /// <summary>The start of the bucket of duration <paramref name="width"/> that contains <paramref name="value"/>.</summary>
        /// <param name="value">The duration.</param>
        /// <param name="width">The bucket width; greater than zero.</param>
        /// <returns>The bucket's lower bound.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not positive.</exception>
        [Minimizer]
        public static TimeSpan ByWidth(TimeSpan value, TimeSpan width)
        {
            CheckWidth(width > TimeSpan.Zero, width);
            return TimeSpan.FromTicks(ByWidth(value.Ticks, width.Ticks));
        }

        /// <summary>Nullable form of <see cref="ByWidth(TimeSpan, TimeSpan)"/>; null stays null.</summary>
        /// <param name="value">The duration.</param>
        /// <param name="width">The bucket width; greater than zero.</param>
        /// <returns>The bucket's lower bound, or <see langword="null"/>.</returns>
        [Minimizer]
        public static TimeSpan? ByWidth(TimeSpan? value, TimeSpan width) => value is TimeSpan v ? ByWidth(v, width) : (TimeSpan?)null;

        /// <summary>
        /// The label of the bucket between <paramref name="boundaries"/> that contains <paramref name="value"/>:
        /// <c>"&lt; b0"</c> below the first, <c>"[bi, bi+1)"</c> between two, <c>"&gt;= bn"</c> from the last on.
        /// </summary>
        /// <param name="value">The value.</param>
        /// <param name="boundaries">At least one finite boundary, strictly ascending.</param>
        /// <returns>The label, or <see langword="null"/> for null and NaN.</returns>
        /// <exception cref="ArgumentException"><paramref name="boundaries"/> is empty, not finite or not strictly ascending.</exception>
        [Minimizer]
        public static string? ByBoundaries(double? value, double[] boundaries)
        {
            CheckBoundaries(boundaries);
            if (!(value is double v) || double.IsNaN(v))
            {
                return null;
            }

            if (v < boundaries[0])
            {
                return "< " + Format(boundaries[0]);
            }

            for (int i = 0; i < boundaries.Length - 1; i++)
            {
                if (v < boundaries[i + 1])
                {
                    return "[" + Format(boundaries[i]) + ", " + Format(boundaries[i + 1]) + ")";
                }
            }

            return ">= " + Format(boundaries[boundaries.Length - 1]);
        }

        /// <summary><see cref="ByBoundaries(double?, double[])"/> for an integer.</summary>
        /// <param name="value">The value.</param>
        /// <param name="boundaries">At least one finite boundary, strictly ascending.</param>
        /// <returns>The label, or <see langword="null"/> for null.</returns>
        [Minimizer]
        public static string? ByBoundaries(long? value, double[] boundaries) => ByBoundaries((double?)value, boundaries);

        /// <summary><see cref="ByBoundaries(double?, double[])"/> for a decimal.</summary>
        /// <param name="value">The value.</param>
        /// <param name="boundaries">At least one finite boundary, strictly ascending.</param>
        /// <returns>The label, or <see langword="null"/> for null.</returns>
        [Minimizer]
        public static string? ByBoundaries(decimal? value, double[] boundaries) => ByBoundaries((double?)value, boundaries);

        /// <summary><see cref="ByBoundaries(double?, double[])"/> for a duration, with the boundaries in seconds.</summary>
        /// <param name="value">The duration.</param>
        /// <param name="boundariesInSeconds">At least one finite boundary in seconds, strictly ascending.</param>
        /// <returns>The label, or <see langword="null"/> for null.</returns>
        [Minimizer]
        public static string? ByBoundaries(TimeSpan? value, double[] boundariesInSeconds) => ByBoundaries(value?.TotalSeconds, boundariesInSeconds);

        private static void CheckWidth(bool valid, object width)
        {
            if (!valid)
            {
                throw new ArgumentOutOfRangeException(nameof(width), width, "A bucket width must be positive and finite.");
            }
        }

        private static void CheckBoundaries(double[] boundaries)
        {
            if (boundaries is null || boundaries.Length == 0)
            {
                throw new ArgumentException("At least one bucket boundary is required.", nameof(boundaries));
            }

            for (int i = 0; i < boundaries.Length; i++)
            {
                if (double.IsNaN(boundaries[i]) || double.IsInfinity(boundaries[i]) || (i > 0 && boundaries[i] <= boundaries[i - 1]))
                {
                    throw new ArgumentException("Bucket boundaries must be finite and strictly ascending.", nameof(boundaries));
                }
            }
        }

        private static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);
    }
}
