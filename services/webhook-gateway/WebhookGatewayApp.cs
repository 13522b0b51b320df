using FbaMesh.ServiceDefaults;

namespace FbaMesh.WebhookGateway;

/// <summary>Builds the gateway; Program.cs runs it and tests host it in-process on a free port.</summary>
public static class WebhookGatewayApp
{
    /// <param name="args">Command-line arguments (also configuration: --Webhook:MaxBodyBytes=…, --DAPR_GRPC_PORT=…).</param>
    /// <param name="configure">Lets a test replace services (a FakeTimeProvider, …) before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddWebhookGateway();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapOrderCreatedWebhook();
        return app;
    }
}
