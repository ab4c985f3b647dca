using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>MIN001 through lambdas, local functions, captures, delegates in locals and fields, method groups and events.</summary>
    public class LambdaDelegateTests
    {
        [Fact]
        public Task Lambda_in_a_local_returning_its_argument_carries_identity() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    Func<string, string> format = n => "tel:" + n;
                    PartnerGateway.Send({|#0:format(r.CallerNumber)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Lambda_ignoring_its_argument_returns_a_clean_value() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    Func<string, string> regionOnly = _ => r.Region;
                    PartnerGateway.Send(regionOnly(r.CallerNumber));
                }
            }
            """);

        [Fact]
        public Task Action_that_sends_its_parameter_is_reported_at_the_invocation_argument() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    Action<string> share = payload => PartnerGateway.Send(payload);
                    share({|#0:r.CallerNumber|});
                    share(r.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Lambda_sending_a_captured_identity_local_is_reported_inside_the_lambda() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var number = r.CallerNumber;
                    Action flush = () => PartnerGateway.Send({|#0:number|});
                    flush();
                }
            }
            """, Min001(0));

        [Fact]
        public Task Lambda_sending_a_captured_local_that_was_minimized_first_is_clean() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var number = r.CallerNumber;
                    number = Minimizers.Pseudonymize(number, "UK");
                    Action flush = () => PartnerGateway.Send(number);
                    flush();
                }
            }
            """);

        [Fact]
        public Task Local_function_returning_a_substring_of_its_parameter_carries_identity() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    string Mask(string s) => s.Substring(0, 6) + "****";
                    PartnerGateway.Send({|#0:Mask(r.CallerNumber)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Local_function_reading_a_captured_record_is_reported_inside_it() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    void ShareTower() => PartnerGateway.Send({|#0:r.TowerId|});
                    ShareTower();
                }
            }
            """, Min001(0));

        [Fact]
        public Task Local_function_that_sends_its_parameter_is_reported_at_the_call_argument() => Check("""
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    void Share(string payload) => PartnerGateway.Send(payload);
                    Share({|#0:r.CallerNumber|});
                    Share(r.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Func_stored_in_a_field_then_invoked_carries_identity() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                private readonly Func<CallRecord, string> _key = call => call.CallerNumber;

                void Run(CallRecord r) => PartnerGateway.Send({|#0:_key(r)|});
            }
            """, Min001(0));

        [Fact]
        public Task Action_field_bound_to_a_partner_method_group_sinks_its_argument() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                private readonly Action<object> _sink;

                public CdrJob() { _sink = PartnerGateway.Send; }

                void Run(CallRecord r)
                {
                    _sink({|#0:r.CallerNumber|});
                    _sink(r.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Method_group_converted_to_a_func_carries_identity() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                static string CallerOf(CallRecord call) => call.CallerNumber;

                void Run(CallRecord r)
                {
                    Func<CallRecord, string> pick = CallerOf;
                    PartnerGateway.Send({|#0:pick(r)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Method_group_of_a_clean_selector_is_clean() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                static string RegionOf(CallRecord call) => call.Region;

                void Run(CallRecord r)
                {
                    Func<CallRecord, string> pick = RegionOf;
                    PartnerGateway.Send(pick(r));
                }
            }
            """);

        [Fact]
        public Task Raising_an_event_whose_handler_sends_is_reported_at_the_raise_argument() => Check("""
            using System;
            using Telecom;
            class CallMonitor
            {
                public event Action<string>? CallCompleted;

                public void Complete(CallRecord r) => CallCompleted?.Invoke({|#0:r.CallerNumber|});
            }
            class PartnerBridge
            {
                public PartnerBridge(CallMonitor monitor) { monitor.CallCompleted += OnCompleted; }

                private void OnCompleted(string number) => PartnerGateway.Send(number);
            }
            """, Min001(0));

        [Fact]
        public Task Raising_an_event_with_a_clean_value_is_clean() => Check("""
            using System;
            using Telecom;
            class CallMonitor
            {
                public event Action<string>? CallCompleted;

                public void Complete(CallRecord r) => CallCompleted?.Invoke(r.Region);
            }
            class PartnerBridge
            {
                public PartnerBridge(CallMonitor monitor) { monitor.CallCompleted += OnCompleted; }

                private void OnCompleted(string region) => PartnerGateway.Send(region);
            }
            """);

        [Fact]
        public Task Lambda_event_handler_that_sends_is_reported_at_the_raise_argument() => Check("""
            using System;
            using Telecom;
            class MailMonitor
            {
                public event EventHandler<string>? Received;

                public void OnMail(EmailHeader header) => Received?.Invoke(this, {|#0:header.From|});
            }
            class PartnerBridge
            {
                public PartnerBridge(MailMonitor monitor, IPartnerChannel channel)
                {
                    monitor.Received += (sender, from) => channel.Publish(from);
                }
            }
            """, Min001(0));

        [Fact]
        public Task ForEach_lambda_reading_identity_is_reported_inside_the_lambda() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class CdrJob
            {
                void Run(List<CallRecord> calls) => calls.ForEach(c => PartnerGateway.Send({|#0:c.CallerNumber|}));
            }
            """, Min001(0));

        [Fact]
        public Task ForEach_lambda_reading_a_clean_member_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class CdrJob
            {
                void Run(List<CallRecord> calls) => calls.ForEach(c => PartnerGateway.Send(c.DurationSeconds));
            }
            """);

        [Fact]
        public Task Lambda_that_minimizes_returns_a_clean_value() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r, IPartnerChannel channel)
                {
                    Func<CallRecord, string> token = c => Minimizers.Pseudonymize(c.CallerNumber, "AU");
                    channel.Publish(token(r));
                }
            }
            """);

        [Fact]
        public Task Lambda_passed_to_a_helper_that_applies_it_carries_identity() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                static string Apply(Func<string, string> transform, string value) => transform(value);

                void Run(CallRecord r) => PartnerGateway.Send({|#0:Apply(s => s.Trim(), r.CallerNumber)|});
            }
            """, Min001(0));

        [Fact]
        public Task Lambda_passed_to_a_helper_that_ignores_its_input_is_clean() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                static string Apply(Func<string, string> transform, string value) => transform(value);

                void Run(CallRecord r) => PartnerGateway.Send(Apply(_ => "n/a", r.CallerNumber));
            }
            """);

        [Fact]
        public Task Captured_variable_assigned_identity_after_the_lambda_was_created_is_reported() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var latest = "none";
                    Action flush = () => PartnerGateway.Send({|#0:latest|});
                    latest = r.CalleeNumber;
                    flush();
                }
            }
            """, Min001(0));

        [Fact]
        public Task Captured_identity_overwritten_before_the_lambda_runs_is_clean() => Check("""
            using System;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var latest = r.CallerNumber;
                    Action flush = () => PartnerGateway.Send(latest);
                    latest = "none";
                    flush();
                }
            }
            """);

        [Fact]
        public Task Event_whose_only_handler_logs_is_clean() => Check("""
            using System;
            using Telecom;
            class CallMonitor
            {
                public event Action<string>? CallCompleted;

                public void Complete(CallRecord r) => CallCompleted?.Invoke(r.CallerNumber);
            }
            class AuditLog
            {
                public AuditLog(CallMonitor monitor) { monitor.CallCompleted += number => PartnerGateway.Log("completed " + number); }
            }
            """);
    }
}
