using System.Net;
using System.Net.Http.Json;
using FbaMesh.Bench.Chaos;
using FbaMesh.LoopbackPorts;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;
using Xunit;

namespace FbaMesh.Bench.Tests;

/// <summary>The chaos run's Amazon, which ships what it receives: stopping it must not break the run.</summary>
public sealed class AmazonShipperTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_stop_while_Amazon_holds_a_move_ends_the_loop_without_an_exception_once_that_move_is_answered()
    {
        var time = new TimerCountingClock(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        await using var amazon = await SpApiEmulatorApp.StartAsync(new SpApiEmulatorOptions { Port = FreeTcpPort.Next(), Time = time });
        await CreateAsync(amazon, "ship-held-1");
        amazon.Faults.Add(new FaultRule
        {
            Operation = "submitFulfillmentOrderStatusUpdate", Kind = FaultKind.Timeout, Outcome = TimeoutOutcome.Answer, Delay = Hold, Count = 1,
        });
        var timersBefore = time.Timers;
        using var shipper = new AmazonShipper(amazon, ["ship-held-1"]);
        using var stop = new CancellationTokenSource();

        var running = shipper.RunAsync(TimeSpan.FromMilliseconds(20), stop.Token);
        await Eventually.UntilAsync(() => amazon.Faults.Rules.Count == 0, "the move to reach Amazon");
        await Eventually.UntilAsync(() => time.Timers > timersBefore, "Amazon to hold the move on its clock");
        await stop.CancelAsync();
        time.Advance(Hold);

        // Cut off by the stop, the move used to fault the loop with TaskCanceledException, which the
        // chaos run awaited after settling: exit 1, nothing printed.
        await running.WaitAsync(Eventually.DefaultTimeout);
        Assert.True(shipper.Moved.ContainsKey("ship-held-1"), "the move Amazon was holding when the stop came was answered and counted");
        Assert.Equal(AmazonShipper.TargetStatus, Assert.Single(amazon.FulfillmentOrders).Status);
    }

    [Fact]
    public async Task A_move_refused_because_an_earlier_one_went_through_counts_as_moved()
    {
        await using var amazon = await SpApiEmulatorApp.StartAsync(new SpApiEmulatorOptions { Port = FreeTcpPort.Next() });
        await CreateAsync(amazon, "ship-twice-1");
        using (var first = new AmazonShipper(amazon, ["ship-twice-1"]))
        {
            await first.MoveAllAsync(Eventually.DefaultTimeout, CancellationToken.None);
            Assert.True(first.Moved.ContainsKey("ship-twice-1"));
        }

        // A second shipper knows nothing of the first move (as when its answer was lost): Amazon answers 400.
        using var second = new AmazonShipper(amazon, ["ship-twice-1"]);
        await second.MoveAllAsync(Eventually.DefaultTimeout, CancellationToken.None);

        Assert.True(second.Moved.ContainsKey("ship-twice-1"), "an order already at the target was counted as moved, so its write-back is checked");
        Assert.Empty(second.NotMovable);
        Assert.Equal(1, amazon.Stats.For("submitFulfillmentOrderStatusUpdate").Snapshot().BadRequest);
    }

    private static async Task CreateAsync(SpApiEmulatorApp amazon, string id)
    {
        using var http = new HttpClient { BaseAddress = amazon.BaseAddress, Timeout = Eventually.DefaultTimeout };
        http.DefaultRequestHeaders.Add("x-amz-access-token", amazon.IssueAccessToken());
        using var created = await http.PostAsJsonAsync("fba/outbound/2020-07-01/fulfillmentOrders", new
        {
            marketplaceId = "ATVPDKIKX0DER",
            sellerFulfillmentOrderId = id,
            displayableOrderId = id,
            displayableOrderDate = "2026-11-29T10:00:00Z",
            displayableOrderComment = "Bench test order",
            shippingSpeedCategory = "Standard",
            destinationAddress = new { name = "Test Recipient", addressLine1 = "1 Test Street", city = "Testville", postalCode = "0150", countryCode = "NO" },
            items = new[] { new { sellerSku = "SKU-1", sellerFulfillmentOrderItemId = "SKU-1", quantity = 1 } },
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }
}
