namespace FbaMesh.FulfillmentTracker.Feeds;

/// <summary>The Dapr input bindings the tracker reads; daprd POSTs each event to /{binding name}.</summary>
internal static class FeedNames
{
    public const string Notifications = "fbamesh-amazon-notifications";
    public const string Poll = "fbamesh-tracking-poll";

    public const string SubmittedRoute = "/events/fulfillment-submitted";
}
