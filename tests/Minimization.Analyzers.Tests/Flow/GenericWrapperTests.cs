using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Generic wrappers (Reading 7): a wrapper's readonly member of type <c>T</c> is read, by the wrapper's own methods that
    /// send nothing, from the instance the caller gives them; one that sends it reports inside, at its sink (Reading 3).
    /// </summary>
    public sealed class GenericWrapperTests
    {
        private const string Types = """
            using System;
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void UploadText(string text) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Hash(string value) => "h";
            }

            readonly struct Result<T>
            {
                private readonly T _value;
                private Result(T value) { _value = value; }
                public static Result<T> Ok(T value) => new Result<T>(value);
                public T ValueOrDefault() => _value;
                public Result<TOut> Map<TOut>(Func<T, TOut> map) => Result<TOut>.Ok(map(_value));
            }

            sealed class Envelope<T>
            {
                private readonly T _body;
                public Envelope(T body) { _body = body; }
                public void Ship() => Partner.UploadText($SHIP);
            }
            """;

        [Fact]
        public Task A_result_of_a_hash_beside_a_result_of_the_customer_is_clean() => Check(Types.Replace("$SHIP", "\"\"") + """

            static class Export
            {
                public static void Run(Customer c)
                {
                    Result<Customer> found = Result<Customer>.Ok(c);
                    Result<string> token = found.Map(x => Privacy.Hash(x.Email));
                    Partner.UploadText(token.ValueOrDefault());
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_result_of_the_email_is_reported_where_its_value_is_sent() => Check(Types.Replace("$SHIP", "\"\"") + """

            static class Export
            {
                public static void Run(Customer c)
                {
                    Result<string> mail = Result<Customer>.Ok(c).Map(x => x.Email);
                    Partner.UploadText({|#0:mail.ValueOrDefault()|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_wrapper_that_sends_its_own_value_reports_inside_at_its_sink_not_at_the_receiver() => Check(Types.Replace("$SHIP", "{|#0:_body!.ToString()|}!") + """

            static class Export
            {
                public static void Run(Customer c)
                {
                    var envelope = new Envelope<string>(c.Email);
                    envelope.Ship();
                }
            }
            """, withPrelude: false, Min001(0));
        private const string StoreProgram = """
            using System.Collections.Generic;
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void UploadText(string text) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Hash(string value) => "h";
            }

            interface IStore<T>
            {
                void Add(T item);
                T First();
            }

            sealed class TextStore : IStore<string>
            {
                private readonly List<string> _items = new List<string>();
                public void Add(string item) => _items.Add(item);
                public string First() => _items[0];
            }

            sealed class Signup
            {
                private readonly IStore<string> _store;
                public Signup(IStore<string> store) { _store = store; }
                public void Handle(Customer c) => _store.Add($VALUE);
            }

            sealed class Feed
            {
                private readonly IStore<string> _store;
                public Feed(IStore<string> store) { _store = store; }
                public void Push() => Partner.UploadText($SEND);
            }
            """;

        [Fact]
        public Task What_is_added_through_a_generic_interface_is_taken_out_through_it_elsewhere() => Check(
            StoreProgram.Replace("$VALUE", "c.Email").Replace("$SEND", "{|#0:_store.First()|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task A_hash_added_through_a_generic_interface_is_clean_when_taken_out_elsewhere() => Check(
            StoreProgram.Replace("$VALUE", "Privacy.Hash(c.Email)").Replace("$SEND", "_store.First()"), withPrelude: false);
    }
}
