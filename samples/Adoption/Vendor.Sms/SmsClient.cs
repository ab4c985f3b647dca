using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Vendor.Sms
{
    /// <summary>One text message.</summary>
    public sealed class SmsMessage
    {
        public string To { get; set; } = "";

        public string Body { get; set; } = "";
    }

    /// <summary>What the gateway answers: the message's id and the number it went to.</summary>
    public sealed class DeliveryReceipt
    {
        public string MessageId { get; set; } = "";

        public string Recipient { get; set; } = "";

        public DateTimeOffset AcceptedAt { get; set; }
    }

    /// <summary>The vendor's client, as its SDK ships it.</summary>
    public interface ISmsClient
    {
        Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken = default);
    }

    public sealed class SmsClient : ISmsClient
    {
        private readonly HttpClient _http;

        public SmsClient(HttpClient http) => _http = http;

        public async Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
        {
            using var response = await _http.PostAsJsonAsync("v2/messages", message, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<DeliveryReceipt>(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("empty receipt");
        }
    }
}
