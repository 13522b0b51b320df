using System.Net;
using FbaMesh.WebhookGateway.Tests.Support;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway.Tests.Endpoint;

/// <summary>Settings that change what the endpoint accepts: verification switch, public URL, tenant, body limit.</summary>
public sealed class ConfigurationTests
{
    private static InMemorySecretReader Secrets() => new(Webhooks.Secret, Webhooks.Tenant);

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Verification_cannot_be_turned_off_outside_Development(string environment)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayUnderTest.StartAsync(
            Secrets(), new Dictionary<string, string> { ["Webhook:VerifySignatures"] = "false" }, environment: environment));

        Assert.Contains("Webhook:VerifySignatures=false is only allowed in the Development environment", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_verification_may_be_off_and_unsigned_webhooks_pass_the_signature_step()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            Secrets(), new Dictionary<string, string> { ["Webhook:VerifySignatures"] = "false" }, environment: "Development");

        var answer = await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(Webhooks.QueryPayload(), token: null));

        Assert.Equal("publish-failed", answer.Code); // past the signature step; only the (down) sidecar stops it
        Assert.Contains(gateway.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Text.Contains("verification is OFF", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Webhook:MaxBodyBytes", "10")]
    [InlineData("Webhook:PublicBaseUrl", "ftp://example.com")]
    [InlineData("Webhook:PublicBaseUrl", "https://example.com/?q=1")]
    [InlineData("Webhook:ClockSkew", "01:00:00")]
    public async Task Unusable_settings_stop_the_start_with_the_setting_named(string key, string value)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayUnderTest.StartAsync(
            Secrets(), new Dictionary<string, string> { [key] = value }));

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "Webhook:PublicBaseUrl")]
    [InlineData("Production", "Webhook:TenantIdentifier")]
    [InlineData("Staging", "Webhook:PublicBaseUrl")]
    [InlineData("Staging", "Webhook:TenantIdentifier")]
    public async Task Outside_Development_the_public_url_and_the_tenant_are_required_and_named(string environment, string key)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayUnderTest.StartAsync(
            Secrets(), new Dictionary<string, string> { [key] = "" }, environment: environment));

        Assert.Contains($"{key} is required outside Development", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_the_public_url_and_the_tenant_may_be_left_out()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(Secrets(), environment: "Development");

        var answer = await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload()));

        Assert.Equal("publish-failed", answer.Code); // the request's own URL and the secret's tenant are used
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task The_concurrency_limit_must_be_positive(string value)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayUnderTest.StartAsync(
            Secrets(), new Dictionary<string, string> { ["Webhook:MaxConcurrentRequests"] = value }));

        Assert.Contains("Webhook:MaxConcurrentRequests", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_proxy_the_signature_covers_the_public_url()
    {
        const string publicBase = "https://shop-hooks.example.com/fbamesh";
        await using var gateway = await GatewayUnderTest.StartAsync(
            Secrets(), new Dictionary<string, string> { ["Webhook:PublicBaseUrl"] = publicBase + "/" });
        var body = Webhooks.QueryPayload();

        var forPublicUrl = await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(body, Webhooks.Sign(publicBase + Webhooks.Path + "?source=crystallize", body), path: Webhooks.Path + "?source=crystallize"));
        var forLocalUrl = await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(body, Webhooks.Sign(gateway.WebhookUrl.ToString(), body)));

        Assert.Equal("publish-failed", forPublicUrl.Code);
        Assert.Equal("signature-hmac-mismatch", forLocalUrl.Code);
    }

    [Fact]
    public async Task A_configured_tenant_wins_over_the_secrets_tenant()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            Secrets(), new Dictionary<string, string> { ["Webhook:TenantIdentifier"] = "configured-tenant" });

        var fromSecretsTenant = await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload()));
        var fromConfiguredTenant = await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload(), tenant: "configured-tenant"));

        Assert.Equal("signature-tenant-mismatch", fromSecretsTenant.Code);
        Assert.Equal("publish-failed", fromConfiguredTenant.Code);
    }

    [Fact]
    public async Task The_body_limit_is_configurable()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            Secrets(), new Dictionary<string, string> { ["Webhook:MaxBodyBytes"] = "2048" });
        var body = $"{{\"id\":\"{Webhooks.OrderId}\",\"pad\":\"{new string('x', 2100)}\"}}";

        var answer = await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
    }
}
