using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// What an object holds after its own code ran: a member's initializer is part of every new object's construction; a field
    /// list made lazily by <c>(_events ??= new())</c> is the field; and a call on a receiver replaces the members the callee
    /// stored while the receiver's other members stay apart (Reading 11), in a loop too.
    /// </summary>
    public sealed class ReceiverAndConstructionTests
    {
        private const string Types = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                [IdentityBearing("phone")] public string Phone { get; set; } = "";
                public string Country { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }
            """;

        [Fact]
        public Task A_field_list_made_lazily_by_a_parenthesized_coalesce_assignment_is_filled_by_the_call_on_it() => Check(Types + """

            sealed class Entity
            {
                private List<string>? _events;
                public void Raise(string e) => (_events ??= new List<string>()).Add(e);
                public void Flush() { foreach (var e in _events ?? new List<string>()) Partner.Send({|#0:e|}); }
            }

            sealed class Use
            {
                public void Run(Customer c, Entity x) => x.Raise(c.Email);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_field_list_made_lazily_and_filled_with_clean_values_is_clean() => Check(Types + """

            sealed class Entity
            {
                private List<string>? _events;
                public void Raise(string e) => (_events ??= new List<string>()).Add(e);
                public void Flush() { foreach (var e in _events ?? new List<string>()) Partner.Send(e); }
            }

            sealed class Use
            {
                public void Run(Customer c, Entity x) => x.Raise(c.Country);
            }
            """, withPrelude: false);

        [Fact]
        public Task A_new_objects_member_holds_what_its_property_initializer_stored() => Check(Types + """

            sealed class Ticket(Customer owner)
            {
                public string Contact { get; } = owner.Phone;
            }

            sealed class Use
            {
                public void Run(Customer c)
                {
                    var t = new Ticket(c);
                    Partner.Send({|#0:t.Contact|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_new_objects_member_initialized_from_a_clean_member_is_clean() => Check(Types + """

            sealed class Ticket(Customer owner)
            {
                public string Contact { get; } = owner.Country;
            }

            sealed class Use
            {
                public void Run(Customer c)
                {
                    var t = new Ticket(c);
                    Partner.Send(t.Contact);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_new_objects_member_does_not_hold_what_the_program_stored_into_another_object() => Check(Types + """

            sealed class Ticket
            {
                public string Note { get; set; } = "new";
            }

            sealed class Use
            {
                public void Run(Customer c, Ticket old)
                {
                    old.Note = c.Email;
                    var t = new Ticket();
                    Partner.Send(t.Note);
                }
            }
            """, withPrelude: false);

        private const string Stay = """

            abstract record PatientEvent([property: NonIdentifying] Guid PatientId, [property: NonIdentifying] DateTime At);
            sealed record PatientAdmitted(Guid PatientId, DateTime At, [property: IdentityBearing("name")] string FullName) : PatientEvent(PatientId, At);
            sealed record PatientDischarged(Guid PatientId, DateTime At) : PatientEvent(PatientId, At);

            sealed class Stay
            {
                public string Name { get; private set; } = "";
                public DateTime? DischargedAt { get; private set; }
                public int Version { get; private set; }
                public static Stay From(List<PatientEvent> history)
                {
                    var s = new Stay();
                    foreach (var e in history) { s.When(e); s.Version++; }
                    return s;
                }
                private void When(PatientEvent e)
                {
                    switch (e)
                    {
                        case PatientAdmitted a: Name = a.FullName; break;
                        case PatientDischarged d: DischargedAt = d.At; break;
                    }
                }
            }
            """;

        [Fact]
        public Task A_scalar_member_of_an_object_rebuilt_in_a_loop_does_not_carry_what_another_member_holds() => Check(Types + Stay + """

            sealed class Use
            {
                public void Run(List<PatientEvent> h) { var s = Stay.From(h); Partner.Send($"{s.DischargedAt} v{s.Version}"); }
            }
            """, withPrelude: false);

        [Fact]
        public Task The_member_written_with_identity_in_an_object_rebuilt_in_a_loop_is_reported() => Check(Types + Stay + """

            sealed class Use
            {
                public void Run(List<PatientEvent> h) { var s = Stay.From(h); Partner.Send({|#0:$"{s.Name} left {s.DischargedAt}"|}); }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_service_calling_itself_in_a_loop_keeps_its_options_apart_from_the_cache_keyed_by_identity() => Check(Types + """

            sealed class Options
            {
                public string Format { get; set; } = "json";
            }

            sealed class Directory
            {
                private readonly Dictionary<string, string> _tokens = new();
                private readonly Options _options = new();

                private string Token(string user)
                {
                    if (!_tokens.TryGetValue(user, out var token))
                    {
                        token = Guid.NewGuid().ToString("N");
                        _tokens[user] = token;
                    }

                    return token;
                }

                public void Refresh(List<Customer> customers)
                {
                    foreach (var c in customers)
                    {
                        Token(c.Email);
                        Partner.Send(_options.Format);
                    }
                }
            }
            """, withPrelude: false);
    
        private const string Messages = """

            sealed class SmsMessage
            {
                public string To { get; set; } = "";
                public string Body { get; set; } = "";
            }

            static class Gateway
            {
                [PartnerShare("sms")] public static void Dispatch(SmsMessage message) { }
            }
            """;

        [Fact]
        public Task A_lambda_that_writes_a_member_of_the_object_it_is_given_fills_the_callers_object() => Check(Types + Messages + """

            sealed class Use
            {
                public void Run(Customer c)
                {
                    var msg = new SmsMessage();
                    Action<SmsMessage, string> set = (x, v) => x.To = v;
                    set(msg, c.Phone);
                    Gateway.Dispatch({|#0:msg|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_lambda_that_writes_a_clean_value_into_the_object_it_is_given_leaves_it_clean() => Check(Types + Messages + """

            sealed class Use
            {
                public void Run(Customer c)
                {
                    var msg = new SmsMessage();
                    Action<SmsMessage, string> set = (x, v) => x.Body = v;
                    set(msg, c.Country);
                    Gateway.Dispatch(msg);
                }
            }
            """, withPrelude: false);
    }
}
