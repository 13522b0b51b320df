using FbaMesh.WebhookGateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.WebhookGateway.Tests.Endpoint;

/// <summary>exp and nbf are judged on the gateway's clock with the configured skew (whole seconds, as jose does).</summary>
public sealed class ClockSkewTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-27T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0, "publish-failed")]     // exp = now + 1 s: valid
    [InlineData(-25, "publish-failed")]   // expired 24 s ago: inside the 30 s skew
    [InlineData(-40, "signature-expired")]
    [InlineData(-3600, "signature-expired")]
    public async Task Expiry_allows_the_configured_skew(int signedSecondsFromNow, string code)
    {
        await using var gateway = await Start(skew: "00:00:30");
        var body = Webhooks.QueryPayload();
        var signedAt = new FakeTimeProvider(Now.AddSeconds(signedSecondsFromNow));

        var answer = await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(body, Webhooks.Sign(gateway.WebhookUrl.ToString(), body, time: signedAt, lifetime: TimeSpan.FromSeconds(1))));

        Assert.Equal(code, answer.Code);
    }

    [Theory]
    [InlineData(5, "publish-failed")]
    [InlineData(120, "signature-not-yet-valid")]
    public async Task Not_before_allows_the_configured_skew(int notBeforeSecondsFromNow, string code)
    {
        await using var gateway = await Start(skew: "00:00:10");
        var body = Webhooks.QueryPayload();
        var claims = HandMadeToken.Claims(gateway.WebhookUrl.ToString(), body, new FakeTimeProvider(Now));
        claims["nbf"] = Now.AddSeconds(notBeforeSecondsFromNow).ToUnixTimeSeconds();

        var answer = await ProblemAnswer.SendAsync(gateway.Client, Webhooks.Request(body, HandMadeToken.Hs256(claims)));

        Assert.Equal(code, answer.Code);
    }

    private static Task<GatewayUnderTest> Start(string skew) => GatewayUnderTest.StartAsync(
        new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant),
        new Dictionary<string, string> { ["Webhook:ClockSkew"] = skew },
        configure: b => b.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
}
