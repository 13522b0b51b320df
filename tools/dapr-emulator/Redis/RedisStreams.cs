using System.Globalization;
using System.Text.Json;
using FbaMesh.DaprEmulator.PubSub;
using FbaMesh.DaprEmulator.Resources;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FbaMesh.DaprEmulator.Redis;

/// <summary>
/// pubsub.redis as components-contrib runs it (pubsub/redis/redis.go): a topic is a stream; publish is
/// XADD with the envelope in field <c>data</c>, trimmed to about <c>maxLenApprox</c> entries; every
/// consumer group (the app id, or <c>consumerID</c>) is created at "0" with MKSTREAM; new entries come
/// from XREADGROUP ">" (the group's name is also the consumer's); a settled entry is XACKed; entries left
/// pending (a crash, processingTimeout) are reclaimed every <c>redeliverInterval</c> with XPENDING and
/// XCLAIM once idle for <c>processingTimeout</c>. Everything un-acknowledged lives in Redis, so it
/// survives a crash of the emulator process.
/// </summary>
internal sealed partial class RedisStreams(IDatabase redis, ComponentSpec component, DeliverySettings settings, TimeProvider time, ILogger logger)
{
    public const string DataField = "data";

    /// <summary>XREADGROUP without BLOCK (a multiplexed connection must not block): the pause when a stream had nothing new.</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan OutagePause = TimeSpan.FromSeconds(1);

    private readonly long? maxLenApprox = MaxLen(component);

    /// <summary>The consumer group (and consumer) for an app: consumerID with {appID} filled in, else the app id (daprd's default).</summary>
    public string GroupFor(string appId) =>
        component.Value("consumerID") is { Length: > 0 } id ? id.Replace("{appID}", appId, StringComparison.Ordinal) : appId;

    public void Append(CloudEventRecord record)
    {
        try
        {
            redis.StreamAdd(record.Topic, [new NameValueEntry(DataField, record.Json)], maxLength: maxLenApprox, useApproximateMaxLength: maxLenApprox is not null);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // daprd: a retriable "redis streams: error from publish", answered ERR_PUBSUB_PUBLISH_MESSAGE.
            throw new DaprApiException(Grpc.Core.StatusCode.Internal, 500, "ERR_PUBSUB_PUBLISH_MESSAGE",
                $"error when publish to topic {record.Topic} in pubsub {component.Name}: redis streams: error from publish: {ex.Message}");
        }
    }

    /// <summary>Feeds the group from its stream until the emulator stops: new entries, and reclaimed ones when redelivery is on.</summary>
    public void Consume(ConsumerGroup group, CancellationToken stopping)
    {
        _ = Task.Run(() => ReadNewAsync(group, stopping), CancellationToken.None);
        if (settings.ProcessingTimeout is { } processing && settings.RedeliverInterval is { } interval)
        {
            _ = Task.Run(() => ReclaimAsync(group, processing, interval, stopping), CancellationToken.None);
        }
    }

