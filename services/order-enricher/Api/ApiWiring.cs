using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Api;

internal static class ApiWiring
{
    public static void AddApi(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<OperatorApiOptions, OperatorApiOptionsValidator>(OperatorApiOptions.SectionName);
    }
}
