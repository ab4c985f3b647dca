using System;
using System.Security.Cryptography;
using QuickStart;

var record = new CallRecord
{
    CallerNumber = "+1 613 555 0143",
    CalleeNumber = "+1 819 555 0178",
    TowerId = "302-720-4411-17",
    Region = "K1A",
    StartedAt = new DateTime(2026, 11, 2, 14, 37, 12, DateTimeKind.Utc),
    DurationSeconds = 421,
};

var ukKey = RandomNumberGenerator.GetBytes(32);
var gateway = new UkGateway();
gateway.Send(CallMinimizer.Minimize(record, ukKey));
