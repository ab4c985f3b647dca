using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using Minimization.Testing.Generators;

namespace Minimization.Testing.Checks
{
    /// <summary>
    /// What makes an output a trace: the subject an attacker can follow (a pseudonym), and the place and time of each
    /// record. Trace unicity asks how many subjects a handful of their own (place, time) points single out.
    /// </summary>
    /// <typeparam name="T">The output record type.</typeparam>
    /// <example>
    /// <code>
    /// var traces = TraceModel&lt;SharedCall&gt;.Of(s =&gt; s.CallerToken, s =&gt; s.Region, s =&gt; s.Hour);
    /// TraceUnicityResult u = PopulationChecks.TraceUnicity(outputs, traces, points: 4);
    /// </code>
    /// </example>
    public sealed class TraceModel<T>
    {
        private TraceModel(Column<T> subject, Column<T> place, Column<T> time)
        {
            Subject = subject;
            Place = place;
            Time = time;
        }

        internal Column<T> Subject { get; }

        internal Column<T> Place { get; }

        internal Column<T> Time { get; }

        /// <summary>Declares a trace model.</summary>
        /// <param name="subject">The pseudonym that links a subject's records, for example <c>s =&gt; s.CallerToken</c>.</param>
        /// <param name="place">The place, for example <c>s =&gt; s.TowerId</c> or <c>s =&gt; s.Region</c>.</param>
        /// <param name="time">The time, for example <c>s =&gt; s.Hour</c>.</param>
        /// <returns>The compiled model.</returns>
        public static TraceModel<T> Of(Expression<Func<T, object?>> subject, Expression<Func<T, object?>> place, Expression<Func<T, object?>> time)
            => new TraceModel<T>(Selectors.Compile(subject, 0), Selectors.Compile(place, 1), Selectors.Compile(time, 2));
    }

    /// <summary>The outcome of a trace-unicity check.</summary>
    public sealed class TraceUnicityResult
    {
        internal TraceUnicityResult(int subjects, int sampled, int singledOut, int points, int exampleRecord, string example, int fewerPoints = 0, IReadOnlyList<int>? exampleRecords = null)
        {
            SubjectsWithFewerPoints = fewerPoints;
            ExampleRecords = exampleRecords ?? Array.Empty<int>();
            Subjects = subjects;
            Sampled = sampled;
            SingledOut = singledOut;
            Points = points;
            ExampleRecord = exampleRecord;
            Example = example;
        }

        /// <summary>Distinct subjects (pseudonyms) in the output.</summary>
        public int Subjects { get; }

        /// <summary>
        /// Tested subjects with fewer distinct (place, time) points than <see cref="Points"/>: the attacker was given all of
        /// theirs, and the result says so rather than claiming more points than were used.
        /// </summary>
        public int SubjectsWithFewerPoints { get; }

        /// <summary>The records of the example subject's chosen points.</summary>
        internal IReadOnlyList<int> ExampleRecords { get; }

        /// <summary>Subjects tested.</summary>
        public int Sampled { get; }

        /// <summary>Tested subjects singled out by their points.</summary>
        public int SingledOut { get; }

        /// <summary>Points known to the attacker.</summary>
        public int Points { get; }

        /// <summary>Share of tested subjects singled out.</summary>
        public double Unicity => Sampled == 0 ? 0 : (double)SingledOut / Sampled;

        /// <summary>Index of a record of the first subject singled out (−1 if none).</summary>
        public int ExampleRecord { get; }

        /// <summary>That subject's points written out, or empty.</summary>
        public string Example { get; }

