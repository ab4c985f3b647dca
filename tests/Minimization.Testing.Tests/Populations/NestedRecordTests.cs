using System;
using System.Collections.Generic;
using System.Linq;
using Minimization;
using Minimization.Testing.Generators;
using Minimization.Testing.Populations;
using Xunit;

namespace Minimization.Testing.Tests.Populations
{
    /// <summary>Populations of records that hold objects of their own and collections of identifiers.</summary>
    public class NestedRecordTests
    {
        [IdentityBearing]
        public sealed class Party
        {
            [IdentityBearing(IdentityCategory.Phone)]
            public string Msisdn { get; set; } = "";

            [IdentityBearing(IdentityCategory.Email)]
            public string Email { get; set; } = "";
        }

        public sealed record CallLeg(Party Caller, Party Callee, [property: IdentityBearing(IdentityCategory.Timestamp)] DateTime At);

        public sealed class Account
        {
            [IdentityBearing(IdentityCategory.Email)]
            public List<string> Aliases { get; set; } = new List<string>();

            [IdentityBearing(IdentityCategory.Phone)]
            public string[] Phones { get; set; } = Array.Empty<string>();

            [IdentityBearing(IdentityCategory.Imei)]
            public IReadOnlyList<string>? Devices { get; set; }

            public List<string>? Tags { get; set; }
        }

        public sealed class Node
        {
            [IdentityBearing(IdentityCategory.Name)]
            public string Name { get; set; } = "";

            public Node? Manager { get; set; }
        }

        [IdentityBearing(IdentityCategory.Phone)]
        public sealed record PhoneNumber(string Value);

        public readonly record struct EmailAddress(string Address);

        public sealed record Contact(PhoneNumber Mobile, [property: IdentityBearing(IdentityCategory.Email)] EmailAddress? Email, List<PhoneNumber>? Others);

        [Fact]
        public void Value_objects_around_an_identifier_get_the_value_of_their_category()
        {
            Population<Contact> pop = Population.Of<Contact>().Records(50).Generate(2);
            Assert.All(pop, c =>
            {
                Assert.True(IdentityFormats.IsValidNanp(c.Mobile.Value), c.Mobile.Value);
                Assert.Contains("@", c.Email!.Value.Address, StringComparison.Ordinal);
            });
        }

        /// <summary>A value object that takes E.164 only, as domain models often do.</summary>
        public sealed record E164(string Value)
        {
            public string Value { get; } = Value.StartsWith("+", StringComparison.Ordinal) && Value.Skip(1).All(char.IsDigit) ? Value : throw new FormatException("Not E.164: " + Value);
        }

        public sealed record Strict([property: IdentityBearing(IdentityCategory.Phone)] E164 Number);

        public sealed record Refusing(string Value)
        {
            public string Value { get; } = Refuse(Value);

            private static string Refuse(string value) => throw new ArgumentException("never");
        }

        public sealed record Hopeless([property: IdentityBearing(IdentityCategory.Phone)] Refusing Number);

        [Fact]
        public void A_value_object_that_validates_gets_the_notation_it_accepts_or_a_clear_error()
        {
            Assert.All(Population.Of<Strict>().Records(200).Generate(3), s => Assert.Matches(@"^\+1\d{10}$", s.Number.Value));
            var e = Assert.Throws<InvalidOperationException>(() => Population.Of<Hopeless>().Records(5).Generate(3));
            Assert.StartsWith("Refusing's constructor refused '", e.Message, StringComparison.Ordinal);
            Assert.EndsWith("in every notation tried (ArgumentException: never); give the member's values with With(...) or the population a generator of your own.", e.Message, StringComparison.Ordinal);
        }

        public sealed class Odd
        {
            [IdentityBearing(IdentityCategory.Phone)]
            public Uri? Phone { get; set; }
        }

        [Fact]
        public void A_member_that_cannot_hold_its_categorys_value_is_refused_with_a_clear_error()
        {
            var e = Assert.Throws<InvalidOperationException>(() => Population.Of<Odd>().Records(5).Generate(1));
            Assert.Equal("Odd.Phone is a Uri, which cannot hold the phone value a population makes (String); give its values with With(r => r.Phone, ...) or the population a generator of your own.", e.Message);
        }

        [Fact]
        public void A_nested_object_is_built_with_its_subjects_identifiers_and_a_second_one_with_a_contacts()
        {
            Population<CallLeg> pop = Population.Of<CallLeg>().Records(400).People(100).Generate(3);
            var phoneOf = new Dictionary<int, string>();
            foreach (var (leg, i) in pop.Select((l, i) => (l, i)))
            {
                Assert.True(IdentityFormats.IsValidNanp(leg.Caller.Msisdn), leg.Caller.Msisdn);
                Assert.Contains("@", leg.Callee.Email, StringComparison.Ordinal);
                string digits = IdentityFormats.NationalDigits(leg.Caller.Msisdn)!;
                Assert.Equal(phoneOf.TryGetValue(pop.SubjectOf(i), out string? seen) ? seen : digits, digits);
                phoneOf[pop.SubjectOf(i)] = digits;
            }

            Assert.Contains(pop, l => IdentityFormats.NationalDigits(l.Callee.Msisdn) != IdentityFormats.NationalDigits(l.Caller.Msisdn));
        }

        [Fact]
        public void Collections_of_identifiers_hold_the_subjects_own_values_and_plain_collections_stay_empty()
        {
            Population<Account> pop = Population.Of<Account>().Records(300).People(300).Generate(4);
            Assert.All(pop, a =>
            {
                Assert.InRange(a.Aliases.Count, 1, 2);
                Assert.All(a.Aliases, e => Assert.Contains("@", e, StringComparison.Ordinal));
                Assert.All(a.Phones, p => Assert.True(IdentityFormats.IsValidNanp(p), p));
                Assert.Single(a.Phones.Select(p => IdentityFormats.NationalDigits(p)).Distinct());
                Assert.NotNull(a.Devices);
                Assert.All(a.Devices!, d => Assert.True(IdentityFormats.IsValidImei(d), d));
                Assert.Null(a.Tags);
            });
            Assert.Contains(pop, a => a.Aliases.Count == 2);
        }

        [Fact]
        public void A_type_that_holds_itself_is_built_three_levels_deep_and_no_deeper()
        {
            Node n = Population.Of<Node>().Records(5).Generate(1)[0];
            Assert.NotNull(n.Manager?.Manager?.Manager);
            Assert.Null(n.Manager!.Manager!.Manager!.Manager);
        }
    }
}
