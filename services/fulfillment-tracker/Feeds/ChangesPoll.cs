using Dapr.Client;
using FbaMesh.FulfillmentTracker.Amazon;
using FbaMesh.FulfillmentTracker.Tracking;
using Microsoft.Extensions.Options;

namespace FbaMesh.FulfillmentTracker.Feeds;

/// <summary>What one poll did.</summary>
internal sealed record PollReport(DateTimeOffset Since, int Pages, int Changes, int Looked, int Retry, bool Complete, bool Skipped = false);

/// <summary>
/// Asks Amazon (ListFulfillmentOrderChanges, paged) for the orders whose status changed since the stored
/// watermark and looks at each tracked one. The watermark moves to this poll's start (less the overlap)
/// only when every page was read and every order brought up to date, so a lost notification or a failed
/// look is picked up by the next poll.
/// </summary>
internal sealed partial class ChangesPoll(
    IAmazonOrders amazon,
    OrderTracker tracker,
    DaprClient dapr,
    IOptions<PollOptions> options,
    IOptions<TrackingOptions> tracking,
    TimeProvider time,
    ILogger<ChangesPoll> logger)
{
    public const string WatermarkKey = "tracking-poll-watermark";

    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    private readonly SemaphoreSlim running = new(1, 1);

    public async Task<PollReport> RunAsync(CancellationToken cancellationToken)
    {
        // A cron tick while the previous poll still runs is skipped: that poll covers the same changes.
        if (!await running.WaitAsync(0, cancellationToken))
        {
            return new PollReport(default, 0, 0, 0, 0, Complete: false, Skipped: true);
        }

        try
        {
            return await PollAsync(cancellationToken);
        }
        finally
        {
            running.Release();
        }
    }

    private async Task<PollReport> PollAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var store = tracking.Value.StoreName;
        var (watermark, etag) = await dapr.GetStateAndETagAsync<DateTimeOffset?>(store, WatermarkKey, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        var since = watermark ?? started - options.Value.FirstLookBack;

        var (pages, changes, looked, retry) = (0, 0, 0, 0);
        string? token = null;
        do
        {
            AmazonChangesPage page;
            try
            {
                page = await amazon.ListChangesAsync(since, token, cancellationToken);
            }
            catch (AmazonUnavailableException ex)
            {
                LogListFailed(since, ex.Message);
                return new PollReport(since, pages, changes, looked, retry + 1, Complete: false);
            }

            pages++;
            changes += page.Orders.Count;
            foreach (var change in page.Orders.Where(c => !string.IsNullOrWhiteSpace(c.SellerFulfillmentOrderId)))
            {
                var outcome = await tracker.RefreshAsync(change.SellerFulfillmentOrderId, change.StatusUpdatedAt, cancellationToken);
                looked += outcome == RefreshOutcome.Updated ? 1 : 0;
                retry += outcome == RefreshOutcome.Retry ? 1 : 0;
            }

            token = page.NextToken;
        }
        while (token is not null && pages < options.Value.MaxPages);

        var complete = token is null && retry == 0;
        if (complete)
        {
            var next = started - options.Value.Overlap;
            // Never move back, and another replica's newer poll wins a race (conditional write).
            if (next > since)
            {
                await dapr.TrySaveStateAsync(store, WatermarkKey, (DateTimeOffset?)next, etag ?? "", FirstWrite, cancellationToken: cancellationToken);
            }
        }

        LogPolled(since, pages, changes, looked, retry);
        return new PollReport(since, pages, changes, looked, retry, complete);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll since {Since:o}: Amazon's list of changes could not be read ({Reason}); the next poll starts from the same time.")]
    private partial void LogListFailed(DateTimeOffset since, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll since {Since:o}: {Pages} page(s), {Changes} change(s), {Looked} order(s) updated, {Retry} to retry.")]
    private partial void LogPolled(DateTimeOffset since, int pages, int changes, int looked, int retry);
}
