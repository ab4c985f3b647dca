using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A collection an object holds in a public member (<c>public List&lt;string&gt; Notes { get; } = new()</c>): filling it
    /// through the member (<c>_uow.Notes.Add(note)</c>) writes the member, as assigning it would, so another class that reads
    /// it from the same kind of object takes out what was put in. And a scalar member read at the end of a recursive walk
    /// over such collections stays clean (Reading 11), however deep the walk goes.
    /// </summary>
    public sealed class MemberCollectionTests
    {
        private const string Types = """
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void Upload(string text) { }
                [PartnerShare("acme")] public static void UploadNumber(int value) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Hash(string value) => "h";
            }

            sealed class UnitOfWork
            {
                public List<string> Notes { get; } = new();
            }

            sealed class Register
            {
                private readonly UnitOfWork _uow;
                public Register(UnitOfWork uow) => _uow = uow;
                public void Handle(Customer c) => _uow.Notes.Add($NOTE);
            }

            sealed class Feed
            {
                private readonly UnitOfWork _uow;
                public Feed(UnitOfWork uow) => _uow = uow;

                public void Push()
                {
                    foreach (var note in _uow.Notes)
                    {
                        Partner.Upload($SENT);
                    }
                }
            }

            """;

        [Fact]
        public Task A_note_added_to_a_public_list_property_by_one_class_is_reported_where_another_sends_it() => Check(
            Types.Replace("$NOTE", "c.Email").Replace("$SENT", "{|#0:note|}"), withPrelude: false, Min001(0));

        [Fact]
        public Task A_hashed_note_added_to_a_public_list_property_is_clean_where_another_sends_it() => Check(
            Types.Replace("$NOTE", "Privacy.Hash(c.Email)").Replace("$SENT", "note"), withPrelude: false);

        [Fact]
        public Task A_number_summed_down_a_recursive_walk_over_lists_holding_a_customer_is_clean() => Check(Types.Replace("$NOTE", "\"\"").Replace("$SENT", "note") + """
            sealed class Node
            {
                public int Weight { get; init; }
                public List<object> Items { get; } = new();

                public int Sum()
                {
                    var total = Weight;
                    foreach (var item in Items)
                    {
                        if (item is Node child)
                        {
                            total += child.Sum();
                        }
                    }

                    return total;
                }
            }

            static class Export
            {
                public static void Run(Customer c)
                {
                    var root = new Node { Weight = 1 };
                    root.Items.Add(c);
                    root.Items.Add(new Node { Weight = 2 });
                    Partner.UploadNumber(root.Sum());
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Text_gathered_down_a_recursive_walk_over_lists_holding_an_email_is_reported() => Check(Types.Replace("$NOTE", "\"\"").Replace("$SENT", "note") + """
            sealed class Node
            {
                public string Label { get; init; } = "";
                public List<object> Items { get; } = new();

                public string Describe()
                {
                    var text = Label;
                    foreach (var item in Items)
                    {
                        text += item is Node child ? child.Describe() : item.ToString();
                    }

                    return text;
                }
            }

            static class Export
            {
                public static void Run(Customer c)
                {
                    var root = new Node { Label = "root" };
                    root.Items.Add(c.Email);
                    Partner.Upload({|#0:root.Describe()|});
                }
            }
            """, withPrelude: false, Min001(0));
    }
}
