using FbaMesh.FulfillmentTracker.Feeds;

namespace FbaMesh.FulfillmentTracker.Tests.Feeds;

/// <summary>
/// FULFILLMENT_ORDER_STATUS notifications read leniently: only the order id is needed. notification-example.json
/// is the example of Amazon's schema (amzn/selling-partner-api-models, schemas/notifications, Apache-2.0).
/// </summary>
public sealed class NotificationReaderTests
{
    private static string Reference() => File.ReadAllText(FbaMesh.Testing.RepositoryPaths.Combine("tests", "FbaMesh.FulfillmentTracker.Tests", "Feeds", "notification-example.json"));

    [Fact]
    public void Amazons_own_example_gives_the_order_and_its_status_time()
    {
        var notification = AmazonNotificationReader.Read(Reference(), out var problem);

        Assert.Null(problem);
        Assert.Equal("SFOID2345", notification!.SellerFulfillmentOrderId);
        Assert.Equal(new DateTimeOffset(2020, 7, 13, 19, 42, 4, 284, TimeSpan.Zero), notification.StatusUpdatedAt);
    }

    [Theory]
    // Only the order id: the guide marks fields required that the schema does not, and the reverse.
    [InlineData("""{"Payload":{"FulfillmentOrderStatusNotification":{"SellerFulfillmentOrderId":"A1"}}}""", "A1", null)]
    // Names in another case.
    [InlineData("""{"notificationType":"FULFILLMENT_ORDER_STATUS","payload":{"fulfillmentOrderStatusNotification":{"sellerFulfillmentOrderId":"A2","statusUpdatedDateTime":"2026-11-02T09:00:00Z"}}}""", "A2", "2026-11-02T09:00:00Z")]
    // No status time in the payload: the notification's EventTime.
    [InlineData("""{"EventTime":"2026-11-02T10:00:00Z","Payload":{"FulfillmentOrderStatusNotification":{"SellerFulfillmentOrderId":"A3","StatusUpdatedDateTime":"not a time"}}}""", "A3", null)]
    [InlineData("""{"EventTime":"2026-11-02T10:00:00Z","Payload":{"FulfillmentOrderStatusNotification":{"SellerFulfillmentOrderId":"A4"}}}""", "A4", "2026-11-02T10:00:00Z")]
    // Wrapped in an SNS envelope.
    [InlineData("""{"Type":"Notification","Message":"{\"Payload\":{\"FulfillmentOrderStatusNotification\":{\"SellerFulfillmentOrderId\":\"A5\"}}}"}""", "A5", null)]
    // Unknown fields and extra nesting are ignored.
    [InlineData("""{"Payload":{"FulfillmentOrderStatusNotification":{"SellerFulfillmentOrderId":" A6 ","FulfillmentShipment":{"x":[1,2]},"New":true}},"Extra":{}}""", "A6", null)]
    public void Lenient_shapes_are_read(string body, string id, string? updated)
    {
        var notification = AmazonNotificationReader.Read(body, out var problem);

        Assert.Null(problem);
        Assert.Equal(id, notification!.SellerFulfillmentOrderId);
        Assert.Equal(updated is null ? null : DateTimeOffset.Parse(updated, System.Globalization.CultureInfo.InvariantCulture), notification.StatusUpdatedAt);
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("{", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"NotificationType":"ANY_OFFER_CHANGED","Payload":{}}""", "another notification type")]
    [InlineData("""{"Payload":{"FulfillmentOrderStatusNotification":{}}}""", "no SellerFulfillmentOrderId")]
    [InlineData("""{"Payload":{"FulfillmentOrderStatusNotification":{"SellerFulfillmentOrderId":42}}}""", "no SellerFulfillmentOrderId")]
    [InlineData("""{"Payload":{"FulfillmentOrderStatusNotification":{"SellerFulfillmentOrderId":"   "}}}""", "no SellerFulfillmentOrderId")]
    [InlineData("""{"Payload":{"FulfillmentOrderStatusNotification":{"SellerFulfillmentOrderId":"01234567890123456789012345678901234567890"}}}""", "SellerFulfillmentOrderId longer than Amazon allows")]
    public void Unusable_messages_say_why(string body, string expected)
    {
        Assert.Null(AmazonNotificationReader.Read(body, out var problem));
        Assert.Equal(expected, problem);
    }
}
