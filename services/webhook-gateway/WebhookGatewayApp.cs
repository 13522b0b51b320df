using FbaMesh.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>Builds the webhook-gateway; Program.cs runs it and tests host it in-process.</summary>
public static partial class WebhookGatewayApp
{
    /// <param name="args">Command-line arguments (--urls and configuration overrides).</param>
    /// <param name="configure">Lets a test add configuration or replace a service before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddWebhook();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapWebhooks();
        app.Lifetime.ApplicationStarted.Register(() => WarnWhenUnverified(app));
        return app;
    }

    // Development may switch verification off; that must never go unnoticed in the logs.
    private static void WarnWhenUnverified(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.VerifySignatures)
        {
            LogVerificationOff(app.Logger);
        }
    }

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Webhook signature verification is OFF (Webhook:VerifySignatures=false, Development only): any caller can queue orders")]
    private static partial void LogVerificationOff(ILogger logger);
}
