using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Sweep;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.OrderEnricher.Tests.Sweep;

/// <summary>The reconciliation sweep over the Crystallize emulator's Core API (Sweep:PageSize 3 in the mesh).</summary>
public sealed class ReconciliationSweepTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task Orders_whose_webhook_never_came_are_fed_in_once_and_recorded_ones_are_left_alone()
    {
        var now = DateTimeOffset.UtcNow;
        var known = this.mesh.NewOrderFromFixture(Norway, now - TimeSpan.FromMinutes(30));
        await this.mesh.PublishOrderReceivedAsync(known);
        Assert.Equal(OrderStatus.Submitted, (await this.mesh.FinalStateAsync(known)).Status);
        var lost = Enumerable.Range(0, 7).Select(i => this.mesh.NewOrderFromFixture(Norway, now - TimeSpan.FromMinutes(20 - i))).ToList();
        var tooOld = this.mesh.NewOrderFromFixture(Norway, now - TimeSpan.FromHours(49));

        var first = await this.mesh.TriggerBindingAsync("fbamesh-reconcile");
        foreach (var id in lost)
        {
            Assert.Equal(OrderStatus.Submitted, (await this.mesh.FinalStateAsync(id)).Status);
        }

        var second = await this.mesh.TriggerBindingAsync("fbamesh-reconcile");

        Assert.True(first.GetProperty("ran").GetBoolean());
        Assert.True(first.GetProperty("complete").GetBoolean());
        Assert.Equal(7, first.GetProperty("fed").GetInt32());
        Assert.True(first.GetProperty("listed").GetInt32() >= 8);
        Assert.True(first.GetProperty("pages").GetInt32() >= 3, "pages of 3 to the end");
        Assert.Equal(0, second.GetProperty("fed").GetInt32());
        Assert.All(lost, id => Assert.Equal(1, this.mesh.Submitter.Count(id)));
        Assert.Equal(1, this.mesh.Submitter.Count(known));
        Assert.Null(await this.mesh.StateAsync(tooOld));
    }

    [Fact]
    public async Task The_sweep_reads_the_same_pages_as_crystallize_s_own_js_client()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var minutes in new[] { 50, 40, 30, 20, 10 })
        {
            this.mesh.NewOrderFromFixture(Norway, now - TimeSpan.FromMinutes(minutes));
        }

        var list = this.mesh.Services.GetRequiredService<CrystallizeOrderList>();
        var from = now - TimeSpan.FromHours(1);
        var ours = new List<OrderListPage.Read>();
        string? after = null;
        do
        {
            var page = Assert.IsType<OrderListPage.Read>(await list.PageAsync(from, after, CancellationToken.None));
            ours.Add(page);
            after = page.HasNextPage ? page.EndCursor : null;
        }
        while (after is not null);

        // The JS client's Core API caller sends the sweep's own query, following endCursor to the end.
        var fromText = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var theirs = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var run = await RunJsAsync(new { op = "nextPimApi", query = FbaMesh.Crystallize.CoreApi.CoreApiOperations.CreatedOrders, variables = (object)new { first = 3, after = cursor, from = fromText } });
            var orders = run["results"]![0]!["value"]!["orders"]!;
            theirs.Add(orders);
            cursor = orders["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? orders["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (cursor is not null && theirs.Count < 20);

        Assert.True(ours.Count >= 2);
        Assert.Equal(ours.Count, theirs.Count);
        foreach (var (page, js) in ours.Zip(theirs))
        {
            Assert.Equal(page.OrderIds, js["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
            Assert.Equal(page.HasNextPage, js["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            Assert.Equal(page.EndCursor, js["pageInfo"]!["endCursor"]?.GetValue<string>());
        }
    }

    private async Task<JsonNode> RunJsAsync(params object[] steps)
    {
        var input = JsonSerializer.Serialize(new
        {
            baseUrl = this.mesh.Crystallize.BaseAddress.ToString(),
            tenantIdentifier = "fbamesh-dev",
            accessTokenId = "dev-only-fake-access-token-id",
            accessTokenSecret = "dev-only-fake-access-token-secret",
            steps,
        });
        // Node.js calls back into this process's emulator, so the wait must not hold a test thread.
        return JsonNode.Parse(await Task.Run(() => new NodeOracle().Run("order-api.mjs", input)))!;
    }
}
