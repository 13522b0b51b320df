using System.Text.RegularExpressions;

namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>Amazon rejects double spaces and stray white space, so every text is trimmed and collapsed.</summary>
internal static partial class CleanText
{
    /// <summary>Trimmed, each run of white space (any Unicode kind) as one space; null or blank → "".</summary>
    public static string Of(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : WhiteSpaceRun().Replace(text.Trim(), " ");

    /// <summary>The parts that are not blank, cleaned, joined by one space.</summary>
    public static string Join(params string?[] parts) =>
        string.Join(' ', parts.Select(Of).Where(p => p.Length > 0));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpaceRun();
}
