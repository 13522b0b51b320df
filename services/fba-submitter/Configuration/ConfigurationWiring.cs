using FbaMesh.ServiceDefaults;

namespace FbaMesh.FbaSubmitter.Configuration;

internal static class ConfigurationWiring
{
    public static void AddConfiguration(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SpApiOptions, SpApiOptionsValidator>(SpApiOptions.SectionName);
    }
}
