using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A call whose argument has control flow of its own (<c>?:</c>, <c>??</c>, <c>?.</c>) reads its receiver once, before the
    /// argument, into a capture of the graph: what the call puts into that capture is put into the variable.
    /// </summary>
    public sealed class CapturedReceiverTests
    {
        private const string Types = """
            using System.Collections.Generic;
            using Minimization;

            sealed class Contact
            {
                [IdentityBearing("email")] public string? Email { get; set; }
                public string Fallback { get; set; } = "";
            }

            static class Crm
            {
                [PartnerShare("FR")] public static void Sync(List<string> addresses) { }
            }
            """;

        [Fact]
        public Task A_list_filled_with_a_coalesced_value_is_reported_where_it_is_sent() => Check(Types + """

            sealed class Export
            {
                public void Run(Contact c)
                {
                    var addresses = new List<string>();
                    addresses.Add(c.Email ?? c.Fallback);
                    Crm.Sync({|#0:addresses|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_list_filled_with_a_conditional_value_is_reported_where_it_is_sent() => Check(Types + """

            sealed class Export
            {
                public void Run(Contact c, bool full)
                {
                    var addresses = new List<string>();
                    addresses.Add(full ? c.Email! : c.Fallback);
                    Crm.Sync({|#0:addresses|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_list_filled_with_a_coalesced_clean_value_is_clean() => Check(Types + """

            sealed class Export
            {
                public void Run(Contact c, string? region)
                {
                    var addresses = new List<string>();
                    addresses.Add(region ?? c.Fallback);
                    Crm.Sync(addresses);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_list_field_filled_with_a_coalesced_value_is_reported_where_another_method_sends_it() => Check(Types + """

            sealed class Export
            {
                private readonly List<string> _addresses = new();
                public void Collect(Contact c) => _addresses.Add(c.Email ?? c.Fallback);
                public void Flush() => Crm.Sync({|#0:_addresses|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_static_list_filled_with_a_conditional_value_is_reported_where_another_method_sends_it() => Check(Types + """

            static class Outbox
            {
                private static readonly List<string> Pending = new();
                public static void Collect(Contact c, bool primary) => Pending.Add(primary ? c.Email! : c.Fallback);
                public static void Flush() => Crm.Sync({|#0:Pending|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_list_field_filled_with_a_coalesced_clean_value_is_clean() => Check(Types + """

            sealed class Export
            {
                private readonly List<string> _addresses = new();
                public void Collect(Contact c, string? alias) => _addresses.Add(alias ?? c.Fallback);
                public void Flush() => Crm.Sync(_addresses);
            }
            """, withPrelude: false);

        [Fact]
        public Task A_private_list_property_filled_from_an_object_initializer_is_reported_where_another_method_sends_it() => Check(Types + """

            sealed class Message
            {
                public string To { get; set; } = "";
                public int Priority { get; set; }
            }

            static class Relay
            {
                [PartnerShare("FR")] public static void Push(List<Message> messages) { }
            }

            sealed class Outbox
            {
                private List<Message> Items { get; } = new();
                public void Queue(Contact c) => Items.Add(new Message { To = c.Email ?? "", Priority = 1 });
                public void Flush() => Relay.Push({|#0:Items|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_list_inside_a_parameter_filled_from_an_object_initializer_is_reported_where_the_caller_sends_it() => Check(Types + """

            sealed class Line
            {
                public string Address { get; set; } = "";
            }

            sealed class Batch
            {
                public List<Line> Lines { get; } = new();
            }

            static class Relay
            {
                [PartnerShare("FR")] public static void Push(Batch batch) { }
            }

            sealed class Export
            {
                private static void Append(Batch batch, Contact c) => batch.Lines.Add(new Line { Address = c.Email ?? c.Fallback });

                public void Run(Contact c)
                {
                    var batch = new Batch();
                    Append(batch, c);
                    Relay.Push({|#0:batch|});
                }
            }
            """, withPrelude: false, Min001(0));
    }
}
