using System.Text.Json.Nodes;
using Xunit;

namespace FbaMesh.FunctionalTests.Support;

/// <summary>
/// Asserts that every property the oracle names has that value in the actual document (arrays element
/// by element, same length). The oracle leaves out what the mapping does not set, so a subset is exact
/// for everything the mapping table decides.
/// </summary>
public static class JsonSubset
{
    public static void AssertContains(JsonNode expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case JsonObject obj:
                var actualObject = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (name, value) in obj)
                {
                    Assert.True(actualObject.ContainsKey(name), $"{path}.{name} is missing in {actual!.ToJsonString()}");
                    AssertContains(value!, actualObject[name], $"{path}.{name}");
                }

                break;
            case JsonArray array:
                var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(array.Count == actualArray.Count, $"{path}: expected {array.Count} elements, got {actualArray.ToJsonString()}");
                for (var i = 0; i < array.Count; i++)
                {
                    AssertContains(array[i]!, actualArray[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}");
                break;
        }
    }
}
