using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>An emulator on a free loopback port, an HttpClient for it and a live access token.</summary>
internal sealed class RunningEmulator : IAsyncDisposable
{
    public const string Orders = "fba/outbound/2020-07-01/fulfillmentOrders";

    private RunningEmulator(SpApiEmulatorApp app, string token)
    {
        App = app;
        Token = token;
        Http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SpApiEmulatorApp App { get; }

    public HttpClient Http { get; }

    public string Token { get; }

    public static async Task<RunningEmulator> StartAsync(Action<SpApiEmulatorOptions>? configure = null)
    {
        var options = new SpApiEmulatorOptions { Port = FreeTcpPort.Next() };
        configure?.Invoke(options);
        var app = await SpApiEmulatorApp.StartAsync(options);
        return new RunningEmulator(app, app.IssueAccessToken());
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-amz-access-token", token ?? Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> CreateAsync(JsonNode body, string? token = null) => SendAsync(HttpMethod.Post, Orders, body, token);

    public Task<HttpResponseMessage> GetAsync(string id) => SendAsync(HttpMethod.Get, $"{Orders}/{id}");

    public Task<HttpResponseMessage> CancelAsync(string id) => SendAsync(HttpMethod.Put, $"{Orders}/{id}/cancel");

    public Task<HttpResponseMessage> MoveAsync(string id, string status) =>
        SendAsync(HttpMethod.Put, $"{Orders}/{id}/status", new JsonObject { ["fulfillmentOrderStatus"] = status });

    public async Task<string> StatusOfAsync(string id)
    {
        var body = await Json.ReadAsync(await GetAsync(id));
        return body["payload"]!["fulfillmentOrder"]!["fulfillmentOrderStatus"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
