using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>MIN001 through strings and conversions: formatting, builders, encodings, unkeyed hashes, serializers, casts, patterns.</summary>
    public class StringConversionTests
    {
        [Fact]
        public Task Concatenation_with_identity_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:"caller=" + r.CallerNumber + ";region=" + r.Region|});
            }
            """, Min001(0));

        [Fact]
        public Task Interpolation_with_identity_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:$"{r.Region}:{r.TowerId}"|});
            }
            """, Min001(0));

        [Fact]
        public Task Interpolation_of_clean_members_only_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Send($"{r.Region}:{r.DurationSeconds}s at {r.StartedAt:O}");
                    PartnerGateway.Send($"caller has {r.CallerNumber.Length} digits");
                }
            }
            """);

        [Fact]
        public Task String_Format_with_identity_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:string.Format("{0} -> {1} ({2}s)", r.CallerNumber, r.CalleeNumber, r.DurationSeconds)|});
            }
            """, Min001(0));

        [Fact]
        public Task StringBuilder_appending_identity_is_reported() => Check("""
            using System.Text;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var sb = new StringBuilder();
                    sb.Append("cdr;");
                    sb.Append(r.CallerNumber).Append(';').Append(r.DurationSeconds);
                    PartnerGateway.Send({|#0:sb.ToString()|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task StringBuilder_of_clean_values_is_clean() => Check("""
            using System.Text;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var sb = new StringBuilder();
                    sb.Append(r.Region).Append(';').Append(r.DurationSeconds);
                    PartnerGateway.Send(sb.ToString());
                    var numbers = new StringBuilder(r.CallerNumber);
                    PartnerGateway.Send(numbers.Length);
                }
            }
            """);

        [Fact]
        public Task String_Join_with_identity_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:string.Join(",", r.Region, r.CalleeNumber)|});
            }
            """, Min001(0));

        [Fact]
        public Task Substring_ToUpper_and_Trim_keep_identity() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var prefix = r.CallerNumber.Substring(0, 6).ToUpperInvariant().Trim();
                    PartnerGateway.Send({|#0:prefix|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Length_IndexOf_and_Contains_of_identity_are_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Send(r.CallerNumber.Length);
                    PartnerGateway.Send(r.CallerNumber.IndexOf('7'));
                    PartnerGateway.Send(r.CallerNumber.Contains("44"));
                    PartnerGateway.Send(string.Equals(r.CallerNumber, r.CalleeNumber));
                    PartnerGateway.Send(string.IsNullOrEmpty(r.TowerId));
                }
            }
            """);

        [Fact]
        public Task ToString_of_an_identity_bearing_object_is_reported() => Check("""
            using Telecom;
            class MailJob
            {
                void Run(Subscriber s, IPartnerChannel channel) => channel.Publish({|#0:s.ToString()|});
            }
            """, Min001(0));

        [Fact]
        public Task Convert_to_a_number_and_back_keeps_identity() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    long digits = Convert.ToInt64(r.CallerNumber.TrimStart('+'));
                    PartnerGateway.Send({|#0:digits|});
                    PartnerGateway.Send({|#1:Convert.ToString(digits)|});
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task Utf8_bytes_in_Base64_keep_identity() => Check("""
            using System;
            using System.Text;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var bytes = Encoding.UTF8.GetBytes(r.CallerNumber);
                    PartnerGateway.Send({|#0:Convert.ToBase64String(bytes)|});
                    PartnerGateway.Send(bytes.Length);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Unkeyed_SHA256_hash_still_carries_identity() => Check("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var hash = SHA256.HashData(Encoding.UTF8.GetBytes(r.CallerNumber));
                    PartnerGateway.Send({|#0:Convert.ToHexString(hash)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task JsonSerializer_Serialize_of_a_dto_with_identity_is_reported() => Check("""
            using System.Text.Json;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var dto = new { Caller = r.CallerNumber, r.Region };
                    PartnerGateway.Send({|#0:JsonSerializer.Serialize(dto)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task JsonSerializer_Serialize_of_an_identity_bearing_object_is_reported() => Check("""
            using System.Text.Json;
            using Telecom;
            class MailJob
            {
                void Run(Subscriber s, PartnerFeed feed) => feed.Payload = {|#0:JsonSerializer.Serialize(s)|};
            }
            """, Min001(0));

        [Fact]
        public Task JsonSerializer_Serialize_of_clean_values_is_clean() => Check("""
            using System.Text.Json;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var dto = new { r.Region, Seconds = r.DurationSeconds };
                    PartnerGateway.Send(JsonSerializer.Serialize(dto));
                }
            }
            """);

        [Fact]
        public Task Boxing_to_object_and_casting_back_keep_identity() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r, IPartnerChannel channel)
                {
                    object boxed = r.TowerId;
                    PartnerGateway.Send({|#0:boxed|});
                    channel.Publish({|#1:(string)boxed|});
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task Dynamic_value_keeps_identity_through_a_dynamic_call() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    dynamic number = r.CallerNumber;
                    string trimmed = number.Trim();
                    PartnerGateway.Send({|#0:trimmed|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Dynamic_argument_to_a_sink_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    dynamic payload = r.CalleeNumber;
                    PartnerGateway.Send({|#0:payload|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Type_pattern_variable_keeps_identity() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    object value = r.CallerNumber;
                    if (value is string number)
                    {
                        PartnerGateway.Send({|#0:number|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Property_pattern_binding_an_identity_member_keeps_identity() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    if (r is { CalleeNumber: var callee, DurationSeconds: > 60 })
                    {
                        PartnerGateway.Send({|#0:callee|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Switch_expression_with_an_identity_arm_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var label = r.DurationSeconds switch
                    {
                        > 3600 => r.TowerId,
                        _ => "short",
                    };
                    PartnerGateway.Send({|#0:label|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Switch_expression_deciding_on_identity_but_yielding_constants_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var kind = r.CallerNumber switch
                    {
                        { Length: > 11 } => "international",
                        var n when n.StartsWith("0") => "national",
                        _ => "local",
                    };
                    PartnerGateway.Send(kind);
                }
            }
            """);

        [Fact]
        public Task Conditional_with_an_identity_branch_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r, bool verbose) => PartnerGateway.Send({|#0:verbose ? r.CallerNumber : "hidden"|});
            }
            """, Min001(0));

        [Fact]
        public Task Conditional_choosing_between_constants_on_identity_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r) => PartnerGateway.Send(r.CallerNumber.StartsWith("+44") ? "UK" : "other");
            }
            """);

        [Fact]
        public Task Null_coalescing_falling_back_to_identity_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r, string? alias) => PartnerGateway.Send({|#0:alias ?? r.CalleeNumber|});
            }
            """, Min001(0));

        [Fact]
        public Task Interpolation_of_a_minimized_value_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var token = Minimizers.Pseudonymize(r.CallerNumber, "UK");
                    PartnerGateway.Send($"token={token};region={r.Region}");
                    PartnerGateway.Send("caller=" + Minimizers.Pseudonymize(r.CalleeNumber, "UK"));
                }
            }
            """);

        [Fact]
        public Task Split_and_span_slices_keep_identity() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var areaCode = r.CallerNumber.Split(' ')[0];
                    PartnerGateway.Send({|#0:areaCode|});
                    PartnerGateway.Send({|#1:r.CalleeNumber.AsSpan(0, 5).ToString()|});
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task List_pattern_binding_an_element_keeps_identity() => Check("""
            using Telecom;
            class MailJob
            {
                void Run(EmailHeader header, IPartnerChannel channel)
                {
                    var parts = header.From.Split('@');
                    if (parts is [var user, var domain])
                    {
                        channel.Publish({|#0:user|});
                        channel.Publish({|#1:domain|});
                    }
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task GetHashCode_is_an_unkeyed_hash_and_keeps_identity() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var anonymized = r.CallerNumber.GetHashCode();
                    PartnerGateway.Send({|#0:anonymized|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task String_Format_and_Concat_of_clean_members_next_to_identity_are_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Log("processing " + r.CallerNumber);
                    PartnerGateway.Send(string.Format("{0}:{1}", r.Region, r.DurationSeconds));
                    PartnerGateway.Send(string.Concat(r.Region, "/", r.CallerNumber.Length.ToString()));
                }
            }
            """);

        [Fact]
        public Task Base64_of_a_minimized_value_is_clean() => Check("""
            using System;
            using System.Text;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var token = Minimizers.Pseudonymize(r.CallerNumber, "UK");
                    PartnerGateway.Send(Convert.ToBase64String(Encoding.UTF8.GetBytes(token)));
                }
            }
            """);

        [Fact]
        public Task Patterns_and_switches_over_clean_members_are_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    if (r is { Region: var region, DurationSeconds: > 60 })
                    {
                        PartnerGateway.Send(region);
                    }

                    var band = r.Region switch
                    {
                        "EU" => "europe",
                        var other => other.ToLowerInvariant(),
                    };
                    PartnerGateway.Send(band);
                }
            }
            """);

        [Fact]
        public Task Casts_and_boxing_of_clean_values_are_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    object seconds = r.DurationSeconds;
                    PartnerGateway.Send((int)seconds);
                    dynamic region = r.Region;
                    PartnerGateway.Send((string)region);
                }
            }
            """);

        [Fact]
        public Task Null_coalescing_with_clean_operands_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r, string? partnerRegion) => PartnerGateway.Send(partnerRegion ?? r.Region);
            }
            """);
    }
}
