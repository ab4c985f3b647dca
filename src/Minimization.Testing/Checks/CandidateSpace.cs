using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using Minimization.Testing.Generators;

namespace Minimization.Testing.Checks
{
    /// <summary>
    /// A bounded neighbourhood of an identifier from a small space, in the same type and notation as the original, that
    /// an attacker enumerates: the 10,000 lines of a phone's exchange, the valid SINs sharing its first digits, the
    /// addresses of an IPv4 /22, the 2,000 postal codes of a forward sortation area, the dates within two years of a birth date.
    /// </summary>
    internal sealed class CandidateSpace
    {
        private CandidateSpace(string description, List<object> candidates, int trueIndex)
        {
            Description = description;
            Candidates = candidates;
            TrueIndex = trueIndex;
        }

        public string Description { get; }

        public List<object> Candidates { get; }

        public int TrueIndex { get; }

        public static bool IsEnumerable(string? category) => category is IdentityCategory.Phone or IdentityCategory.Sin or IdentityCategory.IpAddress
            or IdentityCategory.PostalCode or IdentityCategory.DateOfBirth or IdentityCategory.Imei;

        private const int MaxCandidates = 30_000;

        private static readonly string[] CommonLocalParts =
        {
            "info", "admin", "contact", "support", "sales", "office", "hello", "mail", "billing", "jobs", "team", "service",
            "webmaster", "postmaster", "noreply", "accounts", "help", "marketing", "hr", "test", "user", "me",
        };

        /// <summary>
        /// The candidates for any identifier: a registered generator first, then the built-in neighbourhood of the category,
        /// and for categories without a small neighbourhood (e-mail, names, IPv6, account numbers, your own) the population's
        /// own values with dictionaries built from what the population shows.
        /// </summary>
        public static CandidateSpace? For(string category, object? value, IReadOnlyList<object> populationValues, Func<object, IEnumerable<object>>? custom)
        {
            if (value == null)
            {
                return null;
            }

            try
            {
                if (custom != null)
                {
                    var list = new List<object>();
                    foreach (object c in custom(value))
                    {
                        if (c != null && c.GetType() == value.GetType())
                        {
                            list.Add(c);
                        }

                        if (list.Count >= MaxCandidates * 4)
                        {
                            break;
                        }
                    }

                    return Finish($"the {list.Count:N0} candidates of the generator registered for {category}", list, value);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidOperationException($"The candidate generator registered for category '{category}' threw {e.GetType().Name}: {e.Message}", e);
            }

            CandidateSpace? builtIn = For(category, value);
            if (builtIn != null)
            {
                return builtIn;
            }

            return category switch
            {
                IdentityCategory.Email => Email(value, populationValues),
                IdentityCategory.Name => Names(value, populationValues),
                IdentityCategory.IpAddress => IPv6(value, populationValues),
                _ => Digits(value, populationValues, category),
            };
        }

        private static List<object> Distinct(IReadOnlyList<object> values, Type type, int cap)
        {
            var seen = new HashSet<object>();
            var list = new List<object>();
            foreach (object v in values)
            {
                if (v != null && v.GetType() == type && seen.Add(v))
                {
                    list.Add(v);
                    if (list.Count >= cap)
                    {
                        break;
                    }
                }
            }

            return list;
        }

        private static CandidateSpace? Email(object value, IReadOnlyList<object> population)
        {
            if (value is not string s || s.IndexOf('@') <= 0)
            {
                return null;
            }

            string domain = s.Substring(s.IndexOf('@') + 1).ToLowerInvariant();
            var candidates = new List<object>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Add(string c)
            {
                if (candidates.Count < MaxCandidates && seen.Add(c))
                {
                    candidates.Add(c);
                }
            }

            foreach (object v in Distinct(population, typeof(string), MaxCandidates / 3))
            {
                Add((string)v);
            }

            foreach (string local in CommonLocalParts)
            {
                Add(local + "@" + domain);
            }

            var (firsts, lasts) = NameParts(population: Array.Empty<object>());
            foreach (string first in firsts)
            {
                foreach (string last in lasts)
                {
                    string f = IdentitySampler.Ascii(first), l = IdentitySampler.Ascii(last);
                    Add(f + "." + l + "@" + domain);
                    Add(f + l + "@" + domain);
                    Add(f.Substring(0, 1) + "." + l + "@" + domain);
                    Add(l + "." + f + "@" + domain);
                }
            }

            return Finish($"the {candidates.Count:N0} addresses made of common local parts and name patterns at {domain}, and the population's own addresses", candidates, value);
        }

        private static (List<string> Firsts, List<string> Lasts) NameParts(IReadOnlyList<object> population)
        {
            var firsts = new List<string>(IdentitySampler.KnownFirstNames);
            var lasts = new List<string>(IdentitySampler.KnownLastNames);
            var fs = new HashSet<string>(firsts, StringComparer.Ordinal);
            var ls = new HashSet<string>(lasts, StringComparer.Ordinal);
            foreach (object v in population)
            {
                if (v is string name)
                {
                    string[] parts = name.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length >= 2)
                    {
                        if (fs.Add(parts[0]) && firsts.Count < 2_000)
                        {
                            firsts.Add(parts[0]);
                        }

                        string last = string.Join(" ", parts, 1, parts.Length - 1);
                        if (ls.Add(last) && lasts.Count < 2_000)
                        {
                            lasts.Add(last);
                        }
                    }
                }
            }

            return (firsts, lasts);
        }

