using System;
using Minimization;

namespace QuickStart;

public sealed class UkGateway
{
    [PartnerShare("UK")]
    public void Send(object payload) => Console.WriteLine("to UK: " + payload);
}
