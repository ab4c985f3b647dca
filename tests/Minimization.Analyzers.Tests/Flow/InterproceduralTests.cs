using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>MIN001 across calls: summaries of helpers, chains across classes, out/ref, recursion, generics, extensions, constructors.</summary>
    public class InterproceduralTests
    {
        [Fact]
        public Task Helper_returning_its_parameter_carries_identity_to_the_sink() => Check("""
            using Telecom;
            class CdrJob
            {
                static string Same(string value) => value;

                void Run(CallRecord r) => PartnerGateway.Send({|#0:Same(r.CallerNumber)|});
            }
            """, Min001(0));

        [Fact]
        public Task Helper_that_drops_the_identity_parameter_returns_a_clean_value() => Check("""
            using Telecom;
            class CdrJob
            {
                static string RegionLabel(string number, string region) => "region:" + region;

                void Run(CallRecord r) => PartnerGateway.Send(RegionLabel(r.CallerNumber, r.Region));
            }
            """);

        [Fact]
        public Task Helper_that_sends_its_parameter_is_reported_at_the_callers_argument() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Share(string payload) => PartnerGateway.Send(payload);

                void Run(CallRecord r)
                {
                    Share({|#0:r.CallerNumber|});
                    Share(r.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Helper_that_sends_its_parameter_is_silent_when_callers_pass_clean_values() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Share(string payload) => PartnerGateway.Send(payload);

                void Run(CallRecord r)
                {
                    Share(r.Region);
                    Share(Minimizers.Pseudonymize(r.CallerNumber, "UK"));
                    Share(r.DurationSeconds.ToString());
                }
            }
            """);

        [Fact]
        public Task Chain_of_five_void_calls_across_classes_is_reported_at_the_first_argument() => Check("""
            using Telecom;
            class Intake { public static void Accept(string number) => Normalizer.Clean(number); }
            class Normalizer { public static void Clean(string number) => Enricher.Tag(number.Trim()); }
            class Enricher { public static void Tag(string number) => Batcher.Queue("cdr;" + number); }
            class Batcher { public static void Queue(string line) => Exporter.Flush(line); }
            class Exporter { public static void Flush(string line) => PartnerGateway.Send(line); }
            class CdrJob
            {
                void Run(CallRecord r) => Intake.Accept({|#0:r.CalleeNumber|});
            }
            """, Min001(0));

        [Fact]
        public Task Chain_of_five_returning_calls_across_classes_keeps_identity() => Check("""
            using Telecom;
            class Reader { public static string Read(CallRecord r) => r.TowerId; }
            class Trimmer { public static string Trim(string s) => s.Trim(); }
            class Prefixer { public static string Prefix(string s) => "tower:" + s; }
            class Upper { public static string Shout(string s) => s.ToUpperInvariant(); }
            class Wrapper { public static string Wrap(string s) => "[" + s + "]"; }
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var line = Wrapper.Wrap(Upper.Shout(Prefixer.Prefix(Trimmer.Trim(Reader.Read(r)))));
                    PartnerGateway.Send({|#0:line|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Chain_of_five_calls_with_a_minimizer_in_the_middle_is_clean() => Check("""
            using Telecom;
            class Reader { public static string Read(CallRecord r) => r.CallerNumber; }
            class Masker { public static string Mask(string s) => Minimizers.Pseudonymize(s, "US"); }
            class Prefixer { public static string Prefix(string s) => "caller:" + s; }
            class Wrapper { public static string Wrap(string s) => "[" + s + "]"; }
            class Exporter { public static void Flush(string line) => PartnerGateway.Send(line); }
            class CdrJob
            {
                void Run(CallRecord r) => Exporter.Flush(Wrapper.Wrap(Prefixer.Prefix(Masker.Mask(Reader.Read(r)))));
            }
            """);

        [Fact]
        public Task Out_parameter_carries_identity_back_to_the_caller() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Extract(CallRecord r, out string number, out int seconds)
                {
                    number = r.CallerNumber;
                    seconds = r.DurationSeconds;
                }

                void Run(CallRecord r)
                {
                    Extract(r, out var number, out var seconds);
                    PartnerGateway.Send({|#0:number|});
                    PartnerGateway.Send(seconds);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Ref_parameter_appended_with_identity_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Append(ref string line, string part) => line = line + ";" + part;

                void Run(CallRecord r)
                {
                    var line = "cdr";
                    Append(ref line, r.Region);
                    Append(ref line, r.TowerId);
                    PartnerGateway.Send({|#0:line|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Ref_parameter_overwritten_by_the_callee_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                static void Redact(ref string value) => value = "***";

                void Run(CallRecord r)
                {
                    var number = r.CallerNumber;
                    Redact(ref number);
                    PartnerGateway.Send(number);
                }
            }
            """);

        [Fact]
        public Task Recursive_helper_returning_its_parameter_is_followed() => Check("""
            using Telecom;
            class CdrJob
            {
                static string Pad(string s, int width) => s.Length >= width ? s : Pad("0" + s, width);

                void Run(CallRecord r) => PartnerGateway.Send({|#0:Pad(r.CallerNumber, 15)|});
            }
            """, Min001(0));

        [Fact]
        public Task Recursive_helper_that_never_returns_its_parameter_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                static string Depth(string s, int n) => n == 0 ? "done" : Depth(s + "x", n - 1);

                void Run(CallRecord r) => PartnerGateway.Send(Depth(r.CallerNumber, 4));
            }
            """);

        [Fact]
        public Task Instance_helper_combining_its_state_and_parameter_is_reported() => Check("""
            using Telecom;
            class Formatter
            {
                private readonly string _prefix;
                public Formatter(string prefix) { _prefix = prefix; }
                public string Format(string number) => _prefix + number;
            }
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var formatter = new Formatter("tel:");
                    PartnerGateway.Send({|#0:formatter.Format(r.CallerNumber)|});
                    PartnerGateway.Send(formatter.Format(r.Region));
                }
            }
            """, Min001(0));

        [Fact]
        public Task Instance_helper_whose_result_ignores_its_parameter_is_clean() => Check("""
            using Telecom;
            class CallCounter
            {
                private int _calls;
                public int Track(string number)
                {
                    _calls++;
                    return _calls;
                }
            }
            class CdrJob
            {
                void Run(CallRecord r, CallCounter counter) => PartnerGateway.Send(counter.Track(r.CallerNumber));
            }
            """);

        [Fact]
        public Task Generic_identity_method_carries_identity() => Check("""
            using Telecom;
            class CdrJob
            {
                static T Echo<T>(T value) => value;

                void Run(CallRecord r)
                {
                    PartnerGateway.Send({|#0:Echo(r.TowerId)|});
                    PartnerGateway.Send(Echo(r.DurationSeconds));
                }
            }
            """, Min001(0));

        [Fact]
        public Task Generic_method_describing_only_the_type_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                static string Describe<T>(T value) => typeof(T).Name;

                void Run(CallRecord r) => PartnerGateway.Send(Describe(r.CallerNumber));
            }
            """);

        [Fact]
        public Task Extension_method_transforming_its_receiver_carries_identity() => Check("""
            using Telecom;
            static class PhoneExtensions
            {
                public static string ToE164(this string number) => "+" + number.TrimStart('0');
            }
            class CdrJob
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:r.CallerNumber.ToE164()|});
            }
            """, Min001(0));

        [Fact]
        public Task Extension_method_that_sends_its_receiver_is_reported_at_the_receiver_expression() => Check("""
            using Telecom;
            static class ShareExtensions
            {
                public static void ShareWithPartner(this string payload) => PartnerGateway.Send(payload);
            }
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    {|#0:r.CallerNumber|}.ShareWithPartner();
                    r.Region.ShareWithPartner();
                }
            }
            """, Min001(0));

        [Fact]
        public Task Extension_method_that_sends_is_silent_for_clean_receivers() => Check("""
            using Telecom;
            static class ShareExtensions
            {
                public static void ShareWithPartner(this string payload) => PartnerGateway.Send(payload);
            }
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    r.Region.ShareWithPartner();
                    Minimizers.Pseudonymize(r.CalleeNumber, "UK").ShareWithPartner();
                }
            }
            """);

        [Fact]
        public Task Constructor_storing_identity_in_a_field_then_a_method_sending_it_is_reported_inside_at_the_sink_not_at_the_receiver() => Check("""
            using Telecom;
            class Uploader
            {
                private readonly string _number;
                public Uploader(string number) { _number = number; }
                public void Flush() => PartnerGateway.Send({|#0:_number|});
            }
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var uploader = new Uploader(r.CallerNumber);
                    uploader.Flush();
                }
            }
            """, Min001(0));

        [Fact]
        public Task Constructor_storing_a_clean_value_then_sending_it_is_clean() => Check("""
            using Telecom;
            class Uploader
            {
                private readonly string _line;
                public Uploader(string line) { _line = line; }
                public void Flush() => PartnerGateway.Send(_line);
            }
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    new Uploader(r.Region).Flush();
                    var token = new Uploader(Minimizers.Pseudonymize(r.CallerNumber, "UK"));
                    token.Flush();
                }
            }
            """);

        [Fact]
        public Task Identity_bearing_parameter_of_the_callee_is_reported_inside_the_callee() => Check("""
            using Minimization;
            using Telecom;
            class CdrJob
            {
                static void Forward([IdentityBearing(IdentityCategory.Phone)] string msisdn) => PartnerGateway.Send({|#0:msisdn|});

                void Run(CallRecord r) => Forward(r.CallerNumber);
            }
            """, Min001(0));

        [Fact]
        public Task Minimizing_the_result_of_a_returning_helper_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                static string Same(string value) => value;

                void Run(CallRecord r) => PartnerGateway.Send(Minimizers.Pseudonymize(Same(r.CallerNumber), "UK"));
            }
            """);

        [Fact]
        public Task Local_overwritten_with_a_helper_result_of_clean_input_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                static string Same(string value) => value;

                void Run(CallRecord r)
                {
                    var value = Same(r.CallerNumber);
                    value = Same(r.Region);
                    PartnerGateway.Send(value);
                }
            }
            """);

        [Fact]
        public Task Helper_reading_the_identity_member_of_its_parameter_is_reported_at_the_read() => Check("""
            using Telecom;
            class CdrJob
            {
                static void ShareTower(CallRecord call) => PartnerGateway.Send({|#0:call.TowerId|});

                void Run(CallRecord r) => ShareTower(r);
            }
            """, Min001(0));

        [Fact]
        public Task Helper_storing_its_parameter_in_a_static_field_that_another_method_sends_is_reported_at_the_send() => Check("""
            using Telecom;
            static class PendingExport
            {
                private static string s_pending = "";

                public static void Remember(string line) => s_pending = line;

                public static void Flush() => PartnerGateway.Send({|#0:s_pending|});
            }
            class CdrJob
            {
                void Run(CallRecord r) => PendingExport.Remember(r.CallerNumber);
            }
            """, Min001(0));

        [Fact]
        public Task Property_setter_that_sends_its_value_is_reported_at_the_assigned_value() => Check("""
            using Telecom;
            class Outbox
            {
                public string Body
                {
                    set => PartnerGateway.Send(value);
                }
            }
            class CdrJob
            {
                void Run(CallRecord r, Outbox outbox)
                {
                    outbox.Body = {|#0:r.CallerNumber|};
                    outbox.Body = r.Region;
                }
            }
            """, Min001(0));

        [Fact]
        public Task Helpers_returning_predicates_and_sizes_of_identity_are_clean() => Check("""
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                static bool IsInternational(string number) => number.StartsWith("+") && !number.StartsWith("+1");
                static int DigitCount(string number) => number.Count(char.IsDigit);
                static int Width(string number) => number.Length;

                void Run(CallRecord r)
                {
                    PartnerGateway.Send(IsInternational(r.CallerNumber));
                    PartnerGateway.Send(DigitCount(r.CallerNumber));
                    PartnerGateway.Send(Width(r.CalleeNumber));
                }
            }
            """);

        [Fact]
        public Task Hand_written_mapping_that_copies_only_clean_members_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                static SharedCall ToShared(CallRecord r) => new SharedCall { Region = r.Region, DurationSeconds = r.DurationSeconds };

                void Run(CallRecord r)
                {
                    var shared = ToShared(r);
                    PartnerGateway.Send(shared);
                    PartnerGateway.Send(shared.Region);
                }
            }
            """);

        [Fact]
        public Task Hand_written_mapping_that_copies_an_identity_member_is_reported() => Check("""
            using Telecom;
            class CdrJob
            {
                static SharedCall ToShared(CallRecord r) => new SharedCall { Token = r.CallerNumber, Region = r.Region };

                void Run(CallRecord r)
                {
                    var shared = ToShared(r);
                    PartnerGateway.Send({|#0:shared|});
                    PartnerGateway.Send(shared.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Out_parameter_assigned_a_minimized_value_is_clean() => Check("""
            using Telecom;
            class CdrJob
            {
                static bool TryTokenize(CallRecord r, out string token)
                {
                    token = Minimizers.Pseudonymize(r.CallerNumber, "US");
                    return r.CallerNumber.Length > 0;
                }

                void Run(CallRecord r)
                {
                    if (TryTokenize(r, out var token))
                    {
                        PartnerGateway.Send(token);
                    }
                }
            }
            """);
    }
}
