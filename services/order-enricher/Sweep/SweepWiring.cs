using FbaMesh.ServiceDefaults;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FbaMesh.OrderEnricher.Sweep;

internal static class SweepWiring
{
    public static void AddSweep(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SweepOptions, SweepOptionsValidator>(SweepOptions.SectionName);
        builder.Services.AddSingleton<ReconciliationSweep>();

        // A page is a read, so retrying 5xx, 408, 429 and timeouts is safe; the Crystallize settings apply.
        builder.Services.AddHttpClient<CrystallizeOrderList>()
            .AddResilienceHandler("crystallize-core", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<Crystallize.CrystallizeOptions>>().Value;
                pipeline
                    .AddTimeout(o.TotalTimeout)
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = Math.Max(1, o.HttpRetries),
                        Delay = o.HttpRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    })
                    .AddTimeout(o.AttemptTimeout);
            });
    }
}
