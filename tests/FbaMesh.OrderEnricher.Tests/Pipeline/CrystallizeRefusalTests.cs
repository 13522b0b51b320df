using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>A Crystallize that refuses the query for good (wrong tenant) fails the order at once.</summary>
public sealed class CrystallizeRefusalTests(CrystallizeRefusalTests.WrongTenant fixture) : IClassFixture<CrystallizeRefusalTests.WrongTenant>
{
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task A_4xx_answer_is_permanent_and_says_so()
    {
        var id = mesh.CopyOfFixture("6724c1a95e1d4b0012a3f101");

        await mesh.PublishOrderReceivedAsync(id);
        var state = await mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Failed, state.Status);
        Assert.Equal("crystallize-rejected", state.ReasonCode);
        Assert.Contains("404", state.ReasonMessage, StringComparison.Ordinal);
        Assert.Equal(["DROP"], await mesh.AnswersAsync(id, 1));
        Assert.DoesNotContain("dev-only-fake-access-token-secret", state.ReasonMessage, StringComparison.Ordinal);
    }

    public sealed class WrongTenant : MeshFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Crystallize:TenantIdentifier"] = "some-other-shop",
        };
    }
}
