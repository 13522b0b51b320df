using System.Text.Json;

namespace FbaMesh.Crystallize.Signing;

/// <summary>A <see cref="JsonException"/> whose message names the problem and position, never the input.</summary>
internal sealed class CanonicalJsonException(string message, long? lineNumber = null, long? bytePositionInLine = null)
    : JsonException(message, path: null, lineNumber, bytePositionInLine);
