using System.Net;
using System.Net.Http.Json;
using System.Text;
using FbaMesh.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>Injected faults: 5xx, after-commit failures, held and dropped requests, 429 storms.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task A_counted_server_error_answers_5xx_then_the_operation_works_again()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Create, StatusCode = 503, Count = 1 });

        var failed = await emulator.CreateAsync(Samples.Order("f-1"));
        var retried = await emulator.CreateAsync(Samples.Order("f-1"));

        await Json.ErrorAsync(failed, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Single(emulator.App.FulfillmentOrders);
        Assert.Equal(1, emulator.App.Stats.For(Operations.Create).Snapshot().ServerErrors);
    }

    [Fact]
    public async Task A_fault_for_one_operation_leaves_the_others_alone()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Get });

        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("f-2"))).StatusCode);
        await Json.ErrorAsync(await emulator.GetAsync("f-2"), HttpStatusCode.InternalServerError, "InternalFailure");
    }

    [Fact]
    public async Task After_commit_500_creates_the_order_but_the_caller_gets_500()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Create, AfterCommit = true, Count = 1 });

        var create = await emulator.CreateAsync(Samples.Order("ac-1"));

        await Json.ErrorAsync(create, HttpStatusCode.InternalServerError, "InternalFailure");
        Assert.Single(emulator.App.FulfillmentOrders);
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync("ac-1")).StatusCode);
        var again = await emulator.CreateAsync(Samples.Order("ac-1"));
        var error = await Json.ErrorAsync(again, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Contains("already exists for MerchantFulfillmentOrderId : ac-1", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_commit_faults_do_not_fire_on_refused_requests()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Create, AfterCommit = true, Count = 1 });
        var invalid = Samples.Order("ac-2");
        invalid.Remove("items");

        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.CreateAsync(invalid)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await emulator.CreateAsync(Samples.Order("ac-2"))).StatusCode);
    }

    [Fact]
    public async Task A_timeout_holds_the_request_for_its_delay_on_the_emulators_clock_and_drops_the_connection()
    {
        var time = new TimerCountingClock(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(o => o.Time = time);
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Create, Kind = FaultKind.Timeout, Delay = TimeSpan.FromSeconds(10), Count = 1 });

        var timers = time.Timers;
        var held = await HeldForAsync(emulator, time, timers, TimeSpan.FromSeconds(10), emulator.CreateAsync(Samples.Order("to-1")));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => held);
        Assert.Empty(emulator.App.FulfillmentOrders);
        Assert.Equal(1, emulator.App.Stats.For(Operations.Create).Snapshot().Timeouts);
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("to-1"))).StatusCode);
    }

    [Fact]
    public async Task An_after_commit_timeout_creates_the_order_and_drops_the_connection()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Create, Kind = FaultKind.Timeout, AfterCommit = true, Delay = TimeSpan.FromMilliseconds(50), Count = 1 });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emulator.CreateAsync(Samples.Order("to-2")));

        Assert.Equal("to-2", Assert.Single(emulator.App.FulfillmentOrders).SellerFulfillmentOrderId);
    }

    [Fact]
    public async Task A_client_that_gives_up_first_sees_its_own_timeout()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Create, Kind = FaultKind.Timeout, Delay = TimeSpan.FromMinutes(5), Count = 1 });
        // Seconds, not milliseconds: on a crowded machine the request must reach the hold before the client
        // gives up, or the one-shot fault would stay for the next create.
        using var impatient = new HttpClient { BaseAddress = emulator.App.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
        using var request = new HttpRequestMessage(HttpMethod.Post, RunningEmulator.Orders) { Content = JsonContent.Create(Samples.Order("to-3")) };
        request.Headers.Add("x-amz-access-token", emulator.Token);

        var gaveUp = await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(request));

        Assert.IsType<TimeoutException>(gaveUp.InnerException);
        Assert.Empty(emulator.App.Faults.Rules);

        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("to-3"))).StatusCode);
    }

    [Fact]
    public async Task A_slow_answer_arrives_only_after_the_delay_on_the_emulators_clock()
    {
        var time = new TimerCountingClock(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(o => o.Time = time);
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Create, Kind = FaultKind.Timeout, Outcome = TimeoutOutcome.Answer, Delay = TimeSpan.FromSeconds(10), Count = 1 });

        var timers = time.Timers;
        var held = await HeldForAsync(emulator, time, timers, TimeSpan.FromSeconds(10), emulator.CreateAsync(Samples.Order("slow-1")));

        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        Assert.Single(emulator.App.FulfillmentOrders);
    }

    /// <summary>
    /// With the emulator's clock standing still, waits until the counted fault is used up (the request is
    /// held) and its wait is on the clock, moves the clock to just short of the delay and checks the request is still held after another
    /// request has gone through, then moves the last millisecond. Returns the held request to await.
    /// </summary>
    private static async Task<Task<HttpResponseMessage>> HeldForAsync(RunningEmulator emulator, TimerCountingClock time, int timersBefore, TimeSpan delay, Task<HttpResponseMessage> held)
    {
        await Eventually.UntilAsync(() => emulator.App.Faults.Rules.Count == 0, "the fault to be used up by the request");
        await Eventually.UntilAsync(() => time.Timers > timersBefore, "the held request to wait on the emulator's clock");

        time.Advance(delay - TimeSpan.FromMilliseconds(1));
        using var passing = await emulator.GetAsync("no-such-order");
        Assert.Equal(HttpStatusCode.BadRequest, passing.StatusCode);
        Assert.False(held.IsCompleted, "the request was answered before its delay had passed on the emulator's clock");

        time.Advance(TimeSpan.FromMilliseconds(1));
        return held.WaitAsync(Eventually.DefaultTimeout);
    }

    [Fact]
    public async Task A_429_storm_refuses_a_counted_number_of_requests()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var added = await emulator.Http.PostAsJsonAsync("_emulator/faults", new { operation = "createFulfillmentOrder", kind = "quotaStorm", count = 2 });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        await Json.ErrorAsync(await emulator.CreateAsync(Samples.Order("st-1")), HttpStatusCode.TooManyRequests, "QuotaExceeded");
        await Json.ErrorAsync(await emulator.CreateAsync(Samples.Order("st-1")), HttpStatusCode.TooManyRequests, "QuotaExceeded");
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("st-1"))).StatusCode);
        Assert.Equal(2, emulator.App.Stats.Throttled);
    }

    [Fact]
    public async Task A_storm_for_a_duration_ends_on_the_emulators_clock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.AccessTokenLifetime = TimeSpan.FromDays(1);
        });
        emulator.App.Faults.Add(new FaultRule { Kind = FaultKind.QuotaStorm, Duration = TimeSpan.FromSeconds(30) });

        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.GetAsync("any")).StatusCode);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.GetAsync("any")).StatusCode);
        Assert.Empty(emulator.App.Faults.Rules);
    }

    [Fact]
    public async Task Faults_are_listed_and_cleared_over_http()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.Http.PostAsJsonAsync("_emulator/faults", new { operation = "createFulfillmentOrder", kind = "serverError", status = 502 });

        var listed = await Json.ReadAsync(await emulator.Http.GetAsync("_emulator/faults"));
        Assert.Equal(502, listed[0]!["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadGateway, (await emulator.CreateAsync(Samples.Order("cl-1"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await emulator.Http.DeleteAsync("_emulator/faults")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("cl-1"))).StatusCode);
    }

    [Theory]
    [InlineData("{\"operation\":\"createFulfillmentOrder\",\"kind\":\"serverError\",\"status\":404}")]
    [InlineData("{\"operation\":\"noSuchOperation\"}")]
    [InlineData("{\"kind\":\"quotaStorm\",\"afterCommit\":true}")]
    [InlineData("{\"kind\":\"lightning\"}")]
    [InlineData("{\"count\":0}")]
    [InlineData("[]")]
    public async Task A_bad_fault_is_a_problem_and_adds_nothing(string body)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var response = await emulator.Http.PostAsync("_emulator/faults", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(emulator.App.Faults.Rules);
    }

    [Fact]
    public async Task Stopping_the_emulator_ends_a_long_hold_at_once()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Create, Kind = FaultKind.Timeout, Delay = TimeSpan.FromMinutes(10), Count = 1 });
        using var client = new HttpClient { BaseAddress = emulator.App.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
        using var request = new HttpRequestMessage(HttpMethod.Post, RunningEmulator.Orders) { Content = JsonContent.Create(Samples.Order("hold-stop")) };
        request.Headers.Add("x-amz-access-token", emulator.Token);
        var held = client.SendAsync(request);
        // The counted fault is used up once the request is inside the hold.
        await FbaMesh.Testing.Eventually.UntilAsync(() => emulator.App.Faults.Rules.Count == 0, "the request to be held");

        var stopping = emulator.App.DisposeAsync().AsTask();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => held);
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
