using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using Minimization.Testing.Generators;

namespace Minimization.Testing.Populations
{
    /// <summary>What one record is about: its subject, a contact (a call's other party), and the event's time and place.</summary>
    internal struct RecordEvent
    {
        public Person Subject;
        public Person Contact;
        public DateTime Time;
        public int Tower;
        public double Lat;
        public double Lon;
    }

    /// <summary>Turns a person's identifiers and an event into a value of the member's declared type.</summary>
    internal static class ValueFactory
    {
        private static readonly string[] Words = { "voice", "sms", "data", "mms", "voicemail", "roaming" };

        /// <summary>Nested objects deeper than this are left null: a type that holds itself (a manager's manager) ends there.</summary>
        private const int MaxDepth = 3;

        public static object? Produce(MemberSlot slot, in RecordEvent e, PopulationModel model, FastRandom random, DateTime start, TimeSpan window)
            => Produce(slot, e, model, random, start, window, depth: 0);

        private static object? Produce(MemberSlot slot, in RecordEvent e, PopulationModel model, FastRandom random, DateTime start, TimeSpan window, int depth)
        {
            if (slot.IsNested)
            {
                return depth >= MaxDepth ? null : Nested(slot, e, model, random, start, window, depth);
            }

            if (slot.ElementType != null && slot.Category != null)
            {
                // A person's list of identifiers: their own value, sometimes twice in different notations.
                MemberSlot element = slot.ElementSlot();
                var items = new List<object?> { Produce(element, e, model, random, start, window, depth) };
                if (random.Chance(0.3))
                {
                    items.Add(Produce(element, e, model, random, start, window, depth));
                }

                return Collections.Build(slot.ValueType, slot.ElementType, items);
            }

            // A value object's inner value is made here; building the record wraps it.
            Type t = Nullable.GetUnderlyingType(slot.ScalarType) ?? slot.ScalarType;
            if (slot.Category == null)
            {
                return Plain(slot, t, random, start, window);
            }

            Person p = slot.Occurrence == 0 ? e.Subject : e.Contact;
            string name = slot.Name.ToLowerInvariant();
            switch (slot.Category)
            {
                case IdentityCategory.Phone:
                    if (t == typeof(long)) return long.Parse(p.PhoneDigits, CultureInfo.InvariantCulture);
                    if (t == typeof(ulong)) return ulong.Parse(p.PhoneDigits, CultureInfo.InvariantCulture);
                    // The same person's number is not always written the same way.
                    return IdentitySampler.FormatNanp(p.PhoneDigits, random.Chance(0.8) ? p.PhoneStyle : random.Next(IdentitySampler.NanpStyles));
                case IdentityCategory.Email:
                    return random.Chance(0.1) ? p.Email.ToUpperInvariant() : Own(p.Email);
                case IdentityCategory.IpAddress:
                    string ip = name.Contains("6") ? p.IPv6 : p.IPv4;
                    if (t == typeof(IPAddress)) return IPAddress.Parse(ip);
                    if (t == typeof(uint) || t == typeof(long))
                    {
                        byte[] b = IPAddress.Parse(p.IPv4).GetAddressBytes();
                        uint v = ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
                        return t == typeof(uint) ? v : (object)(long)v;
                    }

                    return Own(ip);
                case IdentityCategory.Name:
                    if (name.Contains("first") || name.Contains("given")) return Own(p.First);
                    if (name.Contains("last") || name.Contains("family") || name.Contains("surname")) return Own(p.Last);
                    return Own(p.Name);
                case IdentityCategory.Sin:
                    if (t == typeof(int)) return int.Parse(p.SinDigits, CultureInfo.InvariantCulture);
                    if (t == typeof(long)) return long.Parse(p.SinDigits, CultureInfo.InvariantCulture);
                    return IdentitySampler.FormatSin(p.SinDigits, p.SinStyle);
                case IdentityCategory.PostalCode:
                    return Own(p.PostalCode);
                case IdentityCategory.DateOfBirth:
                    return Date(p.DateOfBirth, t);
                case IdentityCategory.Timestamp:
                    return Time(e.Time, t);
                case IdentityCategory.Geo:
                    return Geo(slot, t, e.Lat, e.Lon);
                case IdentityCategory.CellTower:
                    string tower = model.Towers[e.Tower].Id;
                    if (t == typeof(int) || t == typeof(long))
                    {
                        int ci = int.Parse(tower.Substring(tower.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);
                        int lac = model.Regions[model.Towers[e.Tower].Region].Lac;
                        long id = (long)lac * 65536 + ci;
                        return t == typeof(int) ? (int)id : (object)id;
                    }

                    return tower;
                case IdentityCategory.Imei:
                    return t == typeof(long) ? long.Parse(p.Imei, CultureInfo.InvariantCulture) : Own(p.Imei);
                case IdentityCategory.Imsi:
                    return t == typeof(long) ? long.Parse(p.Imsi, CultureInfo.InvariantCulture) : Own(p.Imsi);
                case IdentityCategory.Mac:
                    if (t == typeof(byte[])) return PhysicalAddress.Parse(p.Mac.Replace(':', '-').ToUpperInvariant()).GetAddressBytes();
                    if (t == typeof(PhysicalAddress)) return PhysicalAddress.Parse(p.Mac.Replace(':', '-').ToUpperInvariant());
                    return Own(p.Mac);
                case IdentityCategory.AccountId:
                    if (t == typeof(Guid)) return DerivedGuid(p.AccountId);
                    if (t == typeof(long)) return long.Parse(p.AccountId.Substring(2), CultureInfo.InvariantCulture);
                    return Own(p.AccountId);
                case IdentityCategory.Address:
                    return Own(p.Address);
                default:
                    // An opaque category: a stable per-person identifier derived from the category's name.
                    string opaque = slot.Category.ToUpperInvariant().Replace(" ", string.Empty) + "-" + p.AccountId.Substring(2);
                    if (t == typeof(Guid)) return DerivedGuid(opaque);
                    return Convert(opaque, t);
            }
        }

