using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A helper given a lambda is run in place at its call (the lambda is what it invokes); what it leaves in the objects it
    /// was handed (a writer it wrote to, a holder whose list it filled, its own receiver's members) is in the caller's
    /// objects afterwards, as a summary's parameter effects would be.
    /// </summary>
    public sealed class InlinedEffectsTests
    {
        private const string Types = """
            using System;
            using System.IO;
            using System.Collections.Generic;
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void Upload(string value) { }
            }

            sealed class Bag { public List<string> Lines { get; } = new(); }

            static class Rows
            {
                public static void WriteAll(TextWriter writer, List<Customer> list, Func<Customer, string> pick)
                {
                    foreach (var c in list) writer.Write(pick(c));
                }

                public static void FillAll(Bag bag, List<Customer> list, Func<Customer, string> pick)
                {
                    foreach (var c in list) bag.Lines.Add(pick(c));
                }
            }

            """;

        [Fact]
        public Task A_helper_given_a_selector_that_writes_the_emails_into_the_callers_writer_is_reported_at_the_upload() => Check(Types + """
            static class Job
            {
                public static void Run(List<Customer> list)
                {
                    var sw = new StringWriter();
                    Rows.WriteAll(sw, list, c => c.Email);
                    Partner.Upload({|#0:sw.ToString()|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_helper_given_a_selector_that_fills_a_holders_list_with_the_emails_is_reported_at_the_upload() => Check(Types + """
            static class Job
            {
                public static void Run(List<Customer> list)
                {
                    var bag = new Bag();
                    Rows.FillAll(bag, list, c => c.Email);
                    Partner.Upload({|#0:string.Join(",", bag.Lines)|});
                }
            }
            """, withPrelude: false, Min001(0));
        [Fact]
        public Task A_method_given_a_selector_that_keeps_the_email_in_its_own_field_is_reported_where_the_field_is_read() => Check(Types + """
            sealed class Exporter
            {
                private string _last = "";
                public void Take(Customer c, Func<Customer, string> pick) { _last = pick(c); }
                public string Last => _last;
            }

            static class Job
            {
                public static void Run(Customer c)
                {
                    var e = new Exporter();
                    e.Take(c, x => x.Email);
                    Partner.Upload({|#0:e.Last|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_helper_given_a_selector_that_writes_only_lengths_into_the_callers_writer_is_clean() => Check(Types + """
            static class Job
            {
                public static void Run(List<Customer> list)
                {
                    var sw = new StringWriter();
                    Rows.WriteAll(sw, list, c => c.Email.Length.ToString());
                    Partner.Upload(sw.ToString());
                }
            }
            """, withPrelude: false);
    }
}
