using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Minimization.Analyzers.Flow;

namespace Minimization.Analyzers.Adoption
{
    /// <summary>
    /// One accepted finding: a source, the sink it reaches and the member where it is reported (documentation-comment IDs,
    /// never line numbers, so that edits elsewhere leave it matching), with the reason it is accepted.
    /// </summary>
    internal sealed class BaselineEntry
    {
        public BaselineEntry(BaselineFile file, string source, string sink, string member, string? partner, string? justification, TextSpan span)
        {
            File = file;
            Source = source;
            Sink = sink;
            Member = member;
            Partner = partner;
            Justification = justification;
            Span = span;
        }

        public BaselineFile File { get; }

        public string Source { get; }

        public string Sink { get; }

        public string Member { get; }

        public string? Partner { get; }

        public string? Justification { get; }

        public TextSpan Span { get; }

        public bool HasJustification => !string.IsNullOrWhiteSpace(Justification);

        public Location Location => File.LocationOf(Span);
    }

    /// <summary>A baseline file from <c>AdditionalFiles</c>: its entries, or why it cannot be read.</summary>
    internal sealed class BaselineFile
    {
        private readonly SourceText _text;

        public BaselineFile(string path, SourceText text)
        {
            Path = path;
            _text = text;
        }

        public string Path { get; }

        public string Name => System.IO.Path.GetFileName(Path);

        public List<BaselineEntry> Entries { get; } = new List<BaselineEntry>();

        /// <summary>What is wrong with the file or an entry, and where (MIN019).</summary>
        public List<(string Message, TextSpan Span)> Errors { get; } = new List<(string, TextSpan)>();

        public Location LocationOf(TextSpan span)
        {
            span = TextSpan.FromBounds(Math.Min(span.Start, _text.Length), Math.Min(span.End, _text.Length));
            return Location.Create(Path, span, _text.Lines.GetLinePositionSpan(span));
        }
    }

    /// <summary>
    /// The accepted risk of a codebase on the day it adopted the toolkit: MIN001 findings listed in
    /// <c>*.minimization.baseline.json</c> files become MIN017 warnings; entries that match nothing any more are MIN018.
    /// Lives in the compilation-start state (never static); marks are concurrent because blocks are analyzed in parallel.
    /// </summary>
    internal sealed class Baseline
    {
        public const string FileName = "minimization.baseline.json";
        public const int Version = 1;

        private readonly Dictionary<(string Source, string Sink, string Member), BaselineEntry> _entries = new Dictionary<(string, string, string), BaselineEntry>();
        private readonly ConcurrentDictionary<BaselineEntry, bool> _matched = new ConcurrentDictionary<BaselineEntry, bool>();

        private Baseline(List<BaselineFile> files)
        {
            Files = files;
            foreach (var f in files)
            {
                foreach (var e in f.Entries)
                {
                    var key = (e.Source, e.Sink, e.Member);
                    if (!_entries.ContainsKey(key))
                    {
                        _entries.Add(key, e);
                    }
                    else
                    {
                        f.Errors.Add(("entry repeats an earlier one (same source, sink and member); remove it", e.Span));
                    }
                }
            }
        }

        public List<BaselineFile> Files { get; }

