using System;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Minimization.Testing.Tests.Fixtures
{
    /// <summary>Bad and good minimizers over identifiers of every kind: e-mail, names, account numbers, IPv6, a team's own category.</summary>
    public static class KindsZoo
    {
        public static string Sha256Hex(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

        public static string Fsa(string postal) => postal[1] == '0' ? "rural" : postal.Substring(0, 3).ToUpperInvariant();

        private static SharedCustomer Shared(Customer c, string token) => new SharedCustomer(token, Fsa(c.PostalCode), c.Plan);

        // ---- caught by enumeration ----

        public static SharedCustomer UnkeyedEmailHash(Customer c) => Shared(c, Sha256Hex(c.Email.Trim().ToLowerInvariant()));

        /// <summary>A salt written in the code is published: the attacker runs the same code.</summary>
        public static SharedCustomer PubliclySaltedNameHash(Customer c) => Shared(c, Sha256Hex("pepper-2026:" + c.FullName));

        public static SharedCustomer TruncatedAccountHash(Customer c)
            => Shared(c, Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(c.AccountNumber))).Substring(0, 8));

        /// <summary>A reversible encoding: the address bytes XOR a constant, in hex. No normal form of the address survives.</summary>
        public static SharedCustomer XoredIPv6(Customer c)
        {
            byte[] b = IPAddress.Parse(c.LastIPv6).GetAddressBytes();
            for (int i = 0; i < b.Length; i++)
            {
                b[i] ^= 0x5A;
            }

            return Shared(c, Convert.ToHexString(b));
        }

        public static SharedCustomer Md5LoyaltyCard(Customer c) => Shared(c, Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(c.LoyaltyCard))));

        // ---- caught as partial identifiers ----

        public static SharedCustomer EmailLocalPart(Customer c) => Shared(c, c.Email.Substring(0, c.Email.IndexOf('@')).ToLowerInvariant());

        public static SharedCustomer IPv4AllButLastOctet(Customer c) => Shared(c, c.LastIPv4.Substring(0, c.LastIPv4.LastIndexOf('.')) + ".0/24");

        public static SharedCustomer IPv6Slash64(Customer c)
        {
            byte[] b = IPAddress.Parse(c.LastIPv6).GetAddressBytes();
            Array.Clear(b, 8, 8);
            return Shared(c, new IPAddress(b) + "/64");
        }

        // ---- good ----

        public static SharedCustomer KeyedEmail(Customer c, MinimizerContext ctx)
            => Shared(c, Convert.ToHexString(HMACSHA256.HashData(ctx.Key, Encoding.UTF8.GetBytes(c.Email.Trim().ToLowerInvariant()))).Substring(0, 24));

        /// <summary>The provider's /48: shared by the customers of a region, it singles no one out.</summary>
        public static SharedCustomer IPv6Slash48(Customer c)
        {
            byte[] b = IPAddress.Parse(c.LastIPv6).GetAddressBytes();
            Array.Clear(b, 6, 10);
            return Shared(c, new IPAddress(b) + "/48");
        }

        public static string LoyaltyNeighbours(string card, int i)
            => card.Substring(0, card.Length - 3) + i.ToString("D3", CultureInfo.InvariantCulture);
    }
}
