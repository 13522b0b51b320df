namespace FbaMesh.SpApiEmulator;

/// <summary>
/// An order createFulfillmentOrder accepted, with the request body exactly as it arrived and the W3C
/// traceparent header of that request (null when the caller sent none), so tests can follow a trace.
/// </summary>
public sealed record CreatedFulfillmentOrder(string SellerFulfillmentOrderId, string RequestJson, DateTimeOffset ReceivedAt, string Status, string? TraceParent = null);
