using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;
using Minimization.Testing.Checks;
using Minimization.Testing.Populations;

namespace Minimization.Testing
{
    /// <summary>Entry point: describe a minimizer and what it must guarantee, then turn that into an FsCheck property.</summary>
    /// <example>
    /// <code>
    /// [Fact]
    /// public void Shared_calls_do_not_reidentify_callers() =&gt;
    ///     MinimizerSpec.For&lt;CallRecord, SharedCall&gt;((r, ctx) =&gt; r.Minimize(ctx))
    ///         .QuasiIdentifiers(s =&gt; s.Region, s =&gt; s.Day)
    ///         .KAnonymous(11)
    ///         .ResistsEnumeration()
    ///         .UnlinkableAcross("UK", "US")
    ///         .Check();
    /// </code>
    /// </example>
    public static class MinimizerSpec
    {
        /// <summary>Environment variable overriding the number of populations per property (<see cref="MinimizerSpec{TIn, TOut}.Runs"/>).</summary>
        public const string RunsVariable = "MINIMIZATION_TESTING_RUNS";

        /// <summary>Environment variable fixing the FsCheck seed of every spec that has none (an integer), to replay a CI failure.</summary>
        public const string SeedVariable = "MINIMIZATION_TESTING_SEED";

        /// <summary>A spec for a minimizer that needs its partner and keys.</summary>
        /// <typeparam name="TIn">The identity-bearing input record.</typeparam>
        /// <typeparam name="TOut">What is shared with the partner.</typeparam>
        /// <param name="minimize">The minimizer; take every secret from the <see cref="MinimizerContext"/>.</param>
        /// <returns>The spec, with the survival check on and nothing else yet.</returns>
        public static MinimizerSpec<TIn, TOut> For<TIn, TOut>(Func<TIn, MinimizerContext, TOut> minimize) => new MinimizerSpec<TIn, TOut>(minimize);

        /// <summary>A spec for a minimizer without keys or partners (an attacker can run it exactly as you do).</summary>
        /// <typeparam name="TIn">The identity-bearing input record.</typeparam>
        /// <typeparam name="TOut">What is shared with the partner.</typeparam>
        /// <param name="minimize">The minimizer.</param>
        /// <returns>The spec, with the survival check on and nothing else yet.</returns>
        public static MinimizerSpec<TIn, TOut> For<TIn, TOut>(Func<TIn, TOut> minimize)
        {
            if (minimize == null)
            {
                throw new ArgumentNullException(nameof(minimize));
            }

            return new MinimizerSpec<TIn, TOut>((r, _) => minimize(r));
        }
    }

    /// <summary>
    /// A minimizer under test and the guarantees it must keep. Every check runs on whole populations: each FsCheck case
    /// is a population of thousands of records, so a property runs few cases (<see cref="Runs"/>, default 3).
    /// </summary>
    /// <typeparam name="TIn">The identity-bearing input record.</typeparam>
    /// <typeparam name="TOut">What is shared with the partner.</typeparam>
    /// <example>
    /// <code>
    /// [Property(MaxTest = 3)]
    /// public Property Shared_calls_are_safe() =&gt; Spec.ToProperty();
    ///
    /// static readonly MinimizerSpec&lt;CallRecord, SharedCall&gt; Spec =
    ///     MinimizerSpec.For&lt;CallRecord, SharedCall&gt;((r, ctx) =&gt; r.Minimize(ctx))
    ///         .Population(p =&gt; p.Records(50_000).People(10_000).Regions(30))
    ///         .QuasiIdentifiers(s =&gt; s.Region, s =&gt; s.Day)
    ///         .Traces(s =&gt; s.Token, s =&gt; s.Region, s =&gt; s.Day)
    ///         .ResistsEnumeration()
    ///         .UnlinkableAcross("UK", "US");
    /// </code>
    /// </example>
    public sealed class MinimizerSpec<TIn, TOut>
    {
        private static readonly HashSet<string> NonIdentifierCategories = new HashSet<string>(StringComparer.Ordinal)
        {
            IdentityCategory.Timestamp, IdentityCategory.Geo, IdentityCategory.CellTower,
        };

