using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class FaultTests
{
    private const string Query = "query Q($id: ID!) { order { get(id: $id) { id } } }";

    [Fact]
    public async Task A_fault_with_a_count_fails_that_many_requests_then_stops()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var added = await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { status = 503, count = 2 });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await emulator.QueryAsync(Query, new { id = Orders.Id })).Status);
        }

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal("[]", await emulator.Http.GetStringAsync("/_emulator/faults"));
    }

    [Theory]
    [InlineData(1.0, 20)]
    [InlineData(0.0, 0)]
    public async Task A_rate_of_one_fails_every_request_and_zero_none(double rate, int failures)
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var added = await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { status = 500, rate });
        var failed = 0;
        for (var i = 0; i < 20; i++)
        {
            failed += (await emulator.QueryAsync(Query, new { id = Orders.Id })).Status == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        Assert.Equal(failures, failed);
    }

    [Fact]
    public async Task A_seeded_rate_fails_a_repeatable_share_of_requests()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var seeded = new Random(11);
        var expected = Enumerable.Range(0, 40).Select(_ => seeded.NextDouble() < 0.3).ToList();

        using var added = await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { status = 502, rate = 0.3, seed = 11 });
        var actual = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            actual.Add((await emulator.QueryAsync(Query, new { id = Orders.Id })).Status == HttpStatusCode.BadGateway);
        }

        Assert.Equal(expected, actual);
        Assert.InRange(actual.Count(f => f), 1, 39);
    }

    [Fact]
    public async Task A_fault_for_one_order_leaves_other_orders_alone()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var added = await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { status = 503, orderId = Orders.OtherId });
        var (other, _) = await emulator.QueryAsync(Query, new { id = Orders.OtherId });
        var (mine, _) = await emulator.QueryAsync(Query, new { id = Orders.Id });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, other);
        Assert.Equal(HttpStatusCode.OK, mine);
    }

    [Fact]
    public async Task Delete_clears_every_fault()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var added = await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { status = 503 });
        var (before, _) = await emulator.QueryAsync(Query, new { id = Orders.Id });
        using var cleared = await emulator.Http.DeleteAsync("/_emulator/faults");
        var (after, _) = await emulator.QueryAsync(Query, new { id = Orders.Id });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task A_delayed_fault_answers_only_after_its_delay_on_the_emulators_clock()
    {
        var start = DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var time = new TimerCountingClock(start);
        await using var emulator = await Emulator.StartAsync(o => o.Time = time);
        emulator.Put(Orders.Id, Orders.Sample);
        using var added = await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { status = 504, delayMs = 2000, count = 1 });

        var (status, _) = await HeldForAsync(emulator, time, TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal(start + TimeSpan.FromSeconds(2), emulator.App.Requests.Snapshot()[^1].Time);
    }

    [Fact]
    public async Task A_delay_without_a_status_slows_the_request_but_answers_normally()
    {
        var start = DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var time = new TimerCountingClock(start);
        await using var emulator = await Emulator.StartAsync(o => o.Time = time);
        emulator.Put(Orders.Id, Orders.Sample);
        using var added = await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { delayMs = 1000, count = 1 });

        var (status, body) = await HeldForAsync(emulator, time, TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Orders.Id, body["data"]!["order"]!["get"]!["id"]!.GetValue<string>());
        Assert.Equal(start + TimeSpan.FromSeconds(1), emulator.App.Requests.Snapshot()[^1].Time);
    }

    /// <summary>
    /// Sends one query while the emulator's clock stands still, waits until the counted fault is used up
    /// (the request is being held) and its wait is on the clock, moves the clock to just short of the delay and checks the request is
    /// still held after a second query has gone through, then moves the last millisecond and awaits it.
    /// </summary>
    private static async Task<(HttpStatusCode Status, JsonObject Body)> HeldForAsync(Emulator emulator, TimerCountingClock time, TimeSpan delay)
    {
        var timers = time.Timers;
        var held = emulator.QueryAsync(Query, new { id = Orders.Id });
        await Eventually.UntilAsync(() => emulator.App.Faults.Active().Count == 0, "the fault to be used up by the request");
        await Eventually.UntilAsync(() => time.Timers > timers, "the held request to wait on the emulator's clock");

        time.Advance(delay - TimeSpan.FromMilliseconds(1));
        var (passing, _) = await emulator.QueryAsync(Query, new { id = Orders.Id });
        Assert.Equal(HttpStatusCode.OK, passing);
        Assert.False(held.IsCompleted, "the request was answered before its delay had passed on the emulator's clock");

        time.Advance(TimeSpan.FromMilliseconds(1));
        return await held.WaitAsync(Eventually.DefaultTimeout);
    }

    [Theory]
    [InlineData("""{"status":42}""")]
    [InlineData("""{"status":503,"rate":1.5}""")]
    [InlineData("""{"status":503,"count":0}""")]
    [InlineData("""{"status":503,"orderId":"nope"}""")]
    [InlineData("""{"rate":0.5}""")]
    [InlineData("""{"status":503,"delayMs":-1}""")]
    [InlineData("""{"status":503,"colour":"red"}""")]
    [InlineData("""{"status":"503"}""")]
    [InlineData("[]")]
    public async Task A_bad_fault_answers_400_and_adds_nothing(string body)
    {
        await using var emulator = await Emulator.StartAsync();

        using var response = await emulator.Http.PostAsync("/_emulator/faults", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[]", await emulator.Http.GetStringAsync("/_emulator/faults"));
        Assert.Empty(JsonNode.Parse(await emulator.Http.GetStringAsync("/_emulator/faults"))!.AsArray());
    }
}
