using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings): how teams use minimizers. Recall: a minimizer applied to the wrong value, on some paths only,
    /// its result discarded or overwritten, a method that only looks like a minimizer. Precision: a minimized value stays
    /// clean through static, extension, injected-service, keyed, async, DTO- and record-returning minimizers, LINQ method
    /// groups and lambdas, fields, lists, dictionaries and caches read from another method, concatenation with clean text,
    /// <c>.Length</c> and <c>ToUpperInvariant()</c>. "[Minimizer] on a method: the value it returns carries no identity,
    /// whatever went in": the analyzer trusts a minimizer's body. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutMinimizerUseTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the customer, the partner sinks, the minimizers and two look-alikes.</summary>
        private const string Header = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading.Tasks;
            using Minimization;

            [IdentityBearing]
            internal class Customer
            {
                [NonIdentifying] public int Id { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [NonIdentifying] public string Region { get; set; } = "";
            }

            internal sealed class PartnerContext
            {
                public PartnerContext(string key) { Key = key; }
                public string Key { get; }
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Upload(string payload) { }
                [PartnerShare("acme")] public static void UploadDto(object dto) { }
                [PartnerShare("acme")] public static void UploadAll(IEnumerable<string> payloads) { }
                [PartnerShare("acme")] public static void UploadCount(int count) { }
            }

            internal sealed class PartnerRecord
            {
                [PartnerShare("acme")] public string EmailToken { get; set; } = "";
                [PartnerShare("acme")] public string Phone { get; set; } = "";
            }

            internal sealed class PartnerRow
            {
                public string EmailToken { get; set; } = "";
                public string Phone { get; set; } = "";
                public string Region { get; set; } = "";
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-2024");

                [Minimizer]
                public static string Hash(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));
                }

                [Minimizer]
                public static string Pseudonymize(this string value, PartnerContext ctx)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ctx.Key), Encoding.UTF8.GetBytes(value)));
                }

                [Minimizer]
                public static async Task<string> HashAsync(string value)
                {
                    await Task.Yield();
                    return Hash(value);
                }

                [Minimizer]
                public static string Passthrough(string value)
                {
                    return value;
                }

                [Minimizer]
                public static string KeepDomain(string email)
                {
                    return email.Substring(0, 1) + "***" + email.Substring(email.IndexOf('@'));
                }

                public static string Anonymize(string value)
                {
                    return value.Trim().ToLowerInvariant();
                }

                public static string Sha256Hex(string value)
                {
                    return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
                }
            }

            internal sealed class MinimizedCustomer
            {
                public string EmailToken { get; init; } = "";
                public string PhoneLast4 { get; init; } = "";
                public string Region { get; init; } = "";
                public string Note { get; set; } = "";
            }

            internal sealed record PartnerView(string EmailToken, string Region);

            internal static class CustomerMinimizer
            {
                [Minimizer]
                public static MinimizedCustomer Minimize(this Customer c)
                {
                    return new MinimizedCustomer
                    {
                        EmailToken = Privacy.Hash(c.Email),
                        PhoneLast4 = c.Phone.Length > 4 ? c.Phone.Substring(c.Phone.Length - 4) : c.Phone,
                        Region = c.Region,
                    };
                }

                [Minimizer]
                public static PartnerView ToView(Customer c)
                {
                    return new PartnerView(Privacy.Hash(c.Email), c.Region);
                }
            }

            """;

        // =====================================================================================================
        // 1. Static, extension and keyed minimizers.
        // =====================================================================================================

        [Fact]
        public Task Extension_minimizer_with_a_per_partner_context_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c, PartnerContext ctx)
                {
                    string token = c.Email.Pseudonymize(ctx);
                    Partner.Upload(token);
                }
            }
            """);

        [Fact]
        public Task Keyed_minimizer_whose_key_argument_itself_carries_identity_is_still_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    PartnerContext ctx = new PartnerContext("acme:" + c.Name);
                    Partner.Upload(c.Phone.Pseudonymize(ctx));
                }
            }
            """);

        [Fact]
        public Task Phone_pseudonymized_but_raw_email_sent_beside_it_is_reported_at_the_email() => Run("""
            internal static class Export
            {
                public static void Run(Customer c, PartnerContext ctx)
                {
                    string emailOut = c.Email;
                    string phoneOut = c.Phone.Pseudonymize(ctx);
                    Partner.Upload(phoneOut);
                    Partner.Upload({|#0:emailOut|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 2. Injected services: the attribute on the interface member, or on the only implementation (Reading 1: the
        //    callee of a call through an interface is every implementation the receiver's known type allows).
        // =====================================================================================================

        [Fact]
        public Task Injected_pseudonymizer_marked_on_the_interface_member_is_clean() => Run("""
            internal interface IPseudonymizer
            {
                [Minimizer] string Pseudonymize(string value);
            }

            internal sealed class HmacPseudonymizer : IPseudonymizer
            {
                [Minimizer] public string Pseudonymize(string value) { return Privacy.Hash(value); }
            }

            internal sealed class ExportService
            {
                private readonly IPseudonymizer _pseudonymizer;

                public ExportService(IPseudonymizer pseudonymizer) { _pseudonymizer = pseudonymizer; }

                public void Export(Customer c)
                {
                    string token = _pseudonymizer.Pseudonymize(c.Email);
                    Partner.Upload(token);
                }
            }
            """);

        private const string TokenizerProgram = """
            internal interface ITokenizer
            {
                string Tokenize(string value);
            }

            internal sealed class VaultTokenizer : ITokenizer
            {
                [Minimizer] public string Tokenize(string value) { return "tok_" + Privacy.Hash(value); }
            }

            $SECOND

            internal sealed class ExportService
            {
                private readonly ITokenizer _tokenizer;

                public ExportService(ITokenizer tokenizer) { _tokenizer = tokenizer; }

                public void Export(Customer c)
                {
                    Partner.Upload({|#0:_tokenizer.Tokenize(c.Email)|});
                }
            }
            """;

        [Fact]
        public Task Injected_tokenizer_whose_only_implementation_is_a_minimizer_is_clean() => Run(Unmarked(
            TokenizerProgram.Replace("$SECOND", "")));

        [Fact]
        public Task Injected_tokenizer_with_a_second_echoing_implementation_is_reported() => Run(
            TokenizerProgram.Replace("$SECOND", """
                internal sealed class EchoTokenizer : ITokenizer
                {
                    public string Tokenize(string value) { return value; }
                }
                """), Min001(0));

        [Fact]
        public Task Injected_service_method_that_is_not_the_minimizer_is_reported() => Run("""
            internal interface IPseudonymizer
            {
                [Minimizer] string Pseudonymize(string value);
                string Normalize(string value);
            }

            internal sealed class HmacPseudonymizer : IPseudonymizer
            {
                [Minimizer] public string Pseudonymize(string value) { return Privacy.Hash(value); }
                public string Normalize(string value) { return value.Trim().ToLowerInvariant(); }
            }

            internal sealed class ExportService
            {
                private readonly IPseudonymizer _pseudonymizer;

                public ExportService(IPseudonymizer pseudonymizer) { _pseudonymizer = pseudonymizer; }

                public void Export(Customer c)
                {
                    string token = _pseudonymizer.Pseudonymize(c.Phone);
                    string email = _pseudonymizer.Normalize(c.Email);
                    Partner.Upload(token);
                    Partner.Upload({|#0:email|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 3. Async minimizers.
        // =====================================================================================================

        [Fact]
        public Task Awaited_async_minimizer_result_is_clean() => Run("""
            internal static class Export
            {
                public static async Task RunAsync(Customer c)
                {
                    string token = await Privacy.HashAsync(c.Email);
                    Partner.Upload(token);
                }
            }
            """);

        [Fact]
        public Task Async_minimizers_over_a_batch_joined_with_WhenAll_are_clean() => Run("""
            internal static class Export
            {
                public static async Task RunAsync(List<Customer> customers)
                {
                    string[] tokens = await Task.WhenAll(customers.Select(c => Privacy.HashAsync(c.Email)));
                    foreach (string token in tokens)
                    {
                        Partner.Upload(token);
                    }
                    Partner.UploadAll(tokens);
                }
            }
            """);

        [Fact]
        public Task Async_helper_that_awaits_a_minimizer_but_returns_the_raw_value_is_reported() => Run("""
            internal static class Export
            {
                private static async Task<string> PrepareAsync(string email)
                {
                    string token = await Privacy.HashAsync(email);
                    Console.WriteLine(token.Length);
                    return email;
                }

                public static async Task RunAsync(Customer c)
                {
                    string prepared = await PrepareAsync(c.Email);
                    Partner.Upload({|#0:prepared|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 4. Minimizers returning a DTO or a record, written by hand like generated ones.
        // =====================================================================================================

        [Fact]
        public Task Members_and_whole_dto_returned_by_a_minimizer_are_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    MinimizedCustomer m = c.Minimize();
                    Partner.Upload(m.EmailToken);
                    Partner.Upload(m.PhoneLast4);
                    Partner.Upload(m.Region);
                    Partner.UploadDto(m);
                }
            }
            """);

        [Fact]
        public Task Minimized_dto_with_a_raw_email_written_into_its_note_is_reported_where_the_dto_is_sent() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    MinimizedCustomer m = CustomerMinimizer.Minimize(c);
                    m.Note = "contact " + c.Email;
                    Partner.Upload(m.EmailToken);
                    Partner.UploadDto({|#0:m|});
                }
            }
            """, Min001(0));

        private const string ViewProgram = """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    PartnerView view = CustomerMinimizer.ToView(c);
                    PartnerView adjusted = view with { $WITH };
                    Partner.Upload(view.ToString());
                    Partner.UploadDto({|#0:adjusted|});
                }
            }
            """;

        [Fact]
        public Task Record_from_a_minimizer_copied_with_a_clean_member_and_its_ToString_are_clean() => Run(Unmarked(
            ViewProgram.Replace("$WITH", "Region = \"EU-\" + c.Region")));

        [Fact]
        public Task Record_from_a_minimizer_copied_with_the_raw_email_is_reported() => Run(
            ViewProgram.Replace("$WITH", "EmailToken = c.Email"), Min001(0));

        [Fact]
        public Task Generated_like_minimizer_as_a_method_group_over_a_list_then_sent_per_member_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    List<MinimizedCustomer> rows = customers.Select(CustomerMinimizer.Minimize).ToList();
                    foreach (MinimizedCustomer row in rows)
                    {
                        Partner.Upload(row.EmailToken + ";" + row.PhoneLast4);
                    }
                    Partner.UploadDto(rows);
                }
            }
            """);

        // =====================================================================================================
        // 5. LINQ: method groups, lambdas, projections.
        // =====================================================================================================

        [Fact]
        public Task Minimizer_as_a_method_group_in_Select_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    List<string> emails = customers.Select(c => c.Email).ToList();
                    List<string> hashed = emails.Select(Privacy.Hash).ToList();
                    Partner.UploadAll(hashed);
                }
            }
            """);

        private const string SelectLambdaProgram = """
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    IEnumerable<string> emails = customers.Select(c => c.Email);
                    foreach (string value in emails.Select(e => $BODY))
                    {
                        Partner.Upload({|#0:value|});
                    }
                }
            }
            """;

        [Fact]
        public Task Minimizer_called_in_a_Select_lambda_is_clean() => Run(Unmarked(
            SelectLambdaProgram.Replace("$BODY", "Privacy.Hash(e)")));

        [Fact]
        public Task Select_lambda_that_only_trims_is_reported() => Run(
            SelectLambdaProgram.Replace("$BODY", "e.Trim()"), Min001(0));

        [Fact]
        public Task Hashed_list_built_but_the_raw_list_sent_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    List<string> emails = customers.Select(c => c.Email).ToList();
                    List<string> hashed = emails.Select(Privacy.Hash).ToList();
                    Console.WriteLine(hashed.Count);
                    Partner.UploadAll({|#0:emails|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Anonymous_projection_with_a_token_and_a_raw_phone_is_reported_only_at_the_phone() => Run("""
            internal static class Export
            {
                public static void Run(List<Customer> customers)
                {
                    var rows = customers.Select(c => new { Token = Privacy.Hash(c.Email), c.Phone, c.Region });
                    foreach (var row in rows)
                    {
                        Partner.Upload(row.Token);
                        Partner.Upload(row.Region);
                        Partner.Upload({|#0:row.Phone|});
                    }
                }
            }
            """, Min001(0));

        private const string DelegateProgram = """
            internal static class Export
            {
                public static void Run(Customer c, bool strict)
                {
                    Func<string, string> minimize = $CHOICE;
                    Partner.Upload({|#0:minimize(c.Email)|});
                }
            }
            """;

        [Fact]
        public Task Minimizer_held_in_a_Func_and_invoked_is_clean() => Run(Unmarked(
            DelegateProgram.Replace("$CHOICE", "strict ? Privacy.Hash : Privacy.KeepDomain")));

        [Fact]
        public Task Func_that_is_a_minimizer_or_an_identity_lambda_is_reported() => Run(
            DelegateProgram.Replace("$CHOICE", "strict ? Privacy.Hash : (s => s)"), Min001(0));

        // =====================================================================================================
        // 6. Stored, then sent later from another method (Reading 5 for collections in fields).
        // =====================================================================================================

        private const string FieldProgram = """
            internal sealed class PendingExport
            {
                private string _pending = "";

                public void Stage(Customer c)
                {
                    _pending = Privacy.Hash(c.Email);
                }

                public void Restage(Customer c)
                {
                    _pending = $RESTAGE;
                }

                public void Flush()
                {
                    Partner.Upload({|#0:_pending|});
                }
            }
            """;

        [Fact]
        public Task Minimized_value_staged_in_a_field_and_flushed_later_is_clean() => Run(Unmarked(
            FieldProgram.Replace("$RESTAGE", "c.Phone.Pseudonymize(new PartnerContext(\"acme\"))")));

        [Fact]
        public Task Field_restaged_with_the_raw_phone_on_another_method_is_reported_at_the_flush() => Run(
            FieldProgram.Replace("$RESTAGE", "c.Phone"), Min001(0));

        private const string ListProgram = """
            internal sealed class Outbox
            {
                private readonly List<string> _items = new List<string>();

                public void Enqueue(Customer c)
                {
                    _items.Add($ITEM);
                }

                public void Drain()
                {
                    foreach (string item in _items)
                    {
                        Partner.Upload({|#0:item|});
                    }
                    _items.Clear();
                }
            }
            """;

        [Fact]
        public Task Minimized_values_queued_in_a_list_field_and_drained_later_are_clean() => Run(Unmarked(
            ListProgram.Replace("$ITEM", "Privacy.Hash(c.Email) + \";\" + c.Region")));

        [Fact]
        public Task Raw_values_queued_in_a_list_field_are_reported_where_drained() => Run(
            ListProgram.Replace("$ITEM", "c.Email + \";\" + c.Region"), Min001(0));

        private const string DictionaryProgram = """
            internal sealed class TokenIndex
            {
                private readonly Dictionary<string, string> _byKey = new Dictionary<string, string>();

                public void Record(Customer c)
                {
                    _byKey[$KEY] = Privacy.Hash(c.Phone);
                }

                public void Publish()
                {
                    foreach (KeyValuePair<string, string> pair in _byKey)
                    {
                        Partner.Upload({|#0:pair.Key + "=" + pair.Value|});
                    }
                }
            }
            """;

        [Fact]
        public Task Dictionary_field_with_minimized_keys_and_values_published_later_is_clean() => Run(Unmarked(
            DictionaryProgram.Replace("$KEY", "Privacy.Hash(c.Email)")));

        [Fact]
        public Task Dictionary_field_keyed_by_the_raw_email_is_reported_where_the_keys_are_published() => Run(
            DictionaryProgram.Replace("$KEY", "c.Email"), Min001(0));

        private const string CacheProgram = """
            internal sealed class TokenCache
            {
                private readonly ConcurrentDictionary<int, string> _tokens = new ConcurrentDictionary<int, string>();

                public string Warm(Customer c)
                {
                    return _tokens.GetOrAdd(c.Id, id => $FACTORY);
                }

                public void Send(int id)
                {
                    if (_tokens.TryGetValue(id, out string? token))
                    {
                        Partner.Upload({|#0:token|});
                    }
                }
            }
            """;

        [Fact]
        public Task Cache_filled_by_a_minimizing_factory_and_read_elsewhere_is_clean() => Run(Unmarked(
            CacheProgram.Replace("$FACTORY", "Privacy.Hash(c.Email)")));

        [Fact]
        public Task Cache_filled_by_a_factory_returning_the_raw_email_is_reported_where_read() => Run(
            CacheProgram.Replace("$FACTORY", "c.Email"), Min001(0));

        // =====================================================================================================
        // 7. What real code does with a minimized value: concatenation, interpolation, Length, case changes.
        // =====================================================================================================

        [Fact]
        public Task Minimized_value_concatenated_interpolated_upper_cased_and_measured_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string token = Privacy.Hash(c.Email);
                    Partner.Upload("user=" + token + ";region=" + c.Region);
                    Partner.Upload($"{token}|{c.Id}");
                    Partner.Upload(token.ToUpperInvariant());
                    Partner.Upload(token.Substring(0, 8));
                    Partner.Upload(string.Format("{0}-{1}", token, c.Region));
                    Partner.UploadCount(token.Length);
                }
            }
            """);

        [Fact]
        public Task Minimized_email_concatenated_with_the_raw_phone_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string line = Privacy.Hash(c.Email) + ";" + c.Phone;
                    Partner.Upload({|#0:line|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 8. Partial minimization: one member, one path, one order.
        // =====================================================================================================

        [Fact]
        public Task Dto_with_a_minimized_email_and_a_raw_phone_is_reported_only_at_the_phone() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    PartnerRow row = new PartnerRow { EmailToken = Privacy.Hash(c.Email), Phone = c.Phone, Region = c.Region };
                    Partner.Upload(row.EmailToken);
                    Partner.Upload(row.Region);
                    Partner.Upload({|#0:row.Phone|});
                }
            }
            """, Min001(0));

        private const string SinkPropertyProgram = """
            internal static class Export
            {
                public static void Run(Customer c, PartnerRecord record)
                {
                    record.EmailToken = Privacy.Hash(c.Email);
                    record.Phone = {|#0:$PHONE|};
                }
            }
            """;

        [Fact]
        public Task Partner_record_properties_assigned_minimized_values_are_clean() => Run(Unmarked(
            SinkPropertyProgram.Replace("$PHONE", "Privacy.Hash(c.Phone)")));

        [Fact]
        public Task Partner_record_phone_property_assigned_the_raw_phone_is_reported_at_the_right_hand_side() => Run(
            SinkPropertyProgram.Replace("$PHONE", "c.Phone"), Min001(0));

        [Fact]
        public Task Minimize_then_overwrite_with_the_raw_email_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string value = Privacy.Hash(c.Email);
                    if (value.Length == 0)
                    {
                        return;
                    }
                    value = c.Email;
                    Partner.Upload({|#0:value|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Raw_email_overwritten_by_its_minimized_form_before_sending_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string value = c.Email;
                    value = value.Trim();
                    value = Privacy.Hash(value);
                    Partner.Upload(value);
                }
            }
            """);

        [Fact]
        public Task Minimized_on_one_branch_only_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(Customer c, bool strict)
                {
                    string value = c.Email;
                    if (strict)
                    {
                        value = Privacy.Hash(value);
                    }
                    Partner.Upload({|#0:value|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Minimized_on_both_branches_and_in_every_switch_arm_is_clean() => Run("""
            internal enum Level { Low, Medium, High }

            internal static class Export
            {
                public static void Run(Customer c, bool strict, Level level, PartnerContext ctx)
                {
                    string value = c.Email;
                    if (strict)
                    {
                        value = Privacy.Hash(value);
                    }
                    else
                    {
                        value = value.Pseudonymize(ctx);
                    }
                    Partner.Upload(value);

                    string phone = level switch
                    {
                        Level.Low => Privacy.KeepDomain(c.Email),
                        Level.Medium => Privacy.Hash(c.Phone),
                        _ => "redacted",
                    };
                    Partner.Upload(phone);
                }
            }
            """);

        [Fact]
        public Task Minimizer_in_a_finally_that_overwrites_before_sending_is_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string value = c.Email;
                    try
                    {
                        Console.WriteLine("exporting " + c.Id);
                    }
                    finally
                    {
                        value = Privacy.Hash(value);
                    }
                    Partner.Upload(value);
                }
            }
            """);

        private const string CatchProgram = """
            internal static class Export
            {
                public static void Run(Customer c, PartnerContext ctx)
                {
                    string value;
                    try
                    {
                        value = c.Email.Pseudonymize(ctx);
                    }
                    catch (ArgumentException)
                    {
                        value = $FALLBACK;
                    }
                    Partner.Upload({|#0:value|});
                }
            }
            """;

        [Fact]
        public Task Catch_fallback_that_also_minimizes_is_clean() => Run(Unmarked(
            CatchProgram.Replace("$FALLBACK", "Privacy.Hash(c.Email)")));

        [Fact]
        public Task Catch_fallback_that_sends_the_raw_email_is_reported() => Run(
            CatchProgram.Replace("$FALLBACK", "c.Email"), Min001(0));

        // =====================================================================================================
        // 9. Minimizing the wrong thing, or something that is not a minimizer.
        // =====================================================================================================

        [Fact]
        public Task Minimizer_result_discarded_and_the_raw_value_sent_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string email = c.Email;
                    Privacy.Hash(email);
                    Partner.Upload({|#0:email|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Minimizing_a_copy_but_sending_the_other_copy_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string primary = c.Email;
                    string backup = primary;
                    primary = Privacy.Hash(primary);
                    Partner.Upload(primary);
                    Partner.Upload({|#0:backup|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Method_named_Anonymize_without_the_attribute_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    Partner.Upload({|#0:Privacy.Anonymize(c.Email)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Unkeyed_sha256_helper_without_the_attribute_is_reported() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string digest = Privacy.Sha256Hex(c.Phone);
                    Partner.Upload({|#0:digest|});
                }
            }
            """, Min001(0));

        // =====================================================================================================
        // 10. The analyzer trusts a [Minimizer]: "the value it returns carries no identity, whatever went in".
        // =====================================================================================================

        [Fact]
        public Task Minimizer_that_returns_its_input_unchanged_is_trusted_as_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    Partner.Upload(Privacy.Passthrough(c.Email));
                }
            }
            """);

        [Fact]
        public Task Minimizer_that_builds_its_result_from_the_raw_value_is_trusted_as_clean() => Run("""
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    string masked = Privacy.KeepDomain(c.Email);
                    Partner.Upload(masked);
                    Partner.UploadDto(CustomerMinimizer.Minimize(c).PhoneLast4);
                }
            }
            """);
    }
}
