using System.Globalization;
using System.Text.Json;
using Dapr.Client;
using FbaMesh.OrderEnricher.Orders;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Redrive;

/// <summary>One order due again at <see cref="DueAt"/>; an order parked twice has two entries (the older one goes stale).</summary>
internal sealed record DueEntry(string OrderId, DateTimeOffset DueAt);

/// <summary>The value at one index key: the entries of one time bucket and shard.</summary>
internal sealed record DueBucket(IReadOnlyList<DueEntry> Entries);

/// <summary>Where the scheduler starts reading: every bucket before <see cref="From"/> is empty.</summary>
internal sealed record RedriveCursor(DateTimeOffset From);

/// <summary>An index key as read, with the ETag to write it back with.</summary>
internal sealed record DueBucketRead(string Key, DateTimeOffset BucketStart, DueBucket Bucket, string? ETag);

/// <summary>
/// The due-order index in fbamesh-state, so that finding due orders never scans the store: key
/// redrive-{bucket start, UTC yyyyMMddTHHmmss}-{shard} holds the orders due within that bucket, and
/// redrive-cursor the oldest bucket that may still hold entries. Every write is a read-modify-write
/// conditional on the ETag that was read, retried on a conflict, so concurrent writers (replicas parking
/// orders, the scheduler removing entries) never overwrite each other's entries. The index only says
/// where to look: the order's own state decides whether it is really due, so a stale or duplicate
/// entry costs one state read and is dropped.
/// </summary>
internal sealed partial class DueOrderIndex(
    DaprClient dapr, IOptions<OrderStateOptions> store, IOptions<RedriveOptions> options, TimeProvider time, ILogger<DueOrderIndex> logger)
{
    public const string CursorKey = "redrive-cursor";
    private const int WriteAttempts = 12;

    // The options DaprClient serializes state with.
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    private string StoreName => store.Value.StoreName;

    public DateTimeOffset BucketOf(DateTimeOffset at)
    {
        var width = options.Value.BucketWidth.Ticks;
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - (utc % width), TimeSpan.Zero);
    }

    public string KeyOf(DateTimeOffset bucketStart, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"redrive-{bucketStart.UtcDateTime:yyyyMMdd'T'HHmmss}-{shard}");

    /// <summary>Order ids are hexadecimal: their last digits spread them evenly over the shards.</summary>
    public int ShardOf(string orderId) =>
        (int)(uint.Parse(orderId.AsSpan(Math.Max(0, orderId.Length - 6)), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % (uint)options.Value.Shards);

    /// <summary>Records that <paramref name="orderId"/> is due at <paramref name="dueAt"/>. Throws when the store keeps refusing.</summary>
    /// <remarks>
    /// Never into a bucket the scheduler's cursor has passed: the bucket is moved up to the cursor, and the
    /// cursor is read again after the write; if it passed the bucket meanwhile, the entry is written again
    /// at the cursor. The scheduler advances the cursor only after reading a bucket empty, so either it saw
    /// the entry or this check sees the cursor moved.
    /// </remarks>
    public async Task AddAsync(string orderId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var bucket = BucketOf(dueAt);
        for (var moves = 0; ; moves++)
        {
            var (cursor, _) = await ReadCursorAsync(cancellationToken);
            if (cursor is not null && bucket < cursor.From)
            {
                // Into the bucket of now, not the cursor's: the scheduler may be about to pass the cursor's
                // bucket, but passes the bucket of now only a whole Lag later.
                bucket = BucketOf(Max(cursor.From, time.GetUtcNow()));
            }

            await AddToBucketAsync(KeyOf(bucket, ShardOf(orderId)), new DueEntry(orderId, dueAt), cancellationToken);
            var (after, _) = await ReadCursorAsync(cancellationToken);
            if (after is null || after.From <= bucket || moves >= WriteAttempts)
            {
                return;
            }
        }
    }

    private async Task AddToBucketAsync(string key, DueEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= WriteAttempts; attempt++)
        {
            var (current, etag) = await dapr.GetStateAndETagAsync<DueBucket>(StoreName, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
            var entries = current?.Entries ?? [];
            if (entries.Contains(entry))
            {
                return;
            }

            if (await dapr.TrySaveStateAsync(StoreName, key, new DueBucket([.. entries, entry]), etag ?? "", FirstWrite, cancellationToken: cancellationToken))
            {
                return;
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        throw new InvalidOperationException($"The due-order index key {key} kept changing; the order was not parked.");
    }

    /// <summary>Reads the buckets from <paramref name="from"/> up to and including the one holding <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<DueBucketRead>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int maxBuckets, CancellationToken cancellationToken)
    {
        var starts = new List<DateTimeOffset>();
        for (var start = BucketOf(from); start <= to && starts.Count < maxBuckets; start += options.Value.BucketWidth)
        {
            starts.Add(start);
        }

        var keys = starts.SelectMany(start => Enumerable.Range(0, options.Value.Shards).Select(shard => (start, key: KeyOf(start, shard)))).ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        // Read as text: a key that does not exist comes back empty, which is an empty bucket, not an error.
        var items = await dapr.GetBulkStateAsync(StoreName, [.. keys.Select(k => k.key)], parallelism: 4, cancellationToken: cancellationToken);
        var byKey = items.Where(i => !string.IsNullOrEmpty(i.Value)).ToDictionary(i => i.Key, StringComparer.Ordinal);
        return [.. keys.Select(k => byKey.TryGetValue(k.key, out var item)
            ? new DueBucketRead(k.key, k.start, JsonSerializer.Deserialize<DueBucket>(item.Value, StateJson) ?? new DueBucket([]), string.IsNullOrEmpty(item.ETag) ? null : item.ETag)
            : new DueBucketRead(k.key, k.start, new DueBucket([]), null))];
    }

    /// <summary>Removes exactly these entries (not a newer entry of the same order), re-reading on a conflict.</summary>
    public async Task RemoveAsync(string key, IReadOnlyCollection<DueEntry> done, CancellationToken cancellationToken)
    {
        if (done.Count == 0)
        {
            return;
        }

        for (var attempt = 1; attempt <= WriteAttempts; attempt++)
        {
            var (current, etag) = await dapr.GetStateAndETagAsync<DueBucket>(StoreName, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
            if (current is null || string.IsNullOrEmpty(etag))
            {
                return;
            }

            var rest = current.Entries.Where(e => !done.Contains(e)).ToList();
            var written = rest.Count == 0
                ? await dapr.TryDeleteStateAsync(StoreName, key, etag, FirstWrite, cancellationToken: cancellationToken)
                : await dapr.TrySaveStateAsync(StoreName, key, new DueBucket(rest), etag, FirstWrite, cancellationToken: cancellationToken);
            if (written)
            {
                return;
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        // Left in place, the entries are read again next run and dropped then: nothing is lost.
        LogRemoveGaveUp(key, done.Count);
    }

    public async Task<(RedriveCursor? Cursor, string? ETag)> ReadCursorAsync(CancellationToken cancellationToken)
    {
        var (cursor, etag) = await dapr.GetStateAndETagAsync<RedriveCursor>(StoreName, CursorKey, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return (cursor, string.IsNullOrEmpty(etag) ? null : etag);
    }

    /// <summary>Moves the cursor forward; a conflict means another replica moved it, which is as good.</summary>
    public Task<bool> TryAdvanceCursorAsync(DateTimeOffset from, string? etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(StoreName, CursorKey, new RedriveCursor(from), etag ?? "", FirstWrite, cancellationToken: cancellationToken);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Due-order index key {Key} kept changing; {Count} handled entries stay until the next run.")]
    private partial void LogRemoveGaveUp(string key, int count);
}
