using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Orders;

internal sealed class OrderStateOptionsValidator : IValidateOptions<OrderStateOptions>
{
    public ValidateOptionsResult Validate(string? name, OrderStateOptions options) =>
        string.IsNullOrWhiteSpace(options.StoreName)
            ? ValidateOptionsResult.Fail("OrderState:StoreName must name a Dapr state store.")
            : ValidateOptionsResult.Success;
}
