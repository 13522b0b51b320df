using System.Net.Http.Json;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>A Crystallize read that hangs is cut at the attempt timeout and tried again within the same delivery.</summary>
public sealed class CrystallizeTimeoutTests(CrystallizeTimeoutTests.ShortTimeouts fixture) : IClassFixture<CrystallizeTimeoutTests.ShortTimeouts>
{
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task A_slow_answer_is_retried_after_the_attempt_timeout()
    {
        var id = mesh.CopyOfFixture("6724c1a95e1d4b0012a3f101");
        using (var http = new HttpClient { BaseAddress = mesh.Crystallize.BaseAddress })
        {
            using var added = await http.PostAsJsonAsync("_emulator/faults", new { delayMs = 60_000, count = 1, orderId = id });
            added.EnsureSuccessStatusCode();
        }

        await mesh.PublishOrderReceivedAsync(id);
        var state = await mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal(["SUCCESS"], await mesh.AnswersAsync(id, 1));
        // The hanging answer was served (its one-shot fault is used up), and another read then answered the order.
        Assert.DoesNotContain(mesh.Crystallize.Faults.Active(), f => f.OrderId == id);
        Assert.Contains(mesh.Crystallize.Requests.Snapshot(), r => r.OrderIds.Contains(id) && r.Status == 200);
    }

    public sealed class ShortTimeouts : MeshFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // Roomy enough that a read on a crowded machine is not cut too, so the delivery ends in one go.
            ["Crystallize:AttemptTimeout"] = "00:00:04",
            ["Crystallize:TotalTimeout"] = "00:00:30",
        };
    }
}
