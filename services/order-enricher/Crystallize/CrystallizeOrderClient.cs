using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FbaMesh.OrderEnricher.Crystallize;

/// <summary>
/// Reads an order with GET_CREATED_ORDER_DETAILS. 5xx and timeouts are retried by the resilience
/// handler underneath; a null order is re-read a few times here, because a just-created order is
/// not readable at once.
/// </summary>
internal sealed partial class CrystallizeOrderClient(
    HttpClient http,
    SecretReader<CrystallizeAccessToken> credentials,
    IOptions<CrystallizeOptions> options,
    TimeProvider time,
    EnricherMetrics metrics,
    ILogger<CrystallizeOrderClient> logger)
{
    public async Task<CrystallizeFetch> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, options.Value.ReadAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var fetch = await ReadOnceAsync(orderId, cancellationToken);
            if (fetch is not CrystallizeFetch.NotFound || attempt >= attempts)
            {
                return fetch;
            }

            LogNotReadableYet(orderId, attempt, attempts);
            await Task.Delay(options.Value.ReadRetryDelay, time, cancellationToken);
        }
    }

    private async Task<CrystallizeFetch> ReadOnceAsync(string orderId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var fetch = await SendAsync(orderId, cancellationToken);
        metrics.CrystallizeFetched(Stopwatch.GetElapsedTime(started), FetchOutcomeName(fetch));
        return fetch;
    }

    private async Task<CrystallizeFetch> SendAsync(string orderId, CancellationToken cancellationToken)
    {
        CrystallizeAccessToken token;
        try
        {
            token = await credentials.GetAsync(cancellationToken);
        }
        catch (SecretUnavailableException ex) when (ex.Incomplete)
        {
            return new CrystallizeFetch.Failed(ReasonCodes.CrystallizeRejected, ex.Message, Transient: false);
        }
        catch (SecretUnavailableException)
        {
            return Unavailable("The Crystallize access token could not be read from the secret store.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, OrderApiUri(token.TenantIdentifier))
        {
            Content = JsonContent.Create(
                new GraphQlRequest(GetCreatedOrderDetailsQuery.Text, GetCreatedOrderDetailsQuery.OperationName, new Dictionary<string, string> { ["id"] = orderId }),
                options: GraphQlJson.Options),
        };
        request.Headers.Add("X-Crystallize-Access-Token-Id", token.AccessTokenId);
        request.Headers.Add("X-Crystallize-Access-Token-Secret", token.AccessTokenSecret);

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return await ReadAnswerAsync(response, token, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Unavailable($"Crystallize could not be reached: {ex.GetType().Name}.");
        }
    }

    private async Task<CrystallizeFetch> ReadAnswerAsync(HttpResponseMessage response, CrystallizeAccessToken used, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // Maybe a rotated token: read the secret afresh (rate-limited) so the redelivery uses the new one.
            await credentials.RefreshNowAsync(used, cancellationToken);
            return new CrystallizeFetch.Failed(ReasonCodes.CrystallizeRejected, $"Crystallize refused the access token ({(int)response.StatusCode}).", Transient: true);
        }

        if (!response.IsSuccessStatusCode)
        {
            var transient = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return transient
                ? Unavailable($"Crystallize answered {(int)response.StatusCode}.")
                : new CrystallizeFetch.Failed(ReasonCodes.CrystallizeRejected, $"Crystallize answered {(int)response.StatusCode} to the order query.", Transient: false);
        }

        GraphQlResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<GraphQlResponse>(GraphQlJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return new CrystallizeFetch.Failed(ReasonCodes.CrystallizeInvalidAnswer, $"Crystallize's answer is not the expected JSON: {ex.Message}", Transient: true);
        }

        var order = body?.Data?.Order?.Get;
        if (order is null && body?.Errors is { Count: > 0 } notFound && notFound.All(e => e?.IsNotFound == true))
        {
            return new CrystallizeFetch.NotFound();
        }

        if (body?.Errors is { Count: > 0 } errors)
        {
            var messages = string.Join("; ", errors.Select(e => e?.Message).Where(m => !string.IsNullOrWhiteSpace(m)));
            return new CrystallizeFetch.Failed(ReasonCodes.CrystallizeGraphQlError, $"Crystallize answered GraphQL errors: {messages}", Transient: true);
        }

        return order is not null ? new CrystallizeFetch.Found(order) : new CrystallizeFetch.NotFound();
    }

    private Uri OrderApiUri(string tenantIdentifier) =>
        new(options.Value.OrderApiUrl.Replace("{tenantIdentifier}", Uri.EscapeDataString(tenantIdentifier), StringComparison.Ordinal));

    private static CrystallizeFetch.Failed Unavailable(string message) =>
        new(ReasonCodes.CrystallizeUnavailable, message, Transient: true);

    private static string FetchOutcomeName(CrystallizeFetch fetch) => fetch switch
    {
        CrystallizeFetch.Found => "found",
        CrystallizeFetch.NotFound => "not-found",
        CrystallizeFetch.Failed f => f.ReasonCode,
        _ => "unknown",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is not readable at Crystallize yet (read {Attempt} of {Attempts}).")]
    private partial void LogNotReadableYet(string orderId, int attempt, int attempts);
}
