using System.Net;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Endpoint;

/// <summary>The shared service defaults as the gateway carries them: probes, app token, problem details.</summary>
public sealed class ServiceDefaultsTests
{
    private const string AppToken = "test-app-api-token";

    [Fact]
    public async Task Liveness_answers_while_the_sidecar_is_down_and_readiness_says_which_check_failed()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret));

        using var live = await gateway.Client.GetAsync("/healthz");
        using var ready = await gateway.Client.GetAsync("/readyz");
        var readyBody = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"dapr-sidecar\":{\"status\":\"Unhealthy\"", readyBody, StringComparison.Ordinal);
        Assert.Contains("\"signature-secret\":{\"status\":\"Healthy\"", readyBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_APP_API_TOKEN_the_Dapr_facing_routes_need_it_and_the_public_webhook_does_not()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant), new Dictionary<string, string> { ["APP_API_TOKEN"] = AppToken });

        using var withoutToken = await gateway.Client.GetAsync("/dapr/subscribe");
        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe") { Headers = { { "dapr-api-token", "wrong" } } };
        using var wrong = await gateway.Client.SendAsync(wrongToken);
        using var rightToken = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe") { Headers = { { "dapr-api-token", AppToken } } };
        using var right = await gateway.Client.SendAsync(rightToken);
        var webhook = await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload()));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("application/problem+json", withoutToken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, right.StatusCode); // past the check; the gateway subscribes to nothing
        Assert.Equal("publish-failed", webhook.Code);
        Assert.DoesNotContain(AppToken, await withoutToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/DAPR/subscribe")]
    [InlineData("/Dapr/Subscribe")]
    [InlineData("/no-such-route")]
    public async Task With_APP_API_TOKEN_any_route_the_gateway_did_not_open_needs_it_whatever_its_spelling(string path)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            new InMemorySecretReader(Webhooks.Secret), new Dictionary<string, string> { ["APP_API_TOKEN"] = AppToken });

        using var response = await gateway.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_gRPC_caller_without_the_app_token_gets_UNAUTHENTICATED()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            new InMemorySecretReader(Webhooks.Secret), new Dictionary<string, string> { ["APP_API_TOKEN"] = AppToken });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fbamesh.fulfillment.v1.FulfillmentOrders/SubmitFulfillmentOrder")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal("16", response.Headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Without_APP_API_TOKEN_routes_answer_and_the_start_is_logged_as_a_warning_naming_the_setting()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret));

        using var response = await gateway.Client.GetAsync("/dapr/subscribe");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(gateway.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && l.Text.StartsWith("APP_API_TOKEN is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_APP_API_TOKEN_nothing_about_it_is_logged()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            new InMemorySecretReader(Webhooks.Secret), new Dictionary<string, string> { ["APP_API_TOKEN"] = AppToken });

        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Text.Contains("APP_API_TOKEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_json_404()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret));

        using var response = await gateway.Client.GetAsync("/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
