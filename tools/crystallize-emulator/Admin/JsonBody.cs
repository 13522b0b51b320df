using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FbaMesh.CrystallizeEmulator.Admin;

/// <summary>Reads an admin request's JSON object body, or the problem to answer instead.</summary>
internal static class JsonBody
{
    private const int MaxBytes = 1024 * 1024;

    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge, $"The body is over {MaxBytes} bytes."));
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) is JsonObject body
                ? (body, null)
                : (null, Problems.Create(StatusCodes.Status400BadRequest, "The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, $"The body is not JSON: {e.Message}"));
        }
    }
}

internal static class Problems
{
    public static IResult Create(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
