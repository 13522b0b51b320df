using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>Usage plans: a token bucket per operation on the emulator's clock.</summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task The_burst_is_served_then_429_QuotaExceeded_until_the_clock_refills_the_bucket()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.CreatePlan = new UsagePlan(2, 3);
        });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order($"q-{i}"))).StatusCode);
        }

        var refused = await emulator.CreateAsync(Samples.Order("q-3"));
        var error = await Json.ErrorAsync(refused, HttpStatusCode.TooManyRequests, "QuotaExceeded");
        Assert.Equal("You exceeded your quota for the requested resource.", error["message"]!.GetValue<string>());
        Assert.False(refused.Headers.Contains("x-amzn-RateLimit-Limit"));
        Assert.True(refused.Headers.Contains("x-amzn-RequestId"));

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.CreateAsync(Samples.Order("q-3"))).StatusCode);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("q-3"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.CreateAsync(Samples.Order("q-4"))).StatusCode);

        time.Advance(TimeSpan.FromMinutes(5));
        var afterRest = await Task.WhenAll(Enumerable.Range(10, 4).Select(i => emulator.CreateAsync(Samples.Order($"q-{i}"))));
        Assert.Equal(3, afterRest.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(4, emulator.App.Stats.Throttled);
        Assert.Equal(4, emulator.App.Stats.For(Operations.Create).Snapshot().Throttled);
        Assert.Equal(7, emulator.App.FulfillmentOrders.Count);
    }

    [Fact]
    public async Task Operations_have_separate_buckets()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.CreatePlan = new UsagePlan(1, 1);
        });

        await emulator.CreateAsync(Samples.Order("sep-1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.CreateAsync(Samples.Order("sep-2"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync("sep-1")).StatusCode);
    }

    [Fact]
    public async Task The_rate_limit_header_carries_the_plans_rate_on_200_and_400()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var ok = await emulator.CreateAsync(Samples.Order("h-1"));
        var bad = await emulator.CreateAsync(Samples.Order("h-1"));
        var get = await emulator.GetAsync("h-1");

        Assert.Equal("2.0", Assert.Single(ok.Headers.GetValues("x-amzn-RateLimit-Limit")));
        Assert.Equal("2.0", Assert.Single(bad.Headers.GetValues("x-amzn-RateLimit-Limit")));
        Assert.Equal("2.0", Assert.Single(get.Headers.GetValues("x-amzn-RateLimit-Limit")));
        Assert.NotEqual(ok.Headers.GetValues("x-amzn-RequestId").Single(), bad.Headers.GetValues("x-amzn-RequestId").Single());
    }

    [Fact]
    public async Task The_sandbox_preset_is_5_per_second_with_a_burst_of_15()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.DefaultPlan = UsagePlan.Sandbox;
        });

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 16; i++)
        {
            answers.Add(await emulator.CreateAsync(Samples.Order($"s-{i}")));
        }

        Assert.Equal(15, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal("5.0", answers[0].Headers.GetValues("x-amzn-RateLimit-Limit").Single());
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("s-16"))).StatusCode);
    }

    [Fact]
    public async Task The_quota_can_be_changed_at_run_time()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await RunningEmulator.StartAsync(o => o.Time = time);

        var set = await emulator.Http.PostAsJsonAsync("_emulator/quota", new { operation = "createFulfillmentOrder", rate = 0.5, burst = 1 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var ok = await emulator.CreateAsync(Samples.Order("rt-1"));
        Assert.Equal("0.5", ok.Headers.GetValues("x-amzn-RateLimit-Limit").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.CreateAsync(Samples.Order("rt-2"))).StatusCode);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("rt-2"))).StatusCode);
    }

    [Theory]
    [InlineData("{\"operation\":\"createFulfillmentOrder\",\"rate\":0,\"burst\":1}")]
    [InlineData("{\"operation\":\"noSuchOperation\",\"rate\":1,\"burst\":1}")]
    [InlineData("{\"operation\":\"createFulfillmentOrder\",\"rate\":1,\"burst\":0}")]
    [InlineData("not json")]
    public async Task A_bad_quota_is_a_problem_and_changes_nothing(string body)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var response = await emulator.Http.PostAsync("_emulator/quota", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2.0", (await emulator.CreateAsync(Samples.Order("p-1"))).Headers.GetValues("x-amzn-RateLimit-Limit").Single());
    }

    [Fact]
    public void The_models_usage_plan_table_is_read_for_each_operation()
    {
        var model = OutboundModel.Load();

        Assert.Equal(UsagePlan.Default, model.UsagePlanOf(Operations.Create));
        Assert.Equal(UsagePlan.Default, model.UsagePlanOf(Operations.ListAll));
        Assert.Equal(new UsagePlan(5, 30), model.UsagePlanOf("deliveryOffers"));
        Assert.Null(model.UsagePlanOf(Operations.StatusUpdate));
    }
}
