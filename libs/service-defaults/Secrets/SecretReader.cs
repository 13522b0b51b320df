using Microsoft.Extensions.Logging;

namespace FbaMesh.ServiceDefaults.Secrets;

/// <summary>
/// One Dapr secret, read through the app's sidecar and kept in memory. It is read again once older than
/// the refresh interval (rotation); a failed read keeps the last good value and is not repeated before
/// the retry interval; each read is bounded by the read timeout; and a forced re-read (after a signature
/// mismatch or a refused token: the secret may just have been rotated) happens at most once per retry
/// interval. Values are never logged; problems name the store, the secret and the key.
/// </summary>
public sealed partial class SecretReader<T>(
    ISecretSource source, ISecretDefinition<T> definition, TimeProvider time, ILogger<SecretReader<T>> logger)
    where T : class
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock forced = new();
    private readonly SecretReaderSettings settings = definition.Settings;
    private readonly TaskCompletionSource<T> firstValue = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Snapshot? current;
    private volatile Failure failure = new(
        $"Secret '{definition.Settings.Name}' has not been read yet from Dapr secret store '{definition.Settings.Store}'.", Incomplete: false);
    private DateTimeOffset nextAttemptAllowed = DateTimeOffset.MinValue;
    private DateTimeOffset nextForcedAllowed = DateTimeOffset.MinValue;
    private string? lastLoggedProblem;

    public SecretReaderSettings Settings => settings;

    /// <summary>The last good value, or null while none has been read.</summary>
    public T? Current => current?.Value;

    /// <summary>
    /// The first good value, once any caller (the preloader, usually) has read one: for work that must wait
    /// for the secret without polling, so it needs no timer and no clock.
    /// </summary>
    public Task<T> FirstValueAsync(CancellationToken cancellationToken) => firstValue.Task.WaitAsync(cancellationToken);

    /// <summary>Why the last read failed (null after a good one); with a <see cref="Current"/> value that value is still served.</summary>
    public string? Problem => this.failure.Problem;

    /// <summary>The value, read again first when older than the refresh interval.</summary>
    /// <exception cref="SecretUnavailableException">No good value has been read and the store cannot give one now.</exception>
    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        return snapshot is not null && time.GetUtcNow() < snapshot.RefreshAt
            ? snapshot.Value
            : await ReloadAsync(force: false, cancellationToken);
    }

    /// <summary>
    /// Reads the secret now because <paramref name="used"/> was refused. A different value, or null when
    /// the store holds the same one, cannot be read, or it is too soon to ask again.
    /// </summary>
    public async Task<T?> RefreshNowAsync(T used, CancellationToken cancellationToken)
    {
        lock (this.forced)
        {
            var now = time.GetUtcNow();
            if (now < nextForcedAllowed)
            {
                return null;
            }

            nextForcedAllowed = now + settings.RetryInterval;
        }

        try
        {
            var value = await ReloadAsync(force: true, cancellationToken);
            return EqualityComparer<T>.Default.Equals(value, used) ? null : value;
        }
        catch (SecretUnavailableException)
        {
            return null;
        }
    }

    private async Task<T> ReloadAsync(bool force, CancellationToken cancellationToken)
    {
        var seen = current;
        await gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = current;
            var now = time.GetUtcNow();
            if (snapshot is not null && (snapshot != seen || (!force && now < snapshot.RefreshAt)))
            {
                return snapshot.Value; // another caller read it while this one waited
            }

            if (!force && now < nextAttemptAllowed)
            {
                return snapshot?.Value ?? throw Unavailable();
            }

            var (value, failure) = await ReadAsync(cancellationToken);
            now = time.GetUtcNow();
            if (value is null)
            {
                this.failure = failure!;
                nextAttemptAllowed = now + settings.RetryInterval;
                if (snapshot is null)
                {
                    throw Unavailable();
                }

                current = snapshot with { RefreshAt = now + settings.RetryInterval };
                return snapshot.Value;
            }

            if (snapshot is null || !EqualityComparer<T>.Default.Equals(snapshot.Value, value))
            {
                LogLoaded(settings.Name, settings.Store);
            }

            this.failure = Failure.None;
            lastLoggedProblem = null;
            current = new Snapshot(value, now + settings.RefreshInterval);
            firstValue.TrySetResult(value);
            return value;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(T? Value, Failure? Failure)> ReadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> keys;
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // WaitAsync bounds the read even when the source ignores its token.
            keys = await source.GetAsync(settings.Store, settings.Name, read.Token).WaitAsync(settings.ReadTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await read.CancelAsync();
            var why = ex is TimeoutException ? $"no answer within {settings.ReadTimeout.TotalSeconds:0.###} s" : Reason(ex);
            return (null, Report(new Failure(
                $"Could not read secret '{settings.Name}' from Dapr secret store '{settings.Store}' ({why}). " +
                $"Check that the sidecar runs, the store exists and the Configuration's secret scopes allow this app '{settings.Name}'.",
                Incomplete: false)));
        }

        var parsed = definition.Parse(keys);
        return parsed.Value is not null
            ? (parsed.Value, null)
            : (null, Report(new Failure(parsed.Problem ?? $"Secret '{settings.Name}' in store '{settings.Store}' is incomplete.", Incomplete: true)));
    }

    private Failure Report(Failure failure)
    {
        if (failure.Problem != lastLoggedProblem)
        {
            LogProblem(failure.Problem!);
            lastLoggedProblem = failure.Problem;
        }

        return failure;
    }

    private SecretUnavailableException Unavailable() =>
        new(this.failure.Problem ?? $"Secret '{settings.Name}' could not be read.", this.failure.Incomplete);

    /// <summary>The Dapr SDK wraps the sidecar's answer ("secret x not found"); the innermost message says most and never holds a value.</summary>
    private static string Reason(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is global::Grpc.Core.RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : $"{inner.GetType().Name}: {inner.Message}";
    }

    private sealed record Snapshot(T Value, DateTimeOffset RefreshAt);

    private sealed record Failure(string? Problem, bool Incomplete)
    {
        public static readonly Failure None = new(null, Incomplete: false);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Read secret {SecretName} from store {SecretStore}")]
    private partial void LogLoaded(string secretName, string secretStore);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Secret not available: {Problem}")]
    private partial void LogProblem(string problem);
}
