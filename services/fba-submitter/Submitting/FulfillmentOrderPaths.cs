namespace FbaMesh.FbaSubmitter.Submitting;

internal static class FulfillmentOrderPaths
{
    public const string Orders = "fba/outbound/2020-07-01/fulfillmentOrders";

    public static string Order(string sellerFulfillmentOrderId) => $"{Orders}/{Uri.EscapeDataString(sellerFulfillmentOrderId)}";

    public static string Cancel(string sellerFulfillmentOrderId) => $"{Order(sellerFulfillmentOrderId)}/cancel";
}
