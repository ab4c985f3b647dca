using System;
using System.Collections.Generic;
using System.Globalization;
using Minimization.Testing.Generators;

namespace Minimization.Testing.Populations
{
    /// <summary>A region: a forward sortation area, a location area of the network, its towers and its phone exchanges.</summary>
    internal sealed class Region
    {
        public Region(int index, string fsa, int lac, bool rural, double lat, double lon, string npa, string[] nxx, int firstTower, int towers)
        {
            Index = index;
            Fsa = fsa;
            Lac = lac;
            Rural = rural;
            Lat = lat;
            Lon = lon;
            Npa = npa;
            Nxx = nxx;
            FirstTower = firstTower;
            TowerCount = towers;
        }

        public int Index { get; }

        public string Fsa { get; }

        public int Lac { get; }

        public bool Rural { get; }

        public double Lat { get; }

        public double Lon { get; }

        public string Npa { get; }

        public string[] Nxx { get; }

        public int FirstTower { get; }

        public int TowerCount { get; }
    }

    internal readonly struct Tower
    {
        public Tower(string id, int region, double lat, double lon)
        {
            Id = id;
            Region = region;
            Lat = lat;
            Lon = lon;
        }

        public string Id { get; }

        public int Region { get; }

        public double Lat { get; }

        public double Lon { get; }
    }

    /// <summary>A person's stable identifiers. Computed once per person so every record of theirs agrees.</summary>
    internal sealed class Person
    {
        public int Index;
        public int Region;
        public string First = "";
        public string Last = "";
        public string PhoneDigits = "";
        public int PhoneStyle;
        public string Email = "";
        public string SinDigits = "";
        public int SinStyle;
        public string PostalCode = "";
        public DateOnly DateOfBirth;
        public string Imei = "";
        public string Imsi = "";
        public string Mac = "";
        public string IPv4 = "";
        public string IPv6 = "";
        public string AccountId = "";
        public string Address = "";
        public int[] HomeTowers = Array.Empty<int>();

        public string Name => First + " " + Last;
    }

    /// <summary>The geography and the people of one generated population.</summary>
    internal sealed class PopulationModel
    {
        /// <summary>The person's random host under the region's provider /24 (derived from the region, so no draw is added).</summary>
        private static string RegionalIPv4(string drawn, Region provider)
        {
            byte[] block = System.Net.IPAddress.Parse(IdentitySampler.IPv4(new FastRandom(Checks.KeyHash.Of("ipv4/" + provider.Fsa)))).GetAddressBytes();
            byte[] host = System.Net.IPAddress.Parse(drawn).GetAddressBytes();
            return block[0] + "." + block[1] + "." + block[2] + "." + (1 + (host[3] % 254));
        }

        /// <summary>The person's random /64 and interface id under the region's provider /44 (derived from the region, so no draw is added).</summary>
        private static string RegionalIPv6(string drawn, Region home)
        {
            byte[] block = System.Net.IPAddress.Parse(IdentitySampler.IPv6(new FastRandom(Checks.KeyHash.Of("ipv6/" + home.Fsa)))).GetAddressBytes();
            byte[] host = System.Net.IPAddress.Parse(drawn).GetAddressBytes();
            for (int i = 0; i < 5; i++)
            {
                host[i] = block[i];
            }

            host[5] = (byte)((block[5] & 0xF0) | (host[5] & 0x0F));
            return new System.Net.IPAddress(host).ToString();
        }

        public PopulationModel(Region[] regions, Tower[] towers, Person[] people)
        {
            Regions = regions;
            Towers = towers;
            People = people;
        }

        public Region[] Regions { get; }

        public Tower[] Towers { get; }

        public Person[] People { get; }

        private static readonly string[] Streets =
        {
            "Main St", "King St W", "Rue Sainte-Catherine", "Yonge St", "Bank St", "Rue Saint-Denis", "Granville St", "Jasper Ave",
            "Portage Ave", "Barrington St", "Queen St E", "Boulevard René-Lévesque", "Elgin St", "Water St", "Broadway",
        };

