using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FbaMesh.ServiceDefaults;

/// <summary>
/// When APP_API_TOKEN is set, Dapr sends it as the dapr-api-token header on every call to the app, and
/// every request without it is refused unless the endpoint it matched carries
/// <see cref="AllowWithoutAppTokenAttribute"/>: deny by default. Each service opens its own routes (health
/// probes come from the orchestrator, a public webhook is authenticated by its own signature). The
/// decision is taken on the endpoint that routing matched, so the spelling of the path does not matter.
/// Without APP_API_TOKEN there is nothing to compare with and every route answers: that is the developer
/// machine without Dapr tokens (dapr run, tye). Devmesh and Kubernetes always set it; its absence is
/// logged as a warning at start so it cannot go unnoticed.
/// </summary>
public static partial class AppApiToken
{
    public const string HeaderName = "dapr-api-token";
    public const string ConfigurationKey = "APP_API_TOKEN";

    public static void UseAppApiToken(this WebApplication app)
    {
        var expected = app.Services.GetRequiredService<IConfiguration>()[ConfigurationKey];
        if (string.IsNullOrEmpty(expected))
        {
            LogTokenNotSet(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AppApiToken).FullName!), ConfigurationKey);
            return;
        }

        var expectedBytes = Encoding.UTF8.GetBytes(expected);
        app.Use(async (context, next) =>
        {
            if (NeedsToken(context) && !Matches(context.Request.Headers[HeaderName], expectedBytes))
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

    /// <summary>Marks endpoints that callers other than the sidecar may reach without the app token.</summary>
    public static TBuilder AllowWithoutAppToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowWithoutAppTokenAttribute());

    // No endpoint (an unknown path) or an endpoint nobody opened: the token is required.
    private static bool NeedsToken(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AllowWithoutAppTokenAttribute>() is null;

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "{Setting} is not set: every route answers callers without the app API token. Only a developer machine without Dapr tokens should run like this")]
    private static partial void LogTokenNotSet(ILogger logger, string setting);

    // FixedTimeEquals: the comparison takes as long for a near miss as for a wild guess.
    private static bool Matches(string? presented, byte[] expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
}