        // Every field is set only on a fresh copy (see With): a spec is a value, and a static readonly one shared by tests never changes.
        private Func<TIn, MinimizerContext, TOut> _minimize;
        private Func<PopulationBuilder<TIn>>? _builder;
        private Arbitrary<Population<TIn>>? _arbitrary;
        private (string Member, string Category)[]? _identifiers;
        private Dictionary<string, string> _declaredCategories = new Dictionary<string, string>(StringComparer.Ordinal);
        private Dictionary<string, Func<object, IEnumerable<object>>> _candidateGenerators = new Dictionary<string, Func<object, IEnumerable<object>>>(StringComparer.Ordinal);
        private Func<TIn, object?>? _subjectBy;
        private string? _subjectName;
        private string? _subjectPath;
        private QuasiIdentifiers<TOut>? _qis;
        private int _k = 11;
        private Column<TOut>? _sensitive;
        private double _l = 2;
        private double? _maxHighestRisk;
        private double _maxAverageRisk = 0.05;
        private double _maxUniqueShare = 0.05;
        private bool _riskOn = true;
        private TraceModel<TOut>? _traces;
        private double _maxUnicity = TraceDefaults.MaxUnicity;
        private int _tracePoints = TraceDefaults.Points;
        private int _enumerationSamples;
        private string[] _partners = Array.Empty<string>();
        private string? _primaryPartner;
        private string? _joinablePartner;
        private Column<TOut>[]? _tokens;
        private bool _survival = true;
        private bool _partial = true;
        private int _runs = 3;
        private int? _seed;

        internal MinimizerSpec(Func<TIn, MinimizerContext, TOut> minimize)
        {
            _minimize = minimize ?? throw new ArgumentNullException(nameof(minimize));
        }

        private string Partner => _primaryPartner ?? (_partners.Length > 0 ? _partners[0] : _joinablePartner ?? "partner");

        private MinimizerSpec<TIn, TOut> With(Action<MinimizerSpec<TIn, TOut>> change)
        {
            var copy = (MinimizerSpec<TIn, TOut>)MemberwiseClone();
            change(copy);
            return copy;
        }

