using System;
using System.Security.Cryptography;
using System.Text;
using Minimization;

namespace QuickStart;

public static class CallMinimizer
{
    /// <summary>Keyed per partner, so tokens cannot be joined across partners nor reversed by enumerating numbers.</summary>
    [Minimizer]
    public static SharedCall Minimize(CallRecord record, byte[] partnerKey)
    {
        var digits = new StringBuilder();
        foreach (var c in record.CallerNumber)
        {
            if (char.IsDigit(c))
            {
                digits.Append(c);
            }
        }

        var token = Convert.ToHexString(HMACSHA256.HashData(partnerKey, Encoding.UTF8.GetBytes(digits.ToString())))[..16];
        return new SharedCall(token, record.Region, DateOnly.FromDateTime(record.StartedAt), record.DurationSeconds / 300 * 5);
    }
}
