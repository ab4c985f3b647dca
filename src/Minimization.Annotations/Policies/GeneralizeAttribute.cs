using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy (generalization by a declared map): replaces a string or enum value by the group the map puts
    /// it in (a device model by its maker), and every value the map does not name by <see cref="Other"/>.
    /// </summary>
    /// <remarks>
    /// Each entry is written <c>"value => group"</c>. Values are matched trimmed and ignoring case (an enum by its member
    /// name). A null value gives <see langword="null"/>. The map must generalize: some group takes at least two values, or
    /// values the map leaves out fall into <see cref="Other"/> together (<c>MIN008</c> otherwise).
    /// </remarks>
    /// <example>
    /// <code>
    /// [Generalize("iPhone 15 => Apple", "iPhone 14 => Apple", "Pixel 8 => Google", "Galaxy S24 => Samsung")]
    /// public string DeviceModel { get; set; } = "";
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class GeneralizeAttribute : Attribute
    {
        /// <summary>Generalizes by a map.</summary>
        /// <param name="map">The entries, each <c>"value => group"</c>; every value at most once.</param>
        public GeneralizeAttribute(params string[] map)
        {
            Map = map ?? new string[0];
        }

        /// <summary>The entries of the map, each <c>"value => group"</c>.</summary>
        public string[] Map { get; }

        /// <summary>The group of every value the map does not name; <c>"other"</c> by default.</summary>
        public string Other { get; set; } = "other";
    }
}
