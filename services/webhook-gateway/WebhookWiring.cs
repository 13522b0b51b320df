using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

internal static class WebhookWiring
{
    public static void AddWebhook(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        builder.Services.AddSingleton<ICrystallizeSecretReader, DaprCrystallizeSecretReader>();
        builder.Services.AddSingleton<SignatureSecretCache>();
        builder.Services.AddSingleton<WebhookSignatureCheck>();
        builder.Services.AddSingleton<OrderReceivedPublisher>();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddSingleton<OrderCreatedWebhook>();
        builder.Services.AddHealthChecks().AddCheck<SignatureSecretHealthCheck>(
            "signature-secret", HealthStatus.Unhealthy, [FbaMesh.ServiceDefaults.HealthEndpoints.ReadyTag], TimeSpan.FromSeconds(5));
    }
}
