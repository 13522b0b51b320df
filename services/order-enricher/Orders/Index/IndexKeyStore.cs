using System.Text.Json;
using Dapr.Client;

namespace FbaMesh.OrderEnricher.Orders.Index;

/// <summary>
/// The index's keys in the state store: bulk reads with ETags, conditional saves, and read-change-save
/// loops that start again from a fresh read when another writer changed a key first.
/// </summary>
internal sealed class IndexKeyStore(DaprClient dapr, string storeName)
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    private const int MaxConflictRetries = 30;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Read every key, change each, save those that changed with the ETags read; all again on a conflict. <paramref name="change"/> returns null for "nothing to write".</summary>
    public Task UpdateManyAsync<T>(IReadOnlyList<string> keys, Func<string, T, T?> change, CancellationToken cancellationToken)
        where T : class, new() =>
        WithRetriesAsync(async () =>
        {
            var current = await ReadManyAsync<T>(keys, cancellationToken);
            var saves = new List<(string Key, T Value, string? ETag)>();
            foreach (var key in keys)
            {
                var (value, etag) = current.GetValueOrDefault(key);
                if (change(key, value ?? new T()) is { } next)
                {
                    saves.Add((key, next, etag));
                }
            }

            return (await SaveManyAsync(saves, cancellationToken), true);
        }, typeof(T).Name, cancellationToken);

    public async Task<Dictionary<string, (T? Value, string? ETag)>> ReadManyAsync<T>(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        where T : class
    {
        var items = await dapr.GetBulkStateAsync(storeName, keys, parallelism: null, cancellationToken: cancellationToken);
        var found = new Dictionary<string, (T?, string?)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var value = string.IsNullOrEmpty(item.Value) ? null : JsonSerializer.Deserialize<T>(item.Value, Json);
            found[item.Key] = (value, string.IsNullOrEmpty(item.ETag) ? null : item.ETag);
        }

        return found;
    }

    /// <summary>Saves each value under the ETag it was read with (none: the key must still be absent).</summary>
    /// <returns>False when any save met a changed ETag (the others may have landed: every change is idempotent).</returns>
    public async Task<bool> SaveManyAsync<T>(IReadOnlyList<(string Key, T Value, string? ETag)> saves, CancellationToken cancellationToken)
    {
        // One conditional save per key, side by side. Not SaveBulkStateAsync: the .NET SDK sends that call
        // without the Dapr API token, and a sidecar that requires one refuses it.
        var saved = await Task.WhenAll(saves.Select(s =>
            dapr.TrySaveStateAsync(storeName, s.Key, s.Value, s.ETag ?? "", FirstWrite, cancellationToken: cancellationToken)));
        return !saved.Contains(false);
    }

    /// <summary>Runs a read-change-save again from a fresh read while a save meets a changed ETag.</summary>
    public static async Task<T> WithRetriesAsync<T>(Func<Task<(bool Saved, T Result)>> attempt, string what, CancellationToken cancellationToken)
    {
        for (var tries = 0; tries < MaxConflictRetries; tries++)
        {
            var (saved, result) = await attempt();
            if (saved)
            {
                return result;
            }

            await AfterConflictAsync(tries, cancellationToken);
        }

        throw new InvalidOperationException($"Index {what} kept changing; gave up after {MaxConflictRetries} conflicts.");
    }

    // Writers that met on one key spread out before reading again, or the same ones keep meeting. A short
    // random pause on the wall clock: it only breaks up contention and decides nothing.
    private static Task AfterConflictAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + Math.Min(50, 4 << Math.Min(attempt, 4)))), cancellationToken);
}
