namespace FbaMesh.Testing;

/// <summary>
/// Waits for something another process does (a delivery, a redelivery, an order at an emulator).
/// The timeout is a ceiling against hanging, never a measurement: tests assert on what happened.
/// </summary>
public static class Eventually
{
    // A ceiling, so it is roomy: two cores shared with full test suites beside this one.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var delay = TimeSpan.FromMilliseconds(10);
        T last = await probe();
        while (!done(last))
        {
            try
            {
                await Task.Delay(delay, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {last}");
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
            last = await probe();
        }

        return last;
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(condition, ok => ok, what, timeout);

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), ok => ok, what, timeout);
}
