using System.Collections.Generic;
using System.Text.Json;
using MetadataPipeline.Records;
using Minimization;

namespace MetadataPipeline.Share;

/// <summary>Serializes each batch as JSON lines and hands them to the transport under the partner's name.</summary>
public abstract class PartnerGateway : IPartnerGateway
{
    private readonly IPartnerTransport _transport;

    /// <summary>Creates a gateway that writes to <paramref name="transport"/>.</summary>
    protected PartnerGateway(IPartnerTransport transport) => _transport = transport;

    /// <inheritdoc />
    public abstract string Partner { get; }

    /// <inheritdoc />
    public abstract void Send(IReadOnlyList<SharedCallDetail> calls);

    /// <inheritdoc />
    public abstract void Send(IReadOnlyList<SharedEmailHeader> headers);

    /// <summary>Writes each item as one JSON line to the partner's <paramref name="feed"/>.</summary>
    protected void Deliver<T>(string feed, IReadOnlyList<T> items)
    {
        foreach (T item in items)
        {
            _transport.Write(Partner, feed, JsonSerializer.Serialize(item));
        }
    }
}

/// <summary>The gateway to the United States partner.</summary>
public sealed class UsGateway(IPartnerTransport transport) : PartnerGateway(transport)
{
    /// <inheritdoc />
    public override string Partner => "US";

    /// <inheritdoc />
    [PartnerShare("US")]
    public override void Send(IReadOnlyList<SharedCallDetail> calls) => Deliver("calls", calls);

    /// <inheritdoc />
    [PartnerShare("US")]
    public override void Send(IReadOnlyList<SharedEmailHeader> headers) => Deliver("mail", headers);
}

/// <summary>The gateway to the United Kingdom partner.</summary>
public sealed class UkGateway(IPartnerTransport transport) : PartnerGateway(transport)
{
    /// <inheritdoc />
    public override string Partner => "UK";

    /// <inheritdoc />
    [PartnerShare("UK")]
    public override void Send(IReadOnlyList<SharedCallDetail> calls) => Deliver("calls", calls);

    /// <inheritdoc />
    [PartnerShare("UK")]
    public override void Send(IReadOnlyList<SharedEmailHeader> headers) => Deliver("mail", headers);
}

/// <summary>The gateway to the Australian partner.</summary>
public sealed class AuGateway(IPartnerTransport transport) : PartnerGateway(transport)
{
    /// <inheritdoc />
    public override string Partner => "AU";

    /// <inheritdoc />
    [PartnerShare("AU")]
    public override void Send(IReadOnlyList<SharedCallDetail> calls) => Deliver("calls", calls);

    /// <inheritdoc />
    [PartnerShare("AU")]
    public override void Send(IReadOnlyList<SharedEmailHeader> headers) => Deliver("mail", headers);
}

/// <summary>The gateway to the New Zealand partner.</summary>
public sealed class NzGateway(IPartnerTransport transport) : PartnerGateway(transport)
{
    /// <inheritdoc />
    public override string Partner => "NZ";

    /// <inheritdoc />
    [PartnerShare("NZ")]
    public override void Send(IReadOnlyList<SharedCallDetail> calls) => Deliver("calls", calls);

    /// <inheritdoc />
    [PartnerShare("NZ")]
    public override void Send(IReadOnlyList<SharedEmailHeader> headers) => Deliver("mail", headers);
}
