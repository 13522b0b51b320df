using FbaMesh.FbaSubmitter.Observability;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.FbaSubmitter.Amazon;

internal static class AmazonWiring
{
    public static void AddAmazon(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SubmitterMetrics>();
        services.AddSingleton<SpApiPacers>();
        services.AddSingleton<LwaTokenClient>();
        services.AddSingleton<SpApiTransport>();
        services.AddSingleton<SpApiCaller>();
        services.AddSingleton<CallPathWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<CallPathWarmUp>());
        services.AddHealthChecks().AddCheck<CallPathWarmUp>("call-path", tags: [HealthEndpoints.ReadyTag]);

        // Deliberately no resilience handler: retries are decided per operation (a blind retry of a
        // create could ship twice), and every attempt has its own timeout inside the call's deadline.
        services.AddHttpClient(LwaTokenClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(SpApiTransport.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    }
}
