using System;
using System.Collections.Generic;
using System.Linq;
using Minimization.Testing.Checks;
using Xunit;

namespace Minimization.Testing.Tests.Checks
{
    public class PopulationCheckTests
    {
        public sealed record Row(string Region, string Day, string Diagnosis, string Token = "", int Hour = 0);

        private static List<Row> Rows(params (string Region, string Day, int Count)[] cells)
            => cells.SelectMany(c => Enumerable.Range(0, c.Count).Select(i => new Row(c.Region, c.Day, i % 3 == 0 ? "flu" : i % 3 == 1 ? "asthma" : "cold"))).ToList();

        private static readonly QuasiIdentifiers<Row> Qis = QuasiIdentifiers<Row>.Of(r => r.Region, r => r.Day);

        [Fact]
        public void K_anonymity_reports_the_smallest_class_by_its_values()
        {
            List<Row> rows = Rows(("K1A", "2026-11-02", 3), ("M5V", "2026-11-02", 40), ("M5V", "2026-11-03", 12));
            KAnonymityResult k = PopulationChecks.Classes(rows, Qis).KAnonymity(11);
            Assert.False(k.Passed);
            Assert.Equal(3, k.SmallestClassSize);
            Assert.StartsWith("class {region=K1A, day=2026-11-02} has 3 records < k=11", k.ToString());
            Assert.Equal(1, k.ClassesBelowK);
        }

        public enum Sex : byte
        {
            Female,
            Male,
        }

        public sealed record Person(string Area, Sex Sex, short BirthYear, Sex? Declared);

        [Fact]
        public void Enum_short_and_nullable_enum_quasi_identifiers_group_by_their_values()
        {
            var people = new List<Person>();
            for (int i = 0; i < 30; i++)
            {
                people.Add(new Person("K1A", i % 3 == 0 ? Sex.Female : Sex.Male, 1970, i % 2 == 0 ? Sex.Male : null));
            }

            var qis = QuasiIdentifiers<Person>.Of(p => p.Area, p => p.Sex, p => p.BirthYear, p => p.Declared);
            KAnonymityResult k = PopulationChecks.Classes(people, qis).KAnonymity(5);
            Assert.Equal(4, k.Classes);
            Assert.Equal(5, k.SmallestClassSize);
            Assert.True(k.Passed);
        }

        [Fact]
        public void K_anonymity_passes_when_every_class_reaches_k()
        {
            KAnonymityResult k = PopulationChecks.Classes(Rows(("K1A", "d1", 11), ("K1A", "d2", 30)), Qis).KAnonymity(11);
            Assert.True(k.Passed);
            Assert.Equal(2, k.Classes);
        }

        [Fact]
        public void Risk_measures_follow_their_definitions()
        {
            // Classes of 1, 1, 2 and 16 records: 20 records, 4 classes.
            RiskResult risk = PopulationChecks.Classes(Rows(("a", "1", 1), ("b", "1", 1), ("c", "1", 2), ("d", "1", 16)), Qis).Risk(1.0 / 11);
            Assert.Equal(1.0, risk.Highest);
            Assert.Equal(4 / 20.0, risk.Average, 9);
            Assert.Equal(2 / 20.0, risk.UniqueShare, 9);
            Assert.Equal(4 / 20.0, risk.RecordsAtRisk, 9);
        }

        [Fact]
        public void L_diversity_uses_the_entropy_of_the_sensitive_values_in_each_class()
        {
            var rows = Rows(("K1A", "d", 30)).Concat(Enumerable.Range(0, 12).Select(_ => new Row("M5V", "d", "flu"))).ToList();
            LDiversityResult l = PopulationChecks.LDiversity(rows, Qis, r => r.Diagnosis, 2);
            Assert.False(l.Passed);
            Assert.Equal(1.0, l.LowestEffectiveL, 6);
            Assert.Contains("{region=M5V, day=d}", l.WorstClass);

            LDiversityResult diverse = PopulationChecks.LDiversity(Rows(("K1A", "d", 30)), Qis, r => r.Diagnosis, 2);
            Assert.True(diverse.Passed);
            Assert.Equal(3.0, diverse.LowestEffectiveL, 6);
        }

        [Fact]
        public void Trace_unicity_is_high_when_each_subject_has_its_own_places()
        {
            var rows = new List<Row>();
            for (int s = 0; s < 200; s++)
            {
                for (int p = 0; p < 6; p++)
                {
                    rows.Add(new Row("T" + ((s * 7 + p * 13) % 500), "d", "", "subject" + s, p));
                }
            }

            TraceUnicityResult u = PopulationChecks.TraceUnicity(rows, TraceModel<Row>.Of(r => r.Token, r => r.Region, r => r.Hour), points: 4);
            Assert.Equal(200, u.Subjects);
            Assert.True(u.Unicity > 0.9, u.ToString());
            Assert.Contains("is the only subject at", u.Example);
        }

        [Fact]
        public void Trace_unicity_is_zero_when_subjects_share_their_points()
        {
            var rows = new List<Row>();
            for (int s = 0; s < 200; s++)
            {
                for (int p = 0; p < 6; p++)
                {
                    rows.Add(new Row("R" + (s % 4), "d", "", "subject" + s, p));
                }
            }

            TraceUnicityResult u = PopulationChecks.TraceUnicity(rows, TraceModel<Row>.Of(r => r.Token, r => r.Region, r => r.Hour));
            Assert.Equal(0, u.SingledOut);
        }

        [Fact]
        public void Quasi_identifier_keys_are_equal_exactly_when_the_values_are()
        {
            var q = QuasiIdentifiers<Row>.Of(r => r.Region, r => r.Hour);
            Assert.Equal(q.KeyOf(new Row("K1A", "x", "y", "t", 3)), q.KeyOf(new Row("K1A", "z", "w", "u", 3)));
            Assert.NotEqual(q.KeyOf(new Row("K1A", "x", "y", "t", 3)), q.KeyOf(new Row("K1A", "x", "y", "t", 4)));
            Assert.NotEqual(q.KeyOf(new Row("K1A", "", "", "", 0)), q.KeyOf(new Row("K1B", "", "", "", 0)));
            Assert.Equal(new[] { "region", "hour" }, q.Names);
        }

        [Fact]
        public void A_million_distinct_keys_do_not_collide()
        {
            var q = QuasiIdentifiers<Row>.Of(r => r.Region, r => r.Hour);
            var keys = new HashSet<ulong>();
            for (int i = 0; i < 1000; i++)
            {
                for (int h = 0; h < 1000; h++)
                {
                    keys.Add(q.KeyOf(new Row("R" + i, "", "", "", h)));
                }
            }

            Assert.Equal(1_000_000, keys.Count);
        }
    }
}
