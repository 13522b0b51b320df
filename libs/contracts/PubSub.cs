namespace FbaMesh.Contracts;

/// <summary>The pub/sub component and the topics the services publish to and subscribe on.</summary>
public static class PubSub
{
    public const string Name = "fbamesh-pubsub";
    public const string OrdersReceived = "orders.received";
    public const string OrdersReceivedDeadLetter = "orders.received.deadletter";
    public const string FulfillmentSubmitted = "fulfillment.submitted";
    public const string FulfillmentFailed = "fulfillment.failed";

    /// <summary>A Crystallize order stands in a pipeline stage (OrderStageChanged); the enricher acts on configured pairs.</summary>
    public const string OrdersStageChanged = "orders.stage-changed";

    /// <summary>The shop's cancel came too late for Amazon (FulfillmentCancelTooLate).</summary>
    public const string FulfillmentCancelTooLate = "fulfillment.cancel-too-late";

    // Amazon's progress after submission, published by the fulfillment-tracker.
    public const string FulfillmentShipped = "fulfillment.shipped";
    public const string FulfillmentCompleted = "fulfillment.completed";
    public const string FulfillmentCancelled = "fulfillment.cancelled";
    public const string FulfillmentUnfulfillable = "fulfillment.unfulfillable";
}
