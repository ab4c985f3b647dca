using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Clinic.Api.Partners
{
    /// <summary>The analytics partner's API, wrapped around an HttpClient (a sink by .editorconfig).</summary>
    public sealed class AnalyticsClient
    {
        private readonly HttpClient _http;

        public AnalyticsClient(HttpClient http) => _http = http;

        public async Task PostAsync(string feed, object payload, CancellationToken cancellationToken)
        {
            using var response = await _http.PostAsJsonAsync("feeds/" + feed, payload, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }
}
