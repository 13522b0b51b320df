namespace FbaMesh.Contracts;

/// <summary>Amazon's limits on the items of one fulfillment order (fulfillment outbound 2020-07-01).</summary>
public static class AmazonItemLimits
{
    public const int MaxLines = 100;
    public const int MaxUnits = 250;
    public const int MaxSkuLength = 50;
}
