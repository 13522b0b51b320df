using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Redrive;

/// <summary>What one run of the scheduler did (logged, and the binding's answer).</summary>
internal sealed record RedriveRun(int BucketsRead, int EntriesRead, int Redriven, int StaleDropped, bool MoreDue, DateTimeOffset CursorFrom);

/// <summary>
/// One run of the redrive scheduler: reads the due-order index from its cursor up to now, sends every
/// order that is still Waiting and due through orders.received again, and removes the entries it handled.
/// An entry is removed only after its order was published, so a crash in between sends the order twice
/// (the claim makes that harmless) and never loses it. The cursor moves past a bucket only once the bucket
/// is empty and older than <see cref="RedriveOptions.Lag"/>.
/// A delivery parks an order by writing its entry first and its Waiting state second, so an entry can be
/// due while its order is still claimed by that delivery: such an entry stays until the claim ends, and an
/// order left claimed by a delivery that died (the lease ran out) is sent again rather than forgotten.
/// </summary>
internal sealed partial class Redriver(
    DueOrderIndex index,
    OrderStateStore states,
    OrderFeed feed,
    EnricherMetrics metrics,
    IOptions<RedriveOptions> options,
    IOptions<PipelineOptions> pipeline,
    TimeProvider time,
    ILogger<Redriver> logger)
{
    public async Task<RedriveRun> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var (cursor, cursorETag) = await index.ReadCursorAsync(cancellationToken);
        var from = cursor?.From ?? index.BucketOf(now - o.Lag);
        if (cursor is null)
        {
            // The first run ever pins where reading starts, so a later run after a long pause still reads
            // every bucket written since, instead of starting from its own clock.
            await index.TryAdvanceCursorAsync(from, null, cancellationToken);
            (_, cursorETag) = await index.ReadCursorAsync(cancellationToken);
        }
        var buckets = await index.ReadAsync(from, now, o.MaxBucketsPerRun, cancellationToken);

        var (entriesRead, redriven, stale, budgetLeft) = (0, 0, 0, o.MaxOrdersPerRun);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var emptyUpTo = (DateTimeOffset?)null;
        var gap = false;
        foreach (var group in buckets.GroupBy(b => b.BucketStart).OrderBy(g => g.Key))
        {
            var left = 0;
            foreach (var bucket in group)
            {
                entriesRead += bucket.Bucket.Entries.Count;
                var done = new List<DueEntry>();
                foreach (var entry in bucket.Bucket.Entries)
                {
                    if (entry.DueAt > now)
                    {
                        left++;
                        continue;
                    }

                    if (budgetLeft == 0)
                    {
                        left++;
                        continue;
                    }

                    var (state, _) = await states.GetAsync(entry.OrderId, cancellationToken);
                    var verdict = Judge(state, now);
                    if (verdict == EntryVerdict.Claimed)
                    {
                        left++;
                        continue;
                    }

                    if (verdict == EntryVerdict.Due && sent.Add(entry.OrderId))
                    {
                        await feed.FeedAsync(entry.OrderId, cancellationToken);
                        budgetLeft--;
                        redriven++;
                    }
                    else if (!sent.Contains(entry.OrderId))
                    {
                        // Final, or parked again under a later entry.
                        stale++;
                    }

                    done.Add(entry);
                }

                await index.RemoveAsync(bucket.Key, done, cancellationToken);
            }

            var bucketEnd = group.Key + o.BucketWidth;
            if (!gap && left == 0 && bucketEnd <= now - o.Lag)
            {
                emptyUpTo = bucketEnd;
            }
            else
            {
                gap = true;
            }
        }

        if (emptyUpTo is { } advanced && advanced > from)
        {
            await index.TryAdvanceCursorAsync(advanced, cursorETag, cancellationToken);
        }

        var run = new RedriveRun(buckets.Select(b => b.BucketStart).Distinct().Count(), entriesRead, redriven, stale, budgetLeft == 0, emptyUpTo ?? from);
        metrics.Redriven(redriven);
        if (redriven > 0 || stale > 0)
        {
            LogRun(run.BucketsRead, run.EntriesRead, run.Redriven, run.StaleDropped, run.MoreDue);
        }

        return run;
    }

    private EntryVerdict Judge(OrderState? state, DateTimeOffset now) => state switch
    {
        null or { IsFinal: true } => EntryVerdict.Stale,
        { Status: OrderStatus.Waiting, NextAttemptAt: { } due } => due <= now ? EntryVerdict.Due : EntryVerdict.Stale,
        { Status: OrderStatus.Waiting } => EntryVerdict.Stale,
        { Status: OrderStatus.Received, ClaimedBy: not null } when now - state.UpdatedAt < pipeline.Value.ClaimLease => EntryVerdict.Claimed,
        { Status: OrderStatus.Received } => EntryVerdict.Due,
        _ => EntryVerdict.Stale,
    };

    private enum EntryVerdict
    {
        /// <summary>Nothing to do: the order is final or gone, waits under another entry or for its stage, or Amazon has it.</summary>
        Stale,

        /// <summary>Send it through orders.received again (the claim makes a duplicate harmless).</summary>
        Due,

        /// <summary>A delivery holds it (possibly the one parking it right now): look again next run.</summary>
        Claimed,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redrive: read {Buckets} bucket(s) with {Entries} entr(ies); sent {Redriven} waiting order(s) again, dropped {Stale} stale entr(ies); more due: {MoreDue}.")]
    private partial void LogRun(int buckets, int entries, int redriven, int stale, bool moreDue);
}
