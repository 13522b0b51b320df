using FbaMesh.FbaSubmitter.Submitting;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

public class SingleFlightTests
{
    [Fact]
    public async Task Concurrent_callers_share_one_run_and_its_outcome()
    {
        var flights = new SingleFlight<int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var callers = Enumerable.Range(0, 10).Select(_ => flights.RunAsync("order-1", async () =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return 42;
        }, CancellationToken.None)).ToArray();
        release.SetResult();

        Assert.All(await Task.WhenAll(callers), r => Assert.Equal(42, r));
        Assert.Equal(1, runs);
        Assert.Equal(0, flights.Running);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_run_for_the_others()
    {
        var flights = new SingleFlight<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();
        Func<Task<string>> work = async () =>
        {
            await release.Task;
            return "created";
        };

        var first = flights.RunAsync("order-1", work, impatient.Token);
        var second = flights.RunAsync("order-1", work, CancellationToken.None);
        await impatient.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("created", await second);
    }

    [Fact]
    public async Task A_failed_run_fails_its_callers_and_the_next_call_runs_again()
    {
        var flights = new SingleFlight<int>();
        var attempt = 0;
        Func<Task<int>> work = async () =>
        {
            await Task.Yield();
            return Interlocked.Increment(ref attempt) == 1 ? throw new InvalidOperationException("first fails") : attempt;
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => flights.RunAsync("order-1", work, CancellationToken.None));
        var again = await flights.RunAsync("order-1", work, CancellationToken.None);

        Assert.Equal(2, again);
    }
}
