using Dapr.Client;

namespace FbaMesh.ServiceDefaults.Secrets;

/// <summary>Reads one secret (a set of keys) from a store: the app's own Dapr sidecar in every deployment.</summary>
public interface ISecretSource
{
    Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken);
}

internal sealed class DaprSecretSource(DaprClient dapr) : ISecretSource
{
    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken) =>
        await dapr.GetSecretAsync(store, name, cancellationToken: cancellationToken);
}
