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
