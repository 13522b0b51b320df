using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Mapping;

public static class MappingServiceCollectionExtensions
{
    public static void AddFulfillmentMapping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FulfillmentMappingOptions>()
            .Bind(builder.Configuration.GetSection(FulfillmentMappingOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FulfillmentMappingOptions>, FulfillmentMappingOptionsValidator>();
    }
}