        /// <summary>The populations to test on (default <see cref="Populations.Population.Of{T}"/>: 10,000 records from 2,000 people).</summary>
        /// <param name="configure">Declares size and density, for example <c>p =&gt; p.Records(100_000).People(20_000)</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Population(Func<PopulationBuilder<TIn>, PopulationBuilder<TIn>> configure)
        {
            if (configure == null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            return With(s =>
            {
                s._builder = () => configure(Populations.Population.Of<TIn>());
                s._arbitrary = null;
            });
        }

        /// <summary>The populations to test on, from a builder.</summary>
        /// <param name="builder">A population builder.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Population(PopulationBuilder<TIn> builder)
        {
            if (builder == null)
            {
                throw new ArgumentNullException(nameof(builder));
            }

            return With(s =>
            {
                s._builder = () => builder;
                s._arbitrary = null;
            });
        }

        /// <summary>The populations to test on, from your own FsCheck arbitrary (shrink with <see cref="Populations.Population.ShrinkByHalves{T}"/>).</summary>
        /// <param name="arbitrary">An arbitrary of populations.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Population(Arbitrary<Population<TIn>> arbitrary)
            => With(s => s._arbitrary = arbitrary ?? throw new ArgumentNullException(nameof(arbitrary)));

        /// <summary>
        /// The input members whose values must not survive (default: every <c>[IdentityBearing]</c> member except
        /// timestamps, positions and towers, which are quasi-identifiers). Each member's category comes from its attribute,
        /// or else is guessed from its name, and the guess is reported (<see cref="HarnessReport.CategoryGuesses"/>):
        /// prefer <see cref="Identifiers(string, Expression{Func{TIn, object}}[])"/>.
        /// </summary>
        /// <param name="members">Members of <typeparamref name="TIn"/>, for example <c>r =&gt; r.CallerNumber</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Identifiers(params Expression<Func<TIn, object?>>[] members)
        {
            string[] names = MemberNames(members, nameof(members));
            return With(s => s._identifiers = names.Select(n => (n, (string)null!)).ToArray());
        }

        /// <summary>
        /// Input members that identify people, with their category given explicitly (an attribute or a name guess is not
        /// needed). The category decides the forms searched in the output, the parts that single people out, the candidates
        /// an enumeration runs and the values populations generate for the member.
        /// </summary>
        /// <param name="category">An <see cref="IdentityCategory"/> name (<c>IdentityCategory.Email</c>) or one of your own (register its candidates with <see cref="Candidates"/>).</param>
        /// <param name="members">Members of <typeparamref name="TIn"/>, for example <c>r =&gt; r.Msisdn</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Identifiers(string category, params Expression<Func<TIn, object?>>[] members)
        {
            string c = Category(category);
            string[] names = MemberNames(members, nameof(members));
            return With(s =>
            {
                var list = (s._identifiers ?? Array.Empty<(string, string)>()).Where(x => !names.Contains(x.Member)).ToList();
                list.AddRange(names.Select(n => (n, c)));
                s._identifiers = list.ToArray();
                s._declaredCategories = new Dictionary<string, string>(s._declaredCategories, StringComparer.Ordinal);
                foreach (string n in names)
                {
                    s._declaredCategories[n] = c;
                }
            });
        }

        /// <summary>
        /// Input members that are quasi-identifiers (a timestamp, a tower, a position), with their category given explicitly:
        /// populations generate realistic values for them, and they are never searched for as identifiers.
        /// </summary>
        /// <param name="category">For example <c>IdentityCategory.Timestamp</c> or <c>IdentityCategory.CellTower</c>.</param>
        /// <param name="members">Members of <typeparamref name="TIn"/>, for example <c>r =&gt; r.StartedAt</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> InputQuasiIdentifiers(string category, params Expression<Func<TIn, object?>>[] members)
        {
            string c = Category(category);
            string[] names = MemberNames(members, nameof(members));
            return With(s =>
            {
                s._declaredCategories = new Dictionary<string, string>(s._declaredCategories, StringComparer.Ordinal);
                foreach (string n in names)
                {
                    s._declaredCategories[n] = c;
                }

                if (s._identifiers != null)
                {
                    s._identifiers = s._identifiers.Where(x => !names.Contains(x.Member)).ToArray();
                }
            });
        }

        /// <summary>
        /// Registers the candidates an attacker enumerates for identifiers of <paramref name="category"/> (your own category,
        /// or a well-known one whose built-in neighbourhood you want to replace). The generator receives the true value and
        /// returns candidates of the same type; the true value is added when missing. Registering a generator turns the
        /// enumeration check on (5 people attacked per population) when <see cref="ResistsEnumeration"/> has not.
        /// </summary>
        /// <param name="category">The category, for example <c>"loyalty-card"</c>.</param>
        /// <param name="candidates">For example <c>v =&gt; Enumerable.Range(0, 1000).Select(i =&gt; (object)("LC" + i.ToString("D6")))</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Candidates(string category, Func<object, IEnumerable<object>> candidates)
        {
            string c = Category(category);
            if (candidates == null)
            {
                throw new ArgumentNullException(nameof(candidates));
            }

            return With(s =>
            {
                s._candidateGenerators = new Dictionary<string, Func<object, IEnumerable<object>>>(s._candidateGenerators, StringComparer.Ordinal) { [c] = candidates };
                if (s._enumerationSamples == 0)
                {
                    s._enumerationSamples = 5;
                }
            });
        }

        /// <summary>
        /// The true subject of an input record (the person it is about, for example <c>r =&gt; r.Subscriber</c>). Trace unicity
        /// and linkability are computed per true subject, never per pseudonym in the output; without it the population's own
        /// subjects are used (each given record is its own subject).
        /// </summary>
        /// <param name="subject">For example <c>r =&gt; r.SubscriberId</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> SubjectBy(Expression<Func<TIn, object?>> subject)
        {
            if (subject == null)
            {
                throw new ArgumentNullException(nameof(subject));
            }

            Func<TIn, object?> compiled = subject.Compile();
            string? path = Selectors.MemberPath(subject);
            string name = typeof(TIn).Name + "." + (path ?? Selectors.MemberName(subject) ?? "subject");
            return With(s =>
            {
                s._subjectBy = compiled;
                s._subjectName = name;
                s._subjectPath = path;
            });
        }

        /// <summary>Turns the survival check off (for a spec that only measures risk on an output known to hold no identifiers).</summary>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> WithoutSurvivalCheck() => With(s => s._survival = false);

        /// <summary>Turns the partial-identifier check off (the output may keep parts of identifiers that single people out).</summary>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> WithoutPartialIdentifierCheck() => With(s => s._partial = false);

        /// <summary>
        /// The output's quasi-identifiers. Declaring them turns on k-anonymity (k = 11 unless <see cref="KAnonymous"/> says
        /// otherwise) and the prosecutor risk checks (<see cref="Risk"/>).
        /// </summary>
        /// <param name="selectors">For example <c>s =&gt; s.Region, s =&gt; s.Day</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> QuasiIdentifiers(params Expression<Func<TOut, object?>>[] selectors)
        {
            QuasiIdentifiers<TOut> qis = QuasiIdentifiers<TOut>.Of(selectors);
            return With(s => s._qis = qis);
        }

        /// <summary>Every class of the quasi-identifiers must hold at least <paramref name="k"/> records (default 11, the small-cell rule for partner releases).</summary>
        /// <param name="k">The minimum class size.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> KAnonymous(int k = 11) => With(s => s._k = Math.Max(1, k));

        /// <summary>Entropy l-diversity of a sensitive attribute within every class of the quasi-identifiers.</summary>
        /// <param name="sensitive">The sensitive attribute, for example <c>s =&gt; s.Diagnosis</c>.</param>
        /// <param name="l">The required diversity (default 2).</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> LDiverse(Expression<Func<TOut, object?>> sensitive, double l = 2)
        {
            Column<TOut> column = Selectors.Compile(sensitive, 0);
            return With(s =>
            {
                s._sensitive = column;
                s._l = l;
            });
        }

        /// <summary>
        /// Prosecutor risk thresholds over the classes of the quasi-identifiers: highest risk 1 / smallest class (default 1/k,
        /// so it agrees with k-anonymity), average risk classes / records (default 0.05) and share of unique records (default 0.05).
        /// </summary>
        /// <param name="highest">The highest risk allowed, or <see langword="null"/> for 1/k.</param>
        /// <param name="average">The average risk allowed.</param>
        /// <param name="unique">The share of records alone in their class allowed.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Risk(double? highest = null, double average = 0.05, double unique = 0.05) => With(s =>
        {
            s._riskOn = true;
            s._maxHighestRisk = highest;
            s._maxAverageRisk = average;
            s._maxUniqueShare = unique;
        });

