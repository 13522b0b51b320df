using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.Crystallize.Signing.Tests;

public sealed class SignatureVerifierTests
{
    private const string Secret = "xXx"; // as short as the one Crystallize's client tests use
    private const string Url = SignatureChallengeTests.PublishedUrl;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(SignatureChallengeTests.PublishedBody);
    private static readonly SignatureClaims Claims = new("tenant-id-1", "acme", "user-1");

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-27T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly SignatureVerifierOptions options = new();

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public void Accepts_what_the_signer_made_and_reports_the_tenant()
    {
        var result = Verify(Sign());

        Assert.True(result.IsValid);
        Assert.Equal(new SignatureVerification(SignatureFailure.None, "acme"), result);
    }

    [Fact]
    public void Accepts_the_same_body_with_other_white_space()
    {
        var pretty = Encoding.UTF8.GetBytes(SignatureChallengeTests.PublishedBody.Replace(",", ",\n  ", StringComparison.Ordinal));

        Assert.True(Verify(Sign(), body: pretty).IsValid);
    }

    [Theory]
    [InlineData("""{"item":{"get":{"id":"63f2d3b2a94533f79fc6397b","createdAt":"2023-02-20T01:58:10.000Z","updatedAt":"2023-02-23T07:58:34.685Z","name":"tesT"}}}""")]
    [InlineData("""{"item":{"get":{"name":"test","id":"63f2d3b2a94533f79fc6397b","createdAt":"2023-02-20T01:58:10.000Z","updatedAt":"2023-02-23T07:58:34.685Z"}}}""")]
    [InlineData("")]
    public void Refuses_a_tampered_or_reordered_body(string body)
    {
        Assert.Equal(SignatureFailure.HmacMismatch, Verify(Sign(), body: Encoding.UTF8.GetBytes(body)).Failure);
    }

    [Fact]
    public void Refuses_another_url_or_method()
    {
        Assert.Equal(SignatureFailure.HmacMismatch, Verify(Sign(), url: Url + "?x=1").Failure);
        Assert.Equal(SignatureFailure.HmacMismatch, Verify(Sign(), method: "PUT").Failure);
    }

    [Fact]
    public void Refuses_a_body_that_is_not_json_once_the_token_checks_out()
    {
        Assert.Equal(SignatureFailure.InvalidBody, Verify(Sign(), body: "{\"item\":"u8.ToArray()).Failure);
        Assert.Equal(SignatureFailure.InvalidBody, Verify(Sign(), body: [0x22, 0xFF, 0x22]).Failure);
    }

    [Fact]
    public void Refuses_the_wrong_secret_and_a_changed_signature()
    {
        var token = Sign();
        var middle = token.LastIndexOf('.') + 10;
        var changed = string.Concat(token.AsSpan(0, middle), token[middle] == 'A' ? "B" : "A", token.AsSpan(middle + 1));

        Assert.Equal(SignatureFailure.BadSignature, Verify(token, secret: "xXy").Failure);
        Assert.Equal(SignatureFailure.BadSignature, Verify(changed).Failure);
    }

