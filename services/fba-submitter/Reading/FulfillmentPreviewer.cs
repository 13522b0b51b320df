using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Mapping;
using FbaMesh.FbaSubmitter.Submitting;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Reading;

/// <summary>
/// getFulfillmentPreview for an order as it would be submitted, at its own shipping speed. Changes nothing
/// at Amazon, so retried within the budget. Reasons cross as Amazon's codes; anything not shaped like a code is dropped.
/// </summary>
internal sealed class FulfillmentPreviewer(SpApiCaller caller, IOptions<SpApiOptions> options, TimeProvider time)
{
    public async Task<GetFulfillmentPreviewResponse> PreviewAsync(SubmitFulfillmentOrderRequest order, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        var reply = await caller.SendAsync(SpApiOperation.GetFulfillmentPreview, HttpMethod.Post, FulfillmentOrderPaths.Preview, ToAmazon.PreviewBodyJson(order), budget, idempotent: true);
        var subject = $"'{order.SellerFulfillmentOrderId}'";
        if (!reply.IsSuccess)
        {
            throw AmazonAnswers.Failure(reply, "getFulfillmentPreview", subject, StatusCode.InvalidArgument, FailureReasons.AmazonRejected);
        }

        var speed = order.ShippingSpeedCategory.ToAmazon();
        var previews = AmazonAnswers.Payload(reply, AmazonJsonContext.Default.GetFulfillmentPreviewBody, "getFulfillmentPreview").Payload?.FulfillmentPreviews ?? [];
        var preview = previews.FirstOrDefault(p => p.ShippingSpeedCategory == speed && !p.IsCodCapable)
            ?? previews.FirstOrDefault(p => p.ShippingSpeedCategory == speed)
            ?? throw new SpApiFailure(StatusCode.FailedPrecondition, $"getFulfillmentPreview for {subject} answered no preview for shipping speed {speed}.")
            {
                Reason = FailureReasons.AmazonRejected,
            };
        return Map(order.ShippingSpeedCategory, preview);
    }

    private static GetFulfillmentPreviewResponse Map(ShippingSpeedCategory speed, FulfillmentPreviewBody p)
    {
        var shipments = p.FulfillmentPreviewShipments ?? [];
        var response = new GetFulfillmentPreviewResponse
        {
            Fulfillable = p.IsFulfillable,
            ShippingSpeedCategory = speed,
            EarliestArrivalDate = FromAmazon.Stamp(shipments.Select(s => s.EarliestArrivalDate).Where(d => d is not null).Min()),
            LatestArrivalDate = FromAmazon.Stamp(shipments.Select(s => s.LatestArrivalDate).Where(d => d is not null).Max()),
        };
        response.OrderUnfulfillableReasons.AddRange(Codes(p.OrderUnfulfillableReasons));
        foreach (var item in p.UnfulfillablePreviewItems ?? [])
        {
            var unfulfillable = new UnfulfillablePreviewItem
            {
                SellerSku = item.SellerSku ?? "",
                SellerFulfillmentOrderItemId = item.SellerFulfillmentOrderItemId ?? "",
                Quantity = item.Quantity,
            };
            unfulfillable.Reasons.AddRange(Codes(item.ItemUnfulfillableReasons));
            response.UnfulfillableItems.Add(unfulfillable);
        }

        return response;
    }

    private static IEnumerable<string> Codes(List<string>? reasons) => (reasons ?? []).Select(FromAmazon.Code).Where(c => c.Length > 0);
}
