using System.Collections.Generic;
using MetadataPipeline.Records;
using Minimization;

namespace MetadataPipeline.Share;

/// <summary>
/// A partner's gateway. The interface's methods are sinks too, so code that shares through an
/// <see cref="IPartnerGateway"/> without knowing the partner is checked like code that calls a gateway directly.
/// </summary>
public interface IPartnerGateway
{
    /// <summary>The partner's name: "US", "UK", "AU" or "NZ".</summary>
    string Partner { get; }

    /// <summary>Sends a batch of minimized calls.</summary>
    [PartnerShare]
    void Send(IReadOnlyList<SharedCallDetail> calls);

    /// <summary>Sends a batch of minimized e-mail headers.</summary>
    [PartnerShare]
    void Send(IReadOnlyList<SharedEmailHeader> headers);
}
