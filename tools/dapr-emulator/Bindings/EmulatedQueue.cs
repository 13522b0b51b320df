namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// An in-process stand-in for one SQS Standard queue, shared by every sidecar that loads a
/// bindings.aws.sqs component for it (so replicas of an app compete for its messages). As SQS: a received
/// message is invisible for the receiver's visibility timeout; it is gone only when deleted with the
/// receipt of its latest receive; otherwise it becomes visible again and is received again, forever
/// (no retention limit and no redrive policy here, so nothing is lost).
/// </summary>
internal sealed class EmulatedQueue(string key, TimeProvider time)
{
    /// <summary>Deleted messages kept for inspection.</summary>
    public const int KeptDelivered = 1000;

    private readonly List<Entry> messages = [];
    private readonly Queue<QueuedMessage> delivered = new();
    private TaskCompletionSource added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Key { get; } = key;

    public QueuedMessage Send(byte[] body, string? contentType)
    {
        var entry = new Entry(Guid.NewGuid().ToString(), body, contentType, time.GetUtcNow());
        TaskCompletionSource wake;
        lock (messages)
        {
            messages.Add(entry);
            wake = added;
            added = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
        return Snapshot(entry, QueuedMessageState.Pending);
    }

    /// <summary>Waits for a visible message and receives it (oldest first), hiding it for <paramref name="visibility"/>.</summary>
    public async Task<ReceivedMessage> ReceiveAsync(TimeSpan visibility, CancellationToken ct)
    {
        while (true)
        {
            Task wake;
            DateTimeOffset? nextVisible = null;
            lock (messages)
            {
                var now = time.GetUtcNow();
                foreach (var entry in messages)
                {
                    if (entry.VisibleAt <= now)
                    {
                        entry.VisibleAt = now + visibility;
                        entry.ReceiveCount++;
                        entry.Receipt = Guid.NewGuid().ToString();
                        return new ReceivedMessage(entry.Id, entry.Body, entry.Receipt, entry.ReceiveCount);
                    }

                    nextVisible = nextVisible is { } n && n <= entry.VisibleAt ? n : entry.VisibleAt;
                }

                wake = added.Task;
            }

            if (nextVisible is not { } due)
            {
                await wake.WaitAsync(ct);
                continue;
            }

            using var waitOver = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(Max(due - time.GetUtcNow(), TimeSpan.Zero), time, waitOver.Token);
            await Task.WhenAny(wake, delay);
            await waitOver.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>SQS DeleteMessage: only the latest receipt deletes; a stale one (the message was received again since) does nothing.</summary>
    public bool Delete(ReceivedMessage received, string appId)
    {
        lock (messages)
        {
            var entry = messages.FirstOrDefault(m => m.Id == received.Id);
            if (entry is null || entry.Receipt != received.Receipt)
            {
                return false;
            }

            messages.Remove(entry);
            delivered.Enqueue(Snapshot(entry, QueuedMessageState.Delivered) with { DeliveredTo = appId, VisibleAt = null });
            if (delivered.Count > KeptDelivered)
            {
                delivered.Dequeue();
            }

            return true;
        }
    }

    /// <summary>Delivered (oldest first, the last <see cref="KeptDelivered"/>), then pending and in-flight ones in queue order.</summary>
    public IReadOnlyList<QueuedMessage> Messages()
    {
        lock (messages)
        {
            var now = time.GetUtcNow();
            return [.. delivered, .. messages.Select(m => Snapshot(m, m.Receipt is not null && m.VisibleAt > now ? QueuedMessageState.InFlight : QueuedMessageState.Pending))];
        }
    }

    private QueuedMessage Snapshot(Entry e, QueuedMessageState state) =>
        new(e.Id, Key, e.Body, e.ContentType, e.SentAt, e.ReceiveCount, state, e.VisibleAt, null);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Entry(string id, byte[] body, string? contentType, DateTimeOffset sentAt)
    {
        public string Id { get; } = id;

        public byte[] Body { get; } = body;

        public string? ContentType { get; } = contentType;

        public DateTimeOffset SentAt { get; } = sentAt;

        public DateTimeOffset VisibleAt { get; set; } = sentAt;

        public int ReceiveCount { get; set; }

        public string? Receipt { get; set; }
    }
}

/// <summary>One receive of a message: its receipt handle deletes it only while no later receive happened.</summary>
internal sealed record ReceivedMessage(string Id, byte[] Body, string Receipt, int ReceiveCount);
