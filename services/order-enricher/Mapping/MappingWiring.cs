using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Mapping;

internal static class MappingWiring
{
    public static void AddMapping(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<FulfillmentMappingOptions, FulfillmentMappingOptionsValidator>(FulfillmentMappingOptions.SectionName);
    }
}
