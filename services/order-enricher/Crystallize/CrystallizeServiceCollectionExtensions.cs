using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FbaMesh.OrderEnricher.Crystallize;

public static class CrystallizeServiceCollectionExtensions
{
    public static void AddCrystallizeClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CrystallizeOptions>()
            .Bind(builder.Configuration.GetSection(CrystallizeOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.OrderApiUrl.Replace("{tenantIdentifier}", "t", StringComparison.Ordinal), UriKind.Absolute, out _), "Crystallize:OrderApiUrl must be an absolute URL.")
            .Validate(o => o.ReadAttempts >= 1 && o.HttpRetries >= 0, "Crystallize:ReadAttempts must be at least 1 and HttpRetries not negative.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.TotalTimeout >= o.AttemptTimeout, "Crystallize:TotalTimeout must be at least AttemptTimeout, both positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CrystallizeCredentials>();

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
