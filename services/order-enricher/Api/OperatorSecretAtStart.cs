using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Api;

/// <summary>
/// Outside Development the enricher does not start without its operator token: an operator API that
/// cannot be opened, or one that is open to anyone, are both worse than a pod that says why it stopped.
/// The sidecar may start a little after the app, so an unreadable store is asked again until StartupTimeout.
/// </summary>
internal sealed class OperatorSecretAtStart(
    SecretReader<OperatorCredential> reader, IOptions<OperatorApiOptions> options, IHostEnvironment environment, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return; // the API stays closed and says why until the secret is there
        }

        var o = options.Value;
        var giveUpAt = time.GetUtcNow() + o.StartupTimeout;
        while (true)
        {
            try
            {
                await reader.GetAsync(cancellationToken);
                return;
            }
            catch (SecretUnavailableException ex) when (ex.Incomplete || time.GetUtcNow() >= giveUpAt)
            {
                throw new InvalidOperationException(
                    $"The operator API token is missing: {ex.Message} Put the token into secret '{o.SecretName}' (key '{OperatorSecret.TokenKey}') " +
                    $"of Dapr secret store '{o.SecretStore}' (deploy/kubernetes/secret-templates/operator.yaml), or name the secret that holds it in " +
                    $"{OperatorApiOptions.SectionName}:{nameof(OperatorApiOptions.SecretName)}.", ex);
            }
            catch (SecretUnavailableException)
            {
                await Task.Delay(o.SecretRetryInterval, time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
