using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>cancelFulfillmentOrder, updateFulfillmentOrder and the sandbox-only submitFulfillmentOrderStatusUpdate.</summary>
internal static class OrderChanges
{
    private const string IdParameter = "sellerFulfillmentOrderId";

    // The 2022 static sandbox's answer for an order whose items are already in shipments.
    private const string NotUpdatable =
        "Value OrderNotUpdatable for parameter  is invalid. Reason: 1 error:\nThis order is not updatable. Items in the order are already in working or completed shipments. \n.";

    public static IResult Cancel(string sellerFulfillmentOrderId, EmulatorState state)
    {
        if (Find(state, Operations.Cancel, sellerFulfillmentOrderId, out var order) is { } refused)
        {
            return refused;
        }

        lock (order!.Gate)
        {
            state.Advance(order);
            if (order.Status == FulfillmentStatus.Cancelled)
            {
                // The 2022 static sandbox's answer to a second cancel.
                return SpApiResponse.InvalidInput($"Value {order.Id} for parameter SellerFulfillmentOrderId is invalid. Reason: DuplicateCancelRequest.");
            }

            if (!FulfillmentStatus.IsCancellable(order.Status))
            {
                return SpApiResponse.InvalidInput($"Value {order.Id} for parameter SellerFulfillmentOrderId is invalid. Reason: OrderNotCancellable. This order is {order.Status} and can no longer be cancelled.");
            }

            OrderFlow.End(order, FulfillmentStatus.Cancelled, state.Now);
            return SpApiResponse.Ok();
        }
    }

    public static async Task<IResult> UpdateAsync(string sellerFulfillmentOrderId, HttpRequest request, EmulatorState state)
    {
        if (Find(state, Operations.Update, sellerFulfillmentOrderId, out var order) is { } refused)
        {
            return refused;
        }

        var (body, error) = await RequestChecks.ValidBodyAsync(request, state, Operations.Update);
        if (error is not null)
        {
            return error;
        }

        using (body)
        {
            lock (order!.Gate)
            {
                state.Advance(order);
                if (!FulfillmentStatus.IsCancellable(order.Status))
                {
                    return SpApiResponse.InvalidInput(NotUpdatable);
                }

                if (OrderUpdate.Apply(order.Order, body!.Root) is not { } updated)
                {
                    state.Stats.SchemaViolation(Operations.Update);
                    return SpApiResponse.InvalidInput(OrderUpdate.UnknownItemMessage(order.Order, body.Root));
                }

                var limits = new List<Violation>();
                BusinessRules.CheckItems(JsonSerializer.SerializeToElement(updated), limits);
                if (limits.Count > 0)
                {
                    state.Stats.SchemaViolation(Operations.Update);
                    return SpApiResponse.InvalidInput(limits);
                }

                var wasOnHold = order.IsOnHold;
                order.Order = updated;
                if (wasOnHold && !order.IsOnHold)
                {
                    // The clock starts walking a released order from the moment it is released.
                    order.LastMovedAt = state.Now;
                }
                else if (!wasOnHold && order.IsOnHold)
                {
                    order.HoldSince = state.Now;
                }

                return SpApiResponse.Ok();
            }
        }
    }

    public static async Task<IResult> SubmitStatusAsync(string sellerFulfillmentOrderId, HttpRequest request, EmulatorState state)
    {
        if (Find(state, Operations.StatusUpdate, sellerFulfillmentOrderId, out var order) is { } refused)
        {
            return refused;
        }

        var (body, error) = await RequestChecks.ValidBodyAsync(request, state, Operations.StatusUpdate);
        if (error is not null)
        {
            return error;
        }

        using (body)
        {
            if (!body!.Root.TryGetProperty("fulfillmentOrderStatus", out var target) || target.ValueKind != JsonValueKind.String)
            {
                state.Stats.SchemaViolation(Operations.StatusUpdate);
                return SpApiResponse.InvalidInput([Violation.Missing("fulfillmentOrderStatus")]);
            }

            var status = target.GetString()!;
            lock (order!.Gate)
            {
                state.Advance(order);
                if (!FulfillmentStatus.CanMove(order.Status, status))
                {
                    return SpApiResponse.InvalidInput([Violation.Invalid("fulfillmentOrderStatus", status, $"an order in status {order.Status} cannot move to {status}")]);
                }

                if (FulfillmentStatus.Ends.Contains(status))
                {
                    OrderFlow.End(order, status, state.Now);
                }
                else
                {
                    OrderFlow.StepTo(order, status, state.Now);
                }

                return SpApiResponse.Ok();
            }
        }
    }

    private static SpApiResponse? Find(EmulatorState state, string operation, string id, out FulfillmentOrderRecord? order)
    {
        order = null;
        if (RequestChecks.Parameter(state, operation, IdParameter, id) is { } invalid)
        {
            return invalid;
        }

        order = state.Orders.Find(id);
        return order is null ? SpApiErrors.OrderNotFound(id) : null;
    }
}
