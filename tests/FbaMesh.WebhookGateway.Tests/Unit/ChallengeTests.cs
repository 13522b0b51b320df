using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Unit;

public sealed class ChallengeTests
{
    [Fact]
    public void The_spelled_out_challenge_matches_the_reference_vector_and_the_library()
    {
        // Published vector (reference/crystallize-signature.md): url, POST and an already-compact body.
        const string url = "https://a17e-2601-645-4500-330-b07d-351d-ece7-41c1.ngrok.io/test/signature";
        const string body = """{"item":{"get":{"id":"63f2d3b2a94533f79fc6397b","createdAt":"2023-02-20T01:58:10.000Z","updatedAt":"2023-02-23T07:58:34.685Z","name":"test"}}}""";

        Assert.Equal("1101b34dac8c55e5590a37271f1c41c3d745463854613494a1624a15be24f1f8", HandMadeToken.IndependentHmac(url, body));
        Assert.Equal(
            HandMadeToken.IndependentHmac(url, body),
            FbaMesh.Crystallize.Signing.SignatureChallenge.ComputeHmac(url, "POST", System.Text.Encoding.UTF8.GetBytes(" " + body.Replace(",", " ,\n", StringComparison.Ordinal))));
    }
}
