using FbaMesh.SpApiEmulator;
using Xunit.Abstractions;

namespace FbaMesh.FunctionalTests.Support;

/// <summary>
/// Observes, never asserts, how long an order took from the webhook leaving Crystallize's emulator to
/// the create request reaching Amazon's emulator (both on this machine's clock). Written to the test
/// output so a run reports the figure; timing is the bench harness's business, not a test's.
/// </summary>
public sealed class WebhookToAmazonLatency
{
    private readonly Dictionary<string, DateTimeOffset> sent = new(StringComparer.Ordinal);

    public void Sent(string orderId) => sent[orderId] = DateTimeOffset.UtcNow;

    public void Report(ITestOutputHelper output, SpApiEmulatorApp amazon, string what)
    {
        var latencies = amazon.FulfillmentOrders
            .Where(o => sent.ContainsKey(o.SellerFulfillmentOrderId))
            .Select(o => (o.ReceivedAt - sent[o.SellerFulfillmentOrderId]).TotalMilliseconds)
            .Order()
            .ToArray();
        if (latencies.Length > 0)
        {
            output.WriteLine(
                $"{what}: webhook → Amazon request, {latencies.Length} orders: median {latencies[latencies.Length / 2]:0} ms, " +
                $"min {latencies[0]:0} ms, max {latencies[^1]:0} ms");
        }
    }
}
