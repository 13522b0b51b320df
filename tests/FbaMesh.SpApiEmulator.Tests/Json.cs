using System.Net;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator.Tests;

internal static class Json
{
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    /// <summary>Asserts the status and SP-API's {"errors":[...]} shape; returns the first error.</summary>
    public static async Task<JsonNode> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["errors"]![0]!;
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.NotNull(error["message"]);
        return error;
    }

    /// <summary>All errors' details (the JSON path of each broken field).</summary>
    public static async Task<string[]> ViolatedPathsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadAsync(response))["errors"]!.AsArray();
        Assert.All(errors, e => Assert.Equal("InvalidInput", e!["code"]!.GetValue<string>()));
        return errors.Select(e => e!["details"]!.GetValue<string>()).ToArray();
    }
}
