using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 1 for minimizers: a call through an interface or a base member runs the implementations the receiver allows,
    /// and one that is a [Minimizer] minimizes there as a direct call to it does, though the member the call names carries no
    /// attribute. An implementation among them that is not a minimizer still passes the value on.
    /// </summary>
    public sealed class DispatchedMinimizerTests
    {
        private const string Types = """
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("phone")] public string Phone { get; set; } = "";
            }

            static class AdNetwork
            {
                [PartnerShare("adcorp")] public static void Track(string value) { }
            }

            interface IMasker
            {
                string Mask(string value);
            }

            abstract class Masker
            {
                public abstract string Mask(string value);
            }

            sealed class Campaign
            {
                private readonly IMasker _masker;
                public Campaign(IMasker masker) => _masker = masker;
                public void Run(Customer c) => AdNetwork.Track($SENT);
            }

            """;

        [Fact]
        public Task A_minimizer_that_is_the_only_implementation_of_an_injected_interface_minimizes() => Check(Types.Replace("$SENT", "_masker.Mask(c.Phone)") + """
            sealed class PhoneMasker : IMasker
            {
                [Minimizer] public string Mask(string value) => "***" + value.Substring(value.Length - 4);
            }
            """, withPrelude: false);

        [Fact]
        public Task An_implementation_beside_the_minimizer_that_passes_the_value_on_is_reported() => Check(Types.Replace("$SENT", "{|#0:_masker.Mask(c.Phone)|}") + """
            sealed class PhoneMasker : IMasker
            {
                [Minimizer] public string Mask(string value) => "***" + value.Substring(value.Length - 4);
            }

            sealed class NoMasker : IMasker
            {
                public string Mask(string value) => value;
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_minimizer_override_called_through_its_abstract_base_minimizes() => Check(Types.Replace("$SENT", "\"\"") + """
            sealed class PhoneMasker : Masker
            {
                [Minimizer] public override string Mask(string value) => "***" + value.Substring(value.Length - 4);
            }

            static class Export
            {
                public static void Run(Customer c)
                {
                    Masker masker = new PhoneMasker();
                    AdNetwork.Track(masker.Mask(c.Phone));
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Nine_minimizer_implementations_merged_into_one_dispatch_minimize() => Check(Types.Replace("$SENT", "_masker.Mask(c.Phone)") + """
            sealed class Masker0 : IMasker { [Minimizer] public string Mask(string value) => "m0" + value.Substring(1); }
            sealed class Masker1 : IMasker { [Minimizer] public string Mask(string value) => "m1" + value.Substring(1); }
            sealed class Masker2 : IMasker { [Minimizer] public string Mask(string value) => "m2" + value.Substring(1); }
            sealed class Masker3 : IMasker { [Minimizer] public string Mask(string value) => "m3" + value.Substring(1); }
            sealed class Masker4 : IMasker { [Minimizer] public string Mask(string value) => "m4" + value.Substring(1); }
            sealed class Masker5 : IMasker { [Minimizer] public string Mask(string value) => "m5" + value.Substring(1); }
            sealed class Masker6 : IMasker { [Minimizer] public string Mask(string value) => "m6" + value.Substring(1); }
            sealed class Masker7 : IMasker { [Minimizer] public string Mask(string value) => "m7" + value.Substring(1); }
            sealed class Masker8 : IMasker { [Minimizer] public string Mask(string value) => "m8" + value.Substring(1); }
            """, withPrelude: false);

        [Fact]
        public Task Nine_implementations_merged_into_one_dispatch_one_of_them_passing_the_value_on_are_reported() => Check(Types.Replace("$SENT", "{|#0:_masker.Mask(c.Phone)|}") + """
            sealed class Masker0 : IMasker { [Minimizer] public string Mask(string value) => "m0" + value.Substring(1); }
            sealed class Masker1 : IMasker { [Minimizer] public string Mask(string value) => "m1" + value.Substring(1); }
            sealed class Masker2 : IMasker { [Minimizer] public string Mask(string value) => "m2" + value.Substring(1); }
            sealed class Masker3 : IMasker { [Minimizer] public string Mask(string value) => "m3" + value.Substring(1); }
            sealed class Masker4 : IMasker { [Minimizer] public string Mask(string value) => "m4" + value.Substring(1); }
            sealed class Masker5 : IMasker { [Minimizer] public string Mask(string value) => "m5" + value.Substring(1); }
            sealed class Masker6 : IMasker { [Minimizer] public string Mask(string value) => "m6" + value.Substring(1); }
            sealed class Masker7 : IMasker { [Minimizer] public string Mask(string value) => "m7" + value.Substring(1); }
            sealed class Masker8 : IMasker { public string Mask(string value) => value.Trim(); }
            """, withPrelude: false, Min001(0));
    }
}
