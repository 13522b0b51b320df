using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>An event waiting in a consumer group, with what settles it at the broker (XACK for Redis streams).</summary>
internal sealed record PendingEvent(CloudEventRecord Record, Func<Task>? Acknowledge = null);

/// <summary>
/// All replicas of one app id subscribed to one topic: a competing consumer group. Up to
/// <see cref="DeliverySettings.Concurrency"/> events per replica are in delivery at once (each daprd
/// runs its own worker pool over a Redis stream, <c>concurrency</c> metadata, default 10), so one event
/// in backoff never holds up the others; with a concurrency of 1 and one replica events are settled
/// one at a time in publish order. The pool grows with the most replicas that were ever subscribed at
/// once and does not shrink while one is down (its share then goes to the others). Each attempt goes
/// to the next replica in turn. While no replica is subscribed, events wait (a durable broker's
/// consumer group keeps them).
/// </summary>
internal sealed partial class ConsumerGroup
{
    private readonly Channel<PendingEvent> queue;
    private readonly List<(EmulatedSidecar Sidecar, Subscription Subscription)> members = [];
    private readonly PubSubBroker broker;
    private readonly EventDelivery delivery;
    private readonly DeliverySettings settings;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private TaskCompletionSource membersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken stopping;
    private int next;
    private int inFlight;
    private int workers;

    public ConsumerGroup(
        PubSubBroker broker, string appId, string groupName, string topic, EventDelivery delivery, DeliverySettings settings, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        (this.broker, AppId, GroupName, Topic, this.delivery, this.settings, this.time, this.logger, this.stopping) = (broker, appId, groupName, topic, delivery, settings, time, logger, stopping);
        // A durable broker's reader waits while the queue is full (daprd's queueDepth channel); in memory nothing may block a publish.
        queue = settings.QueueDepth is { } depth
            ? Channel.CreateBounded<PendingEvent>(new BoundedChannelOptions(depth) { FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<PendingEvent>();
        AddWorkers(settings.Concurrency);
    }

    public string AppId { get; }

    /// <summary>The consumer group's name at the broker (the app id unless the component sets consumerID).</summary>
    public string GroupName { get; }

    public string Topic { get; }

    /// <summary>Deliveries running right now (at most the concurrency limit).</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    public void Enqueue(CloudEventRecord record) => queue.Writer.TryWrite(new PendingEvent(record));

    /// <summary>Waits while the queue is full, so a durable reader takes no more from the broker than it can hold.</summary>
    public ValueTask EnqueueAsync(PendingEvent pending, CancellationToken ct) => queue.Writer.WriteAsync(pending, ct);

    public void Join(EmulatedSidecar sidecar, Subscription subscription) =>
        ChangeMembers(() =>
        {
            members.Add((sidecar, subscription));
            AddWorkers((settings.Concurrency * members.Count) - workers);
        });

    /// <summary>Called under the members lock (or from the constructor).</summary>
    private void AddWorkers(int count)
    {
        for (var worker = 0; worker < count; worker++)
        {
            workers++;
            _ = Task.Run(() => WorkAsync(stopping), CancellationToken.None);
        }
    }

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

    private async Task WorkAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var pending in queue.Reader.ReadAllAsync(stopping))
            {
                Interlocked.Increment(ref inFlight);
                try
                {
                    await ProcessAsync(pending, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // One broken event must not stall the topic for this app: log it and go on.
                    LogFailed(logger, ex, pending.Record.Id, Topic, AppId);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The emulator is shutting down: in-memory events go with it (as with pubsub.in-memory);
            // un-acknowledged Redis entries stay pending in their consumer group and come back after processingTimeout.
        }
    }

    private async Task ProcessAsync(PendingEvent pending, CancellationToken stopping)
    {
        // daprd bounds one message's handling (deliveries and retries) by processingTimeout when redelivery is on;
        // a message cut off that way is not acknowledged, so the reclaim loop hands it out again.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (settings.ProcessingTimeout is { } limit)
        {
            bounded.CancelAfter(limit);
        }

        try
        {
            await SettleAsync(pending.Record, bounded.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            LogTimedOut(logger, pending.Record.Id, Topic, AppId);
            return;
        }

        if (pending.Acknowledge is { } acknowledge)
        {
            await acknowledge();
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

    [LoggerMessage(LogLevel.Warning, "Event {Id} on {Topic} for {AppId} was not settled within processingTimeout; left un-acknowledged for redelivery.")]
    private static partial void LogTimedOut(ILogger logger, string id, string topic, string appId);
}
