using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FbaMesh.CrystallizeEmulator.Api;

/// <summary>The Order API's access token check: both headers, compared in constant time.</summary>
internal static class AccessToken
{
    public const string IdHeader = "X-Crystallize-Access-Token-Id";
    public const string SecretHeader = "X-Crystallize-Access-Token-Secret";

    public static bool IsPresentedIn(IHeaderDictionary headers, CrystallizeEmulatorOptions options) =>
        Same(headers[IdHeader], options.AccessTokenId) & Same(headers[SecretHeader], options.AccessTokenSecret);

    private static bool Same(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
