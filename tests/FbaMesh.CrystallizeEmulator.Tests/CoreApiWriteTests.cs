using System.Net;
using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class CoreApiWriteTests
{
    private const string Update = """
        mutation Update($id: ID!, $input: UpdateOrderInput!) {
          updateOrder(id: $id, input: $input) { ... on Order { id meta { key value } updatedAt } ... on BasicError { errorName message } }
        }
        """;

    private const string Stage = """
        mutation Stage($orderId: ID!, $pipelineId: ID!, $stageId: ID!) {
          updateOrderPipelineStage(orderId: $orderId, pipelineId: $pipelineId, stageId: $stageId) { ... on Order { id pipelines { pipelineId stageId } } }
        }
        """;

    [Fact]
    public async Task UpdateOrder_sets_the_given_meta_keys_and_keeps_the_others()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (status, body) = await emulator.CoreAsync(Update, new
        {
            id = Orders.Id,
            input = new { meta = new[] { new { key = "fba-status", value = "COMPLETE" }, new { key = "fba-shipping-speed", value = "standard" } } },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body["errors"] is null, body.ToJsonString());
        var expectedMeta = """[{"key":"fba-shipping-speed","value":"standard"},{"key":"fba-status","value":"COMPLETE"}]""";
        Assert.Equal(expectedMeta, body["data"]!["updateOrder"]!["meta"]!.ToJsonString());
        Assert.Equal(expectedMeta, emulator.App.Orders.Peek(Orders.Id)!["meta"]!.ToJsonString());
        // The Order API (the enricher's read) sees what the Core API wrote.
        var (_, read) = await emulator.QueryAsync("query Q($id: ID!) { order { get(id: $id) { meta { key value } } } }", new { id = Orders.Id });
        Assert.Equal(expectedMeta, read["data"]!["order"]!["get"]!["meta"]!.ToJsonString());
        var write = Assert.Single(emulator.App.Orders.Writes(Orders.Id)!);
        Assert.Equal("updateOrder", write.Operation);
        Assert.Equal("fba-status", write.Input!["meta"]![0]!["key"]!.GetValue<string>());
        Assert.NotNull(body["data"]!["updateOrder"]!["updatedAt"]);
    }

    [Fact]
    public async Task A_stage_change_replaces_the_stage_of_that_pipeline_only()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        await emulator.CoreAsync(Stage, new { orderId = Orders.Id, pipelineId = "fba", stageId = "new" });
        await emulator.CoreAsync(Stage, new { orderId = Orders.Id, pipelineId = "payment", stageId = "paid" });
        var (_, body) = await emulator.CoreAsync(Stage, new { orderId = Orders.Id, pipelineId = "fba", stageId = "shipped" });

        var expected = """[{"pipelineId":"fba","stageId":"shipped"},{"pipelineId":"payment","stageId":"paid"}]""";
        Assert.Equal(expected, body["data"]!["updateOrderPipelineStage"]!["pipelines"]!.ToJsonString());
        using var admin = await emulator.Http.GetAsync($"/_emulator/orders/{Orders.Id}");
        var shown = JsonNode.Parse(await admin.Content.ReadAsStringAsync())!;
        Assert.Equal(expected, shown["pipelines"]!.ToJsonString());
        Assert.Equal("expedited", shown["meta"]![0]!["value"]!.GetValue<string>());
        var writes = JsonNode.Parse(await emulator.Http.GetStringAsync($"/_emulator/orders/{Orders.Id}/writes"))!;
        Assert.Equal(3, writes["count"]!.GetValue<int>());
        Assert.All(writes["writes"]!.AsArray(), w => Assert.Equal("updateOrderPipelineStage", w!["operation"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"meta":[{"key":"","value":"x"}]}""", "A meta key must not be empty.", "BAD_USER_INPUT")]
    [InlineData("""{"meta":[{"key":"a","value":"x"},{"key":"a","value":"y"}]}""", "The meta key \"a\" is given more than once.", "BAD_USER_INPUT")]
    [InlineData("""{"meta":[{"value":"x"}]}""", null, "BAD_USER_INPUT")]
    [InlineData("""{"cart":[]}""", null, "BAD_USER_INPUT")]
    [InlineData("""{"meta":"fba-status"}""", null, "BAD_USER_INPUT")]
    public async Task Bad_input_is_a_GraphQL_error_and_changes_nothing(string input, string? message, string code)
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var before = emulator.App.Orders.Peek(Orders.Id)!.ToJsonString();

        var (status, body) = await emulator.CoreAsync(Update, new { id = Orders.Id, input = JsonNode.Parse(input) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]?["updateOrder"]);
        var error = body["errors"]![0]!;
        Assert.Equal(code, error["extensions"]!["code"]!.GetValue<string>());
        if (message is not null)
        {
            Assert.Equal(message, error["message"]!.GetValue<string>());
        }

        Assert.Equal(before, emulator.App.Orders.Peek(Orders.Id)!.ToJsonString());
        Assert.Empty(emulator.App.Orders.Writes(Orders.Id)!);
    }

    [Fact]
    public async Task An_unknown_order_is_NOT_FOUND_for_reads_and_writes()
    {
        await using var emulator = await Emulator.StartAsync();

        var (_, update) = await emulator.CoreAsync(Update, new { id = Orders.OtherId, input = new { meta = new[] { new { key = "k", value = "v" } } } });
        var (_, stage) = await emulator.CoreAsync(Stage, new { orderId = Orders.OtherId, pipelineId = "fba", stageId = "x" });
        var (_, read) = await emulator.CoreAsync("query($id: ID!) { order(id: $id) { ... on Order { id } } }", new { id = Orders.OtherId });
        var (_, empty) = await emulator.CoreAsync(Stage, new { orderId = Orders.OtherId, pipelineId = "", stageId = "x" });

        Assert.Equal("""{"updateOrder":null}""", update["data"]!.ToJsonString());
        Assert.Equal("""{"updateOrderPipelineStage":null}""", stage["data"]!.ToJsonString());
        Assert.Equal("""{"order":null}""", read["data"]!.ToJsonString());
        Assert.All([update, stage, read], body => Assert.Equal("NOT_FOUND", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        Assert.Contains(Orders.OtherId, update["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("BAD_USER_INPUT", empty["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, emulator.App.Orders.Count);
    }

    [Fact]
    public async Task The_Core_API_checks_the_access_token_and_the_tenant()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var core = emulator.App.CoreApiUrl.ToString();

        var (anonymous, refused) = await emulator.QueryAsync(Stage, new { orderId = Orders.Id, pipelineId = "fba", stageId = "x" }, authenticated: false, path: core);
        var (otherTenant, _) = await emulator.QueryAsync(Stage, new { orderId = Orders.Id, pipelineId = "fba", stageId = "x" }, path: new Uri(emulator.App.BaseAddress, "@someone-else").ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal("UNAUTHENTICATED", refused["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, otherTenant);
        Assert.Empty(emulator.App.Orders.Writes(Orders.Id)!);
    }

    [Fact]
    public async Task The_Order_API_serves_no_mutations()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (_, body) = await emulator.QueryAsync(Stage, new { orderId = Orders.Id, pipelineId = "fba", stageId = "x" });

        Assert.Null(body["data"]);
        Assert.Empty(emulator.App.Orders.Writes(Orders.Id)!);
    }

    [Fact]
    public async Task An_injected_fault_for_an_order_applies_to_its_Core_API_writes()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        emulator.App.Faults.Add(new Admin.FaultRule(503, 1, null, Orders.Id, TimeSpan.Zero, null));

        var (faulted, _) = await emulator.CoreAsync(Stage, new { orderId = Orders.Id, pipelineId = "fba", stageId = "x" });
        var (passed, _) = await emulator.CoreAsync(Stage, new { orderId = Orders.Id, pipelineId = "fba", stageId = "x" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted);
        Assert.Equal(HttpStatusCode.OK, passed);
        Assert.Single(emulator.App.Orders.Writes(Orders.Id)!);
        var logged = emulator.App.Requests.Snapshot();
        Assert.Equal([Orders.Id], logged[0].OrderIds);
        Assert.Equal("/@acme", logged[0].Path);
        Assert.Equal("Stage", logged[1].OperationName);
    }
}
