using System.Text.Json;
using Dapr.Client;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Orders.Index;

/// <summary>What the list asks for: a status (null: all), a range of receipt in whole UTC hours, a page (from 1).</summary>
internal sealed record OrderListQuery(string? Status, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize);

/// <summary>One page of the list, newest first, with the counts of the whole range.</summary>
internal sealed record OrderListResult(
    IReadOnlyList<IndexedOrder> Orders,
    int Total,
    IReadOnlyDictionary<string, int> StatusCounts,
    IReadOnlyList<(DateTimeOffset Hour, int Orders)> PerHour);

/// <summary>
/// Reads the order index: the 16 shard summaries (one bulk read) say which hours hold how many orders in
/// which status, so a page reads only the buckets of the hours it shows. Nothing here scans the store.
/// </summary>
internal sealed class OrderIndexQueries(DaprClient dapr, IOptions<OrderStateOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string storeName = options.Value.StoreName;

    public async Task<OrderListResult> ListAsync(OrderListQuery query, CancellationToken cancellationToken)
    {
        var summaries = await ReadManyAsync<IndexSummary>(
            [.. Enumerable.Range(0, IndexKeys.Shards).Select(IndexKeys.Summary)], cancellationToken);

        // hour → shard → counts
        var hours = new SortedDictionary<string, Dictionary<int, HourCounts>>(StringComparer.Ordinal);
        for (var shard = 0; shard < IndexKeys.Shards; shard++)
        {
            foreach (var (hour, counts) in summaries.GetValueOrDefault(IndexKeys.Summary(shard))?.Hours ?? [])
            {
                if (!hours.TryGetValue(hour, out var byShard))
                {
                    hours[hour] = byShard = [];
                }

                byShard[shard] = counts;
            }
        }

        var from = query.From is { } f ? IndexKeys.Hour(f) : null;
        var to = query.To is { } t ? IndexKeys.Hour(t) : null;
        var inRange = hours
            .Where(h => (from is null || string.CompareOrdinal(h.Key, from) >= 0) && (to is null || string.CompareOrdinal(h.Key, to) <= 0))
            .Reverse()
            .ToList();

        var statusCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var counts in inRange.SelectMany(h => h.Value.Values))
        {
            foreach (var (status, n) in counts.Statuses)
            {
                statusCounts[status] = statusCounts.GetValueOrDefault(status) + n;
            }
        }

        int Matching(HourCounts c) => query.Status is null ? c.Statuses.Values.Sum() : c.Statuses.GetValueOrDefault(query.Status);
        var total = inRange.Sum(h => h.Value.Values.Sum(Matching));

        // Newest hours first: skip whole hours before the page, read the buckets of the hours it covers.
        var skip = (Math.Max(1, query.Page) - 1) * query.PageSize;
        var seen = 0;
        var keys = new List<string>();
        var skipInFirst = 0;
        foreach (var (hour, byShard) in inRange)
        {
            var n = byShard.Values.Sum(Matching);
            if (n == 0)
            {
                continue;
            }

            if (seen + n <= skip)
            {
                seen += n;
                continue;
            }

            if (keys.Count == 0)
            {
                skipInFirst = skip - seen;
            }

            keys.AddRange(byShard.Where(s => Matching(s.Value) > 0).Select(s => IndexKeys.Bucket(s.Key, hour)));
            seen += n;
            if (seen >= skip + query.PageSize)
            {
                break;
            }
        }

        var buckets = await ReadManyAsync<IndexBucket>(keys, cancellationToken);
        var rows = buckets.Values
            .SelectMany(b => b.Orders)
            .Where(o => query.Status is null || o.Status == query.Status)
            .Where(o => (from is null || string.CompareOrdinal(IndexKeys.Hour(o.ReceivedAt), from) >= 0) && (to is null || string.CompareOrdinal(IndexKeys.Hour(o.ReceivedAt), to) <= 0))
            .OrderByDescending(o => o.ReceivedAt)
            .ThenBy(o => o.OrderId, StringComparer.Ordinal)
            .Skip(skipInFirst)
            .Take(query.PageSize)
            .ToList();

        return new OrderListResult(rows, total, statusCounts, PerHour(hours));
    }

    /// <summary>Orders received in each of the last 24 hours (the current one included), oldest first.</summary>
    private List<(DateTimeOffset Hour, int Orders)> PerHour(SortedDictionary<string, Dictionary<int, HourCounts>> hours)
    {
        var now = time.GetUtcNow();
        var current = IndexKeys.HourStart(IndexKeys.Hour(now));
        return [.. Enumerable.Range(0, 24).Reverse().Select(back =>
        {
            var hour = current.AddHours(-back);
            var n = hours.TryGetValue(IndexKeys.Hour(hour), out var byShard) ? byShard.Values.Sum(c => c.Statuses.Values.Sum()) : 0;
            return (hour, n);
        })];
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string orderId, CancellationToken cancellationToken) =>
        (await dapr.GetStateAsync<OrderTimeline>(storeName, IndexKeys.Timeline(orderId), ConsistencyMode.Strong, cancellationToken: cancellationToken))?.Entries ?? [];

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(CancellationToken cancellationToken) =>
        (await dapr.GetStateAsync<DeadLetterList>(storeName, IndexKeys.DeadLetters, ConsistencyMode.Strong, cancellationToken: cancellationToken))?.Items ?? [];

    /// <summary>The current status of each order, read from the order state itself (the truth), for the dead-letter page.</summary>
    public async Task<IReadOnlyDictionary<string, OrderState>> StatesAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var ids = orderIds.Distinct(StringComparer.Ordinal).ToList();
        var states = await ReadManyAsync<OrderState>([.. ids.Select(OrderStateStore.Key)], cancellationToken);
        return ids.Where(id => states.ContainsKey(OrderStateStore.Key(id))).ToDictionary(id => id, id => states[OrderStateStore.Key(id)], StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, T>> ReadManyAsync<T>(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        where T : class
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var items = await dapr.GetBulkStateAsync(storeName, keys, parallelism: null, cancellationToken: cancellationToken);
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!string.IsNullOrEmpty(item.Value) && JsonSerializer.Deserialize<T>(item.Value, Json) is { } value)
            {
                found[item.Key] = value;
            }
        }

        return found;
    }
}
