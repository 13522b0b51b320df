using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Reading;
using FbaMesh.FbaSubmitter.Submitting;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.GrpcApi;

/// <summary>The gRPC face: validate, hand to Amazon, and turn every outcome into a precise status.</summary>
internal sealed class FulfillmentOrdersService(
    FulfillmentOrderSubmitter submitter,
    FulfillmentOrderLookup lookup,
    FulfillmentOrderCancellation cancellation,
    FulfillmentOrderUpdate update,
    OrderChangesReader changes,
    PackageTrackingReader tracking,
    FulfillmentPreviewer previewer)
    : FulfillmentOrders.FulfillmentOrdersBase
{
    public override async Task<SubmitFulfillmentOrderResponse> SubmitFulfillmentOrder(SubmitFulfillmentOrderRequest request, ServerCallContext context)
    {
        Check(SubmitRequestValidator.Validate(request));
        var outcome = await Answer(() => submitter.SubmitAsync(request, context.CancellationToken));
        return new SubmitFulfillmentOrderResponse { SellerFulfillmentOrderId = request.SellerFulfillmentOrderId, Outcome = outcome };
    }

    public override Task<GetFulfillmentOrderResponse> GetFulfillmentOrder(GetFulfillmentOrderRequest request, ServerCallContext context)
    {
        Check(RpcRequestRules.OrderId(request.SellerFulfillmentOrderId));
        return Answer(() => lookup.GetAsync(request.SellerFulfillmentOrderId, context.CancellationToken));
    }

    public override Task<CancelFulfillmentOrderResponse> CancelFulfillmentOrder(CancelFulfillmentOrderRequest request, ServerCallContext context)
    {
        Check(RpcRequestRules.OrderId(request.SellerFulfillmentOrderId));
        return Answer(() => cancellation.CancelAsync(request.SellerFulfillmentOrderId, context.CancellationToken));
    }

    public override Task<UpdateFulfillmentOrderResponse> UpdateFulfillmentOrder(UpdateFulfillmentOrderRequest request, ServerCallContext context)
    {
        Check(RpcRequestRules.Update(request));
        return Answer(() => update.SetActionAsync(request.SellerFulfillmentOrderId, request.FulfillmentAction, context.CancellationToken));
    }

    public override Task<ListFulfillmentOrderChangesResponse> ListFulfillmentOrderChanges(ListFulfillmentOrderChangesRequest request, ServerCallContext context)
    {
        Check(RpcRequestRules.Changes(request));
        return Answer(() => changes.ListAsync(request, context.CancellationToken));
    }

    public override Task<GetPackageTrackingResponse> GetPackageTracking(GetPackageTrackingRequest request, ServerCallContext context)
    {
        Check(RpcRequestRules.Package(request.PackageNumber));
        return Answer(() => tracking.GetAsync(request.PackageNumber, context.CancellationToken));
    }

    public override Task<GetFulfillmentPreviewResponse> GetFulfillmentPreview(GetFulfillmentPreviewRequest request, ServerCallContext context)
    {
        if (request.Order is null)
        {
            Check([("order", "is required")]);
        }

        Check(SubmitRequestValidator.Validate(request.Order!).Select(v => ("order." + v.Field, v.Problem)).ToList());
        return Answer(() => previewer.PreviewAsync(request.Order!, context.CancellationToken));
    }

    private static void Check(IReadOnlyList<(string Field, string Problem)> violations)
    {
        if (violations.Count > 0)
        {
            throw RichStatus.InvalidRequest(violations);
        }
    }

    private static async Task<T> Answer<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SpApiFailure failure)
        {
            throw RichStatus.From(failure);
        }
    }
}
