using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract alone: modern C# (12, 13, 14) as teams write it now.
    /// Collection expressions and spreads, params spans and enumerables, primary constructors, record structs and
    /// <c>with</c>, extension members and classic extension methods, the <c>field</c> keyword, null-conditional and
    /// compound assignment, list and property patterns, switch expressions, static abstract/virtual and default
    /// interface members, required/init members and nested initializers, anonymous <c>with</c>, local functions,
    /// lambdas with default parameters, method groups, raw and interpolated strings, spans and UTF-8, generic
    /// attributes, file-local types, ref structs and deconstruction. Each positive has a near-miss clean twin.
    /// All types are internal (top-level without modifier) so MIN010 stays out.
    /// </summary>
    public class HeldOutModernCSharpTests
    {
        // ---------------------------------------------------------------- domain

        private const string Domain = """

            namespace Crm
            {
                using System;
                using System.Collections.Generic;
                using Minimization;

                internal sealed class Customer
                {
                    public Guid Id { get; set; }
                    [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Name)] public string FullName { get; set; } = "";
                    public string Tier { get; set; } = "";
                    public int Orders { get; set; }
                    public DateTime Since { get; set; }
                }

                internal sealed class PartnerOrder
                {
                    [PartnerShare("acme")] public string? Contact { get; set; }
                    public string? Note { get; set; }
                    public int Quantity { get; set; }
                }

                internal static class Partner
                {
                    [PartnerShare("acme")] public static void Send(string payload) { }
                    [PartnerShare("acme")] public static void SendBytes(byte[] payload) { }
                    [PartnerShare("acme")] public static void SendNumber(long value) { }
                    [PartnerShare("acme")] public static void SendMany(IEnumerable<string> items) { }
                    [PartnerShare("acme")] public static void SendParts(params ReadOnlySpan<string> parts) { }
                }

                internal static class Minimizers
                {
                    [Minimizer] public static string HashEmail(string email) => "e_" + email.Length;
                    [Minimizer] public static string MaskPhone(string phone) => "p_" + phone.Length;
                }
            }
            """;

        // ---------------------------------------------------------------- raw-string helper

        /// <summary>
        /// The test library reads <c>$$</c> as a caret marker, so a program containing a <c>$$"""</c> raw string cannot
        /// go through markup. This strips the <c>{|#n:…|}</c> markers itself, turns each into an exact MIN001 span and
        /// runs the same verifier with markup handling off.
        /// </summary>
        private static async Task CheckWithDollarDollar(string markedSource)
        {
            var expected = new List<DiagnosticResult>();
            var plain = new System.Text.StringBuilder();
            int line = 1, column = 1, startLine = 0, startColumn = 0;
            for (int i = 0; i < markedSource.Length;)
            {
                var open = Regex.Match(markedSource.Substring(i), @"^\{\|#\d+:");
                if (open.Success)
                {
                    startLine = line;
                    startColumn = column;
                    i += open.Length;
                    continue;
                }

                if (markedSource[i] == '|' && i + 1 < markedSource.Length && markedSource[i + 1] == '}' && startLine > 0)
                {
                    expected.Add(new DiagnosticResult(RuleIdentifiers.IdentityReachesPartner, DiagnosticSeverity.Error)
                        .WithSpan(startLine, startColumn, line, column)
                        .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
                    startLine = 0;
                    i += 2;
                    continue;
                }

                char ch = markedSource[i];
                plain.Append(ch);
                if (ch == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }

                i++;
            }

            var test = new Test { TestCode = plain.ToString() };
            test.TestState.MarkupHandling = MarkupMode.None;
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        // ---------------------------------------------------------------- collection expressions, spreads, params

        [Fact]
        public Task Collection_expression_list_with_the_email_spread_into_the_sink_is_reported() => Check("""
            using System.Collections.Generic;
            using Crm;
            sealed class Newsletter
            {
                public void Export(Customer c, List<string> extra)
                {
                    List<string> rows = [c.Email, ..extra];
                    Partner.SendMany({|#0:[..rows, "end"]|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Collection_expression_list_with_the_tier_spread_into_the_sink_is_clean() => Check("""
            using System.Collections.Generic;
            using Crm;
            sealed class Newsletter
            {
                public void Export(Customer c, List<string> extra)
                {
                    List<string> rows = [c.Tier, ..extra];
                    Partner.SendMany([..rows, "end"]);
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Params_span_sink_reports_each_identity_element() => Check("""
            using Crm;
            sealed class Dispatcher
            {
                public void Ship(Customer c)
                {
                    Partner.SendParts("order", {|#0:c.Email|}, c.Tier, {|#1:$"tel:{c.Phone}"|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task Params_span_sink_with_minimized_and_scalar_elements_is_clean() => Check("""
            using Crm;
            sealed class Dispatcher
            {
                public void Ship(Customer c)
                {
                    Partner.SendParts("order", Minimizers.HashEmail(c.Email), c.Tier, $"n:{c.Orders}");
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Params_enumerable_relay_helper_is_reported_at_the_callers_element() => Check("""
            using System.Collections.Generic;
            using Crm;
            sealed class Digest
            {
                private static void Relay(string topic, params IEnumerable<string> lines)
                {
                    foreach (var line in lines)
                    {
                        Partner.Send(topic + ": " + line);
                    }
                }

                public void Run(Customer c) => Relay("weekly", c.Tier, {|#0:c.FullName|});
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Params_enumerable_relay_helper_with_tier_and_count_is_clean() => Check("""
            using System.Collections.Generic;
            using Crm;
            sealed class Digest
            {
                private static void Relay(string topic, params IEnumerable<string> lines)
                {
                    foreach (var line in lines)
                    {
                        Partner.Send(topic + ": " + line);
                    }
                }

                public void Run(Customer c) => Relay("weekly", c.Tier, c.Orders.ToString());
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- primary constructors, record structs, with

        [Fact]
        public Task Primary_constructor_parameter_captured_and_sent_later_is_reported_inside() => Check("""
            using Crm;
            sealed class Mailer(string address)
            {
                public void Flush() => Partner.Send({|#0:address|});
            }
            sealed class Campaign
            {
                public void Run(Customer c) => new Mailer(c.Email).Flush();
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Primary_constructor_parameter_captured_from_the_tier_is_clean() => Check("""
            using Crm;
            sealed class Mailer(string address)
            {
                public void Flush() => Partner.Send(address);
            }
            sealed class Campaign
            {
                public void Run(Customer c) => new Mailer(c.Tier).Flush();
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Primary_constructor_property_initializer_holding_the_phone_is_reported() => Check("""
            using Crm;
            sealed class Ticket(Customer owner)
            {
                public string Contact { get; } = owner.Phone;
                public int Priority { get; } = owner.Orders > 10 ? 1 : 2;
            }
            sealed class Desk
            {
                public void Escalate(Customer c)
                {
                    var t = new Ticket(c);
                    Partner.Send({|#0:t.Contact|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Primary_constructor_scalar_property_beside_the_phone_is_clean() => Check("""
            using Crm;
            sealed class Ticket(Customer owner)
            {
                public string Contact { get; } = owner.Phone;
                public int Priority { get; } = owner.Orders > 10 ? 1 : 2;
            }
            sealed class Desk
            {
                public void Escalate(Customer c)
                {
                    var t = new Ticket(c);
                    Partner.SendNumber(t.Priority);
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Record_struct_with_that_keeps_the_phone_is_reported() => Check("""
            using Crm;
            readonly record struct Channel(string Address, string Kind);
            sealed class Router
            {
                public void Route(Customer c)
                {
                    var sms = new Channel(c.Phone, "sms");
                    var voice = sms with { Kind = "voice" };
                    Partner.Send({|#0:voice.Address|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Record_struct_with_that_overwrites_the_phone_by_a_minimizer_is_clean() => Check("""
            using Crm;
            readonly record struct Channel(string Address, string Kind);
            sealed class Router
            {
                public void Route(Customer c)
                {
                    var sms = new Channel(c.Phone, "sms");
                    var safe = sms with { Address = Minimizers.MaskPhone(sms.Address) };
                    Partner.Send(safe.Address);
                }
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- extension members and extension methods

        [Fact]
        public Task Extension_block_property_returning_the_email_is_reported() => Check("""
            using Crm;
            static class CustomerExtensions
            {
                extension(Customer c)
                {
                    public string Contact => c.Email;
                    public string Level => c.Tier;
                }
            }
            sealed class Sync
            {
                public void Push(Customer c) => Partner.Send({|#0:c.Contact|});
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Extension_block_property_returning_the_tier_is_clean() => Check("""
            using Crm;
            static class CustomerExtensions
            {
                extension(Customer c)
                {
                    public string Contact => c.Email;
                    public string Level => c.Tier;
                }
            }
            sealed class Sync
            {
                public void Push(Customer c) => Partner.Send(c.Level);
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Extension_block_static_method_formatting_name_and_email_is_reported() => Check("""
            using Crm;
            static class CustomerExtensions
            {
                extension(Customer)
                {
                    public static string Signature(Customer c) => $"{c.FullName} <{c.Email}>";
                    public static string Badge(Customer c) => $"[{c.Tier}] #{c.Orders}";
                }
            }
            sealed class Sync
            {
                public void Push(Customer c) => Partner.Send({|#0:Customer.Signature(c)|});
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Extension_block_static_method_formatting_tier_and_count_is_clean() => Check("""
            using Crm;
            static class CustomerExtensions
            {
                extension(Customer)
                {
                    public static string Signature(Customer c) => $"{c.FullName} <{c.Email}>";
                    public static string Badge(Customer c) => $"[{c.Tier}] #{c.Orders}";
                }
            }
            sealed class Sync
            {
                public void Push(Customer c) => Partner.Send(Customer.Badge(c));
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Classic_partner_share_extension_method_sinks_the_extended_email() => Check("""
            using Crm;
            using Minimization;
            static class ShareExtensions
            {
                [PartnerShare("acme")] public static void ShareWith(this string value, string channel) { }
            }
            sealed class Sync
            {
                public void Push(Customer c) => {|#0:c.Email|}.ShareWith("crm");
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Classic_partner_share_extension_method_on_the_tier_is_clean() => Check("""
            using Crm;
            using Minimization;
            static class ShareExtensions
            {
                [PartnerShare("acme")] public static void ShareWith(this string value, string channel) { }
            }
            sealed class Sync
            {
                public void Push(Customer c) => c.Tier.ShareWith("crm");
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- field keyword, ?.=, ??=, +=

        [Fact]
        public Task Field_keyword_setter_normalizing_the_email_is_reported() => Check("""
            using Crm;
            sealed class Draft
            {
                public string Recipient { get; set => field = value.Trim().ToLowerInvariant(); } = "";
                public string Subject { get; set => field = value.Trim(); } = "";
            }
            sealed class Composer
            {
                public void Compose(Customer c)
                {
                    var d = new Draft { Recipient = c.Email, Subject = "hello" };
                    Partner.Send({|#0:d.Recipient|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Field_keyword_setter_given_a_minimized_email_is_clean() => Check("""
            using Crm;
            sealed class Draft
            {
                public string Recipient { get; set => field = value.Trim().ToLowerInvariant(); } = "";
                public string Subject { get; set => field = value.Trim(); } = "";
            }
            sealed class Composer
            {
                public void Compose(Customer c)
                {
                    var d = new Draft { Recipient = Minimizers.HashEmail(c.Email), Subject = c.Tier };
                    Partner.Send(d.Recipient);
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Null_conditional_assignment_to_the_sink_property_is_reported() => Check("""
            using Crm;
            sealed class Checkout
            {
                private PartnerOrder? _pending;

                public void Attach(Customer c)
                {
                    _pending?.Contact = {|#0:c.Email|};
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Null_conditional_assignment_of_a_minimized_value_or_to_a_plain_property_is_clean() => Check("""
            using Crm;
            sealed class Checkout
            {
                private PartnerOrder? _pending;

                public void Attach(Customer c)
                {
                    _pending?.Contact = Minimizers.HashEmail(c.Email);
                    _pending?.Note = c.Email;
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Coalesce_and_compound_assignments_on_the_sink_property_are_reported_at_their_right_hand_sides() => Check("""
            using Crm;
            sealed class Checkout
            {
                public void Fill(PartnerOrder order, Customer c)
                {
                    order.Contact ??= {|#0:c.Phone|};
                    order.Contact += {|#1:c.FullName|};
                }
            }
            """ + Domain, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task Coalesce_and_compound_assignments_on_the_sink_property_with_clean_values_are_clean() => Check("""
            using Crm;
            sealed class Checkout
            {
                public void Fill(PartnerOrder order, Customer c)
                {
                    order.Contact ??= Minimizers.MaskPhone(c.Phone);
                    order.Contact += c.Tier;
                }
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- patterns and switch expressions

        [Fact]
        public Task Property_pattern_binding_the_email_is_reported() => Check("""
            using Crm;
            sealed class Router
            {
                public void Route(object o)
                {
                    if (o is Customer { Email: var e, Orders: > 0 })
                    {
                        Partner.Send({|#0:e|});
                    }
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Property_pattern_binding_the_tier_is_clean() => Check("""
            using Crm;
            sealed class Router
            {
                public void Route(object o)
                {
                    if (o is Customer { Tier: var t, Orders: > 0 })
                    {
                        Partner.Send(t);
                    }
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task List_pattern_with_nested_property_pattern_binding_the_first_phone_is_reported() => Check("""
            using Crm;
            sealed class Router
            {
                public void First(Customer[] customers)
                {
                    if (customers is [{ Phone: var p }, ..])
                    {
                        Partner.Send({|#0:p|});
                    }
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task List_pattern_with_nested_property_pattern_binding_the_first_tier_is_clean() => Check("""
            using Crm;
            sealed class Router
            {
                public void First(Customer[] customers)
                {
                    if (customers is [{ Tier: var t }, ..])
                    {
                        Partner.Send(t);
                    }
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Switch_expression_returning_identity_in_some_arms_is_reported() => Check("""
            using Crm;
            enum Preferred { Email, Phone, None }
            sealed class Notifier
            {
                public void Notify(Customer c, Preferred pref)
                {
                    string route = pref switch
                    {
                        Preferred.Email => c.Email,
                        Preferred.Phone => "sms:" + c.Phone,
                        _ => "postal",
                    };
                    Partner.Send({|#0:route|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Switch_expression_whose_arms_are_all_minimized_or_clean_is_clean() => Check("""
            using Crm;
            enum Preferred { Email, Phone, None }
            sealed class Notifier
            {
                public void Notify(Customer c, Preferred pref)
                {
                    string route = pref switch
                    {
                        Preferred.Email => Minimizers.HashEmail(c.Email),
                        Preferred.Phone => "sms:" + Minimizers.MaskPhone(c.Phone),
                        _ => c.Tier,
                    };
                    Partner.Send(route);
                }
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- static abstract/virtual and default interface members

        [Fact]
        public Task Static_abstract_factory_T_From_returning_the_email_is_reported() => Check("""
            using Crm;
            interface IContact<TSelf> where TSelf : IContact<TSelf>
            {
                static abstract TSelf From(Customer c);
                string Value { get; }
            }
            sealed class EmailContact(string value) : IContact<EmailContact>
            {
                public static EmailContact From(Customer c) => new(c.Email);
                public string Value => value;
            }
            sealed class Exporter
            {
                private static string Render<T>(Customer c) where T : IContact<T> => T.From(c).Value;

                public void Export(Customer c) => Partner.Send({|#0:Render<EmailContact>(c)|});
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_abstract_factory_T_From_returning_the_tier_is_clean() => Check("""
            using Crm;
            interface IContact<TSelf> where TSelf : IContact<TSelf>
            {
                static abstract TSelf From(Customer c);
                string Value { get; }
            }
            sealed class TierContact(string value) : IContact<TierContact>
            {
                public static TierContact From(Customer c) => new(c.Tier);
                public string Value => value;
            }
            sealed class Exporter
            {
                private static string Render<T>(Customer c) where T : IContact<T> => T.From(c).Value;

                public void Export(Customer c) => Partner.Send(Render<TierContact>(c));
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Static_virtual_member_overridden_to_return_the_email_is_reported() => Check("""
            using Crm;
            interface IKeyPolicy
            {
                static virtual string KeyOf(Customer c) => c.Tier;
            }
            sealed class ByEmail : IKeyPolicy
            {
                public static string KeyOf(Customer c) => c.Email;
            }
            sealed class Indexer
            {
                private static string Key<T>(Customer c) where T : IKeyPolicy => T.KeyOf(c);

                public void Publish(Customer c) => Partner.Send({|#0:Key<ByEmail>(c)|});
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Static_virtual_member_default_returning_the_tier_is_clean() => Check("""
            using Crm;
            interface IKeyPolicy
            {
                static virtual string KeyOf(Customer c) => c.Tier;
            }
            sealed class ByDefault : IKeyPolicy
            {
            }
            sealed class Indexer
            {
                private static string Key<T>(Customer c) where T : IKeyPolicy => T.KeyOf(c);

                public void Publish(Customer c) => Partner.Send(Key<ByDefault>(c));
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Default_interface_method_forwarding_to_the_sink_is_reported_at_the_callers_argument() => Check("""
            using Crm;
            interface INotifier
            {
                void Notify(string to) => Partner.Send(to);
            }
            sealed class DefaultNotifier : INotifier
            {
            }
            sealed class Alerts
            {
                public void Raise(Customer c)
                {
                    INotifier n = new DefaultNotifier();
                    n.Notify({|#0:c.Email|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Default_interface_method_replaced_by_a_known_silent_implementation_is_clean() => Check("""
            using Crm;
            interface INotifier
            {
                void Notify(string to) => Partner.Send(to);
            }
            sealed class DefaultNotifier : INotifier
            {
            }
            sealed class SilentNotifier : INotifier
            {
                public void Notify(string to) { _ = to.Length; }
            }
            sealed class Alerts
            {
                public void Raise(Customer c)
                {
                    INotifier n = new SilentNotifier();
                    n.Notify(c.Email);
                }
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- required/init members, nested initializers, anonymous with

        [Fact]
        public Task Required_member_with_nested_object_and_collection_initializers_is_reported() => Check("""
            using System.Collections.Generic;
            using Crm;
            sealed class Header
            {
                public string ReplyTo { get; set; } = "";
                public string Subject { get; set; } = "";
            }
            sealed class Envelope
            {
                public required string Campaign { get; init; }
                public Header Header { get; } = new();
                public List<string> Cc { get; } = new();
            }
            sealed class Outbox
            {
                public void Post(Customer c)
                {
                    var env = new Envelope { Campaign = "spring", Header = { ReplyTo = c.Email }, Cc = { c.Phone } };
                    Partner.Send({|#0:env.Header.ReplyTo|});
                    Partner.SendMany({|#1:env.Cc|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task Required_member_with_nested_initializers_of_clean_values_is_clean() => Check("""
            using System.Collections.Generic;
            using Crm;
            sealed class Header
            {
                public string ReplyTo { get; set; } = "";
                public string Subject { get; set; } = "";
            }
            sealed class Envelope
            {
                public required string Campaign { get; init; }
                public Header Header { get; } = new();
                public List<string> Cc { get; } = new();
            }
            sealed class Outbox
            {
                public void Post(Customer c)
                {
                    var env = new Envelope { Campaign = c.Tier, Header = { Subject = c.Tier }, Cc = { "ops@example.org" } };
                    Partner.Send(env.Header.Subject);
                    Partner.SendMany(env.Cc);
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Init_only_partner_property_set_in_an_object_initializer_is_reported() => Check("""
            using Crm;
            using Minimization;
            sealed class Upload
            {
                [PartnerShare("acme")] public string Body { get; init; } = "";
                public required string Tag { get; init; }
            }
            sealed class Uploader
            {
                public Upload Build(Customer c) => new Upload { Tag = c.Email, Body = {|#0:c.FullName|} };
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Init_only_partner_property_set_to_the_tier_beside_an_identity_tag_is_clean() => Check("""
            using Crm;
            using Minimization;
            sealed class Upload
            {
                [PartnerShare("acme")] public string Body { get; init; } = "";
                public required string Tag { get; init; }
            }
            sealed class Uploader
            {
                public Upload Build(Customer c) => new Upload { Tag = c.Email, Body = c.Tier };
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Anonymous_type_with_that_keeps_the_email_is_reported() => Check("""
            using Crm;
            sealed class Stats
            {
                public void Publish(Customer c)
                {
                    var row = new { Who = c.Email, Count = c.Orders };
                    var next = row with { Count = row.Count + 1 };
                    Partner.Send({|#0:next.Who|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Anonymous_type_with_that_overwrites_the_email_by_a_minimizer_is_clean() => Check("""
            using Crm;
            sealed class Stats
            {
                public void Publish(Customer c)
                {
                    var row = new { Who = c.Email, Count = c.Orders };
                    var safe = row with { Who = Minimizers.HashEmail(row.Who) };
                    Partner.Send(safe.Who);
                    Partner.SendNumber(safe.Count);
                }
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- local functions, lambdas, method groups

        [Fact]
        public Task Local_function_capturing_the_phone_through_a_static_local_formatter_is_reported() => Check("""
            using Crm;
            sealed class Dialer
            {
                public void Run(Customer c)
                {
                    var phone = c.Phone;
                    Push();

                    void Push() => Partner.Send({|#0:Format(phone)|});
                    static string Format(string p) => "tel:" + p;
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Local_function_capturing_a_masked_phone_is_clean() => Check("""
            using Crm;
            sealed class Dialer
            {
                public void Run(Customer c)
                {
                    var phone = Minimizers.MaskPhone(c.Phone);
                    Push();

                    void Push() => Partner.Send(Format(phone));
                    static string Format(string p) => "tel:" + p;
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Lambda_with_a_default_parameter_forwarding_to_the_sink_is_reported_at_the_callers_argument() => Check("""
            using Crm;
            sealed class Sharer
            {
                public void Run(Customer c)
                {
                    var share = (string payload = "none") => Partner.Send(payload);
                    share({|#0:c.Email|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Lambda_with_a_default_parameter_called_with_the_default_and_the_tier_is_clean() => Check("""
            using Crm;
            sealed class Sharer
            {
                public void Run(Customer c)
                {
                    var share = (string payload = "none") => Partner.Send(payload);
                    share();
                    share(c.Tier);
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Method_group_stored_in_a_field_and_invoked_later_is_reported() => Check("""
            using System;
            using Crm;
            sealed class Scheduler
            {
                private Func<Customer, string>? _label;

                public void Configure() => _label = ContactOf;

                private static string ContactOf(Customer c) => c.Phone;

                public void Tick(Customer c)
                {
                    if (_label is { } f)
                    {
                        Partner.Send({|#0:f(c)|});
                    }
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Method_group_stored_in_a_field_returning_the_tier_is_clean() => Check("""
            using System;
            using Crm;
            sealed class Scheduler
            {
                private Func<Customer, string>? _label;

                public void Configure() => _label = TierOf;

                private static string TierOf(Customer c) => c.Tier;

                public void Tick(Customer c)
                {
                    if (_label is { } f)
                    {
                        Partner.Send(f(c));
                    }
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Sink_method_group_with_a_natural_type_invoked_with_the_email_is_reported() => Check("""
            using Crm;
            sealed class Pusher
            {
                public void Run(Customer c)
                {
                    var push = Partner.Send;
                    push({|#0:c.Email|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Sink_method_group_with_a_natural_type_invoked_with_the_tier_is_clean() => Check("""
            using Crm;
            sealed class Pusher
            {
                public void Run(Customer c)
                {
                    var push = Partner.Send;
                    push(c.Tier);
                }
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- raw strings, interpolation, StringBuilder

        [Fact]
        public Task Raw_interpolated_json_with_the_email_is_reported() => CheckWithDollarDollar(""""
            using Crm;
            sealed class Feed
            {
                public void Publish(Customer c)
                {
                    string json = $$"""
                        {"email":"{{c.Email}}","tier":"{{c.Tier}}"}
                        """;
                    Partner.Send({|#0:json|});
                }
            }
            """" + Domain);

        [Fact]
        public Task Raw_interpolated_json_with_tier_and_count_is_clean() => CheckWithDollarDollar(""""
            using Crm;
            sealed class Feed
            {
                public void Publish(Customer c)
                {
                    string json = $$"""
                        {"tier":"{{c.Tier}}","orders":{{c.Orders}}}
                        """;
                    Partner.Send(json);
                }
            }
            """" + Domain);

        [Fact]
        public Task StringBuilder_interpolated_append_with_alignment_and_format_carries_the_name() => Check("""
            using System.Text;
            using Crm;
            sealed class Report
            {
                public void Emit(Customer c)
                {
                    var sb = new StringBuilder();
                    sb.Append($"{c.FullName,-24}|{c.Since:yyyy-MM-dd}|");
                    sb.AppendLine($"{c.Orders:D5}");
                    Partner.Send({|#0:sb.ToString()|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task StringBuilder_interpolated_append_with_alignment_and_format_of_clean_values_is_clean() => Check("""
            using System.Text;
            using Crm;
            sealed class Report
            {
                public void Emit(Customer c)
                {
                    var sb = new StringBuilder();
                    sb.Append($"{c.Tier,-24}|{c.Since:yyyy-MM-dd}|");
                    sb.AppendLine($"{c.Orders:D5}");
                    Partner.Send(sb.ToString());
                }
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- stackalloc spans and UTF-8

        [Fact]
        public Task Stackalloc_span_filled_by_TryWrite_interpolation_carries_the_email() => Check("""
            using System;
            using Crm;
            sealed class Linker
            {
                public void Link(Customer c)
                {
                    Span<char> buffer = stackalloc char[128];
                    if (buffer.TryWrite($"mailto:{c.Email}", out int written))
                    {
                        Partner.Send({|#0:new string(buffer[..written])|});
                    }
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Stackalloc_span_filled_by_TryWrite_interpolation_of_the_tier_is_clean() => Check("""
            using System;
            using Crm;
            sealed class Linker
            {
                public void Link(Customer c)
                {
                    Span<char> buffer = stackalloc char[128];
                    if (buffer.TryWrite($"tier:{c.Tier}", out int written))
                    {
                        Partner.Send(new string(buffer[..written]));
                    }
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Utf8_literal_spread_with_the_encoded_email_is_reported() => Check("""
            using System.Text;
            using Crm;
            sealed class Wire
            {
                public void Send(Customer c)
                {
                    byte[] payload = [.. "mail:"u8, .. Encoding.UTF8.GetBytes(c.Email)];
                    Partner.SendBytes({|#0:payload|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Utf8_literal_spread_with_the_encoded_tier_is_clean() => Check("""
            using System.Text;
            using Crm;
            sealed class Wire
            {
                public void Send(Customer c)
                {
                    byte[] payload = [.. "tier:"u8, .. Encoding.UTF8.GetBytes(c.Tier)];
                    Partner.SendBytes(payload);
                }
            }
            """ + Domain, withPrelude: false);

        // ---------------------------------------------------------------- generic attributes, file-local types, ref structs, deconstruction

        [Fact]
        public Task File_local_identity_bearing_type_with_a_generic_attribute_is_reported() => Check("""
            using System;
            using Crm;
            using Minimization;

            [AttributeUsage(AttributeTargets.Class)]
            file sealed class SchemaAttribute<T> : Attribute
            {
            }

            [IdentityBearing(IdentityCategory.AccountId), Schema<Customer>]
            file sealed class LoyaltyCard
            {
                public string Number { get; set; } = "";
                [NonIdentifying] public string Program { get; set; } = "";
            }

            sealed class Loyalty
            {
                public void Sync(string number)
                {
                    var card = new LoyaltyCard { Number = number, Program = "gold" };
                    Partner.Send({|#0:card.Number|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task File_local_identity_bearing_type_non_identifying_member_is_clean() => Check("""
            using System;
            using Crm;
            using Minimization;

            [AttributeUsage(AttributeTargets.Class)]
            file sealed class SchemaAttribute<T> : Attribute
            {
            }

            [IdentityBearing(IdentityCategory.AccountId), Schema<Customer>]
            file sealed class LoyaltyCard
            {
                public string Number { get; set; } = "";
                [NonIdentifying] public string Program { get; set; } = "";
            }

            sealed class Loyalty
            {
                public void Sync(string number)
                {
                    var card = new LoyaltyCard { Number = number, Program = "gold" };
                    Partner.Send(card.Program);
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Ref_struct_holder_rendering_its_address_is_reported() => Check("""
            using Crm;
            ref struct Outgoing
            {
                public string Address;
                public int Attempts;

                public readonly string Render() => $"{Address}#{Attempts}";
            }
            sealed class Sender
            {
                public void Send(Customer c)
                {
                    var o = new Outgoing { Address = c.Email, Attempts = c.Orders };
                    Partner.Send({|#0:o.Render()|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Ref_struct_holder_rendering_only_its_attempts_is_clean() => Check("""
            using Crm;
            ref struct Outgoing
            {
                public string Address;
                public int Attempts;

                public readonly string Render() => $"#{Attempts}";
            }
            sealed class Sender
            {
                public void Send(Customer c)
                {
                    var o = new Outgoing { Address = c.Email, Attempts = c.Orders };
                    Partner.Send(o.Render());
                }
            }
            """ + Domain, withPrelude: false);

        [Fact]
        public Task Deconstruct_extension_method_email_out_is_reported() => Check("""
            using Crm;
            static class CustomerDeconstruction
            {
                public static void Deconstruct(this Customer c, out string email, out string tier)
                {
                    email = c.Email;
                    tier = c.Tier;
                }
            }
            sealed class Splitter
            {
                public void Split(Customer c)
                {
                    var (mail, tier) = c;
                    Partner.Send({|#0:mail|});
                }
            }
            """ + Domain, withPrelude: false, Min001(0));

        [Fact]
        public Task Deconstruct_extension_method_tier_out_is_clean() => Check("""
            using Crm;
            static class CustomerDeconstruction
            {
                public static void Deconstruct(this Customer c, out string email, out string tier)
                {
                    email = c.Email;
                    tier = c.Tier;
                }
            }
            sealed class Splitter
            {
                public void Split(Customer c)
                {
                    var (mail, tier) = c;
                    Partner.Send(tier);
                }
            }
            """ + Domain, withPrelude: false);
    }
}
