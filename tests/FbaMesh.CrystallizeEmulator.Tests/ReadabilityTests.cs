using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class ReadabilityTests
{
    [Fact]
    public async Task An_order_put_with_readableAfterReads_answers_not_found_that_many_times()
    {
        await using var emulator = await Emulator.StartAsync();

        using var put = await emulator.Http.PutAsync(
            $"/_emulator/orders/{Orders.Id}?readableAfterReads=2", new StringContent(Orders.Sample, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Null(await emulator.GetOrderAsync(Orders.Id));
        Assert.Null(await emulator.GetOrderAsync(Orders.Id));
        Assert.NotNull(await emulator.GetOrderAsync(Orders.Id));
        Assert.NotNull(await emulator.GetOrderAsync(Orders.Id));
    }

    [Fact]
    public async Task The_default_number_of_reads_applies_to_every_new_order()
    {
        await using var emulator = await Emulator.StartAsync(o => o.ReadableAfterReads = 1);
        emulator.Put(Orders.Id, Orders.Sample);

        Assert.Null(await emulator.GetOrderAsync(Orders.Id));
        Assert.NotNull(await emulator.GetOrderAsync(Orders.Id));
    }

    [Fact]
    public async Task An_order_becomes_readable_once_its_delay_has_passed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await Emulator.StartAsync(o =>
        {
            o.Time = time;
            o.ReadableAfter = TimeSpan.FromSeconds(5);
        });
        emulator.Put(Orders.Id, Orders.Sample);

        Assert.Null(await emulator.GetOrderAsync(Orders.Id));
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Null(await emulator.GetOrderAsync(Orders.Id));
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.NotNull(await emulator.GetOrderAsync(Orders.Id));
    }

    [Fact]
    public async Task A_per_order_delay_overrides_the_default()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await Emulator.StartAsync(o => o.Time = time);

        using var put = await emulator.Http.PutAsync(
            $"/_emulator/orders/{Orders.Id}?readableAfterMs=1500", new StringContent(Orders.Sample, Encoding.UTF8, "application/json"));

        Assert.Null(await emulator.GetOrderAsync(Orders.Id));
        time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.NotNull(await emulator.GetOrderAsync(Orders.Id));
    }

    [Theory]
    [InlineData("readableAfterReads=-1")]
    [InlineData("readableAfterReads=many")]
    [InlineData("readableAfterMs=1e3")]
    public async Task A_bad_readability_answers_400(string query)
    {
        await using var emulator = await Emulator.StartAsync();

        using var put = await emulator.Http.PutAsync(
            $"/_emulator/orders/{Orders.Id}?{query}", new StringContent(Orders.Sample, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(0, emulator.App.Orders.Count);
    }

    [Fact]
    public async Task Concurrent_readers_see_exactly_the_configured_number_of_misses()
    {
        await using var emulator = await Emulator.StartAsync(o => o.ReadableAfterReads = 5);
        emulator.Put(Orders.Id, Orders.Sample);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => emulator.GetOrderAsync(Orders.Id)));

        Assert.Equal(5, answers.Count(a => a is null));
    }
}
