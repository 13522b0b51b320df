namespace FbaMesh.OrderEnricher.Submitter;

/// <summary>What the submitter's gRPC answer means for the order.</summary>
internal abstract record SubmitResult
{
    /// <summary>Amazon holds the order; <see cref="Outcome"/> is CREATED or ALREADY_EXISTS.</summary>
    public sealed record Accepted(string SellerFulfillmentOrderId, string Outcome) : SubmitResult;

    /// <summary>Amazon (or the submitter) refused it for good; an operator must act.</summary>
    public sealed record Rejected(string ReasonCode, string Message) : SubmitResult;

    /// <summary>Not now: the submitter, Amazon or the sidecar is unavailable, throttled or slow.</summary>
    public sealed record Transient(string Message) : SubmitResult;
}
