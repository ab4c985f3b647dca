using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// What a callee leaves in the members of an object the caller hands it: a helper that overwrites a member with its
    /// minimized form (<c>Scrub(dto)</c>) leaves the minimized value there, a member it leaves alone or overwrites on some
    /// paths only keeps what the caller had put in. The text an object is written as is its <c>ToString()</c> override's,
    /// interpolated or concatenated; a keyed collection built from two functions holds what they return.
    /// </summary>
    public sealed class CalleeOverwriteTests
    {
        private const string Types = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class Customer
            {
                public Guid Id { get; set; }
                [IdentityBearing("email")] public string Email { get; set; } = "";
                [IdentityBearing("phone")] public string Phone { get; set; } = "";
            }

            sealed class Row
            {
                public Guid Id { get; set; }
                public string Email { get; set; } = "";
                public string Phone { get; set; } = "";
            }

            struct RowValue
            {
                public string Email;
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void Upload(object payload) { }
                [PartnerShare("acme")] public static void UploadText(string text) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Hash(string value) => "h";
            }
            """;

        [Fact]
        public Task A_row_whose_identity_members_a_helper_overwrote_with_their_hashes_is_clean() => Check(Types + """

            static class Export
            {
                static void Scrub(Row row)
                {
                    row.Email = Privacy.Hash(row.Email);
                    row.Phone = Privacy.Hash(row.Phone);
                }

                public static void Run(Customer c)
                {
                    var row = new Row { Id = c.Id, Email = c.Email, Phone = c.Phone };
                    Scrub(row);
                    Partner.Upload(row);
                    Partner.UploadText(row.Email);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_member_the_helper_left_alone_keeps_the_raw_value() => Check(Types + """

            static class Export
            {
                static void Scrub(Row row) => row.Email = Privacy.Hash(row.Email);

                public static void Run(Customer c)
                {
                    var row = new Row { Id = c.Id, Email = c.Email, Phone = c.Phone };
                    Scrub(row);
                    Partner.UploadText(row.Email);
                    Partner.UploadText({|#0:row.Phone|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_member_the_helper_overwrites_on_one_path_only_may_still_hold_the_raw_value() => Check(Types + """

            static class Export
            {
                static void Scrub(Row row, bool strict)
                {
                    if (strict)
                    {
                        row.Email = Privacy.Hash(row.Email);
                    }
                }

                public static void Run(Customer c, bool strict)
                {
                    var row = new Row { Id = c.Id, Email = c.Email };
                    Scrub(row, strict);
                    Partner.UploadText({|#0:row.Email|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_struct_the_helper_receives_as_a_copy_is_not_changed_for_the_caller() => Check(Types + """

            static class Export
            {
                static void Scrub(RowValue row) => row.Email = Privacy.Hash(row.Email);

                public static void Run(Customer c)
                {
                    var row = new RowValue { Email = c.Email };
                    Scrub(row);
                    Partner.UploadText({|#0:row.Email|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_ticket_whose_ToString_writes_the_email_is_reported_where_it_is_interpolated() => Check(Types + """

            sealed class Ticket
            {
                public Guid Id { get; set; }
                public string Email { get; set; } = "";
                public override string ToString() => Id + ":" + Email;
            }

            static class Export
            {
                public static void Run(Customer c)
                {
                    var ticket = new Ticket { Id = c.Id, Email = c.Email };
                    Partner.UploadText({|#0:$"ticket {ticket,20}"|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_ticket_whose_ToString_writes_only_its_id_is_clean_interpolated_or_concatenated() => Check(Types + """

            sealed class Ticket
            {
                public Guid Id { get; set; }
                public string Email { get; set; } = "";
                public override string ToString() => Id.ToString();
            }

            static class Export
            {
                public static void Run(Customer c)
                {
                    var ticket = new Ticket { Id = c.Id, Email = c.Email };
                    Partner.UploadText($"ticket {ticket}");
                    Partner.UploadText("ticket " + ticket);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_dictionary_built_with_a_key_selector_alone_holds_the_elements() => Check(Types + """

            static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    Dictionary<int, string> byLength = customers.Select(c => c.Email).ToDictionary(e => e.Length);
                    Partner.Upload({|#0:byLength|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_lookup_built_from_ids_and_hashes_is_clean_and_one_of_raw_emails_is_reported() => Check(Types + """

            static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    ILookup<Guid, string> hashed = customers.ToLookup(c => c.Id, c => Privacy.Hash(c.Email));
                    Partner.Upload(hashed);
                    var raw = customers.GroupBy(c => c.Id, c => c.Email);
                    Partner.Upload({|#0:raw|});
                }
            }
            """, withPrelude: false, Min001(0));
    }
}
