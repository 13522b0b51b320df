using System.Text;
using System.Text.Json;

namespace FbaMesh.SpApiEmulator;

/// <summary>A request body read whole: the exact text (kept for the admin API) and its parsed JSON.</summary>
internal sealed class RequestBody : IDisposable
{
    /// <summary>Far above any legal order (100 lines), small enough that no body can exhaust memory.</summary>
    public const int MaxBytes = 1024 * 1024;

    private RequestBody(string raw, JsonDocument document)
    {
        Raw = raw;
        Document = document;
    }

    public string Raw { get; }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    /// <summary>The body, or the 400 InvalidInput that a caller gets for an unreadable one.</summary>
    public static async Task<(RequestBody? Body, SpApiResponse? Error)> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, SpApiResponse.InvalidInput($"The request body is larger than {MaxBytes} bytes.", "$"));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, SpApiResponse.InvalidInput("The request must contain a JSON body.", "$"));
        }

        try
        {
            var bytes = buffer.ToArray();
            return (new RequestBody(Encoding.UTF8.GetString(bytes), JsonDocument.Parse(bytes)), null);
        }
        catch (JsonException e)
        {
            return (null, SpApiResponse.InvalidInput($"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).", "$"));
        }
    }

    public void Dispose() => Document.Dispose();
}
