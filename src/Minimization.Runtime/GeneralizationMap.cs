using System;
using System.Collections.Generic;

namespace Minimization.Runtime
{
    /// <summary>
    /// Generalization by a declared map: a value becomes the group the map puts it in (a device model its maker), any
    /// other value <see cref="Other"/>. Values are matched trimmed and ignoring case. What <c>[Generalize]</c> generates.
    /// </summary>
    /// <example>
    /// <code>
    /// var makers = new GeneralizationMap(new Dictionary&lt;string, string&gt; { ["iPhone 15"] = "Apple", ["Pixel 8"] = "Google" }, "other");
    /// makers.Generalize(" IPHONE 15 "); // "Apple"
    /// makers.Generalize("Nokia 3310");  // "other"
    /// </code>
    /// </example>
    public sealed class GeneralizationMap
    {
        private readonly Dictionary<string, string> _groups = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Creates a map.</summary>
        /// <param name="map">Each value and its group; a value (trimmed, ignoring case) at most once.</param>
        /// <param name="other">The group of every value the map does not name.</param>
        /// <exception cref="ArgumentNullException"><paramref name="map"/> or <paramref name="other"/> is null.</exception>
        /// <exception cref="ArgumentException">A value is empty or named twice, or a group is null.</exception>
        public GeneralizationMap(IEnumerable<KeyValuePair<string, string>> map, string other)
        {
            if (map is null)
            {
                throw new ArgumentNullException(nameof(map));
            }

            Other = other ?? throw new ArgumentNullException(nameof(other));
            foreach (KeyValuePair<string, string> pair in map)
            {
                string value = (pair.Key ?? string.Empty).Trim();
                if (value.Length == 0 || pair.Value is null)
                {
                    throw new ArgumentException("Every entry of a generalization map needs a value and a group.", nameof(map));
                }

                if (_groups.ContainsKey(value))
                {
                    throw new ArgumentException("The value '" + value + "' is named twice in the generalization map.", nameof(map));
                }

                _groups.Add(value, pair.Value);
            }
        }

        /// <summary>The group of every value the map does not name.</summary>
        public string Other { get; }

        /// <summary>The group of <paramref name="value"/>, or <see cref="Other"/>.</summary>
        /// <param name="value">The raw value.</param>
        /// <returns>Its group; <see langword="null"/> for null.</returns>
        [Minimizer]
        public string? Generalize(string? value)
        {
            if (value is null)
            {
                return null;
            }

            return _groups.TryGetValue(value.Trim(), out string? group) ? group : Other;
        }
    }
}
