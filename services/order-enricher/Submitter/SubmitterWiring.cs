using Dapr.Client;
using Dapr;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Submitter;

internal static class SubmitterWiring
{
    public static void AddSubmitter(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SubmitterOptions, SubmitterOptionsValidator>(SubmitterOptions.SectionName);
        builder.Services.AddSingleton<FulfillmentSubmitter>();

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
