using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>The hmac claim against the vectors published with Crystallize's client (reference file).</summary>
public sealed class SignatureChallengeTests
{
    internal const string PublishedUrl = "https://a17e-2601-645-4500-330-b07d-351d-ece7-41c1.ngrok.io/test/signature";
    internal const string PublishedBody = """{"item":{"get":{"id":"63f2d3b2a94533f79fc6397b","createdAt":"2023-02-20T01:58:10.000Z","updatedAt":"2023-02-23T07:58:34.685Z","name":"test"}}}""";
    internal const string PublishedHmac = "1101b34dac8c55e5590a37271f1c41c3d745463854613494a1624a15be24f1f8";

    [Fact]
    public void Matches_the_published_POST_vector()
    {
        Assert.Equal(PublishedHmac, SignatureChallenge.ComputeHmac(PublishedUrl, "POST", Encoding.UTF8.GetBytes(PublishedBody)));
    }

    [Fact]
    public void Matches_the_published_GET_vector_with_no_body()
    {
        Assert.Equal(
            "157bee342a4856e14e964356fef54fd84b3a3508c1071ed674172d3f9b68892f",
            SignatureChallenge.ComputeHmac("https://helloworld.crystallize.app.local", "GET", []));
    }

    [Fact]
    public void White_space_in_the_raw_body_does_not_change_the_hmac()
    {
        var pretty = JsonSerializer.Serialize(JsonDocument.Parse(PublishedBody), new JsonSerializerOptions { WriteIndented = true });

        Assert.NotEqual(PublishedBody, pretty);
        Assert.Equal(PublishedHmac, SignatureChallenge.ComputeHmac(PublishedUrl, "POST", Encoding.UTF8.GetBytes(pretty)));
    }

    [Fact]
    public void Key_order_in_the_raw_body_changes_the_hmac_because_JavaScript_keeps_insertion_order()
    {
        const string reordered = """{"item":{"get":{"name":"test","id":"63f2d3b2a94533f79fc6397b","createdAt":"2023-02-20T01:58:10.000Z","updatedAt":"2023-02-23T07:58:34.685Z"}}}""";
        var challenge = $$"""{"url":"{{PublishedUrl}}","method":"POST","body":{{reordered}}}""";

        var hmac = SignatureChallenge.ComputeHmac(PublishedUrl, "POST", Encoding.UTF8.GetBytes(reordered));

        Assert.NotEqual(PublishedHmac, hmac);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(challenge))), hmac);
    }

    [Fact]
    public void Url_and_method_are_quoted_the_JavaScript_way()
    {
        const string url = "https://shop.example/hooks/ø?q=\"x\"&t=\u0001\ud800";
        const string challenge = "{\"url\":\"https://shop.example/hooks/ø?q=\\\"x\\\"&t=\\u0001\\ud800\",\"method\":\"POST\",\"body\":7}";

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(challenge))), SignatureChallenge.ComputeHmac(url, "POST", "7.0"u8));
    }

    [Fact]
    public void An_invalid_body_throws_a_json_error()
    {
        Assert.ThrowsAny<JsonException>(() => SignatureChallenge.ComputeHmac(PublishedUrl, "POST", "{\"item\":"u8));
    }
}
