using FbaMesh.FbaSubmitter.Reading;

namespace FbaMesh.FbaSubmitter.Submitting;

internal static class SubmittingWiring
{
    public static void AddSubmitting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<FulfillmentOrderSubmitter>();
        services.AddSingleton<FulfillmentOrderLookup>();
        services.AddSingleton<ConfirmedWrite>();
        services.AddSingleton<FulfillmentOrderCancellation>();
        services.AddSingleton<FulfillmentOrderUpdate>();
        services.AddSingleton<OrderChangesReader>();
        services.AddSingleton<PackageTrackingReader>();
        services.AddSingleton<FulfillmentPreviewer>();
    }
}
