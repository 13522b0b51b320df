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
            // Held far longer than the delivery's budget: only the attempt timeout lets the same delivery read again.
            using var added = await http.PostAsJsonAsync("_emulator/faults", new { delayMs = 300_000, count = 1, orderId = id });
            added.EnsureSuccessStatusCode();
        }

        await mesh.PublishOrderReceivedAsync(id);
        var state = await mesh.FinalStateAsync(id);

        Assert.Equal((OrderStatus.Submitted, 1), (state.Status, state.Attempts));
        Assert.Equal(["SUCCESS"], await mesh.AnswersAsync(id, 1));
        // One delivery, one attempt: the hanging read met the fault (its one-shot fault is used up) and was cut at
        // the attempt timeout, and another read within the same delivery answered the order.
        Assert.DoesNotContain(mesh.Crystallize.Faults.Active(), f => f.OrderId == id);
        Assert.Contains(mesh.Crystallize.Requests.Snapshot(), r => r.OrderIds.Contains(id) && r.Status == 200);
    }

    public sealed class ShortTimeouts : MeshFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // The attempt timeout leaves room for a normal read on a crowded machine; the total is beyond the
            // delivery's budget (Pipeline:DeliveryBudget, 35 s), so it cannot be what rescues the read.
            ["Crystallize:AttemptTimeout"] = "00:00:03",
            ["Crystallize:TotalTimeout"] = "00:01:00",
        };
    }
}
