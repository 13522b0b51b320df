using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// Writes a string the way ECMAScript's JSON.stringify quotes it: only <c>"</c>, <c>\</c> and
/// characters below U+0020 are escaped; lone surrogates (which a JavaScript string may hold) become
/// lowercase <c>\udxxx</c>; everything else, U+2028 and DEL included, is written as UTF-8.
/// </summary>
internal static class JavaScriptString
{
    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>Re-quotes a string token's raw bytes (between the quotes, escapes intact).</summary>
    public static void WriteJsonToken(ReadOnlySpan<byte> raw, bool hasEscapes, PooledBuffer output)
    {
        output.Write((byte)'"');
        if (!hasEscapes)
        {
            WriteVerbatim(raw, output);
            output.Write((byte)'"');
            return;
        }

        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            if (backslash < 0)
            {
                WriteVerbatim(raw, output);
                break;
            }

            WriteVerbatim(raw[..backslash], output);
            raw = raw[backslash..];
            raw = raw[WriteEscape(raw, output)..];
        }

        output.Write((byte)'"');
    }

    /// <summary>Quotes a .NET string (UTF-16, possibly with lone surrogates) as JSON.stringify would.</summary>
    public static void WriteString(string value, PooledBuffer output)
    {
        output.Write((byte)'"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                WriteScalar(char.ConvertToUtf32(c, value[i + 1]), output);
                i++;
            }
            else
            {
                WriteCodeUnit(c, output);
            }
        }

        output.Write((byte)'"');
    }

    private static void WriteVerbatim(ReadOnlySpan<byte> utf8, PooledBuffer output)
    {
        // Outside escapes the reader hands over raw bytes; JSON.parse never sees invalid UTF-8 in a
        // genuine Crystallize body, so it is rejected here rather than replaced (docs/notes/signing.md).
        if (!Utf8.IsValid(utf8))
        {
            throw new CanonicalJsonException("The JSON text is not valid UTF-8.");
        }

        output.Write(utf8);
    }

    /// <summary>Writes one escape sequence (a surrogate pair counts as one) and returns its length.</summary>
    private static int WriteEscape(ReadOnlySpan<byte> raw, PooledBuffer output)
    {
        switch (raw[1])
        {
            case (byte)'u':
                var unit = ParseHex4(raw[2..6]);
                if (char.IsHighSurrogate(unit) && raw.Length >= 12 && raw[6] == '\\' && raw[7] == 'u')
                {
                    var low = ParseHex4(raw[8..12]);
                    if (char.IsLowSurrogate(low))
                    {
                        WriteScalar(char.ConvertToUtf32(unit, low), output);
                        return 12;
                    }
                }

                WriteCodeUnit(unit, output);
                return 6;
            case (byte)'/':
                output.Write((byte)'/');
                return 2;
            default:
                // \" \\ \b \f \n \r \t are already in JSON.stringify's own form.
                output.Write(raw[..2]);
                return 2;
        }
    }

    private static char ParseHex4(ReadOnlySpan<byte> hex)
    {
        // The reader has validated the escape, so four hex digits are guaranteed here.
        Utf8Parser.TryParse(hex, out ushort value, out _, 'x');
        return (char)value;
    }

    private static void WriteCodeUnit(char c, PooledBuffer output)
    {
        switch (c)
        {
            case '"': output.Write("\\\""u8); return;
            case '\\': output.Write("\\\\"u8); return;
            case '\b': output.Write("\\b"u8); return;
            case '\f': output.Write("\\f"u8); return;
            case '\n': output.Write("\\n"u8); return;
            case '\r': output.Write("\\r"u8); return;
            case '\t': output.Write("\\t"u8); return;
        }

        if (c < 0x20 || char.IsSurrogate(c))
        {
            var span = output.GetSpan(6);
            span[0] = (byte)'\\';
            span[1] = (byte)'u';
            span[2] = Hex[c >> 12];
            span[3] = Hex[(c >> 8) & 0xF];
            span[4] = Hex[(c >> 4) & 0xF];
            span[5] = Hex[c & 0xF];
            output.Advance(6);
            return;
        }

        WriteScalar(c, output);
    }

    private static void WriteScalar(int scalar, PooledBuffer output)
    {
        if (scalar < 0x80)
        {
            output.Write((byte)scalar);
            return;
        }

        var written = new Rune(scalar).EncodeToUtf8(output.GetSpan(4));
        output.Advance(written);
    }
}
