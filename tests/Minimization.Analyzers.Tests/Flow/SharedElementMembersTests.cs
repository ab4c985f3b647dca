using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Readings 5 and 11 together: the objects kept in a collection field keep their members apart. A member written with
    /// identity is reported where it is taken out and sent, and so is the whole object; another member of the same object,
    /// written with a clean value, is clean.
    /// </summary>
    public class SharedElementMembersTests
    {
        private const string Registry = """
            using System.Collections.Generic;
            using Telecom;
            public sealed class Subscriber
            {
                public string Plan { get; set; } = "";
                public string Number { get; set; } = "";
            }

            public sealed class Registry
            {
                private readonly List<Subscriber> _subscribers = new();

                public void Register(CallRecord r, string plan)
                {
                    var subscriber = new Subscriber { Plan = plan, Number = r.CallerNumber };
                    _subscribers.Add(subscriber);
                }
            """;

        [Fact]
        public Task The_plan_of_a_subscriber_taken_from_a_list_field_is_clean_when_only_its_number_holds_identity() => Check(Registry + """

                public void Publish()
                {
                    foreach (var s in _subscribers)
                    {
                        PartnerGateway.Send(s.Plan);
                    }
                }
            }
            """);

        [Fact]
        public Task The_number_and_the_whole_subscriber_taken_from_a_list_field_are_reported_where_they_are_sent() => Check(Registry + """

                public void Publish()
                {
                    foreach (var s in _subscribers)
                    {
                        PartnerGateway.Send({|#0:s.Number|});
                        PartnerGateway.Send({|#1:s|});
                    }
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task A_subscriber_added_to_a_list_field_straight_from_an_object_initializer_is_reported_when_sent_whole() => Check("""
            using System.Collections.Generic;
            using Telecom;
            public sealed class Subscriber
            {
                public string Number { get; set; } = "";
            }

            public sealed class Registry
            {
                private readonly List<Subscriber> _subscribers = new();

                public void Register(CallRecord r) => _subscribers.Add(new Subscriber { Number = r.CallerNumber });

                public void Publish()
                {
                    foreach (var s in _subscribers)
                    {
                        PartnerGateway.Send({|#0:s|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_subscriber_taken_from_the_values_of_a_dictionary_field_keeps_its_members_apart() => Check("""
            using System.Collections.Concurrent;
            using Telecom;
            public sealed class Subscriber
            {
                public string Plan { get; set; } = "";
                public string Number { get; set; } = "";
            }

            public sealed class Registry
            {
                private readonly ConcurrentDictionary<string, Subscriber> _byPlan = new();

                public void Register(CallRecord r, string plan)
                {
                    var subscriber = new Subscriber { Plan = plan, Number = r.CalleeNumber };
                    _byPlan.TryAdd(plan, subscriber);
                }

                public void Publish()
                {
                    foreach (var s in _byPlan.Values)
                    {
                        PartnerGateway.Send(s.Plan);
                        PartnerGateway.Send({|#0:s.Number|});
                    }
                }
            }
            """, Min001(0));
    }
}
