using System.Net;
using System.Text;
using FbaMesh.Testing;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Mesh;

/// <summary>
/// Inputs meant to break a parser or exhaust memory. With the sidecar up, none may give a 5xx, none
/// may publish unless it is a correctly signed order, and the process must answer afterwards.
/// </summary>
public sealed class HostileInputTests(GatewayWithSidecar mesh) : IClassFixture<GatewayWithSidecar>
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    [Fact]
    public async Task No_hostile_input_gives_a_5xx_or_publishes_unsigned_and_the_process_stays_up()
    {
        var orderId = OrderIds.New();
        var id = Encoding.ASCII.GetBytes(orderId);
        var unsigned = new (string Name, byte[] Body, string? ContentType, bool Chunked)[]
        {
            ("deep array nesting", [.. Repeat('[', 100_000), .. Repeat(']', 100_000)], "application/json", false),
            ("deep object nesting", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)), "application/json", false),
            ("lone continuation byte", [.. "{\"id\":\""u8, 0x80, .. "\"}"u8], "application/json", false),
            ("overlong encoding", [.. "{\"id\":\""u8, 0xC0, 0xAF, .. "\"}"u8], "application/json", false),
            ("encoded surrogate", [.. "{\"id\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], "application/json", false),
            ("truncated sequence", [.. "{\"id\":\"x"u8, 0xE2, 0x82], "application/json", false),
            ("NUL bytes", [.. "{\"id\":\""u8, .. id, 0, .. "\"}"u8], "application/json", false),
            ("raw control characters", [.. "{\"id\":\"\n\t"u8, .. id, .. "\"}"u8], "application/json", false),
            ("trailing garbage", [.. "{\"id\":\""u8, .. id, .. "\"} x"u8], "application/json", false),
            ("byte order mark", [0xEF, 0xBB, 0xBF, .. "{\"id\":\""u8, .. id, .. "\"}"u8], "application/json", false),
            ("10 MB with a length", [.. "{\"id\":\""u8, .. id, .. "\",\"pad\":\""u8, .. Repeat('x', TenMegabytes), .. "\"}"u8], "application/json", false),
            ("10 MB chunked, no length", [.. "{\"pad\":\""u8, .. Repeat('x', TenMegabytes), .. "\"}"u8], "application/json", true),
            ("empty body", [], "application/json", false),
            ("empty chunked body", [], "application/json", true),
            ("no content type", [.. "{\"id\":\""u8, .. id, .. "\"}"u8], null, false),
            ("xml", Encoding.UTF8.GetBytes($"<order id=\"{orderId}\"/>"), "application/xml", false),
            ("form", Encoding.UTF8.GetBytes($"id={orderId}"), "application/x-www-form-urlencoded", false),
            ("utf-16 json", Encoding.Unicode.GetBytes($"{{\"id\":\"{orderId}\"}}"), "application/json; charset=utf-16", false),
            ("multipart", Encoding.UTF8.GetBytes("--b\r\n\r\n{}\r\n--b--"), "multipart/form-data; boundary=b", false),
        };

        var failures = new List<string>();
        foreach (var (name, body, contentType, chunked) in unsigned)
        {
            var status = await SendAsync(body, contentType, chunked, token: "garbage." + new string('A', 20_000));
            if (status >= 500 || status < 400)
            {
                failures.Add($"{name}: {status}");
            }
        }

        Assert.Empty(failures);
        Assert.Empty(mesh.PublishedFor(orderId));
        using var live = await mesh.Gateway.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData("huge and tiny numbers", "{\"id\":\"ORDER\",\"n\":1e400,\"m\":-1e-400,\"big\":" + "12345678901234567890123456789012345678901234567890" + "}")]
    [InlineData("escaped lone surrogates", "{\"id\":\"ORDER\",\"s\":\"\\ud800 \\udfff \\u0000\"}")]
    [InlineData("index-like and duplicate keys", "{\"id\":\"x\",\"4294967295\":1,\"4294967294\":2,\"-0\":3,\"id\":\"ORDER\"}")]
    [InlineData("non-ASCII text", "{\"order\":{\"get\":{\"id\":\"ORDER\",\"customer\":{\"firstName\":\"Åse 🦊 \\u2028\"}}}}")]
    public async Task Strange_but_valid_JSON_that_Crystallize_signed_is_accepted(string name, string template)
    {
        var orderId = OrderIds.New();
        var body = template.Replace("ORDER", orderId, StringComparison.Ordinal);

        using var response = await mesh.Gateway.Client.SendAsync(mesh.Signed(body));

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Single(mesh.PublishedFor(orderId));
    }

    [Theory]
    [InlineData(200, HttpStatusCode.Accepted)]
    [InlineData(300, HttpStatusCode.BadRequest)]
    public async Task Nesting_is_read_up_to_the_canonicalisers_depth_and_refused_beyond(int depth, HttpStatusCode expected)
    {
        var orderId = OrderIds.New();
        var body = $"{{\"id\":\"{orderId}\",\"deep\":{new string('[', depth - 1)}{new string(']', depth - 1)}}}";

        // Past the canonicaliser's depth no token can be made for the body; a token valid for another body
        // passes the checks made before reading, and the body is refused as unreadable before its hash is checked.
        using var request = depth <= FbaMesh.Crystallize.Signing.JavaScriptJson.MaxDepth
            ? mesh.Signed(body)
            : Webhooks.Request(body, Webhooks.Sign(mesh.Gateway.WebhookUrl.ToString(), "{}", GatewayWithSidecar.DevSecret, GatewayWithSidecar.DevTenant));

        using var response = await mesh.Gateway.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>
    /// A body built to make a naive duplicate-key check quadratic must take about as long as a body of the
    /// same size with distinct keys, sent alternately to the same gateway. The ratio is a denial-of-service
    /// ceiling that a quadratic check far exceeds and a loaded machine does not: each kind's fastest of three
    /// is compared, so a burst of load on the shared cores during one request does not decide it; speed is
    /// the bench's job.
    /// </summary>
    [Fact]
    public async Task Many_repeated_keys_are_answered_about_as_fast_as_as_many_distinct_keys()
    {
        await TimeAcceptedAsync(i => i); // the first large body pays for warming up the gateway
        var distinct = TimeSpan.MaxValue;
        var repeated = TimeSpan.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            distinct = Min(distinct, await TimeAcceptedAsync(i => i));
            repeated = Min(repeated, await TimeAcceptedAsync(i => i % 5000));
        }

        var bound = (distinct * 4) + TimeSpan.FromSeconds(1);
        Assert.True(repeated < bound, $"repeated keys took {repeated.TotalMilliseconds:0} ms, distinct keys {distinct.TotalMilliseconds:0} ms");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task<TimeSpan> TimeAcceptedAsync(Func<int, int> key)
    {
        var orderId = OrderIds.New();
        var keys = string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"\"k{key(i):D5}\":{i}"));
        using var request = mesh.Signed($"{{{keys},\"id\":\"{orderId}\"}}");

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await mesh.Gateway.Client.SendAsync(request);
        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return took;
    }

    private async Task<int> SendAsync(byte[] body, string? contentType, bool chunked, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Webhooks.Path)
        {
            Content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body),
        };
        request.Headers.TransferEncodingChunked = chunked;
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Headers.TryAddWithoutValidation(WebhookSignatureCheck.HeaderName, token);
        using var response = await mesh.Gateway.Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static byte[] Repeat(char c, int count) => Enumerable.Repeat((byte)c, count).ToArray();
}
