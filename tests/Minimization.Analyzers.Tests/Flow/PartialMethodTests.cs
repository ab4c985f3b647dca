using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A partial method (a source generator's mapper, a hook) is called through its declaration and its body reads the
    /// parameters of its implementation: what the caller passes is what the body works with.
    /// </summary>
    public sealed class PartialMethodTests
    {
        private const string Types = """
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }
            """;

        [Fact]
        public Task A_partial_hook_that_sends_its_parameter_is_reported_at_the_callers_argument() => Check(Types + """

            static partial class Hooks
            {
                static partial void OnSeen(string number);
                public static void Seen(Subscriber s) => OnSeen({|#0:s.Msisdn|});
            }

            static partial class Hooks
            {
                static partial void OnSeen(string number) => Partner.Send(number);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_partial_mapper_returning_its_parameter_is_reported_where_the_result_is_sent() => Check(Types + """

            static partial class Mapper
            {
                public static partial string Normalize(string number);
            }

            static partial class Mapper
            {
                public static partial string Normalize(string number) => number.Trim();
            }

            static class Export
            {
                public static void Run(Subscriber s) => Partner.Send({|#0:Mapper.Normalize(s.Msisdn)|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_partial_mapper_returning_a_constant_is_clean() => Check(Types + """

            static partial class Mapper
            {
                public static partial string Normalize(string number);
            }

            static partial class Mapper
            {
                public static partial string Normalize(string number) => "redacted";
            }

            static class Export
            {
                public static void Run(Subscriber s) => Partner.Send(Mapper.Normalize(s.Msisdn));
            }
            """, withPrelude: false);
    }
}
