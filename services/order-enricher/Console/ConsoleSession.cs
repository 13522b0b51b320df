using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FbaMesh.OrderEnricher.Api;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// The console's login session: a cookie "expiry.signature", the signature an HMAC-SHA256 of the expiry
/// keyed with the operator token. Nothing is stored server-side, so every enricher replica accepts it,
/// it ends on its expiry (checked against the TimeProvider), and rotating the operator token ends every
/// session at once.
/// </summary>
internal static class ConsoleSession
{
    public const string CookieName = "fbamesh-console-session";

    public static string Issue(OperatorCredential credential, DateTimeOffset expiresAt)
    {
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expiry + "." + Base64Url.EncodeToString(Sign(credential, expiry));
    }

    public static bool IsValid(string? cookie, OperatorCredential credential, DateTimeOffset now)
    {
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (cookie is null || dot <= 0
            || !long.TryParse(cookie.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || now.ToUnixTimeSeconds() >= expiresAt)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Base64Url.DecodeFromChars(cookie.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, Sign(credential, cookie[..dot]));
    }

    public static CookieOptions CookieFor(HttpRequest request, DateTimeOffset expiresAt) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = ConsoleRoutes.Root,
        Expires = expiresAt,
        IsEssential = true,
    };

    private static byte[] Sign(OperatorCredential credential, string expiry) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(credential.Token), Encoding.UTF8.GetBytes("fbamesh-console-session|" + expiry));
}
