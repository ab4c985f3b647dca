using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;

namespace Minimization.Testing.Checks
{
    /// <summary>
    /// The population-level checks on their own, for use outside a property or in a benchmark: equivalence classes,
    /// k-anonymity, l-diversity, prosecutor risk and trace unicity over an already-minimized output.
    /// </summary>
    /// <example>
    /// <code>
    /// var qis = QuasiIdentifiers&lt;SharedCall&gt;.Of(s =&gt; s.Region, s =&gt; s.Day);
    /// EquivalenceClasses classes = PopulationChecks.Classes(outputs, qis);
    /// KAnonymityResult k = classes.KAnonymity(11);
    /// RiskResult risk = classes.Risk();
    /// </code>
    /// </example>
    public static class PopulationChecks
    {
        /// <summary>Groups <paramref name="records"/> into equivalence classes on <paramref name="quasiIdentifiers"/>.</summary>
        /// <typeparam name="T">The output record type.</typeparam>
        /// <param name="records">The minimized records.</param>
        /// <param name="quasiIdentifiers">The columns to group on.</param>
        /// <returns>The classes, with their sizes and a representative record each.</returns>
        public static EquivalenceClasses Classes<T>(IReadOnlyList<T> records, QuasiIdentifiers<T> quasiIdentifiers)
        {
            int n = records.Count;
            var table = new ClassTable(Math.Min(n, 1 << 14));
            if (records is T[] array)
            {
                for (int i = 0; i < array.Length; i++)
                {
                    table.Add(quasiIdentifiers.KeyOf(array[i]), i);
                }
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    table.Add(quasiIdentifiers.KeyOf(records[i]), i);
                }
            }

            var (sizes, firsts) = table.ToArrays();
            return new EquivalenceClasses(n, sizes, firsts, i => quasiIdentifiers.Describe(records[i]));
        }

        /// <summary>
        /// Entropy l-diversity of <paramref name="sensitive"/> within each class: a class passes when −Σ p ln p ≥ ln l
        /// over the shares p of its sensitive values.
        /// </summary>
        /// <typeparam name="T">The output record type.</typeparam>
        /// <param name="records">The minimized records.</param>
        /// <param name="quasiIdentifiers">The columns to group on.</param>
        /// <param name="sensitive">The sensitive attribute, for example <c>s =&gt; s.Diagnosis</c>.</param>
        /// <param name="l">The required diversity (2 or 3 are usual).</param>
        /// <returns>The least diverse class.</returns>
        public static LDiversityResult LDiversity<T>(IReadOnlyList<T> records, QuasiIdentifiers<T> quasiIdentifiers, System.Linq.Expressions.Expression<Func<T, object?>> sensitive, double l)
            => LDiversity(records, quasiIdentifiers, Selectors.Compile(sensitive, 0), l);

        internal static LDiversityResult LDiversity<T>(IReadOnlyList<T> records, QuasiIdentifiers<T> quasiIdentifiers, Column<T> sensitive, double l)
        {
            var pairs = new Dictionary<(ulong, ulong), int>();
            var classes = new Dictionary<ulong, (int Size, int First)>();
            for (int i = 0; i < records.Count; i++)
            {
                T r = records[i];
                ulong c = quasiIdentifiers.KeyOf(r);
                ulong s = sensitive.Hash(r);
                ref int pc = ref CollectionsMarshal.GetValueRefOrAddDefault(pairs, (c, s), out _);
                pc++;
                ref var cc = ref CollectionsMarshal.GetValueRefOrAddDefault(classes, c, out bool exists);
                if (!exists)
                {
                    cc.First = i;
                }

                cc.Size++;
            }

            var sumClnC = new Dictionary<ulong, (double S, int Distinct)>(classes.Count);
            foreach (var kv in pairs)
            {
                ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(sumClnC, kv.Key.Item1, out _);
                acc.S += kv.Value * Math.Log(kv.Value);
                acc.Distinct++;
            }

            double worst = double.PositiveInfinity;
            int worstFirst = -1, worstSize = 0, worstDistinct = 0, failing = 0;
            foreach (var kv in classes)
            {
                int f = kv.Value.Size;
                var (s, distinct) = sumClnC[kv.Key];
                double entropy = Math.Log(f) - s / f;
                double effective = Math.Exp(entropy);
                if (effective < l - 1e-9)
                {
                    failing++;
                }

                if (effective < worst)
                {
                    worst = effective;
                    worstFirst = kv.Value.First;
                    worstSize = f;
                    worstDistinct = distinct;
                }
            }

            string describe = worstFirst < 0 ? "{}" : quasiIdentifiers.Describe(records[worstFirst]);
            return new LDiversityResult(l, records.Count == 0 ? double.PositiveInfinity : worst, describe, worstSize, worstDistinct, failing, sensitive.Name);
        }