        private static CandidateSpace? Names(object value, IReadOnlyList<object> population)
        {
            if (value is not string s || s.Trim().IndexOf(' ') < 0)
            {
                return null;
            }

            var (firsts, lasts) = NameParts(population);
            var candidates = new List<object>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string first in firsts)
            {
                foreach (string last in lasts)
                {
                    string c = first + " " + last;
                    if (candidates.Count < MaxCandidates && seen.Add(c))
                    {
                        candidates.Add(c);
                    }
                }
            }

            return Finish($"the {candidates.Count:N0} names made of the first and last names known and seen in the population", candidates, value);
        }

        private static CandidateSpace? IPv6(object value, IReadOnlyList<object> population)
        {
            IPAddress? ip = value switch
            {
                IPAddress a => a,
                string s => IdentityFormats.ParseIp(s),
                _ => null,
            };
            if (ip == null || IdentityFormats.IsIPv4(ip))
            {
                return null;
            }

            byte[] prefix = ip.GetAddressBytes();
            var interfaceIds = new List<byte[]>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (object v in population)
            {
                IPAddress? other = v as IPAddress ?? (v is string t ? IdentityFormats.ParseIp(t) : null);
                if (other != null && !IdentityFormats.IsIPv4(other))
                {
                    byte[] b = other.GetAddressBytes();
                    if (seen.Add(Convert.ToHexString(b, 8, 8)) && interfaceIds.Count < 10_000)
                    {
                        interfaceIds.Add(b);
                    }
                }
            }

            for (int i = 1; i <= 256; i++)
            {
                var b = new byte[16];
                b[14] = (byte)(i >> 8);
                b[15] = (byte)i;
                if (seen.Add(Convert.ToHexString(b, 8, 8)))
                {
                    interfaceIds.Add(b);
                }
            }

            var candidates = new List<object>(interfaceIds.Count);
            foreach (byte[] iid in interfaceIds)
            {
                var c = (byte[])prefix.Clone();
                Array.Copy(iid, 8, c, 8, 8);
                var address = new IPAddress(c);
                candidates.Add(value is IPAddress ? address : address.ToString());
            }

            var network = (byte[])prefix.Clone();
            Array.Clear(network, 8, 8);
            object original = value is string ? ip.ToString() : value;
            return Finish($"the {candidates.Count:N0} addresses of its /64 {new IPAddress(network)} with the interface ids seen in the population and the low ones", candidates, original);
        }

