using System.Collections.Concurrent;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>
/// Collapses concurrent work on one key into one run whose outcome every caller gets. The run is not
/// bound to any one caller: a caller that gives up does not cancel it for the others.
/// </summary>
internal sealed class SingleFlight<TResult>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TResult>>> running = new(StringComparer.Ordinal);
    private int waiting;

    public int Running => this.running.Count;

    /// <summary>Callers currently waiting for a run, across keys.</summary>
    public int Waiting => Volatile.Read(ref this.waiting);

    public async Task<TResult> RunAsync(string key, Func<Task<TResult>> work, CancellationToken callerGone)
    {
        var lazy = this.running.GetOrAdd(key, k => new Lazy<Task<TResult>>(() => RunAndForgetAsync(k, work)));
        Interlocked.Increment(ref this.waiting);
        try
        {
            return await lazy.Value.WaitAsync(callerGone);
        }
        finally
        {
            Interlocked.Decrement(ref this.waiting);
        }
    }

    private async Task<TResult> RunAndForgetAsync(string key, Func<Task<TResult>> work)
    {
        // Leave the dictionary's factory before running, so removal below never races the insertion.
        await Task.Yield();
        try
        {
            return await work();
        }
        finally
        {
            this.running.TryRemove(key, out _);
        }
    }
}
