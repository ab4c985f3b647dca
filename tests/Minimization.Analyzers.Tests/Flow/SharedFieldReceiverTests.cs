using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Readings 3 and 5 together: what an object holds in a collection field is reported where a value taken out of it meets
    /// a sink, never at the receiver of a later call, even when that call sends something that refers back to the object
    /// (an object made with <c>this</c>).
    /// </summary>
    public class SharedFieldReceiverTests
    {
        private const string Switchboard = """
            using System.Collections.Generic;
            using Minimization;
            using Telecom;
            sealed class Call
            {
                private readonly Switchboard _board;
                public Call(Switchboard board) => _board = board;
                public Switchboard Board => _board;
                [IdentityBearing(IdentityCategory.Phone)] public string Number { get; set; } = "";
            }

            class Switchboard
            {
                private readonly Dictionary<string, string> _lines = new();

                public void Connect(CallRecord r) => _lines[r.CallerNumber] = r.Region;

                public void Announce([IdentityBearing(IdentityCategory.Phone)] string number)
                {
                    var call = new Call(this) { Number = number };
                    Report({|#0:call|});
                }

                [PartnerShare("Partner")] private void Report(Call call) { }
            """;

        [Fact]
        public Task A_board_whose_dictionary_an_earlier_call_filled_is_not_reported_at_the_implicit_receiver_of_a_call_sending_itself() => Check(Switchboard + """

                public void Handle(CallRecord r, string number)
                {
                    Connect(r);
                    Announce(number);
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_board_held_in_a_field_is_not_reported_at_the_explicit_receiver_after_an_earlier_call_filled_its_dictionary() => Check(Switchboard + """
            }

            sealed class Operator
            {
                private readonly Switchboard _board = new();

                public void Handle(CallRecord r, string number)
                {
                    _board.Connect(r);
                    _board.Announce(number);
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_number_taken_out_of_the_boards_dictionary_after_an_earlier_call_filled_it_is_reported_where_it_is_sent() => Check(Switchboard + """

                public void Handle(CallRecord r)
                {
                    Connect(r);
                    foreach (var line in _lines.Keys)
                    {
                        PartnerGateway.Send({|#1:line|});
                    }
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task A_board_carrying_a_number_in_a_plain_field_set_by_its_constructor_is_reported_inside_at_the_sink_not_at_the_receiver() => Check("""
            using Telecom;
            sealed class Call
            {
                public Call(Switchboard board) => Board = board;
                public Switchboard Board { get; }
            }

            class Switchboard
            {
                private readonly string _last;

                public Switchboard(string last) => _last = last;

                public string Last => _last;

                public void Announce() => PartnerGateway.Send({|#0:new Call(this).Board.Last|});
            }

            sealed class Operator
            {
                void Handle(CallRecord r)
                {
                    var board = new Switchboard(r.CallerNumber);
                    board.Announce();
                }
            }
            """, Min001(0));
    }
}
