using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Configuration;

internal static class ConfigurationWiring
{
    /// <summary>daprd proxies gRPC to the app with HTTP/2 prior knowledge and no TLS (h2c).</summary>
    public static void UseH2cOnly(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));

    public static void AddSpApiOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpApiOptions>()
            .Bind(builder.Configuration.GetSection(SpApiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SpApiOptions>, SpApiOptionsValidator>();
    }
}
