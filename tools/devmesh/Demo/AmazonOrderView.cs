using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.DevMesh.Demo;

/// <summary>A fulfillment order as the SP-API emulator holds it now (after updates and cancels), read with getFulfillmentOrder.</summary>
public sealed record AmazonOrderView(string? Status, string? FulfillmentAction)
{
    public const string FulfillmentOrdersPath = "fba/outbound/2020-07-01/fulfillmentOrders/";

    /// <summary>Null when the emulator holds no order with this id.</summary>
    public static async Task<AmazonOrderView?> ReadAsync(SpApiEmulatorApp spApi, string sellerFulfillmentOrderId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spApi);
        using var http = new HttpClient { BaseAddress = spApi.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, FulfillmentOrdersPath + Uri.EscapeDataString(sellerFulfillmentOrderId));
        request.Headers.Add("x-amz-access-token", spApi.IssueAccessToken());
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var order = (await response.Content.ReadFromJsonAsync<JsonNode>(ct))?["payload"]?["fulfillmentOrder"];
        return order is null ? null : new AmazonOrderView(order["fulfillmentOrderStatus"]?.GetValue<string>(), order["fulfillmentAction"]?.GetValue<string>());
    }
}
