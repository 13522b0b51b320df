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

    private static JsonArray CreatedOrders(EmulatorState state) => new(state.Orders.All().Select(order =>
    {
        lock (order.Gate)
        {
            order.Advance(state.Now, state.Options.StatusStep);
            return (JsonNode)new JsonObject
            {
                ["sellerFulfillmentOrderId"] = order.Id,
                ["receivedAt"] = Iso8601.Format(order.ReceivedAt),
                ["status"] = order.Status,
                ["requestBody"] = order.RawRequest,
                ["traceparent"] = order.TraceParent,
                ["request"] = JsonNode.Parse(order.RawRequest),
            };
        }
    }).ToArray());

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
}