        /// <summary>Account numbers and other digit-bearing identifiers: the 10,000 values sharing all but the last four digits, and the population's own.</summary>
        private static CandidateSpace? Digits(object value, IReadOnlyList<object> population, string category)
        {
            var candidates = new List<object>();
            string description;
            if (value is string s && DigitPositions(s).Count >= 6)
            {
                List<int> d = DigitPositions(s);
                char[] buffer = s.ToCharArray();
                for (int i = 0; i < 10_000; i++)
                {
                    string line = i.ToString("D4", CultureInfo.InvariantCulture);
                    for (int j = 0; j < 4; j++)
                    {
                        buffer[d[d.Count - 4 + j]] = line[j];
                    }

                    candidates.Add(new string(buffer));
                }

                description = $"the 10,000 {category} values that share all but its last four digits, and the population's own";
            }
            else if (value is long l && l >= 100_000)
            {
                long block = l - (l % 10_000);
                for (int i = 0; i < 10_000; i++)
                {
                    candidates.Add(block + i);
                }

                description = $"the 10,000 {category} numbers that share all but its last four digits, and the population's own";
            }
            else
            {
                description = $"the population's own {category} values";
            }

            var seen = new HashSet<object>(candidates);
            foreach (object v in Distinct(population, value.GetType(), MaxCandidates))
            {
                if (seen.Add(v))
                {
                    candidates.Add(v);
                }
            }

            if (candidates.Count < 2)
            {
                return null;
            }

            return Finish($"{description} ({candidates.Count:N0} candidates)", candidates, value);
        }

        public static CandidateSpace? For(string category, object? value)
        {
            if (value == null)
            {
                return null;
            }

            return category switch
            {
                IdentityCategory.Phone => Phone(value),
                IdentityCategory.Sin => Luhn(value, vary: new[] { 5, 6, 7 }, "the 1,000 valid SINs that share its first five digits"),
                IdentityCategory.Imei => Luhn(value, vary: new[] { 11, 12, 13 }, "the 1,000 valid IMEIs that share its TAC and first serial digits"),
                IdentityCategory.IpAddress => Ip(value),
                IdentityCategory.PostalCode => Postal(value),
                IdentityCategory.DateOfBirth => Birth(value),
                _ => null,
            };
        }

        private static CandidateSpace? Finish(string description, List<object> candidates, object original)
        {
            int index = candidates.FindIndex(c => c.Equals(original));
            if (index < 0)
            {
                candidates.Add(original);
                index = candidates.Count - 1;
            }

            return new CandidateSpace(description, candidates, index);
        }

