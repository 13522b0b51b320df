using FbaMesh.FbaSubmitter.Configuration;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>An operation's usage plan: Amazon's operationId, requests per second and burst.</summary>
internal sealed record UsagePlan(SpApiOperation Operation, string OperationId, double Rate, int Burst);

/// <summary>
/// Every SP-API operation the submitter calls with its usage plan, in one table. Whatever paces the calls
/// (the in-process buckets today, a limiter shared across replicas later) is built from this list.
/// </summary>
internal static class UsagePlans
{
    public static IReadOnlyList<UsagePlan> Of(SpApiOptions o) =>
    [
        new(SpApiOperation.CreateFulfillmentOrder, "createFulfillmentOrder", o.CreateRate, o.CreateBurst),
        new(SpApiOperation.GetFulfillmentOrder, "getFulfillmentOrder", o.GetRate, o.GetBurst),
        new(SpApiOperation.CancelFulfillmentOrder, "cancelFulfillmentOrder", o.CancelRate, o.CancelBurst),
        new(SpApiOperation.ListAllFulfillmentOrders, "listAllFulfillmentOrders", o.ListRate, o.ListBurst),
        new(SpApiOperation.GetPackageTrackingDetails, "getPackageTrackingDetails", o.TrackingRate, o.TrackingBurst),
        new(SpApiOperation.UpdateFulfillmentOrder, "updateFulfillmentOrder", o.UpdateRate, o.UpdateBurst),
        new(SpApiOperation.GetFulfillmentPreview, "getFulfillmentPreview", o.PreviewRate, o.PreviewBurst),
    ];
}
