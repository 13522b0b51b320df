using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>
/// All replicas of one app id subscribed to one topic: a competing consumer group. Events are handed
/// out one at a time in publish order; the next event waits until the previous one settled (success,
/// drop, dead-letter or retries exhausted). Each attempt goes to the next replica in turn.
/// While no replica is subscribed, events wait (a durable broker's consumer group keeps them).
/// </summary>
internal sealed partial class ConsumerGroup
{
    private readonly Channel<CloudEventRecord> queue = Channel.CreateUnbounded<CloudEventRecord>();
    private readonly List<(EmulatedSidecar Sidecar, Subscription Subscription)> members = [];
    private readonly PubSubBroker broker;
    private readonly EventDelivery delivery;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private TaskCompletionSource membersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int next;

    public ConsumerGroup(PubSubBroker broker, string appId, string topic, EventDelivery delivery, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        (this.broker, AppId, Topic, this.delivery, this.time, this.logger) = (broker, appId, topic, delivery, time, logger);
        _ = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    public string AppId { get; }

    public string Topic { get; }

    public void Enqueue(CloudEventRecord record) => queue.Writer.TryWrite(record);

    public void Join(EmulatedSidecar sidecar, Subscription subscription) =>
        ChangeMembers(() => members.Add((sidecar, subscription)));

    public bool Leave(EmulatedSidecar sidecar)
    {
        var removed = false;
        ChangeMembers(() => removed = members.RemoveAll(m => m.Sidecar == sidecar) > 0);
        return removed;
    }

    public IReadOnlyList<(EmulatedSidecar Sidecar, Subscription Subscription)> Members
    {
        get
        {
            lock (members)
            {
                return [.. members];
            }
        }
    }

    private void ChangeMembers(Action change)
    {
        TaskCompletionSource changed;
        lock (members)
        {
            change();
            changed = membersChanged;
            membersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var record in queue.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await SettleAsync(record, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One broken event must not stall the topic for this app: log it and go on.
                    LogFailed(logger, ex, record.Id, Topic, AppId);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The emulator is shutting down; undelivered in-memory events go with it, as with pubsub.in-memory.
        }
    }

    private async Task SettleAsync(CloudEventRecord record, CancellationToken stopping)
    {
        for (var retries = 0; ; retries++)
        {
            var (sidecar, subscription) = await NextMemberAsync(stopping);
            var outcome = await delivery.DeliverAsync(sidecar, subscription, record, stopping);
            if (outcome == DeliveryOutcome.Success)
            {
                return;
            }

            if (outcome == DeliveryOutcome.Drop)
            {
                broker.DeadLetterOrDrop(subscription, record, AppId, "the app dropped it");
                return;
            }

            if (outcome == DeliveryOutcome.Unreachable)
            {
                sidecar.AppUnreachable();
            }

            var policy = sidecar.InboundRetryPolicy(broker.Name);
            if (!policy.AllowsRetry(retries))
            {
                broker.DeadLetterOrDrop(subscription, record, AppId, $"retries exhausted ({policy.Name}, {policy.MaxRetries} retries)");
                return;
            }

            await Task.Delay(policy.Delay(retries), time, stopping);
        }
    }

    private async Task<(EmulatedSidecar, Subscription)> NextMemberAsync(CancellationToken stopping)
    {
        while (true)
        {
            Task changed;
            lock (members)
            {
                if (members.Count > 0)
                {
                    return members[next++ % members.Count];
                }

                changed = membersChanged.Task;
            }

            LogWaiting(logger, AppId, Topic);
            await changed.WaitAsync(stopping);
        }
    }

    [LoggerMessage(LogLevel.Error, "Delivering event {Id} on {Topic} to {AppId} failed in the emulator; event dropped.")]
    private static partial void LogFailed(ILogger logger, Exception ex, string id, string topic, string appId);

    [LoggerMessage(LogLevel.Information, "No replica of {AppId} is subscribed to {Topic} right now; events wait for one.")]
    private static partial void LogWaiting(ILogger logger, string appId, string topic);
}
