using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>Hand-made JWTs for the cases a well-behaved signer never produces.</summary>
internal static class TokenForge
{
    public static string Token(string headerJson, string payloadJson, string secret, Func<byte[], byte[], byte[]>? mac = null)
    {
        var signingInput = $"{Encode(headerJson)}.{Encode(payloadJson)}";
        var key = Encoding.UTF8.GetBytes(secret);
        var signature = (mac ?? HMACSHA256.HashData)(key, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    public static string Hs256(string payloadJson, string secret) => Token("""{"alg":"HS256","typ":"JWT"}""", payloadJson, secret);

    public static string Unsigned(string payloadJson) => $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode(payloadJson)}.";

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
