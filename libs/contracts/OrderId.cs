namespace FbaMesh.Contracts;

/// <summary>
/// Crystallize order ids are 24 lowercase hex characters (a MongoDB ObjectId). Uppercase is refused rather
/// than normalised, because Crystallize never sends it and a rewritten id would no longer be the id the
/// merchant sees. The id becomes a state key and a URL segment, so nothing else ("." or "..", separators)
/// may pass.
/// </summary>
public static class OrderId
{
    public const int Length = 24;

    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
