using System.Diagnostics;
using System.Text.Json;
using Dapr.Client;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Redrive;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Sweep;

/// <summary>What one sweep did: its cost (pages, orders listed, time) and what it fed in.</summary>
internal sealed record SweepRun(bool Ran, int Pages, int Listed, int Fed, int Overdue, bool Complete, TimeSpan Elapsed, string? Problem);

/// <summary>When the last sweep started (key sweep-lease): the first replica to move it sweeps.</summary>
internal sealed record SweepLease(DateTimeOffset StartedAt);

/// <summary>
/// The reconciliation sweep: pages through the Crystallize orders created within the window, oldest first,
/// and feeds in every order the mesh never recorded (no order-{id} state), as a webhook would have. A
/// webhook that Crystallize stopped retrying is therefore late, not lost. It also feeds a Waiting order whose
/// next attempt is long overdue, so an order whose index entry went missing is not stuck either. Pages are
/// paced (<see cref="SweepOptions.PageInterval"/>) and capped (<see cref="SweepOptions.MaxPages"/>); each run
/// logs its cost.
/// </summary>
internal sealed partial class ReconciliationSweep(
    CrystallizeOrderList crystallize,
    DaprClient dapr,
    OrderFeed feed,
    EnricherMetrics metrics,
    IOptions<SweepOptions> options,
    IOptions<RedriveOptions> redrive,
    IOptions<OrderStateOptions> store,
    TimeProvider time,
    ILogger<ReconciliationSweep> logger)
{
    public const string LeaseKey = "sweep-lease";

    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    public async Task<SweepRun> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        if (!await TryTakeLeaseAsync(now, cancellationToken))
        {
            return new SweepRun(false, 0, 0, 0, 0, false, TimeSpan.Zero, "Another sweep ran less than Sweep:MinInterval ago.");
        }

        var started = Stopwatch.GetTimestamp();
        var (pages, listed, fed, overdue) = (0, 0, 0, 0);
        var complete = false;
        string? problem = null;
        string? after = null;
        while (true)
        {
            if (pages > 0 && o.PageInterval > TimeSpan.Zero)
            {
                await Task.Delay(o.PageInterval, time, cancellationToken);
            }

            var page = await crystallize.PageAsync(now - o.Window, after, cancellationToken);
            if (page is OrderListPage.Failed failed)
            {
                problem = failed.Message;
                break;
            }

            var read = (OrderListPage.Read)page;
            pages++;
            listed += read.OrderIds.Count;
            var (newlyFed, newlyOverdue) = await FeedUnrecordedAsync(read.OrderIds, now, cancellationToken);
            (fed, overdue) = (fed + newlyFed, overdue + newlyOverdue);
            if (!read.HasNextPage || read.EndCursor is null)
            {
                complete = true;
                break;
            }

            if (pages >= o.MaxPages)
            {
                problem = $"Stopped after Sweep:MaxPages ({o.MaxPages}) pages; the oldest orders of the window were read.";
                break;
            }

            after = read.EndCursor;
        }

        var run = new SweepRun(true, pages, listed, fed, overdue, complete, Stopwatch.GetElapsedTime(started), problem);
        metrics.Swept("listed", listed);
        metrics.Swept("fed", fed);
        metrics.Swept("overdue", overdue);
        if (complete)
        {
            LogSwept(run.Pages, run.Listed, run.Fed, run.Overdue, run.Elapsed.TotalMilliseconds);
        }
        else
        {
            LogIncomplete(run.Pages, run.Listed, run.Fed, run.Overdue, run.Elapsed.TotalMilliseconds, problem ?? "unknown");
        }

        return run;
    }

    private async Task<(int Fed, int Overdue)> FeedUnrecordedAsync(IReadOnlyList<string> orderIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (orderIds.Count == 0)
        {
            return (0, 0);
        }

        var items = await dapr.GetBulkStateAsync(store.Value.StoreName, [.. orderIds.Select(OrderStateStore.Key)], parallelism: 4, cancellationToken: cancellationToken);
        var recorded = items
            .Where(i => !string.IsNullOrEmpty(i.Value))
            .ToDictionary(i => i.Key, i => JsonSerializer.Deserialize<OrderState>(i.Value, StateJson), StringComparer.Ordinal);
        var (fed, overdue) = (0, 0);
        foreach (var orderId in orderIds)
        {
            if (!recorded.TryGetValue(OrderStateStore.Key(orderId), out var state) || state is null)
            {
                await feed.FeedAsync(orderId, cancellationToken);
                fed++;
                LogFed(orderId);
            }
            else if (state is { Status: OrderStatus.Waiting, NextAttemptAt: { } due } && due < now - redrive.Value.Lag)
            {
                await feed.FeedAsync(orderId, cancellationToken);
                overdue++;
            }
        }

        return (fed, overdue);
    }

    private async Task<bool> TryTakeLeaseAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (lease, etag) = await dapr.GetStateAndETagAsync<SweepLease>(store.Value.StoreName, LeaseKey, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        if (lease is not null && now - lease.StartedAt < options.Value.MinInterval)
        {
            return false;
        }

        return await dapr.TrySaveStateAsync(store.Value.StoreName, LeaseKey, new SweepLease(now), string.IsNullOrEmpty(etag) ? "" : etag, FirstWrite, cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was never recorded by the mesh; the sweep fed it in.")]
    private partial void LogFed(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {Pages} page(s), {Listed} order(s) listed, {Fed} fed in, {Overdue} overdue redrive(s), {ElapsedMs:F0} ms.")]
    private partial void LogSwept(int pages, int listed, int fed, int overdue, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep incomplete after {Pages} page(s), {Listed} order(s) listed, {Fed} fed in, {Overdue} overdue redrive(s), {ElapsedMs:F0} ms: {Problem}")]
    private partial void LogIncomplete(int pages, int listed, int fed, int overdue, double elapsedMs, string problem);
}