        public static PopulationModel Create(FastRandom random, int people, Distribution regions, int towersPerRegion, double outlierShare)
        {
            int outlierPeople = (int)Math.Round(people * Math.Clamp(outlierShare, 0, 1));
            int outlierRegions = outlierPeople == 0 ? 0 : (outlierPeople + 1) / 2;
            int dense = regions.Count;
            var regionList = new List<Region>(dense + outlierRegions);
            var towers = new List<Tower>();
            var usedFsa = new HashSet<string>(StringComparer.Ordinal);
            var usedNpaNxx = new HashSet<string>(StringComparer.Ordinal);
            for (int r = 0; r < dense + outlierRegions; r++)
            {
                bool rural = r >= dense;
                string fsa;
                do
                {
                    fsa = IdentitySampler.Fsa(random, rural);
                }
                while (!usedFsa.Add(fsa));

                var city = PopulationGeography.Cities[r % PopulationGeography.Cities.Length];
                double lat = city.Lat + (rural ? (random.NextDouble() - 0.5) * 6 : (random.NextDouble() - 0.5) * 0.2);
                double lon = city.Lon + (rural ? (random.NextDouble() - 0.5) * 8 : (random.NextDouble() - 0.5) * 0.3);
                string npa = IdentitySampler.Npa(random);
                var nxx = new string[rural ? 1 : 8];
                for (int i = 0; i < nxx.Length; i++)
                {
                    do
                    {
                        nxx[i] = IdentitySampler.Nxx(random);
                    }
                    while (!usedNpaNxx.Add(npa + nxx[i]));
                }

                // Dense location areas are 10000-59999, rural ones 90000 and up, so a minimizer can merge rural areas.
                int lac = rural ? 90000 + r - dense : 10000 + r * 37;
                int count = rural ? 2 : Math.Max(1, towersPerRegion);
                int first = towers.Count;
                for (int t = 0; t < count; t++)
                {
                    double spread = rural ? 0.05 : 0.15;
                    towers.Add(new Tower(
                        IdentitySampler.CellTower(lac, 1000 + t * 7 + random.Next(7)),
                        r,
                        lat + (random.NextDouble() - 0.5) * spread,
                        lon + (random.NextDouble() - 0.5) * spread));
                }

                regionList.Add(new Region(r, fsa, lac, rural, lat, lon, npa, nxx, first, count));
            }

            var persons = new Person[people];
            var phones = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < people; i++)
            {
                var p = new Person { Index = i };
                p.Region = i < outlierPeople ? dense + (i / 2) : regions.Sample(random);
                Region home = regionList[p.Region];
                p.First = IdentitySampler.FirstName(random);
                p.Last = IdentitySampler.LastName(random);
                do
                {
                    p.PhoneDigits = home.Npa + random.Pick(home.Nxx) + IdentitySampler.LineNumber(random);
                }
                while (!phones.Add(p.PhoneDigits));

                p.PhoneStyle = random.Next(IdentitySampler.NanpStyles);
                p.Email = IdentitySampler.Email(random, p.First, p.Last);
                p.SinDigits = IdentitySampler.SinDigits(random);
                p.SinStyle = random.Next(3);
                p.PostalCode = home.Fsa + (random.Chance(0.8) ? " " : string.Empty) + IdentitySampler.Ldu(random);
                p.DateOfBirth = IdentitySampler.DateOfBirth(random);
                p.Imei = IdentitySampler.Imei(random);
                p.Imsi = IdentitySampler.Imsi(random);
                p.Mac = IdentitySampler.Mac(random);
                // Addresses come from an access provider: the home region's for dense regions, the largest region's (a national
                // carrier) for rural outliers. IPv4: the provider's /24, shared behind carrier-grade NAT, so a /24 says no more
                // than the region; IPv6: the provider's /44, the household's own /64 and the device's interface id.
                p.IPv4 = RegionalIPv4(IdentitySampler.IPv4(random), home.Rural ? regionList[0] : home);
                p.IPv6 = RegionalIPv6(IdentitySampler.IPv6(random), home.Rural ? regionList[0] : home);
                p.AccountId = "AC" + random.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
                p.Address = random.Next(1, 9999).ToString(CultureInfo.InvariantCulture) + " " + random.Pick(Streets) + ", " + home.Fsa;
                int homes = Math.Min(3, home.TowerCount);
                p.HomeTowers = new int[homes];
                for (int h = 0; h < homes; h++)
                {
                    p.HomeTowers[h] = home.FirstTower + random.Next(home.TowerCount);
                }

                persons[i] = p;
            }

            // Outliers first made the loop simple; shuffle so that record order says nothing about who is an outlier.
            for (int i = persons.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (persons[i], persons[j]) = (persons[j], persons[i]);
            }

            for (int i = 0; i < persons.Length; i++)
            {
                persons[i].Index = i;
            }

            return new PopulationModel(regionList.ToArray(), towers.ToArray(), persons);
        }
    }
}
