using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace Minimization.Testing.Generators
{
    /// <summary>
    /// Draws realistic identifiers from a <see cref="FastRandom"/>. <see cref="IdentityGen"/> wraps each in an FsCheck
    /// generator; populations call these directly for speed.
    /// </summary>
    internal static class IdentitySampler
    {
        private static readonly string[] FirstNames =
        {
            "Olivia", "Liam", "Emma", "Noah", "Charlotte", "William", "Amelia", "Benjamin", "Ava", "Lucas", "Sophie", "Jacob",
            "Chloé", "Félix", "Léa", "Mathis", "Florence", "Gabriel", "Camille", "Antoine", "Zoé", "Étienne", "Juliette", "Samuel",
            "Wei", "Mei", "Jun", "Xin", "Hao", "Ying", "Arjun", "Priya", "Harpreet", "Gurpreet", "Aarav", "Ananya", "Rohan", "Simran",
            "Mohammed", "Fatima", "Omar", "Aisha", "Yusuf", "Layla", "Ali", "Maryam", "Santiago", "Valentina", "Mateo", "Isabella",
            "Oluwaseun", "Chidi", "Amara", "Kwame", "Nia", "Tenzin", "Anh", "Minh", "Thi", "Jose", "Maria", "Rafael", "Ines",
            "Kateri", "Tanis", "Dakota", "Sakura", "Haruto", "Ji-woo", "Min-jun", "Seo-yeon", "Dmitri", "Olga", "Ivan", "Katarzyna",
        };

        private static readonly string[] LastNames =
        {
            "Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "MacDonald", "Gagnon", "Johnson", "Taylor", "Côté", "Campbell",
            "Anderson", "Leblanc", "Lee", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Ouellet", "Pelletier",
            "Bélanger", "Lévesque", "Bergeron", "Nguyen", "Tran", "Pham", "Wang", "Li", "Zhang", "Chen", "Liu", "Huang", "Wong",
            "Singh", "Kaur", "Patel", "Sharma", "Gill", "Sandhu", "Grewal", "Khan", "Ahmed", "Hassan", "Ali", "Hussain", "Rahman",
            "Garcia", "Rodriguez", "Silva", "Santos", "Pereira", "Okafor", "Adeyemi", "Mensah", "Kim", "Park", "Choi", "Sato",
            "Suzuki", "Ivanov", "Kowalski", "Nowak", "Rossi", "Russo", "Esposito", "O'Brien", "Murphy", "Kelly", "Van der Berg",
            "Cardinal", "Bearspaw", "Sinclair", "Fraser", "Stewart", "Robertson", "Thompson", "White", "Harris", "Clark", "Lewis",
        };

        private static readonly string[] MailDomains =
        {
            "gmail.com", "outlook.com", "hotmail.com", "yahoo.ca", "yahoo.com", "icloud.com", "live.ca", "protonmail.com",
            "videotron.ca", "rogers.com", "sympatico.ca", "shaw.ca", "telus.net", "bell.net", "cogeco.ca", "mail.com",
            "utoronto.ca", "ubc.ca", "mcgill.ca", "gov.on.ca", "example.com", "example.org", "example.net",
        };

        private static readonly string[] PlusTags = { "news", "shop", "work", "bank", "2024", "travel", "spam", "lists" };

        // Type allocation codes of common handsets (the first 8 digits of an IMEI).
        private static readonly string[] Tacs =
        {
            "35328511", "35467810", "35209900", "35917908", "86012503", "35332011", "35674108", "35391110", "01325800", "35875409",
        };

        // Canadian mobile network codes (MNC) under MCC 302.
        private static readonly string[] CanadianMncs = { "720", "610", "220", "490", "370", "500", "510", "780", "880" };

        private static readonly (string Cc, int Digits, string[] Leads)[] Foreign =
        {
            ("44", 10, new[] { "71", "73", "74", "75", "77", "78", "79" }),
            ("33", 9, new[] { "6", "7" }),
            ("49", 11, new[] { "151", "152", "160", "162", "170", "171", "172", "176" }),
            ("91", 10, new[] { "6", "7", "8", "9" }),
            ("61", 9, new[] { "4" }),
            ("52", 10, new[] { "55", "33", "81" }),
        };

        /// <summary>The first names populations draw from (an attacker's name dictionary starts here too).</summary>
        public static IReadOnlyList<string> KnownFirstNames => FirstNames;

        /// <summary>The last names populations draw from.</summary>
        public static IReadOnlyList<string> KnownLastNames => LastNames;

        public static string FirstName(FastRandom r) => r.Pick(FirstNames);

        public static string LastName(FastRandom r) => r.Pick(LastNames);

        public static string PersonName(FastRandom r) => FirstName(r) + " " + LastName(r);

        public static string Npa(FastRandom r)
        {
            while (true)
            {
                var d = new string(new[] { (char)('2' + r.Next(8)), r.Digit(), r.Digit() });
                if (IdentityFormats.IsValidNanpCode(d, 0, area: true))
                {
                    return d;
                }
            }
        }

        public static string Nxx(FastRandom r)
        {
            while (true)
            {
                var d = new string(new[] { (char)('2' + r.Next(8)), r.Digit(), r.Digit() });
                if (IdentityFormats.IsValidNanpCode(d, 0, area: false) && d != "555" && d != "950" && d != "958" && d != "959" && d != "976")
                {
                    return d;
                }
            }
        }

        public static string LineNumber(FastRandom r) => r.Next(10000).ToString("D4", CultureInfo.InvariantCulture);

        /// <summary>Ten national digits with a valid area code and exchange.</summary>
        public static string NanpDigits(FastRandom r) => Npa(r) + Nxx(r) + LineNumber(r);

        /// <summary>Writes ten NANP digits in one of the notations people and systems use.</summary>
        public static string FormatNanp(string digits, int style) => style switch
        {
            0 => digits,
            1 => "+1" + digits,
            2 => "(" + digits.Substring(0, 3) + ") " + digits.Substring(3, 3) + "-" + digits.Substring(6),
            3 => digits.Substring(0, 3) + "-" + digits.Substring(3, 3) + "-" + digits.Substring(6),
            4 => "+1 " + digits.Substring(0, 3) + " " + digits.Substring(3, 3) + " " + digits.Substring(6),
            5 => "1-" + digits.Substring(0, 3) + "-" + digits.Substring(3, 3) + "-" + digits.Substring(6),
            _ => digits.Substring(0, 3) + "." + digits.Substring(3, 3) + "." + digits.Substring(6),
        };

        public const int NanpStyles = 7;

        public static string NanpPhone(FastRandom r) => FormatNanp(NanpDigits(r), r.Next(NanpStyles));

        /// <summary>An E.164 number: mostly NANP, the rest mobile numbers of other countries.</summary>
        public static string E164(FastRandom r)
        {
            if (r.Chance(0.6))
            {
                return "+1" + NanpDigits(r);
            }

            var (cc, digits, leads) = r.Pick(Foreign);
            var sb = new StringBuilder("+").Append(cc);
            string lead = r.Pick(leads);
            sb.Append(lead);
            for (int i = lead.Length; i < digits; i++)
            {
                sb.Append(r.Digit());
            }

            return sb.ToString();
        }

        public static string Email(FastRandom r) => Email(r, FirstName(r), LastName(r));

        public static string Email(FastRandom r, string first, string last)
        {
            string f = Ascii(first), l = Ascii(last);
            string local = r.Next(7) switch
            {
                0 => f + "." + l,
                1 => f + l,
                2 => f.Substring(0, 1) + "." + l,
                3 => f + "_" + l,
                4 => f + "." + l + r.Next(10, 100).ToString(CultureInfo.InvariantCulture),
                5 => f + l.Substring(0, 1) + r.Next(1950, 2010).ToString(CultureInfo.InvariantCulture),
                _ => l + "." + f,
            };
            if (r.Chance(0.12))
            {
                local += "+" + r.Pick(PlusTags);
            }

            string address = local + "@" + r.Pick(MailDomains);
            return r.Next(10) switch
            {
                0 => address.ToUpperInvariant(),
                1 or 2 => TitleCase(address),
                _ => address.ToLowerInvariant(),
            };
        }

        private static string TitleCase(string address)
        {
            var chars = address.ToLowerInvariant().ToCharArray();
            bool start = true;
            for (int i = 0; i < chars.Length; i++)
            {
                if (char.IsLetter(chars[i]))
                {
                    if (start)
                    {
                        chars[i] = char.ToUpperInvariant(chars[i]);
                    }

                    start = false;
                }
                else
                {
                    start = true;
                }
            }

            return new string(chars);
        }

        /// <summary>Strips accents, apostrophes and spaces, as mail providers do for local parts.</summary>
        public static string Ascii(string name)
        {
            string decomposed = name.Normalize(NormalizationForm.FormD);
            var sb = new StringBuilder(decomposed.Length);
            foreach (char c in decomposed)
            {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                {
                    sb.Append(char.ToLowerInvariant(c));
                }
            }

            return sb.Length == 0 ? "user" : sb.ToString();
        }

        /// <summary>A public IPv4 address outside private, loopback, link-local, CGNAT, multicast and reserved space.</summary>
        public static string IPv4(FastRandom r)
        {
            while (true)
            {
                int a = r.Next(1, 224), b = r.Next(256), c = r.Next(256), d = r.Next(1, 255);
                bool reserved = a == 10 || a == 127 || a == 0 || (a == 100 && b >= 64 && b < 128) || (a == 169 && b == 254)
                    || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168) || (a == 192 && b == 0)
                    || (a == 198 && (b == 18 || b == 19 || b == 51)) || (a == 203 && b == 0);
                if (!reserved)
                {
                    return a + "." + b + "." + c + "." + d;
                }
            }
        }

        /// <summary>An address in the documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24.</summary>
        public static string IPv4Documentation(FastRandom r)
        {
            string prefix = r.Pick(new[] { "192.0.2.", "198.51.100.", "203.0.113." });
            return prefix + r.Next(1, 255).ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>A global unicast IPv6 address (2000::/3), in canonical compressed form.</summary>
        public static string IPv6(FastRandom r, bool documentation = false)
        {
            var bytes = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                bytes[i] = (byte)r.Next(256);
            }

            if (documentation)
            {
                bytes[0] = 0x20; bytes[1] = 0x01; bytes[2] = 0x0d; bytes[3] = 0xb8;
            }
            else
            {
                bytes[0] = (byte)(0x20 | (bytes[0] & 0x1f));
                if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8)
                {
                    bytes[1] = 0x02;
                }
            }

            // Real interface identifiers often have runs of zeros; keep some so the compressed form appears.
            if (r.Chance(0.4))
            {
                bytes[8] = bytes[9] = bytes[10] = bytes[11] = 0;
            }

            return new IPAddress(bytes).ToString();
        }

        public static string Fsa(FastRandom r, bool rural)
        {
            char first = r.Pick(IdentityFormats.PostalFirstLetters.ToCharArray());
            char digit = rural ? '0' : (char)('1' + r.Next(9));
            char third = r.Pick(IdentityFormats.PostalOtherLetters.ToCharArray());
            return new string(new[] { first, digit, third });
        }

        public static string Ldu(FastRandom r)
            => new string(new[] { r.Digit(), r.Pick(IdentityFormats.PostalOtherLetters.ToCharArray()), r.Digit() });

        public static string PostalCode(FastRandom r) => Fsa(r, r.Chance(0.05)) + " " + Ldu(r);

        public static string SinDigits(FastRandom r)
        {
            var d = new char[9];
            d[0] = "12345679"[r.Next(8)];
            for (int i = 1; i < 8; i++)
            {
                d[i] = r.Digit();
            }

            d[8] = Luhn.CheckDigit(new ReadOnlySpan<char>(d, 0, 8));
            return new string(d);
        }

        public static string FormatSin(string digits, int style) => style switch
        {
            0 => digits,
            1 => digits.Substring(0, 3) + " " + digits.Substring(3, 3) + " " + digits.Substring(6),
            _ => digits.Substring(0, 3) + "-" + digits.Substring(3, 3) + "-" + digits.Substring(6),
        };

        public static string Sin(FastRandom r) => FormatSin(SinDigits(r), r.Next(3));

        /// <summary>Reference date for ages, fixed so that populations do not change with the calendar.</summary>
        public static readonly DateOnly AgeReference = new DateOnly(2026, 1, 1);

        /// <summary>A date of birth: adults weighted over 18–90, a few minors and very old people.</summary>
        public static DateOnly DateOfBirth(FastRandom r)
        {
            int age = r.Next(20) switch
            {
                0 => r.Next(0, 18),
                1 => r.Next(90, 104),
                _ => 18 + (int)(36 * (r.NextDouble() + r.NextDouble())),
            };
            return AgeReference.AddYears(-age).AddDays(-r.Next(365));
        }

        private static readonly double[] HourWeights =
        {
            0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 1.8, 1.8, 1.8, 2.0, 1.8, 1.7, 1.7, 1.8, 2.0, 2.0, 1.8, 1.5, 1.2, 0.8, 0.4,
        };

        private static readonly double[] HourCdf = Cumulative(HourWeights);

        private static double[] Cumulative(double[] w)
        {
            var c = new double[w.Length];
            double s = 0;
            for (int i = 0; i < w.Length; i++)
            {
                s += w[i];
                c[i] = s;
            }

            for (int i = 0; i < c.Length; i++)
            {
                c[i] /= s;
            }

            return c;
        }

        /// <summary>A UTC timestamp inside the window, denser by day than by night.</summary>
        public static DateTime Timestamp(FastRandom r, DateTime start, TimeSpan window)
        {
            int days = Math.Max(1, (int)Math.Ceiling(window.TotalDays));
            double u = r.NextDouble();
            int hour = Array.BinarySearch(HourCdf, u);
            hour = hour < 0 ? ~hour : hour;
            hour = Math.Min(hour, 23);
            var t = DateTime.SpecifyKind(start, DateTimeKind.Utc).AddDays(r.Next(days)).AddHours(hour).AddSeconds(r.Next(3600));
            DateTime end = start + window;
            return t < end ? t : DateTime.SpecifyKind(start, DateTimeKind.Utc).AddSeconds(r.Next((int)Math.Max(1, window.TotalSeconds)));
        }

        /// <summary>An 8-digit TAC, a 6-digit serial and the Luhn digit.</summary>
        public static string Imei(FastRandom r)
        {
            var sb = new StringBuilder(r.Pick(Tacs), 15);
            for (int i = 0; i < 6; i++)
            {
                sb.Append(r.Digit());
            }

            sb.Append(Luhn.CheckDigit(sb.ToString().AsSpan()));
            return sb.ToString();
        }

        /// <summary>MCC 302 (Canada), a three-digit MNC and the MSIN, 15 digits in all.</summary>
        public static string Imsi(FastRandom r)
        {
            var sb = new StringBuilder("302", 15).Append(r.Pick(CanadianMncs));
            while (sb.Length < 15)
            {
                sb.Append(r.Digit());
            }

            return sb.ToString();
        }

        /// <summary>A unicast, locally administered MAC address (these are fakes) in colon notation.</summary>
        public static string Mac(FastRandom r)
        {
            var b = new byte[6];
            for (int i = 0; i < 6; i++)
            {
                b[i] = (byte)r.Next(256);
            }

            b[0] = (byte)((b[0] & 0xFC) | 0x02);
            return string.Join(":", Array.ConvertAll(b, x => x.ToString("x2", CultureInfo.InvariantCulture)));
        }

        public static string FormatMac(string colonMac, int style) => style switch
        {
            0 => colonMac,
            1 => colonMac.Replace(':', '-').ToUpperInvariant(),
            _ => colonMac,
        };

        /// <summary>A cell id in MCC-MNC-LAC-CI form, as network logs write it.</summary>
        public static string CellTower(int lac, int cellId, string mnc = "720")
            => "302-" + mnc + "-" + lac.ToString(CultureInfo.InvariantCulture) + "-" + cellId.ToString(CultureInfo.InvariantCulture);
    }
}
