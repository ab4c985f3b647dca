using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
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

        private const int JsonSample = 256;

        private readonly MinimizerSpec<TIn, TOut> _spec;
        private readonly Population<TIn> _population;
        private readonly FindingKind[]? _focus;
        private readonly List<Finding> _findings = new List<Finding>();
        private readonly byte[] _secretRoot;
        private readonly string _inName = typeof(TIn).Name;
        private readonly string _outName = ObjectGraph.TypeName(typeof(TOut));
        private readonly List<(MemberSlot Slot, string Category)> _identifierMembers;
        private readonly List<string> _guesses;
        private readonly Dictionary<string, string> _memberNames = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<(string Member, string Category, object Value), Identifier?> _identifierCache = new Dictionary<(string, string, object), Identifier?>();
        private readonly Dictionary<FindingKind, (string Measure, double? Figure, double? Threshold)> _measures = new Dictionary<FindingKind, (string, double?, double?)>();
        private TOut[] _outputs = Array.Empty<TOut>();
        private List<Leaf>?[] _leaves = Array.Empty<List<Leaf>?>();
        private int[] _subjects = Array.Empty<int>();
        private int _subjectCount;
        private int _lastMatches;

        public SpecRun(MinimizerSpec<TIn, TOut> spec, Population<TIn> population, FindingKind[]? focus)
        {
            _spec = spec;
            _population = population;
            _focus = focus;
            (_identifierMembers, _guesses) = spec.ResolveIdentifiers();
            foreach (var (slot, _) in _identifierMembers)
            {
                _memberNames[slot.Name] = _inName + "." + slot.Name;
            }

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

        private static TimeSpan Cpu()
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }

        private void Measure(FindingKind kind, string measure, double? figure = null, double? threshold = null) => _measures[kind] = (measure, figure, threshold);

        public HarnessReport Execute()
        {
            string subject = $"{_inName} -> {_outName} for partner {_spec.MainPartner}";
            string description = _population.ToString().Split('\n')[0].Trim();
            var report = new HarnessReport(subject, description, _findings) { CategoryGuesses = _guesses };
            int n = _population.Count;
            _outputs = new TOut[n];
            _leaves = new List<Leaf>?[n];
            MinimizerContext context = RealContext(_spec.MainPartner);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan cpu = Cpu();
            Measure(FindingKind.MinimizerThrew, $"ran on {Text.Count(n, "record")}");
            for (int i = 0; i < n; i++)
            {
                try
                {
                    _outputs[i] = _spec.Minimize(_population[i], context);
                }
                catch (Exception e)
                {
                    Add(FindingKind.MinimizerThrew, i, $"the minimizer threw {e.GetType().Name} on record #{i} ({PersonOf(i) ?? "no identifier"}): {e.Message}");
                    Measure(FindingKind.MinimizerThrew, $"threw on record #{i}", 1, 0);
                    report.Properties = BuildProperties();
                    return report;
                }
            }

            report.PhaseTimes["minimize"] = clock.Elapsed;
            report.PhaseCpu["minimize"] = Cpu() - cpu;
            TrueSubjects();

            if (_spec.SurvivalOn && (On(FindingKind.IdentifierSurvives) || On(FindingKind.PartialIdentifier)))
            {
                clock.Restart();
                cpu = Cpu();
                Survival();
                report.PhaseTimes["survival"] = clock.Elapsed;
                report.PhaseCpu["survival"] = Cpu() - cpu;
            }

            clock.Restart();
            cpu = Cpu();
            PopulationLevel(report);
            report.PhaseTimes["population checks"] = clock.Elapsed;
            report.PhaseCpu["population checks"] = Cpu() - cpu;

            if (_spec.EnumerationSamples > 0 && On(FindingKind.Enumeration))
            {
                clock.Restart();
                Enumeration();
                report.PhaseTimes["enumeration"] = clock.Elapsed;
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
            report.Properties = BuildProperties();
            return report;
        }

        /// <summary>The person each record is about: the spec's <c>SubjectBy</c>, else the population's own subjects.</summary>
        private void TrueSubjects()
        {
            int n = _population.Count;
            _subjects = new int[n];
            Func<TIn, object?>? by = _spec.SubjectSelector;
            if (by == null)
            {
                int max = 0;
                for (int i = 0; i < n; i++)
                {
                    _subjects[i] = _population.SubjectOf(i);
                    max = Math.Max(max, _subjects[i] + 1);
                }

                _subjectCount = max;
                return;
            }

            var ids = new Dictionary<ulong, int>();
            MemberSlot? subjectSlot = _spec.SubjectSlot;
            string? subjectCategory = subjectSlot != null && subjectSlot.IsIdentity && !subjectSlot.IsNested ? subjectSlot.Category : null;
            for (int i = 0; i < n; i++)
            {
                object? value;
                try
                {
                    value = by(_population[i]);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException($"SubjectBy threw {e.GetType().Name} on record #{i}: {e.Message}", e);
                }

                ulong key = SubjectKey(value, subjectCategory, 0);
                if (!ids.TryGetValue(key, out int id))
                {
                    id = ids.Count;
                    ids[key] = id;
                }

                _subjects[i] = id;
            }

            _subjectCount = ids.Count;
        }

        /// <summary>
        /// The key of a true subject. A scalar is its own key; an object (a nested <c>Subscriber</c> made afresh for each record,
        /// as a population or a deserialized file gives it) is keyed by its data, never by reference or by a type name that
        /// its <c>ToString()</c> would give, which would make every record one subject.
        /// </summary>
        /// <remarks>
        /// An identifier is keyed by its normal form (the same number written "613-555-0143" and "(613) 555-0143" is one person);
        /// an object by the normal forms of its identifying members, or by all its data when it has none.
        /// </remarks>
        private static ulong SubjectKey(object? value, string? category, int depth)
        {
            if (value == null)
            {
                return KeyHash.OfObject(null);
            }

            if (category != null && IdentifierVariants.Create(category, string.Empty, value) is Identifier id)
            {
                return KeyHash.Of(category + "\u0001" + id.Display);
            }

            Type type = value.GetType();
            if (ObjectGraph.IsScalar(type) || depth > 3)
            {
                return KeyHash.OfObject(value);
            }

            ulong key = 0x5BD1E995UL;
            bool identified = false;
            RecordShape? shape = null;
            try
            {
                shape = value is System.Collections.IEnumerable ? null : RecordShape.For(type);
            }
            catch (InvalidOperationException)
            {
                // Not a record the harness can build: keyed by its data below.
            }

            foreach (MemberSlot m in shape?.Members ?? (IReadOnlyList<MemberSlot>)Array.Empty<MemberSlot>())
            {
                object? v = m.Get(value);
                if (m.IsNested)
                {
                    key = KeyHash.Combine(key, SubjectKey(v, null, depth + 1));
                    identified = true;
                }
                else if (m.IsIdentity && m.Category != null && m.Category != IdentityCategory.Timestamp && m.Category != IdentityCategory.Geo && m.Category != IdentityCategory.CellTower)
                {
                    IEnumerable<object?> items = m.ElementType != null && v is System.Collections.IEnumerable e ? e.Cast<object?>() : new[] { v };
                    foreach (ulong k in items.Select(x => SubjectKey(x, m.Category, depth + 1)).Distinct().OrderBy(k => k))
                    {
                        key = KeyHash.Combine(key, k);
                    }

                    identified = true;
                }
            }

            if (identified)
            {
                return key;
            }

            foreach (Leaf leaf in ObjectGraph.Leaves(value, "subject"))
            {
                key = KeyHash.Combine(KeyHash.Combine(key, KeyHash.Of(leaf.Path)), KeyHash.Of(leaf.Text));
            }

            return key;
        }

        private List<PropertyResult> BuildProperties()
        {
            var kinds = new List<FindingKind> { FindingKind.MinimizerThrew };
            if (_spec.SurvivalOn)
            {
                kinds.Add(FindingKind.IdentifierSurvives);
                if (_spec.PartialOn)
                {
                    kinds.Add(FindingKind.PartialIdentifier);
                }
            }

            if (_spec.QuasiIds != null)
            {
                kinds.Add(FindingKind.KAnonymity);
                if (_spec.RiskOn)
                {
                    kinds.AddRange(new[] { FindingKind.HighestRisk, FindingKind.AverageRisk, FindingKind.UniqueRecords });
                }

                if (_spec.Sensitive != null)
                {
                    kinds.Add(FindingKind.LDiversity);
                }
            }

            if (_spec.TraceModel != null)
            {
                kinds.Add(FindingKind.TraceUnicity);
            }

            if (_spec.EnumerationSamples > 0)
            {
                kinds.Add(FindingKind.Enumeration);
            }

            if (_spec.Partners.Length >= 2)
            {
                kinds.Add(FindingKind.Linkable);
            }

            if (_spec.JoinablePartner != null)
            {
                kinds.Add(FindingKind.NotDeterministic);
            }

            var results = new List<PropertyResult>();
            foreach (FindingKind kind in kinds)
            {
                bool measured = _measures.TryGetValue(kind, out var m);
                Finding? finding = _findings.FirstOrDefault(f => f.Kind == kind);
                if (!measured && finding == null)
                {
                    // Not run (shrinking re-runs only the failed property, or an earlier failure stopped the run).
                    continue;
                }

                var result = new PropertyResult(kind, finding == null, measured ? m.Measure : string.Empty, finding?.Figure ?? m.Figure, finding?.Threshold ?? m.Threshold, finding);
                if (finding != null)
                {
                    var records = new List<int>();
                    if (finding.RecordIndex is int r && r >= 0)
                    {
                        records.Add(r);
                    }

                    foreach (int x in finding.Records)
                    {
                        if (!records.Contains(x))
                        {
                            records.Add(x);
                        }
                    }

                    int limit = kind == FindingKind.TraceUnicity ? Math.Max(3, _spec.TracePoints) : 3;
                    result.CounterexampleRecords = records.Take(limit).ToArray();
                    result.Counterexample = result.CounterexampleRecords.Select(Print).ToArray();
                }

                results.Add(result);
            }

            return results;
        }

        /// <summary>A record and its output as data: <c>#3 CallRecord { CallerNumber = "613-402-0187", … } -&gt; SharedCall { … }</c>.</summary>
        internal string Print(int i)
        {
            string output = i < _outputs.Length ? RecordPrinter.Print(_outputs[i], _outName) : "(not minimized)";
            return $"#{i} {RecordPrinter.Print(_population[i], _inName)}\n  -> {output}";
        }

        private Finding Add(FindingKind kind, int? record, string message, string? person = null)
        {
            var f = new Finding(kind, message, record, person ?? (record.HasValue && record.Value >= 0 ? PersonOf(record.Value) : null));
            _findings.Add(f);
            return f;
        }

        private List<Leaf> LeavesOf(int i) => _leaves[i] ??= ObjectGraph.Leaves(_outputs[i], _outName);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private Identifier? IdentifierOf(MemberSlot slot, string category, object? value)
        {
            if (value == null)
            {
                return null;
            }

            var key = (slot.Name, category, value);
            if (!_identifierCache.TryGetValue(key, out Identifier? id))
            {
                id = IdentifierVariants.Create(category, _inName + "." + slot.Name, value);
                _identifierCache[key] = id;
            }

            return id;
        }

        private List<Identifier> IdentifiersOf(int i) => IdentifiersOf(i, new List<Identifier>(_identifierMembers.Count));

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private List<Identifier> IdentifiersOf(int i, List<Identifier> list)
        {
            list.Clear();
            object record = _population[i]!;
            foreach (var (slot, category) in _identifierMembers)
            {
                Identifier? id = IdentifierOf(slot, category, slot.Get(record));
                if (id != null)
                {
                    list.Add(id);
                }
            }

            return list;
        }

        /// <summary>
        /// The identifiers of record i made afresh, not kept: what survival's sample needs once per record. Kept in
        /// <see cref="_identifierCache"/>, the sample's tens of thousands of identifiers, each seen once, outlive the young
        /// generation and are copied up the heap and marked with the population on every full collection.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private List<Identifier> FreshIdentifiersOf(int i, List<Identifier> list)
        {
            list.Clear();
            object record = _population[i]!;
            foreach (var (slot, category) in _identifierMembers)
            {
                Identifier? id = IdentifierVariants.Create(category, _memberNames[slot.Name], slot.Get(record));
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

        // ---- 1. no identifier survives, whole or in a part that singles its subject out ----------------------------------

        /// <summary>Records searched in full (every form, encodings, parts) besides those whose normal form is found: the first ones and every 64th.</summary>
        private static bool InFullSample(int i) => i < FullSearchSample || (i & 63) == 0;

        private const int FullSearchSample = 4_096;

        /// <summary>
        /// Whether any identifier of record i appears in its normal form in the output's texts: the pass over every record.
        /// Encodings, parts and the JSON form are searched on the sample; a minimizer applies an encoding to every record, so
        /// the sample finds it, and any record whose normal form is found is then searched in full.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private bool NormalFormFound(int i, LeafText text, IdentifierVariants.FormKind[] kinds, ref char[] scratch)
        {
            object? output = _outputs[i];
            if (!text.TryWrite(output))
            {
                text.AddAll(ObjectGraph.Leaves(output, _outName));
            }

            object record = _population[i]!;
            int longestDigitRun = -1;
            for (int m = 0; m < _identifierMembers.Count; m++)
            {
                var (slot, category) = _identifierMembers[m];
                object? value = slot.Get(record);
                if (value is string s)
                {
                    if (IdentifierVariants.IsDigitKind(kinds[m]))
                    {
                        // A form made only of digits longer than every run of digits in the compact text is not in it:
                        // ruled out from the value's digit count, without writing the form or searching.
                        if (longestDigitRun < 0)
                        {
                            longestDigitRun = text.LongestDigitRun();
                        }

                        if (IdentifierVariants.DigitFormMinLength(kinds[m], s) > longestDigitRun)
                        {
                            continue;
                        }
                    }

                    if (scratch.Length < s.Length)
                    {
                        scratch = new char[Math.Max(s.Length, scratch.Length * 2)];
                    }

                    IdentifierVariants.FormResult result = IdentifierVariants.NormalForm(kinds[m], s, scratch, out int length);
                    if (result == IdentifierVariants.FormResult.None)
                    {
                        continue;
                    }

                    if (result != IdentifierVariants.FormResult.Unsupported)
                    {
                        ReadOnlySpan<char> form = scratch.AsSpan(0, length);
                        if (result == IdentifierVariants.FormResult.Compact ? text.Compact.IndexOf(form) >= 0 : text.Raw.IndexOf(form, StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            return true;
                        }

                        continue;
                    }
                }

                var normal = IdentifierVariants.NormalForm(category, value);
                if (normal == null)
                {
                    continue;
                }

                var (formText, isCompact) = normal.Value;
                if (isCompact ? text.Compact.IndexOf(formText.AsSpan()) >= 0 : text.Raw.IndexOf(formText.AsSpan(), StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Optimized from its first call: it runs once per evaluation, one loop over every record.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private void Survival()
        {
            bool full = On(FindingKind.IdentifierSurvives);
            bool partial = _spec.PartialOn && On(FindingKind.PartialIdentifier);
            int carrying = 0, searched = 0, normalOnly = 0;
            Finding? first = null, partialFinding = null;
            var partChecked = new HashSet<string>(StringComparer.Ordinal);
            var leafForms = new Dictionary<(string, string), Haystack[]>();
            var idBuffer = new List<Identifier>(_identifierMembers.Count);
            var hits = new List<(Identifier Id, Hit Hit)>();
            var digitRuns = new List<DigitRun>();
            char[] scratch = new char[64];
            IdentifierVariants.FormKind[] kinds = _identifierMembers.Select(m => IdentifierVariants.KindOf(m.Category)).ToArray();

            // The raw text is written only when some normal form is searched in it (an e-mail, an opaque or parsed value).
            var leafText = new LeafText(compactOnly: kinds.All(IdentifierVariants.SearchedCompact));
            for (int i = 0; i < _population.Count; i++)
            {
                if (!InFullSample(i) && !NormalFormFound(i, leafText, kinds, ref scratch))
                {
                    normalOnly++;
                    continue;
                }

                List<Leaf> leaves = ObjectGraph.Leaves(_outputs[i], _outName);

                List<Identifier> ids = FreshIdentifiersOf(i, idBuffer);
                if (ids.Count == 0)
                {
                    continue;
                }

                searched++;
                List<Haystack> hay = SurvivalSearch.Haystacks(leaves, leafForms);
                hits.Clear();
                foreach (Identifier id in ids)
                {
                    Hit? hit = SurvivalSearch.Find(id, hay);
                    if (hit.HasValue)
                    {
                        hits.Add((id, hit.Value));
                    }
                }

                if (hits.Count == 0 && i < JsonSample)
                {
                    // The JSON form adds what custom converters write; the object graph holds everything else, so a sample suffices.
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
                    carrying++;
                    if (first == null && full)
                    {
                        var (id, hit) = hits[0];
                        string message = $"{id} ({id.Member}, record #{i}) survives {hit.How} in {hit.Path}";
                        // The same value held twice (two aliases alike, a number in two members) is named once.
                        var others = hits.Skip(1).Where(h => h.Id.ToString() != id.ToString()).Select(h => $"{h.Id} ({h.Hit.How} in {h.Hit.Path})").Distinct().ToList();
                        if (others.Count > 0)
                        {
                            message += "; so do " + string.Join(", ", others);
                        }

                        first = Add(FindingKind.IdentifierSurvives, i, message, id.ToString());
                        first.Threshold = 0;
                    }

                    continue;
                }

                if (!partial || partialFinding != null)
                {
                    continue;
                }

                SurvivalSearch.DigitRuns(hay, digitRuns);
                foreach (Identifier id in ids)
                {
                    foreach (Part part in id.Parts)
                    {
                        Hit? hit = SurvivalSearch.FindPart(part, hay, digitRuns);
                        if (!hit.HasValue)
                        {
                            continue;
                        }

                        string key = id.Member + "\u0001" + part.Kind;
                        var (unique, total, mine) = SinglesOut(id, part, i);
                        if (mine && partialFinding == null)
                        {
                            partialFinding = Add(FindingKind.PartialIdentifier, i,
                                $"{id} ({id.Member}, record #{i}) survives in part: {part.Kind} '{part.Text}' {(hit.Value.How.Length > 0 ? hit.Value.How + " " : string.Empty)}in {hit.Value.Path}, " +
                                $"and that part singles out {unique:N0} of {Text.Count(total, "subject")} in the population, this one among them",
                                id.ToString());
                            partialFinding.Figure = unique;
                            partialFinding.Threshold = 0;
                            partialFinding.Attack = $"group the population's {id.Member} values by {part.Kind.Replace("its ", string.Empty)}: a value held by one subject names that subject";
                            Measure(FindingKind.PartialIdentifier, $"{part.Kind} of {id.Member} kept: singles out {unique:N0} of {Text.Count(total, "subject")} (allowed: 0)", unique, 0);
                        }
                        else if (partChecked.Add(key))
                        {
                            Measure(FindingKind.PartialIdentifier, $"{part.Kind} of {id.Member} kept, but it singles out {unique:N0} of {Text.Count(total, "subject")}", unique, 0);
                        }
                    }
                }
            }

            string scope = normalOnly == 0 ? string.Empty
                : $"; {Text.Count(normalOnly, "more record")} searched for normal forms only";
            if (first != null)
            {
                first.Figure = carrying;
                string figure = $"{carrying:N0} of {Text.Count(searched, "record")} {(carrying == 1 ? "carries" : "carry")} an identifier (allowed: 0){scope}";
                Measure(FindingKind.IdentifierSurvives, figure, carrying, 0);
            }
            else
            {
                Measure(FindingKind.IdentifierSurvives, $"no identifier found in {Text.Count(searched, "record")} searched in every form{scope}", 0, 0);
            }

            if (!_measures.ContainsKey(FindingKind.PartialIdentifier))
            {
                Measure(FindingKind.PartialIdentifier, "no part of an identifier kept on its own", 0, 0);
            }
        }

        private readonly Dictionary<string, Dictionary<string, (int Subject, bool Shared)>> _partIndex = new Dictionary<string, Dictionary<string, (int, bool)>>(StringComparer.Ordinal);

        /// <summary>How many subjects the part (by its kind, for this member) singles out in the population, and whether record i's subject is one.</summary>
        private (int Unique, int Total, bool Mine) SinglesOut(Identifier identifier, Part part, int record)
        {
            string key = identifier.Member + "\u0001" + part.Kind + "\u0001" + part.Mode;
            if (!_partIndex.TryGetValue(key, out var index))
            {
                index = new Dictionary<string, (int, bool)>(StringComparer.Ordinal);
                var slot = _identifierMembers.First(m => _inName + "." + m.Slot.Name == identifier.Member);
                for (int i = 0; i < _population.Count; i++)
                {
                    Identifier? id = IdentifierOf(slot.Slot, slot.Category, slot.Slot.Get(_population[i]!));
                    if (id == null)
                    {
                        continue;
                    }

                    foreach (Part p in id.Parts)
                    {
                        if (p.Kind == part.Kind && p.Mode == part.Mode)
                        {
                            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(index, p.Text, out bool exists);
                            if (!exists)
                            {
                                entry = (_subjects[i], false);
                            }
                            else if (entry.Subject != _subjects[i])
                            {
                                entry.Shared = true;
                            }

                            break;
                        }
                    }
                }

                _partIndex[key] = index;
            }

            var singled = new HashSet<int>();
            foreach (var e in index.Values)
            {
                if (!e.Shared)
                {
                    singled.Add(e.Subject);
                }
            }

            bool mine = index.TryGetValue(part.Text, out var own) && !own.Shared;
            return (singled.Count, Math.Max(_subjectCount, 1), mine);
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

        // ---- 2. k-anonymity, l-diversity, risk, trace unicity -----------------------------------------------------------

        private List<int> ClassMembers(QuasiIdentifiers<TOut> qis, int first, int limit)
        {
            var members = new List<int>();
            if (first < 0)
            {
                return members;
            }

            ulong key = qis.KeyOf(_outputs[first]);
            for (int i = 0; i < _outputs.Length && members.Count < limit; i++)
            {
                if (qis.KeyOf(_outputs[i]) == key)
                {
                    members.Add(i);
                }
            }

            return members;
        }

        private void PopulationLevel(HarnessReport report)
        {
            QuasiIdentifiers<TOut>? qis = _spec.QuasiIds;
            bool populationChecks = _focus == null;
            if (qis != null && populationChecks && _outputs.Length > 0)
            {
                EquivalenceClasses classes = PopulationChecks.Classes(_outputs, qis);
                KAnonymityResult k = classes.KAnonymity(_spec.K);
                report.KAnonymity = k;
                Measure(FindingKind.KAnonymity, $"smallest class {Text.Count(k.SmallestClassSize, "record")} of {Text.Count(k.Classes, "class", "classes")}, k = {_spec.K}", k.SmallestClassSize, _spec.K);
                if (!k.Passed)
                {
                    Finding f = Add(FindingKind.KAnonymity, k.SmallestClassFirstRecord, k + SinglesOutText(k.SmallestClassSize, k.SmallestClassFirstRecord));
                    f.Figure = k.SmallestClassSize;
                    f.Threshold = _spec.K;
                    f.Records = ClassMembers(qis, k.SmallestClassFirstRecord, 3);
                    f.Attack = $"an attacker who knows {string.Join(" and ", qis.Names)} of a person finds the class {k.SmallestClass}, {Text.Count(k.SmallestClassSize, "record")} wide";
                }

                if (_spec.RiskOn)
                {
                    RiskResult risk = classes.Risk(1.0 / _spec.K);
                    report.Risk = risk;
                    Measure(FindingKind.HighestRisk, string.Format(CultureInfo.InvariantCulture, "highest risk {0:0.####}, allowed {1:0.####}", risk.Highest, _spec.MaxHighestRisk), risk.Highest, _spec.MaxHighestRisk);
                    Measure(FindingKind.AverageRisk, string.Format(CultureInfo.InvariantCulture, "average risk {0:0.####}, allowed {1:0.####}", risk.Average, _spec.MaxAverageRisk), risk.Average, _spec.MaxAverageRisk);
                    Measure(FindingKind.UniqueRecords, string.Format(CultureInfo.InvariantCulture, "{0:P2} of records unique, allowed {1:P2}", risk.UniqueShare, _spec.MaxUniqueShare), risk.UniqueShare, _spec.MaxUniqueShare);
                    if (risk.Highest > _spec.MaxHighestRisk + 1e-12)
                    {
                        Finding f = Add(FindingKind.HighestRisk, risk.SmallestClassFirstRecord, string.Format(
                            CultureInfo.InvariantCulture,
                            "highest prosecutor risk {0:0.####} (1 / {1} of class {2}) > {3:0.####}",
                            risk.Highest, Text.Count(classes.SmallestClassSize, "record"), risk.SmallestClass, _spec.MaxHighestRisk));
                        f.Figure = risk.Highest;
                        f.Threshold = _spec.MaxHighestRisk;
                        f.Records = ClassMembers(qis, risk.SmallestClassFirstRecord, 3);
                    }

                    if (risk.Average > _spec.MaxAverageRisk + 1e-12)
                    {
                        Finding f = Add(FindingKind.AverageRisk, null, string.Format(
                            CultureInfo.InvariantCulture,
                            "average prosecutor risk {0:0.####} ({1} / {2}) > {3:0.####}",
                            risk.Average, Text.Count(classes.ClassCount, "class", "classes"), Text.Count(classes.RecordCount, "record"), _spec.MaxAverageRisk));
                        f.Figure = risk.Average;
                        f.Threshold = _spec.MaxAverageRisk;
                    }

                    if (risk.UniqueShare > _spec.MaxUniqueShare + 1e-12)
                    {
                        Finding f = Add(FindingKind.UniqueRecords, classes.SmallestClassSize == 1 ? classes.SmallestClassFirstRecord : null, string.Format(
                            CultureInfo.InvariantCulture,
                            "{0:P2} of records ({1:N0}) are unique on the quasi-identifiers > {2:P2}; e.g. {3}",
                            risk.UniqueShare, classes.UniqueRecords, _spec.MaxUniqueShare, Who(classes.SmallestClassFirstRecord)));
                        f.Figure = risk.UniqueShare;
                        f.Threshold = _spec.MaxUniqueShare;
                    }
                }

                if (_spec.Sensitive != null)
                {
                    LDiversityResult l = PopulationChecks.LDiversity(_outputs, qis, _spec.Sensitive, _spec.L);
                    report.LDiversity = l;
                    Measure(FindingKind.LDiversity, string.Format(CultureInfo.InvariantCulture, "lowest l {0:0.##}, required {1:0.##}", l.LowestEffectiveL, _spec.L), l.LowestEffectiveL, _spec.L);
                    if (!l.Passed)
                    {
                        Finding f = Add(FindingKind.LDiversity, null, l.ToString());
                        f.Figure = l.LowestEffectiveL;
                        f.Threshold = _spec.L;
                    }
                }
            }

            if (_spec.TraceModel != null && populationChecks && _outputs.Length > 0)
            {
                TraceUnicityResult u = TraceIndex.UnicityBySubject(_outputs, _subjects, _spec.TraceModel, _spec.TracePoints, 2_000, _population.Seed);
                report.TraceUnicity = u;
                string fewer = u.SubjectsWithFewerPoints == 0 ? string.Empty
                    : $"; {Text.Count(u.SubjectsWithFewerPoints, "subject has", "subjects have")} fewer than {_spec.TracePoints} points and {(u.SubjectsWithFewerPoints == 1 ? "was" : "were")} tested with all of {(u.SubjectsWithFewerPoints == 1 ? "its" : "theirs")}";
                Measure(FindingKind.TraceUnicity, string.Format(
                    CultureInfo.InvariantCulture, "{0:P1} of {1} singled out by {2} points, allowed {3:P1}{4}",
                    u.Unicity, Text.Count(u.Sampled, "subject"), _spec.TracePoints, _spec.MaxUnicity, fewer), u.Unicity, _spec.MaxUnicity);
                if (u.Unicity > _spec.MaxUnicity + 1e-12)
                {
                    string who = u.ExampleRecord >= 0 ? " (" + Who(u.ExampleRecord) + ")" : string.Empty;
                    string by = _spec.SubjectName != null ? " (subjects by " + _spec.SubjectName + ")" : string.Empty;
                    Finding f = Add(FindingKind.TraceUnicity, u.ExampleRecord >= 0 ? u.ExampleRecord : null, string.Format(
                        CultureInfo.InvariantCulture, "trace unicity {0:P1} > {1:P1}{2}: {3}{4}", u.Unicity, _spec.MaxUnicity, by, u, who));
                    f.Figure = u.Unicity;
                    f.Threshold = _spec.MaxUnicity;
                    f.Records = u.ExampleRecords;
                    f.Attack = $"an attacker who knows {Text.Count(_spec.TracePoints, "(place, time) point")} of a person's records looks for the traces that hold all of them";
                }
            }
        }

        private string SinglesOutText(int size, int first) => size <= 3 && first >= 0 ? $"; it singles out {Who(first)}" : string.Empty;

        // ---- 3. enumeration resistance --------------------------------------------------------------------------------

        private readonly Dictionary<string, List<object>> _populationValues = new Dictionary<string, List<object>>(StringComparer.Ordinal);

        private List<object> PopulationValues(MemberSlot slot)
        {
            if (!_populationValues.TryGetValue(slot.Name, out List<object>? values))
            {
                values = new List<object>();
                var seen = new HashSet<object>();
                for (int i = 0; i < _population.Count && values.Count < 20_000; i++)
                {
                    object? v = slot.Get(_population[i]!);
                    if (v != null && seen.Add(v))
                    {
                        values.Add(v);
                    }
                }

                _populationValues[slot.Name] = values;
            }

            return values;
        }

        private void Enumeration()
        {
            var members = _identifierMembers.Where(m => m.Slot.CanSet).ToList();
            if (members.Count == 0 || _population.Count == 0)
            {
                Measure(FindingKind.Enumeration, "no identifier member to enumerate");
                return;
            }

            MinimizerContext attacker = AttackerContext(_spec.MainPartner);
            int attacks = 0, fewest = int.MaxValue;
            foreach (int i in SampleRecords(_spec.EnumerationSamples, salt: 3))
            {
                object record = _population[i]!;
                foreach (var (slot, category) in members)
                {
                    _spec.CandidateGenerators.TryGetValue(category, out var custom);
                    CandidateSpace? space = CandidateSpace.For(category, slot.Get(record), PopulationValues(slot), custom);
                    if (space == null)
                    {
                        continue;
                    }

                    attacks++;
                    _lastMatches = int.MaxValue;
                    string? verdict = Attack(record, slot, space, LeavesOf(i), attacker);
                    if (_lastMatches < fewest)
                    {
                        fewest = _lastMatches;
                    }

                    if (verdict != null)
                    {
                        Identifier? id = IdentifierOf(slot, category, slot.Get(record));
                        string person = id?.ToString() ?? category + " " + IdentifierVariants.TextOf(slot.Get(record)!);
                        Finding f = Add(FindingKind.Enumeration, i, $"{person} ({_inName}.{slot.Name}, record #{i}) is singled out by enumeration: an attacker who runs {space.Description} " +
                            $"through the published minimizer with keys of its own {verdict}", person);
                        f.Attack = $"runs {space.Description} through the published minimizer with keys of its own and matches the outputs";
                        f.Figure = _lastMatches;
                        f.Threshold = _spec.K;
                        Measure(FindingKind.Enumeration, $"{Text.Count(_lastMatches, "candidate")} left for {person}, k = {_spec.K}", _lastMatches, _spec.K);
                        return;
                    }
                }
            }

            Measure(FindingKind.Enumeration, attacks == 0
                ? "no identifier with candidates to enumerate"
                : $"{Text.Count(attacks, "attack")}; the fewest candidates left matching was {(fewest == int.MaxValue || fewest == 0 ? "none: no candidate's output matched" : fewest.ToString("N0", CultureInfo.InvariantCulture))}, k = {_spec.K}",
                fewest == int.MaxValue ? null : fewest, _spec.K);
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

                if (trueMatches)
                {
                    _lastMatches = Math.Min(_lastMatches, matches);
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

                if (trueMatches)
                {
                    _lastMatches = Math.Min(_lastMatches, matches);
                }

                if (trueMatches && matches < _spec.K)
                {
                    return Narrowed(matches, string.Join(" + ", matchable));
                }
            }

            return null;
        }

        private string Narrowed(int matches, string path)
        {
            _lastMatches = matches;
            return matches == 1
                ? $"matches {path} to exactly one candidate, the true one"
                : $"narrows {path} to {matches} candidates (< k={_spec.K}), the true one among them";
        }

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
                Measure(FindingKind.Linkable, "no token column found (declare them with Tokens(...))");
                return;
            }

            string main = _spec.MainPartner;

            // How many distinct true subjects carry each token value (up to k): a value shared by k people links no one.
            var frequency = new Dictionary<string, Dictionary<string, List<int>>>(StringComparer.Ordinal);
            foreach (string path in tokens.Keys)
            {
                frequency[path] = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            }

            var holdingSubjects = tokens.Keys.ToDictionary(p => p, _ => new HashSet<int>(), StringComparer.Ordinal);
            for (int i = 0; i < _outputs.Length; i++)
            {
                foreach (var kv in TokenValuesOfMain(i))
                {
                    if (frequency.TryGetValue(kv.Key, out var counts))
                    {
                        holdingSubjects[kv.Key].Add(_subjects[i]);
                        if (!counts.TryGetValue(kv.Value, out List<int>? holders))
                        {
                            holders = new List<int>(1);
                            counts[kv.Value] = holders;
                        }

                        if (holders.Count < _spec.K && !holders.Contains(_subjects[i]))
                        {
                            holders.Add(_subjects[i]);
                        }
                    }
                }
            }

            // A column found automatically (it changes with an identifier) may be a pseudonym or a generalization: a birth band
            // or an IPv6 /48 changes too. Joining on a generalization is the quasi-identifiers' risk, which k-anonymity measures;
            // a column is a token to join on when it names people: it has a value for every one or two subjects who carry it
            // (a household's token, two people each, still links them).
            var pseudonyms = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, counts) in frequency)
            {
                if (_spec.DeclaredTokens != null || counts.Count * 2 >= holdingSubjects[path].Count)
                {
                    pseudonyms.Add(path);
                }
            }

            int sampled = 0;

            var contexts = _spec.Partners.Where(p => p != main).Select(p => (Partner: p, Context: RealContext(p))).ToList();
            foreach (int i in SampleRecords(UnlinkSample, salt: 7))
            {
                sampled++;
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
                        if (pseudonyms.Contains(path) && mine.TryGetValue(path, out string? a) && theirs.TryGetValue(path, out string? b) && a == b && a.Length > 0
                            && frequency[path].TryGetValue(a, out List<int>? holders) && holders.Count < _spec.K)
                        {
                            int f = holders.Count;
                            Finding finding = Add(FindingKind.Linkable, i, $"{Who(i)}: {path} (from {from}) is '{Shorten(a)}' for both {main} and {partner}, " +
                                $"so the two releases join on this person ({Text.Count(f, "subject carries", "subjects carry")} that value)");
                            finding.Attack = $"{main} and {partner} join their releases on {path}";
                            finding.Figure = f;
                            finding.Threshold = _spec.K;
                            Measure(FindingKind.Linkable, $"{path} equal for {main} and {partner} on a value {Text.Count(f, "subject carries", "subjects carry")} (< k = {_spec.K})", f, _spec.K);
                            return;
                        }
                    }
                }
            }
            Measure(FindingKind.Linkable, $"{Text.Count(sampled, "person", "people")} minimized for {string.Join(", ", _spec.Partners)}: no token joins them", 0, _spec.K);
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
            Measure(FindingKind.NotDeterministic, $"the same records minimized twice for {partner} give the same output");
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
                        Finding f = Add(FindingKind.NotDeterministic, i, $"{Who(i)}: {path} differs between two runs for partner {partner} " +
                            $"('{Shorten(value)}' then '{Shorten(other ?? "missing")}'), so {partner} cannot join this person's records");
                        f.Attack = $"the record minimized twice for {partner} with the same keys";
                        Measure(FindingKind.NotDeterministic, $"{path} differs between two runs");
                        return;
                    }
                }
            }
        }
    }
}