        /// <summary>Whether <paramref name="path"/> names a baseline: <c>minimization.baseline.json</c> or <c>*.minimization.baseline.json</c>.</summary>
        public static bool IsBaselinePath(string path)
        {
            var name = System.IO.Path.GetFileName(path);
            return string.Equals(name, FileName, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + FileName, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The baselines among the additional files, or null when there is none.</summary>
        public static Baseline? Read(ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
        {
            List<BaselineFile>? files = null;
            foreach (var additional in additionalFiles)
            {
                if (!IsBaselinePath(additional.Path))
                {
                    continue;
                }

                var text = additional.GetText(cancellationToken) ?? SourceText.From(string.Empty);
                var file = new BaselineFile(additional.Path, text);
                Load(file, text.ToString());
                (files ??= new List<BaselineFile>()).Add(file);
            }

            return files is null ? null : new Baseline(files);
        }

        private static void Load(BaselineFile file, string text)
        {
            JsonNode root;
            try
            {
                root = MiniJson.Parse(text);
            }
            catch (JsonFormatException ex)
            {
                file.Errors.Add(("not valid JSON: " + ex.Message, new TextSpan(Math.Min(ex.Position, text.Length), 0)));
                return;
            }

            if (root.Kind != JsonKind.Object || root["accepted"] is not { Kind: JsonKind.Array } accepted)
            {
                file.Errors.Add(("expected an object with an \"accepted\" array (write it with 'minimization baseline')", root.Span));
                return;
            }

            if (root["version"] is { } version && version.Text != Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                file.Errors.Add(("version " + version.Text + " is not understood by this analyzer (expected " + Version + ")", version.Span));
                return;
            }

            foreach (var item in accepted.Items!)
            {
                var source = StringOf(item, "source");
                var sink = StringOf(item, "sink");
                var member = StringOf(item, "member");
                if (item.Kind != JsonKind.Object || source is null || sink is null || member is null)
                {
                    file.Errors.Add(("entry needs \"source\", \"sink\" and \"member\" as strings", item.Span));
                    continue;
                }

                file.Entries.Add(new BaselineEntry(file, source, sink, member, StringOf(item, "partner"), StringOf(item, "justification"), item.Span));
            }
        }

        private static string? StringOf(JsonNode node, string name)
            => node[name] is { Kind: JsonKind.String, Text: { Length: > 0 } text } ? text : null;

        /// <summary>
        /// Whether a finding is accepted: every one of its sources has an entry for this sink and member. A new source in an
        /// accepted flow is new risk, so the finding stays MIN001. The entries used are marked as matched.
        /// </summary>
        public bool TryAccept(IReadOnlyList<string> sources, string sink, string member, out BaselineEntry? first)
        {
            first = null;
            if (sources.Count == 0)
            {
                return false;
            }

            var used = new List<BaselineEntry>(sources.Count);
            foreach (var s in sources)
            {
                if (!_entries.TryGetValue((s, sink, member), out var entry))
                {
                    return false;
                }

                used.Add(entry);
            }

            foreach (var e in used)
            {
                _matched[e] = true;
            }

            first = used[0];
            return true;
        }

        /// <summary>
        /// Entries of this compilation that no finding matched, in file order. An entry belongs to the compilation that declares
        /// its member (or, the member gone, the member's type): a baseline shared by several projects is not stale in the others.
        /// </summary>
        public IEnumerable<BaselineEntry> Stale(Compilation compilation)
        {
            foreach (var f in Files)
            {
                foreach (var e in f.Entries)
                {
                    if (!_matched.ContainsKey(e) && ReferenceEquals(_entries[(e.Source, e.Sink, e.Member)], e) && IsDeclaredIn(e.Member, compilation))
                    {
                        yield return e;
                    }
                }
            }
        }

        private static bool IsDeclaredIn(string member, Compilation compilation)
        {
            var symbol = DocumentationCommentId.GetFirstSymbolForDeclarationId(member, compilation);
            if (symbol is not null)
            {
                return InSource(symbol, compilation);
            }

            // The member was renamed or removed: its type says whose entry it was.
            var name = member.Length > 2 && member[1] == ':' ? member.Substring(2) : member;
            var paren = name.IndexOf('(');
            name = paren >= 0 ? name.Substring(0, paren) : name;
            var dot = name.LastIndexOf('.');
            var type = dot > 0 ? DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + name.Substring(0, dot), compilation) : null;
            return type is not null && InSource(type, compilation);
        }

        private static bool InSource(ISymbol symbol, Compilation compilation)
        {
            foreach (var location in symbol.Locations)
            {
                if (location.IsInSource && location.SourceTree is not null && compilation.ContainsSyntaxTree(location.SourceTree))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The key a baseline names a source by: its documentation-comment ID (a parameter: its method's, then <c>#name</c>; a return value: <c>#return</c>).</summary>
        public static string SourceKey(IdentitySource source)
        {
            switch (source.Key)
            {
                case IParameterSymbol p:
                    return (p.ContainingSymbol.GetDocumentationCommentId() ?? p.ContainingSymbol.ToDisplayString()) + "#" + p.Name;
                case ReturnSourceKey r:
                    return (r.Method.GetDocumentationCommentId() ?? r.Method.ToDisplayString()) + "#return";
                case ISymbol symbol:
                    return symbol.GetDocumentationCommentId() ?? symbol.ToDisplayString();
                default:
                    return source.Display;
            }
        }

        /// <summary>The key of the member a finding is reported in.</summary>
        public static string MemberKey(ISymbol owner) => owner.GetDocumentationCommentId() ?? owner.ToDisplayString();
    }
}
