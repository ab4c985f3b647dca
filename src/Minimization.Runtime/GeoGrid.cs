using System;

namespace Minimization.Runtime
{
    /// <summary>
    /// Snaps coordinates down to the south-west corner of a grid cell, so that every point in a cell shares one value.
    /// </summary>
    /// <remarks>
    /// Values within a billionth of a cell below a grid line are taken to lie on it, which absorbs floating-point noise
    /// (<c>0.3 / 0.1</c> is 2.9999999999999996). NaN and infinities give <see langword="null"/>.
    /// </remarks>
    /// <example>
    /// <code>
    /// GeoGrid.Snap(45.4215, 0.1);                  // 45.4
    /// GeoGrid.SnapPoint((45.4215, -75.6972), 0.1); // (45.4, -75.7)
    /// </code>
    /// </example>
    public static class GeoGrid
    {
        /// <summary>Snaps one coordinate.</summary>
        /// <param name="value">A latitude or longitude in degrees.</param>
        /// <param name="cellSize">The cell size in degrees; positive and finite.</param>
        /// <returns>The cell's lower edge, or <see langword="null"/> for null, NaN and infinities.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="cellSize"/> is not positive and finite.</exception>
        [Minimizer]
        public static double? Snap(double? value, double cellSize)
        {
            if (!(cellSize > 0) || double.IsInfinity(cellSize))
            {
                throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "A grid cell size must be positive and finite.");
            }

            if (!(value is double v) || double.IsNaN(v) || double.IsInfinity(v))
            {
                return null;
            }

            double cells = Math.Floor((v / cellSize) + 1e-9);
            return Math.Round(cells * cellSize, 9);
        }

        /// <summary>Snaps a point.</summary>
        /// <param name="point">The point in degrees.</param>
        /// <param name="cellSize">The cell size in degrees; positive and finite.</param>
        /// <returns>The cell's south-west corner, or <see langword="null"/> when either coordinate is null, NaN or infinite.</returns>
        [Minimizer]
        public static (double Latitude, double Longitude)? SnapPoint((double Latitude, double Longitude)? point, double cellSize)
        {
            if (!(point is (double, double) p))
            {
                _ = Snap(null, cellSize);
                return null;
            }

            double? lat = Snap(p.Item1, cellSize);
            double? lon = Snap(p.Item2, cellSize);
            return lat is double a && lon is double b ? (a, b) : ((double Latitude, double Longitude)?)null;
        }
    }
}
