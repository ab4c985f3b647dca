using System.Globalization;

namespace Minimization.Testing.Checks
{
    /// <summary>Counts in words with the right plural: "1 record", "3 records", "1 subject has", "2 subjects have".</summary>
    internal static class Text
    {
        public static string Count(long count, string singular, string? plural = null)
            => count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
    }
}