        /// <summary>
        /// An object of the user's inside the record, its members made as the record's are: the first nested object of a type is
        /// about the record's subject, a further one (a call's callee) about a contact.
        /// </summary>
        private static object? Nested(MemberSlot slot, in RecordEvent e, PopulationModel model, FastRandom random, DateTime start, TimeSpan window, int depth)
        {
            Type type = Nullable.GetUnderlyingType(slot.ValueType) ?? slot.ValueType;
            RecordShape shape;
            try
            {
                shape = RecordShape.For(type);
            }
            catch (InvalidOperationException)
            {
                // Not buildable (no usable constructor): left at its default, as a plain member would be.
                return type.IsValueType ? Activator.CreateInstance(type) : null;
            }

            RecordEvent about = e;
            if (slot.Occurrence > 0)
            {
                (about.Subject, about.Contact) = (e.Contact, e.Subject);
            }

            var values = new object?[shape.Members.Count];
            for (int m = 0; m < values.Length; m++)
            {
                values[m] = Produce(shape.Members[m], about, model, random, start, window, depth + 1);
            }

            return shape.Create(values);
        }

        /// <summary>
        /// A copy of a person's text for one record, made with the record so it sits beside it in memory, as records read from
        /// a file have their own texts. Shared by all of a person's records, one string lies wherever the person's did, and
        /// every check that reads it record by record pays a cache miss for it (survival's pass over every record did: 0.2 µs a record).
        /// </summary>
        private static string Own(string value) => new string(value.AsSpan());

        private static object? Convert(string value, Type t)
            => t == typeof(string) || t == typeof(object) ? value : t.IsValueType ? Activator.CreateInstance(t) : null;

        private static Guid DerivedGuid(string s)
        {
            var bytes = new byte[16];
            ulong h = Checks.KeyHash.Of(s);
            BitConverter.GetBytes(h).CopyTo(bytes, 0);
            BitConverter.GetBytes(h * 0x9E3779B97F4A7C15UL).CopyTo(bytes, 8);
            return new Guid(bytes);
        }

        private static object Date(DateOnly d, Type t)
        {
            if (t == typeof(DateTime)) return d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            if (t == typeof(DateTimeOffset)) return new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (t == typeof(string)) return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return d;
        }

        private static object Time(DateTime time, Type t)
        {
            if (t == typeof(DateTimeOffset)) return new DateTimeOffset(time, TimeSpan.Zero);
            if (t == typeof(long)) return new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeSeconds();
            if (t == typeof(string)) return time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return time;
        }

        private static object? Geo(MemberSlot slot, Type t, double lat, double lon)
        {
            string n = slot.Name.ToLowerInvariant();
            if (t == typeof(double))
            {
                return n.Contains("lon") || n.Contains("lng") ? lon : lat;
            }

            if (t == typeof(GeoPoint)) return new GeoPoint(lat, lon);
            if (t == typeof(ValueTuple<double, double>)) return (lat, lon);
            if (t == typeof(string)) return new GeoPoint(lat, lon).ToString();
            var ctor = t.GetConstructor(new[] { typeof(double), typeof(double) });
            return ctor != null ? ctor.Invoke(new object[] { lat, lon }) : t.IsValueType ? Activator.CreateInstance(t) : null;
        }

        private static object? Plain(MemberSlot slot, Type t, FastRandom random, DateTime start, TimeSpan window)
        {
            if (t == typeof(int)) return (int)Math.Min(7200, -Math.Log(1 - random.NextDouble()) * 180);
            if (t == typeof(long)) return (long)Math.Min(7200, -Math.Log(1 - random.NextDouble()) * 180);
            if (t == typeof(double)) return Math.Round(random.NextDouble() * 100, 2);
            if (t == typeof(decimal)) return (decimal)Math.Round(random.NextDouble() * 100, 2);
            if (t == typeof(bool)) return random.Chance(0.5);
            if (t == typeof(string)) return random.Pick(Words);
            if (t == typeof(TimeSpan)) return TimeSpan.FromSeconds(random.Next(1, 3600));
            if (t == typeof(DateTime)) return IdentitySampler.Timestamp(random, start, window);
            if (t == typeof(DateTimeOffset)) return new DateTimeOffset(IdentitySampler.Timestamp(random, start, window), TimeSpan.Zero);
            if (t == typeof(Guid))
            {
                var b = new byte[16];
                for (int i = 0; i < 16; i++) b[i] = (byte)random.Next(256);
                return new Guid(b);
            }

            if (t.IsEnum)
            {
                Array values = Enum.GetValues(t);
                return values.Length == 0 ? Activator.CreateInstance(t) : values.GetValue(random.Next(values.Length));
            }

            return t.IsValueType ? Activator.CreateInstance(t) : null;
        }
    }
}
