using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FbaMesh.SpApiEmulator;

/// <summary>The emulator's own API under /_emulator: what was sent, what was counted, and switches for faults and quotas.</summary>
internal static class AdminEndpoints
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IEndpointRouteBuilder MapEmulatorAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_emulator");
        admin.MapGet("/fulfillment-orders", (EmulatorState state) => Results.Json(CreatedOrders(state), Json));
        admin.MapGet("/fulfillment-orders/{sellerFulfillmentOrderId}", (string sellerFulfillmentOrderId, EmulatorState state) =>
            state.Orders.Find(sellerFulfillmentOrderId) is { } order ? Results.Json(View(state, order), Json) : UnknownOrder(sellerFulfillmentOrderId));
        admin.MapPut("/fulfillment-orders/{sellerFulfillmentOrderId}/plan", PlanAsync);
        admin.MapPost("/fulfillment-orders/{sellerFulfillmentOrderId}/step", Step);
        admin.MapGet("/notifications", (EmulatorState state) => Results.Json(NotificationsView(state), Json));
        admin.MapPut("/notifications", SetNotificationsAsync);
        admin.MapGet("/stats", (EmulatorState state) => Results.Json(state.Stats.Snapshot(), Json));
        admin.MapGet("/faults", (EmulatorState state) => Results.Json(state.Faults.Rules.Select(FaultRequest.From), Json));
        admin.MapPost("/faults", AddFaultAsync);
        admin.MapDelete("/faults", (EmulatorState state) =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        admin.MapPost("/quota", SetQuotaAsync);
        admin.MapGet("/inventory", (EmulatorState state) => Results.Json(new { unlisted = state.Inventory.Unlisted }, Json));
        admin.MapPost("/inventory/unlisted", UnlistAsync);
        admin.MapDelete("/inventory/unlisted/{sellerSku}", (string sellerSku, EmulatorState state) =>
        {
            state.Inventory.Relist(sellerSku);
            return Results.NoContent();
        });
        admin.MapPost("/reset", (EmulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
        return app;
    }

    private static JsonArray CreatedOrders(EmulatorState state) => new(state.Orders.All().Select(order => (JsonNode)View(state, order)).ToArray());

    private static JsonObject View(EmulatorState state, FulfillmentOrderRecord order)
    {
        lock (order.Gate)
        {
            state.Advance(order);
            return new JsonObject
            {
                ["sellerFulfillmentOrderId"] = order.Id,
                ["receivedAt"] = Iso8601.Format(order.ReceivedAt),
                ["status"] = order.Status,
                ["statusUpdatedAt"] = Iso8601.Format(order.StatusUpdatedAt),
                ["fulfillmentAction"] = order.FulfillmentAction,
                ["shipments"] = Shipments.For(order),
                ["requestBody"] = order.RawRequest,
                ["traceparent"] = order.TraceParent,
                ["request"] = JsonNode.Parse(order.RawRequest),
            };
        }
    }

    private static IResult UnknownOrder(string id) =>
        Results.Problem($"No fulfillment order '{id}' was created.", statusCode: StatusCodes.Status404NotFound, title: "Unknown order");

    private static async Task<IResult> PlanAsync(string sellerFulfillmentOrderId, HttpRequest request, EmulatorState state)
    {
        try
        {
            var plan = await request.ReadFromJsonAsync<ShipmentPlan>(Json, request.HttpContext.RequestAborted)
                ?? throw new ArgumentException("The body must be a plan object.");
            if (plan.UnfulfillableItems is null || plan.UnfulfillableItems.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("unfulfillableItems must be a list of sellerFulfillmentOrderItemIds.");
            }

            state.Plan(sellerFulfillmentOrderId, plan);
            return Results.Json(plan, Json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid plan");
        }
    }

    private static IResult Step(string sellerFulfillmentOrderId, EmulatorState state)
    {
        if (state.Orders.Find(sellerFulfillmentOrderId) is not { } order)
        {
            return UnknownOrder(sellerFulfillmentOrderId);
        }

        lock (order.Gate)
        {
            state.Advance(order);
            if (!OrderFlow.Step(order, state.Now))
            {
                return Results.Problem($"The order is {order.Status}: final, no further step.", statusCode: StatusCodes.Status409Conflict, title: "Order is final");
            }
        }

        return Results.Json(View(state, order), Json);
    }

    private static JsonObject NotificationsView(EmulatorState state)
    {
        var counts = state.Notifications.Counts;
        return new JsonObject
        {
            ["url"] = state.Notifications.Url?.ToString(),
            ["published"] = counts.Published,
            ["delivered"] = counts.Delivered,
            ["givenUp"] = counts.GivenUp,
            ["attempts"] = counts.Attempts,
            ["pending"] = counts.Pending,
        };
    }

    private static async Task<IResult> SetNotificationsAsync(HttpRequest request, EmulatorState state)
    {
        try
        {
            var body = await request.ReadFromJsonAsync<NotificationTarget>(Json, request.HttpContext.RequestAborted)
                ?? throw new ArgumentException("The body must be {\"url\": \"http://…\"} (null or empty turns notifications off).");
            state.Notifications.Url = string.IsNullOrWhiteSpace(body.Url) ? null
                : Uri.TryCreate(body.Url, UriKind.Absolute, out var url) ? url : throw new ArgumentException("url must be an absolute http(s) URL.");
            return Results.Json(NotificationsView(state), Json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid notification target");
        }
    }

    private static async Task<IResult> AddFaultAsync(HttpRequest request, EmulatorState state)
    {
        try
        {
            var fault = await request.ReadFromJsonAsync<FaultRequest>(Json, request.HttpContext.RequestAborted)
                ?? throw new ArgumentException("The body must be a fault object.");
            state.Faults.Add(fault.ToRule());
            return Results.Json(state.Faults.Rules.Select(FaultRequest.From), Json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid fault");
        }
    }

    private static async Task<IResult> SetQuotaAsync(HttpRequest request, EmulatorState state)
    {
        try
        {
            var quota = await request.ReadFromJsonAsync<QuotaRequest>(Json, request.HttpContext.RequestAborted)
                ?? throw new ArgumentException("The body must be {operation, rate, burst}.");
            if (!Operations.All.Contains(quota.Operation))
            {
                throw new ArgumentException($"Unknown operation '{quota.Operation}'; use one of: {string.Join(", ", Operations.All)}.");
            }

            var plan = new UsagePlan(quota.Rate, quota.Burst);
            plan.Validate();
            state.Quotas.Set(quota.Operation, plan);
            return Results.Json(new { quota.Operation, plan.Rate, plan.Burst }, Json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid quota");
        }
    }

    private static async Task<IResult> UnlistAsync(HttpRequest request, EmulatorState state)
    {
        try
        {
            var sku = await request.ReadFromJsonAsync<UnlistRequest>(Json, request.HttpContext.RequestAborted);
            if (string.IsNullOrWhiteSpace(sku?.SellerSku))
            {
                throw new ArgumentException("The body must be {\"sellerSku\": \"...\"}.");
            }

            state.Inventory.Unlist(sku.SellerSku);
            return Results.Json(new { unlisted = state.Inventory.Unlisted }, Json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid SKU");
        }
    }

    private sealed record QuotaRequest(string Operation, double Rate, int Burst);

    private sealed record UnlistRequest(string? SellerSku);

    private sealed record NotificationTarget(string? Url);
}
