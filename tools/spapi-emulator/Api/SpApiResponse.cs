using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;

namespace FbaMesh.SpApiEmulator;

/// <summary>An SP-API answer: a status code and a JSON body. Filters read the status before it is written.</summary>
internal sealed class SpApiResponse(int statusCode, JsonNode body) : IResult, IStatusCodeHttpResult
{
    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public JsonNode Body { get; } = body;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = "application/json";
        return httpContext.Response.WriteAsync(Body.ToJsonString(), httpContext.RequestAborted);
    }

    public static SpApiResponse Ok(JsonNode? payload = null) =>
        new(StatusCodes.Status200OK, payload is null ? new JsonObject() : new JsonObject { ["payload"] = payload });

    public static SpApiResponse Error(int status, string code, string message, string details = "") =>
        new(status, new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message, ["details"] = details }),
        });

    public static SpApiResponse InvalidInput(string message, string details = "") =>
        Error(StatusCodes.Status400BadRequest, "InvalidInput", message, details);

    public static SpApiResponse InvalidInput(IEnumerable<Violation> violations) =>
        new(StatusCodes.Status400BadRequest, new JsonObject
        {
            ["errors"] = new JsonArray(violations
                .Select(v => (JsonNode)new JsonObject { ["code"] = "InvalidInput", ["message"] = v.Message, ["details"] = v.JsonPath })
                .ToArray()),
        });
}

/// <summary>The error answers SP-API gives outside an operation's own logic, in its words.</summary>
internal static class SpApiErrors
{
    public const string AccessDenied = "Access to requested resource is denied.";

    public static SpApiResponse Unauthorized(string details = "") =>
        SpApiResponse.Error(StatusCodes.Status403Forbidden, "Unauthorized", AccessDenied, details);

    public static SpApiResponse QuotaExceeded() =>
        SpApiResponse.Error(StatusCodes.Status429TooManyRequests, "QuotaExceeded", "You exceeded your quota for the requested resource.");

    public static SpApiResponse ServerFault(int status) => status == StatusCodes.Status503ServiceUnavailable
        ? SpApiResponse.Error(status, "ServiceUnavailable", "Temporary overloading or maintenance of the server.")
        : SpApiResponse.Error(status, "InternalFailure", "We encountered an internal error. Please try again.");

    public static SpApiResponse OrderNotFound(string id) => SpApiResponse.InvalidInput($"Requested order '{id}' not found");

    public static SpApiResponse NotFound() =>
        SpApiResponse.Error(StatusCodes.Status404NotFound, "NotFound", "The requested resource was not found.");
}
