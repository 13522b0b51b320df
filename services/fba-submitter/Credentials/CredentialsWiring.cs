using FbaMesh.ServiceDefaults;
using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.FbaSubmitter.Credentials;

internal static class CredentialsWiring
{
    public static void AddCredentials(this WebApplicationBuilder builder)
    {
        // Preloaded: a submit never waits on the secret store; without credentials it answers at once.
        builder.Services.AddSecretReader<SpApiCredentials, SpApiSecret>(preload: true);
        builder.Services.AddHealthChecks().AddCheck<CredentialsHealthCheck>("sp-api-credentials", tags: [HealthEndpoints.ReadyTag]);
    }
}
