using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FbaMesh.CrystallizeEmulator.Api;

/// <summary>A GraphQL-over-HTTP POST body: <c>{"query", "variables"?, "operationName"?}</c>.</summary>
internal sealed record GraphQlRequest(string Query, JsonObject? Variables, string? OperationName)
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The request, or why it is not one (the message names what is wrong, never values).</summary>
    public static async Task<(GraphQlRequest? Request, int Status, string? Problem)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.ContentLength > MaxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"The request body is over {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"The request body is over {MaxBodyBytes} bytes.");
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            return (null, StatusCodes.Status400BadRequest, "The request body is not JSON.");
        }

        if (body is not JsonObject json || json["query"] is not JsonValue query || query.GetValueKind() != JsonValueKind.String)
        {
            return (null, StatusCodes.Status400BadRequest, "The request body must be a JSON object with a \"query\" string.");
        }

        var variables = json["variables"];
        if (variables is not (null or JsonObject))
        {
            return (null, StatusCodes.Status400BadRequest, "\"variables\" must be a JSON object.");
        }

        var operationName = json["operationName"];
        if (operationName is not null && operationName.GetValueKind() != JsonValueKind.String)
        {
            return (null, StatusCodes.Status400BadRequest, "\"operationName\" must be a string.");
        }

        return (new GraphQlRequest(query.GetValue<string>(), (JsonObject?)variables?.DeepClone(), operationName?.GetValue<string>()), 200, null);
    }
}
