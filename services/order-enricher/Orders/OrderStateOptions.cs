namespace FbaMesh.OrderEnricher.Orders;

/// <summary>Configuration section "OrderState": where order state is kept.</summary>
internal sealed class OrderStateOptions
{
    public const string SectionName = "OrderState";

    /// <summary>The Dapr state store component (transactional, with ETags).</summary>
    public string StoreName { get; set; } = "fbamesh-state";
}
