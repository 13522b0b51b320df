using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Admin;
using FbaMesh.CrystallizeEmulator.GraphQl;
using FbaMesh.CrystallizeEmulator.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.CrystallizeEmulator.Api;

/// <summary>
/// The Order API: <c>POST /{tenantIdentifier}/orders</c> (Crystallize's path) and <c>POST /graphql</c>.
/// GraphQL problems (syntax, unknown fields, unknown ids) answer 200 with <c>errors</c>, as
/// Crystallize's API does; a body that is not a GraphQL request answers 400.
/// </summary>
internal static class OrderApiEndpoints
{
    public static void MapOrderApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{tenant}/orders", (string tenant, HttpContext http, OrderApi api) => api.AnswerAsync(http, tenant));
        app.MapPost("/graphql", (HttpContext http, OrderApi api) => api.AnswerAsync(http, null));
    }
}

internal sealed class OrderApi(
    CrystallizeEmulatorOptions options, OrderStore store, RequestLog log, FaultInjector faults, TimeProvider time)
{
    public async Task<IResult> AnswerAsync(HttpContext http, string? tenant)
    {
        if (tenant is not null && tenant != options.TenantIdentifier)
        {
            return Refuse(http, StatusCodes.Status404NotFound, $"No tenant with identifier \"{tenant}\" here.", "TENANT_NOT_FOUND");
        }

        if (!AccessToken.IsPresentedIn(http.Request.Headers, options))
        {
            return Refuse(http, StatusCodes.Status401Unauthorized,
                $"Unauthorized: send the {AccessToken.IdHeader} and {AccessToken.SecretHeader} headers of a valid access token.", "UNAUTHENTICATED");
        }

        var (request, status, problem) = await GraphQlRequest.ReadAsync(http.Request, http.RequestAborted);
        if (request is null)
        {
            return Refuse(http, status, problem!, "BAD_REQUEST");
        }

        var query = OrderQuery.Prepare(request.Query, request.OperationName, request.Variables);
        if (faults.Match(query.OrderIds) is { } fault)
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, time, http.RequestAborted);
            }

            if (fault.Status is { } injected)
            {
                return Answer(http, request, query, injected, Errors($"Injected fault: HTTP {injected}.", "INJECTED_FAULT"));
            }
        }

        return Answer(http, request, query, StatusCodes.Status200OK, OrderQueryExecutor.Execute(query, store.Read));
    }

    private IResult Refuse(HttpContext http, int status, string message, string code) =>
        Answer(http, null, null, status, Errors(message, code));

    private IResult Answer(HttpContext http, GraphQlRequest? request, OrderQuery? query, int status, JsonObject response)
    {
        var messages = response["errors"] is JsonArray errors
            ? errors.Select(e => e?["message"]?.GetValue<string>() ?? string.Empty).ToList()
            : [];
        log.Add(new RecordedRequest(
            time.GetUtcNow(), http.Request.Path.Value ?? string.Empty, query?.OperationName ?? request?.OperationName, request?.Variables,
            query?.OrderIds ?? [], status, messages)
        {
            // Lets an end-to-end test see that the enricher's read belongs to the webhook's trace.
            TraceParent = http.Request.Headers.TraceParent.ToString() is { Length: > 0 } traceparent ? traceparent : null,
        });
        return Results.Text(JsonSerializer.Serialize(response, EmulatorJson.Options), "application/json; charset=utf-8", statusCode: status);
    }

    private static JsonObject Errors(string message, string code) =>
        GraphQlError.Response([new GraphQlError(message, code)]);
}
