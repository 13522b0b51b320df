using FbaMesh.Contracts.Fulfillment.V1;

namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>What the mapping made of an order: a request for Amazon, a skip, or a permanent failure.</summary>
internal abstract record MappingOutcome
{
    public sealed record Mapped(SubmitFulfillmentOrderRequest Request) : MappingOutcome;

    /// <summary>Nothing for Amazon to ship (no FBA lines): not an error, nothing is sent.</summary>
    public sealed record Skipped(string ReasonCode, string Message) : MappingOutcome;

    /// <summary>The order cannot become a valid FBA order; retrying will not help.</summary>
    public sealed record Rejected(string ReasonCode, string Message) : MappingOutcome;
}
