using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace FbaMesh.Crystallize.CoreApi;

/// <summary>An access token for Crystallize's Core API. ToString never shows the secret.</summary>
public sealed record CoreApiAccessToken(string AccessTokenId, string AccessTokenSecret, string TenantIdentifier)
{
    public override string ToString() => $"CoreApiAccessToken {{ tenant {TenantIdentifier}, values redacted }}";
}

/// <summary>
/// The secret crystallize-api: accessTokenId, accessTokenSecret and tenantIdentifier (which
/// CrystallizeCoreApi:TenantIdentifier overrides). Read through the shared reader: cached, re-read after a refusal.
/// </summary>
internal sealed class CoreApiSecret(IOptions<CoreApiOptions> options) : ISecretDefinition<CoreApiAccessToken>
{
    private readonly CoreApiOptions options = options.Value;

    public SecretReaderSettings Settings { get; } = SecretReaderSettings.For(options.Value, options.Value.AttemptTimeout);

    public SecretParse<CoreApiAccessToken> Parse(IReadOnlyDictionary<string, string> keys)
    {
        var id = Value(keys, "accessTokenId");
        var secret = Value(keys, "accessTokenSecret");
        var tenant = string.IsNullOrWhiteSpace(this.options.TenantIdentifier) ? Value(keys, "tenantIdentifier") : this.options.TenantIdentifier;
        var missing = new[] { ("accessTokenId", id), ("accessTokenSecret", secret), ("tenantIdentifier", tenant) }
            .Where(k => k.Item2 is null).Select(k => $"'{k.Item1}'").ToList();
        return missing.Count == 0
            ? SecretParse<CoreApiAccessToken>.Found(new CoreApiAccessToken(id!, secret!, tenant!))
            : SecretParse<CoreApiAccessToken>.Missing($"Secret '{Settings.Name}' in store '{Settings.Store}' has no {string.Join(", ", missing)}.");
    }

    private static string? Value(IReadOnlyDictionary<string, string> keys, string key) =>
        keys.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
