using Dapr;
using Dapr.Client;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Orders;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    public static void AddOrderPipeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PipelineOptions>()
            .Bind(builder.Configuration.GetSection(PipelineOptions.SectionName))
            .Validate(o => o.MaxAttempts >= 1, "Pipeline:MaxAttempts must be at least 1.")
            .Validate(o => o.ClaimLease >= TimeSpan.Zero, "Pipeline:ClaimLease may not be negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<SubmitterOptions>()
            .Bind(builder.Configuration.GetSection(SubmitterOptions.SectionName))
            .Validate(o => o.Deadline > TimeSpan.Zero && !string.IsNullOrWhiteSpace(o.AppId), "Submitter:Deadline must be positive and Submitter:AppId set.")
            .ValidateOnStart();

        builder.Services.AddSingleton<EnricherMetrics>();
        builder.Services.AddSingleton<OrderStateStore>();
        builder.Services.AddSingleton<OrderClaims>();
        builder.Services.AddSingleton<OrderOutcomes>();
        builder.Services.AddSingleton<FulfillmentEvents>();
        builder.Services.AddSingleton<FulfillmentSubmitter>();
        builder.Services.AddScoped<OrderPipeline>();

        // gRPC to the submitter goes through this app's own sidecar, which adds nothing but routing
        // (dapr-app-id); endpoint and API token come from DAPR_GRPC_ENDPOINT/DAPR_GRPC_PORT and DAPR_API_TOKEN.
        builder.Services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var invoker = DaprClient.CreateInvocationInvoker(
                sp.GetRequiredService<IOptions<SubmitterOptions>>().Value.AppId,
                DaprDefaults.GetDefaultGrpcEndpoint(configuration),
                DaprDefaults.GetDefaultDaprApiToken(configuration));
            return new FulfillmentOrders.FulfillmentOrdersClient(invoker);
        });
    }
}
