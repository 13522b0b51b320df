using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Submitting;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.GrpcApi;

/// <summary>The gRPC face: validate, hand to Amazon, and turn every outcome into a precise status.</summary>
internal sealed class FulfillmentOrdersService(FulfillmentOrderSubmitter submitter, FulfillmentOrderLookup lookup)
    : FulfillmentOrders.FulfillmentOrdersBase
{
    public override async Task<SubmitFulfillmentOrderResponse> SubmitFulfillmentOrder(SubmitFulfillmentOrderRequest request, ServerCallContext context)
    {
        var violations = SubmitRequestValidator.Validate(request);
        if (violations.Count > 0)
        {
            throw RichStatus.InvalidRequest(violations);
        }

        var outcome = await Answer(() => submitter.SubmitAsync(request, context.CancellationToken));
        return new SubmitFulfillmentOrderResponse { SellerFulfillmentOrderId = request.SellerFulfillmentOrderId, Outcome = outcome };
    }

    public override Task<GetFulfillmentOrderResponse> GetFulfillmentOrder(GetFulfillmentOrderRequest request, ServerCallContext context)
    {
        CheckId(request.SellerFulfillmentOrderId);
        return Answer(() => lookup.GetAsync(request.SellerFulfillmentOrderId, context.CancellationToken));
    }

    public override async Task<CancelFulfillmentOrderResponse> CancelFulfillmentOrder(CancelFulfillmentOrderRequest request, ServerCallContext context)
    {
        CheckId(request.SellerFulfillmentOrderId);
        await Answer(async () =>
        {
            await lookup.CancelAsync(request.SellerFulfillmentOrderId, context.CancellationToken);
            return true;
        });
        return new CancelFulfillmentOrderResponse { SellerFulfillmentOrderId = request.SellerFulfillmentOrderId };
    }

    private static void CheckId(string id)
    {
        var violations = new List<(string, string)>();
        SubmitRequestValidator.OrderId(id, "seller_fulfillment_order_id", violations);
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
