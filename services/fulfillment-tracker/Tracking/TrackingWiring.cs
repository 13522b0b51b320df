using FbaMesh.Crystallize.CoreApi;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.FulfillmentTracker.Tracking;

internal static class TrackingWiring
{
    public static void AddTracking(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<TrackingOptions, TrackingOptionsValidator>(TrackingOptions.SectionName);
        builder.AddCrystallizeCoreApi();
        builder.Services.AddSingleton<TrackedOrderStore>();
        builder.Services.AddSingleton<ProgressPublisher>();
        builder.Services.AddSingleton<OrderTracker>();
    }
}
