using System.Net;
using System.Text.Json;

namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>What a test checks of an answer: status, media type and the problem's code.</summary>
public sealed record ProblemAnswer(HttpStatusCode Status, string? MediaType, string? Code, string? Type, string Body)
{
    public static async Task<ProblemAnswer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        string? code = null, type = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var json = JsonDocument.Parse(body);
            code = json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            type = json.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        }

        return new ProblemAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, code, type, body);
    }

    public static async Task<ProblemAnswer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            return await ReadAsync(response);
        }
    }
}
