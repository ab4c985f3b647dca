using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Minimization.Analyzers.Adoption;
using Minimization.Analyzers.Flow;

namespace Minimization.Analyzers
{
    /// <summary>
    /// MIN001 (identity reaches a partner sink without a minimizer), MIN010 (identity exposed across the assembly
    /// boundary without an annotation), MIN011 (an analysis bound was reached), MIN012 (the analysis of a member failed) and
    /// MIN016 (identity reaches a sink through a minimizer: a hidden fact for the audit, only with
    /// <c>minimization.report_minimized_flows = true</c>).
    /// Diagnostics come from operation-block actions, so they appear live in the IDE, per document.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class IdentityFlowAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor IdentityReachesPartner = DescriptorFactory.Create(
            RuleIdentifiers.IdentityReachesPartner,
            "Identity reaches a partner without minimization",
            "Identity from {0} reaches partner sink {1} without passing through a [Minimizer]: {2}",
            DiagnosticSeverity.Error,
            "A value that carries identity ([IdentityBearing]) flows into a [PartnerShare] sink without passing through a [Minimizer] method. Minimize it first, or suppress with a written justification.");

        public static readonly DiagnosticDescriptor IdentityExposedAcrossAssembly = DescriptorFactory.Create(
            RuleIdentifiers.IdentityExposedAcrossAssembly,
            "Public member exposes identity without [IdentityBearing]",
            "'{0}' exposes identity from {1} to other assemblies without [IdentityBearing]; annotate it so that consuming projects see the source: {2}",
            DiagnosticSeverity.Warning,
            "Analysis stops at the assembly boundary: a consuming project only sees what the metadata says. A public member that returns identity must carry [IdentityBearing] (on the member or with [return: IdentityBearing]) so that the flow is not lost.");

        public static readonly DiagnosticDescriptor AnalysisBoundReached = DescriptorFactory.Create(
            RuleIdentifiers.AnalysisBoundReached,
            "Analysis bound reached; flow assumed",
            "Analysis bound '{0}' was reached at {1} while identity from {2} was flowing; the flow was assumed to continue. Raise '{3}' to analyze further.",
            DiagnosticSeverity.Warning,
            "The flow analysis has configurable bounds. When one is reached, the analysis assumes the worst for the value in question rather than staying silent.");

        public static readonly DiagnosticDescriptor AnalysisFailed = DescriptorFactory.Create(
            RuleIdentifiers.AnalysisFailed,
            "Flow analysis failed for a member",
            "The identity flow analysis of '{0}' failed ({1}); flows in this member are not checked. Please report this with the code that triggers it.",
            DiagnosticSeverity.Warning,
            "The analyzer caught an internal error instead of crashing (which would disable every rule). The member named was not checked.");

        public static readonly DiagnosticDescriptor MinimizedFlow = DescriptorFactory.Create(
            RuleIdentifiers.MinimizedFlow,
            "Identity reaches a partner through a minimizer",
            "Identity from {0} reaches partner sink {1} through minimizer {2}",
            DiagnosticSeverity.Hidden,
            "A fact, not a finding: a value that carried identity reaches a [PartnerShare] sink after passing through a [Minimizer]. Reported only when minimization.report_minimized_flows = true (the audit sets it), so that the inventory of what reaches each partner, and through which minimizer, comes from the same analysis as MIN001.");

        public static readonly DiagnosticDescriptor BaselinedFinding = DescriptorFactory.Create(
            RuleIdentifiers.BaselinedFinding,
            "Identity reaches a partner without minimization (accepted in the baseline)",
            "Identity from {0} reaches partner sink {1} without passing through a [Minimizer], accepted risk in baseline {2} ({3}): {4}",
            DiagnosticSeverity.Warning,
            "A MIN001 finding that a baseline file lists as accepted risk, with its justification. It stays visible as a warning until the flow is minimized and the entry removed; every finding the baseline does not list is still MIN001.");

        public static readonly DiagnosticDescriptor StaleBaselineEntry = DescriptorFactory.Create(
            RuleIdentifiers.StaleBaselineEntry,
            "Baseline entry matches no finding",
            "Baseline entry (source {0}, sink {1}, member {2}) matches no finding any more; remove it from {3}",
            DiagnosticSeverity.Warning,
            "The flow a baseline entry accepted is gone (minimized, removed or changed): remove the entry, so that the baseline only shrinks and cannot hide a later flow.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor ConfiguredEntryNamesNothing = DescriptorFactory.Create(
            RuleIdentifiers.AdoptionConfigurationInvalid,
            "Adoption configuration has no effect",
            "'{0}' entry '{1}' names no type, member or method in this compilation or its references; it has no effect",
            DiagnosticSeverity.Warning,
            "An entry of minimization.identity_bearing, minimization.partner_sinks or minimization.minimizers that matches nothing is most likely misspelt: the source, sink or minimizer it was meant to declare is not declared.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor BaselineUnreadable = DescriptorFactory.Create(
            RuleIdentifiers.AdoptionConfigurationInvalid,
            "Adoption configuration has no effect",
            "Baseline {0} cannot be read: {1}",
            DiagnosticSeverity.Warning,
            "A baseline file (or one entry of it) that cannot be read accepts nothing: the findings it meant to accept stay MIN001.",
            WellKnownDiagnosticTags.CompilationEnd);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(IdentityReachesPartner, IdentityExposedAcrossAssembly, AnalysisBoundReached, AnalysisFailed, MinimizedFlow, BaselinedFinding, StaleBaselineEntry, ConfiguredEntryNamesNothing, BaselineUnreadable);

        // Syntax-only facts per tree, weakly keyed by the tree: in the editor each keystroke forks the compilation and every
        // other document keeps its tree object, so what was read off those trees is not read again. Nothing symbolic is kept.
        private readonly TreeScans _treeScans = new TreeScans();

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var options = FlowOptions.Read(start.Options, start.Compilation);
                var baseline = Baseline.Read(start.Options.AdditionalFiles, start.CancellationToken);
                var annotations = FlowAnnotations.TryCreate(start.Compilation, options);
                RegisterAdoptionChecks(start, options, baseline);
                if (annotations is null)
                {
                    // No annotations referenced: nothing can flow, so nothing is registered and nothing is paid.
                    return;
                }

                var engine = new FlowEngine(start.Compilation, annotations, _treeScans);
                // MIN010 asks for [IdentityBearing]: a project that only adopts (recognized attributes, configuration) cannot
                // write it, and its consumers see the recognized attributes in metadata anyway.
                var isLibrary = start.Compilation.Options.OutputKind == OutputKind.DynamicallyLinkedLibrary
                    && start.Compilation.GetTypeByMetadataName(FlowAnnotations.IdentityBearingName) is not null;
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, engine, isLibrary, baseline));
            });
        }

        /// <summary>At the end of the compilation: baseline entries that matched nothing (MIN018), unreadable baselines and configuration entries that name nothing (MIN019).</summary>
