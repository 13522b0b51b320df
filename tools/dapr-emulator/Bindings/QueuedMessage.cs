namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>Where a queued message is: waiting to be received, received and invisible, or deleted after a 2xx.</summary>
public enum QueuedMessageState
{
    Pending,
    InFlight,
    Delivered,
}

/// <summary>
/// Emulator-only view of one message of an emulated queue. <see cref="ContentType"/> is what the feeder
/// sent; SQS carries none, so the app receives application/json as from daprd.
/// </summary>
public sealed record QueuedMessage(
    string Id,
    string Queue,
    byte[] Body,
    string? ContentType,
    DateTimeOffset SentAt,
    int ReceiveCount,
    QueuedMessageState State,
    DateTimeOffset? VisibleAt,
    string? DeliveredTo);
