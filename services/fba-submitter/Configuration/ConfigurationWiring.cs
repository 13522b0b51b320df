using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Configuration;

internal static class ConfigurationWiring
{
    public static void AddConfiguration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpApiOptions>()
            .Bind(builder.Configuration.GetSection(SpApiOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SpApiOptions>, SpApiOptionsValidator>();
    }
}
