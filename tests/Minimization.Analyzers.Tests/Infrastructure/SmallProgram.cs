namespace Minimization.Analyzers.Tests
{
    /// <summary>
    /// The smallest domain a flow test needs, for tests that write their whole program: a member with an identity-bearing
    /// e-mail, one partner sink and one minimizer (<c>Mask.Hash</c>). Checked with <c>withPrelude: false</c>.
    /// </summary>
    internal static class SmallProgram
    {
        public const string Types = """
            using Minimization;

            sealed class Member
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public int Visits { get; set; }
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void Send(string value) { }
            }

            static class Mask
            {
                [Minimizer] public static string Hash(string value) => value.Length.ToString();
            }

            """;
    }
}
