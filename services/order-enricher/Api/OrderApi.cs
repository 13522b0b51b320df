using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Api;

/// <summary>The operator's view of orders: GET /api/orders/{id} and POST /api/orders/{id}/retry.</summary>
internal static class OrderApi
{
    public static void MapOrderApi(this WebApplication app)
    {
        // Operators hold no app token; the operator token guards this group instead.
        var orders = app.MapGroup("/api/orders").RequireOperatorToken().AllowWithoutAppToken();
        orders.MapGet("/{id}", GetAsync);
        orders.MapPost("/{id}/retry", OrderRetry.RetryAsync);
    }

    private static async Task<IResult> GetAsync(string id, OrderStateStore store, CancellationToken cancellationToken)
    {
        if (!OrderId.IsValid(id))
        {
            return InvalidId();
        }

        var (state, _) = await store.GetAsync(id, cancellationToken);
        return state is null ? UnknownOrder(id) : Results.Json(state, OrderStateJson.Options);
    }

    internal static IResult InvalidId() => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid order id",
        detail: "An order id is 24 lowercase hexadecimal characters.");

    internal static IResult UnknownOrder(string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown order",
        detail: $"The enricher has no state for order {id}.");
}
