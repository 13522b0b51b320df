using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Redrive;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.OrderEnricher.Tests.Redrive;

/// <summary>The due-order index in the emulated fbamesh-state (Redrive:BucketWidth 5 s in the mesh).</summary>
public sealed class DueOrderIndexTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private readonly EnricherMesh mesh = fixture.Mesh;

    private DueOrderIndex Index => this.mesh.Services.GetRequiredService<DueOrderIndex>();

    [Fact]
    public async Task Concurrent_writers_into_one_bucket_lose_no_entry()
    {
        // Far in the future, so the mesh's own redrive leaves these entries alone.
        var due = DateTimeOffset.UtcNow + TimeSpan.FromDays(3);
        var ids = Enumerable.Range(0, 40).Select(_ => OrderIds.New()).ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(() => Index.AddAsync(id, due, CancellationToken.None))));

        var read = await Index.ReadAsync(due, due, 1, CancellationToken.None);
        var entries = read.SelectMany(b => b.Bucket.Entries).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), entries.Select(e => e.OrderId).Order(StringComparer.Ordinal));
        Assert.True(read.Count(b => b.Bucket.Entries.Count > 0) > 1, "orders spread over the shards");
    }

    [Fact]
    public async Task Removing_handled_entries_keeps_a_newer_entry_of_the_same_order()
    {
        // At a bucket's start, so both entries share the bucket.
        var due = Index.BucketOf(DateTimeOffset.UtcNow + TimeSpan.FromDays(4));
        var id = OrderIds.New();
        await Index.AddAsync(id, due, CancellationToken.None);
        await Index.AddAsync(id, due + TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var key = Index.KeyOf(Index.BucketOf(due), Index.ShardOf(id));

        await Index.RemoveAsync(key, [new DueEntry(id, due)], CancellationToken.None);

        var left = (await Index.ReadAsync(due, due, 1, CancellationToken.None)).SelectMany(b => b.Bucket.Entries).ToList();
        Assert.Equal([new DueEntry(id, due + TimeSpan.FromMilliseconds(300))], left);
    }

    [Fact]
    public async Task A_waiting_order_is_sent_again_once_due_and_its_entry_is_removed()
    {
        var id = this.mesh.CopyOfFixture("6724c1a95e1d4b0012a3f101");
        var now = DateTimeOffset.UtcNow;
        await this.mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), new OrderState
        {
            OrderId = id, Status = OrderStatus.Waiting, Attempts = 1, SellerFulfillmentOrderId = id, ReasonCode = "submitter-unavailable",
            ReceivedAt = now, UpdatedAt = now, WaitingSince = now, NextAttemptAt = now + TimeSpan.FromMilliseconds(500),
        });
        await Index.AddAsync(id, now + TimeSpan.FromMilliseconds(500), CancellationToken.None);

        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal(2, state.Attempts);
        Assert.Equal(1, this.mesh.Submitter.Count(id));
        await Eventually.UntilAsync(
            async () => !(await Index.ReadAsync(now, now + TimeSpan.FromSeconds(1), 2, CancellationToken.None)).SelectMany(b => b.Bucket.Entries).Any(e => e.OrderId == id),
            "the entry to be removed");
    }

    [Fact]
    public async Task An_entry_due_while_its_order_is_still_claimed_stays_until_the_parking_delivery_wrote_Waiting()
    {
        // A delivery parks an order by writing the entry first and the Waiting state second; a run in between
        // sees the entry due while the order is still claimed, and must not drop it.
        var id = this.mesh.CopyOfFixture("6724c1a95e1d4b0012a3f101");
        var now = DateTimeOffset.UtcNow;
        await SaveAsync(Claimed(id, now, claimedAt: now));
        await Index.AddAsync(id, now, CancellationToken.None);

        await this.mesh.TriggerBindingAsync("fbamesh-redrive");

        Assert.True(await HasEntryAsync(id, now), "the entry of a claimed order stays in the index");
        Assert.Equal(0, this.mesh.PublishedFor("orders.received", id));

        await SaveAsync(Claimed(id, now, claimedAt: now) with { Status = OrderStatus.Waiting, ClaimedBy = null, ReasonCode = "submitter-unavailable", WaitingSince = now, NextAttemptAt = now });
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal(1, this.mesh.Submitter.Count(id));
    }

    [Fact]
    public async Task An_order_left_claimed_by_a_delivery_that_died_is_sent_again_once_the_claim_lease_ran_out()
    {
        var id = this.mesh.CopyOfFixture("6724c1a95e1d4b0012a3f101");
        var now = DateTimeOffset.UtcNow;
        await SaveAsync(Claimed(id, now, claimedAt: now - TimeSpan.FromMinutes(5)));
        await Index.AddAsync(id, now, CancellationToken.None);

        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal(2, state.Attempts);
        Assert.Equal(1, this.mesh.Submitter.Count(id));
    }

    [Fact]
    public async Task An_entry_due_before_the_cursor_goes_into_the_bucket_of_now_which_the_scheduler_passes_only_a_lag_later()
    {
        // Claimed, so the mesh's own redrive keeps the entry where it was written while the test looks.
        var id = this.mesh.CopyOfFixture("6724c1a95e1d4b0012a3f101");
        var before = DateTimeOffset.UtcNow;
        await SaveAsync(Claimed(id, before, claimedAt: before));
        // The cursor exists once the redrive ran: this test need not come after one that waited for it.
        await this.mesh.TriggerBindingAsync("fbamesh-redrive");

        await Index.AddAsync(id, before - TimeSpan.FromHours(1), CancellationToken.None);

        var (cursor, _) = await Index.ReadCursorAsync(CancellationToken.None);
        Assert.NotNull(cursor);
        var written = (await Index.ReadAsync(cursor.From, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), 600, CancellationToken.None))
            .Where(b => b.Bucket.Entries.Any(e => e.OrderId == id)).Select(b => b.BucketStart).ToList();
        Assert.True(written.Count == 1 && written[0] >= Index.BucketOf(before), $"written into {string.Join(", ", written)}; the bucket of now is {Index.BucketOf(before):O}");
        await SaveAsync(Claimed(id, before, claimedAt: before) with { Status = OrderStatus.Skipped, ClaimedBy = null, ReasonCode = "test-done" });
    }

    [Fact]
    public async Task Parking_written_with_the_claims_ETag_stands_even_when_the_redrive_claims_the_order_right_after()
    {
        // The parking delivery answers from its own write: a delivery claiming the order a moment later
        // (the redrive, once the order is due) is not a conflict that would make it ask for redelivery.
        var claims = this.mesh.Services.GetRequiredService<FbaMesh.OrderEnricher.Pipeline.OrderClaims>();
        var id = OrderIds.New();
        var (first, _) = await claims.ClaimAsync(id, CancellationToken.None);
        Assert.NotNull(first);
        var now = DateTimeOffset.UtcNow;
        var parked = first.State with { Status = OrderStatus.Waiting, ClaimedBy = null, ReasonCode = "submitter-unavailable", WaitingSince = now, NextAttemptAt = now + TimeSpan.FromDays(1) };

        Assert.Null(await claims.SaveLastAsync(first, parked, CancellationToken.None));
        var (second, _) = await claims.ClaimAsync(id, CancellationToken.None);

        Assert.NotNull(second);
        Assert.Equal(2, second.State.Attempts);
        // The first delivery's ETag no longer holds the order: writing with it changes nothing.
        Assert.Equal(FbaMesh.OrderEnricher.Pipeline.DeliveryDecision.Retry, await claims.SaveLastAsync(first, parked, CancellationToken.None));
        var (state, _) = await this.mesh.Services.GetRequiredService<OrderStateStore>().GetAsync(id, CancellationToken.None);
        Assert.Equal((OrderStatus.Received, second.State.ClaimedBy), (state!.Status, state.ClaimedBy));
        Assert.Null(await claims.SaveLastAsync(second, parked with { Attempts = 2, Status = OrderStatus.Skipped, ReasonCode = "test-done" }, CancellationToken.None));
    }

    private static OrderState Claimed(string id, DateTimeOffset receivedAt, DateTimeOffset claimedAt) => new()
    {
        OrderId = id, Status = OrderStatus.Received, Attempts = 1, SellerFulfillmentOrderId = id, ClaimedBy = "a-delivery-at-work",
        ReceivedAt = receivedAt, UpdatedAt = claimedAt,
    };

    private Task SaveAsync(OrderState state) => this.mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(state.OrderId), state);

    private async Task<bool> HasEntryAsync(string id, DateTimeOffset near) =>
        (await Index.ReadAsync(near - TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), 600, CancellationToken.None))
            .SelectMany(b => b.Bucket.Entries).Any(e => e.OrderId == id);
}
