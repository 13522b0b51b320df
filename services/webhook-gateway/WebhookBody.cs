using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace FbaMesh.WebhookGateway;

/// <summary>The raw webhook body, read with the size limit enforced while reading.</summary>
internal readonly record struct WebhookBody(ReadOnlyMemory<byte> Bytes, WebhookRejection? Rejection)
{
    private const int ChunkSize = 16 * 1024;
    private const long DrainFactor = 16;

    /// <summary>Crystallize sends application/json; a charset other than UTF-8 could not be hashed as it signs.</summary>
    public static WebhookRejection? CheckContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return WebhookRejection.UnsupportedMediaType(contentType);
        }

        var isJson = media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var isUtf8 = !media.Charset.HasValue
            || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
        return isJson && isUtf8 ? null : WebhookRejection.UnsupportedMediaType(contentType);
    }

    public static async Task<WebhookBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return new(default, WebhookRejection.BodyTooLarge(limit));
        }

        // The count below enforces the limit without buffering more. Kestrel's own cap is set well above
        // it: after a 413 Kestrel drains the unread rest (up to that cap) so the answer reaches the
        // sender instead of a connection reset; past the cap it drops the connection.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit * DrainFactor;
        }

        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkSize, limit));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return new(default, WebhookRejection.BodyTooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(default, WebhookRejection.BodyTooLarge(limit));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        // The bytes as read, not a copy: the stream is private to this call and its array outlives it.
        return new(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }
}
