using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.CrystallizeEmulator.Webhooks;
using GraphQL;
using GraphQL.Types;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class FixtureTests
{
    private static readonly string Folder = CrystallizeEmulatorOptions.SampleFixturesPath;

    private static List<(string File, string Id, JsonObject Order)> Fixtures() =>
        Directory.GetFiles(Folder, "*.json")
            .Where(f => !OrderFixtures.NotOrders.Contains(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => OrderFixtures.Read(f) is var (id, order) ? (Path.GetFileName(f), id, order) : default)
            .ToList();

    private static JsonObject Expected() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!.AsObject();

    [Fact]
    public void At_least_twelve_fixtures_parse_with_unique_valid_ids()
    {
        var fixtures = Fixtures();

        Assert.True(fixtures.Count >= 12, $"{fixtures.Count} fixtures");
        Assert.All(fixtures, f => Assert.True(OrderId.IsValid(f.Id), $"{f.File}: {f.Id}"));
        Assert.Equal(fixtures.Count, fixtures.Select(f => f.Id).Distinct().Count());
    }

    [Fact]
    public void Every_fixture_holds_every_field_the_schema_can_ask_for()
    {
        foreach (var (file, _, order) in Fixtures())
        {
            var missing = new List<string>();
            CollectMissing(order, Schema.OrderApiSchema.Instance.AllTypes["Order"]!, "order", missing);
            Assert.True(missing.Count == 0, $"{file} lacks {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public async Task The_emulator_serves_every_fixture_to_the_enrichers_query()
    {
        await using var emulator = await Emulator.StartAsync(o => o.FixturesPath = Folder);

        foreach (var (file, id, _) in Fixtures())
        {
            var (_, body) = await emulator.QueryAsync(OrderCreatedWebhook.Query, new { id });
            Assert.True(body["errors"] is null, $"{file}: {body["errors"]}");
            Assert.Equal(id, body["data"]!["order"]!["get"]!["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Expected_outcomes_cover_every_fixture_and_agree_with_its_cart()
    {
        var expected = Expected();
        var fixtures = Fixtures();

        Assert.Equal(fixtures.Select(f => f.Id).Order(), expected.Select(e => e.Key).Order());
        foreach (var (file, id, order) in fixtures)
        {
            var outcome = expected[id]!;
            var kind = outcome["outcome"]!.GetValue<string>();
            Assert.Contains(kind, new[] { "submit", "skip", "fail" });
            if (kind != "submit")
            {
                Assert.Matches("^[a-z]+(-[a-z]+)*$", outcome["reasonCode"]!.GetValue<string>());
                continue;
            }

            var request = outcome["request"]!;
            Assert.Equal(id, request["sellerFulfillmentOrderId"]!.GetValue<string>());
            var cartUnits = order["cart"]!.AsArray()
                .Where(l => l!["sku"]!.GetValue<string>().StartsWith("FBA-", StringComparison.Ordinal))
                .GroupBy(l => l!["sku"]!.GetValue<string>())
                .ToDictionary(g => g.Key, g => g.Sum(l => l!["quantity"]!.GetValue<int>()));
            var items = request["items"]!.AsArray().ToDictionary(i => i!["sellerSku"]!.GetValue<string>(), i => i!["quantity"]!.GetValue<int>());
            Assert.True(cartUnits.OrderBy(p => p.Key).SequenceEqual(items.OrderBy(p => p.Key)), $"{file}: items disagree with the cart");
        }
    }

    [Fact]
    public void The_fixtures_cover_each_failure_and_skip_reason_and_the_meta_switches()
    {
        var outcomes = Expected().Select(e => e.Value!).ToList();
        var reasons = outcomes.Select(o => o["reasonCode"]?.GetValue<string>()).ToHashSet();
        var countries = Fixtures().SelectMany(f => f.Order["customer"]!["addresses"]!.AsArray()).Select(a => a!["country"]!.GetValue<string>().Trim()).ToHashSet();

        Assert.Superset(new HashSet<string?> { "no-shipping-address", "too-many-units", "invalid-country", "no-fba-items" }, reasons);
        Assert.Superset(new HashSet<string> { "Norway", "United States", "no", "NO" }, countries);
        Assert.Contains(outcomes, o => o["request"]?["fulfillmentAction"]?.GetValue<string>() == "Hold");
        Assert.Contains(outcomes, o => o["request"]?["shippingSpeedCategory"]?.GetValue<string>() == "Expedited");
        Assert.Contains(outcomes, o => o["request"] is { } r && r["notificationEmails"] is null);
    }

    [Fact]
    public async Task A_broken_fixture_stops_the_start_and_names_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("crystallize-fixtures-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "bad-order.json"), """{"id":"not-hex"}""");

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => Emulator.StartAsync(o => o.FixturesPath = folder));

            Assert.Contains("bad-order.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Fields a freshly created order does not carry yet: it is in no pipeline, its prices have no discounts.
    private static readonly HashSet<string> NotInANewOrder = ["Order.pipelines", "Price.discounts"];

    private static void CollectMissing(JsonObject value, IGraphType type, string path, List<string> missing)
    {
        foreach (var field in ((IComplexGraphType)type).Fields.Where(f => !NotInANewOrder.Contains($"{type.Name}.{f.Name}")))
        {
            if (!value.TryGetPropertyValue(field.Name, out var child))
            {
                missing.Add($"{path}.{field.Name}");
                continue;
            }

            var fieldType = field.ResolvedType!.GetNamedType();
            if (child is null || fieldType is ScalarGraphType)
            {
                continue;
            }

            var items = child is JsonArray array ? array.Select(i => i!.AsObject()) : [child.AsObject()];
            foreach (var item in items)
            {
                CollectMissing(item, fieldType, $"{path}.{field.Name}", missing);
            }
        }
    }
}