#pragma warning disable RS1013 // The caller registers the operation-block actions on the same start context; this is its end.
        private static void RegisterAdoptionChecks(CompilationStartAnalysisContext start, FlowOptions options, Baseline? baseline)
        {
            var adoption = options.Adoption;
            if (baseline is null && !adoption.HasConfiguredSources && !adoption.HasConfiguredSinks && options.Minimizers.IsDefaultOrEmpty)
            {
                return;
            }

            start.RegisterCompilationEndAction(end =>
            {
                if (baseline is not null)
                {
                    foreach (var file in baseline.Files)
                    {
                        foreach (var (message, span) in file.Errors)
                        {
                            end.ReportDiagnostic(Diagnostic.Create(BaselineUnreadable, file.LocationOf(span), file.Name, message));
                        }
                    }

                    foreach (var entry in baseline.Stale(end.Compilation))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(StaleBaselineEntry, entry.Location, entry.Source, entry.Sink, entry.Member, entry.File.Name));
                    }
                }

                foreach (var entry in new AdoptionModel(end.Compilation, adoption).Unresolved(options, end.CancellationToken))
                {
                    end.ReportDiagnostic(Diagnostic.Create(ConfiguredEntryNamesNothing, Location.None, entry.Key, entry.Text));
                }
            });
        }
