using System;
using System.Collections.Generic;
using MetadataPipeline.Records;
using Minimization.Runtime;

namespace MetadataPipeline.Share;

/// <summary>
/// Minimizes each batch once per partner, under that partner's keys, and sends it through the partner's gateway.
/// Minimizing per partner is what makes tokens unlinkable across partners: the same caller gets a different
/// pseudonym in the US feed than in the UK feed.
/// </summary>
public sealed class SharingService
{
    private readonly IPseudonymKeyProvider _keys;
    private readonly IReadOnlyList<IPartnerGateway> _gateways;

    /// <summary>Creates a service that shares with every gateway in <paramref name="gateways"/>.</summary>
    /// <example><code>var sharing = new SharingService(new DerivedKeyProvider(masterKey), gateways);</code></example>
    public SharingService(IPseudonymKeyProvider keys, IReadOnlyList<IPartnerGateway> gateways)
    {
        _keys = keys;
        _gateways = gateways;
    }

    /// <summary>Shares one release: every call and header, minimized for each partner.</summary>
    public void Share(IReadOnlyList<CallDetailRecord> calls, IReadOnlyList<EmailHeaderRecord> headers, DateTimeOffset releaseTime)
    {
        foreach (IPartnerGateway gateway in _gateways)
        {
            var context = new MinimizationContext(gateway.Partner, _keys, releaseTime);

            var sharedCalls = new List<SharedCallDetail>();
            foreach (CallDetailRecord call in calls)
            {
                sharedCalls.Add(call.Minimize(context));
            }

            var sharedHeaders = new List<SharedEmailHeader>();
            foreach (EmailHeaderRecord header in headers)
            {
                sharedHeaders.Add(header.Minimize(context));
            }

            gateway.Send(sharedCalls);
            gateway.Send(sharedHeaders);
        }
    }
}
