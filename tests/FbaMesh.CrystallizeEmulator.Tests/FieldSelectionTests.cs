using System.Net;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Webhooks;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class FieldSelectionTests
{
    [Fact]
    public async Task Answers_only_the_selected_fields_in_the_order_asked()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (status, body) = await emulator.QueryAsync(
            "query Q($id: ID!) { order { get(id: $id) { cart { quantity sku } id customer { addresses { city type } } } } }",
            new { id = Orders.Id });

        Assert.Equal(HttpStatusCode.OK, status);
        var expected = JsonNode.Parse("""
            {"data":{"order":{"get":{
              "cart":[{"quantity":2,"sku":"FBA-MUG-001"},{"quantity":1,"sku":"GIFT"}],
              "id":"5f3c2b1a0d9e8f7a6b5c4d3e",
              "customer":{"addresses":[{"city":"Oslo","type":"delivery"},{"city":"Trondheim","type":"billing"}]}}}}}
            """);
        Assert.Equal(expected!.ToJsonString(), body.ToJsonString());
    }

    [Fact]
    public async Task The_enrichers_query_gets_createdAt_meta_and_streetNumber()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (_, body) = await emulator.QueryAsync(OrderCreatedWebhook.Query, new { id = Orders.Id });

        Assert.Null(body["errors"]);
        var order = body["data"]!["order"]!["get"]!;
        Assert.Equal("2026-11-02T09:15:22.000Z", order["createdAt"]!.GetValue<string>());
        Assert.Equal("expedited", order["meta"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("12", order["customer"]!["addresses"]![0]!["streetNumber"]!.GetValue<string>());
        Assert.Equal(199.5, order["cart"]![0]!["price"]!["gross"]!.GetValue<double>());
        // Asked-for fields the order lacks answer null rather than disappearing.
        Assert.True(order["customer"]!["addresses"]![1]!.AsObject().ContainsKey("street2"));
        Assert.Null(order["customer"]!["addresses"]![1]!["street2"]);
    }

    [Fact]
    public async Task Aliases_typename_and_literal_ids_work()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (_, body) = await emulator.QueryAsync(
            $$"""{ __typename o: order { first: get(id: "{{Orders.Id}}") { __typename orderId: id who: customer { name: firstName } } } }""");

        var expected = JsonNode.Parse("""
            {"data":{"__typename":"Query","o":{"first":{"__typename":"Order","orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","who":{"name":"Ola"}}}}}
            """);
        Assert.Equal(expected!.ToJsonString(), body.ToJsonString());
    }

    [Fact]
    public async Task Fragments_and_repeated_fields_merge_into_one_answer()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (_, body) = await emulator.QueryAsync("""
            query GET($id: ID!) { order { get(id: $id) { id ...Who customer { lastName } ... on Order { meta { key } } } } }
            fragment Who on Order { customer { firstName } }
            """, new { id = Orders.Id }, "GET");

        Assert.Null(body["errors"]);
        Assert.Equal(
            """{"id":"5f3c2b1a0d9e8f7a6b5c4d3e","customer":{"firstName":"Ola","lastName":"Nordmann"},"meta":[{"key":"fba-shipping-speed"}]}""",
            body["data"]!["order"]!["get"]!.ToJsonString());
    }

    [Fact]
    public async Task The_documented_orders_root_and_the_graphql_path_answer_too()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (status, body) = await emulator.QueryAsync(
            "query($id: ID!) { orders { get(id: $id) { id } } }", new { id = Orders.Id }, path: new Uri(emulator.App.BaseAddress, "graphql").ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Orders.Id, body["data"]!["orders"]!["get"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_orders_in_one_query_answer_each_under_its_alias()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (_, body) = await emulator.QueryAsync(
            $$"""{ order { a: get(id: "{{Orders.Id}}") { id } b: get(id: "{{Orders.OtherId}}") { id } } }""");

        Assert.Equal(Orders.Id, body["data"]!["order"]!["a"]!["id"]!.GetValue<string>());
        Assert.Null(body["data"]!["order"]!["b"]);
        Assert.Equal("""["order","b"]""", body["errors"]![0]!["path"]!.ToJsonString());
    }

    [Fact]
    public async Task Include_and_skip_directives_choose_fields()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (_, body) = await emulator.QueryAsync(
            "query Q($id: ID!, $who: Boolean!) { order { get(id: $id) { id customer @include(if: $who) { firstName } createdAt @skip(if: true) } } }",
            new { id = Orders.Id, who = true });

        Assert.Null(body["errors"]);
        Assert.Equal("""{"id":"5f3c2b1a0d9e8f7a6b5c4d3e","customer":{"firstName":"Ola"}}""", body["data"]!["order"]!["get"]!.ToJsonString());
    }
}
