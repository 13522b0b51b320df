using System.Net;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>A second create of one id, and cancels, answered as Amazon's 2022 static sandbox answers them.</summary>
public sealed class DuplicateAndCancelTests
{
    private const string CancelPath = "/fba/outbound/2020-07-01/fulfillmentOrders/{sellerFulfillmentOrderId}/cancel";

    [Fact]
    public async Task A_second_create_is_400_with_the_sandboxs_own_message()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var example = Samples.SandboxExample("/fba/outbound/2020-07-01/fulfillmentOrders", "post", "400", 0, "response")["errors"]![0]!;
        var exampleId = Samples.SandboxExample("/fba/outbound/2020-07-01/fulfillmentOrders", "post", "400", 0, "request")["parameters"]!["body"]!["value"]!["sellerFulfillmentOrderId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order(exampleId))).StatusCode);

        var second = await emulator.CreateAsync(Samples.Order(exampleId));

        var error = await Json.ErrorAsync(second, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Equal(example["message"]!.GetValue<string>(), error["message"]!.GetValue<string>());
        Assert.Equal("A create request already exists for MerchantFulfillmentOrderId : " + exampleId, error["message"]!.GetValue<string>());
        Assert.Single(emulator.App.FulfillmentOrders);
        Assert.Equal(1, emulator.App.Stats.DuplicatesRefused);
    }

    [Fact]
    public async Task Racing_creates_of_one_id_create_exactly_one_order()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.CreatePlan = new UsagePlan(100, 100));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => emulator.CreateAsync(Samples.Order("race-1"))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        Assert.Single(emulator.App.FulfillmentOrders);
        Assert.Equal(19, emulator.App.Stats.DuplicatesRefused);
    }

    [Fact]
    public async Task Hundreds_of_concurrent_creates_are_all_kept_and_counted()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.CreatePlan = new UsagePlan(10_000, 10_000));

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => emulator.CreateAsync(Samples.Order($"many-{i % 300}"))));

        Assert.Equal(300, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(100, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(300, emulator.App.FulfillmentOrders.Select(o => o.SellerFulfillmentOrderId).Distinct().Count());
        var stats = emulator.App.Stats;
        Assert.Equal((300, 100, 400), (stats.Creates, stats.DuplicatesRefused, stats.For(Operations.Create).Requests));
    }

    [Fact]
    public async Task A_received_order_is_cancelled_and_a_second_cancel_answers_as_the_sandbox()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var exampleId = Samples.SandboxExample(CancelPath, "put", "400", 0, "request")["parameters"]!["sellerFulfillmentOrderId"]!["value"]!.GetValue<string>();
        var example = Samples.SandboxExample(CancelPath, "put", "400", 0, "response")["errors"]![0]!["message"]!.GetValue<string>();
        await emulator.CreateAsync(Samples.Order(exampleId));

        var first = await emulator.CancelAsync(exampleId);
        var second = await emulator.CancelAsync(exampleId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("{}", await first.Content.ReadAsStringAsync());
        var error = await Json.ErrorAsync(second, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Equal(example, error["message"]!.GetValue<string>());
        Assert.Equal("Cancelled", await emulator.StatusOfAsync(exampleId));
        var items = (await Json.ReadAsync(await emulator.GetAsync(exampleId)))["payload"]!["fulfillmentOrderItems"]!;
        Assert.Equal(1, items[0]!["cancelledQuantity"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_planning_order_can_still_be_cancelled()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("plan-1"));
        await emulator.MoveAsync("plan-1", "Planning");
        var before = await emulator.StatusOfAsync("plan-1");

        var cancel = await emulator.CancelAsync("plan-1");

        Assert.Equal("Planning", before);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("Cancelled", await emulator.StatusOfAsync("plan-1"));
    }

    [Fact]
    public async Task A_processing_order_cannot_be_cancelled()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("proc-1"));
        await emulator.MoveAsync("proc-1", "Processing");

        var response = await emulator.CancelAsync("proc-1");

        var error = await Json.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Contains("OrderNotCancellable", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Processing", await emulator.StatusOfAsync("proc-1"));
    }

    [Fact]
    public async Task An_unknown_order_answers_as_the_sandbox_does()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var example = Samples.SandboxExample("/fba/outbound/2020-07-01/fulfillmentOrders/{sellerFulfillmentOrderId}", "get", "400", 0, "response")["errors"]![0]!["message"]!.GetValue<string>();

        var get = await emulator.GetAsync("FBATestOrder-10");
        var cancel = await emulator.CancelAsync("FBATestOrder-10");

        Assert.Equal(example, (await Json.ErrorAsync(get, HttpStatusCode.BadRequest, "InvalidInput"))["message"]!.GetValue<string>());
        Assert.Equal(example, (await Json.ErrorAsync(cancel, HttpStatusCode.BadRequest, "InvalidInput"))["message"]!.GetValue<string>());
        Assert.True(get.Headers.Contains("x-amzn-RateLimit-Limit"));
    }

    [Fact]
    public async Task An_id_longer_than_the_models_40_characters_is_refused_on_the_path()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var response = await emulator.GetAsync(new string('x', 41));

        Assert.Equal(["$.sellerFulfillmentOrderId"], await Json.ViolatedPathsAsync(response));
    }
}
