using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Observability;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// One HTTP attempt at SP-API with Amazon's required headers, paced by the operation's bucket,
/// timed, traced and measured. It never retries: <see cref="SpApiCaller"/> decides that.
/// </summary>
internal sealed class SpApiTransport(
    IHttpClientFactory httpClients,
    SpApiPacers pacers,
    IOptions<SpApiOptions> options,
    TimeProvider time,
    SubmitterMetrics metrics)
{
    public const string HttpClientName = "sp-api";

    public const string RateLimitHeader = "x-amzn-RateLimit-Limit";

    public static readonly string UserAgent =
        $"FbaMesh/{typeof(SpApiTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0"} " +
        $"(Language=C#/{RuntimeInformation.FrameworkDescription.Replace(".NET ", "", StringComparison.Ordinal)})";

    internal async Task<SpApiReply> SendOnceAsync(
        SpApiOperation operation, HttpMethod method, string path, string? jsonBody, AccessToken token, CallBudget budget)
    {
        var pacer = pacers[operation];
        using (await pacer.AcquireAsync(budget.Token))
        {
            // The permit is spent when the request leaves, so the lease is released before the attempt.
        }

        using var activity = SubmitterMetrics.ActivitySource.StartActivity($"SP-API {pacer.Operation}", ActivityKind.Client);
        activity?.SetTag("spapi.operation", pacer.Operation);
        using var request = new HttpRequestMessage(method, new Uri(options.Value.BaseAddress, path.TrimStart('/')));
        request.Headers.TryAddWithoutValidation("x-amz-access-token", token.Value);
        request.Headers.TryAddWithoutValidation("x-amz-date", time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("user-agent", UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        var started = time.GetTimestamp();
        // The attempt's timer runs on the TimeProvider like every other wait here, so a test clock decides
        // when an attempt times out, not the machine's load.
        using var timeout = new CancellationTokenSource(Min(options.Value.AttemptTimeout, budget.Remaining), time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, timeout.Token);
        SpApiReply reply;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token);
            var body = await response.Content.ReadAsStringAsync(attempt.Token);
            reply = new SpApiReply((int)response.StatusCode, body, response.IsSuccessStatusCode ? [] : AmazonErrorBody.Parse(body));
            if (response.Headers.TryGetValues(RateLimitHeader, out var limits))
            {
                pacer.Observe(limits.FirstOrDefault());
            }
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            reply = new SpApiReply(0, "", [], TransportFault.Timeout);
        }
        catch (HttpRequestException)
        {
            reply = new SpApiReply(0, "", [], TransportFault.ConnectionFailed);
        }

        var status = reply.Fault == TransportFault.None ? reply.Status.ToString(CultureInfo.InvariantCulture) : reply.Fault.ToString();
        metrics.SpApiCall(pacer.Operation, status, time.GetElapsedTime(started));
        activity?.SetTag("http.response.status_code", reply.Status);
        if (!reply.IsSuccess)
        {
            // Codes only: Amazon's messages may quote the recipient's name or address, and traces leave the process.
            activity?.SetStatus(ActivityStatusCode.Error, reply.DescribeCodes());
        }

        if (reply.Throttled)
        {
            metrics.Throttled(pacer.Operation);
        }

        return reply;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
