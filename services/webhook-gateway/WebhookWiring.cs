using FbaMesh.ServiceDefaults;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FbaMesh.WebhookGateway;

internal static class WebhookWiring
{
    public static void AddWebhook(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.SectionName);
        builder.Services.AddSecretReader<SignatureKeys, SignatureSecret>();
        builder.Services.AddSingleton<WebhookSignatureCheck>();
        builder.Services.AddSingleton<SignedWebhookReader>();
        builder.Services.AddSingleton<WebhookEventPublisher>();
        builder.Services.AddSingleton<OrderReceivedPublisher>();
        builder.Services.AddSingleton<OrderStageChangedPublisher>();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddSingleton<OrderCreatedWebhook>();
        builder.Services.AddSingleton<PipelineStageChangedWebhook>();
        builder.AddWebhookConcurrencyLimit();
        builder.Services.AddHealthChecks().AddCheck<SignatureSecretHealthCheck>(
            "signature-secret", HealthStatus.Unhealthy, [FbaMesh.ServiceDefaults.HealthEndpoints.ReadyTag], TimeSpan.FromSeconds(5));
    }
}
