using System.Linq;
using System.Threading.Tasks;
using Minimization.Analyzers.Flow;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// An object's members nest at most <see cref="AbstractValue.MaxFieldDepth"/> deep: what lies deeper is folded into the last
    /// level, never dropped. Without the bound, an object written into its own member on every pass of a loop (a linked list, a
    /// service that registers itself with a collaborator) gained a level per pass and the loop's analysis never converged.
    /// </summary>
    public sealed class NestingBoundTests
    {
        [Fact]
        public void Members_nested_deeper_than_the_bound_are_folded_into_the_last_level_with_their_labels()
        {
            var inner = AbstractValue.Of(Taint.Of(Label.Symbolic(3), null));
            var value = inner;
            for (var i = 0; i < 12; i++)
            {
                value = AbstractValue.Clean.WithField("Next", value);
            }

            Assert.True(value.Height <= AbstractValue.MaxFieldDepth);
            Assert.Contains(value.Deep().Entries, e => !e.Label.IsConcrete && e.Label.Parameter == 3);
        }

        [Fact]
        public void A_value_within_the_bound_keeps_its_members_as_they_are()
        {
            var leaf = AbstractValue.Of(Taint.Of(Label.Symbolic(1), null));
            var value = AbstractValue.Clean.WithField("A", AbstractValue.Clean.WithField("B", leaf));

            Assert.Equal(2, value.Height);
            Assert.Same(value, value.Truncated(AbstractValue.MaxFieldDepth));
            Assert.Same(leaf, value.Member("A", 8).Member("B", 8));
        }

        [Fact]
        public Task A_linked_list_built_from_identity_in_a_loop_is_reported_once_and_without_a_bound() => Check("""
            using System.Collections.Generic;
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(Node? chain) { }
            }

            sealed class Node
            {
                public string Value { get; set; } = "";
                public Node? Next { get; set; }
            }

            sealed class Chain
            {
                public void Run(List<Subscriber> subscribers)
                {
                    Node? head = null;
                    foreach (var s in subscribers)
                    {
                        head = new Node { Value = s.Msisdn, Next = head };
                    }

                    Partner.Send({|#0:head|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_linked_list_built_from_clean_values_in_a_loop_is_clean() => Check("""
            using System.Collections.Generic;
            using Minimization;

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(Node? chain) { }
            }

            sealed class Node
            {
                public string Value { get; set; } = "";
                public Node? Next { get; set; }
            }

            sealed class Chain
            {
                public void Run(List<string> regions)
                {
                    Node? head = null;
                    foreach (var r in regions)
                    {
                        head = new Node { Value = r, Next = head };
                    }

                    Partner.Send(head);
                }
            }
            """, withPrelude: false);
    }
}