    [Fact]
    public void Honours_the_clock_skew_on_expiry()
    {
        var token = Sign(); // exp = iat + 1 s, as Crystallize signs
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(Verify(token).IsValid);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new SignatureVerification(SignatureFailure.Expired, "acme"), Verify(token));
    }

    [Fact]
    public void Refuses_a_token_that_is_not_valid_yet()
    {
        var early = Forge(nbf: Now + 31);
        var withinSkew = Forge(nbf: Now + 30);

        Assert.Equal(SignatureFailure.NotYetValid, Verify(early).Failure);
        Assert.True(Verify(withinSkew).IsValid);
    }

    [Fact]
    public void A_zero_skew_makes_the_one_second_lifetime_strict()
    {
        options.ClockSkew = TimeSpan.Zero;
        var token = Sign();

        Assert.True(Verify(token).IsValid);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SignatureFailure.Expired, Verify(token).Failure);
    }

    [Theory]
    [InlineData("""{"alg":"none","typ":"JWT"}""")]
    [InlineData("""{"alg":"HS512"}""")]
    [InlineData("""{"alg":"RS256"}""")]
    [InlineData("""{"alg":"hs256"}""")]
    [InlineData("""{"alg":"HS256 "}""")]
    public void Refuses_any_algorithm_but_HS256_even_when_the_mac_is_right(string header)
    {
        Assert.Equal(SignatureFailure.UnsupportedAlgorithm, Verify(TokenForge.Token(header, Payload(), Secret)).Failure);
    }

    [Fact]
    public void Refuses_an_unsigned_token()
    {
        Assert.Equal(SignatureFailure.UnsupportedAlgorithm, Verify(TokenForge.Unsigned(Payload())).Failure);
    }

    [Fact]
    public void Refuses_an_HS512_mac_under_an_HS256_header()
    {
        var token = TokenForge.Token("""{"alg":"HS256"}""", Payload(), Secret, HMACSHA512.HashData);

        Assert.Equal(SignatureFailure.BadSignature, Verify(token).Failure);
    }

    [Theory]
    [InlineData(null, SignatureFailure.Missing)]
    [InlineData("", SignatureFailure.Missing)]
    [InlineData("   ", SignatureFailure.Missing)]
    [InlineData("abc", SignatureFailure.Malformed)]
    [InlineData("a.b", SignatureFailure.Malformed)]
    [InlineData("a.b.c.d", SignatureFailure.Malformed)]
    [InlineData("Bearer x.y.z", SignatureFailure.Malformed)]
    [InlineData("e30.e30.!!", SignatureFailure.Malformed)]
    [InlineData("bm90IGpzb24.e30.AAAA", SignatureFailure.Malformed)]
    [InlineData("W10.e30.AAAA", SignatureFailure.Malformed)]
    public void Names_a_missing_or_malformed_token(string? token, SignatureFailure failure)
    {
        Assert.Equal(failure, Verify(token).Failure);
    }

    [Theory]
    [InlineData("""{"typ":"JWT"}""")]
    [InlineData("""{"alg":"HS256","alg":"HS256"}""")]
    [InlineData("""{"alg":"HS256","crit":["b64"],"b64":false}""")]
    [InlineData("""{"alg":1}""")]
    public void Refuses_a_header_it_cannot_read_safely(string header)
    {
        var failure = Verify(TokenForge.Token(header, Payload(), Secret)).Failure;

        Assert.True(failure is SignatureFailure.Malformed or SignatureFailure.UnsupportedAlgorithm, failure.ToString());
    }

    [Fact]
    public void Requires_a_numeric_expiry_and_an_hmac_claim()
    {
        var hmac = SignatureChallenge.ComputeHmac(Url, "POST", Body);

        Assert.Equal(SignatureFailure.Malformed, Verify(TokenForge.Hs256($$"""{"iat":{{Now}},"hmac":"{{hmac}}"}""", Secret)).Failure);
        Assert.Equal(SignatureFailure.Malformed, Verify(TokenForge.Hs256($$"""{"exp":"{{Now + 5}}","hmac":"{{hmac}}"}""", Secret)).Failure);
        Assert.Equal(SignatureFailure.Malformed, Verify(TokenForge.Hs256("[1]", Secret)).Failure);
        Assert.Equal(SignatureFailure.MissingHmac, Verify(TokenForge.Hs256($$"""{"exp":{{Now + 5}}}""", Secret)).Failure);
        Assert.Equal(SignatureFailure.MissingHmac, Verify(TokenForge.Hs256($$"""{"exp":{{Now + 5}},"hmac":42}""", Secret)).Failure);
    }

    [Fact]
    public void Pins_the_tenant_when_asked()
    {
        options.ExpectedTenantIdentifier = "acme";
        Assert.True(Verify(Sign()).IsValid);

        options.ExpectedTenantIdentifier = "other-shop";
        Assert.Equal(new SignatureVerification(SignatureFailure.TenantMismatch, "acme"), Verify(Sign()));
    }

    [Fact]
    public void An_empty_secret_is_a_configuration_error_not_a_verdict()
    {
        var error = Assert.Throws<ArgumentException>(() => Verify(Sign(), secret: string.Empty));
        Assert.Throws<ArgumentException>(() => new SignatureSigner(string.Empty, time));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signer_writes_the_claims_Crystallize_sends()
    {
        var token = new SignatureSigner(Secret, time) { Audience = "app" }.CreateToken(Url, "POST", Body, Claims, TimeSpan.FromSeconds(90));
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));

        Assert.Equal(
            $$"""{"iss":"crystallize","sub":"signature","aud":"app","iat":{{Now}},"exp":{{Now + 90}},"userId":"user-1","tenantId":"tenant-id-1","tenantIdentifier":"acme","hmac":"{{SignatureChallengeTests.PublishedHmac}}"}""",
            payload);
    }

    [Fact]
    public void The_token_check_needs_no_body_and_refuses_an_expired_or_wrongly_signed_token()
    {
        var issuedAt = Now;
        var token = Sign();
        var verifier = new SignatureVerifier(options, time);
        var fresh = verifier.CheckToken(token, Secret);
        var wrongSecret = verifier.CheckToken(token, "another-secret");
        time.Advance(TimeSpan.FromMinutes(5));
        var expired = verifier.CheckToken(token, Secret);

        Assert.Equal(new VerifiedToken(SignatureChallenge.ComputeHmac(Url, "POST", Body), "acme", issuedAt), fresh.Token);
        Assert.Equal(SignatureFailure.BadSignature, wrongSecret.Verdict.Failure);
        Assert.Null(wrongSecret.Token);
        Assert.Equal(SignatureFailure.Expired, expired.Verdict.Failure);
        Assert.Null(expired.Token);
    }

    [Fact]
    public void The_body_check_compares_the_body_with_the_accepted_tokens_hmac()
    {
        var accepted = new SignatureVerifier(options, time).CheckToken(Sign(), Secret).Token!;

        Assert.Equal(SignatureFailure.None, SignatureVerifier.CheckBody(accepted, Url, "POST", Body));
        Assert.Equal(SignatureFailure.HmacMismatch, SignatureVerifier.CheckBody(accepted, Url, "POST", "{}"u8));
        Assert.Equal(SignatureFailure.InvalidBody, SignatureVerifier.CheckBody(accepted, Url, "POST", "{"u8));
    }

    private string Sign() => new SignatureSigner(Secret, time).CreateToken(Url, "POST", Body, Claims);

    private string Payload() =>
        $$"""{"exp":{{Now + 1}},"tenantIdentifier":"acme","hmac":"{{SignatureChallenge.ComputeHmac(Url, "POST", Body)}}"}""";

    private string Forge(long nbf) =>
        TokenForge.Hs256($$"""{"exp":{{Now + 100}},"nbf":{{nbf}},"tenantIdentifier":"acme","hmac":"{{SignatureChallenge.ComputeHmac(Url, "POST", Body)}}"}""", Secret);

    private SignatureVerification Verify(string? token, string secret = Secret, string url = Url, string method = "POST", byte[]? body = null) =>
        new SignatureVerifier(options, time).Verify(token, secret, url, method, body ?? Body);
}
