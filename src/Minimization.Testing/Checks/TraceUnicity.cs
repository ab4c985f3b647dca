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
        internal TraceUnicityResult(int subjects, int sampled, int singledOut, int points, int exampleRecord, string example)
        {
            Subjects = subjects;
            Sampled = sampled;
            SingledOut = singledOut;
            Points = points;
            ExampleRecord = exampleRecord;
            Example = example;
        }

        /// <summary>Distinct subjects (pseudonyms) in the output.</summary>
        public int Subjects { get; }

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
            "{0} of {1} sampled subjects ({2:P1}) are singled out by {3} of their own (place, time) points{4}",
            SingledOut, Sampled, Unicity, Points, Example.Length == 0 ? string.Empty : "; e.g. " + Example);
    }

    /// <summary>
    /// Builds, in linear time, each subject's sorted distinct points and each point's subjects, then tests sampled subjects
    /// by intersecting the posting lists of their chosen points, shortest first.
    /// </summary>
    internal static class TraceIndex
    {
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

            return new TraceUnicityResult(subjects, chosen.Length, singled, points, exampleRecord, example);
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
