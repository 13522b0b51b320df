using FbaMesh.Contracts.Fulfillment.V1;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>The contracts' generated client with the headers and the generous deadline every test call uses.</summary>
public sealed class FulfillmentOrdersClient(CallInvoker invoker)
{
    private readonly FulfillmentOrders.FulfillmentOrdersClient client = new(invoker);

    public async Task<SubmitFulfillmentOrderResponse> SubmitAsync(SubmitFulfillmentOrderRequest request, Metadata? headers = null) =>
        await this.client.SubmitFulfillmentOrderAsync(request, Options(headers));

    public async Task<GetFulfillmentOrderResponse> GetAsync(string id, Metadata? headers = null) =>
        await this.client.GetFulfillmentOrderAsync(new GetFulfillmentOrderRequest { SellerFulfillmentOrderId = id }, Options(headers));

    public async Task<CancelFulfillmentOrderResponse> CancelAsync(string id, Metadata? headers = null) =>
        await this.client.CancelFulfillmentOrderAsync(new CancelFulfillmentOrderRequest { SellerFulfillmentOrderId = id }, Options(headers));

    public async Task<UpdateFulfillmentOrderResponse> UpdateAsync(string id, FulfillmentAction action, Metadata? headers = null) =>
        await this.client.UpdateFulfillmentOrderAsync(new UpdateFulfillmentOrderRequest { SellerFulfillmentOrderId = id, FulfillmentAction = action }, Options(headers));

    public async Task<ListFulfillmentOrderChangesResponse> ChangesAsync(ListFulfillmentOrderChangesRequest request, Metadata? headers = null) =>
        await this.client.ListFulfillmentOrderChangesAsync(request, Options(headers));

    public async Task<GetPackageTrackingResponse> TrackingAsync(int packageNumber, Metadata? headers = null) =>
        await this.client.GetPackageTrackingAsync(new GetPackageTrackingRequest { PackageNumber = packageNumber }, Options(headers));

    public async Task<GetFulfillmentPreviewResponse> PreviewAsync(SubmitFulfillmentOrderRequest order, Metadata? headers = null) =>
        await this.client.GetFulfillmentPreviewAsync(new GetFulfillmentPreviewRequest { Order = order }, Options(headers));

    private static CallOptions Options(Metadata? headers) => new(headers, DateTime.UtcNow.AddSeconds(60));
}
