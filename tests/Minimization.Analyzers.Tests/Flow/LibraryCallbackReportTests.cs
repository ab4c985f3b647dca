using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Readings 3 and 6 for a method (not a lambda) handed to a library as a callback: what the library hands it comes from the
    /// call's other arguments or its receiver, so a sink the method reaches with it is reported at the argument that carries the
    /// identity (a state object), or else at the method handed over; never at the library call as a whole.
    /// </summary>
    public sealed class LibraryCallbackReportTests
    {
        private const string Types = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using Minimization;

            sealed class Rider
            {
                [IdentityBearing("phone")] public string Phone { get; set; } = "";
            }

            static class Dispatch
            {
                [PartnerShare("acme")] public static void Send(string text) { }
            }

            static class Mask
            {
                [Minimizer] public static string Token(string value) => "t";
            }

            """;

        [Fact]
        public Task A_cancellation_callback_method_handed_the_phone_as_state_is_reported_at_the_state() => Check(Types + """
            sealed class PickupWatch
            {
                public CancellationTokenRegistration Watch(Rider r, CancellationToken ct) => ct.Register(OnCancel, {|#0:r.Phone|});

                private static void OnCancel(object? state) => Dispatch.Send((string)state!);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_cancellation_callback_method_handed_a_token_as_state_is_clean() => Check(Types + """
            sealed class PickupWatch
            {
                public CancellationTokenRegistration Watch(Rider r, CancellationToken ct) => ct.Register(OnCancel, Mask.Token(r.Phone));

                private static void OnCancel(object? state) => Dispatch.Send((string)state!);
            }
            """, withPrelude: false);

        [Fact]
        public Task A_method_run_by_ForEach_over_a_list_of_phones_is_reported_at_the_method_handed_over() => Check(Types + """
            sealed class Broadcast
            {
                public void Run(List<Rider> riders)
                {
                    var phones = new List<string>();
                    foreach (var r in riders)
                    {
                        phones.Add(r.Phone);
                    }

                    phones.ForEach({|#0:SendOne|});
                }

                private static void SendOne(string phone) => Dispatch.Send(phone);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_method_run_by_ForEach_over_a_list_of_tokens_is_clean() => Check(Types + """
            sealed class Broadcast
            {
                public void Run(List<Rider> riders)
                {
                    var tokens = new List<string>();
                    foreach (var r in riders)
                    {
                        tokens.Add(Mask.Token(r.Phone));
                    }

                    tokens.ForEach(SendOne);
                }

                private static void SendOne(string token) => Dispatch.Send(token);
            }
            """, withPrelude: false);
    }
}
