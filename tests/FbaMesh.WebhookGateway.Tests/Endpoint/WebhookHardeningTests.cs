using System.Net;
using System.Text;
using System.Text.Json;
using FbaMesh.Testing;
using FbaMesh.WebhookGateway.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.WebhookGateway.Tests.Endpoint;

/// <summary>
/// A forged, stale or unsigned webhook is refused on its headers, before a byte of its body is read; a
/// full gateway answers 503 with Retry-After instead of queueing.
/// </summary>
public sealed class WebhookHardeningTests
{
    public static TheoryData<string, string> BadTokens()
    {
        var url = "http://127.0.0.1/api/webhooks/order/created-fba";
        var body = Webhooks.QueryPayload();
        var longAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        return new TheoryData<string, string>
        {
            { string.Empty, "signature-missing" },
            { "not-a-jwt", "signature-malformed" },
            { "eyJhbGciOiJIUzI1NiJ9.e30.e30.e30", "signature-malformed" },
            { Webhooks.Sign(url, body, secret: "another-tenants-secret"), "signature-invalid" },
            { Webhooks.Sign(url, body, time: longAgo, lifetime: TimeSpan.FromSeconds(1)), "signature-expired" },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_before_the_body_is_read(string token, string code)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant));
        var (context, body) = WebhookContext(gateway, token);

        var (status, answered) = await HandleAsync(gateway, context);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Equal(code, answered);
        Assert.Equal(0, body.Reads);
    }

    [Fact]
    public async Task A_good_token_lets_the_body_be_read_and_its_hash_is_checked_last()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant));
        var (context, body) = WebhookContext(gateway, Webhooks.Sign(gateway.WebhookUrl.ToString(), "{\"other\":\"body\"}"));

        var (status, answered) = await HandleAsync(gateway, context);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Equal("signature-hmac-mismatch", answered);
        Assert.True(body.Reads > 0);
    }

    [Fact]
    public async Task When_the_limit_is_reached_the_next_webhook_gets_503_with_Retry_After_and_the_held_ones_complete()
    {
        await using var sidecar = await BlockingSidecar.StartAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(
            new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant),
            new Dictionary<string, string> { ["Webhook:MaxConcurrentRequests"] = "2" },
            daprGrpcPort: sidecar.GrpcPort);
        var held = Enumerable.Range(0, 2)
            .Select(_ => ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload(OrderIds.New()))))
            .ToList();
        await sidecar.WaitForHeldAsync(2);

        using var full = await gateway.Client.SendAsync(gateway.Signed(Webhooks.QueryPayload(OrderIds.New())));
        var answer = await ProblemAnswer.ReadAsync(full);
        sidecar.Release();
        var completed = await Task.WhenAll(held);
        var afterwards = await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload(OrderIds.New())));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal("too-many-concurrent-webhooks", answer.Code);
        Assert.NotNull(full.Headers.RetryAfter);
        Assert.All(completed, c => Assert.Equal(HttpStatusCode.Accepted, c.Status));
        Assert.Equal(HttpStatusCode.Accepted, afterwards.Status);
        Assert.Equal(3, sidecar.Publishes);
        Assert.Equal(1, gateway.Counter["rejected/too-many-concurrent-webhooks"]);
    }

    private static (DefaultHttpContext Context, WatchedBodyStream Body) WebhookContext(GatewayUnderTest gateway, string token)
    {
        var bytes = Encoding.UTF8.GetBytes(Webhooks.QueryPayload());
        var body = new WatchedBodyStream(bytes);
        var context = new DefaultHttpContext { RequestServices = gateway.App.Services };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(gateway.BaseAddress.Authority);
        context.Request.Path = Webhooks.Path;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = body;
        if (token.Length > 0)
        {
            context.Request.Headers["X-Crystallize-Signature"] = token;
        }

        context.Response.Body = new MemoryStream();
        return (context, body);
    }

    private static async Task<(int Status, string? Code)> HandleAsync(GatewayUnderTest gateway, DefaultHttpContext context)
    {
        var result = await gateway.App.Services.GetRequiredService<OrderCreatedWebhook>().HandleAsync(context);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, problem.RootElement.GetProperty("code").GetString());
    }
}
