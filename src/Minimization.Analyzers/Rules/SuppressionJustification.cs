using System;

namespace Minimization.Analyzers
{
    /// <summary>
    /// What counts as a written reason for suppressing a Minimization rule (MIN013), shared by the analyzer and by the
    /// "Suppress with justification" code fix, which writes <see cref="Placeholder"/> for the developer to replace.
    /// </summary>
    public static class SuppressionJustification
    {
        /// <summary>The text the code fix writes; MIN013 keeps reporting the suppression until it is replaced.</summary>
        public const string Placeholder = "TODO: why this is acceptable, with a reference a reviewer can check";

        /// <summary>
        /// The option that justifies a severity change in configuration, <c>minimization.MIN001.justification</c>: configuration
        /// files have comments, but the compiler does not hand them to analyzers.
        /// </summary>
        public static string OptionKey(string ruleId) => "minimization." + ruleId + ".justification";

        /// <summary>The option that justifies a category-wide change (<c>dotnet_analyzer_diagnostic.category-Minimization.severity</c>).</summary>
        public const string CategoryOptionKey = "minimization.justification";

        /// <summary>True when <paramref name="text"/> says something: not missing, not blank, not a placeholder left by a tool.</summary>
        public static bool IsReal(string? text)
        {
            if (text is null)
            {
                return false;
            }

            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                return false;
            }

            // Ours, Visual Studio's "Suppress in source" default, and the usual to-do markers on their own.
            return !string.Equals(trimmed, Placeholder, StringComparison.Ordinal)
                   && !string.Equals(trimmed, "<Pending>", StringComparison.OrdinalIgnoreCase)
                   && !IsBareMarker(trimmed);
        }

        /// <summary>True for an ID of a Minimization rule as it appears in a suppression (<c>MIN001</c>, any case).</summary>
        public static bool IsRuleId(string? id)
        {
            if (id is null || id.Length < 4 || !id.StartsWith("MIN", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            for (var i = 3; i < id.Length; i++)
            {
                if (id[i] < '0' || id[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsBareMarker(string text)
        {
            var core = text.TrimEnd('.', ':', '!', ' ');
            return core.Equals("TODO", StringComparison.OrdinalIgnoreCase)
                   || core.Equals("FIXME", StringComparison.OrdinalIgnoreCase)
                   || core.Equals("TBD", StringComparison.OrdinalIgnoreCase)
                   || core.Equals("...", StringComparison.Ordinal)
                   || core.Length == 0;
        }
    }
}
