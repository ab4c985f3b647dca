using System;
using System.Globalization;

namespace Minimization.Testing.Generators
{
    /// <summary>A WGS-84 position in degrees.</summary>
    /// <param name="Latitude">Degrees north, −90 to 90.</param>
    /// <param name="Longitude">Degrees east, −180 to 180.</param>
    /// <example>
    /// <code>
    /// var ottawa = new GeoPoint(45.4215, -75.6972);
    /// string s = ottawa.ToString();   // "45.42150,-75.69720"
    /// </code>
    /// </example>
    public readonly record struct GeoPoint(double Latitude, double Longitude)
    {
        /// <summary>The position as <c>"lat,lon"</c> with five decimals (about a metre).</summary>
        /// <returns>For example <c>"45.42150,-75.69720"</c>.</returns>
        public override string ToString()
            => Latitude.ToString("F5", CultureInfo.InvariantCulture) + "," + Longitude.ToString("F5", CultureInfo.InvariantCulture);

        /// <summary>Great-circle distance in metres.</summary>
        /// <param name="other">The other position.</param>
        /// <returns>The haversine distance on a 6,371 km sphere.</returns>
        public double DistanceTo(GeoPoint other)
        {
            const double R = 6_371_000;
            double dLat = (other.Latitude - Latitude) * Math.PI / 180, dLon = (other.Longitude - Longitude) * Math.PI / 180;
            double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                + Math.Cos(Latitude * Math.PI / 180) * Math.Cos(other.Latitude * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
            return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
        }
    }
}
