using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Clinic.Api.Partners;
using Clinic.Api.Privacy;

namespace Clinic.Api.Services
{
    /// <summary>The weekly export to the analytics partner.</summary>
    public sealed class AnalyticsExport
    {
        private readonly PatientDirectory _patients;
        private readonly AnalyticsClient _analytics;

        public AnalyticsExport(PatientDirectory patients, AnalyticsClient analytics)
        {
            _patients = patients;
            _analytics = analytics;
        }

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            var visits = _patients.All().Select(p => new { Patient = Pseudonyms.Of(p.Email ?? p.Id), p.PreferredClinic }).ToList();
            await _analytics.PostAsync("visits", visits, cancellationToken);

            // The legacy churn feed still sends addresses in clear: accepted in the baseline until it is replaced.
            var lapsed = _patients.Lapsed(DateTimeOffset.UtcNow).Select(p => p.Email).ToList();
            await _analytics.PostAsync("churn", lapsed, cancellationToken); // expect: MIN017 (accepted)
            return visits.Count;
        }
    }
}
