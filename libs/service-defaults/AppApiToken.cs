using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.ServiceDefaults;

/// <summary>
/// When APP_API_TOKEN is set, Dapr sends it as the dapr-api-token header on every call to the app;
/// calls on the Dapr-facing routes without it are refused. Health probes come from the orchestrator,
/// not the sidecar, and the public webhook route is authenticated by its own signature.
/// </summary>
public static class AppApiToken
{
    public const string HeaderName = "dapr-api-token";
    public const string ConfigurationKey = "APP_API_TOKEN";

    /// <summary>Paths the sidecar calls: subscription discovery, event delivery and service invocation.</summary>
    private static readonly string[] DaprFacingPrefixes = ["/dapr", "/events", "/fbamesh."];

    public static void UseAppApiToken(this WebApplication app)
    {
        var expected = app.Services.GetRequiredService<IConfiguration>()[ConfigurationKey];
        if (string.IsNullOrEmpty(expected))
        {
            return;
        }

        var expectedBytes = Encoding.UTF8.GetBytes(expected);
        app.Use(async (context, next) =>
        {
            if (IsDaprFacing(context.Request.Path) && !Matches(context.Request.Headers[HeaderName], expectedBytes))
            {
                await RefuseAsync(context);
                return;
            }

            await next(context);
        });
    }

    private static Task RefuseAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A gRPC caller reads the status from grpc-status, not from the HTTP code: UNAUTHENTICATED (16).
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16";
            context.Response.Headers["grpc-message"] = "Missing or wrong dapr-api-token";
            return Task.CompletedTask;
        }

        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Missing or wrong dapr-api-token",
            detail: "This route is only for the app's Dapr sidecar.",
            type: "urn:fbamesh:problem:app-api-token").ExecuteAsync(context);
    }

    private static bool IsDaprFacing(PathString path) =>
        DaprFacingPrefixes.Any(p => path.Value?.StartsWith(p, StringComparison.Ordinal) == true);

    // FixedTimeEquals: the comparison takes as long for a near miss as for a wild guess.
    private static bool Matches(string? presented, byte[] expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
}
