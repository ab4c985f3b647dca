namespace Minimization.Testing.Generators
{
    /// <summary>Population centres that anchor regions, towers and positions.</summary>
    internal static class PopulationGeography
    {
        public static readonly (string Name, double Lat, double Lon)[] Cities =
        {
            ("Toronto", 43.6532, -79.3832), ("Montréal", 45.5019, -73.5674), ("Vancouver", 49.2827, -123.1207),
            ("Calgary", 51.0447, -114.0719), ("Edmonton", 53.5461, -113.4938), ("Ottawa", 45.4215, -75.6972),
            ("Winnipeg", 49.8951, -97.1384), ("Québec", 46.8139, -71.2080), ("Hamilton", 43.2557, -79.8711),
            ("Kitchener", 43.4516, -80.4925), ("London", 42.9849, -81.2453), ("Halifax", 44.6488, -63.5752),
            ("Victoria", 48.4284, -123.3656), ("Saskatoon", 52.1332, -106.6700), ("Regina", 50.4452, -104.6189),
            ("St. John's", 47.5615, -52.7126), ("Sherbrooke", 45.4042, -71.8929), ("Moncton", 46.0878, -64.7782),
            ("Thunder Bay", 48.3809, -89.2477), ("Whitehorse", 60.7212, -135.0568),
        };
    }
}
