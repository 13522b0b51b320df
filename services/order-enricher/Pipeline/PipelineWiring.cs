using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Pipeline;

internal static class PipelineWiring
{
    public static void AddPipeline(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<PipelineOptions, PipelineOptionsValidator>(PipelineOptions.SectionName);

        builder.Services.AddSingleton<EnricherMetrics>();
        builder.Services.AddSingleton<OrderClaims>();
        builder.Services.AddSingleton<OrderOutcomes>();
        builder.Services.AddSingleton<FulfillmentEvents>();
        builder.Services.AddScoped<OrderPipeline>();
    }
}
