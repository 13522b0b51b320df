using FbaMesh.OrderEnricher.Redrive;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Tests.Redrive;

public sealed class RedriveScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static RedriveSchedule Schedule(double jitter, TimeSpan? horizon = null) =>
        new(Options.Create(new RedriveOptions { FirstDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(10), Horizon = horizon ?? TimeSpan.FromHours(24) }))
        {
            Jitter = () => jitter,
        };

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(7, 320)]
    [InlineData(8, 600)]
    [InlineData(40, 600)]
    public void The_delay_doubles_per_attempt_up_to_the_cap(int attempts, int fullSeconds)
    {
        var now = Start + TimeSpan.FromMinutes(1);

        var longest = Schedule(1.0).NextAttempt(attempts, Start, now) - now;
        var shortest = Schedule(0.0).NextAttempt(attempts, Start, now) - now;

        Assert.Equal(TimeSpan.FromSeconds(fullSeconds), longest);
        Assert.Equal(TimeSpan.FromSeconds(fullSeconds) / 2, shortest);
    }

    [Fact]
    public void Jitter_spreads_orders_parked_together_over_half_the_delay()
    {
        var schedule = new RedriveSchedule(Options.Create(new RedriveOptions()));

        var delays = Enumerable.Range(0, 200).Select(_ => schedule.NextAttempt(3, Start, Start) - Start).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)));
        Assert.True(delays.Distinct().Count() > 100, "the delays are spread, not equal");
    }

    [Fact]
    public void The_next_attempt_is_never_after_the_horizon_and_the_horizon_is_inclusive()
    {
        var schedule = Schedule(1.0);
        var almost = Start + TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1);

        Assert.Equal(Start + TimeSpan.FromHours(24), schedule.NextAttempt(50, Start, almost));
        Assert.False(schedule.IsPastHorizon(Start, almost));
        Assert.True(schedule.IsPastHorizon(Start, Start + TimeSpan.FromHours(24)));
    }
}
