using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Minimization.Testing.Checks;
using Minimization.Testing.Generators;
using Minimization.Testing.Populations;

namespace Minimization.Testing
{
    /// <summary>One evaluation of a spec on one population: minimizes every record once, then runs the declared checks.</summary>
    internal sealed class SpecRun<TIn, TOut>
    {
        private const int UnlinkSample = 300;
        private const int DeterminismSample = 200;
        private const int TokenProbeRecords = 24;

        private readonly MinimizerSpec<TIn, TOut> _spec;
        private readonly Population<TIn> _population;
        private readonly FindingKind[]? _focus;
        private readonly List<Finding> _findings = new List<Finding>();
        private readonly byte[] _secretRoot;
        private readonly string _inName = typeof(TIn).Name;
        private readonly string _outName = ObjectGraph.TypeName(typeof(TOut));
        private readonly List<(MemberSlot Slot, string Category)> _identifierMembers;
        private readonly Dictionary<string, Identifier?> _identifierCache = new Dictionary<string, Identifier?>(StringComparer.Ordinal);
        private TOut[] _outputs = Array.Empty<TOut>();
        private List<Leaf>?[] _leaves = Array.Empty<List<Leaf>?>();

        public SpecRun(MinimizerSpec<TIn, TOut> spec, Population<TIn> population, FindingKind[]? focus)
        {
            _spec = spec;
            _population = population;
            _focus = focus;
            _identifierMembers = spec.SurvivalIdentifiers;

            // The real run's root secret: reproducible from the seed, never given to the attacker.
            var random = new FastRandom(((ulong)(uint)population.Seed << 17) ^ 0xA5A5_5A5A_C3C3_3C3CUL);
            _secretRoot = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                _secretRoot[i] = (byte)random.Next(256);
            }
        }

        private bool On(FindingKind kind) => _focus == null || Array.IndexOf(_focus, kind) >= 0;

        private MinimizerContext RealContext(string partner) => new MinimizerContext(partner, _secretRoot);

        /// <summary>The attacker runs the published code with keys of its own: it does not have the real root secret.</summary>
        private static MinimizerContext AttackerContext(string partner) => new MinimizerContext(partner, new byte[32]);

        public HarnessReport Execute()
        {
            string subject = $"{_inName} -> {_outName} for partner {_spec.MainPartner}";
            string description = _population.ToString().Split('\n')[0].Trim();
            var report = new HarnessReport(subject, description, _findings);
            int n = _population.Count;
            _outputs = new TOut[n];
            _leaves = new List<Leaf>?[n];
            MinimizerContext context = RealContext(_spec.MainPartner);
            for (int i = 0; i < n; i++)
            {
                try
                {
                    _outputs[i] = _spec.Minimize(_population[i], context);
                }
                catch (Exception e)
                {
                    Add(FindingKind.MinimizerThrew, i, $"the minimizer threw {e.GetType().Name} on record #{i} ({PersonOf(i) ?? "no identifier"}): {e.Message}");
                    return report;
                }
            }

            if (_spec.SurvivalOn && On(FindingKind.IdentifierSurvives))
            {
                Survival();
            }

            PopulationLevel(report);

            if (_spec.EnumerationSamples > 0 && On(FindingKind.Enumeration))
            {
                Enumeration();
            }

            if (_spec.Partners.Length >= 2 && On(FindingKind.Linkable))
            {
                Unlinkability();
            }

            if (_spec.JoinablePartner != null && On(FindingKind.NotDeterministic))
            {
                Determinism(_spec.JoinablePartner);
            }

            _findings.Sort((a, b) => b.IsRecordLevel.CompareTo(a.IsRecordLevel));
            return report;
        }

        private void Add(FindingKind kind, int? record, string message, string? person = null)
            => _findings.Add(new Finding(kind, message, record, person ?? (record.HasValue ? PersonOf(record.Value) : null)));

        private List<Leaf> LeavesOf(int i) => _leaves[i] ??= ObjectGraph.Leaves(_outputs[i], _outName);