        private static List<int> DigitPositions(string s)
        {
            var positions = new List<int>();
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] >= '0' && s[i] <= '9')
                {
                    positions.Add(i);
                }
            }

            return positions;
        }

        private static CandidateSpace? Phone(object value)
        {
            if (value is long l)
            {
                long block = l - (l % 10000);
                var c = new List<object>(10000);
                for (int i = 0; i < 10000; i++)
                {
                    c.Add(block + i);
                }

                return Finish("the 10,000 numbers of its exchange", c, l);
            }

            if (value is not string s)
            {
                return null;
            }

            List<int> d = DigitPositions(s);
            if (d.Count < 7)
            {
                return null;
            }

            string digits = IdentityFormats.DigitsOnly(s);
            string national = digits.Length == 11 && digits[0] == '1' ? digits.Substring(1) : digits;
            string exchange = national.Length == 10 ? national.Substring(0, 3) + "-" + national.Substring(3, 3) : national.Substring(0, national.Length - 4);
            var list = new List<object>(10000);
            char[] buffer = s.ToCharArray();
            for (int i = 0; i < 10000; i++)
            {
                string line = i.ToString("D4", CultureInfo.InvariantCulture);
                for (int j = 0; j < 4; j++)
                {
                    buffer[d[d.Count - 4 + j]] = line[j];
                }

                list.Add(new string(buffer));
            }

            return Finish($"the 10,000 numbers of NPA-NXX {exchange}", list, s);
        }

        private static CandidateSpace? Luhn(object value, int[] vary, string description)
        {
            string? s = value switch
            {
                string str => str,
                int i => i.ToString("D9", CultureInfo.InvariantCulture),
                long l => l.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (s == null)
            {
                return null;
            }

            List<int> d = DigitPositions(s);
            int last = vary[vary.Length - 1];
            if (d.Count <= last + 1)
            {
                return null;
            }

            char[] buffer = s.ToCharArray();
            var list = new List<object>(1000);
            int total = 1;
            foreach (int _ in vary)
            {
                total *= 10;
            }

            for (int n = 0; n < total; n++)
            {
                int x = n;
                for (int j = vary.Length - 1; j >= 0; j--)
                {
                    buffer[d[vary[j]]] = (char)('0' + (x % 10));
                    x /= 10;
                }

                // The check digit is the last digit; recompute it over all the others.
                var payload = new char[d.Count - 1];
                for (int j = 0; j < payload.Length; j++)
                {
                    payload[j] = buffer[d[j]];
                }

                buffer[d[d.Count - 1]] = Generators.Luhn.CheckDigit(payload);
                string candidate = new string(buffer);
                list.Add(value switch
                {
                    int => int.Parse(candidate, CultureInfo.InvariantCulture),
                    long => long.Parse(candidate, CultureInfo.InvariantCulture),
                    _ => candidate,
                });
            }

            return Finish(description, list, value);
        }

        private static CandidateSpace? Ip(object value)
        {
            IPAddress? ip = value switch
            {
                IPAddress a => a,
                string s => IdentityFormats.ParseIp(s),
                uint u => new IPAddress(new[] { (byte)(u >> 24), (byte)(u >> 16), (byte)(u >> 8), (byte)u }),
                _ => null,
            };
            if (ip == null || !IdentityFormats.IsIPv4(ip))
            {
                return null;
            }

            byte[] b = ip.GetAddressBytes();
            uint v = ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
            uint network = v & 0xFFFFFC00u;
            var list = new List<object>(1024);
            for (uint i = 0; i < 1024; i++)
            {
                uint c = network | i;
                var address = new IPAddress(new[] { (byte)(c >> 24), (byte)(c >> 16), (byte)(c >> 8), (byte)c });
                list.Add(value switch
                {
                    IPAddress => address,
                    uint => c,
                    _ => address.ToString(),
                });
            }

            object original = value is string str ? (object)ip.ToString() : value;
            if (value is string raw && raw != ip.ToString())
            {
                // The record wrote the address in another notation; the attacker enumerates canonical forms, which the
                // minimizer should accept as well.
                original = ip.ToString();
            }

            var space = Finish($"the 1,024 addresses of {new IPAddress(new[] { (byte)(network >> 24), (byte)(network >> 16), (byte)(network >> 8), (byte)network })}/22", list, original);
            return space;
        }

        private static CandidateSpace? Postal(object value)
        {
            if (value is not string s)
            {
                return null;
            }

            string compact = s.Replace(" ", string.Empty);
            if (compact.Length != 6)
            {
                return null;
            }

            bool upper = char.IsUpper(compact[0]);
            bool space = s.Contains(' ');
            string fsa = compact.Substring(0, 3);
            string letters = IdentityFormats.PostalOtherLetters;
            var list = new List<object>(2000);
            for (int a = 0; a < 10; a++)
            {
                foreach (char l in letters)
                {
                    for (int c = 0; c < 10; c++)
                    {
                        string ldu = a.ToString(CultureInfo.InvariantCulture) + (upper ? l : char.ToLowerInvariant(l)) + c.ToString(CultureInfo.InvariantCulture);
                        list.Add(fsa + (space ? " " : string.Empty) + ldu);
                    }
                }
            }

            return Finish($"the 2,000 postal codes of {fsa.ToUpperInvariant()}", list, s);
        }

        private static CandidateSpace? Birth(object value)
        {
            DateOnly d;
            string? format = null;
            switch (value)
            {
                case DateOnly x: d = x; break;
                case DateTime x: d = DateOnly.FromDateTime(x); break;
                case DateTimeOffset x: d = DateOnly.FromDateTime(x.UtcDateTime); break;
                case string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d): format = "yyyy-MM-dd"; break;
                default: return null;
            }

            var list = new List<object>(1462);
            for (DateOnly c = d.AddYears(-2); c <= d.AddYears(2); c = c.AddDays(1))
            {
                list.Add(value switch
                {
                    DateTime x => c.ToDateTime(TimeOnly.FromDateTime(x), x.Kind),
                    DateTimeOffset x => new DateTimeOffset(c.ToDateTime(TimeOnly.FromDateTime(x.DateTime)), x.Offset),
                    string => c.ToString(format, CultureInfo.InvariantCulture),
                    _ => c,
                });
            }

            return Finish($"the {list.Count:N0} dates within two years of it", list, value);
        }
    }
}
