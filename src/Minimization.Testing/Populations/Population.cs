using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Minimization.Testing.Populations
{
    /// <summary>Entry point for populations: derive one for a record type whose members carry <see cref="IdentityBearingAttribute"/>.</summary>
    /// <example>
    /// <code>
    /// var people = Population.Of&lt;CallRecord&gt;().Records(50_000).People(8_000).Regions(40, skew: 1.1);
    /// Population&lt;CallRecord&gt; sample = people.Generate(seed: 42);
    /// Arbitrary&lt;Population&lt;CallRecord&gt;&gt; arb = people.ToArbitrary();
    /// </code>
    /// </example>
    public static class Population
    {
        /// <summary>
        /// A builder of populations of <typeparamref name="T"/>. Members marked <c>[IdentityBearing(category)]</c> get
        /// realistic values of their category (a person's own for the first member of a category, a contact's for the next);
        /// members without a category in an identity-bearing type get one guessed from their name; other members get plain values.
        /// </summary>
        /// <typeparam name="T">A class, struct or record with a parameterless constructor or one whose parameters match its members.</typeparam>
        /// <returns>A builder with the defaults: 10,000 records from 2,000 people in 12 Zipf-distributed regions over one week.</returns>
        public static PopulationBuilder<T> Of<T>() => new PopulationBuilder<T>();

        /// <summary>Wraps records you already have (for example a fixture file) as a population; each record is its own subject.</summary>
        /// <typeparam name="T">The record type.</typeparam>
        /// <param name="records">The records.</param>
        /// <returns>A population over a copy of <paramref name="records"/>.</returns>
        public static Population<T> From<T>(IEnumerable<T> records)
        {
            T[] array = records.ToArray();
            return new Population<T>(array, Enumerable.Range(0, array.Length).ToArray(), array.Length, seed: 0, description: "given records");
        }

        /// <summary>
        /// The candidates FsCheck tries when a population fails: first each half, then each quarter removed, then each eighth…
        /// so a failing population of 100,000 records reaches the few records that make the leak in a few dozen evaluations.
        /// </summary>
        /// <typeparam name="T">The record type.</typeparam>
        /// <param name="population">A failing population.</param>
        /// <returns>Smaller populations, largest cuts first.</returns>
        public static IEnumerable<Population<T>> ShrinkByHalves<T>(Population<T> population)
        {
            int n = population.Count;
            if (n <= 1 || !population.Shrinkable)
            {
                yield break;
            }

            for (int parts = 2; parts <= n; parts *= 2)
            {
                // Past 64 pieces the candidates get too many to evaluate whole populations for each; stop there.
                if (parts > 64)
                {
                    yield break;
                }

                for (int part = 0; part < parts; part++)
                {
                    int from = (int)((long)n * part / parts), to = (int)((long)n * (part + 1) / parts);
                    if (to <= from)
                    {
                        continue;
                    }

                    if (parts == 2)
                    {
                        // Halves: keep one half.
                        yield return population.Slice(from, to - from);
                    }
                    else
                    {
                        yield return population.Without(from, to - from);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Declares the size and density of a population of <typeparamref name="T"/>: how many records and people, how people
    /// spread over regions (a few big ones and a long tail), how many towers serve a region, how many outliers live where
    /// almost no one else does, and the time window. k-anonymity and unicity only mean something on populations as large
    /// and dense as the real ones, so declare yours.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <example>
    /// <code>
    /// Population.Of&lt;CallRecord&gt;()
    ///     .Records(100_000).People(20_000)
    ///     .Regions(Distribution.Zipf(60, 1.1)).TowersPerRegion(30)
    ///     .Outliers(0.002)
    ///     .Window(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(7))
    ///     .With(r =&gt; r.CallType, "voice", "sms", "data");
    /// </code>
    /// </example>
    public sealed class PopulationBuilder<T>
    {
        /// <summary>Environment variable that multiplies every declared population size (for example <c>10</c> in a nightly run).</summary>
        public const string ScaleVariable = "MINIMIZATION_TESTING_SCALE";

        private readonly Dictionary<string, object?[]> _pools = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        private IReadOnlyDictionary<string, string>? _categories;
        private int _records = 10_000;
        private int? _people;
        private Distribution _regions = Distribution.Zipf(12, 1.0);
        private int _towersPerRegion = 24;
        private double _outliers = 0.002;
        private double _activitySkew = 0.6;
        private DateTime _start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        private TimeSpan _window = TimeSpan.FromDays(7);

        internal PopulationBuilder()
        {
            RecordShape.For(typeof(T));
        }

        /// <summary>The number of records (default 10,000).</summary>
        /// <param name="count">At least 1.</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> Records(int count)
        {
            _records = Math.Max(1, count);
            return this;
        }

        /// <summary>The number of distinct people (default: records / 5).</summary>
        /// <param name="count">At least 1.</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> People(int count)
        {
            _people = Math.Max(1, count);
            return this;
        }

        /// <summary>How people spread over dense regions (default Zipf(12, s = 1)).</summary>
        /// <param name="distribution">One outcome per region.</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> Regions(Distribution distribution)
        {
            _regions = distribution ?? throw new ArgumentNullException(nameof(distribution));
            return this;
        }

        /// <summary>Zipf-distributed dense regions.</summary>
        /// <param name="count">The number of regions.</param>
        /// <param name="skew">The Zipf exponent (0 = all regions alike).</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> Regions(int count, double skew = 1.0) => Regions(Distribution.Zipf(count, skew));

        /// <summary>Towers in each dense region (default 24; rural regions have 2).</summary>
        /// <param name="count">At least 1.</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> TowersPerRegion(int count)
        {
            _towersPerRegion = Math.Max(1, count);
            return this;
        }

        /// <summary>
        /// The share of people living in rural regions of one or two people (default 0.002). Rural regions have a postal
        /// code whose digit is 0 and a location area code from 90000 up, as a minimizer's published merge table would list them.
        /// </summary>
        /// <param name="share">Between 0 and 1.</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> Outliers(double share)
        {
            _outliers = Math.Clamp(share, 0, 1);
            return this;
        }

        /// <summary>How unevenly records spread over people: the Zipf exponent of activity (default 0.6; 0 = everyone alike).</summary>
        /// <param name="skew">The exponent.</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> ActivitySkew(double skew)
        {
            _activitySkew = Math.Max(0, skew);
            return this;
        }

        /// <summary>The time window of events (default the week from 2026-11-01 UTC).</summary>
        /// <param name="start">The window's start (UTC).</param>
        /// <param name="length">The window's length.</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> Window(DateTime start, TimeSpan length)
        {
            _start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
            _window = length <= TimeSpan.Zero ? TimeSpan.FromHours(1) : length;
            return this;
        }

        /// <summary>Draws a member's values uniformly from <paramref name="values"/> (a sensitive attribute, a call type).</summary>
        /// <typeparam name="TValue">The member's type.</typeparam>
        /// <param name="member">The member, for example <c>r =&gt; r.Diagnosis</c>.</param>
        /// <param name="values">The values to draw from.</param>
        /// <returns>This builder.</returns>
        public PopulationBuilder<T> With<TValue>(System.Linq.Expressions.Expression<Func<T, TValue>> member, params TValue[] values)
        {
            string name = Checks.Selectors.MemberName(member) ?? throw new ArgumentException("Expected a member access such as r => r.Diagnosis.", nameof(member));
            if (values.Length == 0)
            {
                throw new ArgumentException("Give at least one value.", nameof(values));
            }

            _pools[name] = values.Cast<object?>().ToArray();
            return this;
        }

        internal int EffectiveRecords => Scale(_records);

        /// <summary>A copy of this builder whose members take the categories a spec declared (member name to category).</summary>
        internal PopulationBuilder<T> WithCategories(IReadOnlyDictionary<string, string> categories)
        {
            if (categories.Count == 0)
            {
                return this;
            }

            var copy = (PopulationBuilder<T>)MemberwiseClone();
            copy._categories = categories;
            return copy;
        }

        private IReadOnlyList<MemberSlot> Slots(RecordShape shape)
        {
            if (_categories == null || _categories.Count == 0)
            {
                return shape.Members;
            }

            var slots = shape.Members.Select(m => m.WithCategory(_categories.TryGetValue(m.Name, out string? c) ? c : null)).ToList();
            RecordShape.NumberOccurrences(slots);
            return slots;
        }

        private static int Scale(int n)
        {
            string? s = Environment.GetEnvironmentVariable(ScaleVariable);
            return s != null && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f > 0
                ? (int)Math.Max(1, Math.Min(int.MaxValue / 2, n * f))
                : n;
        }

        /// <summary>Generates the population for <paramref name="seed"/>; the same seed always gives the same records.</summary>
        /// <param name="seed">Any integer.</param>
        /// <returns>The population.</returns>
        public Population<T> Generate(int seed)
        {
            var random = new Generators.FastRandom((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);
            int records = Scale(_records);
            int people = Math.Max(1, Math.Min(records, Scale(_people ?? Math.Max(1, _records / 5))));
            PopulationModel model = PopulationModel.Create(random, people, _regions, _towersPerRegion, _outliers);
            RecordShape shape = RecordShape.For(typeof(T));
            IReadOnlyList<MemberSlot> slots = Slots(shape);
            Distribution activity = Distribution.Zipf(people, _activitySkew);
            var output = new T[records];
            var subjects = new int[records];
            var values = new object?[shape.Members.Count];
            var pools = new object?[]?[shape.Members.Count];
            for (int m = 0; m < pools.Length; m++)
            {
                _pools.TryGetValue(shape.Members[m].Name, out pools[m]);
            }

            // Everyone has at least one record when there are enough records; the rest follow the activity skew. Shuffled so
            // that the "everyone once" prefix does not put each person's first record in subject order, before the records
            // are made: each is then made in its place's order and sits in memory next to its neighbours, as the checks read
            // them (a shuffle after making them scatters every read over the heap).
            for (int i = 0; i < records; i++)
            {
                subjects[i] = i < people ? i : activity.Sample(random);
            }

            for (int i = records - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (subjects[i], subjects[j]) = (subjects[j], subjects[i]);
            }

            for (int i = 0; i < records; i++)
            {
                int subject = subjects[i];
                Person person = model.People[subject];
                Region home = model.Regions[person.Region];
                Person contact = model.People[random.Next(people)];
                int tower;
                double u = random.NextDouble();
                if (u < 0.75)
                {
                    tower = random.Pick(person.HomeTowers);
                }
                else if (u < 0.95)
                {
                    tower = home.FirstTower + random.Next(home.TowerCount);
                }
                else
                {
                    tower = random.Next(model.Towers.Length);
                }

                Tower tw = model.Towers[tower];
                var e = new RecordEvent
                {
                    Subject = person,
                    Contact = contact,
                    Time = Generators.IdentitySampler.Timestamp(random, _start, _window),
                    Tower = tower,
                    Lat = tw.Lat + (random.NextDouble() - 0.5) * 0.01,
                    Lon = tw.Lon + (random.NextDouble() - 0.5) * 0.01,
                };
                for (int m = 0; m < values.Length; m++)
                {
                    object?[]? pool = pools[m];
                    values[m] = pool != null ? pool[random.Next(pool.Length)] : ValueFactory.Produce(slots[m], e, model, random, _start, _window);
                }

                output[i] = (T)shape.Create(values);
            }

            string description = $"{records:N0} records of {typeof(T).Name} from {people:N0} people in {_regions.Count} regions ({_regions}), " +
                $"{_towersPerRegion} towers each, {_outliers:P1} outliers, seed {seed}";
            return new Population<T>(output, subjects, people, seed, description);
        }

        /// <summary>An FsCheck generator of populations; FsCheck draws the seed, so its replay seeds reproduce populations.</summary>
        /// <returns>The generator.</returns>
        public Gen<Population<T>> ToGen() => Gen.Choose(0, int.MaxValue).Select(Generate);

        /// <summary>An FsCheck arbitrary of populations that shrinks by halves (<see cref="Population.ShrinkByHalves{T}"/>).</summary>
        /// <returns>The arbitrary.</returns>
        public Arbitrary<Population<T>> ToArbitrary() => Arb.From(ToGen(), Population.ShrinkByHalves);
    }

    /// <summary>
    /// A generated (or given) population: its records, and for each record the index of the person it is about.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <example>
    /// <code>
    /// Population&lt;CallRecord&gt; pop = Population.Of&lt;CallRecord&gt;().Generate(seed: 7);
    /// int people = pop.PeopleCount;
    /// int whose = pop.SubjectOf(0);
    /// </code>
    /// </example>
    public sealed class Population<T> : IReadOnlyList<T>
    {
        private readonly T[] _records;
        private readonly int[] _subjects;
        private readonly string _description;

        internal Population(T[] records, int[] subjects, int people, int seed, string description, bool shrinkable = true)
        {
            _records = records;
            _subjects = subjects;
            PeopleCount = people;
            Seed = seed;
            _description = description;
            Shrinkable = shrinkable;
        }

        /// <summary>The number of records.</summary>
        public int Count => _records.Length;

        /// <summary>The number of distinct people the population was drawn from.</summary>
        public int PeopleCount { get; }

        /// <summary>The seed the population was generated from.</summary>
        public int Seed { get; }

        /// <summary>The records.</summary>
        public IReadOnlyList<T> Records => _records;

        /// <summary>The record at <paramref name="index"/>.</summary>
        /// <param name="index">A record index.</param>
        public T this[int index] => _records[index];

        /// <summary>The person record <paramref name="index"/> is about (an index below <see cref="PeopleCount"/>).</summary>
        /// <param name="index">A record index.</param>
        /// <returns>The subject's index.</returns>
        public int SubjectOf(int index) => _subjects[index];

        internal bool Shrinkable { get; set; }

        /// <summary>Set by a failing evaluation: which checks failed, so shrinking keeps looking for the same leak.</summary>
        internal FindingKind[]? FailedChecks { get; set; }

        /// <summary>Inherited from the parent when shrinking: only these checks are evaluated.</summary>
        internal FindingKind[]? Focus { get; set; }

        internal int Generation { get; set; }

        internal Population<T> Slice(int from, int count)
        {
            var r = new T[count];
            var s = new int[count];
            Array.Copy(_records, from, r, 0, count);
            Array.Copy(_subjects, from, s, 0, count);
            return Child(r, s);
        }

        internal Population<T> Without(int from, int count)
        {
            var r = new T[_records.Length - count];
            var s = new int[r.Length];
            Array.Copy(_records, 0, r, 0, from);
            Array.Copy(_records, from + count, r, from, _records.Length - from - count);
            Array.Copy(_subjects, 0, s, 0, from);
            Array.Copy(_subjects, from + count, s, from, _subjects.Length - from - count);
            return Child(r, s);
        }

        private Population<T> Child(T[] records, int[] subjects)
            => new Population<T>(records, subjects, PeopleCount, Seed, _description, Shrinkable)
            {
                Focus = FailedChecks ?? Focus,
                Generation = Generation + 1,
            };

        /// <inheritdoc/>
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_records).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _records.GetEnumerator();

        /// <summary>A summary FsCheck prints for a failing case; small (shrunk) populations list their records.</summary>
        /// <returns>For example <c>"Population of 3 records (shrunk from: 10,000 records of CallRecord …, seed 42): …"</c>.</returns>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Generation == 0 ? "Population: " : $"Population of {Count:N0} records (shrunk from: ").Append(_description);
            if (Generation > 0)
            {
                sb.Append(')');
            }

            if (Count <= 8)
            {
                foreach (T r in _records)
                {
                    sb.AppendLine().Append("  ").Append(r);
                }
            }

            return sb.ToString();
        }
    }
}
