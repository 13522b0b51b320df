using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using FbaMesh.Testing;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>
/// Our tokens verified by Crystallize's own JavaScript verifier, and tokens signed in JavaScript
/// verified by ours, over bodies from the generated corpus (tricky numbers, keys and strings).
/// </summary>
[Collection(NodeOracleCollection.Name)]
public sealed class JavaScriptVerifierInteropTests(NodeOracle oracle)
{
    private const int Seed = 7_041_977;
    private const int Cases = 300;
    private static readonly string[] Secrets = ["xXx", "a-much-longer-signature-secret-0123456789abcdef", "sécret 🔑"];
    private static readonly string[] Urls = ["https://shop.example/api/webhooks/order/created-fba", "http://localhost:5100/api/webhooks/order/created-fba?tenant=ø&x=\"1\""];

    [Fact]
    public void Crystallize_verifier_accepts_our_tokens_and_refuses_them_for_a_changed_body()
    {
        var signed = Bodies().Select((body, i) =>
        {
            var token = new SignatureSigner(Secrets[i % Secrets.Length], TimeProvider.System)
                .CreateToken(Urls[i % Urls.Length], "POST", Encoding.UTF8.GetBytes(body), new SignatureClaims("t-1", $"tenant-{i}", "u-1"), TimeSpan.FromMinutes(10));
            return new VerifyCase(token, Urls[i % Urls.Length], "POST", body, Secrets[i % Secrets.Length]);
        }).ToList();
        var tampered = signed.Take(50).Select(c => c with { Body = $"{{\"wrapped\":{c.Body}}}" }).ToList();

        var results = JsonSerializer.Deserialize<VerifyResult[]>(oracle.Run("verify.mjs", JsonSerializer.Serialize(signed.Concat(tampered), Web)), Web)!;

        var refused = results.Take(signed.Count).Select((r, i) => (r, i)).Where(x => !x.r.Valid).Select(x => $"#{x.i}: {x.r.Error} body {signed[x.i].Body}").ToList();
        Assert.True(refused.Count == 0, string.Join('\n', refused.Take(10)));
        Assert.Equal(Enumerable.Range(0, signed.Count).Select(i => $"tenant-{i}"), results.Take(signed.Count).Select(r => r.TenantIdentifier));
        Assert.All(results.Skip(signed.Count), r => Assert.Contains("HMAC does not match", r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public void Our_verifier_accepts_tokens_signed_in_JavaScript()
    {
        var issuedAt = DateTimeOffset.Parse("2026-11-27T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var iat = issuedAt.ToUnixTimeSeconds();
        var cases = Bodies().Select((body, i) => new SignCase(Urls[i % Urls.Length], "POST", body, Secrets[i % Secrets.Length], iat, iat + 1, $"tenant-{i}")).ToList();

        var tokens = JsonSerializer.Deserialize<string[]>(oracle.Run("sign.mjs", JsonSerializer.Serialize(cases, Web)))!;

        var verifier = new SignatureVerifier(new SignatureVerifierOptions(), new FakeTimeProvider(issuedAt));
        var verdicts = cases.Select((c, i) => verifier.Verify(tokens[i], c.Secret, c.Url, c.Method, Encoding.UTF8.GetBytes(c.Body))).ToList();
        var refused = verdicts.Select((v, i) => (v, i)).Where(x => !x.v.IsValid).Select(x => $"#{x.i}: {x.v.Failure} body {cases[x.i].Body}").ToList();
        Assert.True(refused.Count == 0, string.Join('\n', refused.Take(10)));
        Assert.Equal(cases.Select(c => c.TenantIdentifier), verdicts.Select(v => v.TenantIdentifier));
        Assert.Equal(SignatureFailure.BadSignature, verifier.Verify(tokens[0], "not-the-secret", cases[0].Url, "POST", Encoding.UTF8.GetBytes(cases[0].Body)).Failure);
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Corpus texts that parse, plus the empty body (no body) and the published vector's body.</summary>
    private static IEnumerable<string> Bodies() =>
        new JsonCorpus(Seed).Generate(Cases * 2)
            .Where(text => text.Length > 0 && Parses(text))
            .Take(Cases - 2)
            .Append(string.Empty)
            .Append(SignatureChallengeTests.PublishedBody);

    private static bool Parses(string text)
    {
        try
        {
            JavaScriptJson.Stringify(Encoding.UTF8.GetBytes(text));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record VerifyCase(string Token, string Url, string Method, string Body, string Secret);

    private sealed record VerifyResult(bool Valid, string? TenantIdentifier, string? Error);

    private sealed record SignCase(string Url, string Method, string Body, string Secret, long Iat, long Exp, string TenantIdentifier);
}
