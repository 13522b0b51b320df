using FbaMesh.ServiceDefaults;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FbaMesh.OrderEnricher.Crystallize;

internal static class CrystallizeWiring
{
    public static void AddCrystallize(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<CrystallizeOptions, CrystallizeOptionsValidator>(CrystallizeOptions.SectionName);
        builder.Services.AddSecretReader<CrystallizeAccessToken, CrystallizeApiSecret>();

        // The order query is a read, so retrying 5xx, 408, 429 and timeouts is safe (unlike a submit).
        builder.Services.AddHttpClient<CrystallizeOrderClient>()
            .AddResilienceHandler("crystallize", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<CrystallizeOptions>>().Value;
                pipeline
                    .AddTimeout(o.TotalTimeout)
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = Math.Max(1, o.HttpRetries),
                        Delay = o.HttpRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldHandle = o.HttpRetries == 0 ? _ => ValueTask.FromResult(false) : new HttpRetryStrategyOptions().ShouldHandle,
                    })
                    .AddTimeout(o.AttemptTimeout);
            });
    }
}
