using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// <c>JSON.stringify(JSON.parse(text))</c> exactly as V8 produces it, without a JavaScript engine.
/// Crystallize hashes that form of the webhook body, so one differing byte fails a genuine webhook.
/// </summary>
public static class JavaScriptJson
{
    /// <summary>Nesting deeper than this is refused: JavaScript's own limit is the stack, ours is explicit.</summary>
    public const int MaxDepth = 256;

    /// <exception cref="JsonException">Invalid JSON, invalid UTF-8 or nesting deeper than <see cref="MaxDepth"/>.</exception>
    public static string Stringify(ReadOnlySpan<byte> utf8Json)
    {
        using var buffer = new PooledBuffer(utf8Json.Length);
        Write(utf8Json, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the UTF-8 of the canonical form; nothing is written when the input is invalid.</summary>
    /// <exception cref="JsonException">Invalid JSON, invalid UTF-8 or nesting deeper than <see cref="MaxDepth"/>.</exception>
    public static void WriteTo(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new PooledBuffer(utf8Json.Length);
        Write(utf8Json, buffer);
        output.Write(buffer.WrittenSpan);
    }

    internal static void Write(ReadOnlySpan<byte> utf8Json, PooledBuffer buffer)
    {
        using var writer = new CanonicalJsonWriter(buffer);
        try
        {
            writer.WriteDocument(utf8Json);
        }
        catch (JsonException ex) when (ex is not CanonicalJsonException)
        {
            // The reader's own message quotes the offending input; only its position is passed on.
            throw new CanonicalJsonException(
                $"The text is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).",
                ex.LineNumber,
                ex.BytePositionInLine);
        }
    }
}
