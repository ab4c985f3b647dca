using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Minimization.Analyzers;
using Minimization.Generators.Models;

namespace Minimization.Generators
{
    /// <summary>
    /// Writes, for every <c>partial</c> type marked <c>[GenerateMinimizer]</c>, the minimized type (only the members its
    /// policies transform) and the <c>[Minimizer]</c> extension method <c>Minimize(this T, MinimizationContext)</c>.
    /// The verdict on each member comes from PolicyCatalog.Evaluate, which PolicyAnalyzer reports: members that break a
    /// policy rule (MIN002–MIN005, MIN008, MIN014) are left out and types that break MIN006 or MIN015 get nothing, so the
    /// generator fails closed and never writes code that does not compile.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class MinimizerGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, for cacheability tests.</summary>
        public static class TrackingNames
        {
            /// <summary>The per-type models.</summary>
            public const string Models = "MinimizerModels";

            /// <summary>The models that passed the host checks.</summary>
            public const string ValidModels = "ValidMinimizerModels";

            /// <summary>What the compilation offers (runtime reference, records).</summary>
            public const string Settings = "EmitSettings";

            /// <summary>Models paired with the settings.</summary>
            public const string Combined = "MinimizerWithSettings";
        }

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<MinimizerModel> models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    PolicyCatalog.GenerateMinimizerMetadataName,
                    predicate: static (node, _) => node is TypeDeclarationSyntax,
                    transform: static (ctx, ct) => Parser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.Models)
                .Where(static m => m is not null)
                .Select(static (m, _) => m!)
                .WithTrackingName(TrackingNames.ValidModels);

            IncrementalValueProvider<EmitSettings> settings = context.CompilationProvider
                .Select(static (compilation, _) => Parser.ReadSettings(compilation))
                .WithTrackingName(TrackingNames.Settings);

            IncrementalValuesProvider<(MinimizerModel Model, EmitSettings Settings)> combined = models
                .Combine(settings)
                .WithTrackingName(TrackingNames.Combined);

            context.RegisterSourceOutput(combined, static (spc, pair) =>
            {
                // Without the runtime the generated code could not compile; PolicyAnalyzer reports MIN006 instead.
                if (!pair.Settings.RuntimeReferenced)
                {
                    return;
                }

                spc.AddSource(pair.Model.FileHint, Emitter.Emit(pair.Model, pair.Settings));
            });
        }

        internal static bool SupportsRecords(Compilation compilation)
        {
            if (compilation is not CSharpCompilation csharp || csharp.LanguageVersion < LanguageVersion.CSharp9)
            {
                return false;
            }

            INamedTypeSymbol? isExternalInit = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.IsExternalInit");
            return isExternalInit is not null && compilation.IsSymbolAccessibleWithin(isExternalInit, compilation.Assembly);
        }
    }
}
