using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FbaMesh.ServiceDefaults.Secrets;

public static class SecretWiring
{
    /// <summary>A <see cref="SecretReader{T}"/> for the secret <typeparamref name="TDefinition"/> describes, read through the app's sidecar.</summary>
    public static IServiceCollection AddSecretReader<T, TDefinition>(this IServiceCollection services, bool preload = false)
        where T : class
        where TDefinition : class, ISecretDefinition<T>
    {
        services.TryAddSingleton<ISecretSource, DaprSecretSource>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISecretDefinition<T>, TDefinition>();
        services.AddSingleton<SecretReader<T>>();
        if (preload)
        {
            services.AddHostedService<SecretPreloader<T>>();
        }

        return services;
    }
}
