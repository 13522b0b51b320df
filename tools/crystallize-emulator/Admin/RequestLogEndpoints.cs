using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.CrystallizeEmulator.Admin;

/// <summary><c>/_emulator/requests</c>: the recorded Order API requests, oldest first.</summary>
internal static class RequestLogEndpoints
{
    public static void MapRequestLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/requests", (RequestLog log) =>
        {
            var requests = log.Snapshot();
            return Results.Json(new { count = requests.Count, dropped = log.Dropped, requests }, EmulatorJson.Options);
        });
        app.MapDelete("/_emulator/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }
}
