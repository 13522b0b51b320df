using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FbaMesh.Testing;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>
/// Hand-made tokens judged by Crystallize's JavaScript verifier and by ours. They agree everywhere
/// except where FbaMesh is stricter or kinder on purpose: it requires exp, and it allows clock skew.
/// </summary>
[Collection(NodeOracleCollection.Name)]
public sealed class VerdictAgreementTests(NodeOracle oracle)
{
    private const string Secret = "xXx";
    private const string Url = "https://shop.example/api/webhooks/order/created-fba";
    private const string Body = """{"order":{"get":{"id":"63f2d3b2a94533f79fc6397b","total":{"gross":45.1125,"net":36.09}}}}""";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Both_verifiers_reach_the_same_verdict_except_where_FbaMesh_differs_on_purpose()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var hmac = SignatureChallenge.ComputeHmac(Url, "POST", Encoding.UTF8.GetBytes(Body));
        string Claims(string extra) => $$"""{"tenantIdentifier":"acme","hmac":"{{hmac}}"{{extra}}}""";
        var cases = new (string Name, string Token, string Body, bool JavaScript, bool Ours)[]
        {
            ("valid", TokenForge.Hs256(Claims($",\"exp\":{now + 300}"), Secret), Body, true, true),
            ("white space", TokenForge.Hs256(Claims($",\"exp\":{now + 300}"), Secret), Body.Replace(",", " ,\n", StringComparison.Ordinal), true, true),
            ("alg none", TokenForge.Unsigned(Claims($",\"exp\":{now + 300}")), Body, false, false),
            ("HS512", TokenForge.Token("""{"alg":"HS512"}""", Claims($",\"exp\":{now + 300}"), Secret, HMACSHA512.HashData), Body, false, false),
            ("wrong secret", TokenForge.Hs256(Claims($",\"exp\":{now + 300}"), "xXy"), Body, false, false),
            ("expired", TokenForge.Hs256(Claims($",\"exp\":{now - 100}"), Secret), Body, false, false),
            ("not before", TokenForge.Hs256(Claims($",\"exp\":{now + 300},\"nbf\":{now + 100}"), Secret), Body, false, false),
            ("no hmac", TokenForge.Hs256($$"""{"exp":{{now + 300}}}""", Secret), Body, false, false),
            ("changed body", TokenForge.Hs256(Claims($",\"exp\":{now + 300}"), Secret), Body.Replace("45.1125", "45.1126", StringComparison.Ordinal), false, false),
            ("exp as text", TokenForge.Hs256(Claims($",\"exp\":\"{now + 300}\""), Secret), Body, false, false),
            // FbaMesh requires exp, which Crystallize always sends.
            ("no exp", TokenForge.Hs256(Claims(string.Empty), Secret), Body, true, false),
            // FbaMesh allows 30 s of clock skew; the reference allows none.
            ("expired within skew", TokenForge.Hs256(Claims($",\"exp\":{now - 10}"), Secret), Body, false, true),
        };

        var input = cases.Select(c => new { token = c.Token, url = Url, method = "POST", body = c.Body, secret = Secret });
        var javaScript = JsonSerializer.Deserialize<Verdict[]>(oracle.Run("verify.mjs", JsonSerializer.Serialize(input)), Web)!;
        var verifier = new SignatureVerifier(new SignatureVerifierOptions(), TimeProvider.System);

        var expected = cases.Select(c => $"{c.Name}: js {c.JavaScript}, ours {c.Ours}");
        var actual = cases.Select((c, i) =>
            $"{c.Name}: js {javaScript[i].Valid}, ours {verifier.Verify(c.Token, Secret, Url, "POST", Encoding.UTF8.GetBytes(c.Body)).IsValid}");
        Assert.Equal(expected, actual);
    }

    private sealed record Verdict(bool Valid, string? Error);
}
