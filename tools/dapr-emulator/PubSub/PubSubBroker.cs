using FbaMesh.DaprEmulator.Redis;
using FbaMesh.DaprEmulator.Resources;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>
/// One pub/sub component shared by every sidecar of the emulator process: every subscribing app id
/// gets every event of a topic; replicas of one app id compete (see <see cref="ConsumerGroup"/>).
/// Keeps the last events of each topic published through this process for inspection. pubsub.in-memory
/// hands events to the groups directly; pubsub.redis appends them to a stream, from which each group
/// reads (see <see cref="RedisStreams"/>).
/// </summary>
internal sealed partial class PubSubBroker(
    ComponentSpec component, DeliverySettings settings, RedisStreams? streams, EventDelivery delivery, TimeProvider time, ILogger logger, CancellationToken stopping)
{
    public const int KeptPerTopic = 1000;

    private readonly Dictionary<(string Topic, string Group), ConsumerGroup> groups = [];
    private readonly Dictionary<string, Queue<CloudEventRecord>> history = new(StringComparer.Ordinal);

    public string Name { get; } = component.Name;

    public string Type => component.Type;

    public void Publish(CloudEventRecord record)
    {
        if (streams is not null)
        {
            // Durable first: the event counts as published once Redis has it.
            streams.Append(record);
            Keep(record);
            return;
        }

        List<ConsumerGroup>? targets = null;
        lock (groups)
        {
            KeepLocked(record);

            // Only a topic with subscribers gets a list: most publishes in a bench or a test have none.
            foreach (var group in groups.Values)
            {
                if (group.Topic == record.Topic)
                {
                    (targets ??= []).Add(group);
                }
            }
        }

        if (targets is null)
        {
            LogNoSubscriber(logger, record.Topic, record.Id);
            return;
        }

        foreach (var group in targets)
        {
            group.Enqueue(record);
        }
    }

    private void Keep(CloudEventRecord record)
    {
        lock (groups)
        {
            KeepLocked(record);
        }
    }

    private void KeepLocked(CloudEventRecord record)
    {
        if (!history.TryGetValue(record.Topic, out var kept))
        {
            history[record.Topic] = kept = new Queue<CloudEventRecord>();
        }

        kept.Enqueue(record);
        if (kept.Count > KeptPerTopic)
        {
            kept.Dequeue();
        }
    }

    /// <summary>What every topic kept, oldest first per topic.</summary>
    public IReadOnlyList<CloudEventRecord> PublishedToAnyTopic()
    {
        lock (groups)
        {
            return [.. history.Values.SelectMany(kept => kept)];
        }
    }

    public IReadOnlyList<CloudEventRecord> PublishedTo(string topic)
    {
        lock (groups)
        {
            return history.TryGetValue(topic, out var kept) ? [.. kept] : [];
        }
    }

    /// <summary>Replaces what one sidecar subscribes to on this component.</summary>
    public void Subscribe(EmulatedSidecar sidecar, IEnumerable<Subscription> subscriptions)
    {
        lock (groups)
        {
            foreach (var group in groups.Values)
            {
                group.Leave(sidecar);
            }

            foreach (var subscription in subscriptions)
            {
                var name = streams?.GroupFor(sidecar.AppId) ?? sidecar.AppId;
                var key = (subscription.Topic, name);
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = new ConsumerGroup(this, sidecar.AppId, name, subscription.Topic, delivery, settings, time, logger, stopping);
                    streams?.Consume(group, stopping);
                }

                group.Join(sidecar, subscription);
            }
        }
    }

    public void Unsubscribe(EmulatedSidecar sidecar) => Subscribe(sidecar, []);

    public IReadOnlyList<Subscription> SubscriptionsOf(EmulatedSidecar sidecar)
    {
        lock (groups)
        {
            return [.. groups.Values.SelectMany(g => g.Members).Where(m => m.Sidecar == sidecar).Select(m => m.Subscription)];
        }
    }

    public void DeadLetterOrDrop(Subscription subscription, CloudEventRecord record, string appId, string why)
    {
        if (string.IsNullOrEmpty(subscription.DeadLetterTopic))
        {
            LogDropped(logger, record.Id, record.Topic, appId, why);
            return;
        }

        LogDeadLettered(logger, record.Id, record.Topic, appId, subscription.DeadLetterTopic, why);
        // daprd publishes the original envelope unchanged to the dead-letter topic of the same component.
        Publish(record with { Topic = subscription.DeadLetterTopic, PublishedAt = time.GetUtcNow() });
    }

    [LoggerMessage(LogLevel.Debug, "No app subscribes to {Topic}; event {Id} is kept for inspection only.")]
    private static partial void LogNoSubscriber(ILogger logger, string topic, string id);

    [LoggerMessage(LogLevel.Warning, "Event {Id} on {Topic} for {AppId} dropped: {Why}; no dead-letter topic.")]
    private static partial void LogDropped(ILogger logger, string id, string topic, string appId, string why);

    [LoggerMessage(LogLevel.Warning, "Event {Id} on {Topic} for {AppId} sent to dead-letter topic {DeadLetterTopic}: {Why}.")]
    private static partial void LogDeadLettered(ILogger logger, string id, string topic, string appId, string deadLetterTopic, string why);
}
