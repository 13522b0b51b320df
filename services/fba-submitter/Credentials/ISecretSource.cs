using Dapr.Client;

namespace FbaMesh.FbaSubmitter.Credentials;

/// <summary>Reads one secret (a set of keys) from a store. The Dapr secret store in every deployment.</summary>
internal interface ISecretSource
{
    Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken);
}

internal sealed class DaprSecretSource(DaprClient dapr) : ISecretSource
{
    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken) =>
        await dapr.GetSecretAsync(store, name, cancellationToken: cancellationToken);
}
