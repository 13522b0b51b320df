using Dapr;
using Dapr.Client;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace FbaMesh.FulfillmentTracker.Amazon;

internal static class AmazonWiring
{
    public static void AddAmazon(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SubmitterOptions, SubmitterOptionsValidator>(SubmitterOptions.SectionName);
        builder.Services.AddSingleton<IAmazonOrders, SubmitterAmazonOrders>();

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
