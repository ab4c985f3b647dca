using System;
using FsCheck;
using FsCheck.Fluent;

namespace Minimization.Testing.Generators
{
    /// <summary>
    /// FsCheck 3 generators of realistic identifiers, for properties over single values. For whole populations use
    /// <see cref="Populations.Population.Of{T}"/>, which draws the same formats much faster.
    /// </summary>
    /// <example>
    /// <code>
    /// Prop.ForAll(IdentityGen.NanpPhone.ToArbitrary(), phone =&gt; Minimize(phone).Contains(phone) == false);
    /// </code>
    /// </example>
    public static class IdentityGen
    {
        // FsCheck draws only a 62-bit seed; the value is then built by the fast sampler, so both stay in step.
        private static readonly Gen<ulong> Seeds =
            Gen.Choose(0, int.MaxValue).SelectMany(hi => Gen.Choose(0, int.MaxValue), (hi, lo) => ((ulong)hi << 31) | (uint)lo);

        private static Gen<T> From<T>(Func<FastRandom, T> sample) => Seeds.Select(s => sample(new FastRandom(s)));

        /// <summary>NANP numbers (valid NPA and NXX, no N11) in the notations people write: digits, +1, (NPA) NXX-XXXX, dashes, dots.</summary>
        public static Gen<string> NanpPhone => From(IdentitySampler.NanpPhone);

        /// <summary>The ten national digits of a NANP number, for example <c>"6135550143"</c>-like values with a real exchange.</summary>
        public static Gen<string> NanpDigits => From(IdentitySampler.NanpDigits);

        /// <summary>Numbers in E.164 form (<c>+</c>, country code, subscriber number): mostly +1, some UK, FR, DE, IN, AU and MX mobiles.</summary>
        public static Gen<string> E164Phone => From(IdentitySampler.E164);

        /// <summary>Fictitious NANP numbers in 555-0100…0199, safe to print in documentation.</summary>
        public static Gen<string> FictitiousPhone =>
            From(r => IdentitySampler.Npa(r) + "555" + (100 + r.Next(100)).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>E-mail addresses built from names on real-looking domains, with plus-addressing and case variants.</summary>
        public static Gen<string> Email => From(r => IdentitySampler.Email(r));

        /// <summary>Public IPv4 addresses (no private, loopback, link-local, CGNAT, multicast or documentation space).</summary>
        public static Gen<string> IPv4 => From(IdentitySampler.IPv4);

        /// <summary>IPv4 addresses in the documentation ranges 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24.</summary>
        public static Gen<string> IPv4Documentation => From(IdentitySampler.IPv4Documentation);

        /// <summary>Global unicast IPv6 addresses in canonical compressed form.</summary>
        public static Gen<string> IPv6 => From(r => IdentitySampler.IPv6(r));

        /// <summary>IPv6 addresses in the documentation prefix 2001:db8::/32.</summary>
        public static Gen<string> IPv6Documentation => From(r => IdentitySampler.IPv6(r, documentation: true));

        /// <summary>"First Last" names from English, French, East and South Asian, Arabic, African, Latin American and Indigenous name lists.</summary>
        public static Gen<string> PersonName => From(IdentitySampler.PersonName);

        /// <summary>Canadian postal codes <c>A1A 1A1</c> using only the letters Canada Post uses; about 5 % rural (digit 0).</summary>
        public static Gen<string> CanadianPostalCode => From(IdentitySampler.PostalCode);

        /// <summary>Social insurance numbers: 9 digits, a valid Luhn check digit, written plain, spaced or dashed.</summary>
        public static Gen<string> Sin => From(IdentitySampler.Sin);

        /// <summary>Dates of birth, mostly adults, relative to 2026-01-01 so values do not drift with the calendar.</summary>
        public static Gen<DateOnly> DateOfBirth => From(IdentitySampler.DateOfBirth);

        /// <summary>UTC timestamps in the week starting 2026-11-01, denser by day than by night.</summary>
        public static Gen<DateTime> Timestamp => TimestampIn(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(7));

        /// <summary>UTC timestamps inside the given window.</summary>
        /// <param name="start">The window's start.</param>
        /// <param name="length">The window's length.</param>
        /// <returns>A generator of timestamps in [start, start + length).</returns>
        public static Gen<DateTime> TimestampIn(DateTime start, TimeSpan length) => From(r => IdentitySampler.Timestamp(r, start, length));

        /// <summary>Positions near Canadian population centres (within about 20 km of one of them).</summary>
        public static Gen<GeoPoint> GeoPoint => From(r =>
        {
            var city = r.Pick(PopulationGeography.Cities);
            return new GeoPoint(city.Lat + (r.NextDouble() - 0.5) * 0.3, city.Lon + (r.NextDouble() - 0.5) * 0.4);
        });

        /// <summary>Cell ids in <c>MCC-MNC-LAC-CI</c> form under MCC 302 (Canada).</summary>
        public static Gen<string> CellTowerId => From(r => IdentitySampler.CellTower(10000 + r.Next(50000), r.Next(1, 65536)));

        /// <summary>IMEIs: a real-looking 8-digit TAC, a 6-digit serial and the Luhn check digit.</summary>
        public static Gen<string> Imei => From(IdentitySampler.Imei);

        /// <summary>Canadian IMSIs: MCC 302, a Canadian MNC and the MSIN, 15 digits.</summary>
        public static Gen<string> Imsi => From(IdentitySampler.Imsi);

        /// <summary>Unicast, locally administered MAC addresses (so they can never be a real device's).</summary>
        public static Gen<string> Mac => From(IdentitySampler.Mac);
    }
}
