namespace FbaMesh.SpApiEmulator;

/// <summary>One broken rule in a request: the JSON path of the field and what is wrong with it.</summary>
internal sealed record Violation(string Path, string Message)
{
    /// <summary>The path as a JSON path ("$.items[3].quantity"), given to the caller in the error's details.</summary>
    public string JsonPath => Path.Length == 0 ? "$" : Path.StartsWith('[') ? "$" + Path : "$." + Path;

    public static Violation Missing(string path) => new(path, $"The request must contain the parameter {Shown(path)}.");

    public static Violation Invalid(string path, string shownValue, string reason) =>
        new(path, $"Value {shownValue} for parameter {Shown(path)} is invalid. Reason: {reason}.");

    private static string Shown(string path) => path.Length == 0 ? "body" : path;
}
