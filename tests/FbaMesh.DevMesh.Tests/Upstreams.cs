using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

/// <summary>The emulators of a running devmesh, reached over HTTP as a developer would.</summary>
internal static class Upstreams
{
    private static readonly JsonObject DevSecrets =
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", "secrets.dev.json")))!.AsObject();

    /// <summary>The Crystallize emulator signs and sends the order-created webhook, as Crystallize would.</summary>
    public static async Task<int?> SendOrderCreatedAsync(HttpClient http, MeshEndpoints endpoints, string orderId)
    {
        using var response = await http.PostAsJsonAsync(
            new Uri(endpoints.Crystallize!.AdminUrl, "webhooks/order-created"),
            new { orderId, url = endpoints.GatewayWebhookUrl });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["deliveries"]![0]!["status"]?.GetValue<int>();
    }

    /// <summary>getFulfillmentOrder at the SP-API emulator with a Login with Amazon token: the order as Amazon holds it.</summary>
    public static async Task<JsonObject?> GetFulfillmentOrderAsync(HttpClient http, MeshEndpoints endpoints, string sellerFulfillmentOrderId)
    {
        var spApi = DevSecrets["sp-api"]!;
        using var tokenResponse = await http.PostAsync(endpoints.SpApi!.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = spApi["refreshToken"]!.GetValue<string>(),
            ["client_id"] = spApi["lwaClientId"]!.GetValue<string>(),
            ["client_secret"] = spApi["lwaClientSecret"]!.GetValue<string>(),
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{endpoints.SpApi.ApiUrl}/{sellerFulfillmentOrderId}");
        request.Headers.Add("x-amz-access-token", token);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }
}
