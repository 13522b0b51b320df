using System.Text.Json;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// One pass over the reader, writing JSON.stringify's form as it goes. Objects are written in input
/// order and only rearranged afterwards when they need it (an array-index key or a repeated key),
/// which real webhook bodies almost never have: the common path copies and never sorts.
/// </summary>
internal sealed class CanonicalJsonWriter(PooledBuffer output) : IDisposable
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        // One more than ours, so that our own check below fires first with a clear message.
        MaxDepth = JavaScriptJson.MaxDepth + 1,
    };

    private readonly ObjectMembers members = new();

    public void WriteDocument(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        if (!reader.Read())
        {
            throw new CanonicalJsonException("The JSON text is empty.");
        }

        WriteValue(ref reader);

        // Reading once more makes the reader reject anything but white space after the value.
        reader.Read();
    }

    public void Dispose() => members.Dispose();

    private void WriteValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader);
                break;
            case JsonTokenType.StartArray:
                WriteArray(ref reader);
                break;
            case JsonTokenType.String:
                JavaScriptString.WriteJsonToken(reader.ValueSpan, reader.ValueIsEscaped, output);
                break;
            case JsonTokenType.Number:
                JavaScriptNumber.Write(reader.ValueSpan, output);
                break;
            case JsonTokenType.True:
                output.Write("true"u8);
                break;
            case JsonTokenType.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    private static void CheckDepth(ref Utf8JsonReader reader)
    {
        if (reader.CurrentDepth >= JavaScriptJson.MaxDepth)
        {
            throw new CanonicalJsonException($"The JSON text nests deeper than {JavaScriptJson.MaxDepth} levels.");
        }
    }

    private void WriteArray(ref Utf8JsonReader reader)
    {
        CheckDepth(ref reader);
        output.Write((byte)'[');
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first)
            {
                output.Write((byte)',');
            }

            first = false;
            WriteValue(ref reader);
        }

        output.Write((byte)']');
    }

    private void WriteObject(ref Utf8JsonReader reader)
    {
        CheckDepth(ref reader);
        var objectStart = output.Length;
        var firstMember = members.Count;
        output.Write((byte)'{');
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (members.Count > firstMember)
            {
                output.Write((byte)',');
            }

            var keyStart = output.Length;
            JavaScriptString.WriteJsonToken(reader.ValueSpan, reader.ValueIsEscaped, output);
            var keyEnd = output.Length;
            output.Write((byte)':');
            reader.Read();
            WriteValue(ref reader);
            var key = output.WrittenSpan[(keyStart + 1)..(keyEnd - 1)];
            members.Add(new Member(keyStart, keyEnd, output.Length, ArrayIndex.Parse(key)));
        }

        members.Canonicalize(firstMember, objectStart, output);
        output.Write((byte)'}');
    }
}
