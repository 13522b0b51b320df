namespace FbaMesh.Contracts;

/// <summary>The pub/sub component and the topics the services publish to and subscribe on.</summary>
public static class PubSub
{
    public const string Name = "fbamesh-pubsub";
    public const string OrdersReceived = "orders.received";
    public const string OrdersReceivedDeadLetter = "orders.received.deadletter";
    public const string FulfillmentSubmitted = "fulfillment.submitted";
    public const string FulfillmentFailed = "fulfillment.failed";

    // Amazon's progress after submission, published by the fulfillment-tracker.
    public const string FulfillmentShipped = "fulfillment.shipped";
    public const string FulfillmentCompleted = "fulfillment.completed";
    public const string FulfillmentCancelled = "fulfillment.cancelled";
    public const string FulfillmentUnfulfillable = "fulfillment.unfulfillable";
}
