using System;
using System.Collections.Generic;

namespace Minimization.Runtime
{
    /// <summary>
    /// Rare-value suppression over a batch: a value that fewer than k items of the batch share becomes "other", so the
    /// few records that carry it are not singled out. Apply it to values already minimized (groups, prefixes, networks).
    /// </summary>
    /// <example>
    /// <code>
    /// string?[] makers = RareValues.Suppress(new[] { "Apple", "Apple", "Google", null }, 2, "other");
    /// // { "Apple", "Apple", "other", null }
    /// </code>
    /// </example>
    public static class RareValues
    {
        /// <summary>A copy of <paramref name="values"/> where every value shared by fewer than <paramref name="minimumCount"/> of them is <paramref name="other"/>.</summary>
        /// <param name="values">The batch's values; nulls stay null and are not counted.</param>
        /// <param name="minimumCount">How many must share a value for it to be kept; at least 2.</param>
        /// <param name="other">What a rare value becomes.</param>
        /// <returns>The new values, in order.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> or <paramref name="other"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumCount"/> is below 2.</exception>
        public static string?[] Suppress(IReadOnlyList<string?> values, int minimumCount, string other)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            Check(minimumCount, other);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string? value in values)
            {
                if (value is not null)
                {
                    counts[value] = counts.TryGetValue(value, out int n) ? n + 1 : 1;
                }
            }

            var result = new string?[values.Count];
            for (int i = 0; i < result.Length; i++)
            {
                string? value = values[i];
                result[i] = value is null ? null : counts[value] < minimumCount ? other : value;
            }

            return result;
        }

        /// <summary>
        /// The batch minimizer for one member of hand-written records: reads each item's value with <paramref name="get"/>, and
        /// where that value is rare in the batch writes <paramref name="other"/> with <paramref name="replace"/>.
        /// </summary>
        /// <typeparam name="T">The (minimized) record type.</typeparam>
        /// <param name="items">The batch.</param>
        /// <param name="get">The member's value.</param>
        /// <param name="replace">The item with the member set to the given value (a <c>with</c> expression, or a setter returning the item).</param>
        /// <param name="minimumCount">How many must share a value for it to be kept; at least 2.</param>
        /// <param name="other">What a rare value becomes.</param>
        /// <returns>The new batch, in order; items with common or null values are the same objects.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumCount"/> is below 2.</exception>
        public static T[] Suppress<T>(IReadOnlyList<T> items, Func<T, string?> get, Func<T, string, T> replace, int minimumCount, string other)
        {
            if (items is null)
            {
                throw new ArgumentNullException(nameof(items));
            }

            if (get is null)
            {
                throw new ArgumentNullException(nameof(get));
            }

            if (replace is null)
            {
                throw new ArgumentNullException(nameof(replace));
            }

            Check(minimumCount, other);
            var values = new string?[items.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = get(items[i]);
            }

            string?[] suppressed = Suppress(values, minimumCount, other);
            var result = new T[values.Length];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = values[i] is not null && !ReferenceEquals(suppressed[i], values[i]) ? replace(items[i], other) : items[i];
            }

            return result;
        }

        private static void Check(int minimumCount, string other)
        {
            if (minimumCount < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(minimumCount), minimumCount, "A minimum count below 2 suppresses nothing.");
            }

            if (other is null)
            {
                throw new ArgumentNullException(nameof(other));
            }
        }
    }
}
