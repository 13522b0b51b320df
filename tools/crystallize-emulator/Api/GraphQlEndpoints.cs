using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Admin;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.CrystallizeEmulator.Schema;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.CrystallizeEmulator.Api;

/// <summary>
/// The GraphQL endpoints: the Order API at <c>POST /{tenantIdentifier}/orders</c> (Crystallize's path)
/// and <c>POST /graphql</c>, and the Core API at <c>POST /@{tenantIdentifier}</c> (as
/// https://api.crystallize.com/@{tenant}). GraphQL problems (syntax, unknown fields, unknown ids)
/// answer 200 with <c>errors</c>, as Crystallize's APIs do; a body that is not a GraphQL request answers 400.
/// </summary>
internal static class GraphQlEndpoints
{
    public static void MapGraphQlApis(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{tenant}/orders", (string tenant, HttpContext http, GraphQlApi api) => api.AnswerAsync(http, tenant, OrderApiSchema.Instance, orderApi: true));
        app.MapPost("/graphql", (HttpContext http, GraphQlApi api) => api.AnswerAsync(http, null, OrderApiSchema.Instance, orderApi: true));
        app.MapPost("/@{tenant}", (string tenant, HttpContext http, GraphQlApi api) => api.AnswerAsync(http, tenant, CoreApiSchema.Instance, orderApi: false));
    }
}

internal sealed class GraphQlApi(
    CrystallizeEmulatorOptions options, OrderStore store, RequestLog log, FaultInjector faults, TimeProvider time)
{
    public async Task<IResult> AnswerAsync(HttpContext http, string? tenant, ISchema schema, bool orderApi)
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

        var orderIds = OrderIdScan.Find(request.Query, request.Variables);
        if (faults.Match(orderIds) is { } fault)
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, time, http.RequestAborted);
            }

            if (fault.Status is { } injected)
            {
                return Answer(http, request, orderIds, injected, Errors($"Injected fault: HTTP {injected}.", "INJECTED_FAULT"));
            }
        }

        var context = new ApiContext(store, orderApi ? store.Read : store.PeekElement);
        var result = await GraphQlRunner.RunAsync(schema, request.Query, request.OperationName, request.Variables, context, http.RequestAborted);
        var answer = JsonNode.Parse(GraphQlRunner.Serializer.Serialize(result))!.AsObject();
        return Answer(http, request, orderIds, StatusCodes.Status200OK, answer, result.Operation?.Name?.StringValue);
    }

    private IResult Refuse(HttpContext http, int status, string message, string code) =>
        Answer(http, null, [], status, Errors(message, code));

    private IResult Answer(
        HttpContext http, GraphQlRequest? request, IReadOnlyList<string> orderIds, int status, JsonObject response, string? operationName = null)
    {
        var messages = response["errors"] is JsonArray errors
            ? errors.Select(e => e?["message"]?.GetValue<string>() ?? string.Empty).ToList()
            : [];
        log.Add(new RecordedRequest(
            time.GetUtcNow(), http.Request.Path.Value ?? string.Empty, operationName ?? request?.OperationName, request?.Variables,
            orderIds, status, messages)
        {
            // Lets an end-to-end test see that the enricher's read belongs to the webhook's trace.
            TraceParent = http.Request.Headers.TraceParent.ToString() is { Length: > 0 } traceparent ? traceparent : null,
        });
        return Results.Text(JsonSerializer.Serialize(response, EmulatorJson.Options), "application/json; charset=utf-8", statusCode: status);
    }

    private static JsonObject Errors(string message, string code) => new()
    {
        ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } }),
    };
}
