using FbaMesh.ServiceDefaults;

namespace FbaMesh.FbaSubmitter.Credentials;

internal static class CredentialsWiring
{
    public static void AddCredentials(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CredentialStore>();
        builder.Services.AddSingleton<ISecretSource, DaprSecretSource>();
        builder.Services.AddHostedService<CredentialLoader>();
        builder.Services.AddHealthChecks().AddCheck<CredentialsHealthCheck>("sp-api-credentials", tags: [HealthEndpoints.ReadyTag]);
    }
}
