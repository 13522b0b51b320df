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
}
