using FbaMesh.FbaSubmitter.Amazon;

namespace FbaMesh.FbaSubmitter.Tests.Units;

public class OperationPacerTests
{
    [Fact]
    public async Task The_burst_less_the_reserve_is_available_at_once_and_the_next_permit_waits_for_the_rate()
    {
        using var pacer = new OperationPacer("createFulfillmentOrder", rate: 0.01, burst: 4);

        for (var i = 0; i < 2; i++)
        {
            using var lease = await pacer.AcquireAsync(CancellationToken.None);
            Assert.True(lease.IsAcquired);
        }

        var fourth = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(fourth.IsCompleted);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.AcquireAsync(cts.Token).AsTask());
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
    public async Task Callers_queued_in_a_replaced_bucket_move_to_the_new_one()
    {
        using var pacer = new OperationPacer("getFulfillmentOrder", rate: 0.01, burst: 1);
        (await pacer.AcquireAsync(CancellationToken.None)).Dispose();
        var queued = pacer.AcquireAsync(CancellationToken.None).AsTask();

        pacer.Observe("0.005");

        // The old bucket was disposed; the waiter must now wait in the new bucket, not fail.
        await Task.Delay(50);
        Assert.False(queued.IsFaulted);
        Assert.False(queued.IsCompleted);
    }
}