        /// <summary>Turns the prosecutor risk checks off, keeping k-anonymity.</summary>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> WithoutRiskCheck() => With(s => s._riskOn = false);

        /// <summary>
        /// The output forms traces: records linked by a pseudonym, each with a place and a time. For each sampled true
        /// subject (<see cref="SubjectBy"/>), an attacker who knows exactly <paramref name="points"/> (place, time) points of
        /// the subject's output (all of them for subjects with fewer, which the result counts) looks for the traces holding all of
        /// them; the subject is singled out when exactly one trace does and it is theirs. At most <paramref name="maxUnicity"/>
        /// of subjects may be singled out. Defaults from de Montjoye et al. (2013): 4 points, 5 % (4 points single out 95 %
        /// of people in hourly, antenna-level mobile data).
        /// </summary>
        /// <param name="subject">The pseudonym the output links records by, for example <c>s =&gt; s.Token</c>.</param>
        /// <param name="place">The place, for example <c>s =&gt; s.Region</c>.</param>
        /// <param name="time">The time, for example <c>s =&gt; s.Day</c>.</param>
        /// <param name="maxUnicity">The share allowed (default 0.05).</param>
        /// <param name="points">The points an attacker knows (default 4).</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Traces(
            Expression<Func<TOut, object?>> subject, Expression<Func<TOut, object?>> place, Expression<Func<TOut, object?>> time, double maxUnicity = 0.05, int points = 4)
        {
            TraceModel<TOut> model = TraceModel<TOut>.Of(subject, place, time);
            return With(s =>
            {
                s._traces = model;
                s._maxUnicity = maxUnicity;
                s._tracePoints = Math.Max(1, points);
            });
        }

