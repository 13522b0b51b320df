using FbaMesh.ServiceDefaults;
using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.OrderEnricher.Api;

internal static class ApiWiring
{
    public static void AddApi(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<OperatorApiOptions, OperatorApiOptionsValidator>(OperatorApiOptions.SectionName);
        builder.Services.AddSecretReader<OperatorCredential, OperatorSecret>();
        builder.Services.AddHostedService<OperatorSecretAtStart>();
    }
}