        private List<Identifier> IdentifiersOf(int i)
        {
            var list = new List<Identifier>(_identifierMembers.Count);
            object record = _population[i]!;
            foreach (var (slot, category) in _identifierMembers)
            {
                object? value = slot.Get(record);
                if (value == null)
                {
                    continue;
                }

                string key = category + "\u0001" + slot.Name + "\u0001" + IdentifierVariants.TextOf(value);
                if (!_identifierCache.TryGetValue(key, out Identifier? id))
                {
                    id = IdentifierVariants.Create(category, _inName + "." + slot.Name, value);
                    _identifierCache[key] = id;
                }

                if (id != null)
                {
                    list.Add(id);
                }
            }

            return list;
        }

        private string? PersonOf(int i)
        {
            if (i < 0 || i >= _population.Count)
            {
                return null;
            }

            List<Identifier> ids = IdentifiersOf(i);
            return ids.Count == 0 ? null : ids[0].ToString();
        }

        private string Who(int i)
        {
            string? p = PersonOf(i);
            return p == null ? $"record #{i}" : $"{p} (record #{i})";
        }

        // ---- 1. no identifier survives -------------------------------------------------------------------------------

        private void Survival()
        {
            for (int i = 0; i < _population.Count; i++)
            {
                List<Identifier> ids = IdentifiersOf(i);
                if (ids.Count == 0)
                {
                    continue;
                }

                List<Haystack> hay = SurvivalSearch.Haystacks(LeavesOf(i));
                var hits = new List<(Identifier Id, Hit Hit)>();
                foreach (Identifier id in ids)
                {
                    Hit? hit = SurvivalSearch.Find(id, hay);
                    if (hit.HasValue)
                    {
                        hits.Add((id, hit.Value));
                    }
                }

                if (hits.Count == 0)
                {
                    string? json = Json(_outputs[i]);
                    if (json != null)
                    {
                        List<Haystack> jsonHay = SurvivalSearch.Haystacks(new List<Leaf> { new Leaf("the JSON form of " + _outName, json) });
                        foreach (Identifier id in ids)
                        {
                            Hit? hit = SurvivalSearch.Find(id, jsonHay);
                            if (hit.HasValue)
                            {
                                hits.Add((id, hit.Value));
                            }
                        }
                    }
                }

                if (hits.Count > 0)
                {
                    var (id, hit) = hits[0];
                    string message = $"{id} ({id.Member}, record #{i}) survives {hit.How} in {hit.Path}";
                    if (hits.Count > 1)
                    {
                        message += "; so do " + string.Join(", ", hits.Skip(1).Select(h => $"{h.Id} ({h.Hit.How} in {h.Hit.Path})"));
                    }

                    Add(FindingKind.IdentifierSurvives, i, message, id.ToString());
                    return;
                }
            }
        }

        private static string? Json(TOut value)
        {
            try
            {
                return JsonSerializer.Serialize(value, typeof(TOut));
            }
            catch (Exception)
            {
                // Not every output type serializes (cycles, unsupported members); the object graph has been searched already.
                return null;
            }
        }

        // ---- 2 and 6. k-anonymity, l-diversity, risk, trace unicity ---------------------------------------------------

