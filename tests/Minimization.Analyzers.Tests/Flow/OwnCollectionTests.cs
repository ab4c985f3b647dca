using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A class of your own that enumerates a private list is a collection (Reading 5): what its Add puts in is what a sink
    /// receives when the whole object is sent, or a library call walks it, in another method than the one that filled it (in
    /// the same method it is a known gap: see the MIN001 page).
    /// </summary>
    public sealed class OwnCollectionTests
    {
        private const string T = """
            using System.Collections;
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;
            sealed class Subscriber { [IdentityBearing("phone")] public string Msisdn { get; set; } = ""; }
            static class Partner { [PartnerShare("UK")] public static void Send(string v) { } [PartnerShare("UK")] public static void SendMany(IEnumerable<string> v) { } }
            sealed class NumberBatch : IEnumerable<string>
            {
                private readonly List<string> _items = new();
                public void Add(string number) => _items.Add(number);
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }
            """;

        [Fact]
        public Task A_batch_filled_in_one_method_and_walked_by_LINQ_in_another_is_reported() => Check(T + """
            sealed class Caller
            {
                private readonly NumberBatch _batch = new();
                public void Fill(Subscriber s) => _batch.Add(s.Msisdn);
                public void Run() => Partner.Send({|#0:_batch.First()|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_batch_filled_with_clean_values_and_sent_whole_is_clean() => Check(T + """
            sealed class Caller
            {
                public void Run(Subscriber s)
                {
                    var batch = new NumberBatch();
                    batch.Add(s.Msisdn.Length.ToString());
                    Partner.SendMany(batch);
                }
            }
            """, withPrelude: false);
    }
}
