using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Api;

/// <summary>The operator API token. ToString never shows it.</summary>
internal sealed record OperatorCredential(string Token)
{
    public override string ToString() => "OperatorCredential { value redacted }";
}

/// <summary>The secret operator (DESIGN §4), key token.</summary>
internal sealed class OperatorSecret(IOptions<OperatorApiOptions> options) : ISecretDefinition<OperatorCredential>
{
    public const string TokenKey = "token";

    public SecretReaderSettings Settings { get; } = SecretReaderSettings.For(options.Value, options.Value.SecretReadTimeout);

    public SecretParse<OperatorCredential> Parse(IReadOnlyDictionary<string, string> keys) =>
        keys.TryGetValue(TokenKey, out var token) && !string.IsNullOrWhiteSpace(token)
            ? SecretParse<OperatorCredential>.Found(new OperatorCredential(token.Trim()))
            : SecretParse<OperatorCredential>.Missing($"Secret '{Settings.Name}' in store '{Settings.Store}' has no '{TokenKey}'.");
}
