using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Mapping;

internal static class MappingWiring
{
    public static void AddMapping(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FulfillmentMappingOptions>()
            .Bind(builder.Configuration.GetSection(FulfillmentMappingOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FulfillmentMappingOptions>, FulfillmentMappingOptionsValidator>();
    }
}
