using System.Net;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.OrderEnricher.Tests.Console;

/// <summary>
/// The order index on the emulated sidecar's state store: kept by every order state write, paged newest
/// first across hours and shards, correct under concurrent writers, repaired by the next look, and the
/// source of the console's list, counts and timeline.
/// </summary>
public sealed class OrderIndexTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Us = "6724c1b05e1d4b0012a3f102";
    private readonly EnricherMesh mesh = fixture.Mesh;

    private OrderIndex Index => mesh.Services.GetRequiredService<OrderIndex>();

    private OrderIndexQueries Queries => mesh.Services.GetRequiredService<OrderIndexQueries>();

    [Fact]
    public async Task Orders_going_through_the_pipeline_are_listed_with_their_status_and_timeline()
    {
        var ok = mesh.CopyOfFixture(Us);
        var failing = mesh.CopyOfFixture(Us);
        mesh.Submitter.Scripts[failing] = (_, _) => FakeSubmitter.Fail(StatusCode.InvalidArgument, "unknown SKU");
        await mesh.PublishOrderReceivedAsync(ok);
        await mesh.PublishOrderReceivedAsync(failing);
        await mesh.FinalStateAsync(ok);
        await mesh.FinalStateAsync(failing);
        // The final state is written before its index entry (row, then summary, timeline and dead letters);
        // the delivery is answered only after all of them, so the answers say the index is complete.
        await mesh.SettledAnswersAsync(ok, 1);
        await mesh.SettledAnswersAsync(failing, 1);

        var page = await Eventually.UntilAsync(() => mesh.Http.GetStringAsync("/console"), html => html.Contains(failing, StringComparison.Ordinal) && html.Contains(ok, StringComparison.Ordinal), "both orders on the console");
        Assert.Matches($"data-order=\"{ok}\">[^<]*<td class=\"id\">.*?</td>\\s*<td><span class=\"status status-Submitted\">", Flatten(page));
        Assert.Matches($"data-order=\"{failing}\">[^<]*<td class=\"id\">.*?</td>\\s*<td><span class=\"status status-Failed\">", Flatten(page));

        var failed = await mesh.Http.GetStringAsync("/console?status=Failed");
        Assert.Contains(failing, failed, StringComparison.Ordinal);
        Assert.DoesNotContain(ok, failed, StringComparison.Ordinal);

        var timeline = await Queries.TimelineAsync(failing, CancellationToken.None);
        Assert.Equal(["received", "read", "failed"], timeline.Select(s => s.Kind));
        Assert.Equal("amazon-rejected", timeline[^1].ReasonCode);
        var submitted = await Queries.TimelineAsync(ok, CancellationToken.None);
        Assert.Equal(["received", "read", "submitted"], submitted.Select(s => s.Kind));
        Assert.Equal(ok, submitted[^1].Reference);

        var deadLetters = await mesh.Http.GetStringAsync("/console/dead-letters");
        Assert.Contains(failing, deadLetters, StringComparison.Ordinal);
        Assert.DoesNotContain(ok, deadLetters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_bucket_all_land_and_the_counts_agree()
    {
        // One shard (same last hex digit) and one hour: every write meets the others on the same key.
        var hour = HoursAgo(24 * 10);
        var ids = Enumerable.Range(0, 24).Select(i => OrderIds.New()[..23] + "7").Distinct().ToList();
        await Task.WhenAll(ids.Select((id, i) => Index.RecordAsync(State(id, hour.AddMinutes(i), OrderStatus.Received), CancellationToken.None)));
        await Task.WhenAll(ids.Take(10).Select((id, i) => Index.RecordAsync(State(id, hour.AddMinutes(i), OrderStatus.Failed, hour.AddMinutes(59)), CancellationToken.None)));

        var list = await Queries.ListAsync(new OrderListQuery(null, hour, hour, 1, 100), CancellationToken.None);

        Assert.Equal(ids.Order(StringComparer.Ordinal), list.Orders.Select(o => o.OrderId).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, list.Total);
        Assert.Equal(10, list.StatusCounts["Failed"]);
        Assert.Equal(ids.Count - 10, list.StatusCounts["Received"]);
    }

    [Fact]
    public async Task Two_index_writers_as_two_replicas_meet_on_one_bucket_and_every_change_lands()
    {
        // Each writer commits its waiting changes as one batch; the two batches conflict on the bucket,
        // the summary and the dead letters and must be retried from a fresh read until both landed.
        var other = ActivatorUtilities.CreateInstance<OrderIndex>(mesh.Services);
        var hour = HoursAgo(24 * 12);
        var ids = Enumerable.Range(0, 30).Select(i => OrderIds.New()[..23] + "b").Distinct().ToList();
        await Task.WhenAll(ids.Select((id, i) => (i % 2 == 0 ? Index : other).RecordAsync(State(id, hour.AddMinutes(i), OrderStatus.Received), CancellationToken.None)));
        await Task.WhenAll(ids.Take(12).Select((id, i) => (i % 2 == 1 ? Index : other).RecordAsync(State(id, hour.AddMinutes(i), OrderStatus.Failed, hour.AddMinutes(59)), CancellationToken.None)));

        var list = await Queries.ListAsync(new OrderListQuery(null, hour, hour, 1, 100), CancellationToken.None);

        Assert.Equal(ids.Order(StringComparer.Ordinal), list.Orders.Select(o => o.OrderId).Order(StringComparer.Ordinal));
        Assert.Equal(12, list.StatusCounts["Failed"]);
        Assert.Equal(ids.Count - 12, list.StatusCounts["Received"]);
        var letters = await Queries.DeadLettersAsync(CancellationToken.None);
        Assert.All(ids.Take(12), id => Assert.Contains(letters, l => l.OrderId == id));
        foreach (var id in ids.Take(12))
        {
            Assert.Equal(["received", "failed"], (await Queries.TimelineAsync(id, CancellationToken.None)).Select(s => s.Kind));
        }
    }

    [Fact]
    public async Task Changes_of_one_order_that_wait_together_keep_every_step_and_a_caller_that_goes_away_stops_no_write()
    {
        var at = HoursAgo(24 * 6).AddMinutes(7);
        var id = OrderIds.New();
        using var gone = new CancellationTokenSource();
        var received = Index.RecordAsync(State(id, at, OrderStatus.Received), gone.Token);
        var read = Index.AddToTimelineAsync(id, [new TimelineEntry(at.AddSeconds(1), "read", "Read from Crystallize.")], CancellationToken.None);
        var submitted = Index.RecordAsync(State(id, at, OrderStatus.Submitted, at.AddSeconds(2)), CancellationToken.None);
        await gone.CancelAsync();
        await Task.WhenAll(read, submitted);
        try
        {
            await received;
        }
        catch (OperationCanceledException)
        {
            // Its caller went away before the batch was written; the change itself must still land (below).
        }

        var timeline = await Queries.TimelineAsync(id, CancellationToken.None);
        Assert.Equal(["received", "read", "submitted"], timeline.Select(s => s.Kind));
        var list = await Queries.ListAsync(new OrderListQuery(null, at, at, 1, 50), CancellationToken.None);
        Assert.Equal("Submitted", Assert.Single(list.Orders, o => o.OrderId == id).Status);
    }

    [Fact]
    public async Task Pages_run_newest_first_across_hours_and_shards_without_gaps_or_repeats()
    {
        var start = HoursAgo(24 * 20);
        var states = Enumerable.Range(0, 45).Select(i => State(OrderIds.New(), start.AddMinutes(i * 17), i % 3 == 0 ? OrderStatus.Failed : OrderStatus.Submitted)).ToList();
        await Task.WhenAll(states.Select(s => Index.RecordAsync(s, CancellationToken.None)));
        var to = start.AddDays(1);

        var seen = new List<string>();
        for (var page = 1; page <= 7; page++)
        {
            var list = await Queries.ListAsync(new OrderListQuery(null, start, to, page, 7), CancellationToken.None);
            Assert.Equal(45, list.Total);
            seen.AddRange(list.Orders.Select(o => o.OrderId));
        }

        Assert.Equal(states.OrderByDescending(s => s.ReceivedAt).Select(s => s.OrderId), seen);

        var failed = await Queries.ListAsync(new OrderListQuery("Failed", start, to, 2, 10), CancellationToken.None);
        Assert.Equal(15, failed.Total);
        Assert.Equal(states.Where(s => s.Status == OrderStatus.Failed).OrderByDescending(s => s.ReceivedAt).Skip(10).Select(s => s.OrderId), failed.Orders.Select(o => o.OrderId));
    }

    [Fact]
    public async Task An_older_state_never_overwrites_a_newer_row()
    {
        var at = HoursAgo(24 * 5).AddMinutes(5);
        var id = OrderIds.New();
        await Index.RecordAsync(State(id, at, OrderStatus.Submitted, at.AddMinutes(2)), CancellationToken.None);
        await Index.RecordAsync(State(id, at, OrderStatus.Received, at.AddMinutes(1)), CancellationToken.None);

        var list = await Queries.ListAsync(new OrderListQuery(null, at, at, 1, 50), CancellationToken.None);

        Assert.Equal("Submitted", Assert.Single(list.Orders, o => o.OrderId == id).Status);
    }

    [Fact]
    public async Task A_lost_index_write_is_repaired_when_the_order_is_looked_at()
    {
        var id = mesh.CopyOfFixture(Us);
        await mesh.PublishOrderReceivedAsync(id);
        var state = await mesh.FinalStateAsync(id);
        // The answer leaves only after the final state's index batch is written: no write can bring the row back below.
        await mesh.SettledAnswersAsync(id, 1);
        await Eventually.UntilAsync(() => mesh.Http.GetStringAsync("/console"), html => html.Contains(id, StringComparison.Ordinal), "the order listed");

        // As if the enricher had crashed between the state write and the index write.
        await mesh.Dapr.DeleteStateAsync("fbamesh-state", IndexKeys.Bucket(IndexKeys.ShardOf(id), IndexKeys.Hour(state.ReceivedAt)));
        Assert.DoesNotContain(id, await mesh.Http.GetStringAsync("/console"), StringComparison.Ordinal);

        using var look = await mesh.Http.GetAsync($"/console/orders/{id}");
        Assert.Equal(HttpStatusCode.OK, look.StatusCode);

        Assert.Contains(id, await mesh.Http.GetStringAsync("/console"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chart_counts_the_orders_of_each_of_the_last_24_hours()
    {
        var list = await Queries.ListAsync(new OrderListQuery(null, null, null, 1, 10), CancellationToken.None);

        Assert.Equal(24, list.PerHour.Count);
        Assert.Equal(IndexKeys.HourStart(IndexKeys.Hour(DateTimeOffset.UtcNow)), list.PerHour[^1].Hour);
        Assert.True(list.PerHour.Zip(list.PerHour.Skip(1)).All(p => p.Second.Hour - p.First.Hour == TimeSpan.FromHours(1)));
    }

    private static OrderState State(string id, DateTimeOffset receivedAt, OrderStatus status, DateTimeOffset? changedAt = null) => new()
    {
        OrderId = id,
        Status = status,
        ReasonCode = status == OrderStatus.Failed ? "amazon-rejected" : null,
        ReceivedAt = receivedAt,
        UpdatedAt = changedAt ?? receivedAt,
    };

    /// <summary>The start of an hour in the past, well inside the index's retention.</summary>
    private static DateTimeOffset HoursAgo(int hours) => IndexKeys.HourStart(IndexKeys.Hour(DateTimeOffset.UtcNow.AddHours(-hours)));

    private static string Flatten(string html) => html.Replace("\n", " ", StringComparison.Ordinal);
}
