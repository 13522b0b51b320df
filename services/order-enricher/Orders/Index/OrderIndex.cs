using Dapr.Client;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Orders.Index;

/// <summary>
/// Keeps the order index beside the order state, so lists never scan the store and any Dapr state store
/// works (only get, bulk get, save and ETags are used; no query API, no transactions). After every
/// successful write of an order's state: its row in the bucket of its hour of receipt, then its shard's
/// summary, then its timeline and, when it just failed, the dead letters. Every write is conditional on
/// the ETag read and is retried on a conflict, so concurrent writers (other replicas, the console) both land.
///
/// Writes are group-committed: callers that arrive while a batch is being written wait for the next batch,
/// which reads every key it needs in one bulk read and writes what changed in one save per phase. A caller
/// returns only once its change is written (or has failed and been logged), exactly as with one write per
/// caller, so a crash loses nothing more than it did; the batch only saves round trips and rewrites of the
/// same bucket. Any failed save is retried from a fresh read; every change is idempotent (a row already
/// listed is not written again, a step already on a timeline is not added again), so a save that landed in
/// part before failing is harmless.
///
/// Consistency: the order state is the truth. A row is replaced only by a newer state (ChangedAt), a
/// summary hour only by a newer bucket revision, so out-of-order writers converge. A crash between the
/// state write and the index write leaves the row stale until the order's next write (or a look at its
/// page), which repairs it; nothing here can fail or slow the order's own progress beyond one batch of
/// writes, because every failure is logged and swallowed.
/// </summary>
internal sealed partial class OrderIndex(DaprClient dapr, IOptions<OrderStateOptions> options, TimeProvider time, ILogger<OrderIndex> logger)
{
    private const int TimelineLimit = 200;
    private const int DeadLetterLimit = 500;

    /// <summary>Bounds one batch's bulk reads and saves; the rest waits for the next batch.</summary>
    private const int MaxBatch = 128;

    /// <summary>A batch whose store calls hang is given up (and logged) after this; its callers' own tokens bound their wait.</summary>
    private static readonly TimeSpan BatchBudget = TimeSpan.FromSeconds(30);


    private readonly IndexKeyStore store = new(dapr, options.Value.StoreName);
    private readonly Lock gate = new();
    private List<IndexChange> pending = [];
    private bool writing;

    /// <summary>How long hours stay in a summary (and so in the console's lists); an order is found by id for ever.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>Brings the index in line with a state just written. Never throws (except on cancellation).</summary>
    public Task RecordAsync(OrderState state, CancellationToken cancellationToken) =>
        WriteAsync(new IndexChange(state.OrderId, state, []), cancellationToken);

    /// <summary>Adds steps that are not state changes (read from Crystallize, shipments) to an order's timeline.</summary>
    public Task AddToTimelineAsync(string orderId, IReadOnlyList<TimelineEntry> steps, CancellationToken cancellationToken) =>
        WriteAsync(new IndexChange(orderId, null, steps), cancellationToken);

