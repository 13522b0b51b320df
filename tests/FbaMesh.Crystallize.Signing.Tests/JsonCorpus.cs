using System.Text;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>
/// A deterministic corpus of JSON texts built to disagree with JavaScript if anything is off: index-like
/// and repeated keys, tricky numbers and strings, random white space, deep nesting, plus texts that
/// JSON.parse must refuse. Same seed, same corpus.
/// </summary>
internal sealed class JsonCorpus(int seed)
{
    private static readonly string[] Invalid =
    [
        "", " ", "{,}", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "-", "1e", "1e+", "NaN", "Infinity", "'x'", "{\"a\" 1}",
        "{a:1}", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\t\"", "\"\n\"", "[1]x", "{\"a\":1}}", "tru", "nul", "[", "]",
        "\uFEFF{}", "{\"a\":1 \"b\":2}", "[1 2]", "\"unterminated", "/* c */ 1", "1 // c", "[-01]", "[0x10]", "\u00A0 1",
    ];

    private readonly Random random = new(seed);
    private int budget;
    private CorpusNumbers Numbers => field ??= new CorpusNumbers(this.random);
    private CorpusStrings Strings => field ??= new CorpusStrings(this.random);

    public List<string> Generate(int count)
    {
        var texts = new List<string>(Invalid);
        texts.Add(Deep(JavaScriptJson.MaxDepth, '[', ']'));
        texts.Add(Deep(JavaScriptJson.MaxDepth - 1, '{', '}'));
        while (texts.Count < count)
        {
            var builder = new StringBuilder();
            var deep = this.random.Next(20) == 0;
            this.budget = deep ? 400 : this.random.Next(1, 120);
            WriteValue(builder, depth: 0, maxDepth: deep ? 150 : 6);
            texts.Add(builder.ToString());
        }

        return texts;
    }

    private static string Deep(int depth, char open, char close) => open == '['
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"1\":", depth)) + "0" + new string('}', depth);

    private void WriteValue(StringBuilder json, int depth, int maxDepth)
    {
        Space(json);
        // A node budget keeps documents small; deep ones get a spine of containers.
        this.budget--;
        var choice = depth >= maxDepth || this.budget <= 0 ? 2 + this.random.Next(4)
            : maxDepth > 6 && this.random.Next(3) > 0 ? 6 * this.random.Next(2)
            : this.random.Next(9);
        switch (choice)
        {
            case 0 or 1:
                WriteObject(json, depth, maxDepth);
                break;
            case 2:
                json.Append(Strings.NextValue());
                break;
            case 3 or 4:
                json.Append(Numbers.Next());
                break;
            case 5:
                json.Append(this.random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            default:
                WriteArray(json, depth, maxDepth);
                break;
        }

        Space(json);
    }

    private void WriteObject(StringBuilder json, int depth, int maxDepth)
    {
        json.Append('{');
        var keys = new List<string>();
        var count = this.random.Next(8) == 0 ? this.random.Next(9, 30) : this.random.Next(0, 7);
        for (var i = 0; i < count; i++)
        {
            var key = keys.Count > 0 && this.random.Next(6) == 0 ? keys[this.random.Next(keys.Count)] : Strings.NextKey();
            keys.Add(key);
            json.Append(i > 0 ? "," : string.Empty);
            Space(json);
            json.Append(key);
            Space(json);
            json.Append(':');
            WriteValue(json, depth + 1, maxDepth);
        }

        Space(json);
        json.Append('}');
    }

    private void WriteArray(StringBuilder json, int depth, int maxDepth)
    {
        json.Append('[');
        var count = this.random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            json.Append(i > 0 ? "," : string.Empty);
            WriteValue(json, depth + 1, maxDepth);
        }

        Space(json);
        json.Append(']');
    }

    private void Space(StringBuilder json)
    {
        if (this.random.Next(5) == 0)
        {
            json.Append(" \t\n\r"[this.random.Next(4)]);
        }
    }
}
