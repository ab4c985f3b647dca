using System;
using System.IO;
using System.Security.Cryptography;
using MetadataPipeline;
using MetadataPipeline.Share;
using Minimization.Runtime;

// A real deployment loads the master key from a vault; it must be at least 32 bytes.
byte[] masterKey = RandomNumberGenerator.GetBytes(32);
string data = Path.Combine(AppContext.BaseDirectory, "data");

var transport = new InMemoryTransport();
var pipeline = new Pipeline(new DerivedKeyProvider(masterKey), Pipeline.DefaultTowers(), transport);
using (var calls = File.OpenText(Path.Combine(data, "calls.csv")))
using (var headers = File.OpenText(Path.Combine(data, "headers.txt")))
{
    pipeline.Run(calls, headers, DateTimeOffset.UtcNow);
}

Console.WriteLine($"Shared {pipeline.CallsShared} calls and {pipeline.HeadersShared} e-mail headers with {string.Join(", ", Pipeline.Partners)}.");
foreach (string partner in Pipeline.Partners)
{
    Console.WriteLine($"[{partner}] first call:   {transport.Lines(partner, "calls")[0]}");
    Console.WriteLine($"[{partner}] first header: {transport.Lines(partner, "mail")[0]}");
}
