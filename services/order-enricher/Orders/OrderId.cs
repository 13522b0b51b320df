namespace FbaMesh.OrderEnricher.Orders;

/// <summary>Crystallize order ids are 24 lowercase hex characters (a MongoDB ObjectId).</summary>
public static class OrderId
{
    public const int Length = 24;

    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
