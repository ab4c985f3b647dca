using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 5 through the ways a class hands out a collection it holds in a field: a property that returns the field or a
    /// view of it (<c>List&lt;string&gt; Lines =&gt; _lines</c>, <c>ChannelWriter&lt;T&gt; Writer =&gt; _channel.Writer</c>), and a
    /// channel's writer and reader stored apart. What another class puts in through the view is what the owner takes out. A
    /// <c>TaskCompletionSource</c> holds the result it is completed with until its <c>Task</c> is awaited.
    /// </summary>
    public sealed class CollectionViewTests
    {
        private const string Types = """
            using System.Collections.Generic;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public string City { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void UploadText(string text) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Hash(string value) => "h";
            }

            sealed class Outbox
            {
                private readonly List<string> _lines = new List<string>();

                public List<string> Lines => _lines;

                public void Flush()
                {
                    foreach (var line in _lines)
                    {
                        Partner.UploadText({|#0:line|});
                    }
                }
            }
            """;

        [Fact]
        public Task A_line_added_through_the_property_that_hands_out_the_list_is_reported_where_the_owner_sends_it() => Check(Types + """

            sealed class Signup
            {
                private readonly Outbox _outbox;
                public Signup(Outbox outbox) { _outbox = outbox; }
                public void Run(Customer c) => _outbox.Lines.Add(c.Email);
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task Hashed_and_non_identifying_lines_added_through_the_property_are_clean() => Check(Unmarked(Types) + """

            sealed class Signup
            {
                private readonly Outbox _outbox;
                public Signup(Outbox outbox) { _outbox = outbox; }
                public void Run(Customer c)
                {
                    _outbox.Lines.Add(Privacy.Hash(c.Email));
                    _outbox.Lines.Add(c.City);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task An_email_written_through_a_channel_writer_property_is_reported_where_the_reader_property_is_drained() => Check(Unmarked(Types) + """

            sealed class Exports
            {
                private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();
                public ChannelWriter<string> Writer => _channel.Writer;
                public ChannelReader<string> Reader { get { return this._channel.Reader; } }
            }

            sealed class Controller
            {
                private readonly Exports _exports;
                public Controller(Exports exports) { _exports = exports; }
                public void Export(Customer c) => _exports.Writer.TryWrite(c.Email);
            }

            sealed class Worker
            {
                private readonly Exports _exports;
                public Worker(Exports exports) { _exports = exports; }
                public void Drain()
                {
                    while (_exports.Reader.TryRead(out var item))
                    {
                        Partner.UploadText({|#1:item|});
                    }
                }
            }
            """, withPrelude: false, Min001(1));

        /// <summary>
        /// What the MIN001 page lists as knowingly not tracked: a dictionary in a member of an object handed from method to
        /// method is followed through the object, so the report is at the argument that hands the object on, not inside.
        /// </summary>
        [Fact]
        public Task A_dictionary_in_a_member_of_a_context_handed_along_is_reported_at_the_argument_that_hands_it_on() => Check(Unmarked(Types) + """

            sealed class Context
            {
                public Dictionary<string, object?> Items { get; } = new Dictionary<string, object?>();
            }

            static class Pipeline
            {
                static void Stash(Context ctx, Customer c) => ctx.Items["user"] = c.Email;

                static void Send(Context ctx) => Partner.UploadText((string)ctx.Items["user"]!);

                public static void Run(Context ctx, Customer c)
                {
                    Stash(ctx, c);
                    Send({|#1:ctx|});
                }
            }
            """, withPrelude: false, Min001(1));

        [Fact]
        public Task A_result_a_completion_source_was_completed_with_is_reported_where_its_task_is_awaited_and_sent() => Check(Unmarked(Types) + """

            sealed class Handshake
            {
                private readonly TaskCompletionSource<string> _accepted = new TaskCompletionSource<string>();

                public void Accept(Customer c) => _accepted.TrySetResult(c.Email);

                public async Task RelayAsync()
                {
                    var local = new TaskCompletionSource<string>();
                    local.SetResult(Privacy.Hash("x"));
                    Partner.UploadText(await local.Task);
                    Partner.UploadText({|#1:await _accepted.Task|});
                }
            }
            """, withPrelude: false, Min001(1));

        [Fact]
        public Task A_completion_source_completed_in_the_same_method_carries_what_it_was_given() => Check(Unmarked(Types) + """

            static class Local
            {
                public static async Task RunAsync(Customer c)
                {
                    var source = new TaskCompletionSource<string>();
                    source.SetResult(c.Email);
                    Partner.UploadText({|#1:await source.Task|});
                }
            }
            """, withPrelude: false, Min001(1));
        [Fact]
        public Task Channel_ends_taken_from_a_channel_handed_to_the_constructor_are_one_channel() => Check(Unmarked(Types) + """

            sealed class Pump
            {
                private readonly ChannelWriter<string> _writer;
                private readonly ChannelReader<string> _reader;

                public Pump(Channel<string> channel)
                {
                    _writer = channel.Writer;
                    _reader = channel.Reader;
                }

                public void Put(Customer c) => _writer.TryWrite(c.Email);

                public void Drain()
                {
                    while (_reader.TryRead(out var item))
                    {
                        Partner.UploadText({|#1:item|});
                    }
                }
            }
            """, withPrelude: false, Min001(1));

        [Fact]
        public Task A_reader_named_member_of_a_handed_in_object_that_is_not_a_channel_is_not_a_channel_end() => Check(Unmarked(Types) + """

            sealed class Source
            {
                public ChannelReader<string> Reader { get; } = Channel.CreateUnbounded<string>().Reader;
            }

            sealed class Producer
            {
                private readonly ChannelWriter<string> _writer;
                public Producer(Channel<string> channel) { _writer = channel.Writer; }
                public void Put(Customer c) => _writer.TryWrite(c.Email);
            }

            sealed class Consumer
            {
                private readonly ChannelReader<string> _reader;
                public Consumer(Source source) { _reader = source.Reader; }

                public void Drain()
                {
                    while (_reader.TryRead(out var item))
                    {
                        Partner.UploadText(item);
                    }
                }
            }
            """, withPrelude: false);
    }
}
