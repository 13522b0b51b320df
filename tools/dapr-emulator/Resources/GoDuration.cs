using System.Globalization;
using System.Text.RegularExpressions;

namespace FbaMesh.DaprEmulator.Resources;

/// <summary>Durations as Dapr resources write them (Go's time.ParseDuration: "200ms", "10s", "1m30s").</summary>
internal static partial class GoDuration
{
    public static TimeSpan Parse(string text, string where)
    {
        var value = text.Trim();
        if (value == "0")
        {
            return TimeSpan.Zero;
        }

        var matches = Part().Matches(value);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != value)
        {
            throw new InvalidDataException($"{where}: '{text}' is not a duration (examples: 200ms, 10s, 1m30s).");
        }

        var total = 0d;
        foreach (Match m in matches)
        {
            var number = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += number * m.Groups["u"].Value switch
            {
                "ns" => 1e-6,
                "us" or "µs" => 1e-3,
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                _ => 3_600_000,
            };
        }

        return TimeSpan.FromMilliseconds(total);
    }

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?)(?<u>ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();
}
