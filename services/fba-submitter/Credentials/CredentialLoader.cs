using FbaMesh.FbaSubmitter.Configuration;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Credentials;

/// <summary>
/// Loads the SP-API credentials in the background and keeps retrying: a missing secret is logged
/// clearly and leaves the app running but not ready, so fixing the secret heals it without a restart.
/// </summary>
internal sealed partial class CredentialLoader(
    ISecretSource secrets,
    CredentialStore store,
    IOptions<SpApiOptions> options,
    TimeProvider time,
    ILogger<CredentialLoader> logger) : BackgroundService
{
    private string? _lastProblem;
    private bool _warnedAboutAwsKeys;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            await LoadOnceAsync(o, stoppingToken);
            var wait = store.Current is null ? o.SecretRetryInterval : o.SecretRefreshInterval;
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

    internal async Task LoadOnceAsync(SpApiOptions o, CancellationToken cancellationToken)
    {
        string? problem;
        try
        {
            var secret = await secrets.GetAsync(o.SecretStore, o.SecretName, cancellationToken);
            (var credentials, problem) = SecretReading.Read(secret, o.SecretStore, o.SecretName);
            if (credentials is not null)
            {
                WarnOnceAboutAwsKeys(secret);
                if (store.Current != credentials)
                {
                    store.Set(credentials);
                    LogLoaded(o.SecretName, o.SecretStore);
                }

                _lastProblem = null;
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception text of the Dapr SDK names the store and the secret, never a value.
            problem = $"Could not read secret '{o.SecretName}' from Dapr secret store '{o.SecretStore}' ({Reason(ex)}). " +
                $"Check that the sidecar runs, the store exists and the configuration allows this app the secret '{o.SecretName}'.";
        }

        store.Fail(problem!, keepLoaded: true);
        if (problem != _lastProblem)
        {
            LogNotLoaded(problem!, o.SecretRetryInterval);
            _lastProblem = problem;
        }
    }

    /// <summary>The Dapr SDK wraps the sidecar's answer ("secret sp-api not found"); the innermost message says most.</summary>
    private static string Reason(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is global::Grpc.Core.RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : $"{inner.GetType().Name}: {inner.Message}";
    }

    private void WarnOnceAboutAwsKeys(IReadOnlyDictionary<string, string> secret)
    {
        if (!_warnedAboutAwsKeys && SecretReading.HasIgnoredKeys(secret))
        {
            _warnedAboutAwsKeys = true;
            LogAwsKeysIgnored();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded SP-API credentials from secret {SecretName} in store {SecretStore}")]
    private partial void LogLoaded(string secretName, string secretStore);

    [LoggerMessage(Level = LogLevel.Error, Message = "SP-API credentials are not available: {Problem} Submits answer FAILED_PRECONDITION until then; retrying every {RetryInterval}.")]
    private partial void LogNotLoaded(string problem, TimeSpan retryInterval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sp-api secret holds awsAccessKeyId/awsSecretAccessKey/roleArn: they are ignored, SP-API has not required IAM or Signature Version 4 since 2023-10-02.")]
    private partial void LogAwsKeysIgnored();
}
