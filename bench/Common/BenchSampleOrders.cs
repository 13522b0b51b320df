using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.Testing;

namespace FbaMesh.Bench.Common;

/// <summary>One order of a run: a copy of a sample fixture under a fresh id, and what it must end as.</summary>
public sealed record BenchOrder(string Id, string FixtureId, ExpectedOutcome Expected, JsonObject Order)
{
    public bool GoesToAmazon => Expected.GoesToAmazon;
}

/// <summary>
/// The Crystallize emulator's sample orders (tools/crystallize-emulator/fixtures) and their expected
/// outcomes, copied under fresh ids so runs never collide: realistic bodies of realistic size.
/// </summary>
public sealed class BenchSampleOrders
{
    private readonly IReadOnlyList<SampleOrder> fixtures;

    private BenchSampleOrders(IReadOnlyList<SampleOrder> fixtures) => this.fixtures = fixtures;

    public static BenchSampleOrders Load(string repositoryRoot) =>
        new(SampleOrders.Load(Path.Combine(repositoryRoot, "tools", "crystallize-emulator", "fixtures")));

    /// <summary>N orders cycling through the fixtures; only FBA ones (submit) when <paramref name="fbaOnly"/>.</summary>
    public IReadOnlyList<BenchOrder> Take(int count, bool fbaOnly)
    {
        var pool = fixtures.Where(f => !fbaOnly || f.Expected.GoesToAmazon).ToList();
        return [.. Enumerable.Range(0, count).Select(i => Copy(pool[i % pool.Count]))];
    }

    private static BenchOrder Copy(SampleOrder fixture)
    {
        var id = OrderIds.New();
        return new BenchOrder(id, fixture.Id, fixture.Expected, fixture.CopyAs(id));
    }
}
