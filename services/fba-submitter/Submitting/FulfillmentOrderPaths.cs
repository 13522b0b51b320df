namespace FbaMesh.FbaSubmitter.Submitting;

internal static class FulfillmentOrderPaths
{
    public const string Orders = "fba/outbound/2020-07-01/fulfillmentOrders";

    public static string Order(string sellerFulfillmentOrderId) => $"{Orders}/{Uri.EscapeDataString(sellerFulfillmentOrderId)}";

    public const string Preview = $"{Orders}/preview";

    public static string Tracking(int packageNumber) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fba/outbound/2020-07-01/tracking?packageNumber={packageNumber}");

    public static string Changes(string? queryStartDate, string? nextToken)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(queryStartDate))
        {
            query.Add("queryStartDate=" + Uri.EscapeDataString(queryStartDate));
        }

        if (!string.IsNullOrEmpty(nextToken))
        {
            query.Add("nextToken=" + Uri.EscapeDataString(nextToken));
        }

        return query.Count == 0 ? Orders : $"{Orders}?{string.Join('&', query)}";
    }

    public static string Cancel(string sellerFulfillmentOrderId) => $"{Order(sellerFulfillmentOrderId)}/cancel";
}
