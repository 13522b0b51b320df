using Dapr.Client;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>The secret through the app's own sidecar (store fbamesh-secrets, secret crystallize; DESIGN §4).</summary>
internal sealed class DaprCrystallizeSecretReader(DaprClient dapr, IOptions<WebhookOptions> options) : ICrystallizeSecretReader
{
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(CancellationToken cancellationToken)
    {
        // A hung sidecar must not hold webhooks open: past the timeout the read counts as failed (503).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        return await dapr.GetSecretAsync(options.Value.SecretStore, options.Value.SecretName, cancellationToken: timeout.Token);
    }
}
