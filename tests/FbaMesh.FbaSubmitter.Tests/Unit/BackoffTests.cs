using FbaMesh.FbaSubmitter.Amazon;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

public class BackoffTests
{
    [Theory]
    [InlineData(0, 100, 200)]
    [InlineData(1, 200, 400)]
    [InlineData(3, 800, 1600)]
    [InlineData(10, 2500, 5000)]
    [InlineData(1000, 2500, 5000)]
    public void Delays_grow_exponentially_with_jitter_up_to_the_cap(int attempt, double lowMs, double highMs)
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var delay = Backoff.Delay(attempt, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), random);
            Assert.InRange(delay.TotalMilliseconds, lowMs, highMs);
        }
    }

    [Fact]
    public void Jitter_spreads_callers_apart()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 50).Select(_ => Backoff.Delay(2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), random)).ToHashSet();

        Assert.True(delays.Count > 40);
    }
}
