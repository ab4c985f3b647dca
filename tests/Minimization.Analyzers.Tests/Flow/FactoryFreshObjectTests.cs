using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 11 through a factory: an object that a method of yours makes and returns is the caller's new object. Its members
    /// hold what the factory (and the caller) put in them, not what the program stores into that member elsewhere; an object a
    /// method may return from a field or a cache is not new, and its members may hold anything written to them.
    /// </summary>
    public sealed class FactoryFreshObjectTests
    {
        private const string Types = """
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public string Country { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Token(string value) => "t";
            }

            sealed class Receipt
            {
                public string Recipient { get; set; } = "";
                public string Note { get; set; } = "";
            }
            """;

        [Fact]
        public Task A_parameterless_factory_object_does_not_hold_what_another_factory_stored() => Check(Types + """

            static class Receipts
            {
                public static Receipt ForCustomer(Customer c) => new Receipt { Recipient = c.Email };
                public static Receipt ForStore() => new Receipt { Recipient = "store@example.test" };
            }

            sealed class Printer
            {
                public void Print(Customer c)
                {
                    var mine = Receipts.ForCustomer(c);
                    var store = Receipts.ForStore();
                    Partner.Send(store.Recipient);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_factory_object_that_was_given_identity_is_reported() => Check(Types + """

            static class Receipts
            {
                public static Receipt ForCustomer(Customer c) => new Receipt { Recipient = c.Email };
                public static Receipt ForStore() => new Receipt { Recipient = "store@example.test" };
            }

            sealed class Printer
            {
                public void Print(Customer c)
                {
                    var store = Receipts.ForStore();
                    var mine = Receipts.ForCustomer(c);
                    Partner.Send({|#0:mine.Recipient|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_factory_object_filled_by_the_caller_afterwards_is_reported() => Check(Types + """

            static class Receipts
            {
                public static Receipt Blank() => new Receipt();
                public static Receipt ForCustomer(Customer c) => new Receipt { Recipient = c.Email };
            }

            sealed class Printer
            {
                public void Print(Customer c)
                {
                    var receipt = Receipts.Blank();
                    receipt.Note = "thanks " + c.Email;
                    Partner.Send({|#0:receipt.Note|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_factory_object_built_step_by_step_in_the_factory_keeps_the_identity_put_in() => Check(Types + """

            sealed class Receipts
            {
                public Receipt For(Customer c)
                {
                    var r = new Receipt();
                    r.Note = "order";
                    r.Recipient = c.Email;
                    return r;
                }
            }

            sealed class Printer
            {
                public void Print(Receipts receipts, Customer c) => Partner.Send({|#0:receipts.For(c).Recipient|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_factory_that_may_return_a_cached_object_is_not_new() => Check(Types + """

            sealed class Receipts
            {
                private Receipt? _last;
                public void Remember(Customer c) => _last = new Receipt { Recipient = c.Email };
                public Receipt Next(bool reuse) => reuse && _last is not null ? _last : new Receipt();
            }

            sealed class Printer
            {
                public void Print(Receipts receipts) => Partner.Send({|#0:receipts.Next(true).Recipient|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_generic_factory_new_object_does_not_hold_what_other_code_stored() => Check(Types + """

            static class Make
            {
                public static T New<T>() where T : new() => new T();
            }

            sealed class Printer
            {
                public void Fill(Customer c, Receipt other) => other.Recipient = c.Email;

                public void Print()
                {
                    var receipt = Make.New<Receipt>();
                    Partner.Send(receipt.Recipient);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_minimized_value_put_in_by_the_factory_is_clean() => Check(Types + """

            static class Receipts
            {
                public static Receipt ForCustomer(Customer c) => new Receipt { Recipient = Privacy.Token(c.Email) };
            }

            sealed class Printer
            {
                public void Print(Customer c) => Partner.Send(Receipts.ForCustomer(c).Recipient);
            }
            """, withPrelude: false);
    }
}
