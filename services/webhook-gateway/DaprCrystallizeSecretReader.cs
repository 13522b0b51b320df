using Dapr.Client;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>The secret through the app's own sidecar (store fbamesh-secrets, secret crystallize; DESIGN §4).</summary>
internal sealed class DaprCrystallizeSecretReader(DaprClient dapr, IOptions<WebhookOptions> options) : ICrystallizeSecretReader
{
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(CancellationToken cancellationToken) =>
        await dapr.GetSecretAsync(options.Value.SecretStore, options.Value.SecretName, cancellationToken: cancellationToken);
}
