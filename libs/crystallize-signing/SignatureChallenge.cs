using System.Security.Cryptography;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// The <c>hmac</c> claim of a Crystallize signature: despite the name, the lowercase hex SHA-256 of
/// <c>JSON.stringify({url, method, body: JSON.parse(rawBody)})</c>, with <c>body: null</c> for no body.
/// </summary>
public static class SignatureChallenge
{
    /// <exception cref="System.Text.Json.JsonException">The body is not valid JSON (see <see cref="JavaScriptJson"/>).</exception>
    public static string ComputeHmac(string url, string method, ReadOnlySpan<byte> rawBody)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeDigest(url, method, rawBody, digest);
        return Convert.ToHexStringLower(digest);
    }

    internal static void ComputeDigest(string url, string method, ReadOnlySpan<byte> rawBody, Span<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(method);
        using var challenge = new PooledBuffer(rawBody.Length + url.Length + 64);
        challenge.Write("{\"url\":"u8);
        JavaScriptString.WriteString(url, challenge);
        challenge.Write(",\"method\":"u8);
        JavaScriptString.WriteString(method, challenge);
        challenge.Write(",\"body\":"u8);
        if (rawBody.IsEmpty)
        {
            // The reference verifier tests `body ? JSON.parse(body) : null`: only "" means no body.
            challenge.Write("null"u8);
        }
        else
        {
            JavaScriptJson.Write(rawBody, challenge);
        }

        challenge.Write((byte)'}');
        SHA256.HashData(challenge.WrittenSpan, digest);
    }
}
