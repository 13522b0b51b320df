using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FbaMesh.Crystallize.CoreApi;

/// <summary>
/// Crystallize orders through the Core API: reads an order, lists the orders created since a time, and
/// writes meta and stages. Meta is merged: the order's meta is read and sent
/// back whole with FbaMesh's keys set, so other keys are kept whether Crystallize merges or replaces
/// meta, and nothing is written when every key already holds its value. Between the read and the write
/// another writer's change to a different key could be lost under a replacing rule; FbaMesh's writers
/// each own their keys, and the tracker writes only on a change.
/// </summary>
public sealed partial class CoreApiClient(
    HttpClient http,
    SecretReader<CoreApiAccessToken> credentials,
    IOptions<CoreApiOptions> options,
    ILogger<CoreApiClient> logger)
{
    /// <summary>The order's meta and pipeline stages.</summary>
    public async Task<CoreApiOutcome> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        return await SendAsync(CoreApiOperations.GetOrder, CoreApiOperations.GetOrderName, "order",
            new JsonObject { ["id"] = orderId }, changed: false, cancellationToken);
    }

    /// <summary>
    /// Sets <paramref name="values"/> in the order's meta, keeping every other key and the order of the
    /// keys; writes only when some value differs (Done.Changed says whether it wrote).
    /// </summary>
    public async Task<CoreApiOutcome> MergeMetaAsync(string orderId, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Keys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Meta keys must not be empty.", nameof(values));
        }

        var current = await GetOrderAsync(orderId, cancellationToken);
        if (current is not CoreApiOutcome.Done { Order: var order })
        {
            return current;
        }

        var merged = MetaMerge.Merge(order.Meta, values);
        if (merged is null)
        {
            return new CoreApiOutcome.Done(order, Changed: false);
        }

        var meta = new JsonArray(merged.Select(m => (JsonNode)new JsonObject { ["key"] = m.Key, ["value"] = m.Value }).ToArray());
        var written = await SendAsync(CoreApiOperations.UpdateMeta, CoreApiOperations.UpdateMetaName, "updateOrder",
            new JsonObject { ["id"] = orderId, ["input"] = new JsonObject { ["meta"] = meta } }, changed: true, cancellationToken);
        if (written is CoreApiOutcome.Done)
        {
            LogMetaWritten(orderId, string.Join(",", values.Keys));
        }

        return written;
    }

    /// <summary>Moves the order to <paramref name="stageId"/> of <paramref name="pipelineId"/> unless it is there already.</summary>
    public async Task<CoreApiOutcome> MoveToStageAsync(string orderId, string pipelineId, string stageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(pipelineId);
        ArgumentException.ThrowIfNullOrWhiteSpace(stageId);
        var current = await GetOrderAsync(orderId, cancellationToken);
        if (current is not CoreApiOutcome.Done { Order: var order })
        {
            return current;
        }

        if (order.IsInStage(pipelineId, stageId))
        {
            return new CoreApiOutcome.Done(order, Changed: false);
        }

        var moved = await SendAsync(CoreApiOperations.MoveToStage, CoreApiOperations.MoveToStageName, "updateOrderPipelineStage",
            new JsonObject { ["orderId"] = orderId, ["pipelineId"] = pipelineId, ["stageId"] = stageId }, changed: true, cancellationToken);
        if (moved is CoreApiOutcome.Done)
        {
            LogMovedToStage(orderId, pipelineId, stageId);
        }

        return moved;
    }

    /// <summary>
    /// One page (<paramref name="first"/>, 1 to 100) of the orders created at or after
    /// <paramref name="createdFrom"/>, oldest first, continuing after the cursor <paramref name="after"/>.
    /// </summary>
    public async Task<CoreApiListing> ListOrdersCreatedSinceAsync(DateTimeOffset createdFrom, int first, string? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, 100);
        var variables = new JsonObject
        {
            ["first"] = first,
            ["after"] = after,
            ["from"] = createdFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        var (body, failure) = await PostAsync(CoreApiOperations.CreatedOrders, CoreApiOperations.CreatedOrdersName, variables, cancellationToken);
        return failure is not null
            ? new CoreApiListing.Failed(failure.Reason, failure.Transient)
            : CoreApiAnswer.ReadOrderPage(body, CoreApiOperations.CreatedOrdersName);
    }

    private async Task<CoreApiOutcome> SendAsync(
        string query, string operationName, string field, JsonObject variables, bool changed, CancellationToken cancellationToken)
    {
        var (body, failure) = await PostAsync(query, operationName, variables, cancellationToken);
        return failure ?? CoreApiAnswer.Read(body, field, operationName, changed);
    }

    /// <summary>The answer's JSON, or why there is none.</summary>
    private async Task<(JsonNode? Body, CoreApiOutcome.Failed? Failure)> PostAsync(
        string query, string operationName, JsonObject variables, CancellationToken cancellationToken)
    {
        CoreApiAccessToken token;
        try
        {
            token = await credentials.GetAsync(cancellationToken);
        }
        catch (SecretUnavailableException ex)
        {
            // The exception's message names the secret and the missing keys, never a value.
            return (null, new CoreApiOutcome.Failed(ex.Incomplete ? ex.Message : "The Crystallize access token could not be read from the secret store.", Transient: true));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(token.TenantIdentifier))
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["operationName"] = operationName, ["variables"] = variables }),
        };
        request.Headers.Add("X-Crystallize-Access-Token-Id", token.AccessTokenId);
        request.Headers.Add("X-Crystallize-Access-Token-Secret", token.AccessTokenSecret);

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                // Maybe a rotated token: read the secret afresh (rate-limited) so the next attempt uses the new one.
                await credentials.RefreshNowAsync(token, cancellationToken);
                return (null, new CoreApiOutcome.Failed($"Crystallize refused the access token ({(int)response.StatusCode}).", Transient: true));
            }

            if (!response.IsSuccessStatusCode)
            {
                var transient = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                return (null, new CoreApiOutcome.Failed($"Crystallize's Core API answered {(int)response.StatusCode} to {operationName}.", transient));
            }

            try
            {
                return (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken), null);
            }
            catch (JsonException)
            {
                return (null, new CoreApiOutcome.Failed($"Crystallize's answer to {operationName} is not JSON.", Transient: true));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, new CoreApiOutcome.Failed($"Crystallize's Core API could not be reached: {ex.GetType().Name}.", Transient: true));
        }
    }

    private Uri Endpoint(string tenantIdentifier) =>
        new(options.Value.Url.Replace("{tenantIdentifier}", Uri.EscapeDataString(tenantIdentifier), StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: meta {Keys} written to Crystallize.")]
    private partial void LogMetaWritten(string orderId, string keys);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: moved to stage {StageId} of pipeline {PipelineId} in Crystallize.")]
    private partial void LogMovedToStage(string orderId, string pipelineId, string stageId);
}
