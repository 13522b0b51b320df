using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Orders;

internal static class OrdersWiring
{
    public static void AddOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrderStateOptions>()
            .Bind(builder.Configuration.GetSection(OrderStateOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OrderStateOptions>, OrderStateOptionsValidator>();
        builder.Services.AddSingleton<OrderStateStore>();
    }
}
