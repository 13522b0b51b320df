using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// At most Webhook:MaxConcurrentRequests webhooks are inside the gateway at once; each may buffer up to
/// MaxBodyBytes and wait on the sidecar, so the limit caps memory and sidecar load under a flood. A
/// request over the limit is not queued: it gets 503 with Retry-After at once, and Crystallize retries.
/// </summary>
internal static class WebhookConcurrency
{
    public const string PolicyName = "webhooks";

    public static void AddWebhookConcurrencyLimit(this WebApplicationBuilder builder) =>
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value;
                // One partition: the limit is the gateway's, whoever calls.
                return RateLimitPartition.GetConcurrencyLimiter(PolicyName, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.MaxConcurrentRequests,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = (context, _) =>
            {
                var rejection = WebhookRejection.Busy();
                context.HttpContext.RequestServices.GetRequiredService<WebhookMetrics>().Rejected(rejection);
                return new ValueTask(rejection.ToResult().ExecuteAsync(context.HttpContext));
            };
        });
}
