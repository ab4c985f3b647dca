using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// The analysis bounds and the user's extension of the library table, read once per compilation from
    /// <c>.editorconfig</c> / <c>.globalconfig</c>. Option names are documented in <c>docs/configuration.md</c>.
    /// </summary>
    internal sealed class FlowOptions
    {
        public const string MaxCallDepthKey = "minimization.max_call_depth";
        public const string MaxMethodOperationsKey = "minimization.max_method_operations";
        public const string MaxFixpointIterationsKey = "minimization.max_fixpoint_iterations";
        public const string MaxAnalysisWorkKey = "minimization.max_analysis_work";
        public const string MaxWriterCallersKey = "minimization.max_writer_callers";
        public const string MaxComponentEvaluationsKey = "minimization.max_component_evaluations";
        public const string MinimizersKey = "minimization.minimizers";
        public const string CleanMethodsKey = "minimization.clean_methods";
        public const string PropagatorsKey = "minimization.propagators";
        public const string ReportMinimizedFlowsKey = "minimization.report_minimized_flows";

        public static readonly FlowOptions Default = new FlowOptions(256, 50_000, 200, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, 2_000_000_000L);

        public FlowOptions(int maxCallDepth, int maxMethodOperations, int maxFixpointIterations, ImmutableArray<string> minimizers, ImmutableArray<string> cleanMethods, ImmutableArray<string> propagators, long maxAnalysisWork, bool reportMinimizedFlows = false, int maxWriterCallers = DefaultMaxWriterCallers, int maxComponentEvaluations = DefaultMaxComponentEvaluations)
        {
            MaxWriterCallers = maxWriterCallers;
            MaxComponentEvaluations = maxComponentEvaluations;
            ReportMinimizedFlows = reportMinimizedFlows;
            MaxAnalysisWork = maxAnalysisWork;
            MaxCallDepth = maxCallDepth;
            MaxMethodOperations = maxMethodOperations;
            MaxFixpointIterations = maxFixpointIterations;
            Minimizers = minimizers;
            CleanMethods = cleanMethods;
            Propagators = propagators;
        }

        /// <summary>How many nested callee summaries one analysis may compute before it assumes the flow (MIN011).</summary>
        public int MaxCallDepth { get; }

        /// <summary>Bodies with more operations than this are not summarized; their flows are assumed (MIN011).</summary>
        public int MaxMethodOperations { get; }

        /// <summary>How many times each basic block may be revisited before the fixpoint is cut short (MIN011).</summary>
        public int MaxFixpointIterations { get; }

        /// <summary>
        /// Operations the flow analysis may interpret in one compilation (a safety valve against pathological code; real code
        /// stays orders of magnitude below the default). Past it, bodies are no longer interpreted: each call into one is
        /// assumed to carry its inputs through, and MIN011 names this option wherever identity was flowing.
        /// </summary>
        public long MaxAnalysisWork { get; }

        public const int DefaultMaxWriterCallers = 1024;

        /// <summary>
        /// How many calling bodies the write index follows up from the writers of one static or shared member (what the callers
        /// pass in is what the member holds). Past it, the rest are not followed, and every read of the member reports MIN011.
        /// </summary>
        public int MaxWriterCallers { get; }

        public const int DefaultMaxComponentEvaluations = 12;

        /// <summary>
        /// How many times one member of a recursive call group (a component of the call graph) is evaluated while the group is
        /// solved. Members still changing after half of it are widened (member paths folded into their parameters), so real
        /// code settles well before it; a member cut by it reports MIN011 naming this option.
        /// </summary>
        public int MaxComponentEvaluations { get; }

        /// <summary>
        /// Whether identity that passes through a minimizer is followed on to the sinks it reaches (MIN016, for the audit).
        /// Off by default: a minimizer's result is then clean, and the build pays nothing for the inventory.
        /// </summary>
        public bool ReportMinimizedFlows { get; }

        public ImmutableArray<string> Minimizers { get; }

        public ImmutableArray<string> CleanMethods { get; }

        public ImmutableArray<string> Propagators { get; }

        /// <summary>Recognized ecosystem attributes and configured sources and sinks (docs/configuration.md: recognized attributes, sources, sinks and minimizers in configuration).</summary>
        public Adoption.AdoptionOptions Adoption { get; private set; } = Analyzers.Adoption.AdoptionOptions.Default;

        public static FlowOptions Read(AnalyzerOptions options, Compilation compilation)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            var sources = new List<AnalyzerConfigOptions> { provider.GlobalOptions };
            foreach (var tree in compilation.SyntaxTrees)
            {
                sources.Add(provider.GetOptions(tree));
                break; // [*.cs] sections apply to every C# file alike; the first tree stands for them.
            }

            var read = new FlowOptions(
                ReadInt(sources, MaxCallDepthKey, Default.MaxCallDepth),
                ReadInt(sources, MaxMethodOperationsKey, Default.MaxMethodOperations),
                ReadInt(sources, MaxFixpointIterationsKey, Default.MaxFixpointIterations),
                ReadList(sources, MinimizersKey),
                ReadList(sources, CleanMethodsKey),
                ReadList(sources, PropagatorsKey),
                ReadLong(sources, MaxAnalysisWorkKey, Default.MaxAnalysisWork),
                ReadBool(sources, ReportMinimizedFlowsKey),
                ReadInt(sources, MaxWriterCallersKey, DefaultMaxWriterCallers),
                ReadInt(sources, MaxComponentEvaluationsKey, DefaultMaxComponentEvaluations));
            read.Adoption = Analyzers.Adoption.AdoptionOptions.Read(sources);
            return read;
        }

        private static bool ReadBool(List<AnalyzerConfigOptions> sources, string key)
        {
            foreach (var s in sources)
            {
                if (s.TryGetValue(key, out var text) && bool.TryParse(text.Trim(), out var value))
                {
                    return value;
                }
            }

            return false;
        }

        private static long ReadLong(List<AnalyzerConfigOptions> sources, string key, long fallback)
        {
            foreach (var s in sources)
            {
                if (s.TryGetValue(key, out var text) && long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
                {
                    return value;
                }
            }

            return fallback;
        }

        private static int ReadInt(List<AnalyzerConfigOptions> sources, string key, int fallback)
        {
            foreach (var s in sources)
            {
                if (s.TryGetValue(key, out var text) && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
                {
                    return value;
                }
            }

            return fallback;
        }

        private static ImmutableArray<string> ReadList(List<AnalyzerConfigOptions> sources, string key)
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var s in sources)
            {
                if (s.TryGetValue(key, out var text))
                {
                    foreach (var part in Analyzers.Adoption.AdoptionOptions.Split(text, ",; \t"))
                    {
                        var name = part.Trim();
                        if (name.StartsWith("M:", StringComparison.Ordinal))
                        {
                            name = name.Substring(2);
                        }

                        var paren = name.IndexOf('(');
                        if (paren >= 0)
                        {
                            name = name.Substring(0, paren);
                        }

                        if (name.Length > 0 && !builder.Contains(name))
                        {
                            builder.Add(name);
                        }
                    }
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Whether <paramref name="method"/> is named by an entry (<c>Namespace.Type.Method</c>, a suffix of it such as <c>Type.Method</c>, or <c>Namespace.Type.*</c>).</summary>
        public static bool Matches(ImmutableArray<string> entries, IMethodSymbol method)
        {
            if (entries.IsDefaultOrEmpty)
            {
                return false;
            }

            // Metadata spelling (System.String.IndexOf), never the C# keyword (string.IndexOf), which users also may write.
            var type = method.ContainingType?.OriginalDefinition.ToDisplayString(MetadataNameFormat) ?? string.Empty;
            var keyword = method.ContainingType?.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)) ?? string.Empty;
            if (!string.Equals(type, keyword, StringComparison.Ordinal) && Matches(entries, type, method.Name))
            {
                return true;
            }

            return Matches(entries, keyword, method.Name);
        }

        private static readonly SymbolDisplayFormat MetadataNameFormat = new SymbolDisplayFormat(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.None);

        private static bool Matches(ImmutableArray<string> entries, string type, string name)
        {
            var full = type + "." + name;
            foreach (var e in entries)
            {
                if (e.EndsWith(".*", StringComparison.Ordinal))
                {
                    var prefix = e.Substring(0, e.Length - 2);
                    if (string.Equals(type, prefix, StringComparison.Ordinal) || type.EndsWith("." + prefix, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
                else if (string.Equals(full, e, StringComparison.Ordinal) || full.EndsWith("." + e, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
