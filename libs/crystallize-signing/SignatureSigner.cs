using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// Makes what Crystallize sends in <c>X-Crystallize-Signature</c>: an HS256 JWT whose <c>hmac</c>
/// claim binds it to the URL, method and body of one request.
/// </summary>
public sealed class SignatureSigner(string signatureSecret, TimeProvider time)
{
    private static readonly TimeSpan CrystallizeLifetime = TimeSpan.FromSeconds(1);
    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly string secret = Usable(signatureSecret);
    private readonly TimeProvider time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The <c>aud</c> claim: <c>webhook</c>, or <c>app</c>/<c>frontend</c> for Crystallize's other uses.</summary>
    public string Audience { get; init; } = "webhook";

    /// <param name="lifetime">Time from <c>iat</c> to <c>exp</c>, in whole seconds; Crystallize uses one second.</param>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public string CreateToken(string url, string method, ReadOnlySpan<byte> rawBody, SignatureClaims claims, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var validFor = lifetime ?? CrystallizeLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThan(validFor, TimeSpan.FromSeconds(1), nameof(lifetime));
        var issuedAt = this.time.GetUtcNow().ToUnixTimeSeconds();
        var payload = Payload(
            SignatureChallenge.ComputeHmac(url, method, rawBody),
            claims,
            issuedAt,
            issuedAt + (long)Math.Ceiling(validFor.TotalSeconds));

        var signingInput = $"{EncodedHeader}.{Base64Url.EncodeToString(payload.WrittenSpan)}";
        Span<byte> signature = stackalloc byte[Hs256.SignatureSize];
        Hs256.Sign(this.secret, Encoding.ASCII.GetBytes(signingInput), signature);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private ArrayBufferWriter<byte> Payload(string hmac, SignatureClaims claims, long issuedAt, long expires)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteString("iss", "crystallize");
        json.WriteString("sub", "signature");
        json.WriteString("aud", Audience);
        json.WriteNumber("iat", issuedAt);
        json.WriteNumber("exp", expires);
        json.WriteString("userId", claims.UserId);
        json.WriteString("tenantId", claims.TenantId);
        json.WriteString("tenantIdentifier", claims.TenantIdentifier);
        json.WriteString("hmac", hmac);
        json.WriteEndObject();
        json.Flush();
        return buffer;
    }

    private static string Usable(string secret)
    {
        Hs256.ThrowIfUnusable(secret);
        return secret;
    }
}
