using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>Calls into code without source: propagation by default, and the user's configuration of minimizers, clean methods and propagators.</summary>
    public class LibraryConfigTests
    {
        private const string HmacSource = """
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Telecom;
            class CdrJob
            {
                private readonly byte[] _partnerKey = new byte[32];

                void Run(CallRecord r)
                {
                    var mac = HMACSHA256.HashData(_partnerKey, Encoding.UTF8.GetBytes(r.CallerNumber));
                    PartnerGateway.Send({|#0:Convert.ToHexString(mac)|});
                }
            }
            """;

        private const string AttachmentSource = """
            using System.IO;
            using Minimization;
            using Telecom;
            [IdentityBearing(IdentityCategory.Name)]
            sealed class Attachment
            {
                public string FileName { get; set; } = "";
            }
            class MailJob
            {
                void Run(Attachment a, IPartnerChannel channel)
                {
                    channel.Publish({|#0:Path.GetExtension(a.FileName)|});
                    channel.Publish({|#1:Path.GetFileNameWithoutExtension(a.FileName)|});
                }
            }
            """;

        private static Task CheckWithConfig(string source, string? globalConfig, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            if (globalConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
            }

            if (editorConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Library_calls_propagate_identity_by_default_even_a_keyed_hmac() => CheckWithConfig(HmacSource, null, null, Min001(0));

        [Fact]
        public Task Library_method_declared_a_minimizer_in_global_config_stops_identity() => CheckWithConfig(
            HmacSource.Replace("{|#0:", string.Empty).Replace("|}", string.Empty),
            "minimization.minimizers = System.Security.Cryptography.HMACSHA256.HashData\n",
            null);

        [Fact]
        public Task Library_method_declared_a_minimizer_in_editorconfig_stops_identity() => CheckWithConfig(
            HmacSource.Replace("{|#0:", string.Empty).Replace("|}", string.Empty),
            null,
            "minimization.minimizers = System.Security.Cryptography.HMACSHA256.HashData\n");

        [Fact]
        public Task Configured_minimizer_does_not_excuse_an_unkeyed_hash_next_to_it() => CheckWithConfig("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Telecom;
            class CdrJob
            {
                private readonly byte[] _partnerKey = new byte[32];

                void Run(CallRecord r)
                {
                    var bytes = Encoding.UTF8.GetBytes(r.CallerNumber);
                    PartnerGateway.Send(Convert.ToHexString(HMACSHA256.HashData(_partnerKey, bytes)));
                    PartnerGateway.Send(Convert.ToHexString(HMACSHA512.HashData(_partnerKey, bytes)));
                    PartnerGateway.Send({|#0:Convert.ToHexString(SHA256.HashData(bytes))|});
                }
            }
            """,
            "minimization.minimizers = System.Security.Cryptography.HMACSHA256.HashData, System.Security.Cryptography.HMACSHA512.HashData\n",
            null,
            Min001(0));

        [Fact]
        public Task Library_methods_without_configuration_propagate_from_their_arguments() => CheckWithConfig(AttachmentSource, null, null, Min001(0), Min001(1));

        [Fact]
        public Task Clean_methods_option_makes_a_library_result_clean() => CheckWithConfig(
            AttachmentSource.Replace("{|#0:", string.Empty).Replace("Path.GetExtension(a.FileName)|}", "Path.GetExtension(a.FileName)"),
            "minimization.clean_methods = System.IO.Path.GetExtension\n",
            null,
            Min001(1));

        [Fact]
        public Task Propagators_option_wins_over_a_wildcard_clean_methods_entry() => CheckWithConfig(
            AttachmentSource.Replace("{|#0:", string.Empty).Replace("Path.GetExtension(a.FileName)|}", "Path.GetExtension(a.FileName)"),
            "minimization.clean_methods = System.IO.Path.*\nminimization.propagators = System.IO.Path.GetFileNameWithoutExtension\n",
            null,
            Min001(1));

        [Fact]
        public Task Clean_methods_wildcard_without_a_propagator_cleans_the_whole_type() => CheckWithConfig(
            AttachmentSource.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty),
            "minimization.clean_methods = System.IO.Path.*\n",
            null);

        [Fact]
        public Task Minimizer_entry_as_documentation_id_with_parameters_is_accepted() => CheckWithConfig(
            HmacSource.Replace("{|#0:", string.Empty).Replace("|}", string.Empty),
            "minimization.minimizers = M:System.Security.Cryptography.HMACSHA256.HashData(System.Byte[],System.Byte[])\n",
            null);

        [Fact]
        public Task Minimizer_entry_as_type_and_method_suffix_is_accepted() => CheckWithConfig(
            HmacSource.Replace("{|#0:", string.Empty).Replace("|}", string.Empty),
            "minimization.minimizers = HMACSHA256.HashData\n",
            null);

        [Fact]
        public Task Propagators_option_overrides_the_built_in_clean_list() => CheckWithConfig("""
            using Telecom;
            class MailJob
            {
                void Run(EmailHeader header, IPartnerChannel channel)
                {
                    channel.Publish({|#0:header.From.IndexOf('@').ToString()|});
                    channel.Publish(header.From.Length.ToString());
                }
            }
            """,
            "minimization.propagators = System.String.IndexOf\n",
            null,
            Min001(0));
    }
}
