using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Submitting;

namespace FbaMesh.FbaSubmitter.GrpcApi;

/// <summary>Checks of the smaller requests, before anything goes to Amazon (a bad request costs no quota).</summary>
internal static class RpcRequestRules
{
    // Amazon's nextToken is opaque; this bounds what a caller can make the submitter put in a URL.
    private const int MaxPageTokenLength = 8192;

    public static List<(string, string)> OrderId(string id)
    {
        var v = new List<(string, string)>();
        SubmitRequestValidator.OrderId(id, "seller_fulfillment_order_id", v);
        return v;
    }

    public static List<(string, string)> Update(UpdateFulfillmentOrderRequest r)
    {
        var v = OrderId(r.SellerFulfillmentOrderId);
        if (r.FulfillmentAction is not (FulfillmentAction.Ship or FulfillmentAction.Hold))
        {
            v.Add(("fulfillment_action", "must be FULFILLMENT_ACTION_SHIP or FULFILLMENT_ACTION_HOLD"));
        }

        return v;
    }

    public static List<(string, string)> Changes(ListFulfillmentOrderChangesRequest r)
    {
        var v = new List<(string, string)>();
        if (r.QueryStartTime is null && r.PageToken.Length == 0)
        {
            v.Add(("query_start_time", "is required on the first page"));
        }
        else if (r.QueryStartTime is { } t && (t.Seconds < 0 || t.Nanos < 0))
        {
            v.Add(("query_start_time", "must be a date after 1970"));
        }

        if (r.PageToken.Length > MaxPageTokenLength)
        {
            v.Add(("page_token", $"is {r.PageToken.Length} characters; a token Amazon hands out is at most {MaxPageTokenLength}"));
        }
        else if (r.PageToken.Any(char.IsControl))
        {
            v.Add(("page_token", "must not contain control characters"));
        }

        return v;
    }

    public static List<(string, string)> Package(int packageNumber) =>
        packageNumber > 0 ? [] : [("package_number", "must be a positive package number from GetFulfillmentOrder's shipments")];
}