        /// <summary>
        /// Trace unicity (de Montjoye et al. 2013): the share of subjects singled out by <paramref name="points"/> random
        /// (place, time) points of their own trace, that is, whose trace is the only one containing all of them.
        /// </summary>
        /// <typeparam name="T">The output record type.</typeparam>
        /// <param name="records">The minimized records.</param>
        /// <param name="traces">What makes a trace: its subject (a pseudonym), place and time.</param>
        /// <param name="points">Points known to the attacker (default 4).</param>
        /// <param name="sampleSubjects">Subjects to test (default 2,000; all when fewer).</param>
        /// <param name="seed">Seed of the choice of subjects and points.</param>
        /// <returns>The unicity and an example of a singled-out subject.</returns>
        public static TraceUnicityResult TraceUnicity<T>(IReadOnlyList<T> records, TraceModel<T> traces, int points = 4, int sampleSubjects = 2_000, int seed = 0)
            => TraceIndex.Unicity(records, traces, points, sampleSubjects, seed);

        /// <summary>
        /// Trace unicity against the true subjects (de Montjoye et al. 2013): for each sampled subject, exactly
        /// <paramref name="points"/> of the subject's own (place, time) points (all of them for subjects with fewer, which the
        /// result counts) are given to an attacker, who looks for the traces (pseudonyms) holding all of them; the subject is
        /// singled out when exactly one trace does and it is the subject's. A pseudonym that rotates is measured honestly:
        /// points spread over several pseudonyms single no one out.
        /// </summary>
        /// <typeparam name="T">The output record type.</typeparam>
        /// <param name="records">The minimized records.</param>
        /// <param name="subjects">For each record, the index of the person it is about (0 to people − 1).</param>
        /// <param name="traces">What makes a trace in the output: its pseudonym, place and time.</param>
        /// <param name="points">Points known to the attacker (default 4).</param>
        /// <param name="sampleSubjects">Subjects to test (default 2,000; all when fewer).</param>
        /// <param name="seed">Seed of the choice of subjects and points.</param>
        /// <returns>The unicity, the subjects with fewer points, and an example of a singled-out subject.</returns>
        public static TraceUnicityResult TraceUnicityBySubject<T>(IReadOnlyList<T> records, IReadOnlyList<int> subjects, TraceModel<T> traces, int points = 4, int sampleSubjects = 2_000, int seed = 0)
        {
            if (records == null || subjects == null || traces == null)
            {
                throw new ArgumentNullException(records == null ? nameof(records) : subjects == null ? nameof(subjects) : nameof(traces));
            }

            if (subjects.Count != records.Count)
            {
                throw new ArgumentException($"Give one subject per record ({records.Count:N0} records, {subjects.Count:N0} subjects).", nameof(subjects));
            }

            for (int i = 0; i < subjects.Count; i++)
            {
                if (subjects[i] < 0)
                {
                    throw new ArgumentException($"Subject indexes are 0 or more; record #{i} has {subjects[i]}.", nameof(subjects));
                }
            }

            return TraceIndex.UnicityBySubject(records, subjects, traces, Math.Max(1, points), sampleSubjects, seed);
        }
    }

    /// <summary>Equivalence classes of a minimized population: sizes and a representative record each.</summary>
    public sealed class EquivalenceClasses
    {
        private readonly int[] _sizes;
        private readonly Func<int, string> _describe;

        internal EquivalenceClasses(int records, int[] sizes, int[] firsts, Func<int, string> describe)
        {
            RecordCount = records;
            _sizes = sizes;
            _describe = describe;
            int min = int.MaxValue, first = -1, uniques = 0;
            for (int i = 0; i < sizes.Length; i++)
            {
                int size = sizes[i];
                if (size < min || (size == min && firsts[i] < first))
                {
                    min = size;
                    first = firsts[i];
                }

                if (size == 1)
                {
                    uniques++;
                }
            }

            SmallestClassSize = records == 0 ? 0 : min;
            SmallestClassFirstRecord = first;
            UniqueRecords = uniques;
        }

        /// <summary>The number of records grouped.</summary>
        public int RecordCount { get; }

        /// <summary>The number of classes.</summary>
        public int ClassCount => _sizes.Length;

        /// <summary>The size of the smallest class (f min).</summary>
        public int SmallestClassSize { get; }

        /// <summary>The index of the first record of the smallest class (−1 when there are no records).</summary>
        public int SmallestClassFirstRecord { get; }

        /// <summary>The number of records alone in their class.</summary>
        public int UniqueRecords { get; }

        /// <summary>The smallest class written out, for example <c>{region=K1A, day=2026-11-02}</c>.</summary>
        public string SmallestClass => SmallestClassFirstRecord < 0 ? "{}" : _describe(SmallestClassFirstRecord);

        /// <summary>Checks k-anonymity: every class has at least <paramref name="k"/> records.</summary>
        /// <param name="k">The minimum class size (default 11, the small-cell rule for partner releases).</param>
        /// <returns>The verdict and the smallest class.</returns>
        public KAnonymityResult KAnonymity(int k = 11)
        {
            int classesBelow = 0, recordsBelow = 0;
            foreach (int size in _sizes)
            {
                if (size < k)
                {
                    classesBelow++;
                    recordsBelow += size;
                }
            }

            return new KAnonymityResult(k, RecordCount, ClassCount, SmallestClassSize, SmallestClass, SmallestClassFirstRecord, classesBelow, recordsBelow);
        }

        /// <summary>The prosecutor risk measures of these classes (El Emam; ARX).</summary>
        /// <param name="threshold">A record is at risk when 1/f exceeds this (default 1/11).</param>
        /// <returns>Highest and average risk, share of unique records and of records at risk.</returns>
        public RiskResult Risk(double threshold = 1.0 / 11)
        {
            int atRisk = 0;
            foreach (int size in _sizes)
            {
                if (1.0 / size > threshold + 1e-12)
                {
                    atRisk += size;
                }
            }

            double n = Math.Max(1, RecordCount);
            return new RiskResult(
                RecordCount == 0 ? 0 : 1.0 / SmallestClassSize,
                RecordCount == 0 ? 0 : ClassCount / n,
                UniqueRecords / n,
                atRisk / n,
                SmallestClass,
                SmallestClassFirstRecord);
        }
    }

    /// <summary>The outcome of a k-anonymity check.</summary>
    public sealed class KAnonymityResult
    {
        internal KAnonymityResult(int k, int records, int classes, int smallest, string smallestClass, int firstRecord, int classesBelow, int recordsBelow)
        {
            K = k;
            Records = records;
            Classes = classes;
            SmallestClassSize = smallest;
            SmallestClass = smallestClass;
            SmallestClassFirstRecord = firstRecord;
            ClassesBelowK = classesBelow;
            RecordsBelowK = recordsBelow;
        }

        /// <summary>The k checked.</summary>
        public int K { get; }

        /// <summary>Records grouped.</summary>
        public int Records { get; }

        /// <summary>Classes found.</summary>
        public int Classes { get; }

        /// <summary>Size of the smallest class.</summary>
        public int SmallestClassSize { get; }

        /// <summary>The smallest class written out.</summary>
        public string SmallestClass { get; }

        /// <summary>Index of the first record of the smallest class.</summary>
        public int SmallestClassFirstRecord { get; }

        /// <summary>Classes with fewer than k records.</summary>
        public int ClassesBelowK { get; }

        /// <summary>Records in those classes.</summary>
        public int RecordsBelowK { get; }

        /// <summary>Whether every class has at least k records.</summary>
        public bool Passed => Records == 0 || SmallestClassSize >= K;

        /// <summary>For example <c>class {region=K1A, day=2026-11-02} has 3 records &lt; k=11 (…)</c>.</summary>
        /// <returns>The verdict in words.</returns>
        public override string ToString() => Passed
            ? $"k-anonymous: smallest class {SmallestClass} has {SmallestClassSize} records >= k={K} ({Classes:N0} classes)"
            : $"class {SmallestClass} has {SmallestClassSize} record{(SmallestClassSize == 1 ? "" : "s")} < k={K} " +
              $"({ClassesBelowK:N0} of {Classes:N0} classes, {RecordsBelowK:N0} of {Records:N0} records, are below k)";
    }

    /// <summary>Prosecutor re-identification risk of a minimized population.</summary>
    public sealed class RiskResult
    {
        internal RiskResult(double highest, double average, double unique, double atRisk, string smallestClass, int firstRecord)
        {
            Highest = highest;
            Average = average;
            UniqueShare = unique;
            RecordsAtRisk = atRisk;
            SmallestClass = smallestClass;
            SmallestClassFirstRecord = firstRecord;
        }

        /// <summary>1 / size of the smallest class.</summary>
        public double Highest { get; }

        /// <summary>Classes / records: the mean of 1/f over records.</summary>
        public double Average { get; }

        /// <summary>Share of records alone in their class.</summary>
        public double UniqueShare { get; }

        /// <summary>Share of records whose risk 1/f exceeds the threshold given.</summary>
        public double RecordsAtRisk { get; }

        /// <summary>The smallest class written out.</summary>
        public string SmallestClass { get; }

        /// <summary>Index of the first record of the smallest class.</summary>
        public int SmallestClassFirstRecord { get; }

        /// <inheritdoc/>
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "highest risk {0:0.####} (class {1}), average risk {2:0.####}, unique records {3:P2}, records at risk {4:P2}",
            Highest, SmallestClass, Average, UniqueShare, RecordsAtRisk);
    }

    /// <summary>The outcome of an entropy l-diversity check.</summary>
    public sealed class LDiversityResult
    {
        internal LDiversityResult(double l, double worst, string worstClass, int size, int distinct, int failing, string attribute)
        {
            L = l;
            LowestEffectiveL = worst;
            WorstClass = worstClass;
            WorstClassSize = size;
            WorstClassDistinctValues = distinct;
            FailingClasses = failing;
            Attribute = attribute;
        }

        /// <summary>The l required.</summary>
        public double L { get; }

        /// <summary>The lowest exp(entropy) of the sensitive attribute within a class.</summary>
        public double LowestEffectiveL { get; }

        /// <summary>The least diverse class.</summary>
        public string WorstClass { get; }

        /// <summary>Its size.</summary>
        public int WorstClassSize { get; }

        /// <summary>Distinct sensitive values in it.</summary>
        public int WorstClassDistinctValues { get; }

        /// <summary>Classes below l.</summary>
        public int FailingClasses { get; }

        /// <summary>The sensitive attribute's name.</summary>
        public string Attribute { get; }

        /// <summary>Whether every class reaches l.</summary>
        public bool Passed => LowestEffectiveL >= L - 1e-9;

        /// <inheritdoc/>
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "class {0} ({1} records) has {2} distinct {3} value(s), entropy l = {4:0.##} {5} l={6} ({7} classes below)",
            WorstClass, WorstClassSize, WorstClassDistinctValues, Attribute, LowestEffectiveL, Passed ? ">=" : "<", L, FailingClasses);
    }
}
