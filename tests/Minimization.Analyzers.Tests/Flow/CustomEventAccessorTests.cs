using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// <c>+=</c> on an event with accessors of its own calls its <c>add</c> accessor: the handler goes where the accessor stores it
    /// (a list of handlers, a registry), and runs where that list is walked.
    /// </summary>
    public sealed class CustomEventAccessorTests
    {
        private const string Types = """
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
                public string Region { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Token(string value) => "t";
            }

            sealed class Hub
            {
                private readonly List<Action<string>> _handlers = new();

                public event Action<string> Received
                {
                    add { _handlers.Add(value); }
                    remove { _handlers.Remove(value); }
                }

                public void Publish(string text)
                {
                    foreach (var h in _handlers)
                    {
                        h(text);
                    }
                }
            }
            """;

        [Fact]
        public Task A_lambda_added_through_a_custom_accessor_runs_where_the_handlers_are_walked() => Check(Types + """

            sealed class Forwarder
            {
                public Forwarder(Hub hub) => hub.Received += text => Partner.Send(text);
            }

            sealed class Intake
            {
                public void Take(Hub hub, Subscriber s) => hub.Publish({|#0:s.Msisdn|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_method_group_added_through_a_custom_accessor_runs_where_the_handlers_are_walked() => Check(Types + """

            sealed class Forwarder
            {
                public Forwarder(Hub hub) { hub.Received += OnText; }
                private void OnText(string text) => Partner.Send(text);
            }

            sealed class Intake
            {
                public void Take(Hub hub, Subscriber s) => hub.Publish({|#0:s.Msisdn|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_minimizing_handler_added_through_a_custom_accessor_is_clean() => Check(Types + """

            sealed class Forwarder
            {
                public Forwarder(Hub hub) => hub.Received += text => Partner.Send(Privacy.Token(text));
            }

            sealed class Intake
            {
                public void Take(Hub hub, Subscriber s) => hub.Publish(s.Msisdn);
            }
            """, withPrelude: false);

        [Fact]
        public Task A_handler_only_removed_through_a_custom_accessor_never_runs() => Check(Types + """

            sealed class Forwarder
            {
                public Forwarder(Hub hub) => hub.Received -= OnText;
                private void OnText(string text) => Partner.Send(text);
            }

            sealed class Intake
            {
                public void Take(Hub hub, Subscriber s) => hub.Publish(s.Msisdn);
            }
            """, withPrelude: false);

        [Fact]
        public Task A_static_event_with_custom_accessors_runs_its_handlers_where_they_are_walked() => Check("""
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }

            static class Bus
            {
                private static readonly List<Action<string>> Handlers = new();

                public static event Action<string> Sent
                {
                    add => Handlers.Add(value);
                    remove => Handlers.Remove(value);
                }

                public static void Raise(string text)
                {
                    foreach (var h in Handlers)
                    {
                        h(text);
                    }
                }
            }

            static class Wiring
            {
                public static void Start() => Bus.Sent += text => Partner.Send(text);
            }

            sealed class Intake
            {
                public void Take(Subscriber s) => Bus.Raise({|#0:s.Msisdn|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_static_event_with_custom_accessors_runs_its_handlers_where_List_ForEach_invokes_them() => Check("""
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }

            static class Bus
            {
                private static readonly List<Action<string>> Handlers = new();

                public static event Action<string> Sent
                {
                    add => Handlers.Add(value);
                    remove => Handlers.Remove(value);
                }

                public static void Raise(string text) => Handlers.ForEach(h => h(text));
            }

            static class Wiring
            {
                public static void Start() => Bus.Sent += text => Partner.Send(text);
            }

            sealed class Intake
            {
                public void Take(Subscriber s) => Bus.Raise({|#0:s.Msisdn|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Handlers_kept_in_a_static_list_run_where_List_ForEach_hands_them_to_a_lambda_that_invokes_them() => Check("""
            using System;
            using System.Collections.Generic;
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }

            static class Bus
            {
                private static readonly List<Action<string>> Handlers = new();

                public static void On(Action<string> h) => Handlers.Add(h);

                public static void Raise(string text) => Handlers.ForEach(h => h(text));
            }

            static class Wiring
            {
                public static void Start() => Bus.On(text => Partner.Send(text));
            }

            sealed class Intake
            {
                public void Take(Subscriber s) => Bus.Raise({|#0:s.Msisdn|});
            }
            """, withPrelude: false, Min001(0));
    }
}
