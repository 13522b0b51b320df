using System.Buffers.Text;
using System.Text;

namespace FbaMesh.Crystallize.Signing;

/// <summary>The three decoded parts of a JWS in compact form, plus the ASCII bytes that were signed.</summary>
internal sealed record CompactToken(byte[] Header, byte[] Payload, byte[] Signature, byte[] SigningInput)
{
    // Crystallize's tokens are about 500 characters; anything far larger is not one of them.
    private const int MaxLength = 8 * 1024;

    public static CompactToken? TryParse(string token)
    {
        if (token.Length > MaxLength || !IsBase64UrlOrDot(token))
        {
            return null;
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return null;
        }

        var header = Decode(token.AsSpan(0, firstDot));
        var payload = Decode(token.AsSpan(firstDot + 1, secondDot - firstDot - 1));
        var signature = Decode(token.AsSpan(secondDot + 1));
        return header is null || payload is null || signature is null
            ? null
            : new CompactToken(header, payload, signature, Encoding.ASCII.GetBytes(token, 0, secondDot));
    }

    private static bool IsBase64UrlOrDot(string token)
    {
        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[]? Decode(ReadOnlySpan<char> part)
    {
        var decoded = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        var status = Base64Url.DecodeFromChars(part, decoded, out _, out var written);
        return status == System.Buffers.OperationStatus.Done ? decoded[..written] : null;
    }
}