    private Task WriteAsync(IndexChange change, CancellationToken cancellationToken)
    {
        bool start;
        lock (gate)
        {
            pending.Add(change);
            start = !writing;
            writing = true;
        }

        if (start)
        {
            // The batches run apart from any one caller, so a caller that goes away cannot stop the others' writes.
            _ = Task.Run(WriteBatchesAsync, CancellationToken.None);
        }

        return change.Written.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteBatchesAsync()
    {
        while (true)
        {
            List<IndexChange> batch;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    writing = false;
                    return;
                }

                batch = pending.Count <= MaxBatch ? pending : pending[..MaxBatch];
                pending = pending.Count <= MaxBatch ? [] : pending[MaxBatch..];
            }

            try
            {
                using var budget = new CancellationTokenSource(BatchBudget, time);
                await WriteBatchAsync(batch, budget.Token);
            }
            catch (Exception ex)
            {
                foreach (var orderId in batch.Select(c => c.OrderId).Distinct(StringComparer.Ordinal))
                {
                    LogIndexFailed(orderId, ex.GetType().Name);
                }
            }
            finally
            {
                foreach (var change in batch)
                {
                    change.Written.TrySetResult();
                }
            }
        }
    }

    private async Task WriteBatchAsync(List<IndexChange> batch, CancellationToken cancellationToken)
    {
        // Steps and dead letters found while writing rows are kept across retries: a retry re-reads a bucket
        // the failed save may already have changed, and would not see the change again.
        var steps = new Dictionary<string, List<TimelineEntry>>(StringComparer.Ordinal);
        foreach (var change in batch.Where(c => c.Steps.Count > 0))
        {
            StepsOf(steps, change.OrderId).AddRange(change.Steps);
        }

        var letters = new List<DeadLetter>();
        var states = batch.Where(c => c.State is not null).Select(c => c.State!).ToList();
        var written = states.Count == 0 ? [] : await WriteRowsAsync(states, steps, letters, cancellationToken);
        if (written.Count > 0)
        {
            await WriteSummariesAsync(written, time.GetUtcNow(), cancellationToken);
        }

        if (steps.Count > 0)
        {
            await AppendTimelinesAsync(steps, cancellationToken);
        }

        if (letters.Count > 0)
        {
            await AddDeadLettersAsync(letters, cancellationToken);
        }
    }

    /// <returns>Every bucket written, by key, with its shard and hour.</returns>
    private Task<Dictionary<string, WrittenBucket>> WriteRowsAsync(
        List<OrderState> states, Dictionary<string, List<TimelineEntry>> steps, List<DeadLetter> letters, CancellationToken cancellationToken) =>
        IndexKeyStore.WithRetriesAsync(async () =>
        {
            var byBucket = states
                .GroupBy(s => IndexKeys.Bucket(IndexKeys.ShardOf(s.OrderId), IndexKeys.Hour(s.ReceivedAt)), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var current = await store.ReadManyAsync<IndexBucket>([.. byBucket.Keys], cancellationToken);
            var saves = new List<(string Key, IndexBucket Value, string? ETag)>();
            var written = new Dictionary<string, WrittenBucket>(StringComparer.Ordinal);
            foreach (var (key, rows) in byBucket)
            {
                var (bucket, etag) = current.GetValueOrDefault(key);
                var orders = (bucket ?? new IndexBucket()).Orders.ToList();
                var changed = false;
                foreach (var state in rows)
                {
                    var row = IndexedOrder.From(state);
                    var at = orders.FindIndex(o => o.OrderId == row.OrderId);
                    var previous = at < 0 ? null : orders[at];
                    if (previous is not null && (previous.ChangedAt > row.ChangedAt || previous.ListsLike(row)))
                    {
                        continue;
                    }

                    StepsOf(steps, state.OrderId).AddRange(TimelineChanges.Between(previous, state));
                    if (state.Status == OrderStatus.Failed && previous?.Status != nameof(OrderStatus.Failed))
                    {
                        var letter = new DeadLetter(state.OrderId, state.UpdatedAt, state.ReasonCode);
                        if (!letters.Contains(letter))
                        {
                            letters.Add(letter);
                        }
                    }

                    if (at >= 0)
                    {
                        orders.RemoveAt(at);
                    }

                    orders.Add(row);
                    changed = true;
                }

                if (changed)
                {
                    var next = new IndexBucket { Revision = (bucket?.Revision ?? 0) + 1, Orders = orders };
                    saves.Add((key, next, etag));
                    written[key] = new WrittenBucket(IndexKeys.ShardOf(rows[0].OrderId), IndexKeys.Hour(rows[0].ReceivedAt), next);
                }
            }

            return (await store.SaveManyAsync(saves, cancellationToken), written);
        }, "buckets", cancellationToken);

    private Task WriteSummariesAsync(Dictionary<string, WrittenBucket> written, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var oldest = IndexKeys.Hour(now - Retention);
        var byShard = written.Values.GroupBy(w => w.Shard).ToDictionary(g => IndexKeys.Summary(g.Key), g => g.ToList(), StringComparer.Ordinal);
        return store.UpdateManyAsync<IndexSummary>([.. byShard.Keys], (key, summary) =>
        {
            var hours = summary.Hours;
            var changed = false;
            foreach (var bucket in byShard[key])
            {
                var counts = new HourCounts
                {
                    Revision = bucket.Bucket.Revision,
                    Statuses = bucket.Bucket.Orders.GroupBy(o => o.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                };
                if (hours.TryGetValue(bucket.Hour, out var known) && known.Revision >= counts.Revision)
                {
                    continue; // a newer revision of this bucket is already counted
                }

                hours = hours
                    .Where(h => string.CompareOrdinal(h.Key, oldest) >= 0 && h.Key != bucket.Hour)
                    .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
                hours[bucket.Hour] = counts;
                changed = true;
            }

            return changed ? new IndexSummary { Hours = hours } : null;
        }, cancellationToken);
    }

    private Task AppendTimelinesAsync(Dictionary<string, List<TimelineEntry>> steps, CancellationToken cancellationToken)
    {
        var byKey = steps.ToDictionary(s => IndexKeys.Timeline(s.Key), s => s.Value, StringComparer.Ordinal);
        return store.UpdateManyAsync<OrderTimeline>([.. byKey.Keys], (key, timeline) =>
        {
            var added = byKey[key];
            var entries = timeline.Entries.ToList();
            foreach (var step in added.Where(s => !entries.Any(e => e.SameStepAs(s))))
            {
                entries.Add(step);
            }

            if (entries.Count == timeline.Entries.Count)
            {
                return null;
            }

            entries = [.. entries.OrderBy(e => e.At)];
            if (entries.Count > TimelineLimit)
            {
                // Keep how it began and the latest steps; a retry loop must not grow the record without bound.
                entries = [.. entries.Take(10), .. entries.TakeLast(TimelineLimit - 10)];
            }

            return new OrderTimeline { Entries = entries };
        }, cancellationToken);
    }

    private Task AddDeadLettersAsync(List<DeadLetter> letters, CancellationToken cancellationToken) =>
        store.UpdateManyAsync<DeadLetterList>([IndexKeys.DeadLetters], (_, list) =>
        {
            var added = letters.Where(l => !list.Items.Contains(l)).ToList();
            return added.Count == 0 ? null : new DeadLetterList { Items = [.. added, .. list.Items.Take(DeadLetterLimit - added.Count)] };
        }, cancellationToken);

    private static List<TimelineEntry> StepsOf(Dictionary<string, List<TimelineEntry>> steps, string orderId)
    {
        if (!steps.TryGetValue(orderId, out var list))
        {
            steps[orderId] = list = [];
        }

        return list;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: the console index was not updated ({Error}); the order's next write repairs it.")]
    private partial void LogIndexFailed(string orderId, string error);

    /// <summary>One caller's change: a state just written (its row, counts, timeline) or timeline steps only.</summary>
    private sealed record IndexChange(string OrderId, OrderState? State, IReadOnlyList<TimelineEntry> Steps)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record WrittenBucket(int Shard, string Hour, IndexBucket Bucket);
}