        private void PopulationLevel(HarnessReport report)
        {
            QuasiIdentifiers<TOut>? qis = _spec.QuasiIds;
            bool populationChecks = _focus == null;
            if (qis != null && populationChecks && _outputs.Length > 0)
            {
                EquivalenceClasses classes = PopulationChecks.Classes(_outputs, qis);
                KAnonymityResult k = classes.KAnonymity(_spec.K);
                report.KAnonymity = k;
                if (!k.Passed)
                {
                    Add(FindingKind.KAnonymity, k.SmallestClassFirstRecord, k + SinglesOut(k.SmallestClassSize, k.SmallestClassFirstRecord));
                }

                if (_spec.RiskOn)
                {
                    RiskResult risk = classes.Risk(1.0 / _spec.K);
                    report.Risk = risk;
                    if (risk.Highest > _spec.MaxHighestRisk + 1e-12)
                    {
                        Add(FindingKind.HighestRisk, risk.SmallestClassFirstRecord, string.Format(
                            CultureInfo.InvariantCulture,
                            "highest prosecutor risk {0:0.####} (1 / {1} records of class {2}) > {3:0.####}",
                            risk.Highest, classes.SmallestClassSize, risk.SmallestClass, _spec.MaxHighestRisk));
                    }

                    if (risk.Average > _spec.MaxAverageRisk + 1e-12)
                    {
                        Add(FindingKind.AverageRisk, null, string.Format(
                            CultureInfo.InvariantCulture,
                            "average prosecutor risk {0:0.####} ({1:N0} classes / {2:N0} records) > {3:0.####}",
                            risk.Average, classes.ClassCount, classes.RecordCount, _spec.MaxAverageRisk));
                    }

                    if (risk.UniqueShare > _spec.MaxUniqueShare + 1e-12)
                    {
                        Add(FindingKind.UniqueRecords, classes.SmallestClassSize == 1 ? classes.SmallestClassFirstRecord : null, string.Format(
                            CultureInfo.InvariantCulture,
                            "{0:P2} of records ({1:N0}) are unique on the quasi-identifiers > {2:P2}; e.g. {3}",
                            risk.UniqueShare, classes.UniqueRecords, _spec.MaxUniqueShare, Who(classes.SmallestClassFirstRecord)));
                    }
                }

                if (_spec.Sensitive != null)
                {
                    LDiversityResult l = PopulationChecks.LDiversity(_outputs, qis, _spec.Sensitive, _spec.L);
                    report.LDiversity = l;
                    if (!l.Passed)
                    {
                        Add(FindingKind.LDiversity, null, l.ToString());
                    }
                }
            }

            if (_spec.TraceModel != null && populationChecks && _outputs.Length > 0)
            {
                TraceUnicityResult u = PopulationChecks.TraceUnicity(_outputs, _spec.TraceModel, _spec.TracePoints, seed: _population.Seed);
                report.TraceUnicity = u;
                if (u.Unicity > _spec.MaxUnicity + 1e-12)
                {
                    string who = u.ExampleRecord >= 0 ? " (" + Who(u.ExampleRecord) + ")" : string.Empty;
                    Add(FindingKind.TraceUnicity, u.ExampleRecord >= 0 ? u.ExampleRecord : null, string.Format(
                        CultureInfo.InvariantCulture, "trace unicity {0:P1} > {1:P1}: {2}{3}", u.Unicity, _spec.MaxUnicity, u, who));
                }
            }
        }

        private string SinglesOut(int size, int first) => size <= 3 && first >= 0 ? $"; it singles out {Who(first)}" : string.Empty;

        // ---- 3. enumeration resistance --------------------------------------------------------------------------------

        private void Enumeration()
        {
            RecordShape shape = RecordShape.For(typeof(TIn));
            var members = shape.Members
                .Where(m => m.IsIdentity && m.CanSet && CandidateSpace.IsEnumerable(m.Category))
                .ToList();
            if (members.Count == 0 || _population.Count == 0)
            {
                return;
            }

            MinimizerContext attacker = AttackerContext(_spec.MainPartner);
            foreach (int i in SampleRecords(_spec.EnumerationSamples, salt: 3))
            {
                object record = _population[i]!;
                foreach (MemberSlot slot in members)
                {
                    CandidateSpace? space = CandidateSpace.For(slot.Category!, slot.Get(record));
                    if (space == null)
                    {
                        continue;
                    }

                    string? verdict = Attack(record, slot, space, LeavesOf(i), attacker);
                    if (verdict != null)
                    {
                        Identifier? id = IdentifierVariants.Create(slot.Category!, _inName + "." + slot.Name, slot.Get(record));
                        string person = id?.ToString() ?? slot.Category + " " + IdentifierVariants.TextOf(slot.Get(record)!);
                        Add(FindingKind.Enumeration, i, $"{person} ({_inName}.{slot.Name}, record #{i}) is singled out by enumeration: an attacker who runs {space.Description} " +
                            $"through the published minimizer with keys of its own {verdict}", person);
                        return;
                    }
                }
            }
        }

        private string? Attack(object record, MemberSlot slot, CandidateSpace space, List<Leaf> real, MinimizerContext attacker)
        {
            RecordShape shape = RecordShape.For(typeof(TIn));
            var realByPath = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Leaf l in real)
            {
                realByPath[l.Path] = l.Text;
            }

