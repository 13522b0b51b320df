using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// HMAC-SHA256 keyed with the UTF-8 bytes of the signature secret. Written on the platform's HMAC
/// rather than Microsoft.IdentityModel because IdentityModel refuses HMAC keys shorter than it deems
/// safe, while Crystallize's own client is tested with a three-character secret ("xXx").
/// </summary>
internal static class Hs256
{
    public const int SignatureSize = HMACSHA256.HashSizeInBytes;

    public static void Sign(string secret, ReadOnlySpan<byte> signingInput, Span<byte> signature)
    {
        var keyLength = Encoding.UTF8.GetByteCount(secret);
        var rented = ArrayPool<byte>.Shared.Rent(keyLength);
        var key = rented.AsSpan(0, keyLength);
        try
        {
            Encoding.UTF8.GetBytes(secret, key);
            HMACSHA256.HashData(key, signingInput, signature);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Constant-time check of a signature over <paramref name="signingInput"/>.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[SignatureSize];
        Sign(secret, signingInput, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    public static void ThrowIfUnusable(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            // A configuration fault, not a request fault: the message never holds the value.
            throw new ArgumentException("The Crystallize signature secret is empty.", nameof(secret));
        }
    }
}
