using System.Text.RegularExpressions;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// FbaMesh's own words for SP-API error codes. Amazon's messages can quote the request (the recipient's
/// name, street, phone), so nothing of them leaves the submitter: not in a status, a log or a span.
/// </summary>
internal static partial class AmazonErrorWording
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["InvalidInput"] = "Amazon found a value of the request invalid",
        ["InvalidRequest"] = "Amazon found the request malformed",
        ["Unauthorized"] = "Amazon denied access to the resource",
        ["InvalidSignature"] = "Amazon refused the request signature",
        ["NotFound"] = "Amazon does not know the resource",
        ["QuotaExceeded"] = "Amazon throttled the request",
        ["Unsupported"] = "Amazon does not support the request",
        ["InternalFailure"] = "Amazon had an internal failure",
        ["ServiceUnavailable"] = "Amazon's service was unavailable",
    };

    /// <summary>FbaMesh's wording for the code; an unknown code is named, never explained in Amazon's words.</summary>
    public static string For(string? code) =>
        code is not null && Words.TryGetValue(code, out var words) ? words : "Amazon answered with an error code FbaMesh does not know";

    /// <summary>Codes are identifiers; anything else in the code field is not repeated.</summary>
    public static string SafeCode(string? code) => code is not null && CodeShape().IsMatch(code) ? code : "unrecognised";

    /// <summary>A JSON path names a field of the request, never its value; other details are free text.</summary>
    public static string? SafeDetails(string? details) =>
        details is not null && JsonPathShape().IsMatch(details) ? details : null;

    public static string Describe(AmazonErrorItem error)
    {
        var code = SafeCode(error.Code);
        var text = $"{code} ({For(error.Code)})";
        return SafeDetails(error.Details) is { } path ? $"{text} at {path}" : text;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"^\$(\.[A-Za-z_][A-Za-z0-9_]{0,63}|\[[0-9]{1,4}\]){0,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonPathShape();
}