        /// <summary>
        /// Identifiers of every kind must resist enumeration: an attacker who knows the minimizer's code but not its keys runs
        /// candidates through it and matches outputs; the person must not be narrowed to fewer than k candidates. Candidates:
        /// the exchange of a phone, the neighbours of a SIN, IMEI, IMSI or account number, the /22 of an IPv4 address, the /64
        /// of an IPv6 address with the interface ids seen, the names and e-mail patterns over the names and domains seen,
        /// postal codes, birth dates, and your own categories (<see cref="Candidates"/>); the population's own values too.
        /// An unsalted or publicly salted hash, a truncated hash or a reversible encoding is found this way.
        /// </summary>
        /// <param name="samples">People attacked per population (default 5).</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> ResistsEnumeration(int samples = 5) => With(s => s._enumerationSamples = Math.Max(1, samples));

        /// <summary>One person minimized for each of these partners must get tokens that differ, so the partners cannot join their releases.</summary>
        /// <param name="partners">At least two partner names, for example <c>"UK", "US"</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> UnlinkableAcross(params string[] partners)
        {
            if (partners == null || partners.Distinct(StringComparer.Ordinal).Count() < 2)
            {
                throw new ArgumentException("Name at least two distinct partners.", nameof(partners));
            }

            string[] distinct = partners.Distinct(StringComparer.Ordinal).ToArray();
            return With(s => s._partners = distinct);
        }

        /// <summary>The partner needs to join a person's records: the same record minimized twice for it must give the same output.</summary>
        /// <param name="partner">The partner, for example <c>"UK"</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> JoinableWithin(string partner)
            => With(s => s._joinablePartner = partner ?? throw new ArgumentNullException(nameof(partner)));

        /// <summary>
        /// The output's token columns, for the unlinkability and determinism checks (default: found automatically, as the
        /// output values that change when an input identifier changes).
        /// </summary>
        /// <param name="selectors">For example <c>s =&gt; s.CallerToken</c>.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Tokens(params Expression<Func<TOut, object?>>[] selectors)
        {
            Column<TOut>[] tokens = selectors.Select((c, i) => Selectors.Compile(c, i)).ToArray();
            return With(s => s._tokens = tokens);
        }

        /// <summary>The partner the main run minimizes for (default the first of <see cref="UnlinkableAcross"/>, else <c>"partner"</c>).</summary>
        /// <param name="partner">The partner name.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> ForPartner(string partner)
            => With(s => s._primaryPartner = partner ?? throw new ArgumentNullException(nameof(partner)));

        /// <summary>Populations per property run (default 3; the <c>MINIMIZATION_TESTING_RUNS</c> variable overrides it).</summary>
        /// <param name="runs">At least 1.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Runs(int runs) => With(s => s._runs = Math.Max(1, runs));

        /// <summary>
        /// Fixes the seed of <see cref="Check()"/>, so every run draws the same populations (the <c>MINIMIZATION_TESTING_SEED</c>
        /// variable sets it for specs without one). A failure message names the seed to replay.
        /// </summary>
        /// <param name="seed">Any integer.</param>
        /// <returns>A new spec; this one is unchanged.</returns>
        public MinimizerSpec<TIn, TOut> Seed(int seed) => With(s => s._seed = seed);

        private static string Category(string category)
        {
            if (string.IsNullOrWhiteSpace(category))
            {
                throw new ArgumentException("Name the category, for example IdentityCategory.Phone.", nameof(category));
            }

            return category.Trim();
        }

