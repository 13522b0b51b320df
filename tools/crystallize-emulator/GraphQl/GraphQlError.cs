using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.GraphQl;

/// <summary>One entry of a GraphQL response's <c>errors</c> list, worded as graphql-js words it.</summary>
public sealed record GraphQlError(string Message, string Code, GraphQlLocation? Location = null, IReadOnlyList<string>? Path = null)
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotFound = "NOT_FOUND";

    public JsonObject ToJson()
    {
        var error = new JsonObject { ["message"] = Message };
        if (Location is { } location)
        {
            error["locations"] = new JsonArray(new JsonObject { ["line"] = location.Line, ["column"] = location.Column });
        }

        if (Path is not null)
        {
            error["path"] = new JsonArray([.. Path.Select(segment => (JsonNode)segment)]);
        }

        error["extensions"] = new JsonObject { ["code"] = Code };
        return error;
    }

    public static JsonObject Response(IEnumerable<GraphQlError> errors) =>
        new() { ["errors"] = new JsonArray([.. errors.Select(error => (JsonNode)error.ToJson())]) };
}
