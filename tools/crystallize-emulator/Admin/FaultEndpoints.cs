using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.CrystallizeEmulator.Admin;

/// <summary>
/// <c>/_emulator/faults</c>: POST <c>{"status":503,"count":2,"rate":0.5,"orderId":"…","delayMs":100,"seed":7}</c>
/// (every field optional, but a status or a delay is needed) adds a fault; GET lists; DELETE clears.
/// </summary>
internal static class FaultEndpoints
{
    public static void MapFaults(this IEndpointRouteBuilder app)
    {
        app.MapPost("/_emulator/faults", AddAsync);
        app.MapGet("/_emulator/faults", (FaultInjector faults) => Results.Json(faults.Active().Select(Describe)));
        app.MapDelete("/_emulator/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> AddAsync(HttpRequest request, FaultInjector faults)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        FaultSpec spec;
        try
        {
            spec = body.Deserialize<FaultSpec>(Strict) ?? new FaultSpec();
        }
        catch (JsonException e)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, $"Not a fault: {e.Message}");
        }

        if (spec.DelayMs is < 0 or > 300_000)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "delayMs must be between 0 and 300000.");
        }

        var rule = new FaultRule(spec.Status, spec.Count, spec.Rate, spec.OrderId, TimeSpan.FromMilliseconds(spec.DelayMs ?? 0), spec.Seed);
        if (rule.Problem() is { } why)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, why);
        }

        faults.Add(rule);
        return Results.Created("/_emulator/faults", Describe(rule));
    }

    private static object Describe(FaultRule rule) => new
    {
        id = rule.Id,
        status = rule.Status,
        count = rule.Count,
        rate = rule.Rate,
        orderId = rule.OrderId,
        delayMs = (long)rule.Delay.TotalMilliseconds,
    };

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    private sealed record FaultSpec(int? Status = null, int? Count = null, double? Rate = null, string? OrderId = null, long? DelayMs = null, int? Seed = null);
}
