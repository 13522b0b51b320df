namespace FbaMesh.Contracts;

/// <summary>The pub/sub component and the topics the services publish to and subscribe on.</summary>
public static class PubSub
{
    public const string Name = "fbamesh-pubsub";
    public const string OrdersReceived = "orders.received";
    public const string OrdersReceivedDeadLetter = "orders.received.deadletter";
    public const string FulfillmentSubmitted = "fulfillment.submitted";
    public const string FulfillmentFailed = "fulfillment.failed";
}
