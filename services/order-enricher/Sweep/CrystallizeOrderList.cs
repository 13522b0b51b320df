using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FbaMesh.OrderEnricher.Sweep;

/// <summary>Reads pages of the Core API's orders connection with the crystallize-api access token.</summary>
internal sealed class CrystallizeOrderList(HttpClient http, SecretReader<CrystallizeAccessToken> credentials, IOptions<SweepOptions> options)
{
    public async Task<OrderListPage> PageAsync(DateTimeOffset createdFrom, string? after, CancellationToken cancellationToken)
    {
        CrystallizeAccessToken token;
        try
        {
            token = await credentials.GetAsync(cancellationToken);
        }
        catch (SecretUnavailableException)
        {
            return new OrderListPage.Failed("The Crystallize access token could not be read from the secret store.");
        }

        var url = options.Value.CoreApiUrl.Replace("{tenantIdentifier}", Uri.EscapeDataString(token.TenantIdentifier), StringComparison.Ordinal);
        var variables = new CreatedOrdersVariables(options.Value.PageSize, after, createdFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new CreatedOrdersRequest(CreatedOrdersQuery.Text, variables), options: GraphQlJson.Options),
        };
        request.Headers.Add("X-Crystallize-Access-Token-Id", token.AccessTokenId);
        request.Headers.Add("X-Crystallize-Access-Token-Secret", token.AccessTokenSecret);

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
                {
                    await credentials.RefreshNowAsync(token, cancellationToken);
                }

                return new OrderListPage.Failed($"Crystallize answered {(int)response.StatusCode} to the orders listing.");
            }

            var body = await response.Content.ReadFromJsonAsync<CreatedOrdersResponse>(GraphQlJson.Options, cancellationToken);
            if (body?.Errors is { Count: > 0 } errors)
            {
                return new OrderListPage.Failed($"Crystallize answered GraphQL errors: {string.Join("; ", errors.Select(e => e?.Message))}");
            }

            var connection = body?.Data?.Orders;
            if (connection is null || connection.ErrorName is not null || connection.PageInfo is null)
            {
                return new OrderListPage.Failed($"Crystallize answered no order page ({connection?.ErrorName ?? "empty"}).");
            }

            var ids = (connection.Edges ?? []).Select(e => e.Node?.Id).OfType<string>().Where(OrderId.IsValid).ToList();
            return new OrderListPage.Read(ids, connection.PageInfo.HasNextPage, connection.PageInfo.EndCursor);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new OrderListPage.Failed($"Crystallize could not be read: {ex.GetType().Name}.");
        }
    }
}