    private async Task CreateGroupAsync(string topic, string group)
    {
        try
        {
            await redis.StreamCreateConsumerGroupAsync(topic, group, "0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group outlived an earlier run: it keeps its pending entries and its position.
        }
    }

    private async Task ReadNewAsync(ConsumerGroup group, CancellationToken stopping)
    {
        var name = group.GroupName;
        var created = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await CreateGroupAsync(group.Topic, name);
                    created = true;
                }

                var entries = await redis.StreamReadGroupAsync(group.Topic, name, name, StreamPosition.NewMessages, settings.QueueDepth);
                if (entries.Length == 0)
                {
                    await Task.Delay(IdlePoll, time, stopping);
                    continue;
                }

                await EnqueueAsync(group, entries, stopping);
            }
            catch (RedisServerException ex) when (ex.Message.Contains("NOGROUP", StringComparison.Ordinal))
            {
                // As daprd: the group (or the stream) is gone, e.g. the server lost its data; create it again.
                LogNoGroup(logger, name, group.Topic);
                created = false;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogReadFailed(logger, group.Topic, name, ex.Message);
                await PauseAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ReclaimAsync(ConsumerGroup group, TimeSpan processing, TimeSpan interval, CancellationToken stopping)
    {
        var name = group.GroupName;
        var minIdle = (long)processing.TotalMilliseconds;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                while (true)
                {
                    var pending = await redis.StreamPendingMessagesAsync(group.Topic, name, settings.QueueDepth ?? 100, RedisValue.Null, "-", "+");
                    var due = pending.Where(p => p.IdleTimeInMilliseconds >= minIdle).Select(p => p.MessageId).ToArray();
                    if (due.Length == 0)
                    {
                        break;
                    }

                    var claimed = await redis.StreamClaimAsync(group.Topic, name, name, minIdle, due);
                    var present = claimed.Where(e => !e.IsNull).ToArray();
                    LogReclaimed(logger, present.Length, group.Topic, name);
                    await EnqueueAsync(group, present, stopping);
                    // An entry trimmed from the stream while pending cannot be delivered: acknowledge it away, as daprd does.
                    var gone = due.Except(present.Select(e => e.Id)).ToArray();
                    if (gone.Length > 0)
                    {
                        await redis.StreamAcknowledgeAsync(group.Topic, name, gone);
                    }
                }

                await Task.Delay(interval, time, stopping);
            }
            catch (RedisServerException ex) when (ex.Message.Contains("NOGROUP", StringComparison.Ordinal))
            {
                // The reader recreates the group; nothing is pending in a new one.
                await Task.Delay(interval, time, stopping);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogReadFailed(logger, group.Topic, name, ex.Message);
                await PauseAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task EnqueueAsync(ConsumerGroup group, StreamEntry[] entries, CancellationToken stopping)
    {
        foreach (var entry in entries)
        {
            var id = entry.Id;
            var record = Record(group.Topic, entry);
            if (record is null)
            {
                LogUnreadable(logger, id.ToString(), group.Topic);
                await AcknowledgeAsync(group, id);
                continue;
            }

            await group.EnqueueAsync(new PendingEvent(record, () => AcknowledgeAsync(group, id)), stopping);
        }
    }

    private async Task AcknowledgeAsync(ConsumerGroup group, RedisValue id)
    {
        try
        {
            await redis.StreamAcknowledgeAsync(group.Topic, group.GroupName, id);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // As daprd: the entry stays pending and is reclaimed after processingTimeout (at-least-once).
            LogAckFailed(logger, id.ToString(), group.Topic, ex.Message);
        }
    }

    private CloudEventRecord? Record(string topic, StreamEntry entry)
    {
        var json = entry[DataField];
        if (json.IsNull)
        {
            return null;
        }

        var text = json.ToString();
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return new CloudEventRecord(
                component.Name, topic, Text(root, "id") ?? entry.Id.ToString(), Text(root, "source") ?? "", Text(root, "type") ?? "",
                Text(root, "datacontenttype"), text, PublishedAt(entry.Id));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A stream id is "milliseconds-sequence": when Redis took the entry.</summary>
    private static DateTimeOffset PublishedAt(RedisValue id)
    {
        var text = id.ToString();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return long.TryParse(dash < 0 ? text : text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UnixEpoch;
    }

    private async Task PauseAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(OutagePause, time, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }

    private static long? MaxLen(ComponentSpec component)
    {
        var text = component.Value("maxLenApprox");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0
            ? max
            : throw new InvalidDataException($"{component.SourceFile}: component '{component.Name}' metadata 'maxLenApprox' must be a positive whole number, not '{text}'.");
    }

    [LoggerMessage(LogLevel.Warning, "Consumer group {Group} for stream {Topic} does not exist (the server lost its data, or it was deleted); creating it again.")]
    private static partial void LogNoGroup(ILogger logger, string group, string topic);

    [LoggerMessage(LogLevel.Warning, "Reading stream {Topic} for group {Group} failed: {Reason}; trying again.")]
    private static partial void LogReadFailed(ILogger logger, string topic, string group, string reason);

    [LoggerMessage(LogLevel.Information, "Reclaimed {Count} pending entries of stream {Topic} for group {Group} after processingTimeout.")]
    private static partial void LogReclaimed(ILogger logger, int count, string topic, string group);

    [LoggerMessage(LogLevel.Warning, "Stream entry {Id} on {Topic} has no readable CloudEvent in field 'data'; acknowledged and skipped.")]
    private static partial void LogUnreadable(ILogger logger, string id, string topic);

    [LoggerMessage(LogLevel.Warning, "Acknowledging stream entry {Id} on {Topic} failed: {Reason}; it will be redelivered.")]
    private static partial void LogAckFailed(ILogger logger, string id, string topic, string reason);
}