        private static string[] MemberNames(Expression<Func<TIn, object?>>[] members, string parameter)
        {
            if (members == null || members.Length == 0)
            {
                throw new ArgumentException("Name at least one member, for example r => r.Phone.", parameter);
            }

            RecordShape shape = RecordShape.For(typeof(TIn));
            var names = new List<string>();
            foreach (var m in members)
            {
                string name = (m == null ? null : Selectors.MemberPath(m)) ?? throw new ArgumentException("Expected a member access such as r => r.Phone.", parameter);
                if (FindSlot(shape, name) == null)
                {
                    throw new ArgumentException($"{typeof(TIn).Name} has no member {name}.", parameter);
                }

                names.Add(name);
            }

            return names.ToArray();
        }

        internal int EffectiveRuns
        {
            get
            {
                string? s = Environment.GetEnvironmentVariable(MinimizerSpec.RunsVariable);
                return s != null && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) && r > 0 ? r : _runs;
            }
        }

        internal int? EffectiveSeed
        {
            get
            {
                if (_seed.HasValue)
                {
                    return _seed;
                }

                string? s = Environment.GetEnvironmentVariable(MinimizerSpec.SeedVariable);
                return s != null && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;
            }
        }

        private PopulationBuilder<TIn> Builder() => (_builder?.Invoke() ?? Populations.Population.Of<TIn>()).WithCategories(_declaredCategories);

        /// <summary>The arbitrary of populations this spec runs on.</summary>
        /// <returns>The declared arbitrary, or one built from the declared population builder.</returns>
        public Arbitrary<Population<TIn>> PopulationArbitrary() => _arbitrary ?? Builder().ToArbitrary();

        /// <summary>
        /// The FsCheck property: for every population drawn, every declared check holds. A failure is shrunk by the harness
        /// itself (to at most 3 records whenever that few show it) and reported as one message per failed property. Use it
        /// as the result of a <c>[Property(MaxTest = 3)]</c> test (FsCheck.Xunit for xunit v2, FsCheck.Xunit.v3 for xunit v3),
        /// or run it with FsCheck's <c>Check.One</c>.
        /// </summary>
        /// <returns>The property.</returns>
        public Property ToProperty()
        {
            // The harness shrinks a failing population itself; FsCheck's shrinking would only print the population again.
            // FsCheck prints the case it drew: a short description, not the records.
            Arbitrary<PopulationCase<TIn>> arbitrary = Arb.From(PopulationArbitrary().Generator.Select(p => new PopulationCase<TIn>(p)));
            return Prop.ForAll(arbitrary, (Action<PopulationCase<TIn>>)(c =>
            {
                HarnessReport report = Evaluate(c.Population);
                if (!report.Passed)
                {
                    throw new MinimizerCheckException(report);
                }
            }));
        }

        /// <summary>
        /// Runs every declared check on <see cref="Runs"/> populations (from the fixed <see cref="Seed"/> if any) without a test
        /// framework, and throws <see cref="MinimizerCheckException"/> with one readable message per failed property (figure,
        /// threshold, attack and shrunk counterexample) at the first failing population.
        /// </summary>
        /// <returns>The report of the last population when every check passed.</returns>
        /// <exception cref="MinimizerCheckException">When a check fails; <see cref="MinimizerCheckException.Report"/> holds the structured result.</exception>
        public HarnessReport Check()
        {
            int? fixedSeed = EffectiveSeed;
            int runs = EffectiveRuns;
            HarnessReport? last = null;
            for (int run = 0; run < runs; run++)
            {
                int seed = fixedSeed.HasValue
                    ? (int)(KeyHash.Combine((ulong)(uint)fixedSeed.Value, (ulong)run) & 0x7FFFFFFF)
                    : System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);
                Population<TIn> population = _arbitrary != null ? FsCheck.Fluent.Gen.Sample(_arbitrary.Generator, 1, new Rnd((ulong)(uint)seed, 0x9E3779B97F4A7C15UL | 1), 50).First() : Builder().Generate(seed);
                last = Evaluate(population);
                if (!last.Passed)
                {
                    string replay = fixedSeed.HasValue
                        ? $"run {run + 1} of {runs} with Seed({fixedSeed.Value}); replay this population alone with Evaluate({seed})"
                        : $"run {run + 1} of {runs}; replay this population with Evaluate({seed})";
                    throw new MinimizerCheckException(last, replay);
                }
            }

            return last!;
        }

        /// <summary>
        /// Checks a fixed data set (a team's golden file) instead of generated populations: every declared check runs on these
        /// records, each its own subject unless <see cref="SubjectBy"/> says whose they are.
        /// </summary>
        /// <param name="records">The records.</param>
        /// <returns>The report when every check passed.</returns>
        /// <exception cref="MinimizerCheckException">When a check fails.</exception>
        public HarnessReport Check(IEnumerable<TIn> records)
        {
            if (records == null)
            {
                throw new ArgumentNullException(nameof(records));
            }

            HarnessReport report = Evaluate(Populations.Population.From(records));
            report.ThrowIfFailed();
            return report;
        }

        /// <summary>Evaluates every declared check on the population generated from <paramref name="seed"/>, shrinking any failure.</summary>
        /// <param name="seed">The population seed.</param>
        /// <returns>The report.</returns>
        public HarnessReport Evaluate(int seed) => Evaluate(Builder().Generate(seed));

        /// <summary>Evaluates every declared check on <paramref name="population"/>, shrinking any failure to its counterexample.</summary>
        /// <param name="population">The population.</param>
        /// <returns>The report.</returns>
        public HarnessReport Evaluate(Population<TIn> population)
        {
            if (population == null)
            {
                throw new ArgumentNullException(nameof(population));
            }

            HarnessReport report = Evaluate(population, focus: null);
            if (!report.Passed)
            {
                Shrinker<TIn, TOut>.Shrink(this, population, report);
            }

            return report;
        }

        internal HarnessReport Evaluate(Population<TIn> population, FindingKind[]? focus)
        {
            var run = new SpecRun<TIn, TOut>(this, population, focus);
            return run.Execute();
        }

        internal Func<TIn, MinimizerContext, TOut> Minimize => _minimize;

        internal string MainPartner => Partner;

        internal bool SurvivalOn => _survival;

        internal bool PartialOn => _partial;

        internal Func<TIn, object?>? SubjectSelector => _subjectBy;

        internal string? SubjectName => _subjectName;

        /// <summary>The slot <see cref="SubjectBy"/> reads when it is a member path (<c>r =&gt; r.Subscriber</c>), so its values can be normalised; else null.</summary>
        internal MemberSlot? SubjectSlot => _subjectPath == null ? null : FindSlot(RecordShape.For(typeof(TIn)), _subjectPath);

        internal IReadOnlyDictionary<string, Func<object, IEnumerable<object>>> CandidateGenerators => _candidateGenerators;

        /// <summary>The identifier members with their categories, and the guesses made from member names.</summary>
        internal (List<(MemberSlot Slot, string Category)> Members, List<string> Guesses) ResolveIdentifiers()
        {
            RecordShape shape = RecordShape.For(typeof(TIn));
            var members = new List<(MemberSlot, string)>();
            var guesses = new List<string>();
            string Resolve(MemberSlot m)
            {
                if (_declaredCategories.TryGetValue(m.Name, out string? declared))
                {
                    return declared;
                }

                if (m.Category != null && !m.CategoryGuessed)
                {
                    return m.Category;
                }

                string? guess = m.Category ?? CategoryInference.FromName(m.Name, m.ValueType);
                guesses.Add(guess == null
                    ? $"{typeof(TIn).Name}.{m.Name}: no category (searched verbatim)"
                    : $"{typeof(TIn).Name}.{m.Name}: {guess}, guessed from its name");
                return guess ?? "identifier";
            }

            // A collection of identifiers is searched element by element (its first two), each as an identifier of its own.
            void AddSlot(MemberSlot slot, string category)
            {
                if (slot.ElementType != null)
                {
                    members.Add((slot.Element(0).WithCategory(category), category));
                    members.Add((slot.Element(1).WithCategory(category), category));
                }
                else
                {
                    members.Add((slot, category));
                }
            }

            if (_identifiers != null)
            {
                foreach (var (name, category) in _identifiers)
                {
                    MemberSlot slot = FindSlot(shape, name)!;
                    if (slot.IsNested)
                    {
                        foreach (MemberSlot inner in NestedSlots(slot, 1))
                        {
                            Walk(inner);
                        }

                        continue;
                    }

                    AddSlot(slot, category ?? Resolve(slot));
                }

                return (members, guesses);
            }

            void Walk(MemberSlot m)
            {
                if (m.IsNested)
                {
                    // An object of the user's inside the record (a Subscriber): its members carry the identity.
                    foreach (MemberSlot inner in NestedSlots(m, 1))
                    {
                        Walk(inner);
                    }

                    return;
                }

                bool declared = _declaredCategories.ContainsKey(m.Name);
                if (!m.IsIdentity && !declared)
                {
                    return;
                }

                string category = Resolve(m);
                if (!NonIdentifierCategories.Contains(category))
                {
                    AddSlot(m, category);
                }
            }

            foreach (MemberSlot m in shape.Members)
            {
                Walk(m);
            }

            return (members, guesses);
        }

        /// <summary>Nested objects deeper than this are not searched for identifiers (a type that holds itself ends there).</summary>
        private const int MaxNesting = 3;

        /// <summary>The members of the object <paramref name="outer"/> holds, as slots read and written from the outer record.</summary>
        private static IEnumerable<MemberSlot> NestedSlots(MemberSlot outer, int depth)
        {
            if (depth > MaxNesting)
            {
                yield break;
            }

            RecordShape inner;
            try
            {
                inner = RecordShape.For(Nullable.GetUnderlyingType(outer.ValueType) ?? outer.ValueType);
            }
            catch (InvalidOperationException)
            {
                yield break;
            }

            foreach (MemberSlot m in inner.Members)
            {
                yield return outer.Through(m, RecordShape.CloneOf);
            }
        }

        /// <summary>The slot at <paramref name="path"/> (<c>Phone</c>, or <c>Caller.Msisdn</c> through nested objects), or null.</summary>
        internal static MemberSlot? FindSlot(RecordShape shape, string path)
        {
            string[] names = path.Split('.');
            MemberSlot? slot = shape.Members.FirstOrDefault(s => s.Name == names[0]);
            for (int i = 1; i < names.Length && slot != null; i++)
            {
                slot = slot.IsNested ? NestedSlots(slot, i).FirstOrDefault(s => s.Name == slot.Name + "." + names[i]) : null;
            }

            return slot;
        }

        internal QuasiIdentifiers<TOut>? QuasiIds => _qis;

        internal int K => _k;

        internal Column<TOut>? Sensitive => _sensitive;

        internal double L => _l;

        internal bool RiskOn => _riskOn;

        internal double MaxHighestRisk => _maxHighestRisk ?? 1.0 / _k;

        internal double MaxAverageRisk => _maxAverageRisk;

        internal double MaxUniqueShare => _maxUniqueShare;

        internal TraceModel<TOut>? TraceModel => _traces;

        internal double MaxUnicity => _maxUnicity;

        internal int TracePoints => _tracePoints;

        internal int EnumerationSamples => _enumerationSamples;

        internal string[] Partners => _partners;

        internal string? JoinablePartner => _joinablePartner;

        internal Column<TOut>[]? DeclaredTokens => _tokens;
    }

    /// <summary>One case of a spec's FsCheck property: a population, printed by FsCheck as its one-line description.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    public sealed class PopulationCase<T>
    {
        internal PopulationCase(Population<T> population)
        {
            Population = population;
        }

        /// <summary>The population drawn.</summary>
        public Population<T> Population { get; }

        /// <summary>For example <c>population seed 42 (10,000 records of CallRecord)</c>.</summary>
        /// <returns>The description.</returns>
        public override string ToString() => $"population seed {Population.Seed} ({Population.Count:N0} records of {typeof(T).Name}; replay with Evaluate({Population.Seed}))";
    }

    /// <summary>The trace-unicity defaults, from de Montjoye et al. (Sci. Rep. 2013): 4 points single out 95 % of people.</summary>
    public static class TraceDefaults
    {
        /// <summary>Points of their own trace an attacker knows about a subject: 4.</summary>
        public const int Points = 4;

        /// <summary>The share of subjects those points may single out: 0.05.</summary>
        public const double MaxUnicity = 0.05;
    }
}
