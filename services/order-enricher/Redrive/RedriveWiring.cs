using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Redrive;

internal static class RedriveWiring
{
    public static void AddRedrive(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<RedriveOptions, RedriveOptionsValidator>(RedriveOptions.SectionName);
        builder.Services.AddSingleton<RedriveSchedule>();
        builder.Services.AddSingleton<DueOrderIndex>();
        builder.Services.AddSingleton<OrderFeed>();
        builder.Services.AddSingleton<Redriver>();
    }
}
