using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A base class's primary-constructor parameter captured by its members is the object's state, and so is a base record's
    /// positional property: what a derived class passes up for it, from its own primary constructor's base list
    /// (<c>: Channel(phone)</c>) or from an explicit constructor's <c>: base(phone)</c>, is what the base's members send.
    /// </summary>
    public sealed class BaseConstructorStateTests
    {
        private const string Types = """
            using Minimization;

            sealed class Member
            {
                [IdentityBearing("phone")] public string Phone { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void Send(string value) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Last4(string value) => value.Length > 4 ? value.Substring(value.Length - 4) : value;
            }

            abstract class Channel(string target)
            {
                public void Flush() => Partner.Send($SENT);
            }

            """;

        private static Task Run(string program, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
            => Check(Types.Replace("$SENT", expected.Length > 0 ? "{|#0:target|}" : "target") + program, withPrelude: false, expected);

        [Fact]
        public Task A_phone_passed_up_by_a_derived_primary_constructor_is_reported_where_the_base_sends_it() => Run("""
            sealed class SmsChannel(string phone, int retries) : Channel(phone)
            {
                public int Retries => retries;
            }

            static class Outbound
            {
                public static void Run(Member m) => new SmsChannel(m.Phone, 3).Flush();
            }
            """, Min001(0));

        [Fact]
        public Task A_phone_passed_up_by_an_explicit_base_call_is_reported_where_the_base_sends_it() => Run("""
            sealed class SmsChannel : Channel
            {
                public SmsChannel(string phone) : base(phone.Trim()) { }
            }

            static class Outbound
            {
                public static void Run(Member m) => new SmsChannel(m.Phone).Flush();
            }
            """, Min001(0));

        [Fact]
        public Task The_last_four_digits_passed_up_by_a_derived_primary_constructor_are_clean() => Run("""
            sealed class SmsChannel(string phone) : Channel(Privacy.Last4(phone));

            static class Outbound
            {
                public static void Run(Member m) => new SmsChannel(m.Phone).Flush();
            }
            """);

        [Fact]
        public Task A_constant_passed_up_while_the_derived_class_keeps_the_phone_to_itself_is_clean() => Run("""
            sealed class SmsChannel(string phone) : Channel("sms")
            {
                public int Digits => phone.Length;
            }

            static class Outbound
            {
                public static void Run(Member m) => new SmsChannel(m.Phone).Flush();
            }
            """);

        [Fact]
        public Task A_phone_passed_up_to_a_base_records_positional_property_is_reported_where_the_record_sends_it() => Check(Types.Replace("$SENT", "target") + """
            abstract record Contact(string Address)
            {
                public void Share() => Partner.Send({|#0:Address|});
            }

            sealed record SmsContact(string Phone) : Contact(Phone);

            static class Outbound
            {
                public static void Run(Member m) => new SmsContact(m.Phone).Share();
            }
            """, withPrelude: false, Min001(0));
        private const string Errors = """
            abstract record Error(string Message);

            sealed record NotFound() : Error("not found");

            sealed record BadAddress(string Phone) : Error($"cannot reach {Phone}");

            """;

        [Fact]
        public Task The_message_a_new_record_passes_up_to_its_base_is_reported_when_it_holds_the_phone() => Check(Types.Replace("$SENT", "target") + Errors + """
            static class Outbound
            {
                public static void Run(Member m) => Partner.Send({|#0:new BadAddress(m.Phone).Message|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task The_constant_message_of_a_new_sibling_record_is_clean_though_another_record_passes_up_the_phone() => Check(Types.Replace("$SENT", "target") + Errors + """
            static class Outbound
            {
                public static void Run(Member m)
                {
                    var failure = new BadAddress(m.Phone);
                    Partner.Send(new NotFound().Message);
                }
            }
            """, withPrelude: false);
    }
}
