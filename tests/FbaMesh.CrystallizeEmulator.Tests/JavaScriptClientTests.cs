using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

/// <summary>Crystallize's own JS client (7.4.0, tools/js-oracle) run against the emulator's Core API.</summary>
public sealed class JavaScriptClientTests
{
    [Fact]
    public async Task Its_order_manager_updates_meta_and_moves_pipeline_stages()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var shipments = """[{"carrier":"UPS","trackingNumber":"1Z999"}]""";

        var run = await RunAsync(emulator,
            new { op = "update", order = new { id = Orders.Id, meta = new[] { new { key = "fba-status", value = "COMPLETE" }, new { key = "fba-shipments", value = shipments } } } },
            new { op = "putInPipelineStage", id = Orders.Id, pipelineId = "fba", stageId = "shipped" },
            new { op = "update", order = new { id = Orders.OtherId, meta = new[] { new { key = "fba-status", value = "COMPLETE" } } } },
            new { op = "putInPipelineStage", id = Orders.OtherId, pipelineId = "fba", stageId = "shipped" });

        var results = run["results"]!.AsArray();
        Assert.Equal(Orders.Id, results[0]!["value"]!["id"]!.GetValue<string>());
        Assert.Equal(Orders.Id, results[1]!["value"]!["id"]!.GetValue<string>());
        Assert.Equal("ola@example.no", results[1]!["value"]!["customer"]!["identifier"]!.GetValue<string>());
        Assert.Contains("was not found", results[2]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("was not found", results[3]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = emulator.App.Orders.Peek(Orders.Id)!;
        Assert.Equal(["fba-shipping-speed", "fba-status", "fba-shipments"], stored["meta"]!.AsArray().Select(m => m!["key"]!.GetValue<string>()));
        Assert.Equal(shipments, stored["meta"]![2]!["value"]!.GetValue<string>());
        Assert.Equal("""[{"pipelineId":"fba","stageId":"shipped"}]""", stored["pipelines"]!.ToJsonString());
        Assert.Equal(["updateOrder", "updateOrderPipelineStage"], emulator.App.Orders.Writes(Orders.Id)!.Select(w => w.Operation));
        // The client's own operations, sent to its Core API address.
        var queries = run["requests"]!.AsArray().Select(r => r!["query"]!.GetValue<string>()).ToList();
        Assert.All(run["requests"]!.AsArray(), r => Assert.Equal("https://api.crystallize.com/@acme", r!["url"]!.GetValue<string>()));
        Assert.StartsWith("mutation { updateOrder (id: ", queries[0], StringComparison.Ordinal);
        Assert.StartsWith("mutation { updateOrderPipelineStage (orderId: ", queries[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_order_fetcher_pages_to_the_end_reading_the_pages_the_emulator_serves()
    {
        await using var emulator = await Emulator.StartAsync(o => o.FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath);
        var ids = Enumerable.Range(0, 7).Select(i => $"5f3c2b1a0d9e8f7a6b5c4e{i:x2}").ToList();
        foreach (var (id, day) in ids.Select((id, day) => (id, day)))
        {
            emulator.Put(id, $$"""{"id":"{{id}}","createdAt":"2026-12-0{{day + 1}}T10:00:00.000Z","customer":{"identifier":"pager@example.com"},"cart":[],"meta":[]}""");
        }

        var filter = new { createdAt = new { from = "2026-12-02T10:00:00.000Z", to = "2026-12-06T10:00:00.000Z" } };
        var run = await RunAsync(emulator,
            new { op = "pageByCustomer", customerIdentifier = "pager@example.com", first = 2, filter = (object?)null },
            new { op = "pageByCustomer", customerIdentifier = "pager@example.com", first = 2, filter = (object?)filter });

        var all = run["results"]![0]!["value"]!.AsArray();
        var ranged = run["results"]![1]!["value"]!.AsArray();
        Assert.Equal(ids, all.SelectMany(PageIds));
        Assert.Equal([2, 2, 2, 1], all.Select(p => PageIds(p).Count));
        Assert.Equal(ids.Skip(1).Take(5), ranged.SelectMany(PageIds));
        // Page for page, the client read what the emulator serves to the same query.
        string? after = null;
        foreach (var page in all)
        {
            var (_, served) = await emulator.CoreAsync(
                "query($after: String) { orders(first: 2, after: $after, filter: {customer: {identifier: \"pager@example.com\"}}) { ... on OrderConnection { pageInfo { hasPreviousPage hasNextPage startCursor endCursor } edges { node { id } } } } }",
                new { after });
            var servedPage = served["data"]!["orders"]!;
            Assert.Equal(servedPage["pageInfo"]!.ToJsonString(), page!["pageInfo"]!.ToJsonString());
            Assert.Equal(servedPage["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()), PageIds(page));
            after = servedPage["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        // The fetcher's own order shape: reference, createdAt, customer, cart and total with discounts and tax.
        var first = all[0]!["orders"]![0]!;
        Assert.Equal("2026-12-01T10:00:00.000Z", first["createdAt"]!.GetValue<string>());
        Assert.Equal("pager@example.com", first["customer"]!["identifier"]!.GetValue<string>());
        var query = run["requests"]![0]!["query"]!.GetValue<string>();
        Assert.StartsWith("query { orders (filter: {customer: {identifier: \"pager@example.com\"}}, first: 2)", query, StringComparison.Ordinal);
        Assert.Contains("pageInfo { hasPreviousPage hasNextPage startCursor endCursor }", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_Core_API_caller_pages_every_order_of_the_tenant_by_creation_time()
    {
        await using var emulator = await Emulator.StartAsync(o => o.FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath);
        const string Page = """
            query ($after: String, $from: DateTime!) {
              orders(first: 4, after: $after, filter: {createdAt: {from: $from}}) {
                ... on OrderConnection { pageInfo { hasNextPage endCursor } edges { node { id } } }
                ... on BasicError { errorName message }
              }
            }
            """;
        var from = emulator.App.Orders.All()[3].CreatedAt.ToString("O");

        var run = await RunAsync(emulator,
            new { op = "nextPimApi", query = Page, variables = (object)new { from } },
            new { op = "nextPimApi", query = Page, variables = (object)new { from, after = "not-a-cursor" } });

        var firstPage = run["results"]![0]!["value"]!["orders"]!;
        Assert.Equal(emulator.App.Orders.All().Skip(3).Take(4).Select(o => o.Id), firstPage["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.True(firstPage["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal("\"after\" is not a cursor this API issued.", run["results"]![1]!["error"]!.GetValue<string>());
    }

    private static List<string> PageIds(JsonNode? page) =>
        [.. page!["orders"]!.AsArray().Select(o => o!["id"]!.GetValue<string>())];

    private static async Task<JsonNode> RunAsync(Emulator emulator, params object[] steps)
    {
        var input = JsonSerializer.Serialize(new
        {
            baseUrl = emulator.App.BaseAddress.ToString(),
            tenantIdentifier = "acme",
            accessTokenId = Emulator.TokenId,
            accessTokenSecret = Emulator.TokenSecret,
            steps,
        });
        // Node.js calls back into this process's emulator, so the wait must not hold a test thread.
        return JsonNode.Parse(await Task.Run(() => new NodeOracle().Run("order-api.mjs", input)))!;
    }
}
