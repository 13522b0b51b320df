using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>Fulfillment outbound 2020-07-01 routes, each behind the <see cref="OperationGate"/> of its operationId.</summary>
internal static class FulfillmentOrderEndpoints
{
    public const string Orders = "/fba/outbound/2020-07-01/fulfillmentOrders";

    public static IEndpointRouteBuilder MapFulfillmentOutbound(this IEndpointRouteBuilder app)
    {
        app.MapPost(Orders, CreateAsync).AddEndpointFilter(new OperationGate(Operations.Create));
        app.MapGet(Orders + "/{sellerFulfillmentOrderId}", Get).AddEndpointFilter(new OperationGate(Operations.Get));
        app.MapGet(Orders, OrderQueries.ListAll).AddEndpointFilter(new OperationGate(Operations.ListAll));
        app.MapPost(Orders + "/preview", OrderQueries.PreviewAsync).AddEndpointFilter(new OperationGate(Operations.Preview));
        app.MapPut(Orders + "/{sellerFulfillmentOrderId}", OrderChanges.UpdateAsync).AddEndpointFilter(new OperationGate(Operations.Update));
        app.MapPut(Orders + "/{sellerFulfillmentOrderId}/cancel", OrderChanges.Cancel).AddEndpointFilter(new OperationGate(Operations.Cancel));
        app.MapPut(Orders + "/{sellerFulfillmentOrderId}/status", OrderChanges.SubmitStatusAsync).AddEndpointFilter(new OperationGate(Operations.StatusUpdate));
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
            var order = new FulfillmentOrderRecord(id, state.Orders.NextSequence(), body.Raw, JsonNode.Parse(body.Raw)!.AsObject(), state.Now);
            if (!state.Orders.TryAdd(order))
            {
                state.Stats.DuplicateRefused();
                return SpApiResponse.InvalidInput($"A create request already exists for MerchantFulfillmentOrderId : {id}");
            }

            state.Stats.Created();
            return SpApiResponse.Ok();
        }
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
            order.Advance(state.Now, state.Options.StatusStep);
            return SpApiResponse.Ok(OrderView.Result(order, state.Options.DefaultMarketplaceId));
        }
    }
}
