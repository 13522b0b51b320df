using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

/// <summary>Starts an emulator on a free loopback port and talks to its Order API like a client does.</summary>
internal sealed class Emulator : IAsyncDisposable
{
    public const string TokenId = "test-token-id";
    public const string TokenSecret = "test-token-secret";
    public const string SignatureSecret = "test-signature-secret-0123456789";

    private Emulator(CrystallizeEmulatorApp app)
    {
        App = app;
        Http = new HttpClient { BaseAddress = app.BaseAddress };
    }

    public CrystallizeEmulatorApp App { get; }

    public HttpClient Http { get; }

    public static async Task<Emulator> StartAsync(Action<CrystallizeEmulatorOptions>? configure = null)
    {
        var options = new CrystallizeEmulatorOptions
        {
            Port = FreeTcpPort.Next(),
            TenantIdentifier = "acme",
            AccessTokenId = TokenId,
            AccessTokenSecret = TokenSecret,
            SignatureSecret = SignatureSecret,
        };
        configure?.Invoke(options);
        return new Emulator(await CrystallizeEmulatorApp.StartAsync(options));
    }

    public void Put(string id, string orderJson) => App.Orders.Put(id, JsonNode.Parse(orderJson)!.AsObject());

    /// <summary>POSTs a GraphQL request to the tenant's Order API with the access token headers.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> QueryAsync(
        string query, object? variables = null, string? operationName = null, bool authenticated = true, string? path = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path ?? App.OrderApiUrl.ToString())
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        if (authenticated)
        {
            request.Headers.Add("X-Crystallize-Access-Token-Id", TokenId);
            request.Headers.Add("X-Crystallize-Access-Token-Secret", TokenSecret);
        }

        return await SendAsync(request);
    }

    /// <summary>POSTs a GraphQL request to the tenant's Core API (<c>/@{tenant}</c>) with the access token headers.</summary>
    public Task<(HttpStatusCode Status, JsonObject Body)> CoreAsync(string query, object? variables = null) =>
        QueryAsync(query, variables, path: App.CoreApiUrl.ToString());

    public async Task<(HttpStatusCode Status, JsonObject Body)> SendRawAsync(string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, App.OrderApiUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-Crystallize-Access-Token-Id", TokenId);
        request.Headers.Add("X-Crystallize-Access-Token-Secret", TokenSecret);
        return await SendAsync(request);
    }

    public async Task<JsonObject?> GetOrderAsync(string id)
    {
        var (status, body) = await QueryAsync("query Q($id: ID!) { order { get(id: $id) { id } } }", new { id });
        Assert.Equal(HttpStatusCode.OK, status);
        return body["data"]?["order"]?["get"] as JsonObject;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}
