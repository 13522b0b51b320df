using System.Text;
using System.Text.Json;
using FbaMesh.Testing;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>The canonicaliser against V8's own JSON.stringify on thousands of generated texts, in one Node.js call.</summary>
[Collection(NodeOracleCollection.Name)]
public sealed class JavaScriptJsonCorpusTests(NodeOracle oracle)
{
    private const int Seed = 20_240_613;
    private const int Size = 5000;

    [Fact]
    public void Matches_JSON_stringify_byte_for_byte_on_a_generated_corpus()
    {
        var corpus = new JsonCorpus(Seed).Generate(Size);
        var expected = JsonSerializer.Deserialize<string?[]>(oracle.Run("stringify.mjs", JsonSerializer.Serialize(corpus)))!;

        var mismatches = new List<string>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var actual = StringifyOrNull(corpus[i]);
            if (!string.Equals(actual, expected[i], StringComparison.Ordinal))
            {
                mismatches.Add($"#{i} {corpus[i]}\n  node: {expected[i] ?? "(refused)"}\n  ours: {actual ?? "(refused)"}");
            }
        }

        Assert.Equal(Size, expected.Length);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {Size} differ:\n" + string.Join('\n', mismatches.Take(15)));
        Assert.True(expected.Any(result => result is null), "the corpus should also hold texts JSON.parse refuses");
    }

    private static string? StringifyOrNull(string text)
    {
        try
        {
            return JavaScriptJson.Stringify(Encoding.UTF8.GetBytes(text));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
