using System.Net;
using System.Text.Json;
using Dapr.Client;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.Crystallize.Signing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FbaMesh.Bench.Ingest;

/// <summary>
/// The ingest baseline of what any receiver must do: bare Kestrel in this process that reads the whole
/// body, verifies X-Crystallize-Signature with the gateway's verifier (token, then the body's hmac),
/// finds the order id and publishes the same OrderReceived (protobuf JSON, the same CloudEvent id)
/// through DaprClient to the gateway's own emulated sidecar, then answers 202. No options, health,
/// metrics, logs, problem answers or secret store: what the gateway spends above this is its own.
/// </summary>
public sealed class MandatoryWorkEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly DaprClient dapr;
    private int published;

    private MandatoryWorkEndpoint(WebApplication app, DaprClient dapr, Uri url) => (this.app, this.dapr, Url) = (app, dapr, url);

    public Uri Url { get; }

    /// <summary>Events the sidecar accepted from this endpoint.</summary>
    public int Published => Volatile.Read(ref published);

    /// <param name="target">The gateway whose sidecar receives the events.</param>
    public static async Task<MandatoryWorkEndpoint> StartAsync(string path, IGatewayTarget target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var dapr = new DaprClientBuilder()
            .UseGrpcEndpoint($"http://127.0.0.1:{target.SidecarGrpcPort}")
            .UseDaprApiToken(target.SidecarApiToken)
            .Build();
        var verifier = new SignatureVerifier(new SignatureVerifierOptions { ExpectedTenantIdentifier = "fbamesh-dev" }, TimeProvider.System);
        MandatoryWorkEndpoint? self = null;
        app.MapPost(path, async (HttpContext http) =>
        {
            var token = verifier.CheckToken(http.Request.Headers[LoadRound.SignatureHeader].ToString(), WebhookBodies.DevSecret);
            if (token.Token is not { } verified)
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
            if (SignatureVerifier.CheckBody(verified, self!.Url.OriginalString, "POST", bytes.Span) != SignatureFailure.None)
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            if (OrderIdOf(bytes) is not { } orderId)
            {
                return Results.StatusCode(StatusCodes.Status400BadRequest);
            }

            var received = new OrderReceived { OrderId = orderId, TenantIdentifier = verified.TenantIdentifier ?? "", ReceivedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) };
            var metadata = new Dictionary<string, string> { ["cloudevent.id"] = "crystallize-order-created-" + orderId };
            await dapr.PublishProtobufJsonAsync("fbamesh-pubsub", "orders.received", received, metadata, http.RequestAborted);
            Interlocked.Increment(ref self.published);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.StartAsync();
        self = new MandatoryWorkEndpoint(app, dapr, new Uri(new Uri(app.Urls.First()), path));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        dapr.Dispose();
    }

    /// <summary>order.get.id of the attached query's answer, as the gateway reads it first.</summary>
    private static string? OrderIdOf(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Object
            && order.TryGetProperty("get", out var get) && get.ValueKind == JsonValueKind.Object
            && get.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && OrderId.IsValid(id.GetString())
            ? id.GetString()
            : null;
    }
}
