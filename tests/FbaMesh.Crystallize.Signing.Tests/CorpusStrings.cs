using System.Globalization;
using System.Text;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>JSON string literals (with their quotes) mixing raw unicode, every escape and lone surrogates.</summary>
internal sealed class CorpusStrings(Random random)
{
    private static readonly string[] Pieces =
    [
        "a", "Z", " ", "order", "<", ">", "&", "'", "é", "ø", "Bård", "中文", "\u00A0", "\u2028", "\u2029", "\uFEFF", "\uFFFF",
        "\uFFFD", "\u007F", "\u0080", "😀", "𝄞", "🇳🇴", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
        "\\u0000", "\\u001f", "\\u001F", "\\u0020", "\\u0022", "\\u005C", "\\u005c", "\\u007f", "\\u00e9", "\\u00E9",
        "\\u2028", "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\ud800", "\\uDBFF", "\\udc00", "\\uDFFF", "\\udc00\\ud800",
        "\\ud83d\\u0041", "\\ud83d😀", "\\ud83d\\ud83d\\ude00", "\\uFFFE", "\\u0031",
    ];

    private static readonly string[] IndexLikeKeys =
    [
        "0", "1", "2", "9", "10", "11", "99", "100", "4294967294", "4294967295", "4294967296", "01", "00", "-1", "-0",
        "1.0", "1e3", " 1", "+1", "\\u0031", "\\u0032\\u0030", "1\\u0030", "9007199254740993", "",
    ];

    private static readonly string[] WordKeys = ["id", "name", "a", "b", "__proto__", "constructor", "é", "😀", "\\n", "key with space", "toString"];

    public string NextValue()
    {
        var builder = new StringBuilder("\"");
        var count = random.Next(4) == 0 ? 0 : random.Next(1, 8);
        for (var i = 0; i < count; i++)
        {
            builder.Append(random.Next(3) == 0 ? RandomEscape() : Pieces[random.Next(Pieces.Length)]);
        }

        return builder.Append('"').ToString();
    }

    public string NextKey() => random.Next(10) switch
    {
        < 4 => $"\"{IndexLikeKeys[random.Next(IndexLikeKeys.Length)]}\"",
        4 => $"\"{random.NextInt64(0, 1L << 33).ToString(CultureInfo.InvariantCulture)}\"",
        < 8 => $"\"{WordKeys[random.Next(WordKeys.Length)]}\"",
        _ => NextValue(),
    };

    private string RandomEscape()
    {
        // Any code unit, in either hex case: controls, surrogates, specials and the rest.
        var unit = random.Next(4) switch
        {
            0 => random.Next(0, 0x20),
            1 => random.Next(0xD800, 0xE000),
            _ => random.Next(0, 0x10000),
        };
        var hex = unit.ToString("x4", CultureInfo.InvariantCulture);
        return "\\u" + (random.Next(2) == 0 ? hex : hex.ToUpperInvariant());
    }
}
