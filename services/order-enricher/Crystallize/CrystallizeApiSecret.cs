using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Crystallize;

/// <summary>An access token for Crystallize's API. ToString never shows the secret.</summary>
internal sealed record CrystallizeAccessToken(string AccessTokenId, string AccessTokenSecret, string TenantIdentifier)
{
    public override string ToString() => $"CrystallizeAccessToken {{ tenant {TenantIdentifier}, values redacted }}";
}

/// <summary>
/// The secret crystallize-api (DESIGN §4): accessTokenId, accessTokenSecret and tenantIdentifier (which
/// Crystallize:TenantIdentifier overrides, e.g. against an emulator). Read through the shared reader, so
/// each order does not cost a secret read and a refused token re-reads it, rate-limited.
/// </summary>
internal sealed class CrystallizeApiSecret(IOptions<CrystallizeOptions> options) : ISecretDefinition<CrystallizeAccessToken>
{
    private readonly CrystallizeOptions options = options.Value;

    public SecretReaderSettings Settings { get; } = new(
        options.Value.SecretStore,
        options.Value.SecretName,
        options.Value.CredentialsCacheDuration,
        options.Value.SecretRetryInterval,
        options.Value.AttemptTimeout);

    public SecretParse<CrystallizeAccessToken> Parse(IReadOnlyDictionary<string, string> keys)
    {
        var tenant = string.IsNullOrWhiteSpace(this.options.TenantIdentifier) ? Value(keys, "tenantIdentifier") : this.options.TenantIdentifier;
        var missing = new[] { ("accessTokenId", Value(keys, "accessTokenId")), ("accessTokenSecret", Value(keys, "accessTokenSecret")), ("tenantIdentifier", tenant) }
            .Where(k => k.Item2 is null).Select(k => k.Item1).ToList();
        return missing.Count == 0
            ? SecretParse<CrystallizeAccessToken>.Found(new CrystallizeAccessToken(Value(keys, "accessTokenId")!, Value(keys, "accessTokenSecret")!, tenant!))
            : SecretParse<CrystallizeAccessToken>.Missing($"Secret '{Settings.Name}' in store '{Settings.Store}' has no {string.Join(", ", missing.Select(k => $"'{k}'"))}.");
    }

    private static string? Value(IReadOnlyDictionary<string, string> keys, string key) =>
        keys.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
