using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>JWTs the real signer would never make (alg none, no hmac, nbf in the future), signed by hand.</summary>
public static class HandMadeToken
{
    public static JsonObject Claims(string url, string body, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = "crystallize",
            ["sub"] = "signature",
            ["aud"] = "webhook",
            ["iat"] = now,
            ["exp"] = now + 60,
            ["userId"] = "user-1",
            ["tenantId"] = "tenant-id-1",
            ["tenantIdentifier"] = Webhooks.Tenant,
            ["hmac"] = IndependentHmac(url, body),
        };
    }

    /// <summary>
    /// The hmac claim spelled out from the reference's definition, without the signing library: valid
    /// for bodies that already are in JSON.stringify form (compact, no index-like keys, plain numbers),
    /// so a test can tell the gateway hashes exactly url, method and body, whatever the library does.
    /// </summary>
    public static string IndependentHmac(string url, string canonicalBody)
    {
        Assert.DoesNotMatch("[\\s+&<>'\"\\\\]", url);
        var challenge = "{\"url\":\"" + url + "\",\"method\":\"POST\",\"body\":" + canonicalBody + "}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(challenge)));
    }

    public static string Hs256(JsonObject claims, string secret = Webhooks.Secret) =>
        Make("""{"alg":"HS256","typ":"JWT"}""", claims, input => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), input));

    public static string Unsigned(JsonObject claims) => Make("""{"alg":"none","typ":"JWT"}""", claims, _ => []);

    public static string WithAlgorithm(string alg, JsonObject claims, string secret = Webhooks.Secret) =>
        Make($$"""{"alg":"{{alg}}","typ":"JWT"}""", claims, input => HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), input));

    private static string Make(string header, JsonObject claims, Func<byte[], byte[]> sign)
    {
        var input = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        return $"{input}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(input)))}";
    }
}
