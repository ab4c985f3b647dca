using System;
using System.Collections.Generic;
using System.IO;
using MetadataPipeline.Enrich;
using MetadataPipeline.Ingest;
using MetadataPipeline.Records;
using MetadataPipeline.Share;
using Minimization.Runtime;

namespace MetadataPipeline;

/// <summary>Ingest, enrich, share: one release of call and e-mail metadata to the four partners.</summary>
public sealed class Pipeline
{
    /// <summary>The partners this pipeline shares with.</summary>
    public static readonly IReadOnlyList<string> Partners = new[] { "US", "UK", "AU", "NZ" };

    private readonly Enricher _enricher;
    private readonly SharingService _sharing;

    /// <summary>Creates the pipeline with one gateway per partner, all writing to <paramref name="transport"/>.</summary>
    /// <example><code>
    /// var transport = new InMemoryTransport();
    /// var pipeline = new Pipeline(new DerivedKeyProvider(masterKey), Pipeline.DefaultTowers(), transport);
    /// pipeline.Run(File.OpenText("calls.csv"), File.OpenText("headers.txt"), DateTimeOffset.UtcNow);
    /// </code></example>
    public Pipeline(IPseudonymKeyProvider keys, TowerDirectory towers, IPartnerTransport transport)
    {
        _enricher = new Enricher(towers, homeCountryCode: "1");
        _sharing = new SharingService(keys, new IPartnerGateway[]
        {
            new UsGateway(transport), new UkGateway(transport), new AuGateway(transport), new NzGateway(transport),
        });
    }

    /// <summary>Calls read in the last run.</summary>
    public int CallsShared { get; private set; }

    /// <summary>E-mail headers read in the last run.</summary>
    public int HeadersShared { get; private set; }

    /// <summary>Runs one release.</summary>
    public void Run(TextReader calls, TextReader headers, DateTimeOffset releaseTime)
    {
        List<CallDetailRecord> rawCalls = new CallDetailCsvReader().Read(calls);
        List<EmailHeaderRecord> rawHeaders = new EmailHeaderReader().Read(headers);

        List<CallDetailRecord> enrichedCalls = _enricher.Enrich(rawCalls);
        List<EmailHeaderRecord> enrichedHeaders = _enricher.Enrich(rawHeaders);

        _sharing.Share(enrichedCalls, enrichedHeaders, releaseTime);
        CallsShared = enrichedCalls.Count;
        HeadersShared = enrichedHeaders.Count;
    }

    /// <summary>The sample network's location areas.</summary>
    public static TowerDirectory DefaultTowers() => new TowerDirectory(new Dictionary<string, string>
    {
        ["4411"] = "ON-EAST",
        ["4412"] = "ON-EAST",
        ["4420"] = "ON-GTA",
        ["5101"] = "QC-SOUTH",
        ["9007"] = "ON-NORTH",
    });
}
