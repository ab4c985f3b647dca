using System;
using System.Collections.Generic;
using System.Linq;
using Minimization.Testing.Generators;
using Minimization.Testing.Populations;
using Minimization.Testing.Tests.Fixtures;
using Xunit;

namespace Minimization.Testing.Tests.Populations
{
    public class PopulationTests
    {
        private static readonly PopulationBuilder<CallRecord> Calls = Population.Of<CallRecord>().Records(4_000).People(800).Regions(8).Outliers(0.01);

        [Fact]
        public void The_same_seed_gives_the_same_population()
        {
            Population<CallRecord> a = Calls.Generate(7), b = Calls.Generate(7), c = Calls.Generate(8);
            Assert.Equal(a.Select(r => r.ToString()), b.Select(r => r.ToString()));
            Assert.NotEqual(a.Select(r => r.ToString()), c.Select(r => r.ToString()));
        }

        [Fact]
        public void A_persons_texts_are_copied_into_each_of_its_records_with_the_same_value()
        {
            // Each record owns its copy (beside it in memory, as records read from a file): the values are what sharing gave.
            Population<CallRecord> pop = Population.Of<CallRecord>().Records(2_000).People(300).Generate(5);
            var first = new Dictionary<int, CallRecord>();
            int repeated = 0, shared = 0;
            for (int i = 0; i < pop.Count; i++)
            {
                if (first.TryGetValue(pop.SubjectOf(i), out CallRecord? earlier))
                {
                    repeated++;
                    Assert.Equal(earlier.Imei, pop[i].Imei);
                    shared += ReferenceEquals(earlier.Imei, pop[i].Imei) ? 1 : 0;
                }
                else
                {
                    first[pop.SubjectOf(i)] = pop[i];
                }
            }

            Assert.True(repeated > 1_000, $"only {repeated} records of a subject seen before");
            Assert.Equal(0, shared);
        }

        [Fact]
        public void Identity_members_get_realistic_values_of_their_category()
        {
            Population<CallRecord> pop = Calls.Generate(1);
            Assert.Equal(4_000, pop.Count);
            Assert.All(pop, r =>
            {
                Assert.True(IdentityFormats.IsValidNanp(r.CallerNumber), r.CallerNumber);
                Assert.True(IdentityFormats.IsValidNanp(r.CalleeNumber), r.CalleeNumber);
                Assert.True(IdentityFormats.IsValidImei(r.Imei), r.Imei);
                Assert.StartsWith("302-720-", r.TowerId);
                Assert.InRange(r.StartedAt, new DateTime(2026, 11, 1), new DateTime(2026, 11, 8));
            });
        }

        [Fact]
        public void Positional_records_are_built_through_their_constructor()
        {
            Population<PersonRecord> pop = Population.Of<PersonRecord>().Records(500).People(500).With(p => p.Diagnosis, "asthma", "flu").Generate(3);
            Assert.All(pop, p =>
            {
                Assert.True(IdentityFormats.IsPlausibleEmail(p.Email), p.Email);
                Assert.True(IdentityFormats.IsValidSin(p.Sin), p.Sin);
                Assert.True(IdentityFormats.IsValidCanadianPostalCode(p.PostalCode), p.PostalCode);
                Assert.True(IdentityFormats.IsUnicastMac(p.DeviceMac), p.DeviceMac);
                Assert.True(IdentityFormats.IsValidCanadianImsi(p.Imsi), p.Imsi);
                Assert.NotNull(IdentityFormats.ParseIp(p.LastIp));
                Assert.Contains(p.Diagnosis, new[] { "asthma", "flu" });
                Assert.Contains(' ', p.Name);
            });
        }

        [Fact]
        public void Members_of_an_identity_bearing_type_get_a_category_from_their_name()
        {
            Population<Subscriber> pop = Population.Of<Subscriber>().Records(200).Generate(5);
            Assert.All(pop, s =>
            {
                Assert.True(IdentityFormats.IsValidNanp(s.Msisdn), s.Msisdn);
                Assert.True(IdentityFormats.IsPlausibleEmail(s.EmailAddress), s.EmailAddress);
                Assert.NotNull(IdentityFormats.ParseIp(s.ClientIp));
            });
        }

        [Fact]
        public void Every_record_of_a_person_carries_that_persons_number()
        {
            Population<CallRecord> pop = Calls.Generate(2);
            var numbers = new Dictionary<int, HashSet<string>>();
            for (int i = 0; i < pop.Count; i++)
            {
                int s = pop.SubjectOf(i);
                if (!numbers.TryGetValue(s, out var set))
                {
                    numbers[s] = set = new HashSet<string>();
                }

                set.Add(Zoo.Digits(pop[i].CallerNumber));
            }

            Assert.All(numbers.Values, set => Assert.Single(set));
            Assert.Equal(800, numbers.Count);
        }

        [Fact]
        public void Many_people_share_a_region_while_a_few_are_outliers()
        {
            Population<CallRecord> pop = Calls.Generate(4);
            var byRegion = pop.GroupBy(r => Zoo.Region(r.TowerId)).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(byRegion.Values.Max() > pop.Count / 5, "the biggest region holds a large share");
            Assert.True(byRegion.ContainsKey("rural"), "some people live in rural areas");
            Assert.True(byRegion["rural"] < pop.Count / 20, "rural people are few");
            int towers = pop.Select(r => r.TowerId).Distinct().Count();
            Assert.True(towers < pop.Count / 10, "many records share a tower");
        }

        [Fact]
        public void Shrinking_tries_each_half_first_then_drops_quarters()
        {
            Population<CallRecord> pop = Calls.Records(1000).Generate(1);
            List<Population<CallRecord>> candidates = Population.ShrinkByHalves(pop).Take(6).ToList();
            Assert.Equal(new[] { 500, 500, 750, 750, 750, 750 }, candidates.Select(c => c.Count));
            Assert.Equal(pop[0].ToString(), candidates[0][0].ToString());
            Assert.Equal(pop[500].ToString(), candidates[1][0].ToString());
        }

        [Fact]
        public void Given_records_can_be_wrapped_as_a_population()
        {
            var records = new[] { new CallRecord { CallerNumber = "6135550143" }, new CallRecord { CallerNumber = "6135550144" } };
            Population<CallRecord> pop = Population.From(records);
            Assert.Equal(2, pop.Count);
            Assert.Equal(2, pop.PeopleCount);
        }

        [Fact]
        public void Distributions_sum_to_one_and_zipf_is_skewed()
        {
            Distribution z = Distribution.Zipf(10, 1.0);
            Assert.Equal(1.0, Enumerable.Range(0, 10).Sum(z.Probability), 6);
            Assert.True(z.Probability(0) > 5 * z.Probability(9));
            Assert.Equal(0.25, Distribution.Weighted(1, 3).Probability(0), 6);
        }
    }
}
