using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers
{
    /// <summary>Builds every descriptor the same way: category, help link and enabled-by-default are not a rule's choice.</summary>
    internal static class DescriptorFactory
    {
        public static DiagnosticDescriptor Create(string id, string title, string messageFormat, DiagnosticSeverity severity, string description, params string[] customTags)
            => new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                RuleIdentifiers.Category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: RuleIdentifiers.GetHelpUri(id),
                customTags: customTags);
    }
}
