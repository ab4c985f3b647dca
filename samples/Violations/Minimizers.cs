using System;
using System.Security.Cryptography;
using System.Text;
using Minimization;

namespace Violations;

internal static class Minimizers
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Minimizer]
    public static string Token(string value) => Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));
}
