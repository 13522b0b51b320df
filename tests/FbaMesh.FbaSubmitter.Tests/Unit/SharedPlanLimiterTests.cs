using System.Globalization;
using FbaMesh.FbaSubmitter.SharedPacing;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

/// <summary>Replicas sharing one usage plan through a store with ETags, on a fake clock.</summary>
public class SharedPlanLimiterTests
{
    private static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Replicas_sharing_one_store_spend_one_burst_between_them_then_wait_for_the_rate()
    {
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore();
        // Burst 10 less one permit less the rate in the jitter allowance (1/s × 0.2 s → 1): 8 at once.
        using var a = Limiter("createFulfillmentOrder", rate: 1, burst: 10, store, clock);
        using var b = Limiter("createFulfillmentOrder", rate: 1, burst: 10, store, clock);

        for (var i = 0; i < 4; i++)
        {
            await a.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            await b.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var ninth = b.AcquireAsync(CancellationToken.None).AsTask();
        var tenth = a.AcquireAsync(CancellationToken.None).AsTask();
        await Pump.UntilAsync(clock, () => false, TimeSpan.FromMilliseconds(990));
        Assert.False(ninth.IsCompleted);
        Assert.False(tenth.IsCompleted);

        await Pump.UntilAsync(clock, () => ninth.IsCompleted || tenth.IsCompleted, TimeSpan.FromSeconds(5));
        var first = ninth.IsCompleted ? ninth : tenth;
        var second = ninth.IsCompleted ? tenth : ninth;
        Assert.InRange(await first, clock.Start + TimeSpan.FromSeconds(1), clock.Start + TimeSpan.FromSeconds(1.1));
        Assert.False(second.IsCompleted);
        await Pump.UntilAsync(clock, () => second.IsCompleted, TimeSpan.FromSeconds(5));
        Assert.InRange(await second, clock.Start + TimeSpan.FromSeconds(2), clock.Start + TimeSpan.FromSeconds(2.1));
        Assert.Equal(10, store.Writes);
    }

    [Fact]
    public async Task Callers_waiting_together_are_booked_a_quarter_second_of_the_rate_per_store_write()
    {
        var clock = new FakeTimeProvider();
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new FakePlanStore { ReadsOpen = opened.Task };
        // 50/s at 97 %: 48.5/s, so one booking covers 12 callers; the burst (30 less 1 less 5) holds 24.
        using var limiter = Limiter("createFulfillmentOrder", rate: 50, burst: 30, store, clock, margin: 0.03, jitter: TimeSpan.FromMilliseconds(100));

        var grants = Enumerable.Range(0, 24).Select(_ => limiter.AcquireAsync(CancellationToken.None).AsTask()).ToList();
        opened.SetResult();
        // All 24 fit the burst, so they are granted at once: the fake clock stands still, no permit comes late.
        var times = await Task.WhenAll(grants).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(12, limiter.Shape.MaxBatch);
        Assert.Equal(2, store.Writes);
        AmazonBucket.AssertConforms([.. times.Order()], 50, 30);
    }

    [Fact]
    public async Task A_lower_rate_seen_by_one_replica_slows_every_replica()
    {
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore();
        using var a = Limiter("getFulfillmentOrder", rate: 2, burst: 30, store, clock);
        using var b = Limiter("getFulfillmentOrder", rate: 2, burst: 30, store, clock);

        a.Observe(0.5);
        await a.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await b.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0.5, store[a.Key]!.ObservedRate);
        Assert.Equal(0.5, b.Shape.Rate);
        Assert.Equal(TimeSpan.FromSeconds(2), b.Shape.Interval);

        // A higher figure is no reason to speed up: it may be a burst artefact.
        b.Observe(5);
        await b.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0.5, b.Shape.Rate);
    }

    [Fact]
    public async Task A_lower_rate_nobody_has_seen_for_its_lifetime_gives_way_to_the_configured_plan()
    {
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore();
        using var a = Limiter("getFulfillmentOrder", rate: 2, burst: 30, store, clock);
        a.Observe(0.5);
        await a.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await a.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, a.Shape.Rate);
        Assert.Null(store[a.Key]!.ObservedRate);
    }

    [Fact]
    public async Task While_the_store_is_down_callers_wait_until_their_deadline_and_no_permit_is_granted()
    {
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore { Down = true };
        using var a = Limiter("createFulfillmentOrder", rate: 2, burst: 30, store, clock);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);

        var waiting = a.AcquireAsync(deadline.Token).AsTask();
        await Pump.UntilAsync(clock, () => false, TimeSpan.FromSeconds(4.9));
        Assert.False(waiting.IsCompleted);
        await Pump.UntilAsync(clock, () => waiting.IsCompleted, TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, store.Writes);

        store.Down = false;
        var after = a.AcquireAsync(CancellationToken.None).AsTask();
        await Pump.UntilAsync(clock, () => after.IsCompleted, TimeSpan.FromSeconds(5));
        Assert.Equal(1, store.Writes);
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_others_book_leaves_the_rest_served()
    {
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore();
        using var a = Limiter("cancelFulfillmentOrder", rate: 1, burst: 3, store, clock);
        using var impatient = new CancellationTokenSource();
        await a.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        var given = a.AcquireAsync(impatient.Token).AsTask();
        var patient = a.AcquireAsync(CancellationToken.None).AsTask();
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => given);
        await Pump.UntilAsync(clock, () => patient.IsCompleted, TimeSpan.FromSeconds(10));
        Assert.True(patient.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Any_number_of_replicas_sharing_one_store_never_grant_more_than_Amazons_bucket_allows(int seed)
    {
        var random = new Random(seed);
        var replicas = random.Next(2, 5);
        var rate = new[] { 2.0, 5, 20, 50 }[random.Next(4)];
        var burst = random.Next(1, 31);
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore(seed) { InterleavedWriters = random.NextDouble() * 0.4 };
        var limiters = Enumerable.Range(0, replicas)
            .Select(_ => Limiter("createFulfillmentOrder", rate, burst, store, clock, margin: 0.03, jitter: TimeSpan.FromMilliseconds(100)))
            .ToList();
        try
        {
            var perReplica = (int)Math.Ceiling((burst + (rate * 3)) / replicas);
            var grants = limiters.SelectMany(l => Enumerable.Range(0, perReplica).Select(_ => l.AcquireAsync(CancellationToken.None).AsTask())).ToList();
            var outage = clock.GetUtcNow() + TimeSpan.FromMilliseconds(random.Next(0, 2000));
            await Pump.UntilAsync(clock, () =>
            {
                // A store outage of half a second somewhere in the run: waiting, never granting blind.
                store.Down = clock.GetUtcNow() >= outage && clock.GetUtcNow() < outage + TimeSpan.FromMilliseconds(500);
                return grants.All(g => g.IsCompleted);
            }, TimeSpan.FromMinutes(5));

            var times = (await Task.WhenAll(grants)).Order().ToList();
            AmazonBucket.AssertConforms(times, rate, burst);
        }
        finally
        {
            limiters.ForEach(l => l.Dispose());
        }
    }

    [Fact]
    public async Task Warming_writes_a_booked_plan_back_as_it_was_and_books_no_permit()
    {
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore();
        using var limiter = Limiter("createFulfillmentOrder", rate: 2, burst: 30, store, clock);
        // Another replica has booked the plan two seconds ahead.
        var booked = new PlanRecord(clock.GetUtcNow() + TimeSpan.FromSeconds(2));
        Assert.True(await store.TrySaveAsync(limiter.Key, booked, null, CancellationToken.None));

        Assert.True(await limiter.WarmAsync(CancellationToken.None));

        Assert.Equal(booked, store[limiter.Key]);
        // Read and written back twice: the second round trip is timed for the first bookings.
        Assert.Equal((2, 3, 0), (store.Reads, store.Writes, store.Conflicts));
    }

    [Fact]
    public async Task Warming_a_plan_nobody_has_used_writes_it_full()
    {
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore();
        using var limiter = Limiter("createFulfillmentOrder", rate: 50, burst: 30, store, clock, margin: 0.03, jitter: TimeSpan.FromMilliseconds(100));

        Assert.True(await limiter.WarmAsync(CancellationToken.None));

        Assert.Equal(new PlanRecord(clock.GetUtcNow()), store[limiter.Key]);
        // Full: the whole burst less the allowances (30 less 1 less 5) is still granted at once, the clock standing still.
        var times = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => limiter.AcquireAsync(CancellationToken.None).AsTask())).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(times, t => Assert.Equal(clock.GetUtcNow(), t));
    }

    [Fact]
    public async Task Warming_after_another_replica_wrote_first_leaves_its_booking_alone()
    {
        var clock = new FakeTimeProvider();
        var store = new FakePlanStore();
        using var limiter = Limiter("createFulfillmentOrder", rate: 2, burst: 30, store, clock);
        var booked = new PlanRecord(clock.GetUtcNow() + TimeSpan.FromSeconds(2));
        Assert.True(await store.TrySaveAsync(limiter.Key, booked, null, CancellationToken.None));
        store.InterleavedWriters = 1;

        Assert.False(await limiter.WarmAsync(CancellationToken.None));

        Assert.Equal(booked, store[limiter.Key]);
        // Both write-backs refused (the second is the one timed): nothing written over the other's booking.
        Assert.Equal((1, 2), (store.Writes, store.Conflicts));
    }

    [Fact]
    public async Task A_write_slower_than_a_permit_may_come_late_books_the_permit_for_when_the_write_is_back()
    {
        // Each write takes 80 ms; a permit may leave at most 50 ms late (half the 100 ms jitter allowance).
        var clock = new TimerCountingClock(DateTimeOffset.Parse("2026-11-30T10:00:00Z", CultureInfo.InvariantCulture));
        var store = new FakePlanStore { SlowWrites = (clock, TimeSpan.FromMilliseconds(80)) };
        using var limiter = Limiter("createFulfillmentOrder", rate: 50, burst: 30, store, clock, margin: 0.03, jitter: TimeSpan.FromMilliseconds(100));
        Assert.True(await limiter.WarmAsync(CancellationToken.None));

        var grant = limiter.AcquireAsync(CancellationToken.None).AsTask();
        await Eventually.UntilAsync(() => store.Writes >= 3 && (clock.Timers == 1 || grant.IsCompleted), "the booking written and its caller waiting for the permit");

        // The plan is full, so the one permit booked starts the record's next interval: no sooner than the write came back.
        var (record, back) = store.Written[2];
        var permit = record.NextFree - limiter.Shape.Interval;
        Assert.InRange(permit, back, back + TimeSpan.FromMilliseconds(500));
        clock.Advance(permit - clock.GetUtcNow());
        Assert.Equal(permit, await grant.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(3, store.Writes);
    }

    [Fact]
    public void The_expected_write_time_starts_wary_and_follows_what_writes_take()
    {
        var estimate = default(WriteTimeEstimate);
        Assert.Equal(TimeSpan.Zero, estimate.Expected);

        // One sample: its time plus four times half of it, as TCP starts its round-trip estimate.
        estimate.Add(TimeSpan.FromMilliseconds(80));
        Assert.Equal(TimeSpan.FromMilliseconds(240), estimate.Expected);

        for (var i = 0; i < 40; i++)
        {
            estimate.Add(TimeSpan.FromMilliseconds(2));
        }

        Assert.InRange(estimate.Expected, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(10));
        estimate.Add(TimeSpan.FromMilliseconds(60));
        Assert.InRange(estimate.Expected, TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(80));
    }

    private static SharedPlanLimiter Limiter(
        string operation, double rate, int burst, FakePlanStore store, FakeTimeProvider clock, double margin = 0, TimeSpan? jitter = null) =>
        new(operation, rate, burst, margin, jitter ?? Jitter, store, new SharedPacingOptions { SellerId = "A2TESTSELLER" }, clock,
            NullLogger<SharedPlanLimiter>.Instance);
}
