using FbaMesh.Contracts.Fulfillment.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FulfillmentTracker.Amazon;

/// <summary>
/// Amazon's reads through fba-submitter's gRPC contract (through this app's sidecar): the submitter holds
/// the credentials and paces each operation. Only ids, statuses, carriers and tracking leave this class.
/// </summary>
internal sealed class SubmitterAmazonOrders(
    FulfillmentOrders.FulfillmentOrdersClient client, IOptions<SubmitterOptions> options, TimeProvider time) : IAmazonOrders
{
    public async Task<AmazonOrder?> GetOrderAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetFulfillmentOrderAsync(
                new GetFulfillmentOrderRequest { SellerFulfillmentOrderId = sellerFulfillmentOrderId },
                deadline: Deadline(), cancellationToken: cancellationToken);
            return new AmazonOrder(
                response.SellerFulfillmentOrderId is { Length: > 0 } id ? id : sellerFulfillmentOrderId,
                response.FulfillmentOrderStatus,
                Time(response.StatusUpdatedDate),
                [.. response.Shipments.Select(Shipment)]);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("GetFulfillmentOrder", ex);
        }
    }

    public async Task<AmazonChangesPage> ListChangesAsync(DateTimeOffset since, string? nextToken, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.ListFulfillmentOrderChangesAsync(
                new ListFulfillmentOrderChangesRequest { QueryStartTime = Timestamp.FromDateTimeOffset(since), PageToken = nextToken ?? "" },
                deadline: Deadline(), cancellationToken: cancellationToken);
            return new AmazonChangesPage(
                [.. response.Changes.Select(c => new AmazonChange(c.SellerFulfillmentOrderId, c.FulfillmentOrderStatus, Time(c.StatusUpdatedDate)))],
                string.IsNullOrEmpty(response.NextPageToken) ? null : response.NextPageToken);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("ListFulfillmentOrderChanges", ex);
        }
    }

    public async Task<AmazonPackageTracking?> GetPackageTrackingAsync(int packageNumber, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetPackageTrackingAsync(
                new GetPackageTrackingRequest { PackageNumber = packageNumber }, deadline: Deadline(), cancellationToken: cancellationToken);
            return new AmazonPackageTracking(
                string.IsNullOrWhiteSpace(response.CustomerTrackingLink) ? null : response.CustomerTrackingLink,
                Time(response.EstimatedArrivalDate));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("GetPackageTracking", ex);
        }
    }

    private static AmazonShipment Shipment(Shipment shipment) => new(
        shipment.AmazonShipmentId,
        shipment.FulfillmentShipmentStatus,
        AmazonStatuses.Is(shipment.FulfillmentShipmentStatus, AmazonStatuses.ShipmentShipped) ? Time(shipment.ShippingDate) : null,
        Time(shipment.EstimatedArrivalDate),
        [.. shipment.Packages.Select(p => new AmazonPackage(p.PackageNumber, p.CarrierCode, p.TrackingNumber, Time(p.EstimatedArrivalDate)))]);

    private static DateTimeOffset? Time(Timestamp? timestamp) => timestamp?.ToDateTimeOffset();

    private DateTime Deadline() => time.GetUtcNow().UtcDateTime + options.Value.Deadline;

    // The status detail is the submitter's wording (Amazon's own messages never leave the submitter).
    private static AmazonUnavailableException Unavailable(string operation, RpcException ex) =>
        new($"{operation}: {ex.StatusCode}", ex);
}
