using Dapr;
using Dapr.Client;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.Crystallize.CoreApi;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>Tells the shop how a cancel ended; a seam for tests. True once it is told.</summary>
internal interface IShopFeedback
{
    /// <summary>Meta fba-cancel = <paramref name="outcome"/> on the Crystallize order; for too-late also the event.</summary>
    Task<bool> ReportCancelAsync(string orderId, string? sellerFulfillmentOrderId, string outcome, string? amazonStatus, CancellationToken cancellationToken);
}

/// <summary>Meta through the Crystallize Core API (other keys kept, written only on a change) and fulfillment.cancel-too-late.</summary>
internal sealed partial class CrystallizeShopFeedback(
    CoreApiClient coreApi, DaprClient dapr, TimeProvider time, ILogger<CrystallizeShopFeedback> logger) : IShopFeedback
{
    public const string CancelMetaKey = "fba-cancel";

    public async Task<bool> ReportCancelAsync(
        string orderId, string? sellerFulfillmentOrderId, string outcome, string? amazonStatus, CancellationToken cancellationToken)
    {
        var written = await coreApi.MergeMetaAsync(orderId, new Dictionary<string, string> { [CancelMetaKey] = outcome }, cancellationToken);
        if (written is not CoreApiOutcome.Done)
        {
            LogMetaNotWritten(orderId, outcome, written.GetType().Name);
            return false;
        }

        if (outcome != CancelOutcomes.TooLate)
        {
            return true;
        }

        try
        {
            await dapr.PublishProtobufJsonAsync(PubSub.Name, PubSub.FulfillmentCancelTooLate, new FulfillmentCancelTooLate
            {
                OrderId = orderId,
                SellerFulfillmentOrderId = sellerFulfillmentOrderId ?? "",
                AmazonStatus = amazonStatus ?? "",
                RefusedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            }, new Dictionary<string, string> { ["cloudevent.id"] = $"fba-cancel-too-late-{orderId}" }, cancellationToken);
            return true;
        }
        catch (DaprException ex)
        {
            LogEventNotPublished(orderId, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: meta fba-cancel = {Outcome} could not be written to Crystallize ({Answer}); it is tried again.")]
    private partial void LogMetaNotWritten(string orderId, string outcome, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: fulfillment.cancel-too-late could not be published ({Error}); it is tried again.")]
    private partial void LogEventNotPublished(string orderId, string error);
}

/// <summary>The values of meta fba-cancel.</summary>
internal static class CancelOutcomes
{
    public const string Cancelled = "cancelled";
    public const string TooLate = "too-late";
}
