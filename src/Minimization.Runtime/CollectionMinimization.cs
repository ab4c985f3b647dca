using System;
using System.Collections.Generic;

namespace Minimization.Runtime
{
    /// <summary>Minimizes a collection element by element; what generated minimizers call for a collection member.</summary>
    /// <example>
    /// <code>
    /// IReadOnlyList&lt;string?&gt;? tokens = CollectionMinimization.Map(email.Recipients, r => context.Pseudonymize(r, IdentityCategory.Email, PseudonymNormalization.Auto, KeyRotation.Daily));
    /// </code>
    /// </example>
    public static class CollectionMinimization
    {
        /// <summary>The minimized elements of <paramref name="source"/>, in order; null elements are passed to <paramref name="minimize"/> like any other.</summary>
        /// <typeparam name="TSource">The element type.</typeparam>
        /// <typeparam name="TResult">The minimized element type.</typeparam>
        /// <param name="source">The collection, or <see langword="null"/>.</param>
        /// <param name="minimize">Minimizes one element.</param>
        /// <returns>A new read-only list, or <see langword="null"/> when <paramref name="source"/> is null.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="minimize"/> is null.</exception>
        public static IReadOnlyList<TResult>? Map<TSource, TResult>(IEnumerable<TSource>? source, Func<TSource, TResult> minimize)
        {
            if (minimize is null)
            {
                throw new ArgumentNullException(nameof(minimize));
            }

            if (source is null)
            {
                return null;
            }

            var result = source is IReadOnlyCollection<TSource> sized ? new List<TResult>(sized.Count) : new List<TResult>();
            foreach (TSource element in source)
            {
                result.Add(minimize(element));
            }

            return result.AsReadOnly();
        }
    }
}