#pragma warning restore RS1013

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, FlowEngine engine, bool isLibrary, Baseline? baseline)
        {
            try
            {
                foreach (var block in context.OperationBlocks)
                {
                    MethodAnalysis? analysis = null;
                    var method = context.OwningSymbol as IMethodSymbol;
                    switch (block)
                    {
                        case IMethodBodyBaseOperation when method is not null:
                        case IBlockOperation when method is not null:
                            if (!(isLibrary && CanExpose(method) && engine.MayReadIdentity(block, context.CancellationToken)) && !engine.MayReachSink(block, context.CancellationToken)
                                && !engine.RunsPassedFunctions(method, context.CancellationToken))
                            {
                                // Nothing in this body can lead to a partner sink: no findings are possible here. Its summary,
                                // if a caller ever needs it, is computed on demand like any callee's.
                                continue;
                            }

                            analysis = engine.AnalyzeRoot(method, () => context.GetControlFlowGraph(block), context.CancellationToken);
                            break;
                        case IFieldInitializerOperation or IPropertyInitializerOperation:
                            analysis = engine.AnalyzeDetached(context.OwningSymbol, context.GetControlFlowGraph(block), context.CancellationToken);
                            break;
                    }

                    if (analysis is null)
                    {
                        continue;
                    }

                    Report(context, engine, analysis, baseline);
                    if (isLibrary && method is not null)
                    {
                        ReportExposure(context, engine, method, analysis);
                    }
                }
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Never let an exception disable the analyzer (AD0001): say which member was not checked instead.
                var location = context.OwningSymbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(AnalysisFailed, location, context.OwningSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), ex.GetType().Name + ": " + ex.Message));
            }
        }

        private static void Report(OperationBlockAnalysisContext context, FlowEngine engine, MethodAnalysis analysis, Baseline? baseline)
        {
            var memberKey = Baseline.MemberKey(context.OwningSymbol);
            foreach (var finding in analysis.Findings)
            {
                if (engine.Options.ReportMinimizedFlows)
                {
                    ReportMinimized(context, engine, finding);
                }

                var violating = finding.Taint.WithoutMinimized();
                var sources = OrderedSources(violating);
                if (sources.Count == 0)
                {
                    continue;
                }

                var first = ShownEntry(violating);
                var (path, locations) = DescribePath(first, engine.Compilation);
                var sourceKeys = violating.Sources().Select(Baseline.SourceKey).Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToList();
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add("sources", string.Join("|", sources))
                    .Add("sourceDetails", SourceDetails(violating, sources))
                    .Add("sink", finding.Sink.Display)
                    .Add("partner", finding.Sink.Partner)
                    .Add("path", path)
                    .Add("sourceKeys", string.Join("|", sourceKeys))
                    .Add("sinkKey", finding.Sink.Key)
                    .Add("memberKey", memberKey);
                if (baseline is not null && baseline.TryAccept(sourceKeys, finding.Sink.Key, memberKey, out var accepted))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        BaselinedFinding,
                        finding.Location,
                        locations,
                        properties.Add("baseline", accepted!.File.Name).Add("justification", accepted.Justification),
                        string.Join(", ", sources),
                        finding.Sink.ToString(),
                        accepted.File.Name,
                        accepted.HasJustification ? "justification: " + accepted.Justification : "no justification written",
                        path));
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    IdentityReachesPartner,
                    finding.Location,
                    locations,
                    properties,
                    string.Join(", ", sources),
                    finding.Sink.ToString(),
                    path));
            }

            foreach (var bound in analysis.Bounds)
            {
                context.ReportDiagnostic(Diagnostic.Create(AnalysisBoundReached, bound.Location, bound.Bound, bound.What, bound.Sources, bound.Option));
            }
        }

        /// <summary>One MIN016 per source and minimizer that meet at this sink argument, each with its own path.</summary>
        private static void ReportMinimized(OperationBlockAnalysisContext context, FlowEngine engine, FlowFinding finding)
        {
            var minimized = finding.Taint.OnlyMinimized();
            if (minimized.IsClean)
            {
                return;
            }

            var facts = minimized.Entries
                .Where(e => e.Label.IsConcrete)
                .OrderBy(e => e.Label.Source!.Location?.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(e => e.Label.Source!.Location?.SourceSpan.Start ?? -1)
                .ThenBy(e => e.Label.Source!.Display, StringComparer.Ordinal)
                .ThenBy(e => e.Label.Minimizer, StringComparer.Ordinal);
            foreach (var entry in facts)
            {
                var source = entry.Label.Source!;
                var (type, member) = SourceParts(source);
                var (path, locations) = DescribePath(entry, engine.Compilation);
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add("source", source.Display)
                    .Add("sourceType", type)
                    .Add("sourceMember", member)
                    .Add("category", source.Category)
                    .Add("minimizer", entry.Label.Minimizer)
                    .Add("sink", finding.Sink.Display)
                    .Add("partner", finding.Sink.Partner)
                    .Add("path", path);
                context.ReportDiagnostic(Diagnostic.Create(
                    MinimizedFlow,
                    finding.Location,
                    locations,
                    properties,
                    source.Display,
                    finding.Sink.ToString(),
                    entry.Label.Minimizer));
            }
        }

        /// <summary>For each source named (in the message's order): <c>display;type;member;category</c>, joined by <c>|</c>.</summary>
        private static string SourceDetails(Taint taint, List<string> ordered)
        {
            var parts = new List<string>(ordered.Count);
            foreach (var display in ordered)
            {
                var source = taint.Sources().First(s => string.Equals(s.Display, display, StringComparison.Ordinal));
                var (type, member) = SourceParts(source);
                parts.Add(display + ";" + type + ";" + member + ";" + source.Category);
            }

            return string.Join("|", parts);
        }

        /// <summary>The type and member a source names (the member is empty for a value of an identity-bearing type).</summary>
        internal static (string Type, string Member) SourceParts(IdentitySource source)
        {
            switch (source.Key)
            {
                case INamedTypeSymbol type:
                    return (type.Name, string.Empty);
                case IParameterSymbol parameter:
                    return (parameter.ContainingSymbol?.ContainingType?.Name ?? string.Empty, source.Display);
                case ISymbol symbol when symbol.ContainingType is not null:
                    return (symbol.ContainingType.Name, symbol.Name);
                case ReturnSourceKey returned:
                    return (returned.Method.ContainingType?.Name ?? string.Empty, returned.Method.Name + "()");
                default:
                    return (string.Empty, source.Display);
            }
        }

        /// <summary>The sources a message names, in source order (file, position, then name): the same whatever order they met in.</summary>
        internal static List<string> OrderedSources(Taint taint) => taint.OrderedSourceNames();

        /// <summary>
        /// The flow a message walks when several sources meet at one sink: the shortest path, then the source first in source
        /// order, then the first path in a fixed order of steps (docs/rules/MIN001.md, "Which path is shown").
        /// </summary>
        internal static TaintEntry ShownEntry(Taint taint)
        {
            var found = false;
            var best = default(TaintEntry);
            foreach (var e in taint.Entries)
            {
                if (!e.Label.IsConcrete)
                {
                    continue;
                }

                if (!found || Compare(e, best) < 0)
                {
                    best = e;
                    found = true;
                }
            }

            return best;

            static int Compare(TaintEntry a, TaintEntry b)
            {
                var c = (a.Path?.Length ?? 0).CompareTo(b.Path?.Length ?? 0);
                if (c != 0)
                {
                    return c;
                }

                c = Taint.CompareLocations(a.Label.Source!.Location, b.Label.Source!.Location);
                if (c != 0)
                {
                    return c;
                }

                c = string.CompareOrdinal(a.Label.Source.Display, b.Label.Source.Display);
                return c != 0 ? c : Taint.ComparePaths(a.Path, b.Path);
            }
        }

        /// <summary>The path in words (<c>CallRecord.CallerNumber → local 'n' → Helper(string) → PartnerGateway.Send</c>) and its locations.</summary>
        internal static (string Path, IEnumerable<Location> Locations) DescribePath(TaintEntry entry, Compilation compilation)
        {
            var parts = new List<string> { entry.Label.Source!.Display };
            var locations = new List<Location>();
            AddLocation(locations, entry.Label.Source.Location, compilation);
            if (entry.Path is not null)
            {
                foreach (var step in entry.Path.InOrder())
                {
                    if (!string.Equals(parts[parts.Count - 1], step.Display, StringComparison.Ordinal))
                    {
                        parts.Add(step.Display);
                    }

                    AddLocation(locations, step.Location, compilation);
                }
            }

            return (string.Join(" → ", parts), locations);
        }

        private static void AddLocation(List<Location> locations, Location? location, Compilation compilation)
        {
            if (location is not null && location.IsInSource && location.SourceTree is not null && compilation.ContainsSyntaxTree(location.SourceTree) && !locations.Contains(location))
            {
                locations.Add(location);
            }
        }

        /// <summary>
        /// A summary's return value carries a parameter that declares identity itself (<c>[IdentityBearing] string username</c>)
        /// as the parameter, for callers to fill in; returning it still exposes that source, so here it counts as the source.
        /// </summary>
        private static Taint WithDeclaredParameters(Taint returned, IMethodSymbol method, FlowAnnotations annotations)
        {
            Taint.Builder? builder = null;
            foreach (var e in returned.Entries)
            {
                if (!e.Label.IsConcrete && !e.Label.IsMinimized && e.Label.Parameter >= 0 && e.Label.Parameter < method.Parameters.Length
                    && annotations.ParameterSource(method.Parameters[e.Label.Parameter]) is { } declared)
                {
                    builder ??= new Taint.Builder();
                    builder.Add(new TaintEntry(declared.AsLabel, e.Path));
                }
            }

            if (builder is null)
            {
                return returned;
            }

            builder.Add(returned);
            return builder.ToTaint();
        }

        private static void ReportExposure(OperationBlockAnalysisContext context, FlowEngine engine, IMethodSymbol method, MethodAnalysis analysis)
        {
            ISymbol exposed = method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is not null ? method.AssociatedSymbol : method;
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet) || !IsVisibleOutside(exposed) || method.ReturnsVoid)
            {
                return;
            }

            var annotations = engine.Annotations;
            if (annotations.IsMinimizer(method) || annotations.ReturnSource(method) is not null || annotations.TypeSource(method.ReturnType) is not null
                || (exposed is IPropertySymbol && annotations.MemberSource(exposed, null) is not null) || LibraryModel.IsPredicateType(method.ReturnType))
            {
                return;
            }

            var carried = WithDeclaredParameters(analysis.ReturnValue.Deep(), method, annotations).OnlyConcrete().WithoutMinimized();
            if (carried.IsClean)
            {
                return;
            }

            var sources = OrderedSources(carried);
            var location = exposed.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;

            // The same path as MIN001's, from the source to the value returned: in the message, the additional locations
            // (source, each hop) and the properties, so that a reviewer sees why the member carries identity.
            var (path, locations) = DescribePath(ShownEntry(carried), engine.Compilation);
            var returned = exposed.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add("sources", string.Join("|", sources))
                .Add("sourceDetails", SourceDetails(carried, sources))
                .Add("path", path + " → " + returned);
            context.ReportDiagnostic(Diagnostic.Create(
                IdentityExposedAcrossAssembly,
                location,
                locations,
                properties,
                returned,
                string.Join(", ", sources),
                path + " → " + returned));
        }

        private static bool CanExpose(IMethodSymbol method)
            => !method.ReturnsVoid && method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet
                && IsVisibleOutside(method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is not null ? method.AssociatedSymbol : method);

        private static bool IsVisibleOutside(ISymbol symbol)
        {
            for (var s = symbol; s is not null && s is not INamespaceSymbol; s = s.ContainingSymbol)
            {
                if (s.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
