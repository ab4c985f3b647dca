using System;
using System.Security.Cryptography;
using System.Text;

namespace Clinic.Api.Privacy
{
    /// <summary>Keyed pseudonyms for the analytics partner (declared a minimizer in .editorconfig).</summary>
    public static class Pseudonyms
    {
        private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32); // from the vault in production

        public static string Of(string value)
            => Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value.Trim().ToLowerInvariant())));
    }
}
