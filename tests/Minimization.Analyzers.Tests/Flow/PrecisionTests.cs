using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// The shapes of real services where a MIN001 was wrong (the contract's Readings 10 and 11), reduced to a few lines each,
    /// with the true flow beside each false one so that precision is not bought with recall.
    /// </summary>
    public class PrecisionTests
    {
        [Fact]
        public Task A_client_called_with_identity_does_not_carry_it_afterwards_but_its_result_does() => Check("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Telecom;
            class LookupJob
            {
                private readonly HttpClient _client = new HttpClient();

                async Task Run(CallRecord r)
                {
                    var response = await _client.GetStringAsync("https://directory.example/lookup?n=" + r.CallerNumber);
                    PartnerGateway.Send(_client.BaseAddress!);
                    PartnerGateway.Send(_client.Timeout.ToString());
                    PartnerGateway.Send({|#0:response|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_factory_that_was_handed_identity_in_another_method_yields_clean_services() => Check("""
            using System;
            using System.Net.Http;
            using Telecom;
            class Fixture
            {
                private readonly HttpClient _api = new HttpClient();

                async System.Threading.Tasks.Task Login(CallRecord r) => await _api.PostAsync("https://api.example/login", new StringContent(r.CallerNumber));

                async System.Threading.Tasks.Task Register(Subscriber s) => await _api.PutAsync("https://api.example/accounts", new StringContent(s.Email));

                void Share()
                {
                    var address = _api.BaseAddress?.ToString() ?? "";
                    PartnerGateway.Send(address);
                    PartnerGateway.Send(_api.MaxResponseContentBufferSize);
                }
            }
            """);

        [Fact]
        public Task Collections_builders_and_writers_are_still_filled_by_library_calls() => Check("""
            using System.Collections.Generic;
            using System.IO;
            using System.Text;
            using Telecom;
            class Exporter
            {
                void Run(CallRecord r)
                {
                    var lines = new List<string>();
                    lines.Add(r.CallerNumber);
                    var text = new StringBuilder();
                    text.Append(r.CalleeNumber);
                    var writer = new StringWriter();
                    writer.Write(r.TowerId);
                    PartnerGateway.Send({|#0:lines|});
                    PartnerGateway.Send({|#1:text.ToString()|});
                    PartnerGateway.Send({|#2:writer.ToString()|});
                }
            }
            """, Min001(0), Min001(1), Min001(2));

        [Fact]
        public Task A_scalar_member_of_an_object_that_holds_identity_is_clean_but_the_member_written_is_not() => Check("""
            using System;
            using Telecom;
            class User
            {
                public Guid Id { get; set; } = Guid.NewGuid();
                public string Email { get; set; } = "";
                public int LoginCount { get; set; }
                public bool Verified { get; set; }
                public DateTime Created { get; set; }
            }

            class UserService
            {
                void ChangeEmail(User user, Subscriber s)
                {
                    user.Email = s.Email;
                    PartnerGateway.Send(user.Id);
                    PartnerGateway.Send(user.LoginCount);
                    PartnerGateway.Send(user.Verified);
                    PartnerGateway.Send(user.Created);
                    PartnerGateway.Send({|#0:user.Email|});
                    PartnerGateway.Send({|#1:user|});
                }
            }
            """, Min001(0), Min001(1));

        [Fact]
        public Task An_object_a_library_call_returned_from_identity_exposes_its_strings_not_its_scalars() => Check("""
            using System;
            using System.Text.Json;
            using Telecom;
            class Account
            {
                public Guid Id { get; set; }
                public string DisplayName { get; set; } = "";
                public long Balance { get; set; }
            }

            class Importer
            {
                void Run(CallRecord r)
                {
                    var account = JsonSerializer.Deserialize<Account>(r.CallerNumber)!;
                    PartnerGateway.Send(account.Id);
                    PartnerGateway.Send(account.Balance);
                    PartnerGateway.Send({|#0:account.DisplayName|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_scalar_member_of_an_identity_bearing_type_is_still_identity() => Check("""
            using System;
            using Minimization;
            using Telecom;
            [IdentityBearing(IdentityCategory.AccountId)]
            class Account
            {
                public long Number { get; set; }
                [NonIdentifying] public int Version { get; set; }
            }

            class Exporter
            {
                void Run(Account a)
                {
                    PartnerGateway.Send({|#0:a.Number|});
                    PartnerGateway.Send(a.Version);
                }
            }
            """, Min001(0));

        [Fact]
        public Task An_annotated_scalar_member_is_a_source_whatever_holds_it() => Check("""
            using System;
            using Minimization;
            using Telecom;
            class Device
            {
                [IdentityBearing(IdentityCategory.Imei)] public long Imei { get; set; }
                public int Model { get; set; }
            }

            class Exporter
            {
                void Run(Device d, CallRecord r)
                {
                    PartnerGateway.Send({|#0:d.Imei|});
                    PartnerGateway.Send(d.Model);
                }
            }
            """, Min001(0));
    
        [Fact]
        public Task Disposing_a_library_stream_does_not_run_the_applications_own_Dispose_methods() => Check("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Text;
            using Telecom;
            sealed class Outbox : IDisposable
            {
                private readonly List<string> _items = new List<string>();
                public void Add(string item) => _items.Add(item);
                public void Dispose() => PartnerGateway.Send(string.Join(",", _items));
            }

            class Exporter
            {
                void Run(CallRecord r)
                {
                    using var buffer = new MemoryStream();
                    var bytes = Encoding.UTF8.GetBytes(r.CallerNumber);
                    buffer.Write(bytes, 0, bytes.Length);
                    var writer = new StringWriter();
                    writer.Write(r.CalleeNumber);
                    ((IDisposable)writer).Dispose();
                    using (var text = new StringWriter())
                    {
                        text.Write(r.TowerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Disposing_the_applications_own_type_still_runs_its_Dispose() => Check("""
            using System;
            using Telecom;
            sealed class Session : IDisposable
            {
                private string _last = "";
                public void Remember(string item) => _last = item;
                public void Dispose() => PartnerGateway.Send({|#0:_last|});
            }

            sealed class Quiet : IDisposable
            {
                public void Dispose() { }
            }

            class Exporter
            {
                void Run(CallRecord r)
                {
                    var session = new Session();
                    session.Remember(r.CallerNumber);
                    // Reading 3: the receiver is not the report site; the member the setter method wrote is reported inside.
                    ((IDisposable)session).Dispose();
                    IDisposable any = new Quiet();
                    any.Dispose();
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_receiver_typed_by_a_derived_interface_reaches_a_Dispose_its_implementation_inherits() => Check("""
            using System;
            using Telecom;
            interface ISession : IDisposable { void Remember(string item); }
            class SessionBase
            {
                protected string Last = "";
                public void Dispose() => PartnerGateway.Send(Last);
            }

            sealed class Session : SessionBase, ISession
            {
                public void Remember(string item) => Last = item;
            }

            class Exporter
            {
                void Run(CallRecord r, ISession session)
                {
                    session.Remember(r.CallerNumber);
                    {|#0:session|}.Dispose();
                }
            }
            """, Min001(0));

        [Fact]
        public Task An_interface_call_on_a_created_object_runs_only_that_types_implementation() => Check("""
            using Telecom;
            interface IFormatter
            {
                string Format(CallRecord r);
            }

            sealed class Safe : IFormatter
            {
                public string Format(CallRecord r) => r.DurationSeconds.ToString();
            }

            sealed class Raw : IFormatter
            {
                public string Format(CallRecord r) => r.CallerNumber;
            }

            class Exporter
            {
                void Run(CallRecord r, IFormatter any)
                {
                    PartnerGateway.Send(((IFormatter)new Safe()).Format(r));
                    PartnerGateway.Send({|#0:any.Format(r)|});
                    PartnerGateway.Send({|#1:((IFormatter)new Raw()).Format(r)|});
                }
            }
            """, Min001(0), Min001(1));

        // Disposing through an interface with many implementations (more than a merged dispatch summary takes): the
        // receiver's type chooses them one by one; the program's other Dispose methods never run (Reading 1).
        private static string Sessions(string sendingBody)
        {
            var text = new System.Text.StringBuilder("""
                using System;
                using Telecom;
                interface ISession : IDisposable { void Remember(string item); }
                sealed class Archive : IDisposable
                {
                    public string Last = "";
                    public void Dispose() => PartnerGateway.Send(Last);
                }

                """);
            for (var i = 0; i < 10; i++)
            {
                var body = i == 7 ? sendingBody : "{ }";
                text.Append("sealed class Session" + i + " : ISession { public string Last = \"\"; public void Remember(string item) => Last = item; public void Dispose() " + body + " }\n");
            }

            text.Append("""
                class Exporter
                {
                    void Run(CallRecord r, ISession session)
                    {
                        session.Remember(r.CallerNumber);
                        session.Dispose();
                    }
                }
                """);
            return text.ToString();
        }

        [Fact]
        public Task Disposing_through_an_interface_with_many_implementations_runs_the_one_that_sends() => Check(Sessions("=> PartnerGateway.Send({|#0:Last|});"), Min001(0));

        [Fact]
        public Task Disposing_through_an_interface_with_many_implementations_never_runs_an_unrelated_Dispose() => Check(Sessions("{ }"));
}
}
