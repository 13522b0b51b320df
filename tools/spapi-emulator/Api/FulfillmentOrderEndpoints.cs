using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>Fulfillment outbound 2020-07-01 routes, each behind the <see cref="OperationGate"/> of its operationId.</summary>
internal static class FulfillmentOrderEndpoints
{
    public const string Orders = "/fba/outbound/2020-07-01/fulfillmentOrders";
    public const string Tracking = "/fba/outbound/2020-07-01/tracking";

    public static IEndpointRouteBuilder MapFulfillmentOutbound(this IEndpointRouteBuilder app)
    {
        app.MapPost(Orders, CreateAsync).AddEndpointFilter(new OperationGate(Operations.Create));
        app.MapGet(Orders + "/{sellerFulfillmentOrderId}", Get).AddEndpointFilter(new OperationGate(Operations.Get));
        app.MapGet(Orders, OrderQueries.ListAll).AddEndpointFilter(new OperationGate(Operations.ListAll));
        app.MapPost(Orders + "/preview", OrderQueries.PreviewAsync).AddEndpointFilter(new OperationGate(Operations.Preview));
        app.MapPut(Orders + "/{sellerFulfillmentOrderId}", OrderChanges.UpdateAsync).AddEndpointFilter(new OperationGate(Operations.Update));
        app.MapPut(Orders + "/{sellerFulfillmentOrderId}/cancel", OrderChanges.Cancel).AddEndpointFilter(new OperationGate(Operations.Cancel));
        app.MapPut(Orders + "/{sellerFulfillmentOrderId}/status", OrderChanges.SubmitStatusAsync).AddEndpointFilter(new OperationGate(Operations.StatusUpdate));
        app.MapGet(Tracking, PackageTracking.Get).AddEndpointFilter(new OperationGate(Operations.Tracking));
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, EmulatorState state)
    {
        var (body, error) = await RequestChecks.ValidBodyAsync(request, state, Operations.Create);
        if (error is not null)
        {
            return error;
        }

        using (body)
        {
            var id = body!.Root.GetProperty("sellerFulfillmentOrderId").GetString()!;
            if (state.Orders.Find(id) is not null)
            {
                return Duplicate(state, id);
            }

            if (state.Undeliverable.Check(body.Root) is { } undeliverable)
            {
                return undeliverable;
            }

            if (UnlistedItem(state, body.Root) is { } refused)
            {
                return refused;
            }

            var order = new FulfillmentOrderRecord(id, state.Orders.NextSequence(), body.Raw, JsonNode.Parse(body.Raw)!.AsObject(), state.Now, state)
            {
                TraceParent = request.Headers["traceparent"].FirstOrDefault(),
            };
            if (!state.Orders.TryAdd(order))
            {
                return Duplicate(state, id);
            }

            state.Stats.Created();
            // Creation counts as an update for listAllFulfillmentOrders, and Amazon notifies it as a status change.
            state.Publish(OrderEvent.ForOrder(order, order.ReceivedAt));
            return SpApiResponse.Ok();
        }
    }

    // The sandbox's own answer. Checked before the inventory so a retry of a created order always hears "already exists".
    private static SpApiResponse Duplicate(EmulatorState state, string id)
    {
        state.Stats.DuplicateRefused();
        return SpApiResponse.InvalidInput($"A create request already exists for MerchantFulfillmentOrderId : {id}");
    }

    // Amazon's answer for a SKU the seller's FBA inventory does not hold names the order item.
    private static SpApiResponse? UnlistedItem(EmulatorState state, JsonElement order)
    {
        var index = 0;
        foreach (var item in order.GetProperty("items").EnumerateArray())
        {
            if (!state.Inventory.IsListed(item.GetProperty("sellerSku").GetString()!))
            {
                var itemId = item.GetProperty("sellerFulfillmentOrderItemId").GetString();
                return SpApiResponse.InvalidInput($"the SellerSKU for Item Id: {itemId} is invalid.", $"$.items[{index}].sellerSku");
            }

            index++;
        }

        return null;
    }

    private static IResult Get(string sellerFulfillmentOrderId, EmulatorState state)
    {
        if (RequestChecks.Parameter(state, Operations.Get, "sellerFulfillmentOrderId", sellerFulfillmentOrderId) is { } invalid)
        {
            return invalid;
        }

        if (state.Orders.Find(sellerFulfillmentOrderId) is not { } order)
        {
            return SpApiErrors.OrderNotFound(sellerFulfillmentOrderId);
        }

        lock (order.Gate)
        {
            state.Advance(order);
            return SpApiResponse.Ok(OrderView.Result(order, state.Options.DefaultMarketplaceId));
        }
    }
}
