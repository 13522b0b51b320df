using FbaMesh.OrderEnricher.Orders.Index;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Orders;

internal static class OrdersWiring
{
    public static void AddOrders(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<OrderStateOptions, OrderStateOptionsValidator>(OrderStateOptions.SectionName);
        builder.Services.AddSingleton<OrderIndex>();
        builder.Services.AddSingleton<OrderIndexQueries>();
        builder.Services.AddSingleton<OrderStateStore>();
    }
}
