using System.Text.Json;
using System.Text.Json.Serialization;

namespace FbaMesh.Bench.Common;

/// <summary>The JSON form of every scenario's figures: the same numbers the table shows, camelCase.</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync<T>(T report, string? path, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var file = File.Create(full);
        await JsonSerializer.SerializeAsync(file, report, Options, ct);
    }

    /// <summary>The same, without awaiting: for an exception handler that the process does not outlive.</summary>
    public static void Write<T>(T report, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var file = File.Create(full);
        JsonSerializer.Serialize(file, report, Options);
    }
}
