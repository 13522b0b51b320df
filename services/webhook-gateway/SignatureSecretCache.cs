using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// The signature secret, read once and kept. It is re-read every SecretRefreshInterval (rotation), and
/// at most once per SecretRetryInterval after a failed signature or a failed read, so neither a flood
/// of forged webhooks nor a secret store outage turns into a flood of secret store calls. When a
/// re-read fails the last good secret stays in use.
/// </summary>
internal sealed partial class SignatureSecretCache(
    ICrystallizeSecretReader reader, IOptions<WebhookOptions> options, TimeProvider time, ILogger<SignatureSecretCache> logger)
{
    private const string SecretKey = "signatureSecret";
    private const string TenantKey = "tenantIdentifier";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _forcedReload = new();
    private readonly WebhookOptions _options = options.Value;
    private volatile Snapshot? _current;
    private DateTimeOffset _nextAttemptAllowed = DateTimeOffset.MinValue;
    private DateTimeOffset _nextForcedReloadAllowed = DateTimeOffset.MinValue;

    public async Task<SignatureKeys> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _current;
        return snapshot is not null && time.GetUtcNow() < snapshot.RefreshAt
            ? snapshot.Keys
            : await ReloadAsync(force: false, cancellationToken);
    }

    /// <summary>After a failed signature: the secret may just have been rotated. New keys, or null when nothing changed or it is too soon to ask.</summary>
    public async Task<SignatureKeys?> RefreshAfterFailureAsync(SignatureKeys used, CancellationToken cancellationToken)
    {
        lock (_forcedReload)
        {
            var now = time.GetUtcNow();
            if (now < _nextForcedReloadAllowed)
            {
                return null;
            }

            _nextForcedReloadAllowed = now + _options.SecretRetryInterval;
        }

        var keys = await ReloadAsync(force: true, cancellationToken);
        return keys.SameAs(used) ? null : keys;
    }

    private async Task<SignatureKeys> ReloadAsync(bool force, CancellationToken cancellationToken)
    {
        var seen = _current;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = _current;
            var now = time.GetUtcNow();
            if (snapshot is not null && (snapshot != seen || (!force && now < snapshot.RefreshAt)))
            {
                return snapshot.Keys; // another request reloaded while this one waited
            }

            if (now < _nextAttemptAllowed && !force)
            {
                return snapshot?.Keys ?? throw new SignatureSecretUnavailableException("The secret store failed moments ago; not asking again yet.");
            }

            var keys = await TryReadAsync(cancellationToken);
            if (keys is null)
            {
                _nextAttemptAllowed = now + _options.SecretRetryInterval;
                if (snapshot is null)
                {
                    throw new SignatureSecretUnavailableException("The webhook signature secret could not be read.");
                }

                _current = snapshot with { RefreshAt = now + _options.SecretRetryInterval };
                return snapshot.Keys;
            }

            _current = new Snapshot(keys, now + _options.SecretRefreshInterval);
            return keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SignatureKeys?> TryReadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> values;
        try
        {
            values = await reader.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception type and message only: a store's error text never carries the value.
            LogReadFailed(logger, _options.SecretStore, _options.SecretName, ex.GetType().Name, ex.InnerException?.Message ?? ex.Message);
            return null;
        }

        if (!values.TryGetValue(SecretKey, out var secret) || string.IsNullOrWhiteSpace(secret))
        {
            LogKeyMissing(logger, _options.SecretStore, _options.SecretName, SecretKey);
            return null;
        }

        values.TryGetValue(TenantKey, out var tenant);
        return new SignatureKeys(secret, string.IsNullOrWhiteSpace(tenant) ? null : tenant);
    }

    private sealed record Snapshot(SignatureKeys Keys, DateTimeOffset RefreshAt);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Reading secret {SecretName} from store {SecretStore} failed: {ErrorType}: {Error}")]
    private static partial void LogReadFailed(ILogger logger, string secretStore, string secretName, string errorType, string error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Secret {SecretName} in store {SecretStore} has no key {Key}")]
    private static partial void LogKeyMissing(ILogger logger, string secretStore, string secretName, string key);
}
