using System.Net;
using FbaMesh.WebhookGateway.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FbaMesh.WebhookGateway.Tests.Endpoint;

/// <summary>What an operator sees: one log line per rejection with its reason, no secrets, the metric by outcome.</summary>
public sealed class OperatorViewTests
{
    [Fact]
    public async Task A_rejected_signature_logs_one_line_with_the_reason_and_never_the_secret_or_token()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant));
        var body = Webhooks.QueryPayload();
        var forgedToken = Webhooks.Sign(gateway.WebhookUrl.ToString(), body, secret: "forged-secret-value");

        var answer = await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(body, forgedToken));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        var warning = Assert.Single(gateway.Logs.Lines, l => l.Level >= LogLevel.Warning && l.Category.Contains("WebhookGateway", StringComparison.Ordinal));
        Assert.Contains("signature-invalid", warning.Text, StringComparison.Ordinal);
        AssertNothingSecret(gateway, answer.Body, forgedToken, "forged-secret-value");
    }

    [Fact]
    public async Task Personal_data_in_the_payload_is_not_logged_at_information_level()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant));
        var body = $"{{\"order\":{{\"get\":{{\"id\":\"{Webhooks.OrderId}\",\"customer\":{{\"firstName\":\"Ingrid\",\"email\":\"ingrid@example.com\"}}}}}}}}";

        var token = Webhooks.Sign(gateway.WebhookUrl.ToString(), body);
        await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(body, token));
        await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(body, token: "x"));

        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Level >= LogLevel.Information
            && (l.Text.Contains("Ingrid", StringComparison.Ordinal) || l.Text.Contains("ingrid@example.com", StringComparison.Ordinal)));
        AssertNothingSecret(gateway, "", token, Webhooks.Secret);
    }

    [Fact]
    public async Task Webhooks_are_counted_by_outcome_and_reason()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant));

        await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(Webhooks.QueryPayload(), token: null));
        await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(Webhooks.QueryPayload(), token: null));
        await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request("{", Webhooks.Sign(gateway.WebhookUrl.ToString(), Webhooks.QueryPayload())));
        await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload()));

        Assert.Equal(2, gateway.Counter["rejected/signature-missing"]);
        Assert.Equal(1, gateway.Counter["rejected/malformed-json"]);
        Assert.Equal(1, gateway.Counter["publish-failed/publish-failed"]);
    }

    [Fact]
    public async Task A_secret_store_that_cannot_be_read_gives_503_and_not_ready_without_saying_why_in_detail()
    {
        var secrets = new InMemorySecretReader(Webhooks.Secret) { Failing = true };
        await using var gateway = await GatewayUnderTest.StartAsync(secrets);

        var answer = await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload()));
        using var ready = await gateway.Client.GetAsync("/readyz");
        var readyBody = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("signature-secret-unavailable", answer.Code);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", System.Text.Json.JsonDocument.Parse(readyBody).RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain(InMemorySecretReader.FailureMessage, readyBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(InMemorySecretReader.FailureMessage, answer.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(nameof(InvalidOperationException), answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_secret_is_used_at_the_first_webhook_signed_with_it()
    {
        var secrets = new InMemorySecretReader("old-secret-value", Webhooks.Tenant);
        await using var gateway = await GatewayUnderTest.StartAsync(secrets);
        await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload(), secret: "old-secret-value"));

        secrets.Rotate("new-secret-value", Webhooks.Tenant);
        var answer = await ProblemAnswer.SendAsync(gateway.Client, gateway.Signed(Webhooks.QueryPayload(), secret: "new-secret-value"));

        Assert.Equal("publish-failed", answer.Code); // verified with the new secret; only the (down) sidecar stops it
        Assert.Equal(2, secrets.Reads);
    }

    private static void AssertNothingSecret(GatewayUnderTest gateway, string answerBody, params string[] secrets)
    {
        foreach (var secret in secrets.Append(Webhooks.Secret))
        {
            Assert.DoesNotContain(secret, answerBody, StringComparison.Ordinal);
            Assert.DoesNotContain(gateway.Logs.Lines, l => l.Text.Contains(secret, StringComparison.Ordinal));
        }
    }
}
