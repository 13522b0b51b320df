using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Bench.Common;

public enum ExpectedOutcome
{
    Submit,
    Skip,
    Fail,
}

/// <summary>One order of a run: a copy of a sample fixture under a fresh id, and what it must end as.</summary>
public sealed record BenchOrder(string Id, string FixtureId, ExpectedOutcome Expected, JsonObject Order);

/// <summary>
/// The Crystallize emulator's sample orders (tools/crystallize-emulator/fixtures) and their expected
/// outcomes, copied under fresh ids so runs never collide: realistic bodies of realistic size.
/// </summary>
public sealed class SampleOrders
{
    private readonly List<(string Id, ExpectedOutcome Expected, JsonObject Order)> fixtures;

    private SampleOrders(List<(string, ExpectedOutcome, JsonObject)> fixtures) => this.fixtures = fixtures;

    public static SampleOrders Load(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "tools", "crystallize-emulator", "fixtures");
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")))!.AsObject();
        var orders = Directory.EnumerateFiles(folder, "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f)) as JsonObject)
            .Where(o => o?["id"] is not null)
            .ToDictionary(o => o!["id"]!.GetValue<string>(), o => o!);
        var list = expected
            .Where(e => orders.ContainsKey(e.Key))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, Parse(e.Value!["outcome"]!.GetValue<string>()), orders[e.Key]))
            .ToList();
        return new SampleOrders(list);
    }

    /// <summary>N orders cycling through the fixtures; only FBA ones (submit) when <paramref name="fbaOnly"/>.</summary>
    public IReadOnlyList<BenchOrder> Take(int count, bool fbaOnly)
    {
        var pool = fixtures.Where(f => !fbaOnly || f.Expected == ExpectedOutcome.Submit).ToList();
        return [.. Enumerable.Range(0, count).Select(i => Copy(pool[i % pool.Count]))];
    }

    private static BenchOrder Copy((string Id, ExpectedOutcome Expected, JsonObject Order) fixture)
    {
        var id = OrderIds.New();
        var order = fixture.Order.DeepClone().AsObject();
        order["id"] = id;
        return new BenchOrder(id, fixture.Id, fixture.Expected, order);
    }

    private static ExpectedOutcome Parse(string outcome) => outcome switch
    {
        "submit" => ExpectedOutcome.Submit,
        "skip" => ExpectedOutcome.Skip,
        _ => ExpectedOutcome.Fail,
    };
}
