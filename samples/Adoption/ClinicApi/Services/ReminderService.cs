using System.Threading;
using System.Threading.Tasks;
using Clinic.Api.Models;
using Clinic.Api.Partners;
using Clinic.Api.Privacy;
using Vendor.Sms;

namespace Clinic.Api.Services
{
    /// <summary>Confirms a booking by text message, and counts deliveries for analytics.</summary>
    public sealed class ReminderService
    {
        private readonly ISmsClient _sms;
        private readonly AnalyticsClient _analytics;

        public ReminderService(ISmsClient sms, AnalyticsClient analytics)
        {
            _sms = sms;
            _analytics = analytics;
        }

        public async Task<string> ConfirmAsync(AppointmentRequest request, CancellationToken cancellationToken)
        {
            var text = $"Your appointment at {request.Clinic} is confirmed for {request.Slot:g}.";
            var receipt = await _sms.SendAsync(new SmsMessage { To = request.Mobile, Body = text }, cancellationToken); // expect: MIN017 (accepted)

            // The receipt names the number again (identity by .editorconfig): only its pseudonym goes to analytics.
            await _analytics.PostAsync("deliveries", new { Recipient = Pseudonyms.Of(receipt.Recipient), receipt.AcceptedAt }, cancellationToken);
            return receipt.MessageId;
        }
    }
}
