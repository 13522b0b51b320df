using System.Net;
using FbaMesh.WebhookGateway.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.WebhookGateway.Tests.Endpoint;

/// <summary>
/// The gateway's use of the verifier, through the endpoint. The sidecar is down here, so a webhook
/// that passes the signature check ends as 503 publish-failed; one that does not ends as 401.
/// </summary>
public sealed class SignatureTests(SidecarDownGateway fixture) : IClassFixture<SidecarDownGateway>
{
    private const string PassedSignature = "publish-failed";

    private GatewayUnderTest Gateway => fixture.Gateway;

    private string Url => Gateway.WebhookUrl.ToString();

    [Fact]
    public async Task A_correct_signature_passes()
    {
        var answer = await Send(Gateway.Signed(Webhooks.QueryPayload()));

        Assert.Equal(PassedSignature, answer.Code);
    }

    [Fact]
    public async Task White_space_and_line_breaks_in_the_raw_body_still_verify()
    {
        var signedBody = Webhooks.QueryPayload();
        var sentBody = "\n{ \"order\" : {\r\n\t\"get\": { \"id\": \"63f2d3b2a94533f79fc6397b\", \"createdAt\" : \"2026-11-27T01:58:10.000Z\",\n \"customer\": {\"firstName\":\"Ada\"} } } }  \n";

        var answer = await Send(Webhooks.Request(sentBody, Webhooks.Sign(Url, signedBody)));

        Assert.Equal(PassedSignature, answer.Code);
    }

    [Fact]
    public async Task Reordered_keys_are_a_different_body_to_JavaScript_and_do_not_verify()
    {
        // JSON.stringify keeps insertion order, so Crystallize's hash covers the order it sent.
        var signedBody = """{"order":{"get":{"id":"63f2d3b2a94533f79fc6397b","createdAt":"x"}}}""";
        var sentBody = """{"order":{"get":{"createdAt":"x","id":"63f2d3b2a94533f79fc6397b"}}}""";

        var answer = await Send(Webhooks.Request(sentBody, Webhooks.Sign(Url, signedBody)));

        Assert.Equal("signature-hmac-mismatch", answer.Code);
    }

    [Fact]
    public async Task Index_like_keys_verify_in_the_order_JavaScript_puts_them()
    {
        var body = """{"z":1,"10":2,"2":3,"order":{"get":{"id":"63f2d3b2a94533f79fc6397b"}}}""";
        var jsOrder = """{"2":3,"10":2,"z":1,"order":{"get":{"id":"63f2d3b2a94533f79fc6397b"}}}""";

        var answer = await Send(Webhooks.Request(body, Webhooks.Sign(Url, jsOrder)));

        Assert.Equal(PassedSignature, answer.Code);
    }

    [Fact]
    public async Task A_tampered_body_is_401()
    {
        var token = Webhooks.Sign(Url, Webhooks.QueryPayload());

        var answer = await Send(Webhooks.Request(Webhooks.QueryPayload("aaaaaaaaaaaaaaaaaaaaaaaa"), token));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-hmac-mismatch", answer.Code);
    }

    [Fact]
    public async Task A_signature_for_another_url_is_401()
    {
        var body = Webhooks.QueryPayload();
        var token = Webhooks.Sign("https://elsewhere.example/api/webhooks/order/created-fba", body);

        var answer = await Send(Webhooks.Request(body, token));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-hmac-mismatch", answer.Code);
    }

    [Fact]
    public async Task The_wrong_secret_is_401()
    {
        var answer = await Send(Gateway.Signed(Webhooks.QueryPayload(), secret: "another-tenants-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-invalid", answer.Code);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var body = Webhooks.QueryPayload();
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));

        var answer = await Send(Webhooks.Request(body, Webhooks.Sign(Url, body, time: past, lifetime: TimeSpan.FromSeconds(1))));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-expired", answer.Code);
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_401()
    {
        var body = Webhooks.QueryPayload();
        var claims = HandMadeToken.Claims(Url, body);
        claims["nbf"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();

        var answer = await Send(Webhooks.Request(body, HandMadeToken.Hs256(claims)));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-not-yet-valid", answer.Code);
    }

    [Fact]
    public async Task A_hand_made_token_with_every_claim_right_passes()
    {
        var body = Webhooks.QueryPayload();

        var answer = await Send(Webhooks.Request(body, HandMadeToken.Hs256(HandMadeToken.Claims(Url, body))));

        Assert.Equal(PassedSignature, answer.Code);
    }

    [Fact]
    public async Task Alg_none_is_401()
    {
        var body = Webhooks.QueryPayload();

        var answer = await Send(Webhooks.Request(body, HandMadeToken.Unsigned(HandMadeToken.Claims(Url, body))));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-algorithm-unsupported", answer.Code);
    }

    [Fact]
    public async Task Another_algorithm_is_401()
    {
        var body = Webhooks.QueryPayload();

        var answer = await Send(Webhooks.Request(body, HandMadeToken.WithAlgorithm("HS512", HandMadeToken.Claims(Url, body))));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-algorithm-unsupported", answer.Code);
    }

    [Fact]
    public async Task A_token_without_the_hmac_claim_is_401()
    {
        var body = Webhooks.QueryPayload();
        var claims = HandMadeToken.Claims(Url, body);
        claims.Remove("hmac");

        var answer = await Send(Webhooks.Request(body, HandMadeToken.Hs256(claims)));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-hmac-missing", answer.Code);
    }

    [Fact]
    public async Task A_token_from_another_tenant_is_401()
    {
        var answer = await Send(Gateway.Signed(Webhooks.QueryPayload(), tenant: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("signature-tenant-mismatch", answer.Code);
    }

    [Theory]
    [InlineData(null, "signature-missing")]
    [InlineData("", "signature-missing")]
    [InlineData("not-a-jwt", "signature-malformed")]
    [InlineData("a.b.c", "signature-malformed")]
    public async Task A_missing_or_malformed_header_is_401(string? token, string code)
    {
        var answer = await Send(Webhooks.Request(Webhooks.QueryPayload(), token));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(code, answer.Code);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    private Task<ProblemAnswer> Send(HttpRequestMessage request) => ProblemAnswer.SendAsync(Gateway.Client, request);
}
