using System.Text.Json;

namespace FbaMesh.WebhookGateway;

/// <summary>Parses the webhook body. Depth is capped: Crystallize's payloads are a few levels deep,
/// and a deeper document is an attack on the parser, not an order.</summary>
internal static class WebhookJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static JsonDocument? Parse(ReadOnlyMemory<byte> bytes, out WebhookRejection? rejection)
    {
        rejection = null;
        if (bytes.IsEmpty)
        {
            rejection = WebhookRejection.MalformedJson("The body is empty.");
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException ex)
        {
            rejection = WebhookRejection.MalformedJson(ex.Message);
            return null;
        }
    }
}
