using System.Globalization;
using FbaMesh.DaprEmulator.Resources;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>
/// How a consumer group of one pub/sub component works its queue, from the component's metadata with
/// components-contrib's names and defaults (common/component/redis/settings.go): <c>concurrency</c>
/// (workers, default 10), <c>queueDepth</c> (default 100), <c>processingTimeout</c> (default 60s) and
/// <c>redeliverInterval</c> (default 15s), either "0" disabling redelivery. Durations are Go durations
/// or plain milliseconds, as daprd reads them.
/// </summary>
internal sealed record DeliverySettings(int Concurrency, int? QueueDepth, TimeSpan? ProcessingTimeout, TimeSpan? RedeliverInterval)
{
    public const int DefaultConcurrency = 10;

    /// <summary>
    /// pubsub.in-memory: deliveries run concurrently up to <c>concurrency</c> (default 10) like a Redis
    /// stream in production; daprd's own in-memory bus runs them one by one. No redelivery timer.
    /// </summary>
    public static DeliverySettings InMemory(ComponentSpec component) =>
        new(ConcurrencyOf(component), null, null, null);

    public static DeliverySettings RedisStreams(ComponentSpec component)
    {
        var where = $"{component.SourceFile}: component '{component.Name}'";
        var processing = Duration(component, "processingTimeout", TimeSpan.FromSeconds(60), where);
        var redeliver = Duration(component, "redeliverInterval", TimeSpan.FromSeconds(15), where);
        var redelivery = processing > TimeSpan.Zero && redeliver > TimeSpan.Zero;
        return new(ConcurrencyOf(component), Positive(component, "queueDepth", 100, where), redelivery ? processing : null, redelivery ? redeliver : null);
    }

    private static int ConcurrencyOf(ComponentSpec component) =>
        Positive(component, "concurrency", DefaultConcurrency, $"{component.SourceFile}: component '{component.Name}'");

    private static int Positive(ComponentSpec component, string name, int fallback, string where)
    {
        var text = component.Value(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidDataException($"{where}: metadata '{name}' must be a positive whole number, not '{text}'.");
    }

    private static TimeSpan Duration(ComponentSpec component, string name, TimeSpan fallback, string where)
    {
        var text = component.Value(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        // settings.go: a bare number is milliseconds, anything else a Go duration.
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : GoDuration.Parse(text, $"{where} metadata '{name}'");
    }
}
