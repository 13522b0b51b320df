using System.Globalization;
using FbaMesh.CrystallizeEmulator.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.CrystallizeEmulator.Admin;

/// <summary>
/// <c>/_emulator/orders</c>: put, read, list and remove the orders the API serves, and read an order's
/// write log (<c>/{id}/writes</c>: every Core API mutation and admin stage change, so a test can prove
/// "written once"). A PUT may set the order's readability with <c>?readableAfterReads=N&amp;readableAfterMs=T</c>
/// (else the defaults).
/// </summary>
internal static class OrderAdminEndpoints
{
    public static void MapOrderAdmin(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/_emulator/orders");
        orders.MapGet("/", (OrderStore store) => Results.Json(new { count = store.Count, ids = store.Ids }));
        orders.MapGet("/{id}", (string id, OrderStore store) =>
            store.Peek(id) is { } order
                ? Results.Text(order.ToJsonString(EmulatorJson.Options), "application/json; charset=utf-8")
                : Problems.Create(StatusCodes.Status404NotFound, $"No order with id \"{id}\"."));
        orders.MapGet("/{id}/writes", (string id, OrderStore store) =>
            store.Writes(id) is { } writes
                ? Results.Json(new { orderId = id, count = writes.Count, writes }, EmulatorJson.Options)
                : Problems.Create(StatusCodes.Status404NotFound, $"No order with id \"{id}\"."));
        orders.MapPut("/{id}", PutAsync);
        orders.MapDelete("/{id}", (string id, OrderStore store) =>
            store.Remove(id) ? Results.NoContent() : Problems.Create(StatusCodes.Status404NotFound, $"No order with id \"{id}\"."));
    }

    private static async Task<IResult> PutAsync(string id, HttpRequest request, OrderStore store)
    {
        if (!OrderId.IsValid(id))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "An order id is 24 lowercase hexadecimal characters.");
        }

        if (ReadabilityFrom(request.Query, store.Defaults) is not { } readability)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "readableAfterReads and readableAfterMs must be non-negative integers.");
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        try
        {
            var replaced = store.Peek(id) is not null;
            store.Put(id, body, readability);
            var answer = new { id, readableAfterReads = readability.ReadableAfterReads, readableAfterMs = (long)readability.ReadableAfter.TotalMilliseconds };
            return replaced ? Results.Ok(answer) : Results.Created($"/_emulator/orders/{id}", answer);
        }
        catch (ArgumentException e)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static OrderReadability? ReadabilityFrom(IQueryCollection query, OrderReadability defaults)
    {
        var reads = defaults.ReadableAfterReads;
        var after = defaults.ReadableAfter;
        if (query.TryGetValue("readableAfterReads", out var readsText)
            && (!int.TryParse(readsText, NumberStyles.None, CultureInfo.InvariantCulture, out reads)))
        {
            return null;
        }

        if (query.TryGetValue("readableAfterMs", out var msText))
        {
            if (!long.TryParse(msText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > (long)TimeSpan.FromDays(1).TotalMilliseconds)
            {
                return null;
            }

            after = TimeSpan.FromMilliseconds(ms);
        }

        return new OrderReadability(reads, after);
    }
}
