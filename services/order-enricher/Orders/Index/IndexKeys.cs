using System.Globalization;

namespace FbaMesh.OrderEnricher.Orders.Index;

/// <summary>
/// Key names of the order index in fbamesh-state. Orders are spread over 16 shards by the last hex digit
/// of their id, so concurrent writers of one busy hour rarely meet on the same key; each shard has one
/// bucket per UTC hour of receipt and one summary that lists its hours with their counts.
/// </summary>
internal static class IndexKeys
{
    public const int Shards = 16;

    private const string HourFormat = "yyyyMMddHH";

    public static int ShardOf(string orderId) =>
        orderId.Length > 0 && int.TryParse(orderId.AsSpan(orderId.Length - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var digit)
            ? digit
            : (int)((uint)StringComparer.Ordinal.GetHashCode(orderId) % Shards);

    public static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset HourStart(string hour) =>
        new(DateTime.ParseExact(hour, HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    public static string Bucket(int shard, string hour) => $"order-index-{shard:x}-{hour}";

    public static string Summary(int shard) => $"order-index-{shard:x}-hours";

    public const string DeadLetters = "order-index-dead-letters";

    public static string Timeline(string orderId) => $"order-timeline-{orderId}";
}
