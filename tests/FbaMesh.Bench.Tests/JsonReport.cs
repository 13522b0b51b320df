using System.Text.Json;
using FbaMesh.Bench.Common;

namespace FbaMesh.Bench.Tests;

/// <summary>Writes a report as the --json option does and reads it back, so a test checks the file, not the object.</summary>
internal static class JsonReport
{
    public static async Task<JsonElement> RoundTripAsync<T>(T report)
    {
        var path = Path.Combine(Path.GetTempPath(), "fbamesh-bench-tests", Guid.NewGuid().ToString("n") + ".json");
        try
        {
            await BenchJson.WriteAsync(report, path);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            return document.RootElement.Clone();
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static JsonElement At(this JsonElement element, params string[] path) =>
        path.Aggregate(element, (current, name) => current.GetProperty(name));
}