            int count = space.Candidates.Count;
            var outputs = new Dictionary<string, string>?[count];
            for (int c = 0; c < count; c++)
            {
                try
                {
                    var candidate = (TIn)shape.With(record, slot, space.Candidates[c]);
                    TOut o = _spec.Minimize(candidate, attacker);
                    var map = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (Leaf l in ObjectGraph.Leaves(o, _outName))
                    {
                        map[l.Path] = l.Text;
                    }

                    outputs[c] = map;
                }
                catch (Exception)
                {
                    // A candidate the minimizer rejects tells the attacker nothing.
                    outputs[c] = null;
                }
            }

            // Columns that vary with the candidate are the ones the identifier flows into; match each on its own, then all together.
            var varying = new List<string>();
            foreach (string path in realByPath.Keys)
            {
                string? first = null;
                bool differs = false;
                foreach (var o in outputs)
                {
                    if (o == null)
                    {
                        continue;
                    }

                    o.TryGetValue(path, out string? v);
                    if (first == null)
                    {
                        first = v ?? "\u0000";
                    }
                    else if (!string.Equals(first, v ?? "\u0000", StringComparison.Ordinal))
                    {
                        differs = true;
                        break;
                    }
                }

                if (differs)
                {
                    varying.Add(path);
                }
            }

            var matchable = new List<string>();
            foreach (string path in varying)
            {
                string target = realByPath[path];
                int matches = 0;
                bool trueMatches = false;
                for (int c = 0; c < count; c++)
                {
                    if (outputs[c] != null && outputs[c]!.TryGetValue(path, out string? v) && v == target)
                    {
                        matches++;
                        trueMatches |= c == space.TrueIndex;
                    }
                }

                if (matches > 0)
                {
                    matchable.Add(path);
                }

                if (trueMatches && matches < _spec.K)
                {
                    return Narrowed(matches, path);
                }
            }

            if (matchable.Count > 1)
            {
                int matches = 0;
                bool trueMatches = false;
                for (int c = 0; c < count; c++)
                {
                    var o = outputs[c];
                    if (o != null && matchable.All(p => o.TryGetValue(p, out string? v) && v == realByPath[p]))
                    {
                        matches++;
                        trueMatches |= c == space.TrueIndex;
                    }
                }

                if (trueMatches && matches < _spec.K)
                {
                    return Narrowed(matches, string.Join(" + ", matchable));
                }
            }

