using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Api;

internal static class ApiWiring
{
    public static void AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperatorApiOptions>()
            .Bind(builder.Configuration.GetSection(OperatorApiOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OperatorApiOptions>, OperatorApiOptionsValidator>();
    }
}
