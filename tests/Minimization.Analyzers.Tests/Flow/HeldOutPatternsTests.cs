using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), without reading the engine: the object-oriented and design-pattern shapes of enterprise code.
    /// Template methods (the sink in the base and the identity in the override, and the other way round), virtual members
    /// whose override the receiver's known type selects, strategies picked from a dictionary or a switch, decorators around
    /// a partner client (logging, retry, caching, batching, minimizing), visitors (collecting and generic double dispatch),
    /// fluent builders, a generic repository with two implementations, a <c>Dictionary&lt;Type, object&gt;</c> service
    /// locator and factories, observers wired with <c>+=</c>, a chain of responsibility over a record, a composite walked by
    /// an iterator, specifications and their <c>ToString()</c>, records and <c>with</c>, switch expressions, property and
    /// list patterns, local functions, a <c>[PartnerShare]</c> extension method, explicit interface implementations, default
    /// interface methods, static abstract interface members, lazy properties over a backing field, a <c>[PartnerShare]</c>
    /// property with a backing field fed by <c>+=</c>, the program's own indexers, a wrapper struct with conversion operators
    /// and an immutable list grown with its own <c>operator +</c>. Every reported case has near-miss twins that stay clean:
    /// the value minimized, a non-identifying or scalar member read instead, or a receiver whose known type selects the
    /// minimizing implementation. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutPatternsTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The domain every program shares: the customer, the partner sinks and two minimizers.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using Minimization;

            [IdentityBearing]
            internal class Customer
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public int Tier { get; set; }
                [NonIdentifying] public string Region { get; set; } = "";
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Send(string payload) { }
                [PartnerShare("acme")] public static void SendObject(object payload) { }
                [PartnerShare("acme")] public static void SendId(Guid id) { }
                [PartnerShare("acme")] public static void SendCount(int count) { }
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
                public static string Last4(string phone)
                {
                    return phone.Length > 4 ? phone.Substring(phone.Length - 4) : phone;
                }
            }

            """;

        // =====================================================================================================
        // 1. Template method: the sink in the base, the identity in the override, and the other way round.
        // =====================================================================================================

        private const string SinkInBaseProgram = """
            internal abstract class ExportJob
            {
                public void Run()
                {
                    Console.WriteLine("starting " + GetType().Name);
                    Partner.Send({|#0:BuildPayload()|});
                }

                protected abstract string BuildPayload();
            }

            internal sealed class NewsletterJob : ExportJob
            {
                private readonly Customer _customer;

                public NewsletterJob(Customer customer) { _customer = customer; }

                protected override string BuildPayload() => "to=" + $PAYLOAD;
            }

            internal sealed class RegionJob : ExportJob
            {
                private readonly Customer _customer;

                public RegionJob(Customer customer) { _customer = customer; }

                protected override string BuildPayload() => "region=" + _customer.Region + ";tier=" + _customer.Tier;
            }

            internal static class Scheduler
            {
                public static void RunAll(Customer c)
                {
                    new NewsletterJob(c).Run();
                    new RegionJob(c).Run();
                }
            }
            """;

        [Fact]
        public Task Template_base_sending_what_an_abstract_step_returns_is_reported_when_one_override_reads_the_raw_email() => Run(
            SinkInBaseProgram.Replace("$PAYLOAD", "_customer.Email"), Min001(0));

        [Fact]
        public Task Template_base_sending_what_an_abstract_step_returns_is_clean_when_every_override_minimizes_or_reads_the_region() => Run(Unmarked(
            SinkInBaseProgram.Replace("$PAYLOAD", "Privacy.Hash(_customer.Email)")));

        private const string SinkInOverrideProgram = """
            internal abstract class Notifier
            {
                public void Notify(Customer c)
                {
                    if (c.Tier > 0)
                    {
                        Deliver({|#0:c.Phone|});
                    }
                }

                protected abstract void Deliver(string contact);
            }

            internal sealed class SmsGatewayNotifier : Notifier
            {
                protected override void Deliver(string contact) => Partner.Send("sms:" + $DELIVERED);
            }

            internal sealed class AuditNotifier : Notifier
            {
                protected override void Deliver(string contact) => Console.WriteLine("notified, " + contact.Length + " digits");
            }

            internal static class Alerts
            {
                public static void Run(Notifier notifier, Customer c) => notifier.Notify(c);
            }
            """;

        [Fact]
        public Task Template_base_handing_the_raw_phone_to_an_abstract_step_is_reported_at_its_argument_when_an_override_sends_it() => Run(
            SinkInOverrideProgram.Replace("$DELIVERED", "contact"), Min001(0));

        [Fact]
        public Task Template_base_handing_the_raw_phone_to_an_abstract_step_is_clean_when_every_override_minimizes_before_sending() => Run(Unmarked(
            SinkInOverrideProgram.Replace("$DELIVERED", "Privacy.Last4(contact)")));

        private const string VirtualFormatterProgram = """
            internal class ContactFormatter
            {
                public virtual string Format(Customer c) => c.Email.Trim().ToLowerInvariant();
            }

            internal sealed class HashingFormatter : ContactFormatter
            {
                public override string Format(Customer c) => Privacy.Hash(c.Email);
            }

            internal static class Export
            {
                $RUN
            }
            """;

        [Fact]
        public Task Virtual_formatter_called_on_a_base_typed_parameter_is_reported_because_the_raw_base_body_is_possible() => Run(
            VirtualFormatterProgram.Replace("$RUN", "public static void Run(ContactFormatter formatter, Customer c) => Partner.Send({|#0:formatter.Format(c)|});"),
            Min001(0));

        [Fact]
        public Task Virtual_formatter_called_on_a_new_sealed_override_that_minimizes_is_clean() => Run(
            VirtualFormatterProgram.Replace("$RUN", """
                public static void Run(Customer c)
                {
                    var formatter = new HashingFormatter();
                    Partner.Send(formatter.Format(c));
                }
                """));

        [Fact]
        public Task Virtual_formatter_called_on_a_base_typed_local_that_holds_the_minimizing_override_is_clean() => Run(
            VirtualFormatterProgram.Replace("$RUN", """
                public static void Run(Customer c)
                {
                    ContactFormatter formatter = new HashingFormatter();
                    Partner.Send(formatter.Format(c));
                }
                """));

        // =====================================================================================================
        // 2. Strategy chosen at run time: from a dictionary, from a switch expression.
        // =====================================================================================================

        private const string StrategyTypes = """
            internal interface IShareStrategy
            {
                string Prepare(Customer c);
            }

            internal sealed class HashedEmailStrategy : IShareStrategy
            {
                public string Prepare(Customer c) => Privacy.Hash(c.Email);
            }

            internal sealed class RegionStrategy : IShareStrategy
            {
                public string Prepare(Customer c) => c.Region + "/" + c.Tier;
            }

            """;

        private const string PlainStrategy = """
            internal sealed class PlainEmailStrategy : IShareStrategy
            {
                public string Prepare(Customer c) => c.Email.Trim();
            }

            """;

        private const string MaskedStrategy = """
            internal sealed class MaskedPhoneStrategy : IShareStrategy
            {
                public string Prepare(Customer c) => "***" + Privacy.Last4(c.Phone);
            }

            """;

        private const string StrategyDictionaryProgram = StrategyTypes + """
            $EXTRA
            internal sealed class ShareService
            {
                private readonly Dictionary<string, IShareStrategy> _strategies = new()
                {
                    ["hashed"] = new HashedEmailStrategy(),
                    ["region"] = new RegionStrategy(),
                    $ENTRY
                };

                public void Share(Customer c, string mode)
                {
                    if (_strategies.TryGetValue(mode, out IShareStrategy? strategy))
                    {
                        Partner.Send({|#0:strategy.Prepare(c)|});
                    }
                }
            }
            """;

        [Fact]
        public Task Strategy_looked_up_in_a_dictionary_is_reported_when_one_registered_strategy_returns_the_raw_email() => Run(
            StrategyDictionaryProgram.Replace("$EXTRA", PlainStrategy).Replace("$ENTRY", "[\"plain\"] = new PlainEmailStrategy(),"), Min001(0));

        [Fact]
        public Task Strategy_looked_up_in_a_dictionary_is_clean_when_every_strategy_minimizes_or_reads_the_region() => Run(Unmarked(
            StrategyDictionaryProgram.Replace("$EXTRA", MaskedStrategy).Replace("$ENTRY", "[\"masked\"] = new MaskedPhoneStrategy(),")));

        private const string StrategySwitchProgram = StrategyTypes + """
            $EXTRA
            internal static class StrategyPicker
            {
                public static IShareStrategy Pick(string mode) => mode switch
                {
                    "hashed" => new HashedEmailStrategy(),
                    $ARM
                    _ => new RegionStrategy(),
                };
            }

            internal static class Export
            {
                public static void Run(Customer c, string mode)
                {
                    IShareStrategy strategy = StrategyPicker.Pick(mode);
                    Partner.Send({|#0:strategy.Prepare(c)|});
                }
            }
            """;

        [Fact]
        public Task Strategy_returned_by_a_switch_expression_is_reported_when_one_arm_returns_the_raw_email_strategy() => Run(
            StrategySwitchProgram.Replace("$EXTRA", PlainStrategy).Replace("$ARM", "\"plain\" => new PlainEmailStrategy(),"), Min001(0));

        [Fact]
        public Task Strategy_returned_by_a_switch_expression_is_clean_when_every_strategy_minimizes_or_reads_the_region() => Run(Unmarked(
            StrategySwitchProgram.Replace("$EXTRA", MaskedStrategy).Replace("$ARM", "\"masked\" => new MaskedPhoneStrategy(),")));

        // =====================================================================================================
        // 3. Decorators around a partner client: logging, retry, caching, batching, minimizing.
        // =====================================================================================================

        private const string ClientDecorators = """
            internal interface IPartnerClient
            {
                void Push(string payload);
            }

            internal sealed class AcmeClient : IPartnerClient
            {
                public void Push(string payload) => Partner.Send(payload);
            }

            internal sealed class LoggingClient : IPartnerClient
            {
                private readonly IPartnerClient _inner;

                public LoggingClient(IPartnerClient inner) { _inner = inner; }

                public void Push(string payload)
                {
                    Console.WriteLine($"pushing {payload.Length} chars");
                    _inner.Push(payload);
                }
            }

            internal sealed class RetryClient : IPartnerClient
            {
                private readonly IPartnerClient _inner;

                public RetryClient(IPartnerClient inner) { _inner = inner; }

                public void Push(string payload)
                {
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            _inner.Push(payload);
                            return;
                        }
                        catch (TimeoutException)
                        {
                            Console.WriteLine("retrying, attempt " + attempt);
                        }
                    }
                }
            }

            internal sealed class CachingClient : IPartnerClient
            {
                private readonly IPartnerClient _inner;
                private readonly HashSet<string> _alreadySent = new();

                public CachingClient(IPartnerClient inner) { _inner = inner; }

                public void Push(string payload)
                {
                    if (_alreadySent.Add(payload))
                    {
                        _inner.Push(payload);
                    }
                }
            }

            internal sealed class MinimizingClient : IPartnerClient
            {
                private readonly IPartnerClient _inner;

                public MinimizingClient(IPartnerClient inner) { _inner = inner; }

                public void Push(string payload) => _inner.Push(Privacy.Hash(payload));
            }

            """;

        [Fact]
        public Task Logging_retry_and_caching_decorators_forward_the_raw_email_and_it_is_reported_at_the_outermost_argument() => Run(ClientDecorators + """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    IPartnerClient client = new LoggingClient(new RetryClient(new CachingClient(new AcmeClient())));
                    client.Push({|#0:c.Email|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Decorator_chain_whose_outermost_decorator_is_known_to_minimize_is_clean() => Run(ClientDecorators + """
            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var client = new MinimizingClient(new LoggingClient(new RetryClient(new AcmeClient())));
                    client.Push(c.Email);
                }
            }
            """);

        private const string BatchingProgram = ClientDecorators + """
            internal sealed class BatchingClient : IPartnerClient
            {
                private readonly IPartnerClient _inner;
                private readonly Queue<string> _pending = new();

                public BatchingClient(IPartnerClient inner) { _inner = inner; }

                public void Push(string payload) => _pending.Enqueue($QUEUED);

                public void Flush()
                {
                    while (_pending.Count > 0)
                    {
                        _inner.Push({|#0:_pending.Dequeue()|});
                    }
                }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var batch = new BatchingClient(new RetryClient(new AcmeClient()));
                    batch.Push(c.Phone);
                    batch.Flush();
                }
            }
            """;

        [Fact]
        public Task Batching_decorator_queueing_the_raw_phone_in_a_field_is_reported_where_flush_forwards_it() => Run(
            BatchingProgram.Replace("$QUEUED", "payload"), Min001(0));

        [Fact]
        public Task Batching_decorator_queueing_the_masked_phone_in_a_field_is_clean() => Run(Unmarked(
            BatchingProgram.Replace("$QUEUED", "Privacy.Last4(payload)")));

        // =====================================================================================================
        // 4. Visitors over a small object tree.
        // =====================================================================================================

        private const string NodeTypes = """
            internal abstract class Node
            {
                public abstract void Accept(INodeVisitor visitor);

                public abstract T Accept<T>(INodeVisitor<T> visitor);
            }

            internal sealed class CustomerNode : Node
            {
                public CustomerNode(Customer customer) { Customer = customer; }

                public Customer Customer { get; }

                public override void Accept(INodeVisitor visitor) => visitor.VisitCustomer(this);

                public override T Accept<T>(INodeVisitor<T> visitor) => visitor.VisitCustomer(this);
            }

            internal sealed class OrderNode : Node
            {
                public decimal Total { get; init; }

                public List<Node> Children { get; } = new();

                public override void Accept(INodeVisitor visitor)
                {
                    visitor.VisitOrder(this);
                    foreach (Node child in Children)
                    {
                        child.Accept(visitor);
                    }
                }

                public override T Accept<T>(INodeVisitor<T> visitor) => visitor.VisitOrder(this);
            }

            internal interface INodeVisitor
            {
                void VisitCustomer(CustomerNode node);

                void VisitOrder(OrderNode node);
            }

            internal interface INodeVisitor<T>
            {
                T VisitCustomer(CustomerNode node);

                T VisitOrder(OrderNode node);
            }

            """;

        private const string CollectingVisitorProgram = NodeTypes + """
            internal sealed class ContactCollector : INodeVisitor
            {
                public List<string> Lines { get; } = new();

                public void VisitCustomer(CustomerNode node) => Lines.Add($LINE);

                public void VisitOrder(OrderNode node) => Lines.Add("order " + node.Total);
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var root = new OrderNode { Total = 42m };
                    root.Children.Add(new CustomerNode(c));
                    var collector = new ContactCollector();
                    root.Accept(collector);
                    Partner.Send({|#0:string.Join(";", collector.Lines)|});
                }
            }
            """;

        [Fact]
        public Task Collecting_visitor_that_gathers_raw_emails_in_its_list_is_reported_where_the_joined_lines_are_sent() => Run(
            CollectingVisitorProgram.Replace("$LINE", "node.Customer.Email"), Min001(0));

        [Fact]
        public Task Collecting_visitor_that_gathers_hashed_emails_and_order_totals_is_clean() => Run(Unmarked(
            CollectingVisitorProgram.Replace("$LINE", "Privacy.Hash(node.Customer.Email)")));

        private const string GenericVisitorProgram = NodeTypes + """
            internal sealed class Describer : INodeVisitor<string>
            {
                public string VisitCustomer(CustomerNode node) => "customer " + $DESCRIBED;

                public string VisitOrder(OrderNode node) => "order of " + node.Total;
            }

            internal static class Export
            {
                public static void Run(IEnumerable<Node> nodes)
                {
                    var describer = new Describer();
                    foreach (Node node in nodes)
                    {
                        Partner.Send({|#0:node.Accept(describer)|});
                    }
                }
            }
            """;

        [Fact]
        public Task Generic_visitor_returning_the_customer_name_through_double_dispatch_is_reported_at_the_sent_result() => Run(
            GenericVisitorProgram.Replace("$DESCRIBED", "node.Customer.Name"), Min001(0));

        [Fact]
        public Task Generic_visitor_returning_the_hashed_customer_name_through_double_dispatch_is_clean() => Run(Unmarked(
            GenericVisitorProgram.Replace("$DESCRIBED", "Privacy.Hash(node.Customer.Name)")));

        // =====================================================================================================
        // 5. Fluent builders.
        // =====================================================================================================

        private const string BuilderProgram = """
            internal sealed class Report
            {
                public Report(Guid reportId, string contact, string region, int tier)
                {
                    ReportId = reportId;
                    Contact = contact;
                    Region = region;
                    Tier = tier;
                }

                public Guid ReportId { get; }
                public string Contact { get; }
                public string Region { get; }
                public int Tier { get; }
            }

            internal sealed class ReportBuilder
            {
                private string _contact = "";
                private string _region = "";
                private int _tier;

                public ReportBuilder WithCustomer(Customer c)
                {
                    _contact = $STORED;
                    _tier = c.Tier;
                    return this;
                }

                public ReportBuilder WithRegion(string region)
                {
                    _region = region;
                    return this;
                }

                public string Build() => $"{_contact}|{_region}|{_tier}";

                public Report BuildReport() => new Report(Guid.NewGuid(), _contact, _region, _tier);
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    $SEND
                }
            }
            """;

        private const string BuildStringSend = "Partner.Send({|#0:new ReportBuilder().WithCustomer(c).WithRegion(c.Region).Build()|});";

        [Fact]
        public Task Fluent_builder_holding_the_raw_email_is_reported_where_the_built_string_is_sent() => Run(
            BuilderProgram.Replace("$STORED", "c.Email").Replace("$SEND", BuildStringSend), Min001(0));

        [Fact]
        public Task Fluent_builder_holding_the_hashed_email_builds_a_clean_string() => Run(Unmarked(
            BuilderProgram.Replace("$STORED", "Privacy.Hash(c.Email)").Replace("$SEND", BuildStringSend)));

        [Fact]
        public Task Fluent_builder_holding_the_raw_email_builds_a_report_object_that_is_reported_when_sent_whole() => Run(
            BuilderProgram.Replace("$STORED", "c.Email").Replace("$SEND", """
                Report report = new ReportBuilder().WithCustomer(c).WithRegion(c.Region).BuildReport();
                Partner.SendObject({|#0:report|});
                """), Min001(0));

        [Fact]
        public Task Guid_and_int_members_of_a_built_report_that_holds_the_raw_email_are_clean() => Run(
            BuilderProgram.Replace("$STORED", "c.Email").Replace("$SEND", """
                Report report = new ReportBuilder().WithCustomer(c).WithRegion(c.Region).BuildReport();
                Partner.SendId(report.ReportId);
                Partner.SendCount(report.Tier);
                """));

        // =====================================================================================================
        // 6. A generic repository with two implementations.
        // =====================================================================================================

        private const string RepositoryProgram = """
            internal interface IRepository<T>
            {
                void Add(T item);

                IEnumerable<T> All();
            }

            internal sealed class InMemoryRepository<T> : IRepository<T>
            {
                private readonly List<T> _items = new();

                public void Add(T item) => _items.Add(item);

                public IEnumerable<T> All() => _items;
            }

            internal sealed class KeyedRepository<T> : IRepository<T>
            {
                private readonly Dictionary<int, T> _byKey = new();

                public void Add(T item) => _byKey[_byKey.Count] = item;

                public IEnumerable<T> All() => _byKey.Values;
            }

            internal sealed class Lead
            {
                public Guid LeadId { get; set; }
                public int Score { get; set; }
                public string Contact { get; set; } = "";
            }

            internal sealed class LeadCapture
            {
                private readonly IRepository<Lead> _leads;

                public LeadCapture(IRepository<Lead> leads) { _leads = leads; }

                public void Capture(Customer c) => _leads.Add(new Lead { LeadId = Guid.NewGuid(), Score = c.Tier * 10, Contact = $CONTACT });
            }

            internal sealed class LeadExport
            {
                private readonly IRepository<Lead> _leads;

                public LeadExport(IRepository<Lead> leads) { _leads = leads; }

                public void Export()
                {
                    foreach (Lead lead in _leads.All())
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Generic_repository_round_trips_a_lead_holding_the_raw_phone_and_its_contact_is_reported_when_sent() => Run(
            RepositoryProgram.Replace("$CONTACT", "c.Phone").Replace("$SEND", "Partner.Send({|#0:lead.Contact|});"), Min001(0));

        [Fact]
        public Task Generic_repository_round_trips_a_lead_holding_the_masked_phone_and_its_contact_is_clean() => Run(
            RepositoryProgram.Replace("$CONTACT", "Privacy.Last4(c.Phone)").Replace("$SEND", "Partner.Send(lead.Contact);"));

        [Fact]
        public Task Guid_and_score_of_a_repository_lead_that_holds_the_raw_phone_are_clean() => Run(
            RepositoryProgram.Replace("$CONTACT", "c.Phone").Replace("$SEND", """
                Partner.SendId(lead.LeadId);
                Partner.SendCount(lead.Score);
                """));

        // =====================================================================================================
        // 7. A Dictionary<Type, object> service locator and factories.
        // =====================================================================================================

        private const string SenderTypes = """
            internal interface IContactSender
            {
                void SendContact(string contact);
            }

            internal sealed class HashingSender : IContactSender
            {
                public void SendContact(string contact) => Partner.Send(Privacy.Hash(contact));
            }

            internal sealed class MaskingSender : IContactSender
            {
                public void SendContact(string contact) => Partner.Send(Privacy.Last4(contact));
            }

            """;

        private const string DirectSender = """
            internal sealed class DirectSender : IContactSender
            {
                public void SendContact(string contact) => Partner.Send(contact);
            }

            """;

        private const string LocatorProgram = SenderTypes + """
            $RAW
            internal sealed class ServiceLocator
            {
                private readonly Dictionary<Type, object> _services = new();

                public void Register<TService>(TService service) where TService : class => _services[typeof(TService)] = service;

                public TService Resolve<TService>() => (TService)_services[typeof(TService)];
            }

            internal static class Composition
            {
                public static ServiceLocator Build()
                {
                    var locator = new ServiceLocator();
                    locator.Register<IContactSender>(new $IMPL());
                    return locator;
                }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    ServiceLocator locator = Composition.Build();
                    locator.Resolve<IContactSender>().SendContact({|#0:c.Email|});
                }
            }
            """;

        [Fact]
        public Task Service_locator_resolving_an_interface_with_a_raw_sending_implementation_is_reported_at_the_argument() => Run(
            LocatorProgram.Replace("$RAW", DirectSender).Replace("$IMPL", "DirectSender"), Min001(0));

        [Fact]
        public Task Service_locator_resolving_an_interface_whose_every_implementation_minimizes_is_clean() => Run(Unmarked(
            LocatorProgram.Replace("$RAW", "").Replace("$IMPL", "HashingSender")));

        private const string FactoryProgram = SenderTypes + DirectSender + """
            internal static class SenderFactory
            {
                public static IContactSender Create(string kind) => kind switch
                {
                    "direct" => new DirectSender(),
                    "mask" => new MaskingSender(),
                    _ => new HashingSender(),
                };

                public static HashingSender CreateHashing() => new HashingSender();
            }

            internal static class Export
            {
                public static void Run(Customer c, string kind)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Factory_returning_the_sender_interface_by_kind_is_reported_when_one_kind_sends_the_raw_phone() => Run(
            FactoryProgram.Replace("$SEND", "SenderFactory.Create(kind).SendContact({|#0:c.Phone|});"), Min001(0));

        [Fact]
        public Task Factory_method_whose_return_type_is_the_sealed_hashing_sender_is_clean_beside_a_raw_sender() => Run(
            FactoryProgram.Replace("$SEND", "SenderFactory.CreateHashing().SendContact(c.Phone);"));

        // =====================================================================================================
        // 8. Observers: events and +=.
        // =====================================================================================================

        private const string ObserverProgram = """
            internal sealed class CustomerEvents
            {
                public event Action<string>? ContactChanged;

                public void ChangeContact(Customer c)
                {
                    ContactChanged?.Invoke({|#0:c.Email|});
                }
            }

            internal sealed class PartnerSync
            {
                public PartnerSync(CustomerEvents events)
                {
                    events.ContactChanged += OnContactChanged;
                }

                private void OnContactChanged(string contact) => Partner.Send("changed:" + $HANDLED);
            }
            """;

        [Fact]
        public Task Event_raised_with_the_raw_email_is_reported_at_the_raise_argument_when_a_subscribed_handler_sends_it() => Run(
            ObserverProgram.Replace("$HANDLED", "contact"), Min001(0));

        [Fact]
        public Task Event_raised_with_the_raw_email_is_clean_when_the_subscribed_handler_hashes_it() => Run(Unmarked(
            ObserverProgram.Replace("$HANDLED", "Privacy.Hash(contact)")));

        private const string CapturingSubscriberProgram = """
            internal sealed class SaveEvents
            {
                public event Action? Saved;

                public void Save() => Saved?.Invoke();
            }

            internal static class Wiring
            {
                public static void Subscribe(SaveEvents events, Customer c)
                {
                    string contact = $CAPTURED;
                    events.Saved += () => Partner.Send({|#0:contact|});
                }
            }
            """;

        [Fact]
        public Task Lambda_subscribed_with_plus_equals_that_captured_the_raw_email_is_reported_inside_it() => Run(
            CapturingSubscriberProgram.Replace("$CAPTURED", "c.Email"), Min001(0));

        [Fact]
        public Task Lambda_subscribed_with_plus_equals_that_captured_the_hashed_email_is_clean() => Run(Unmarked(
            CapturingSubscriberProgram.Replace("$CAPTURED", "Privacy.Hash(c.Email)")));

        // =====================================================================================================
        // 9. Chain of responsibility over a record request.
        // =====================================================================================================

        private const string ChainProgram = """
            internal sealed record ShareRequest(string Kind, string Contact);

            internal abstract class ShareHandler
            {
                private ShareHandler? _next;

                public ShareHandler SetNext(ShareHandler next)
                {
                    _next = next;
                    return next;
                }

                public virtual void Handle(ShareRequest request) => _next?.Handle(request);
            }

            internal sealed class ValidationHandler : ShareHandler
            {
                public override void Handle(ShareRequest request)
                {
                    if (request.Contact.Length == 0)
                    {
                        return;
                    }

                    base.Handle(request);
                }
            }

            internal sealed class MaskingHandler : ShareHandler
            {
                public override void Handle(ShareRequest request) => base.Handle(request with { Contact = Privacy.Last4(request.Contact) });
            }

            internal sealed class PartnerHandler : ShareHandler
            {
                public override void Handle(ShareRequest request)
                {
                    if (request.Kind == "partner")
                    {
                        Partner.Send(request.Contact);
                        return;
                    }

                    base.Handle(request);
                }
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var head = new $HEAD();
                    head.SetNext(new PartnerHandler());
                    head.Handle({|#0:new ShareRequest("partner", c.Phone)|});
                }
            }
            """;

        [Fact]
        public Task Chain_of_responsibility_passing_a_request_with_the_raw_phone_to_a_partner_handler_is_reported_at_the_request() => Run(
            ChainProgram.Replace("$HEAD", "ValidationHandler"), Min001(0));

        [Fact]
        public Task Chain_of_responsibility_headed_by_a_masking_handler_that_rewrites_the_record_with_with_is_clean() => Run(Unmarked(
            ChainProgram.Replace("$HEAD", "MaskingHandler")));

        // =====================================================================================================
        // 10. Composite walked by an iterator.
        // =====================================================================================================

        private const string CompositeProgram = """
            internal interface IAudience
            {
                IEnumerable<string> Contacts();
            }

            internal sealed class SingleCustomer : IAudience
            {
                private readonly Customer _customer;

                public SingleCustomer(Customer customer) { _customer = customer; }

                public IEnumerable<string> Contacts()
                {
                    yield return $CONTACT;
                }
            }

            internal sealed class Segment : IAudience
            {
                private readonly List<IAudience> _members = new();

                public Segment Add(IAudience member)
                {
                    _members.Add(member);
                    return this;
                }

                public IEnumerable<string> Contacts() => _members.SelectMany(m => m.Contacts());
            }

            internal static class Campaign
            {
                public static void Run(IEnumerable<Customer> customers, Customer vip)
                {
                    var root = new Segment();
                    var vips = new Segment().Add(new SingleCustomer(vip));
                    root.Add(vips);
                    foreach (Customer c in customers)
                    {
                        root.Add(new SingleCustomer(c));
                    }

                    foreach (string contact in root.Contacts())
                    {
                        Partner.Send({|#0:contact|});
                    }
                }
            }
            """;

        [Fact]
        public Task Composite_audience_whose_leaves_yield_raw_emails_is_reported_where_each_contact_is_sent() => Run(
            CompositeProgram.Replace("$CONTACT", "_customer.Email"), Min001(0));

        [Fact]
        public Task Composite_audience_whose_leaves_yield_hashed_emails_is_clean() => Run(Unmarked(
            CompositeProgram.Replace("$CONTACT", "Privacy.Hash(_customer.Email)")));

        // =====================================================================================================
        // 11. Specifications (predicates without expressions).
        // =====================================================================================================

        private const string SpecificationProgram = """
            internal interface ISpecification<T>
            {
                bool IsSatisfiedBy(T candidate);
            }

            internal sealed class InRegion : ISpecification<Customer>
            {
                private readonly string _region;

                public InRegion(string region) { _region = region; }

                public bool IsSatisfiedBy(Customer candidate) => candidate.Region == _region;

                public override string ToString() => "region = " + _region;
            }

            internal sealed class EmailIs : ISpecification<Customer>
            {
                private readonly string _email;

                public EmailIs(string email) { _email = email; }

                public bool IsSatisfiedBy(Customer candidate) => candidate.Email == _email;

                public override string ToString() => "email = " + $SHOWN;
            }

            internal sealed class AndSpecification<T> : ISpecification<T>
            {
                private readonly ISpecification<T> _left;
                private readonly ISpecification<T> _right;

                public AndSpecification(ISpecification<T> left, ISpecification<T> right)
                {
                    _left = left;
                    _right = right;
                }

                public bool IsSatisfiedBy(T candidate) => _left.IsSatisfiedBy(candidate) && _right.IsSatisfiedBy(candidate);

                public override string ToString() => $"({_left}) and ({_right})";
            }

            internal static class Segmenter
            {
                public static void Run(IReadOnlyList<Customer> customers, Customer probe)
                {
                    var spec = new AndSpecification<Customer>(new InRegion(probe.Region), $RIGHT);
                    if (customers.Any(spec.IsSatisfiedBy))
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Specification_whose_ToString_shows_the_raw_email_it_matches_is_reported_where_it_is_interpolated() => Run(
            SpecificationProgram.Replace("$SHOWN", "_email").Replace("$RIGHT", "new EmailIs(probe.Email)")
                .Replace("$SEND", "Partner.Send({|#0:$\"segment: {spec}\"|});"), Min001(0));

        [Fact(Skip = "engine gap: AndSpecification<T>.ToString() is summarized once, with its fields _left and _right (typed ISpecification<T>) as symbolic values; at the call the EmailIs object held in _right is flattened into the text, so which ToString() override runs for it (EmailIs's, which hashes) is not known. Reported: MIN001 at $\"segment: {spec}\", path Customer.Email → new EmailIs → EmailIs._email → new AndSpecification → AndSpecification._right → AndSpecification.ToString() → Partner.Send. An interface-typed value whose members were written in the same method is dispatched (TypeArgumentSourceTests)")]
        public Task Specification_whose_ToString_hashes_the_email_it_matches_is_clean_where_it_is_interpolated() => Run(
            SpecificationProgram.Replace("$SHOWN", "Privacy.Hash(_email)").Replace("$RIGHT", "new EmailIs(probe.Email)")
                .Replace("$SEND", "Partner.Send($\"segment: {spec}\");"));

        [Fact]
        public Task Specification_combining_two_region_rules_is_clean_where_it_is_interpolated_beside_an_unused_email_rule() => Run(
            SpecificationProgram.Replace("$SHOWN", "_email").Replace("$RIGHT", "new InRegion(\"EU\")")
                .Replace("$SEND", "Partner.Send($\"segment: {spec}\");"));

        // =====================================================================================================
        // 12. Records and with.
        // =====================================================================================================

        private const string RecordProgram = """
            internal sealed record ContactCard(string Name, string Email, string Region);

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var card = new ContactCard(c.Name, c.Email, c.Region);
                    var shared = card with { $WITH };
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Record_copy_with_only_the_name_hashed_still_holds_the_raw_email_and_is_reported_when_sent_whole() => Run(
            RecordProgram.Replace("$WITH", "Name = Privacy.Hash(card.Name)").Replace("$SEND", "Partner.SendObject({|#0:shared|});"), Min001(0));

        [Fact]
        public Task Record_copy_with_only_the_name_hashed_is_reported_where_its_synthesized_ToString_is_interpolated() => Run(
            RecordProgram.Replace("$WITH", "Name = Privacy.Hash(card.Name)").Replace("$SEND", "Partner.Send({|#0:$\"card {shared}\"|});"), Min001(0));

        [Fact]
        public Task Record_copy_with_the_name_and_the_email_hashed_is_clean_sent_whole_and_interpolated() => Run(
            RecordProgram.Replace("$WITH", "Name = Privacy.Hash(card.Name), Email = Privacy.Hash(card.Email)").Replace("$SEND", """
                Partner.SendObject(shared);
                Partner.Send($"card {shared}");
                """));

        // =====================================================================================================
        // 13. Pattern matching: switch expressions, property patterns, list patterns.
        // =====================================================================================================

        private const string SwitchLabelProgram = """
            internal static class Labels
            {
                public static string Describe(object subject) => subject switch
                {
                    Customer { Tier: > 2 } vip => "vip " + $VIP,
                    Customer regular => "customer in " + regular.Region,
                    null => "none",
                    _ => "unknown",
                };
            }

            internal static class Export
            {
                public static void Run(Customer c) => Partner.Send({|#0:Labels.Describe(c)|});
            }
            """;

        [Fact]
        public Task Switch_expression_arm_returning_the_vip_name_is_reported_where_the_label_is_sent() => Run(
            SwitchLabelProgram.Replace("$VIP", "vip.Name"), Min001(0));

        [Fact]
        public Task Switch_expression_whose_arms_hash_the_name_or_read_the_region_is_clean() => Run(Unmarked(
            SwitchLabelProgram.Replace("$VIP", "Privacy.Hash(vip.Name)")));

        private const string PropertyPatternProgram = """
            internal static class Export
            {
                public static void Run(IEnumerable<Customer> customers)
                {
                    foreach (Customer c in customers)
                    {
                        if (c is { Tier: > 1, $MEMBER: var value })
                        {
                            Partner.Send({|#0:value|});
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task Property_pattern_binding_the_email_is_reported_where_the_bound_variable_is_sent() => Run(
            PropertyPatternProgram.Replace("$MEMBER", "Email"), Min001(0));

        [Fact]
        public Task Property_pattern_binding_the_non_identifying_region_is_clean() => Run(Unmarked(
            PropertyPatternProgram.Replace("$MEMBER", "Region")));

        private const string ListPatternProgram = """
            internal static class Export
            {
                public static void Run(IReadOnlyList<Customer> customers)
                {
                    List<string> contacts = customers.Select(c => $SELECTED).ToList();
                    if (contacts is [var first, .., var last])
                    {
                        Partner.Send({|#0:first + "," + last|});
                    }
                }
            }
            """;

        [Fact]
        public Task List_pattern_taking_the_first_and_last_email_of_a_list_is_reported_where_they_are_sent() => Run(
            ListPatternProgram.Replace("$SELECTED", "c.Email"), Min001(0));

        [Fact]
        public Task List_pattern_taking_the_first_and_last_region_of_a_list_is_clean() => Run(Unmarked(
            ListPatternProgram.Replace("$SELECTED", "c.Region")));

        // =====================================================================================================
        // 14. Local functions and extension methods.
        // =====================================================================================================

        private const string LocalFunctionProgram = """
            internal static class Export
            {
                public static void Run(Customer c, string campaign)
                {
                    string Line(string channel) => $"{channel}:{campaign}:{$CONTACT}";

                    Partner.Send({|#0:Line("sms")|});
                }
            }
            """;

        [Fact]
        public Task Local_function_capturing_the_customer_and_formatting_the_raw_phone_is_reported_where_its_result_is_sent() => Run(
            LocalFunctionProgram.Replace("$CONTACT", "c.Phone"), Min001(0));

        [Fact]
        public Task Local_function_capturing_the_customer_and_formatting_the_masked_phone_is_clean() => Run(Unmarked(
            LocalFunctionProgram.Replace("$CONTACT", "Privacy.Last4(c.Phone)")));

        private const string ShareExtensionProgram = """
            internal static class PartnerExtensions
            {
                [PartnerShare("acme")]
                public static void ShareWith(this string value, string channel)
                {
                }
            }

            internal static class Export
            {
                public static void Run(Customer c) => $CALL;
            }
            """;

        [Fact]
        public Task Partner_share_extension_method_called_on_the_raw_email_is_reported_at_the_extended_value() => Run(
            ShareExtensionProgram.Replace("$CALL", "{|#0:c.Email|}.ShareWith(\"newsletter\")"), Min001(0));

        [Fact]
        public Task Partner_share_extension_method_called_on_the_hashed_email_is_clean() => Run(
            ShareExtensionProgram.Replace("$CALL", "Privacy.Hash(c.Email).ShareWith(\"newsletter\")"));

        // =====================================================================================================
        // 15. Explicit interface implementations, default interface methods, static abstract members.
        // =====================================================================================================

        private const string ExplicitImplementationProgram = """
            internal interface IExportable
            {
                string ExportLine();
            }

            internal sealed class CustomerRecord : IExportable
            {
                private readonly Customer _customer;

                public CustomerRecord(Customer customer) { _customer = customer; }

                public string ExportLine() => _customer.Region + ";" + _customer.Tier;

                string IExportable.ExportLine() => _customer.Email + ";" + _customer.Region;
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var record = new CustomerRecord(c);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Explicit_interface_implementation_reading_the_email_is_reported_when_called_through_the_interface() => Run(
            ExplicitImplementationProgram.Replace("$SEND", """
                IExportable exportable = record;
                Partner.Send({|#0:exportable.ExportLine()|});
                """), Min001(0));

        [Fact]
        public Task Public_method_beside_an_explicit_implementation_reads_only_the_region_and_is_clean_when_called_on_the_class() => Run(
            ExplicitImplementationProgram.Replace("$SEND", "Partner.Send(record.ExportLine());"));

        private const string DefaultInterfaceMethodProgram = """
            internal interface IContactSource
            {
                Customer Owner { get; }

                string SharedContact() => Owner.Email;
            }

            internal sealed class CrmContact : IContactSource
            {
                public CrmContact(Customer owner) { Owner = owner; }

                public Customer Owner { get; }
            }

            internal sealed class HashedCrmContact : IContactSource
            {
                public HashedCrmContact(Customer owner) { Owner = owner; }

                public Customer Owner { get; }

                public string SharedContact() => Privacy.Hash(Owner.Email);
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Default_interface_method_returning_the_owner_email_is_reported_when_called_on_an_implementation_that_keeps_it() => Run(
            DefaultInterfaceMethodProgram.Replace("$SEND", """
                IContactSource source = new CrmContact(c);
                Partner.Send({|#0:source.SharedContact()|});
                """), Min001(0));

        [Fact]
        public Task Class_method_that_replaces_a_default_interface_method_with_a_hash_is_clean_when_called_on_the_class() => Run(
            DefaultInterfaceMethodProgram.Replace("$SEND", """
                var source = new HashedCrmContact(c);
                Partner.Send(source.SharedContact());
                """));

        private const string StaticAbstractProgram = """
            internal interface IContactEncoder<TSelf> where TSelf : IContactEncoder<TSelf>
            {
                static abstract string Encode(string contact);
            }

            internal sealed class MaskedEncoder : IContactEncoder<MaskedEncoder>
            {
                public static string Encode(string contact) => "***" + Privacy.Last4(contact);
            }

            internal sealed class HashedEncoder : IContactEncoder<HashedEncoder>
            {
                public static string Encode(string contact) => Privacy.Hash(contact);
            }

            $RAW
            internal static class Outbound
            {
                public static void Share<TEncoder>(string contact) where TEncoder : IContactEncoder<TEncoder>
                    => Partner.Send(TEncoder.Encode(contact));
            }

            internal static class Export
            {
                public static void Run(Customer c) => Outbound.Share<$ENCODER>({|#0:c.Phone|});
            }
            """;

        [Fact]
        public Task Static_abstract_encoder_that_returns_the_phone_unchanged_is_reported_at_the_caller_argument() => Run(
            StaticAbstractProgram.Replace("$RAW", """
                internal sealed class PlainEncoder : IContactEncoder<PlainEncoder>
                {
                    public static string Encode(string contact) => contact.Trim();
                }

                """).Replace("$ENCODER", "PlainEncoder"), Min001(0));

        [Fact]
        public Task Static_abstract_encoders_that_all_minimize_are_clean() => Run(Unmarked(
            StaticAbstractProgram.Replace("$RAW", "").Replace("$ENCODER", "MaskedEncoder")));

        // =====================================================================================================
        // 16. Properties with backing fields and lazy getters; indexers of the program's own types.
        // =====================================================================================================

        private const string LazyPropertyProgram = """
            internal sealed class CustomerView
            {
                private readonly Customer _customer;
                private string? _display;

                public CustomerView(Customer customer) { _customer = customer; }

                public string Display => _display ??= $"{$NAME} ({_customer.Region})";

                public string RegionLabel => _customer.Region.ToUpperInvariant();
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var view = new CustomerView(c);
                    Partner.Send($SENT);
                }
            }
            """;

        [Fact]
        public Task Lazy_property_caching_the_name_in_a_backing_field_is_reported_where_it_is_sent() => Run(
            LazyPropertyProgram.Replace("$NAME", "_customer.Name").Replace("$SENT", "{|#0:view.Display|}"), Min001(0));

        [Fact]
        public Task Lazy_property_caching_the_hashed_name_in_a_backing_field_is_clean() => Run(
            LazyPropertyProgram.Replace("$NAME", "Privacy.Hash(_customer.Name)").Replace("$SENT", "view.Display"));

        [Fact]
        public Task Sibling_property_reading_only_the_region_is_clean_beside_a_lazy_property_holding_the_name() => Run(
            LazyPropertyProgram.Replace("$NAME", "_customer.Name").Replace("$SENT", "view.RegionLabel"));

        private const string IndexerProgram = """
            internal sealed class ContactBook
            {
                private readonly Dictionary<Guid, string> _entries = new();

                public string this[Guid id]
                {
                    get => _entries.TryGetValue(id, out string? entry) ? entry : "";
                    set => _entries[id] = value;
                }
            }

            internal sealed class BookSync
            {
                private readonly ContactBook _book = new();

                public void Remember(Customer c) => _book[c.Id] = $STORED;

                public void Share(Guid id)
                {
                    Partner.Send({|#0:_book[id]|});
                }
            }
            """;

        [Fact]
        public Task Own_indexer_storing_the_raw_email_in_one_method_is_reported_where_another_method_reads_and_sends_it() => Run(
            IndexerProgram.Replace("$STORED", "c.Email"), Min001(0));

        [Fact]
        public Task Own_indexer_storing_the_hashed_email_is_clean_where_it_is_read_and_sent() => Run(Unmarked(
            IndexerProgram.Replace("$STORED", "Privacy.Hash(c.Email)")));

        private const string OutboxPropertyProgram = """
            internal sealed class AcmeOutbox
            {
                private string _body = "";

                [PartnerShare("acme")]
                public string Body
                {
                    get => _body;
                    set => _body = value.Trim();
                }
            }

            internal static class Export
            {
                public static void Run(IEnumerable<Customer> customers, AcmeOutbox outbox)
                {
                    foreach (Customer c in customers)
                    {
                        outbox.Body += {|#0:$ADDED|};
                    }
                }
            }
            """;

        [Fact]
        public Task Compound_assignment_to_a_partner_share_property_with_a_backing_field_is_reported_at_its_right_hand_side() => Run(
            OutboxPropertyProgram.Replace("$ADDED", "c.Email + \";\""), Min001(0));

        [Fact]
        public Task Compound_assignment_of_a_hashed_email_to_a_partner_share_property_is_clean() => Run(Unmarked(
            OutboxPropertyProgram.Replace("$ADDED", "Privacy.Hash(c.Email) + \";\"")));

        // =====================================================================================================
        // 17. Operator overloads and conversions of the program's own types.
        // =====================================================================================================

        private const string PhoneNumberProgram = """
            internal readonly struct PhoneNumber
            {
                private readonly string _digits;

                public PhoneNumber(string digits) { _digits = digits; }

                public string Masked => "***" + Privacy.Last4(_digits);

                public override string ToString() => Masked;

                public static implicit operator string(PhoneNumber phone) => phone._digits;

                public static explicit operator PhoneNumber(string digits) => new PhoneNumber(digits);
            }

            internal static class Export
            {
                public static void Run(Customer c)
                {
                    var phone = (PhoneNumber)c.Phone;
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Phone_wrapper_converted_implicitly_to_string_gives_back_the_raw_digits_and_is_reported() => Run(
            PhoneNumberProgram.Replace("$SEND", "Partner.Send({|#0:phone|});"), Min001(0));

        [Fact]
        public Task Masked_member_of_the_phone_wrapper_is_clean() => Run(
            PhoneNumberProgram.Replace("$SEND", "Partner.Send(phone.Masked);"));

        [Fact]
        public Task ToString_of_the_phone_wrapper_that_masks_is_clean() => Run(
            PhoneNumberProgram.Replace("$SEND", "Partner.Send(phone.ToString());"));

        private const string ContactListProgram = """
            internal sealed class ContactList
            {
                private readonly List<string> _contacts;

                private ContactList(List<string> contacts) { _contacts = contacts; }

                public static ContactList Empty { get; } = new ContactList(new List<string>());

                public static ContactList operator +(ContactList list, string contact) => new ContactList(new List<string>(list._contacts) { contact });

                public override string ToString() => string.Join(",", _contacts);
            }

            internal static class Export
            {
                public static void Run(IEnumerable<Customer> customers)
                {
                    ContactList list = ContactList.Empty;
                    foreach (Customer c in customers)
                    {
                        list += $ADDED;
                    }

                    Partner.Send({|#0:list.ToString()|});
                }
            }
            """;

        [Fact]
        public Task Immutable_contact_list_grown_with_a_plus_operator_from_raw_emails_is_reported_where_its_ToString_is_sent() => Run(
            ContactListProgram.Replace("$ADDED", "c.Email"), Min001(0));

        [Fact]
        public Task Immutable_contact_list_grown_with_a_plus_operator_from_hashed_emails_is_clean() => Run(Unmarked(
            ContactListProgram.Replace("$ADDED", "Privacy.Hash(c.Email)")));
    }
}
