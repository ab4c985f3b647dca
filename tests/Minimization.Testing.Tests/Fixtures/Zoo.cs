using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Minimization.Testing.Generators;

namespace Minimization.Testing.Tests.Fixtures
{
    /// <summary>Known-bad and known-good minimizers for the self-tests.</summary>
    public static class Zoo
    {
        public static string Digits(string phone) => IdentityFormats.NationalDigits(phone) ?? IdentityFormats.DigitsOnly(phone);

        /// <summary>Dense location areas stay; rural ones (LAC 9xxxx) merge into one region, as a published table would.</summary>
        public static string Region(string towerId)
        {
            string lac = towerId.Split('-')[2];
            return lac[0] == '9' ? "rural" : lac;
        }

        /// <summary>Rural records are coarsened to the month, so the merged rural class stays large.</summary>
        public static string Day(CallRecord r)
            => Region(r.TowerId) == "rural" ? r.StartedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture) : r.StartedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public static int Bucket(int seconds) => seconds < 60 ? 0 : seconds < 600 ? 1 : 2;

        public static string Hmac(byte[] key, string value) => Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value))).Substring(0, 20);

        // ---- good ----

        public static SharedCall Good(CallRecord r, MinimizerContext ctx)
        {
            string day = Day(r);
            return new SharedCall(Hmac(ctx.KeyFor(ctx.Partner + "/" + day), Digits(r.CallerNumber)), Region(r.TowerId), day, Bucket(r.DurationSeconds));
        }

        // ---- bad ----

        public static LeakyCall PassThrough(CallRecord r) => new LeakyCall(r.CallerNumber, r.CalleeNumber, r.StartedAt, r.TowerId);

        public static SharedCall UnkeyedSha256(CallRecord r)
            => new SharedCall(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Digits(r.CallerNumber)))), Region(r.TowerId), Day(r), Bucket(r.DurationSeconds));

        public static SharedCall UnkeyedMd5(CallRecord r)
            => new SharedCall(Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(Digits(r.CallerNumber)))), Region(r.TowerId), Day(r), Bucket(r.DurationSeconds));

        public static SharedCall TruncateNineDigits(CallRecord r)
            => new SharedCall(Digits(r.CallerNumber).Substring(0, 9), Region(r.TowerId), Day(r), Bucket(r.DurationSeconds));

        public static SharedCall OneKeyForAllPartners(CallRecord r, MinimizerContext ctx)
            => new SharedCall(Hmac(ctx.KeyFor("pseudonyms"), Digits(r.CallerNumber)), Region(r.TowerId), Day(r), Bucket(r.DurationSeconds));

        public static TracedCall SecondAndTower(CallRecord r, MinimizerContext ctx)
            => new TracedCall(Hmac(ctx.KeyFor(ctx.Partner), Digits(r.CallerNumber)), r.TowerId, r.StartedAt);

        public static SharedCallWithPayload Base64Payload(CallRecord r)
            => new SharedCallWithPayload(Region(r.TowerId), Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"caller\":\"" + r.CallerNumber + "\",\"v\":2}")));

        public static SharedCall RandomSalt(CallRecord r, MinimizerContext ctx)
            => new SharedCall(Hmac(RandomNumberGenerator.GetBytes(16), Digits(r.CallerNumber)), Region(r.TowerId), Day(r), Bucket(r.DurationSeconds));

        // ---- people ----

        public static string Fsa(string postal) => postal[1] == '0' ? "rural" : postal.Substring(0, 3).ToUpperInvariant();

        /// <summary>Three wide bands: narrower ones leave small classes in small regions.</summary>
        public static string BirthYears(DateOnly dob) => dob.Year < 1960 ? "<1960" : dob.Year < 1980 ? "1960-1979" : ">=1980";

        public static SharedPerson GoodPerson(PersonRecord p) => new SharedPerson(Fsa(p.PostalCode), BirthYears(p.DateOfBirth), p.Diagnosis, null);

        public static SharedPerson NameDropped(PersonRecord p) => new SharedPerson(p.PostalCode, p.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Diagnosis, p.Email);
    }
}
