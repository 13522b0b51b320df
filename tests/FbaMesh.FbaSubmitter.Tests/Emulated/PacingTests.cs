using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.SpApiEmulator;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

/// <summary>
/// Pacing against the emulator's usage plan with both buckets on one fake clock: the submitter's pacer
/// and the emulator's quota. The clock moves only when no request is on its way, so a permit reaches
/// the emulator at the instant it was granted; real-time pacing under load is the bench's job.
/// </summary>
public class PacingTests
{
    private const int Submits = 100;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task A_429_storm_is_waited_out_with_backoff_and_the_submit_completes()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        amazon.Faults.Add(new FaultRule { Operation = "createFulfillmentOrder", Kind = FaultKind.QuotaStorm, Count = 6 });
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();

        var answer = await submitter.Client.SubmitAsync(request);

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(6, amazon.Stats.Throttled);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
    }

    [Fact]
    public async Task A_hundred_creates_paced_at_the_default_plan_meet_no_429_and_take_as_long_as_the_rate_says()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        await using var amazon = await AmazonEmulator.StartAsync(o => o.Time = clock);
        var defaults = new SpApiOptions();
        using var pacer = new OperationPacer("createFulfillmentOrder", defaults.CreateRate, defaults.CreateBurst, defaults.PacingMargin, defaults.PacingJitterAllowance, clock);
        var atOnce = pacer.AvailableTokens;
        using var http = Client(amazon);
        var started = clock.GetUtcNow();

        var waiting = Enumerable.Range(0, Submits).Select(_ => pacer.AcquireAsync(CancellationToken.None).AsTask()).ToList();
        var statuses = new List<HttpStatusCode>();
        while (waiting.Count > 0)
        {
            var granted = waiting.TakeWhile(t => t.IsCompleted).ToList();
            foreach (var permit in granted)
            {
                (await permit).Dispose();
                waiting.Remove(permit);
                statuses.Add(await CreateAsync(http, $"paced-{statuses.Count}"));
            }

            if (granted.Count == 0)
            {
                clock.Advance(Step);
            }
        }

        var took = clock.GetUtcNow() - started;
        var paced = defaults.CreateRate * (1 - defaults.PacingMargin);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(0, amazon.Stats.Throttled);
        Assert.Equal(Submits, amazon.Stats.Creates);
        Assert.InRange(took.TotalSeconds, (Submits - atOnce - 1) / paced, ((Submits - atOnce) / paced) + Step.TotalSeconds);
    }

    [Fact]
    public async Task The_same_creates_without_the_pacer_meet_429_on_the_same_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        await using var amazon = await AmazonEmulator.StartAsync(o => o.Time = clock);
        using var http = Client(amazon);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Submits; i++)
        {
            statuses.Add(await CreateAsync(http, $"unpaced-{i}"));
            clock.Advance(Step);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(amazon.Stats.Throttled > 0);
    }

    private static HttpClient Client(SpApiEmulatorApp amazon)
    {
        var http = new HttpClient { BaseAddress = amazon.BaseAddress };
        http.DefaultRequestHeaders.Add("x-amz-access-token", amazon.IssueAccessToken());
        return http;
    }

    private static async Task<HttpStatusCode> CreateAsync(HttpClient http, string id)
    {
        var body = new JsonObject
        {
            ["marketplaceId"] = "ATVPDKIKX0DER",
            ["sellerFulfillmentOrderId"] = id,
            ["displayableOrderId"] = id,
            ["displayableOrderDate"] = "2026-11-20T10:15:00Z",
            ["displayableOrderComment"] = "Thank you for your order!",
            ["shippingSpeedCategory"] = "Standard",
            ["destinationAddress"] = new JsonObject
            {
                ["name"] = "Kari Nordmann", ["addressLine1"] = "Storgata 12", ["city"] = "Oslo", ["postalCode"] = "0155", ["countryCode"] = "NO",
            },
            ["items"] = new JsonArray(new JsonObject { ["sellerSku"] = "SKU-1", ["sellerFulfillmentOrderItemId"] = "SKU-1", ["quantity"] = 1 }),
        };
        using var response = await http.PostAsJsonAsync("fba/outbound/2020-07-01/fulfillmentOrders", body);
        return response.StatusCode;
    }
}
