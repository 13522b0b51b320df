using System.Collections.Concurrent;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// The seller's FBA inventory as Amazon knows it. Every SKU counts as stocked unless it was unlisted;
/// createFulfillmentOrder refuses an order with an unlisted SKU as Amazon refuses an unknown one, and
/// getFulfillmentPreview reports it unfulfillable.
/// </summary>
public sealed class SellerInventory
{
    private readonly ConcurrentDictionary<string, byte> unlisted = new(StringComparer.Ordinal);

    internal SellerInventory(IEnumerable<string> unlisted)
    {
        Initial = [.. unlisted];
        Reset();
    }

    private string[] Initial { get; }

    public IReadOnlyCollection<string> Unlisted => [.. this.unlisted.Keys.Order(StringComparer.Ordinal)];

    public bool IsListed(string sellerSku) => !this.unlisted.ContainsKey(sellerSku);

    public void Unlist(string sellerSku) => this.unlisted[sellerSku] = 0;

    public void Relist(string sellerSku) => this.unlisted.TryRemove(sellerSku, out _);

    /// <summary>Back to the SKUs unlisted by configuration.</summary>
    internal void Reset()
    {
        this.unlisted.Clear();
        foreach (var sku in Initial)
        {
            Unlist(sku);
        }
    }
}
