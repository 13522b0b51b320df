using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Pipeline;

internal static class PipelineWiring
{
    public static void AddPipeline(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PipelineOptions>()
            .Bind(builder.Configuration.GetSection(PipelineOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();

        builder.Services.AddSingleton<EnricherMetrics>();
        builder.Services.AddSingleton<OrderClaims>();
        builder.Services.AddSingleton<OrderOutcomes>();
        builder.Services.AddSingleton<FulfillmentEvents>();
        builder.Services.AddScoped<OrderPipeline>();
    }
}
