using Dapr.Client;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Orders.Index;

/// <summary>
/// Keeps the order index beside the order state, so lists never scan the store and any Dapr state store
/// works (only get, save and ETags are used; no query API, no transactions). After every successful write
/// of an order's state: its row in the bucket of its hour of receipt, then its shard's summary, then its
/// timeline and, when it just failed, the dead letters. Every write is conditional on the ETag read and is
/// retried on a conflict, so concurrent writers both land.
///
/// Consistency: the order state is the truth. A row is replaced only by a newer state (ChangedAt), a
/// summary hour only by a newer bucket revision, so out-of-order writers converge. A crash between the
/// state write and the index write leaves the row stale until the order's next write (or a look at its
/// page), which repairs it; nothing here can fail or slow the order's own progress beyond one round of
/// writes, because every failure is logged and swallowed.
/// </summary>
internal sealed partial class OrderIndex(DaprClient dapr, IOptions<OrderStateOptions> options, TimeProvider time, ILogger<OrderIndex> logger)
{
    private const int MaxConflictRetries = 30;
    private const int TimelineLimit = 200;
    private const int DeadLetterLimit = 500;

    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    private readonly string storeName = options.Value.StoreName;

    /// <summary>How long hours stay in a summary (and so in the console's lists); an order is found by id for ever.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>Brings the index in line with a state just written. Never throws (except on cancellation).</summary>
    public async Task RecordAsync(OrderState state, CancellationToken cancellationToken)
    {
        try
        {
            var change = await WriteRowAsync(state, cancellationToken);
            if (change is null)
            {
                return;
            }

            var (previous, bucket) = change.Value;
            var shard = IndexKeys.ShardOf(state.OrderId);
            var hour = IndexKeys.Hour(state.ReceivedAt);
            await WriteSummaryAsync(shard, hour, bucket, time.GetUtcNow(), cancellationToken);
            var steps = TimelineChanges.Between(previous, state);
            if (steps.Count > 0)
            {
                await AppendTimelineAsync(state.OrderId, steps, cancellationToken);
            }

            if (state.Status == OrderStatus.Failed && previous?.Status != nameof(OrderStatus.Failed))
            {
                await AddDeadLetterAsync(new DeadLetter(state.OrderId, state.UpdatedAt, state.ReasonCode), cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogIndexFailed(state.OrderId, ex.GetType().Name);
        }
    }

    /// <summary>Adds steps that are not state changes (read from Crystallize, shipments) to an order's timeline.</summary>
    public async Task AddToTimelineAsync(string orderId, IReadOnlyList<TimelineEntry> steps, CancellationToken cancellationToken)
    {
        try
        {
            await AppendTimelineAsync(orderId, steps, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogIndexFailed(orderId, ex.GetType().Name);
        }
    }

    /// <returns>The row as it was and the bucket as written; null when the index already lists this state (or a newer one).</returns>
    private async Task<(IndexedOrder? Previous, IndexBucket Bucket)?> WriteRowAsync(OrderState state, CancellationToken cancellationToken)
    {
        var row = IndexedOrder.From(state);
        var key = IndexKeys.Bucket(IndexKeys.ShardOf(state.OrderId), IndexKeys.Hour(state.ReceivedAt));
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var (bucket, etag) = await dapr.GetStateAndETagAsync<IndexBucket>(storeName, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
            bucket ??= new IndexBucket();
            var previous = bucket.Orders.Find(o => o.OrderId == row.OrderId);
            if (previous is not null && (previous.ChangedAt > row.ChangedAt || previous.ListsLike(row)))
            {
                return null;
            }

            var next = new IndexBucket
            {
                Revision = bucket.Revision + 1,
                Orders = [.. bucket.Orders.Where(o => o.OrderId != row.OrderId), row],
            };
            if (await dapr.TrySaveStateAsync(storeName, key, next, etag ?? "", FirstWrite, cancellationToken: cancellationToken))
            {
                return (previous, next);
            }

            await AfterConflictAsync(attempt, cancellationToken);
        }

        throw new InvalidOperationException($"Index bucket {key} kept changing; gave up after {MaxConflictRetries} conflicts.");
    }

    private async Task WriteSummaryAsync(int shard, string hour, IndexBucket bucket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = new HourCounts
        {
            Revision = bucket.Revision,
            Statuses = bucket.Orders.GroupBy(o => o.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        };
        var oldest = IndexKeys.Hour(now - Retention);
        await UpdateAsync<IndexSummary>(IndexKeys.Summary(shard), summary =>
        {
            if (summary.Hours.TryGetValue(hour, out var known) && known.Revision >= counts.Revision)
            {
                return null; // a newer revision of this bucket is already counted
            }

            var hours = summary.Hours
                .Where(h => string.CompareOrdinal(h.Key, oldest) >= 0 && h.Key != hour)
                .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
            hours[hour] = counts;
            return new IndexSummary { Hours = hours };
        }, cancellationToken);
    }

    private Task AppendTimelineAsync(string orderId, IReadOnlyList<TimelineEntry> steps, CancellationToken cancellationToken) =>
        UpdateAsync<OrderTimeline>(IndexKeys.Timeline(orderId), timeline =>
        {
            var entries = timeline.Entries.Concat(steps.Where(s => !timeline.Entries.Any(e => e.SameStepAs(s)))).OrderBy(e => e.At).ToList();
            if (entries.Count > TimelineLimit)
            {
                // Keep how it began and the latest steps; a retry loop must not grow the record without bound.
                entries = [.. entries.Take(10), .. entries.TakeLast(TimelineLimit - 10)];
            }

            return entries.Count == timeline.Entries.Count ? null : new OrderTimeline { Entries = entries };
        }, cancellationToken);

    private Task AddDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken) =>
        UpdateAsync<DeadLetterList>(IndexKeys.DeadLetters, list =>
            list.Items.Contains(letter) ? null : new DeadLetterList { Items = [letter, .. list.Items.Take(DeadLetterLimit - 1)] },
            cancellationToken);

    /// <summary>Read, change, write with the ETag read; again on a conflict. <paramref name="change"/> returns null for "nothing to write".</summary>
    private async Task UpdateAsync<T>(string key, Func<T, T?> change, CancellationToken cancellationToken)
        where T : class, new()
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var (current, etag) = await dapr.GetStateAndETagAsync<T>(storeName, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
            var next = change(current ?? new T());
            if (next is null || await dapr.TrySaveStateAsync(storeName, key, next, etag ?? "", FirstWrite, cancellationToken: cancellationToken))
            {
                return;
            }

            await AfterConflictAsync(attempt, cancellationToken);
        }

        throw new InvalidOperationException($"Index key {key} kept changing; gave up after {MaxConflictRetries} conflicts.");
    }

    // Writers that met on one key spread out before reading again, or the same ones keep meeting. A short
    // random pause on the wall clock: it only breaks up contention and decides nothing.
    private static Task AfterConflictAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + Math.Min(50, 4 << Math.Min(attempt, 4)))), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: the console index was not updated ({Error}); the order's next write repairs it.")]
    private partial void LogIndexFailed(string orderId, string error);
}
