using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Minimization.Analyzers.Adoption
{
    /// <summary>One entry of a configuration list: the key it came from, the text as written, the name it matches and what follows <c>=&gt;</c>.</summary>
    internal sealed class ConfiguredEntry
    {
        public ConfiguredEntry(string key, string text, string name, string? value)
        {
            Key = key;
            Text = text;
            Name = name;
            Value = value;
        }

        /// <summary>The option key, for example <c>minimization.partner_sinks</c>.</summary>
        public string Key { get; }

        /// <summary>The entry as written (for messages).</summary>
        public string Text { get; }

        /// <summary><c>Namespace.Type.Member</c>, a dotted suffix of it, or <c>Namespace.Type.*</c>; documentation-ID prefix and parameters removed.</summary>
        public string Name { get; }

        /// <summary>The partner (sinks) or category (identity) after <c>=&gt;</c>, if any.</summary>
        public string? Value { get; }
    }

    /// <summary>
    /// What a codebase that was not written for the toolkit declares in configuration: which attributes of the .NET ecosystem
    /// are recognized as identity, and sources and sinks for code that carries no annotation (docs/configuration.md).
    /// </summary>
    internal sealed class AdoptionOptions
    {
        public const string RecognizeDataClassificationKey = "minimization.recognize.data_classification";
        public const string RecognizeAspNetIdentityKey = "minimization.recognize.aspnet_identity";
        public const string RecognizeDataAnnotationsKey = "minimization.recognize.data_annotations";
        public const string IdentityBearingKey = "minimization.identity_bearing";
        public const string PartnerSinksKey = "minimization.partner_sinks";

        public static readonly AdoptionOptions Default = new AdoptionOptions(true, true, true, ImmutableArray<ConfiguredEntry>.Empty, ImmutableArray<ConfiguredEntry>.Empty);

        public AdoptionOptions(bool dataClassification, bool aspNetIdentity, bool dataAnnotations, ImmutableArray<ConfiguredEntry> identityBearing, ImmutableArray<ConfiguredEntry> partnerSinks)
        {
            RecognizeDataClassification = dataClassification;
            RecognizeAspNetIdentity = aspNetIdentity;
            RecognizeDataAnnotations = dataAnnotations;
            IdentityBearing = identityBearing;
            PartnerSinks = partnerSinks;
        }

        /// <summary><c>Microsoft.Extensions.Compliance</c> classifications (attributes deriving from <c>DataClassificationAttribute</c>).</summary>
        public bool RecognizeDataClassification { get; }

        /// <summary>ASP.NET Core Identity's <c>[PersonalData]</c> and <c>[ProtectedPersonalData]</c>.</summary>
        public bool RecognizeAspNetIdentity { get; }

        /// <summary><c>[Phone]</c>, <c>[EmailAddress]</c>, <c>[CreditCard]</c> and <c>[DataType]</c> of those kinds (and postal codes).</summary>
        public bool RecognizeDataAnnotations { get; }

        /// <summary>Types and members whose values carry identity (<c>Type</c>, <c>Type.Member</c>, optionally <c>=&gt; category</c>).</summary>
        public ImmutableArray<ConfiguredEntry> IdentityBearing { get; }

        /// <summary>Methods every argument of which is a sink (<c>Type.Method =&gt; Partner</c>, or <c>Type.*</c>).</summary>
        public ImmutableArray<ConfiguredEntry> PartnerSinks { get; }

        public bool HasConfiguredSources => !IdentityBearing.IsDefaultOrEmpty;

        public bool HasConfiguredSinks => !PartnerSinks.IsDefaultOrEmpty;

        public static AdoptionOptions Read(IReadOnlyList<AnalyzerConfigOptions> sources)
            => new AdoptionOptions(
                ReadSwitch(sources, RecognizeDataClassificationKey),
                ReadSwitch(sources, RecognizeAspNetIdentityKey),
                ReadSwitch(sources, RecognizeDataAnnotationsKey),
                ReadEntries(sources, IdentityBearingKey),
                ReadEntries(sources, PartnerSinksKey));

        /// <summary>On unless the first source that sets the key says <c>false</c>.</summary>
        private static bool ReadSwitch(IReadOnlyList<AnalyzerConfigOptions> sources, string key)
        {
            foreach (var s in sources)
            {
                if (s.TryGetValue(key, out var text) && bool.TryParse(text.Trim(), out var value))
                {
                    return value;
                }
            }

            return true;
        }

        /// <summary>
        /// Entries separated by commas, semicolons or new lines; each is a name (the library table's syntax) optionally
        /// followed by <c>=&gt;</c> and a value. Spaces around <c>=&gt;</c> are allowed, so entries cannot be separated by spaces.
        /// </summary>
        public static ImmutableArray<ConfiguredEntry> ReadEntries(IReadOnlyList<AnalyzerConfigOptions> sources, string key)
        {
            var builder = ImmutableArray.CreateBuilder<ConfiguredEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in sources)
            {
                if (!s.TryGetValue(key, out var text))
                {
                    continue;
                }

                foreach (var part in Split(text, ",;\n\r"))
                {
                    var entry = part.Trim();
                    if (entry.Length == 0)
                    {
                        continue;
                    }

                    string? value = null;
                    var name = entry;
                    var arrow = entry.IndexOf("=>", StringComparison.Ordinal);
                    if (arrow >= 0)
                    {
                        name = entry.Substring(0, arrow).Trim();
                        value = entry.Substring(arrow + 2).Trim().Trim('"');
                        if (value.Length == 0)
                        {
                            value = null;
                        }
                    }

                    name = NormalizeName(name);
                    if (seen.Add(name + "\u0000" + value))
                    {
                        builder.Add(new ConfiguredEntry(key, entry, name, value));
                    }
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// The parts of a list separated by any of <paramref name="separators"/>, except inside parentheses: a
        /// documentation-comment ID keeps its parameter list (<c>M:T.M(System.Byte[],System.Byte[])</c>) whole.
        /// </summary>
        public static IEnumerable<string> Split(string text, string separators)
        {
            var depth = 0;
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i < text.Length)
                {
                    var c = text[i];
                    if (c == '(')
                    {
                        depth++;
                        continue;
                    }

                    if (c == ')' && depth > 0)
                    {
                        depth--;
                        continue;
                    }

                    if (depth > 0 || separators.IndexOf(c) < 0)
                    {
                        continue;
                    }
                }

                if (i > start)
                {
                    yield return text.Substring(start, i - start);
                }

                start = i + 1;
            }
        }

        /// <summary>Removes a documentation-ID prefix (<c>M:</c>, <c>T:</c>, <c>P:</c>, <c>F:</c>), a parameter list and generic arities.</summary>
        public static string NormalizeName(string name)
        {
            name = name.Trim();
            if (name.Length > 2 && name[1] == ':' && "MTPFE".IndexOf(name[0]) >= 0)
            {
                name = name.Substring(2);
            }

            var paren = name.IndexOf('(');
            if (paren >= 0)
            {
                name = name.Substring(0, paren);
            }

            var chars = new System.Text.StringBuilder(name.Length);
            for (var i = 0; i < name.Length; i++)
            {
                if (name[i] == '`')
                {
                    while (i + 1 < name.Length && char.IsDigit(name[i + 1]))
                    {
                        i++;
                    }

                    continue;
                }

                chars.Append(name[i]);
            }

            return chars.ToString().Trim();
        }
    }
}
