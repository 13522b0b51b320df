using Dapr.Client;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Crystallize;

internal sealed record CrystallizeAccessToken(string AccessTokenId, string AccessTokenSecret, string TenantIdentifier);

/// <summary>
/// The Crystallize access token from the Dapr secret store (secret "crystallize"), cached for a while so
/// each order does not cost a secret read; dropped when Crystallize refuses it, to pick up a rotation.
/// </summary>
internal sealed class CrystallizeCredentials(DaprClient dapr, IOptions<CrystallizeOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (CrystallizeAccessToken Token, DateTimeOffset Until)? _cached;

    public async Task<CrystallizeAccessToken> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && time.GetUtcNow() < hit.Until)
        {
            return hit.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && time.GetUtcNow() < again.Until)
            {
                return again.Token;
            }

            var o = options.Value;
            var secret = await dapr.GetSecretAsync(o.SecretStore, o.SecretName, cancellationToken: cancellationToken);
            var token = new CrystallizeAccessToken(
                Required(secret, "accessTokenId"),
                Required(secret, "accessTokenSecret"),
                string.IsNullOrWhiteSpace(o.TenantIdentifier) ? Required(secret, "tenantIdentifier") : o.TenantIdentifier);
            _cached = (token, time.GetUtcNow() + o.CredentialsCacheDuration);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Forget() => _cached = null;

    private string Required(Dictionary<string, string> secret, string key) =>
        secret.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new CrystallizeCredentialsMissingException(
                $"Secret '{options.Value.SecretName}' in store '{options.Value.SecretStore}' has no '{key}'.");
}

internal sealed class CrystallizeCredentialsMissingException(string message) : Exception(message);
