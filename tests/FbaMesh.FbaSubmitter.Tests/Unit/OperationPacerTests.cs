using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

public class OperationPacerTests
{
    [Fact]
    public async Task The_burst_less_the_reserve_is_available_at_once_and_the_next_permit_waits_for_the_rate()
    {
        var clock = new FakeTimeProvider();
        using var pacer = new OperationPacer("createFulfillmentOrder", rate: 0.01, burst: 4, time: clock);
        var refill = TimeSpan.FromSeconds(1 / (0.01 * (1 - SpApiOptions.DefaultPacingMargin)));

        for (var i = 0; i < 2; i++)
        {
            using var lease = await pacer.AcquireAsync(CancellationToken.None);
            Assert.True(lease.IsAcquired);
        }

        var third = pacer.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        clock.Advance(refill - TimeSpan.FromMilliseconds(1));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        using (var lease = await third.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.True(lease.IsAcquired);
        }

        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.AcquireAsync(cts.Token).AsTask());
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_the_queue_and_the_next_one_gets_the_permit()
    {
        var clock = new FakeTimeProvider();
        using var pacer = new OperationPacer("createFulfillmentOrder", rate: 0.01, burst: 1, time: clock);
        (await pacer.AcquireAsync(CancellationToken.None)).Dispose();
        using var cts = new CancellationTokenSource();
        var impatient = pacer.AcquireAsync(cts.Token).AsTask();
        var patient = pacer.AcquireAsync(CancellationToken.None).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        clock.Advance(TimeSpan.FromSeconds(1 / (0.01 * (1 - SpApiOptions.DefaultPacingMargin))));

        Assert.True((await patient.WaitAsync(TimeSpan.FromSeconds(10))).IsAcquired);
        Assert.Equal(0, pacer.Queued);
    }

    [Theory]
    [InlineData("0.5", true, 0.5)]
    [InlineData("2.0", false, 2)]
    [InlineData("10", false, 2)]
    [InlineData("not-a-number", false, 2)]
    [InlineData("", false, 2)]
    [InlineData("-1", false, 2)]
    [InlineData(null, false, 2)]
    public void The_rate_limit_header_only_ever_lowers_the_rate(string? header, bool changed, double rate)
    {
        using var pacer = new OperationPacer("createFulfillmentOrder", rate: 2, burst: 30);

        Assert.Equal(changed, pacer.Observe(header));
        Assert.Equal(rate, pacer.Rate);
        Assert.Equal(30, pacer.Burst);
    }

    [Fact]
    public async Task A_lower_rate_keeps_no_more_tokens_than_the_old_bucket_had()
    {
        using var pacer = new OperationPacer("createFulfillmentOrder", rate: 0.01, burst: 10);
        for (var i = 0; i < 7; i++)
        {
            (await pacer.AcquireAsync(CancellationToken.None)).Dispose();
        }

        Assert.True(pacer.Observe("0.005"));

        Assert.Equal(0.005, pacer.Rate);
        Assert.Equal(1, pacer.AvailableTokens);
    }

    [Theory]
    [InlineData(2, 30, 0.1, 0.1, 28)]
    [InlineData(2, 30, 0.1, 0, 29)]
    [InlineData(50, 10, 0.1, 0, 7)]
    [InlineData(50, 10, 0.1, 0.1, 2)]
    [InlineData(200, 60, 0, 0.1, 30)]
    [InlineData(5, 1, 0.1, 0.1, 1)]
    public void The_bucket_keeps_one_refill_and_the_jitter_allowance_in_reserve(double rate, int burst, double margin, double jitterSeconds, long available)
    {
        using var pacer = new OperationPacer("createFulfillmentOrder", rate, burst, margin, TimeSpan.FromSeconds(jitterSeconds));

        Assert.Equal(available, pacer.AvailableTokens);
    }

    [Fact]
    public async Task Callers_queued_when_the_rate_drops_keep_waiting_and_are_granted_at_the_new_rate()
    {
        var clock = new FakeTimeProvider();
        using var pacer = new OperationPacer("getFulfillmentOrder", rate: 0.01, burst: 1, time: clock);
        var oldRefill = TimeSpan.FromSeconds(1 / (0.01 * (1 - SpApiOptions.DefaultPacingMargin)));
        var newRefill = TimeSpan.FromSeconds(1 / (0.005 * (1 - SpApiOptions.DefaultPacingMargin)));
        (await pacer.AcquireAsync(CancellationToken.None)).Dispose();
        var queued = pacer.AcquireAsync(CancellationToken.None).AsTask();

        Assert.True(pacer.Observe("0.005"));

        // At the old rate the permit would come now; at the new one it must not.
        clock.Advance(oldRefill);
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, pacer.Queued);
        clock.Advance(newRefill - oldRefill);
        Assert.True((await queued.WaitAsync(TimeSpan.FromSeconds(10))).IsAcquired);
    }
}
