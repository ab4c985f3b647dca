using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Minimization.Testing.Tests.RedTeam
{
    /// <summary>Helpers every minimizer of the zoo shares: what a team would write once in a utility class.</summary>
    public static class Shared
    {
        public static string Digits(string s) => new string(s.Where(char.IsDigit).ToArray());

        /// <summary>The ten national digits of a NANP number, whatever notation it was written in.</summary>
        public static string National(string phone)
        {
            string d = Digits(phone);
            return d.Length == 11 && d[0] == '1' ? d.Substring(1) : d;
        }

        public static string Fsa(string postal) => postal.Trim().Substring(0, 3).ToUpperInvariant();

        /// <summary>Forward sortation areas whose digit is 0 are rural: merged, as a published table would do.</summary>
        public static string MergedFsa(string postal) => postal.Trim()[1] == '0' ? "rural" : Fsa(postal);

        public static string WideBirthBand(DateOnly dob) => dob.Year < 1960 ? "<1960" : dob.Year < 1980 ? "1960-1979" : ">=1980";

        public static string Hex(byte[] b) => Convert.ToHexString(b);

        public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        public static string Hmac(byte[] key, string value) => Convert.ToHexString(HMACSHA256.HashData(key, Utf8(value))).Substring(0, 24);

        public static string Region(string cellId)
        {
            string lac = cellId.Split('-')[2];
            return lac[0] == '9' ? "rural" : lac;
        }

        /// <summary>The day, or the month for rural areas, whose few people would otherwise make classes of one.</summary>
        public static string DayOrMonth(NetworkEvent e)
            => e.At.ToString(Region(e.CellId) == "rural" ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public static PartnerSubscriber Row(SubscriberFile r, string token) => new PartnerSubscriber(token, MergedFsa(r.PostalCode), WideBirthBand(r.DateOfBirth), r.Gender, r.Plan);
    }

    /// <summary>Bad minimizers of the kinds real teams write. Each names, in its summary, the flaw the harness must report.</summary>
    public static class BadMinimizers
    {
        // ---------- the identifier survives, in some form ----------

        /// <summary>Survives: the number as it was typed.</summary>
        public static PartnerSubscriber MsisdnVerbatim(SubscriberFile r) => Shared.Row(r, r.Msisdn);

        /// <summary>Survives: "normalised" to E.164 with dashes, the digits are all there.</summary>
        public static PartnerSubscriber MsisdnAsE164(SubscriberFile r)
        {
            string n = Shared.National(r.Msisdn);
            return Shared.Row(r, "+1-" + n.Substring(0, 3) + "-" + n.Substring(3, 3) + "-" + n.Substring(6));
        }

        /// <summary>Survives: grouped with spaces for readability.</summary>
        public static PartnerSubscriber MsisdnSpaced(SubscriberFile r)
        {
            string n = Shared.National(r.Msisdn);
            return Shared.Row(r, n.Substring(0, 3) + " " + n.Substring(3, 3) + " " + n.Substring(6));
        }

        /// <summary>Survives: upper-casing an address hides nothing.</summary>
        public static PartnerSubscriber EmailUpperCased(SubscriberFile r) => Shared.Row(r, r.Email.Trim().ToUpperInvariant());

        /// <summary>Survives: the digits written backwards, "so it is not the number".</summary>
        public static PartnerSubscriber MsisdnReversed(SubscriberFile r)
        {
            char[] d = Shared.National(r.Msisdn).ToCharArray();
            Array.Reverse(d);
            return Shared.Row(r, new string(d));
        }

        /// <summary>Survives: Base64 is an encoding, not a minimization.</summary>
        public static PartnerSubscriber EmailBase64(SubscriberFile r) => Shared.Row(r, Convert.ToBase64String(Shared.Utf8(r.Email.Trim().ToLowerInvariant())));

        /// <summary>Survives: the IMSI's text in hex.</summary>
        public static PartnerSubscriber ImsiHex(SubscriberFile r) => Shared.Row(r, Shared.Hex(Shared.Utf8(r.Imsi)));

        /// <summary>Survives: URL-encoded for a query string (the '@' becomes %40).</summary>
        public static PartnerSubscriber EmailUrlEncoded(SubscriberFile r) => Shared.Row(r, Uri.EscapeDataString(r.Email.Trim().ToLowerInvariant()));

        /// <summary>Survives: the whole contact serialised into a JSON "notes" blob.</summary>
        public static SubscriberExport EmailInJsonNotes(SubscriberFile r) => new SubscriberExport
        {
            Reference = Shared.MergedFsa(r.PostalCode),
            Notes = JsonSerializer.Serialize(new { owner = new { mail = r.Email, plan = r.Plan }, source = "crm" }),
        };

        /// <summary>Survives: the number moved into a nested contact block.</summary>
        public static SubscriberExport PhoneInNestedContact(SubscriberFile r) => new SubscriberExport
        {
            Reference = Shared.MergedFsa(r.PostalCode),
            Contact = new ContactBlock { Phone = "tel:+1" + Shared.National(r.Msisdn) },
        };

        /// <summary>Survives: the handset's IMEI kept in a list of devices.</summary>
        public static SubscriberExport ImeiInDeviceList(SubscriberFile r) => new SubscriberExport
        {
            Reference = Shared.MergedFsa(r.PostalCode),
            Devices = new List<string> { "handset", r.Imei },
        };

        /// <summary>Survives: the IPv4 address as a dictionary value.</summary>
        public static SubscriberExport IPv4InAttributes(SubscriberFile r) => new SubscriberExport
        {
            Reference = Shared.MergedFsa(r.PostalCode),
            Attributes = new Dictionary<string, string> { ["plan"] = r.Plan ?? "none", ["lastSeenFrom"] = r.IPv4 },
        };

        /// <summary>Survives: the IPv6 address written out in full, every group padded.</summary>
        public static PartnerSubscriber IPv6Expanded(SubscriberFile r)
        {
            byte[] b = IPAddress.Parse(r.IPv6).GetAddressBytes();
            var groups = Enumerable.Range(0, 8).Select(i => ((b[2 * i] << 8) | b[(2 * i) + 1]).ToString("x4", CultureInfo.InvariantCulture));
            return Shared.Row(r, string.Join(":", groups));
        }

        /// <summary>Survives: the name as "LAST, First".</summary>
        public static PartnerSubscriber NameLastFirst(SubscriberFile r)
        {
            string[] parts = r.FullName.Split(' ', 2);
            return Shared.Row(r, parts[1].ToUpperInvariant() + ", " + parts[0]);
        }

        /// <summary>Survives: the account number inside a longer reference.</summary>
        public static PartnerSubscriber AccountInReference(SubscriberFile r) => Shared.Row(r, "ref:" + r.AccountNumber + ":2026");

        /// <summary>Survives: the nested subscriber's number, copied into the event.</summary>
        public static PartnerEvent NestedMsisdnKept(UsageEvent e)
            => new PartnerEvent(e.Subscriber.Msisdn, Shared.Region(e.CellId), e.At.ToString("yyyy-MM", CultureInfo.InvariantCulture));

        /// <summary>Survives: a CSV line, the address in its second column.</summary>
        public static string CsvLine(SubscriberFile r) => string.Join(",", Shared.MergedFsa(r.PostalCode), r.Email, r.Plan ?? string.Empty);

        /// <summary>Survives: the value object passed on as it is.</summary>
        public static SharedLine ValueObjectKept(MobileLine l) => new SharedLine(l.Number, l.Plan ?? "none");

        // ---------- enumerable: an unkeyed or publicly salted hash ----------

        /// <summary>Enumeration: SHA-1 of the digits, in hex.</summary>
        public static PartnerSubscriber PhoneSha1(SubscriberFile r) => Shared.Row(r, Shared.Hex(SHA1.HashData(Shared.Utf8(Shared.National(r.Msisdn)))));

        /// <summary>Enumeration: MD5 of the lower-cased address, in Base64.</summary>
        public static PartnerSubscriber EmailMd5(SubscriberFile r) => Shared.Row(r, Convert.ToBase64String(MD5.HashData(Shared.Utf8(r.Email.Trim().ToLowerInvariant()))));

        /// <summary>Enumeration: SHA-256 of the IPv4 address cut to 12 hex digits.</summary>
        public static PartnerSubscriber IPv4Sha256Truncated(SubscriberFile r) => Shared.Row(r, Shared.Hex(SHA256.HashData(Shared.Utf8(r.IPv4))).Substring(0, 12));

        private const string Pepper = "billing-export-2026";

        /// <summary>Enumeration: the salt is in the code, and the attacker has the code.</summary>
        public static PartnerSubscriber ImsiPubliclySalted(SubscriberFile r) => Shared.Row(r, Shared.Hex(SHA256.HashData(Shared.Utf8(Pepper + r.Imsi))));

        /// <summary>Enumeration: SHA-256 of the E.164 form, Base64, 16 characters kept.</summary>
        public static PartnerSubscriber PhoneSha256Base64(SubscriberFile r)
            => Shared.Row(r, Convert.ToBase64String(SHA256.HashData(Shared.Utf8("+1" + Shared.National(r.Msisdn)))).Substring(0, 16));

        /// <summary>Enumeration: SHA-1 of the account number; account numbers are sequential, the space is small.</summary>
        public static PartnerSubscriber AccountSha1(SubscriberFile r) => Shared.Row(r, Shared.Hex(SHA1.HashData(Shared.Utf8(r.AccountNumber))).ToLowerInvariant());

        /// <summary>Enumeration: a key written in the code is no secret.</summary>
        private static readonly byte[] HardCodedKey = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");

        public static PartnerSubscriber EmailHmacHardCodedKey(SubscriberFile r) => Shared.Row(r, Shared.Hmac(HardCodedKey, r.Email.Trim().ToLowerInvariant()));

        /// <summary>Enumeration: "salted" with the partner's name, which is no secret.</summary>
        public static PartnerSubscriber PhoneSaltedWithPartnerName(SubscriberFile r, MinimizerContext ctx)
            => Shared.Row(r, Shared.Hex(SHA256.HashData(Shared.Utf8(ctx.Partner + ":" + Shared.National(r.Msisdn)))));

        /// <summary>Enumeration: an HMAC whose key is the partner's name.</summary>
        public static PartnerSubscriber HmacKeyedWithPartnerName(SubscriberFile r, MinimizerContext ctx)
            => Shared.Row(r, Shared.Hmac(Shared.Utf8("partner-" + ctx.Partner), r.Email.Trim().ToLowerInvariant()));

        /// <summary>Enumeration: every digit shifted by three, "encrypted".</summary>
        public static PartnerSubscriber MsisdnDigitsShifted(SubscriberFile r)
            => Shared.Row(r, new string(Shared.National(r.Msisdn).Select(c => (char)('0' + ((c - '0' + 3) % 10))).ToArray()));

        /// <summary>Enumeration: MD5 of the first e-mail address of the nested subscriber.</summary>
        public static PartnerEvent NestedEmailMd5(UsageEvent e)
            => new PartnerEvent(Shared.Hex(MD5.HashData(Shared.Utf8(e.Subscriber.Emails[0].Trim().ToLowerInvariant()))), Shared.Region(e.CellId), e.At.ToString("yyyy-MM", CultureInfo.InvariantCulture));

        /// <summary>Enumeration: SHA-256 of the value object's number.</summary>
        public static SharedLine ValueObjectSha256(MobileLine l) => new SharedLine(Shared.Hex(SHA256.HashData(Shared.Utf8(Shared.National(l.Number.Value)))), l.Plan ?? "none");

        // ---------- linkable across partners ----------

        /// <summary>Linkable: one key for every partner.</summary>
        public static PartnerSubscriber SameKeyForEveryPartner(SubscriberFile r, MinimizerContext ctx) => Shared.Row(r, Shared.Hmac(ctx.KeyFor("subscribers"), Shared.National(r.Msisdn)));

        /// <summary>Linkable: the pseudonym is the keyed hash of the account under the network's key, the same whoever receives it.</summary>
        public static PartnerSubscriber NetworkWidePseudonym(SubscriberFile r, MinimizerContext ctx) => Shared.Row(r, "S-" + Shared.Hmac(ctx.KeyFor("network"), r.AccountNumber).Substring(0, 16));

        /// <summary>
        /// Linkable: a random pseudonym drawn once per subscriber and kept in one table that every partner's export reads.
        /// No hash to enumerate, but the same value for every partner.
        /// </summary>
        public static Func<SubscriberFile, PartnerSubscriber> SharedPseudonymTable()
        {
            var table = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            return r => Shared.Row(r, table.GetOrAdd(r.AccountNumber, _ => Guid.NewGuid().ToString("N")));
        }

        /// <summary>Linkable: the key rotates daily, but its id forgot the partner.</summary>
        public static PartnerEvent DailyKeyWithoutPartner(NetworkEvent e, MinimizerContext ctx)
        {
            string day = Shared.DayOrMonth(e);
            return new PartnerEvent(Shared.Hmac(ctx.KeyFor(day), Shared.National(e.Msisdn)), Shared.Region(e.CellId), day);
        }

        // ---------- part of the identifier kept ----------

        /// <summary>Partial: the first 9 of 10 digits.</summary>
        public static PartnerSubscriber PhoneFirstNine(SubscriberFile r) => Shared.Row(r, Shared.National(r.Msisdn).Substring(0, 9));

        /// <summary>Partial: the local part, "the domain was the identifying bit".</summary>
        public static PartnerSubscriber EmailLocalPart(SubscriberFile r)
        {
            string e = r.Email.Trim().ToLowerInvariant();
            return Shared.Row(r, e.Substring(0, e.IndexOf('@')));
        }

        /// <summary>Partial: the IPv4 /24, where each subscriber's /24 is their own.</summary>
        public static PartnerSubscriber IPv4Slash24(SubscriberFile r)
        {
            byte[] b = IPAddress.Parse(r.IPv4).GetAddressBytes();
            return Shared.Row(r, b[0] + "." + b[1] + "." + b[2] + ".0/24");
        }

        /// <summary>Partial: the IPv6 /64, the household's own prefix.</summary>
        public static PartnerSubscriber IPv6Slash64(SubscriberFile r)
        {
            byte[] b = IPAddress.Parse(r.IPv6).GetAddressBytes();
            Array.Clear(b, 8, 8);
            return Shared.Row(r, new IPAddress(b) + "/64");
        }

        /// <summary>Partial: the /64 and most of the interface id (the last 16 bits zeroed).</summary>
        public static PartnerSubscriber IPv6Slash112(SubscriberFile r)
        {
            byte[] b = IPAddress.Parse(r.IPv6).GetAddressBytes();
            b[14] = 0;
            b[15] = 0;
            return Shared.Row(r, new IPAddress(b).ToString());
        }

        /// <summary>Partial: the MSIN (the IMSI without the network code), which is the subscriber's within the network.</summary>
        public static PartnerSubscriber ImsiMsin(SubscriberFile r) => Shared.Row(r, r.Imsi.Substring(6));

        /// <summary>Partial: the last 7 digits (the area code dropped).</summary>
        public static PartnerSubscriber PhoneLastSeven(SubscriberFile r) => Shared.Row(r, Shared.National(r.Msisdn).Substring(3));

        /// <summary>Partial: five of the six characters of the postal code.</summary>
        public static Demographics PostalFiveCharacters(SubscriberFile r)
            => new Demographics(r.PostalCode.Replace(" ", string.Empty, StringComparison.Ordinal).Substring(0, 5).ToUpperInvariant(), Shared.WideBirthBand(r.DateOfBirth), r.Gender, r.Plan);

        // ---------- quasi-identifiers too fine ----------

        /// <summary>k-anonymity: Sweeney's triple, kept whole.</summary>
        public static Demographics BirthDatePostalGender(SubscriberFile r)
            => new Demographics(r.PostalCode.ToUpperInvariant(), r.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Gender, r.Plan);

        /// <summary>k-anonymity: the area is coarse, but the birth date is exact.</summary>
        public static Demographics AreaAndExactBirthDate(SubscriberFile r)
            => new Demographics(Shared.MergedFsa(r.PostalCode), r.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Gender, r.Plan);

        /// <summary>k-anonymity: buckets too fine, one year of birth.</summary>
        public static Demographics BirthYearBuckets(SubscriberFile r)
            => new Demographics(Shared.MergedFsa(r.PostalCode), r.DateOfBirth.Year.ToString(CultureInfo.InvariantCulture), r.Gender, r.Plan);

        /// <summary>k-anonymity: generalised, but the rural areas (one or two people each) are kept as they are.</summary>
        public static Demographics RareAreasKept(SubscriberFile r)
            => new Demographics(Shared.Fsa(r.PostalCode), Shared.WideBirthBand(r.DateOfBirth), r.Gender, r.Plan);

        /// <summary>k-anonymity: five-year age bands, still too fine with area and gender.</summary>
        public static Demographics FiveYearBands(SubscriberFile r)
        {
            int from = r.DateOfBirth.Year / 5 * 5;
            return new Demographics(Shared.MergedFsa(r.PostalCode), from + "-" + (from + 4), r.Gender, r.Plan);
        }

        // ---------- traces ----------

        /// <summary>Trace unicity: a stable pseudonym with the cell and the second.</summary>
        public static PartnerEvent CellAndSecond(NetworkEvent e, MinimizerContext ctx)
            => new PartnerEvent(Shared.Hmac(ctx.Key, Shared.National(e.Msisdn)), e.CellId, e.At.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));

        /// <summary>Trace unicity: a stable pseudonym with the cell and the minute.</summary>
        public static PartnerEvent CellAndMinute(NetworkEvent e, MinimizerContext ctx)
            => new PartnerEvent(Shared.Hmac(ctx.Key, e.Imsi), e.CellId, e.At.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));

        /// <summary>Trace unicity: the nested subscriber's stable per-partner pseudonym with the cell and a quarter of an hour.</summary>
        public static PartnerEvent NestedCellAndQuarterHour(UsageEvent e, MinimizerContext ctx)
        {
            DateTime t = e.At.AddMinutes(-(e.At.Minute % 15));
            return new PartnerEvent(Shared.Hmac(ctx.Key, Shared.National(e.Subscriber.Msisdn)), e.CellId, t.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        }

        /// <summary>Trace unicity: the pseudonym is stable for the whole week, and the cell and hour are kept.</summary>
        public static PartnerEvent CellAndHourWeeklyPseudonym(NetworkEvent e, MinimizerContext ctx)
            => new PartnerEvent(Shared.Hmac(ctx.Key, e.Imsi), e.CellId, e.At.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture));
    }
}