        /// <inheritdoc/>
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0} of {1} ({2:P1}) {3} singled out by {4} of their own (place, time) points{5}{6}",
            SingledOut.ToString("N0", CultureInfo.InvariantCulture), Checks.Text.Count(Sampled, "sampled subject"), Unicity, SingledOut == 1 ? "is" : "are",
            Points,
            SubjectsWithFewerPoints == 0 ? string.Empty : string.Format(
                CultureInfo.InvariantCulture, " ({0} fewer than {1} points and {2} tested with all of {3})",
                Checks.Text.Count(SubjectsWithFewerPoints, "subject has", "subjects have"), Points,
                SubjectsWithFewerPoints == 1 ? "was" : "were", SubjectsWithFewerPoints == 1 ? "its own" : "theirs"),
            Example.Length == 0 ? string.Empty : "; e.g. " + Example);
    }

    /// <summary>
    /// Builds, in linear time, each subject's sorted distinct points and each point's subjects, then tests sampled subjects
    /// by intersecting the posting lists of their chosen points, shortest first.
    /// </summary>
    internal static class TraceIndex
    {
        /// <summary>
        /// Trace unicity per true subject: for each sampled subject (an index per record, the person the input was about),
        /// exactly min(points, distinct points) of the subject's own output points are chosen; the subject is singled out when
        /// exactly one trace (pseudonym) holds all of them and that trace carries records of the subject.
        /// </summary>
        public static TraceUnicityResult UnicityBySubject<T>(IReadOnlyList<T> records, IReadOnlyList<int> trueSubjects, TraceModel<T> model, int points, int sampleSubjects, int seed)
        {
            int n = records.Count;
            var traceIds = new Dictionary<ulong, int>();
            var traceOf = new int[n];
            var pointOf = new ulong[n];
            int subjects = 0;
            for (int i = 0; i < n; i++)
            {
                T r = records[i];
                ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(traceIds, model.Subject.Hash(r), out bool exists);
                if (!exists)
                {
                    id = traceIds.Count - 1;
                }

                traceOf[i] = id;
                pointOf[i] = KeyHash.Combine(model.Place.Hash(r), model.Time.Hash(r));
                subjects = Math.Max(subjects, trueSubjects[i] + 1);
            }

            // Traces (pseudonyms): sorted distinct points, and each point's traces.
            var (tStart, tLen, tPts, _) = Group(traceOf, traceIds.Count, pointOf);
            var postingCount = new Dictionary<ulong, int>();
            for (int t = 0; t < traceIds.Count; t++)
            {
                for (int j = tStart[t]; j < tStart[t] + tLen[t]; j++)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(postingCount, tPts[j], out _)++;
                }
            }

            var postingStart = new Dictionary<ulong, int>(postingCount.Count);
            int total = 0;
            foreach (var kv in postingCount)
            {
                postingStart[kv.Key] = total;
                total += kv.Value;
            }

            var postings = new int[total];
            var postingFill = new Dictionary<ulong, int>(postingStart);
            for (int t = 0; t < traceIds.Count; t++)
            {
                for (int j = tStart[t]; j < tStart[t] + tLen[t]; j++)
                {
                    postings[CollectionsMarshal.GetValueRefOrNullRef(postingFill, tPts[j])++] = t;
                }
            }

            // True subjects: their distinct points, with a record holding each.
            var subjectOf = new int[n];
            for (int i = 0; i < n; i++)
            {
                subjectOf[i] = trueSubjects[i];
            }

            var (sStart, sLen, sPts, sRec) = Group(subjectOf, subjects, pointOf);
            var present = new List<int>();
            for (int s = 0; s < subjects; s++)
            {
                if (sLen[s] > 0)
                {
                    present.Add(s);
                }
            }

            var random = new FastRandom((ulong)(uint)seed * 0xD1B54A32D192ED03UL + 17);
            int[] chosenIdx = ChooseSubjects(present.Count, Math.Min(sampleSubjects, present.Count), random);
            int singled = 0, fewer = 0, exampleRecord = -1;
            string example = string.Empty;
            int[] exampleRecords = Array.Empty<int>();
            var picked = new ulong[Math.Max(1, points)];
            var pickedRecords = new int[picked.Length];
            foreach (int ci in chosenIdx)
            {
                int s = present[ci];
                int from = sStart[s], len = sLen[s], m = Math.Min(points, len);
                if (len < points)
                {
                    fewer++;
                }

                var idx = new int[len];
                for (int j = 0; j < len; j++)
                {
                    idx[j] = j;
                }

                for (int j = 0; j < m; j++)
                {
                    int k = j + random.Next(len - j);
                    (idx[j], idx[k]) = (idx[k], idx[j]);
                    picked[j] = sPts[from + idx[j]];
                    pickedRecords[j] = sRec[from + idx[j]];
                }

                int shortest = 0, shortestLen = int.MaxValue;
                for (int j = 0; j < m; j++)
                {
                    int l = postingCount[picked[j]];
                    if (l < shortestLen)
                    {
                        shortestLen = l;
                        shortest = j;
                    }
                }

                int matches = 0, match = -1, ps = postingStart[picked[shortest]];
                for (int c = ps; c < ps + shortestLen && matches < 2; c++)
                {
                    int candidate = postings[c];
                    bool all = true;
                    for (int j = 0; j < m && all; j++)
                    {
                        if (j != shortest)
                        {
                            all = Array.BinarySearch(tPts, tStart[candidate], tLen[candidate], picked[j]) >= 0;
                        }
                    }

                    if (all)
                    {
                        matches++;
                        match = candidate;
                    }
                }

                bool theirs = false;
                for (int j = 0; j < m && matches == 1 && !theirs; j++)
                {
                    theirs = traceOf[pickedRecords[j]] == match;
                }

                if (matches == 1 && theirs)
                {
                    singled++;
                    if (exampleRecord < 0)
                    {
                        exampleRecord = pickedRecords[0];
                        exampleRecords = pickedRecords.AsSpan(0, m).ToArray();
                        var parts = new List<string>();
                        for (int j = 0; j < m; j++)
                        {
                            T r = records[pickedRecords[j]];
                            parts.Add("(" + model.Place.Display(r) + ", " + model.Time.Display(r) + ")");
                        }

                        example = $"the subject of record #{exampleRecord} is the only one whose trace ({model.Subject.Name} " +
                            $"{Shorten(model.Subject.Display(records[pickedRecords[0]]))}) holds {Text.Count(m, "point")}: {string.Join(", ", parts)}";
                    }
                }
            }

            return new TraceUnicityResult(present.Count, chosenIdx.Length, singled, points, exampleRecord, example, fewer, exampleRecords);
        }

        /// <summary>Counting sort of records by group, then each group's points sorted and de-duplicated (with one record per point).</summary>
        private static (int[] Start, int[] Len, ulong[] Points, int[] Records) Group(int[] groupOf, int groups, ulong[] pointOf)
        {
            int n = groupOf.Length;
            var start = new int[groups + 1];
            foreach (int g in groupOf)
            {
                start[g + 1]++;
            }

            for (int g = 0; g < groups; g++)
            {
                start[g + 1] += start[g];
            }

            var fill = (int[])start.Clone();
            var pts = new ulong[n];
            var rec = new int[n];
            for (int i = 0; i < n; i++)
            {
                int at = fill[groupOf[i]]++;
                pts[at] = pointOf[i];
                rec[at] = i;
            }

            var len = new int[groups];
            for (int g = 0; g < groups; g++)
            {
                int from = start[g], count = start[g + 1] - from;
                Array.Sort(pts, rec, from, count);
                int w = from;
                for (int j = from; j < from + count; j++)
                {
                    if (j == from || pts[j] != pts[w - 1])
                    {
                        pts[w] = pts[j];
                        rec[w] = rec[j];
                        w++;
                    }
                }

                len[g] = w - from;
            }

            return (start, len, pts, rec);
        }

        public static TraceUnicityResult Unicity<T>(IReadOnlyList<T> records, TraceModel<T> model, int points, int sampleSubjects, int seed)
        {
            int n = records.Count;
            var subjectIds = new Dictionary<ulong, int>();
            var subjectOf = new int[n];
            var pointOf = new ulong[n];
            var firstRecord = new List<int>();
            for (int i = 0; i < n; i++)
            {
                T r = records[i];
                ulong s = model.Subject.Hash(r);
                ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(subjectIds, s, out bool exists);
                if (!exists)
                {
                    id = subjectIds.Count - 1;
                    firstRecord.Add(i);
                }

                subjectOf[i] = id;
                pointOf[i] = KeyHash.Combine(model.Place.Hash(r), model.Time.Hash(r));
            }

            int subjects = subjectIds.Count;

            // Counting sort of records by subject, then sort and de-duplicate each subject's few points in place.
            var start = new int[subjects + 1];
            foreach (int s in subjectOf)
            {
                start[s + 1]++;
            }

            for (int s = 0; s < subjects; s++)
            {
                start[s + 1] += start[s];
            }

            var fill = (int[])start.Clone();
            var pts = new ulong[n];
            var ptRecord = new int[n];
            for (int i = 0; i < n; i++)
            {
                int at = fill[subjectOf[i]]++;
                pts[at] = pointOf[i];
                ptRecord[at] = i;
            }

            var len = new int[subjects];
            for (int s = 0; s < subjects; s++)
            {
                int from = start[s], count = start[s + 1] - from;
                Array.Sort(pts, ptRecord, from, count);
                int w = from;
                for (int j = from; j < from + count; j++)
                {
                    if (j == from || pts[j] != pts[w - 1])
                    {
                        pts[w] = pts[j];
                        ptRecord[w] = ptRecord[j];
                        w++;
                    }
                }

                len[s] = w - from;
            }

            // Posting lists: point -> subjects holding it, in subject order.
            var postingCount = new Dictionary<ulong, int>();
            for (int s = 0; s < subjects; s++)
            {
                for (int j = start[s]; j < start[s] + len[s]; j++)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(postingCount, pts[j], out _)++;
                }
            }

            var postingStart = new Dictionary<ulong, int>(postingCount.Count);
            int total = 0;
            foreach (var kv in postingCount)
            {
                postingStart[kv.Key] = total;
                total += kv.Value;
            }

            var postings = new int[total];
            var postingFill = new Dictionary<ulong, int>(postingStart);
            for (int s = 0; s < subjects; s++)
            {
                for (int j = start[s]; j < start[s] + len[s]; j++)
                {
                    postings[CollectionsMarshal.GetValueRefOrNullRef(postingFill, pts[j])++] = s;
                }
            }

            var random = new FastRandom((ulong)(uint)seed * 0xD1B54A32D192ED03UL + 17);
            int sampled = Math.Min(sampleSubjects, subjects);
            int[] chosen = ChooseSubjects(subjects, sampled, random);
            int singled = 0, exampleRecord = -1;
            string example = string.Empty;
            var picked = new ulong[Math.Max(1, points)];
            var pickedRecords = new int[picked.Length];
            foreach (int s in chosen)
            {
                int from = start[s], m = Math.Min(points, len[s]);
                if (m == 0)
                {
                    continue;
                }

                // A partial Fisher-Yates over the subject's distinct points picks m of them without repeats.
                var idx = new int[len[s]];
                for (int j = 0; j < idx.Length; j++)
                {
                    idx[j] = j;
                }

                for (int j = 0; j < m; j++)
                {
                    int k = j + random.Next(idx.Length - j);
                    (idx[j], idx[k]) = (idx[k], idx[j]);
                    picked[j] = pts[from + idx[j]];
                    pickedRecords[j] = ptRecord[from + idx[j]];
                }

                int shortest = 0, shortestLen = int.MaxValue;
                for (int j = 0; j < m; j++)
                {
                    int l = postingCount[picked[j]];
                    if (l < shortestLen)
                    {
                        shortestLen = l;
                        shortest = j;
                    }
                }

                int matches = 0, ps = postingStart[picked[shortest]];
                for (int c = ps; c < ps + shortestLen && matches < 2; c++)
                {
                    int candidate = postings[c];
                    bool all = true;
                    for (int j = 0; j < m && all; j++)
                    {
                        if (j != shortest)
                        {
                            all = Array.BinarySearch(pts, start[candidate], len[candidate], picked[j]) >= 0;
                        }
                    }

                    if (all)
                    {
                        matches++;
                    }
                }

                if (matches == 1)
                {
                    singled++;
                    if (exampleRecord < 0)
                    {
                        exampleRecord = pickedRecords[0];
                        var parts = new List<string>();
                        for (int j = 0; j < m; j++)
                        {
                            T r = records[pickedRecords[j]];
                            parts.Add("(" + model.Place.Display(r) + ", " + model.Time.Display(r) + ")");
                        }

                        example = model.Subject.Name + " " + Shorten(model.Subject.Display(records[pickedRecords[0]])) + " is the only subject at " + string.Join(", ", parts);
                    }
                }
            }

            int fewerPoints = 0;
            foreach (int s in chosen)
            {
                if (len[s] < points)
                {
                    fewerPoints++;
                }
            }

            return new TraceUnicityResult(subjects, chosen.Length, singled, points, exampleRecord, example, fewerPoints);
        }

        private static string Shorten(string s) => s.Length > 16 ? s.Substring(0, 12) + "…" : s;

        private static int[] ChooseSubjects(int subjects, int count, FastRandom random)
        {
            if (count >= subjects)
            {
                var all = new int[subjects];
                for (int i = 0; i < subjects; i++)
                {
                    all[i] = i;
                }

                return all;
            }

            var chosen = new HashSet<int>();
            while (chosen.Count < count)
            {
                chosen.Add(random.Next(subjects));
            }

            var result = new int[count];
            chosen.CopyTo(result);
            Array.Sort(result);
            return result;
        }
    }
}
