using System.Text.Json;
using FbaMesh.Crystallize.Signing;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// Parses the webhook body. Depth is capped as the signature's canonicaliser caps it, so a body is
/// either readable by both or refused as malformed JSON; Crystallize's payloads are a few levels deep.
/// </summary>
internal static class WebhookJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = JavaScriptJson.MaxDepth };

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
