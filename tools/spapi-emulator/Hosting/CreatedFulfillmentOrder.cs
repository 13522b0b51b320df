namespace FbaMesh.SpApiEmulator;

/// <summary>An order createFulfillmentOrder accepted, with the request body exactly as it arrived.</summary>
public sealed record CreatedFulfillmentOrder(string SellerFulfillmentOrderId, string RequestJson, DateTimeOffset ReceivedAt, string Status);
