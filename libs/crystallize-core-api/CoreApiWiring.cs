using FbaMesh.ServiceDefaults;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FbaMesh.Crystallize.CoreApi;

public static class CoreApiWiring
{
    /// <summary>Options section CrystallizeCoreApi, the crystallize-api secret reader and a resilient <see cref="CoreApiClient"/>.</summary>
    public static IHostApplicationBuilder AddCrystallizeCoreApi(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<CoreApiOptions, CoreApiOptionsValidator>(CoreApiOptions.SectionName);
        builder.Services.AddSecretReader<CoreApiAccessToken, CoreApiSecret>();

        // Every call here may be repeated safely (a read, or a write of values), so 5xx, 408, 429 and
        // timeouts are retried.
        builder.Services.AddHttpClient<CoreApiClient>()
            .AddResilienceHandler("crystallize-core-api", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<CoreApiOptions>>().Value;
                pipeline.AddTimeout(o.TotalTimeout);
                if (o.HttpRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.HttpRetries,
                        Delay = o.HttpRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }

                pipeline.AddTimeout(o.AttemptTimeout);
            });
        return builder;
    }
}
