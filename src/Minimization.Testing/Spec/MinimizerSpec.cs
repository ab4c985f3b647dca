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

        private readonly Func<TIn, MinimizerContext, TOut> _minimize;
        private Func<PopulationBuilder<TIn>>? _builder;
        private Arbitrary<Population<TIn>>? _arbitrary;
        private List<(MemberSlot Slot, string Category)>? _identifiers;
        private QuasiIdentifiers<TOut>? _qis;
        private int _k = 11;
        private Column<TOut>? _sensitive;
        private double _l = 2;
        private double? _maxHighestRisk;
        private double _maxAverageRisk = 0.05;
        private double _maxUniqueShare = 0.05;
        private bool _riskOn = true;
        private TraceModel<TOut>? _traces;
        private double _maxUnicity = 0.05;
        private int _tracePoints = 4;
        private int _enumerationSamples;
        private string[] _partners = Array.Empty<string>();
        private string? _primaryPartner;
        private string? _joinablePartner;
        private Column<TOut>[]? _tokens;
        private bool _survival = true;
        private int _runs = 3;
        private int? _seed;

        internal MinimizerSpec(Func<TIn, MinimizerContext, TOut> minimize)
        {
            _minimize = minimize ?? throw new ArgumentNullException(nameof(minimize));
        }

        private string Partner => _primaryPartner ?? (_partners.Length > 0 ? _partners[0] : _joinablePartner ?? "partner");

        /// <summary>The populations to test on (default <see cref="Populations.Population.Of{T}"/>: 10,000 records from 2,000 people).</summary>
        /// <param name="configure">Declares size and density, for example <c>p =&gt; p.Records(100_000).People(20_000)</c>.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Population(Func<PopulationBuilder<TIn>, PopulationBuilder<TIn>> configure)
        {
            _builder = () => configure(Populations.Population.Of<TIn>());
            _arbitrary = null;
            return this;
        }

        /// <summary>The populations to test on, from a builder.</summary>
        /// <param name="builder">A population builder.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Population(PopulationBuilder<TIn> builder)
        {
            _builder = () => builder;
            _arbitrary = null;
            return this;
        }

        /// <summary>The populations to test on, from your own FsCheck arbitrary (shrink with <see cref="Populations.Population.ShrinkByHalves{T}"/>).</summary>
        /// <param name="arbitrary">An arbitrary of populations.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Population(Arbitrary<Population<TIn>> arbitrary)
        {
            _arbitrary = arbitrary;
            return this;
        }

        /// <summary>
        /// The input members whose values must not survive (default: every <c>[IdentityBearing]</c> member except
        /// timestamps, positions and towers, which are quasi-identifiers). Each member's category comes from its attribute.
        /// </summary>
        /// <param name="members">Members of <typeparamref name="TIn"/>, for example <c>r =&gt; r.CallerNumber</c>.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Identifiers(params Expression<Func<TIn, object?>>[] members)
        {
            RecordShape shape = RecordShape.For(typeof(TIn));
            _identifiers = new List<(MemberSlot, string)>();
            foreach (var m in members)
            {
                string name = Selectors.MemberName(m) ?? throw new ArgumentException("Expected a member access such as r => r.Phone.", nameof(members));
                MemberSlot slot = shape.Members.FirstOrDefault(s => s.Name == name)
                    ?? throw new ArgumentException($"{typeof(TIn).Name} has no member {name}.", nameof(members));
                _identifiers.Add((slot, slot.Category ?? CategoryInference.FromName(slot.Name, slot.ValueType) ?? "identifier"));
            }

            return this;
        }

        /// <summary>Turns the survival check off (for a spec that only measures risk on an output known to hold no identifiers).</summary>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> WithoutSurvivalCheck()
        {
            _survival = false;
            return this;
        }

        /// <summary>
        /// The output's quasi-identifiers. Declaring them turns on k-anonymity (k = 11 unless <see cref="KAnonymous"/> says
        /// otherwise) and the prosecutor risk checks (<see cref="Risk"/>).
        /// </summary>
        /// <param name="selectors">For example <c>s =&gt; s.Region, s =&gt; s.Day</c>.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> QuasiIdentifiers(params Expression<Func<TOut, object?>>[] selectors)
        {
            _qis = QuasiIdentifiers<TOut>.Of(selectors);
            return this;
        }

        /// <summary>Every class of the quasi-identifiers must hold at least <paramref name="k"/> records (default 11, the small-cell rule for partner releases).</summary>
        /// <param name="k">The minimum class size.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> KAnonymous(int k = 11)
        {
            _k = Math.Max(1, k);
            return this;
        }

        /// <summary>Entropy l-diversity of a sensitive attribute within every class of the quasi-identifiers.</summary>
        /// <param name="sensitive">The sensitive attribute, for example <c>s =&gt; s.Diagnosis</c>.</param>
        /// <param name="l">The required diversity (default 2).</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> LDiverse(Expression<Func<TOut, object?>> sensitive, double l = 2)
        {
            _sensitive = Selectors.Compile(sensitive, 0);
            _l = l;
            return this;
        }

        /// <summary>
        /// Prosecutor risk thresholds over the classes of the quasi-identifiers: highest risk 1 / smallest class (default 1/k,
        /// so it agrees with k-anonymity), average risk classes / records (default 0.05) and share of unique records (default 0.05).
        /// </summary>
        /// <param name="highest">The highest risk allowed, or <see langword="null"/> for 1/k.</param>
        /// <param name="average">The average risk allowed.</param>
        /// <param name="unique">The share of records alone in their class allowed.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Risk(double? highest = null, double average = 0.05, double unique = 0.05)
        {
            _riskOn = true;
            _maxHighestRisk = highest;
            _maxAverageRisk = average;
            _maxUniqueShare = unique;
            return this;
        }

        /// <summary>Turns the prosecutor risk checks off, keeping k-anonymity.</summary>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> WithoutRiskCheck()
        {
            _riskOn = false;
            return this;
        }

        /// <summary>
        /// The output forms traces: records linked by a pseudonym, each with a place and a time. At most
        /// <paramref name="maxUnicity"/> of subjects may be singled out by <paramref name="points"/> of their own points.
        /// </summary>
        /// <param name="subject">The pseudonym, for example <c>s =&gt; s.Token</c>.</param>
        /// <param name="place">The place, for example <c>s =&gt; s.Region</c>.</param>
        /// <param name="time">The time, for example <c>s =&gt; s.Day</c>.</param>
        /// <param name="maxUnicity">The share allowed (default 0.05).</param>
        /// <param name="points">The points an attacker knows (default 4).</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Traces(
            Expression<Func<TOut, object?>> subject, Expression<Func<TOut, object?>> place, Expression<Func<TOut, object?>> time, double maxUnicity = 0.05, int points = 4)
        {
            _traces = TraceModel<TOut>.Of(subject, place, time);
            _maxUnicity = maxUnicity;
            _tracePoints = Math.Max(1, points);
            return this;
        }

        /// <summary>
        /// Identifiers from small spaces (phone, SIN, IPv4, postal code, date of birth, IMEI) must resist enumeration: an
        /// attacker who knows the minimizer's code but not its keys runs a neighbourhood of candidates through it and
        /// matches outputs; the person must not be narrowed to fewer than k candidates.
        /// </summary>
        /// <param name="samples">People attacked per population (default 5).</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> ResistsEnumeration(int samples = 5)
        {
            _enumerationSamples = Math.Max(1, samples);
            return this;
        }

        /// <summary>One person minimized for each of these partners must get tokens that differ, so the partners cannot join their releases.</summary>
        /// <param name="partners">At least two partner names, for example <c>"UK", "US"</c>.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> UnlinkableAcross(params string[] partners)
        {
            if (partners == null || partners.Distinct(StringComparer.Ordinal).Count() < 2)
            {
                throw new ArgumentException("Name at least two distinct partners.", nameof(partners));
            }

            _partners = partners.Distinct(StringComparer.Ordinal).ToArray();
            return this;
        }

        /// <summary>The partner needs to join a person's records: the same record minimized twice for it must give the same output.</summary>
        /// <param name="partner">The partner, for example <c>"UK"</c>.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> JoinableWithin(string partner)
        {
            _joinablePartner = partner ?? throw new ArgumentNullException(nameof(partner));
            return this;
        }

        /// <summary>
        /// The output's token columns, for the unlinkability and determinism checks (default: found automatically, as the
        /// output values that change when an input identifier changes).
        /// </summary>
        /// <param name="selectors">For example <c>s =&gt; s.CallerToken</c>.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Tokens(params Expression<Func<TOut, object?>>[] selectors)
        {
            _tokens = selectors.Select((s, i) => Selectors.Compile(s, i)).ToArray();
            return this;
        }

        /// <summary>The partner the main run minimizes for (default the first of <see cref="UnlinkableAcross"/>, else <c>"partner"</c>).</summary>
        /// <param name="partner">The partner name.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> ForPartner(string partner)
        {
            _primaryPartner = partner ?? throw new ArgumentNullException(nameof(partner));
            return this;
        }

        /// <summary>Populations per property run (default 3; the <c>MINIMIZATION_TESTING_RUNS</c> variable overrides it).</summary>
        /// <param name="runs">At least 1.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Runs(int runs)
        {
            _runs = Math.Max(1, runs);
            return this;
        }

        /// <summary>Fixes FsCheck's seed for <see cref="Check"/>, so every run draws the same populations (the <c>MINIMIZATION_TESTING_SEED</c> variable sets it for specs without one).</summary>
        /// <param name="seed">Any integer.</param>
        /// <returns>This spec.</returns>
        public MinimizerSpec<TIn, TOut> Seed(int seed)
        {
            _seed = seed;
            return this;
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

        /// <summary>The arbitrary of populations this spec runs on.</summary>
        /// <returns>The declared arbitrary, or one built from the declared population builder.</returns>
        public Arbitrary<Population<TIn>> PopulationArbitrary()
            => _arbitrary ?? (_builder?.Invoke() ?? Populations.Population.Of<TIn>()).ToArbitrary();

        /// <summary>
        /// The FsCheck property: for every population drawn, every declared check holds. Its label on failure names the person
        /// and how they were re-identified. Use it as the result of a <c>[Property(MaxTest = 3)]</c> test, or run it with <see cref="Check"/>.
        /// </summary>
        /// <returns>The property.</returns>
        public Property ToProperty() => Prop.ForAll(PopulationArbitrary(), population =>
        {
            HarnessReport report = Evaluate(population, population.Focus);
            if (!report.Passed)
            {
                FindingKind[] recordLevel = report.Findings.Where(f => f.IsRecordLevel).Select(f => f.Kind).Distinct().ToArray();
                population.FailedChecks = recordLevel;

                // Population-level verdicts (k-anonymity, risk, unicity) say nothing on a fraction of the population: do not shrink those.
                population.Shrinkable = recordLevel.Length > 0;
            }

            return Prop.Label(report.Passed, report.Label);
        });

        /// <summary>
        /// Runs the property (<see cref="Runs"/> populations, the fixed <see cref="Seed"/> if any) and throws
        /// <see cref="MinimizerCheckException"/> with FsCheck's report, the failure label included, if a check fails.
        /// </summary>
        /// <exception cref="MinimizerCheckException">When a check fails.</exception>
        public void Check()
        {
            Config config = Config.QuickThrowOnFailure.WithMaxTest(EffectiveRuns).WithQuietOnSuccess(true);
            int? seed = EffectiveSeed;
            if (seed.HasValue)
            {
                config = config.WithReplay(new Replay(new Rnd((ulong)(uint)seed.Value, 0x9E3779B97F4A7C15UL | 1), null));
            }

            try
            {
                FsCheck.Check.One(config, ToProperty());
            }
            catch (Exception e) when (e is not MinimizerCheckException)
            {
                throw new MinimizerCheckException(e.Message, e);
            }
        }

        /// <summary>Evaluates every declared check on the population generated from <paramref name="seed"/>.</summary>
        /// <param name="seed">The population seed.</param>
        /// <returns>The report.</returns>
        public HarnessReport Evaluate(int seed) => Evaluate((_builder?.Invoke() ?? Populations.Population.Of<TIn>()).Generate(seed));

        /// <summary>Evaluates every declared check on <paramref name="population"/>.</summary>
        /// <param name="population">The population.</param>
        /// <returns>The report.</returns>
        public HarnessReport Evaluate(Population<TIn> population) => Evaluate(population, focus: null);

        internal HarnessReport Evaluate(Population<TIn> population, FindingKind[]? focus)
        {
            var run = new SpecRun<TIn, TOut>(this, population, focus);
            return run.Execute();
        }

        internal Func<TIn, MinimizerContext, TOut> Minimize => _minimize;

        internal string MainPartner => Partner;

        internal bool SurvivalOn => _survival;

        internal List<(MemberSlot Slot, string Category)> SurvivalIdentifiers => _identifiers ?? RecordShape.For(typeof(TIn)).Members
            .Where(m => m.IsIdentity && (m.Category == null || !NonIdentifierCategories.Contains(m.Category)))
            .Select(m => (m, m.Category ?? "identifier"))
            .ToList();

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
}
