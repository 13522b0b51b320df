using FbaMesh.Bench.Cli;
using FbaMesh.Bench.Common;
using FbaMesh.Bench.Drain;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FbaMesh.Bench.Tests;

/// <summary>Before its burst the drain waits, within a bound, for the machine to be quiet, and says what it found.</summary>
public sealed class QuietMachineTests
{
    [Fact]
    public void The_machine_line_of_proc_stat_splits_into_busy_and_idle_time()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        var times = CpuTimes.Parse("cpu  6620 12 1850 1350 20 0 180 0 0 0");

        Assert.Equal(new CpuTimes(6620 + 12 + 1850 + 0 + 180 + 0, 1350 + 20), times);
        Assert.Equal(0.25, new CpuTimes(130, 40).IdleShareSince(new CpuTimes(100, 30)), 3);
        Assert.Throws<FormatException>(() => CpuTimes.Parse("cpu0 1 2 3 4 5 6 7 8"));
    }

    [Fact]
    public async Task The_wait_ends_with_the_first_second_that_was_quiet_enough()
    {
        var clock = new FakeTimeProvider();
        // Per second: 50 % idle, 80 %, then 95 %.
        var reads = new Queue<CpuTimes>([new(0, 0), new(100, 100), new(120, 180), new(125, 275)]);

        var wait = await RunAsync(clock, () => reads.Dequeue(), TimeSpan.FromSeconds(20));

        Assert.Equal(new QuietWait(3, 0.95, Settled: true), wait);
    }

    [Fact]
    public async Task A_machine_that_never_quiets_is_waited_for_until_the_bound_and_reported_busy()
    {
        var clock = new FakeTimeProvider();
        long busy = 0;
        var wait = await RunAsync(clock, () => new CpuTimes(busy += 90, busy / 9), TimeSpan.FromSeconds(5));

        Assert.Equal(new QuietWait(5, 0.1, Settled: false), wait);
    }

    [Fact]
    public async Task Without_proc_stat_the_burst_is_not_held_and_nothing_is_claimed()
    {
        var wait = await RunAsync(new FakeTimeProvider(), () => null, TimeSpan.FromSeconds(20));

        Assert.Equal(new QuietWait(0, null, Settled: false), wait);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("601")]
    public void A_bound_outside_0_to_600_seconds_is_refused_before_any_mesh_starts(string value)
    {
        var parse = BenchCommandLine.Build().Parse(["drain", "--quiet-before-burst", value]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("--quiet-before-burst must be between 0 and 600 seconds", StringComparison.Ordinal));
    }

    [Fact]
    public void The_drain_waits_at_most_20_seconds_unless_told()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), new DrainSettings().QuietBeforeBurst);
        Assert.Equal(0.9, DrainSettings.QuietIdleShare);
    }

    private static async Task<QuietWait> RunAsync(FakeTimeProvider clock, Func<CpuTimes?> read, TimeSpan bound)
    {
        var wait = QuietMachine.WaitAsync(DrainSettings.QuietIdleShare, TimeSpan.FromSeconds(1), bound, clock, read, CancellationToken.None);
        // The fake clock may run ahead of the loop's continuations on a busy machine: the wait counts the
        // windows it looked at, so only the samples decide the figures, not how far the clock went.
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!wait.IsCompleted && DateTime.UtcNow < giveUp)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        return await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
