using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy (generalization): snaps a coordinate (a latitude or longitude in degrees, or a
    /// <c>(double Latitude, double Longitude)</c> tuple) down to the south-west corner of a grid cell of <see cref="CellSize"/> degrees.
    /// </summary>
    /// <remarks>NaN and infinities give <see langword="null"/>. 0.01° is about 1.1 km of latitude; 0.1° about 11 km.</remarks>
    /// <example>
    /// <code>
    /// [IdentityBearing(IdentityCategory.Geo), SnapToGrid(0.1)] public double Latitude { get; set; }
    /// [IdentityBearing(IdentityCategory.Geo), SnapToGrid(0.1)] public double Longitude { get; set; }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class SnapToGridAttribute : Attribute
    {
        /// <summary>Snaps to a grid.</summary>
        /// <param name="cellSize">The grid's cell size in degrees; greater than 0.</param>
        public SnapToGridAttribute(double cellSize)
        {
            CellSize = cellSize;
        }

        /// <summary>The grid's cell size in degrees.</summary>
        public double CellSize { get; }
    }
}
