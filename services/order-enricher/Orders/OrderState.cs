using System.Text.Json.Serialization;

namespace FbaMesh.OrderEnricher.Orders;

/// <summary>Where an order is on its way to Amazon (stored by name, so the state reads well in any store browser).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
internal enum OrderStatus
{
    /// <summary>A delivery is working on it, or one was interrupted (a redelivery picks it up).</summary>
    Received,

    /// <summary>
    /// Parked after a transient failure (see the reason): the redrive scheduler sends it again at
    /// NextAttemptAt, until the horizon after WaitingSince; then it is Failed. Not final.
    /// </summary>
    Waiting,

    /// <summary>Amazon holds the fulfillment order. Final.</summary>
    Submitted,

    /// <summary>Nothing for Amazon to ship (no FBA lines). Final.</summary>
    Skipped,

    /// <summary>It cannot reach Amazon without an operator; see the reason. Final until an operator retries.</summary>
    Failed,

    /// <summary>Lifecycle:SubmitOn is stage: it goes to Amazon when the shop moves it into the submit stage.</summary>
    AwaitingStage,

    /// <summary>Amazon shipped at least one package (the fulfillment-tracker said so). Final for the enricher.</summary>
    Shipped,

    /// <summary>Amazon finished the order (Complete or CompletePartialled). Final.</summary>
    Completed,

    /// <summary>Amazon cancelled the order. Final.</summary>
    Cancelled,
}

/// <summary>The state record at key order-{id} in fbamesh-state. Holds no personal data.</summary>
internal sealed record OrderState
{
    public required string OrderId { get; init; }

    public required OrderStatus Status { get; init; }

    public string? ReasonCode { get; init; }

    public string? ReasonMessage { get; init; }

    public string? SellerFulfillmentOrderId { get; init; }

    /// <summary>CREATED or ALREADY_EXISTS once Submitted.</summary>
    public string? SubmitOutcome { get; init; }

    /// <summary>Deliveries that worked on the order since it was received or last retried by an operator.</summary>
    public int Attempts { get; init; }

    /// <summary>Times an operator asked for a retry of a failed order.</summary>
    public int OperatorRetries { get; init; }

    /// <summary>When each operator retry was recorded, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> OperatorRetriedAt { get; init; } = [];

    /// <summary>The delivery that last claimed the order; a claim is re-read to learn whether it held.</summary>
    public string? ClaimedBy { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The shop's commands (cancel, release, submit on a stage, preview) and their history.</summary>
    public OrderCommands Commands { get; init; } = OrderCommands.None;

    /// <summary>When a Waiting order is due again.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When the order first parked since it was received or retried; the horizon counts from here.</summary>
    public DateTimeOffset? WaitingSince { get; init; }

    public bool IsFinal => Status is OrderStatus.Submitted or OrderStatus.Skipped or OrderStatus.Failed
        or OrderStatus.Shipped or OrderStatus.Completed or OrderStatus.Cancelled;

    // Written out because a record compares a list by reference; two reads of one state must be equal.
    public bool Equals(OrderState? other) =>
        other is not null
        && OrderId == other.OrderId
        && Status == other.Status
        && ReasonCode == other.ReasonCode
        && ReasonMessage == other.ReasonMessage
        && SellerFulfillmentOrderId == other.SellerFulfillmentOrderId
        && SubmitOutcome == other.SubmitOutcome
        && Attempts == other.Attempts
        && OperatorRetries == other.OperatorRetries
        && OperatorRetriedAt.SequenceEqual(other.OperatorRetriedAt)
        && ClaimedBy == other.ClaimedBy
        && ReceivedAt == other.ReceivedAt
        && UpdatedAt == other.UpdatedAt
        && CompletedAt == other.CompletedAt
        && Commands.Equals(other.Commands)
        && NextAttemptAt == other.NextAttemptAt
        && WaitingSince == other.WaitingSince;

    public override int GetHashCode() => HashCode.Combine(OrderId, Status, Attempts, OperatorRetries, OperatorRetriedAt.Count, ClaimedBy, UpdatedAt);
}
