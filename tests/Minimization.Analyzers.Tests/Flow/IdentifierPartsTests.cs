using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Issue 19's third pattern, decided on the rule pages (MIN001, "Parts of an identifier"): a part of an identifier (an
    /// e-mail's domain, its local part, a number's prefix) carries the identity, as the whole does; sizes, counts and
    /// predicates over it do not. A team that judges a part safe to share says so in code, with a minimizer a reviewer sees.
    /// </summary>
    public class IdentifierPartsTests
    {
        // bitwarden EmailValidation.GetDomain, judged right in round four (row 35): the host of the annotated address.
        [Fact]
        public Task The_domain_of_an_annotated_address_returned_by_a_public_helper_is_MIN010() => Check("""
            using System.Net.Mail;
            using Minimization;
            public static class EmailValidation
            {
                public static string {|#0:GetDomain|}([IdentityBearing(IdentityCategory.Email)] string email) => new MailAddress(email).Host.ToLowerInvariant();
            }
            """, Min010(0));

        [Fact]
        public Task The_domain_of_a_subscribers_address_sent_to_a_partner_is_MIN001() => Check("""
            using Telecom;
            public static class DomainReport
            {
                public static void Share(Subscriber subscriber)
                {
                    var domain = subscriber.Email.Substring(subscriber.Email.IndexOf('@') + 1);
                    PartnerGateway.Send({|#0:domain|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task The_local_part_split_off_a_subscribers_address_sent_to_a_partner_is_MIN001() => Check("""
            using Telecom;
            public static class LocalPartReport
            {
                public static void Share(Subscriber subscriber)
                {
                    var parts = subscriber.Email.Split('@');
                    PartnerGateway.Send({|#0:parts[0]|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task The_prefix_of_a_callers_number_sent_to_a_partner_is_MIN001() => Check("""
            using Telecom;
            public static class PrefixReport
            {
                public static void Share(CallRecord record) => PartnerGateway.Send({|#0:record.CallerNumber[..6]|});
            }
            """, Min001(0));

        // The near misses: sizes, counts and predicates over the same values carry none of them.
        [Fact]
        public Task The_length_of_an_address_and_whether_it_has_a_domain_are_not_MIN001() => Check("""
            using Telecom;
            public static class AddressStats
            {
                public static void Share(Subscriber subscriber)
                {
                    PartnerGateway.Send(subscriber.Email.Length);
                    PartnerGateway.Send(subscriber.Email.Contains('@'));
                    PartnerGateway.Send(subscriber.Email.EndsWith("@example.org"));
                }
            }
            """);

        [Fact]
        public Task A_count_of_subscribers_per_domain_is_not_MIN001() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            public static class DomainCounts
            {
                public static void Share(List<Subscriber> subscribers)
                {
                    var count = subscribers.Count(s => s.Email.EndsWith("@example.org"));
                    PartnerGateway.Send(count);
                }
            }
            """);

        // A team that decides a domain may be shared writes the decision as a minimizer: the flow through it is clean, and
        // the decision is in the code, where a reviewer and the audit see it.
        [Fact]
        public Task A_domain_taken_by_a_declared_minimizer_is_not_MIN001() => Check("""
            using Minimization;
            using Telecom;
            public static class Domains
            {
                [Minimizer] public static string OrganizationOf(string email) => email.Substring(email.IndexOf('@') + 1);

                public static void Share(Subscriber subscriber) => PartnerGateway.Send(OrganizationOf(subscriber.Email));
            }
            """);
    }
}
