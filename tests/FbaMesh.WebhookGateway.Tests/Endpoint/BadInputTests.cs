using System.Net;
using System.Text;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Endpoint;

/// <summary>Each bad input gets its status and a problem+json with a stable code.</summary>
public sealed class BadInputTests(SidecarDownGateway fixture) : IClassFixture<SidecarDownGateway>
{
    private GatewayUnderTest Gateway => fixture.Gateway;

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Not_json_is_415(string contentType)
    {
        var answer = await Send(Webhooks.Request(Webhooks.QueryPayload(), "token", contentType));

        Assert.Equal((HttpStatusCode)415, answer.Status);
        Assert.Equal("unsupported-media-type", answer.Code);
    }

    [Fact]
    public async Task No_content_type_is_415()
    {
        var answer = await Send(Webhooks.Request(Encoding.UTF8.GetBytes(Webhooks.QueryPayload()), "token", contentType: null));

        Assert.Equal((HttpStatusCode)415, answer.Status);
    }

    [Fact]
    public async Task Json_with_utf8_charset_and_a_json_suffix_type_are_read()
    {
        var body = Webhooks.QueryPayload();
        var token = Webhooks.Sign(Gateway.WebhookUrl.ToString(), body);

        var withCharset = await Send(Webhooks.Request(body, token, "application/json; charset=utf-8"));
        var suffix = await Send(Webhooks.Request(body, token, "application/vnd.crystallize+json"));

        // Past every check: only the (down) sidecar stops them.
        Assert.Equal("publish-failed", withCharset.Code);
        Assert.Equal("publish-failed", suffix.Code);
    }

    [Theory]
    [InlineData("{\"order\":")]
    [InlineData("not json")]
    [InlineData("{\"id\":\"63f2d3b2a94533f79fc6397b\",}")]
    [InlineData("")]
    public async Task Malformed_json_under_a_valid_token_is_400_before_the_body_hash_is_checked(string body)
    {
        var answer = await Send(Webhooks.Request(body, TokenForAnotherBody()));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("malformed-json", answer.Code);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal("urn:fbamesh:problem:webhook:malformed-json", answer.Type);
    }

    [Fact]
    public async Task Invalid_utf8_is_400()
    {
        byte[] body = [.. "{\"id\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var answer = await Send(Webhooks.Request(body, TokenForAnotherBody()));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid-utf8", answer.Code);
    }

    [Theory]
    [InlineData("{\"order\":{\"get\":{\"id\":\"63F2D3B2A94533F79FC6397B\"}}}", "invalid-order-id")]
    [InlineData("{\"order\":{\"get\":{\"id\":\"63f2d3b2a94533f79fc6397\"}}}", "invalid-order-id")]
    [InlineData("{\"order\":{\"get\":{\"id\":\"63f2d3b2a94533f79fc6397b\\n\"}}}", "invalid-order-id")]
    [InlineData("{\"order\":{\"get\":{\"id\":12345}}}", "invalid-order-id")]
    [InlineData("{\"orderId\":\"../../etc/passwd\"}", "invalid-order-id")]
    [InlineData("{\"order\":{\"get\":null}}", "missing-order-id")]
    [InlineData("{\"item\":{\"get\":{\"id\":\"63f2d3b2a94533f79fc6397b\"}}}", "missing-order-id")]
    [InlineData("[\"63f2d3b2a94533f79fc6397b\"]", "missing-order-id")]
    [InlineData("\"63f2d3b2a94533f79fc6397b\"", "missing-order-id")]
    public async Task A_signed_payload_without_a_valid_order_id_is_400(string body, string code)
    {
        var answer = await Send(Gateway.Signed(body));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(code, answer.Code);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_from_its_length()
    {
        var answer = await Send(Webhooks.Request(new byte[1024 * 1024 + 1], TokenForAnotherBody()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("body-too-large", answer.Code);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413_while_reading()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Webhooks.Path)
        {
            Content = new StreamContent(new UnknownLengthStream([.. "{"u8, .. Enumerable.Repeat((byte)' ', 4 * 1024 * 1024)])),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-Crystallize-Signature", TokenForAnotherBody());
        request.Headers.TransferEncodingChunked = true;

        var answer = await Send(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("body-too-large", answer.Code);
    }

    [Fact]
    public async Task Get_on_the_webhook_route_is_405_problem()
    {
        using var response = await Gateway.Client.GetAsync(Webhooks.Path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<ProblemAnswer> Send(HttpRequestMessage request) => ProblemAnswer.SendAsync(Gateway.Client, request);

    // A token that passes every check made before the body is read; its hmac claim matches no body sent here.
    private string TokenForAnotherBody() => Webhooks.Sign(Gateway.WebhookUrl.ToString(), Webhooks.QueryPayload());
}
