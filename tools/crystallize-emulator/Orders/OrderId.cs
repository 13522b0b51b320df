namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>Crystallize order ids are 24 lowercase hexadecimal characters (MongoDB object ids).</summary>
public static class OrderId
{
    public static bool IsValid(string? id) =>
        id is { Length: 24 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
