using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace MetadataPipeline.Share;

/// <summary>Where serialized batches go: a message queue, an SFTP drop, or, here, memory.</summary>
public interface IPartnerTransport
{
    /// <summary>Writes one serialized item to a partner's feed.</summary>
    void Write(string partner, string feed, string line);
}

/// <summary>Keeps every line in memory, per partner and feed; what the sample prints and the tests inspect.</summary>
public sealed class InMemoryTransport : IPartnerTransport
{
    private readonly ConcurrentDictionary<(string Partner, string Feed), ConcurrentQueue<string>> _lines = new();

    /// <inheritdoc />
    public void Write(string partner, string feed, string line) => _lines.GetOrAdd((partner, feed), _ => new ConcurrentQueue<string>()).Enqueue(line);

    /// <summary>The lines written to one partner's feed, in order.</summary>
    public IReadOnlyList<string> Lines(string partner, string feed)
        => _lines.TryGetValue((partner, feed), out ConcurrentQueue<string>? lines) ? lines.ToList() : new List<string>();

    /// <summary>Every line written to any partner.</summary>
    public IEnumerable<string> AllLines => _lines.Values.SelectMany(q => q);
}