            return null;
        }

        private string Narrowed(int matches, string path) => matches == 1
            ? $"matches {path} to exactly one candidate, the true one"
            : $"narrows {path} to {matches} candidates (< k={_spec.K}), the true one among them";

        private IEnumerable<int> SampleRecords(int count, int salt)
        {
            var random = new FastRandom(((ulong)(uint)_population.Seed * 31) + (ulong)salt + ((ulong)_population.Count << 32));
            var seenSubjects = new HashSet<int>();
            var chosen = new List<int>();
            int n = _population.Count;
            for (int tries = 0; chosen.Count < Math.Min(count, n) && tries < count * 20; tries++)
            {
                int i = random.Next(n);
                if (seenSubjects.Add(_population.SubjectOf(i)) || n <= count)
                {
                    if (!chosen.Contains(i))
                    {
                        chosen.Add(i);
                    }
                }
            }

            return chosen;
        }

        // ---- 4. unlinkability across partners ------------------------------------------------------------------------

        private Dictionary<string, string> TokenColumns()
        {
            // path -> the identifier member it derives from
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            if (_spec.DeclaredTokens != null)
            {
                foreach (Column<TOut> c in _spec.DeclaredTokens)
                {
                    tokens[c.Name] = "its identifiers";
                }

                return tokens;
            }

            RecordShape shape = RecordShape.For(typeof(TIn));
            MinimizerContext context = RealContext(_spec.MainPartner);
            int n = _population.Count;
            if (n < 2)
            {
                return tokens;
            }

            foreach (int i in SampleRecords(TokenProbeRecords, salt: 5))
            {
                object record = _population[i]!;
                object donor = _population[(i + (n / 2) + 1) % n]!;
                foreach (var (slot, _) in _identifierMembers)
                {
                    if (!slot.CanSet || Equals(slot.Get(record), slot.Get(donor)))
                    {
                        continue;
                    }

                    TOut changed;
                    try
                    {
                        changed = _spec.Minimize((TIn)shape.With(record, slot, slot.Get(donor)), context);
                    }
                    catch (Exception)
                    {
                        continue;
                    }

                    var before = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (Leaf l in LeavesOf(i))
                    {
                        before[l.Path] = l.Text;
                    }

                    foreach (Leaf l in ObjectGraph.Leaves(changed, _outName))
                    {
                        if (before.TryGetValue(l.Path, out string? old) && old != l.Text && !tokens.ContainsKey(l.Path))
                        {
                            tokens[l.Path] = _inName + "." + slot.Name;
                        }
                    }
                }
            }

            return tokens;
        }

        private Dictionary<string, string> TokenValues(TOut output)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (_spec.DeclaredTokens != null)
            {
                foreach (Column<TOut> c in _spec.DeclaredTokens)
                {
                    values[c.Name] = c.Display(output);
                }

                return values;
            }

            foreach (Leaf l in ObjectGraph.Leaves(output, _outName))
            {
                values[l.Path] = l.Text;
            }

            return values;
        }

        private void Unlinkability()
        {
            Dictionary<string, string> tokens = TokenColumns();
            if (tokens.Count == 0)
            {
                return;
            }

            string main = _spec.MainPartner;
            var frequency = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            foreach (string path in tokens.Keys)
            {
                frequency[path] = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            for (int i = 0; i < _outputs.Length; i++)
            {
                foreach (var kv in TokenValuesOfMain(i))
                {
                    if (frequency.TryGetValue(kv.Key, out var counts))
                    {
                        counts.TryGetValue(kv.Value, out int c);
                        counts[kv.Value] = c + 1;
                    }
                }
            }

            var contexts = _spec.Partners.Where(p => p != main).Select(p => (Partner: p, Context: RealContext(p))).ToList();
            foreach (int i in SampleRecords(UnlinkSample, salt: 7))
            {
                Dictionary<string, string> mine = TokenValuesOfMain(i);
                foreach (var (partner, context) in contexts)
                {
                    TOut other;
                    try
                    {
                        other = _spec.Minimize(_population[i], context);
                    }
                    catch (Exception e)
                    {
                        Add(FindingKind.MinimizerThrew, i, $"the minimizer threw {e.GetType().Name} for partner {partner} on {Who(i)}: {e.Message}");
                        return;
                    }

                    Dictionary<string, string> theirs = TokenValues(other);
                    foreach (var (path, from) in tokens)
                    {
                        if (mine.TryGetValue(path, out string? a) && theirs.TryGetValue(path, out string? b) && a == b && a.Length > 0
                            && frequency[path].TryGetValue(a, out int f) && f < _spec.K)
                        {
                            Add(FindingKind.Linkable, i, $"{Who(i)}: {path} (from {from}) is '{Shorten(a)}' for both {main} and {partner}, " +
                                $"so the two releases join on this person ({f} record{(f == 1 ? "" : "s")} carry that value)");
                            return;
                        }
                    }
                }
            }
        }

        private Dictionary<string, string> TokenValuesOfMain(int i)
        {
            if (_spec.DeclaredTokens != null)
            {
                return TokenValues(_outputs[i]);
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Leaf l in LeavesOf(i))
            {
                values[l.Path] = l.Text;
            }

            return values;
        }

        private static string Shorten(string s) => s.Length > 24 ? s.Substring(0, 20) + "…" : s;

        // ---- 5. determinism within a partner -------------------------------------------------------------------------

        private void Determinism(string partner)
        {
            MinimizerContext first = RealContext(partner);
            foreach (int i in SampleRecords(DeterminismSample, salt: 11))
            {
                TOut a, b;
                try
                {
                    a = _spec.Minimize(_population[i], first);
                    b = _spec.Minimize(_population[i], first.Fresh());
                }
                catch (Exception e)
                {
                    Add(FindingKind.MinimizerThrew, i, $"the minimizer threw {e.GetType().Name} for partner {partner} on {Who(i)}: {e.Message}");
                    return;
                }

                Dictionary<string, string> va = TokenValues(a), vb = TokenValues(b);
                foreach (var (path, value) in va)
                {
                    if (!vb.TryGetValue(path, out string? other) || other != value)
                    {
                        Add(FindingKind.NotDeterministic, i, $"{Who(i)}: {path} differs between two runs for partner {partner} " +
                            $"('{Shorten(value)}' then '{Shorten(other ?? "missing")}'), so {partner} cannot join this person's records");
                        return;
                    }
                }
            }
        }
    }
}
