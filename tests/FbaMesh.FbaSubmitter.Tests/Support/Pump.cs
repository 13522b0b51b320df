using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>Moves a fake clock forward in small steps, giving the thread pool a moment after each step.</summary>
internal static class Pump
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    /// <summary>Advances until <paramref name="done"/> holds or <paramref name="most"/> of fake time has passed.</summary>
    public static async Task UntilAsync(FakeTimeProvider clock, Func<bool> done, TimeSpan most)
    {
        var end = clock.GetUtcNow() + most;
        while (!done() && clock.GetUtcNow() < end)
        {
            var step = end - clock.GetUtcNow() < Step ? end - clock.GetUtcNow() : Step;
            clock.Advance(step);
            // Real time for continuations to run: a late one only loses its permit, never the plan.
            await Task.Delay(1);
        }
    }
}
