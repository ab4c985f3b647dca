using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 1, the receiver's known type: when every value a receiver can hold is an object created in sight, a call on it
    /// runs only those classes' implementations. A local given a <c>new</c> on every branch, a private or readonly field its
    /// type only ever assigns a <c>new</c>, a factory or getter nothing can override that only returns one. Any other way of
    /// writing it (an injected value, <c>ref</c>, a compound assignment, a deconstruction, a lambda that assigns a parameter)
    /// makes the type unknown again, and every implementation runs.
    /// </summary>
    public sealed class CreatedReceiverTests
    {
        private const string Types = """
            using System;
            using System.Threading;
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("phone")] public string Phone { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void Upload(string value) { }
            }

            interface ISender
            {
                void Send(string value);
            }

            sealed class PartnerSender : ISender
            {
                public void Send(string value) => Partner.Upload(value);
            }

            sealed class QuietSender : ISender
            {
                public void Send(string value) { }
            }

            sealed class ConsoleSender : ISender
            {
                public void Send(string value) => Console.WriteLine(value.Length);
            }

            """;

        private static Task Run(string program, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
            => Check(Types + program, withPrelude: false, expected);

        [Fact]
        public Task A_local_assigned_on_every_branch_of_a_switch_a_quiet_class_is_clean() => Run("""
            static class Job
            {
                public static void Run(Customer c, int mode)
                {
                    ISender sender;
                    switch (mode)
                    {
                        case 1: sender = new QuietSender(); break;
                        default: sender = new ConsoleSender(); break;
                    }

                    sender.Send(c.Phone);
                }
            }
            """);

        [Fact]
        public Task A_local_that_a_lambda_assigns_a_parameter_is_reported() => Run("""
            static class Job
            {
                public static void Run(Customer c, ISender injected)
                {
                    ISender sender = new QuietSender();
                    Action swap = () => sender = injected;
                    swap();
                    sender.Send({|#0:c.Phone|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_local_handed_by_ref_to_a_method_that_replaces_it_is_reported() => Run("""
            static class Job
            {
                static void Replace(ref ISender sender) => sender = new PartnerSender();

                public static void Run(Customer c)
                {
                    ISender sender = new QuietSender();
                    Replace(ref sender);
                    sender.Send({|#0:c.Phone|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_local_coalesced_with_a_forwarding_fallback_is_reported() => Run("""
            static class Job
            {
                public static void Run(Customer c, bool quiet)
                {
                    ISender? sender = quiet ? new QuietSender() : null;
                    sender ??= new PartnerSender();
                    sender.Send({|#0:c.Phone|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_local_that_is_null_or_a_quiet_class_is_clean() => Run("""
            static class Job
            {
                public static void Run(Customer c, bool quiet)
                {
                    ISender? sender = quiet ? new QuietSender() : null;
                    sender?.Send(c.Phone);
                }
            }
            """);

        [Fact]
        public Task A_private_field_assigned_a_quiet_class_in_one_method_and_an_injected_sender_in_another_is_reported() => Run("""
            sealed class Notifier
            {
                private ISender _sender = new QuietSender();

                public void Use(ISender sender) => _sender = sender;

                public void Notify(Customer c) => _sender.Send({|#0:c.Phone|});
            }
            """, Min001(0));

        [Fact]
        public Task A_private_field_swapped_by_Interlocked_Exchange_is_reported() => Run("""
            sealed class Notifier
            {
                private ISender _sender = new QuietSender();

                public void Escalate() => Interlocked.Exchange(ref _sender, new PartnerSender());

                public void Notify(Customer c) => _sender.Send({|#0:c.Phone|});
            }
            """, Min001(0));

        [Fact]
        public Task A_private_field_of_a_partial_class_assigned_a_forwarding_class_in_the_other_part_is_reported() => Run("""
            partial class Notifier
            {
                private ISender _sender = new QuietSender();

                public void Notify(Customer c) => _sender.Send({|#0:c.Phone|});
            }

            partial class Notifier
            {
                public void Escalate() => _sender = new PartnerSender();
            }
            """, Min001(0));

        [Fact]
        public Task A_private_field_of_a_partial_class_given_quiet_classes_in_both_parts_is_clean() => Run("""
            partial class Notifier
            {
                private ISender _sender = new QuietSender();

                public void Notify(Customer c) => _sender.Send(c.Phone);
            }

            partial class Notifier
            {
                public void Reset() => _sender = new ConsoleSender();
            }
            """);

        [Fact]
        public Task A_public_mutable_field_initialized_with_a_quiet_class_is_reported_since_anyone_may_assign_it() => Run("""
            sealed class Notifier
            {
                public ISender Sender = new QuietSender();

                public void Notify(Customer c) => Sender.Send({|#0:c.Phone|});
            }

            static class Setup
            {
                public static void Wire(Notifier n) => n.Sender = new PartnerSender();
            }
            """, Min001(0));

        [Fact]
        public Task A_readonly_field_of_a_generic_class_initialized_with_a_quiet_class_is_clean() => Run("""
            sealed class Outbox<T>
            {
                private readonly ISender _sender = new QuietSender();

                public void Flush(T item, Customer c) => _sender.Send(c.Phone);
            }
            """);

        [Fact]
        public Task A_virtual_factory_may_be_overridden_and_its_receiver_is_reported() => Run("""
            class Channel
            {
                public virtual ISender Create() => new QuietSender();

                public void Notify(Customer c) => Create().Send({|#0:c.Phone|});
            }

            sealed class LoudChannel : Channel
            {
                public override ISender Create() => new PartnerSender();
            }
            """, Min001(0));

        [Fact]
        public Task A_getter_that_returns_a_quiet_class_or_throws_is_clean() => Run("""
            sealed class Channel
            {
                private ISender? _cached;

                private ISender Sender => _cached ?? throw new InvalidOperationException("not wired");

                public Channel() => _cached = new ConsoleSender();

                public void Notify(Customer c) => Sender.Send(c.Phone);
            }
            """);

        [Fact]
        public Task A_factory_with_a_return_inside_a_lambda_is_judged_by_its_own_returns_only() => Run("""
            static class Senders
            {
                public static ISender Pick(bool quiet)
                {
                    Func<ISender> loud = () => new PartnerSender();
                    if (quiet)
                    {
                        return new QuietSender();
                    }

                    return loud();
                }
            }

            static class Job
            {
                public static void Run(Customer c) => Senders.Pick(false).Send({|#0:c.Phone|});
            }
            """, Min001(0));

        [Fact]
        public Task A_chain_of_locals_and_a_factory_ending_in_a_quiet_class_is_clean() => Run("""
            static class Senders
            {
                public static ISender Quiet() => new QuietSender();
            }

            static class Job
            {
                public static void Run(Customer c)
                {
                    var first = Senders.Quiet();
                    ISender second = first;
                    second.Send(c.Phone);
                }
            }
            """);
        private const string Exporters = """
            abstract class Exporter<T>
            {
                public void Export(T item) => Write(item);

                public async System.Threading.Tasks.Task ExportAsync(T item)
                {
                    await System.Threading.Tasks.Task.Yield();
                    Write(item);
                }

                protected abstract void Write(T item);
            }

            sealed class PartnerExporter : Exporter<string>
            {
                protected override void Write(string item) => Partner.Upload(item);
            }

            sealed class FileExporter : Exporter<string>
            {
                protected override void Write(string item) => Console.WriteLine(item.Length);
            }

            static class SenderExtensions
            {
                public static void SendTrimmed(this ISender sender, string value) => sender.Send(value.Trim());

                public static void SendOr(this ISender sender, ISender fallback, string value, bool useFallback)
                {
                    if (useFallback)
                    {
                        sender = fallback;
                    }

                    sender.Send(value);
                }
            }

            """;

        [Fact]
        public Task A_generic_template_method_on_a_fresh_quiet_subclass_runs_only_its_hook() => Run(Exporters + """
            static class Job
            {
                public static void Run(Customer c) => new FileExporter().Export(c.Phone);
            }
            """);

        [Fact]
        public Task A_generic_template_method_on_a_fresh_forwarding_subclass_is_reported_at_the_argument() => Run(Exporters + """
            static class Job
            {
                public static void Run(Customer c) => new PartnerExporter().Export({|#0:c.Phone|});
            }
            """, Min001(0));

        [Fact]
        public Task An_async_template_method_on_a_readonly_field_holding_a_quiet_subclass_is_clean() => Run(Exporters + """
            sealed class Nightly
            {
                private readonly Exporter<string> _exporter = new FileExporter();

                public System.Threading.Tasks.Task Run(Customer c) => _exporter.ExportAsync(c.Phone);
            }
            """);

        [Fact]
        public Task An_async_template_method_on_a_field_injected_with_any_exporter_is_reported() => Run(Exporters + """
            sealed class Nightly
            {
                private readonly Exporter<string> _exporter;

                public Nightly(Exporter<string> exporter) => _exporter = exporter;

                public System.Threading.Tasks.Task Run(Customer c) => _exporter.ExportAsync({|#0:c.Phone|});
            }
            """, Min001(0));

        [Fact]
        public Task An_extension_method_on_a_local_holding_a_quiet_class_is_clean() => Run(Exporters + """
            static class Job
            {
                public static void Run(Customer c)
                {
                    ISender sender = new ConsoleSender();
                    sender.SendTrimmed(c.Phone);
                }
            }
            """);

        [Fact]
        public Task An_extension_method_that_replaces_the_value_it_extends_is_reported() => Run(Exporters + """
            static class Job
            {
                public static void Run(Customer c, ISender injected) => new QuietSender().SendOr(injected, {|#0:c.Phone|}, true);
            }
            """, Min001(0));
    }
}
