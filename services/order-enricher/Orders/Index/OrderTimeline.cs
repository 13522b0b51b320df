namespace FbaMesh.OrderEnricher.Orders.Index;

/// <summary>
/// One step in an order's life as the console shows it. Holds ids, codes and tracking, never personal data:
/// Kind is a stable word (received, read, waiting, submitted, failed, skipped, retried, shipped, completed,
/// cancelled, released, status), Text a short sentence, Reference an id (Amazon's order id, a tracking number).
/// </summary>
internal sealed record TimelineEntry(
    DateTimeOffset At,
    string Kind,
    string Text,
    string? ReasonCode = null,
    string? Reference = null,
    string? Carrier = null,
    string? TrackingUrl = null)
{
    /// <summary>A package is one step however often, and with whatever time, the tracker reports it; any other step is its time and words.</summary>
    public bool SameStepAs(TimelineEntry other) =>
        Kind == "shipment" && other.Kind == "shipment"
            ? Text == other.Text && Reference == other.Reference && Carrier == other.Carrier && TrackingUrl == other.TrackingUrl
            : this == other;
}

/// <summary>The timeline of one order at key order-timeline-{id}, oldest first.</summary>
internal sealed record OrderTimeline
{
    public List<TimelineEntry> Entries { get; init; } = [];
}

/// <summary>What changed between the order the index last listed and the state just written, as timeline steps.</summary>
internal static class TimelineChanges
{
    public static IReadOnlyList<TimelineEntry> Between(IndexedOrder? previous, OrderState state)
    {
        var steps = new List<TimelineEntry>();
        if (previous is null)
        {
            steps.Add(new TimelineEntry(state.ReceivedAt, "received", "Received from the webhook gateway."));
        }

        if (previous is not null && state.OperatorRetries > previous.OperatorRetries)
        {
            var at = state.OperatorRetriedAt.Count > 0 ? state.OperatorRetriedAt[^1] : state.UpdatedAt;
            steps.Add(new TimelineEntry(at, "retried", $"An operator retried the order (retry {state.OperatorRetries})."));
        }

        var status = state.Status.ToString();
        var statusChanged = previous is null ? status != nameof(OrderStatus.Received) : previous.Status != status;
        var reasonChanged = previous?.ReasonCode != state.ReasonCode && state.ReasonCode is not null;
        if (!statusChanged && !reasonChanged)
        {
            return steps;
        }

        var reason = state.ReasonCode is null ? "" : $" {state.ReasonCode}: {state.ReasonMessage}";
        TimelineEntry? step = state.Status switch
        {
            OrderStatus.Submitted => new TimelineEntry(
                state.UpdatedAt, "submitted", $"Submitted to Amazon as {state.SellerFulfillmentOrderId} ({state.SubmitOutcome}).", Reference: state.SellerFulfillmentOrderId),
            OrderStatus.Failed => new TimelineEntry(state.UpdatedAt, "failed", "Failed." + reason, state.ReasonCode),
            OrderStatus.Skipped => new TimelineEntry(state.UpdatedAt, "skipped", "Skipped: nothing for Amazon to ship." + reason, state.ReasonCode),
            OrderStatus.Received when state.ReasonCode is not null => new TimelineEntry(
                state.UpdatedAt, "waiting", $"Waiting after attempt {state.Attempts}." + reason, state.ReasonCode),
            OrderStatus.Received => null, // back to Received: the retry step above says why
            _ => new TimelineEntry(state.UpdatedAt, status.ToLowerInvariant(), $"Now {status}." + reason, state.ReasonCode),
        };
        if (step is not null)
        {
            steps.Add(step);
        }

        return steps;
    }
}
