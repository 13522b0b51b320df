using Microsoft.Extensions.Hosting;

namespace FbaMesh.ServiceDefaults.Secrets;

/// <summary>
/// Keeps a secret read in the background for callers that must not wait on the store (they use
/// <see cref="SecretReader{T}.Current"/>): every retry interval while none is held, every refresh
/// interval after. A missing secret leaves the app running but not ready, and fixing it heals it.
/// </summary>
internal sealed class SecretPreloader<T>(SecretReader<T> reader, TimeProvider time) : BackgroundService
    where T : class
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reader.GetAsync(stoppingToken);
            }
            catch (SecretUnavailableException)
            {
                // Logged by the reader; readiness reports it.
            }

            var wait = reader.Current is null ? reader.Settings.RetryInterval : reader.Settings.RefreshInterval;
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
