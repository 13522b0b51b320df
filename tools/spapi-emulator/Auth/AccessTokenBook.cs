using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FbaMesh.SpApiEmulator;

/// <summary>Access tokens this emulator issued and when each expires.</summary>
internal sealed class AccessTokenBook(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> expiries = new(StringComparer.Ordinal);

    public string Issue(TimeSpan lifetime)
    {
        // Real LWA tokens start with "Atza|" and are 350+ characters; clients must not assume less.
        var token = "Atza|" + Base64UrlEncode(RandomNumberGenerator.GetBytes(264));
        expiries[token] = time.GetUtcNow() + lifetime;
        return token;
    }

    public AccessTokenState Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return AccessTokenState.Missing;
        }

        if (!expiries.TryGetValue(token, out var expiry))
        {
            return AccessTokenState.Unknown;
        }

        return time.GetUtcNow() < expiry ? AccessTokenState.Live : AccessTokenState.Expired;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal enum AccessTokenState
{
    Missing,
    Unknown,
    Expired,
    Live,
}
