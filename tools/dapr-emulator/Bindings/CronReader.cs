using System.Globalization;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// bindings.cron's Read (components-contrib bindings/cron/cron.go over dapr/kit/cron): from the moment
/// daprd starts reading, each activation sends an event with no data and metadata timeZone and
/// readTimeUTC; the next activation is computed from the time the timer fired (missed ones are not
/// caught up). Each activation runs on its own, as robfig/cron starts every job in a goroutine, so a slow
/// app does not delay the next one; the app's answer is ignored (no retry, nothing to redeliver).
/// Every sidecar that reads the binding fires it: two replicas of an app each get every activation.
/// </summary>
internal sealed class CronReader(EmulatedSidecar sidecar, InputBinding binding, BindingDelivery delivery, TimeProvider time)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var schedule = binding.Schedule!;
        var now = time.GetUtcNow();
        while (!ct.IsCancellationRequested)
        {
            if (schedule.Next(now) is not { } next)
            {
                return;
            }

            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }

            now = time.GetUtcNow();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // Go's time.Location.String() of the default location, and time.Time.String() in UTC.
                ["timeZone"] = "Local",
                ["readTimeUTC"] = GoTimeString(now),
            };
            _ = Task.Run(() => delivery.DeliverAsync(sidecar, binding, [], metadata, null, ct), CancellationToken.None);
        }
    }

    /// <summary>Go's Time.String() for a UTC time: "2006-01-02 15:04:05.999999999 +0000 UTC", trailing zeros of the fraction dropped.</summary>
    public static string GoTimeString(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var nanos = utc.Ticks % TimeSpan.TicksPerSecond * 100;
        var fraction = nanos == 0 ? "" : "." + nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + fraction + " +0000 UTC";
    }
}
