namespace FbaMesh.OrderEnricher.Fulfillment;

internal static class FulfillmentWiring
{
    public static void AddFulfillmentProgress(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<FulfillmentProgressRecorder>();
}
