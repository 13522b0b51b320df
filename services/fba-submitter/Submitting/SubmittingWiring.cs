namespace FbaMesh.FbaSubmitter.Submitting;

internal static class SubmittingWiring
{
    public static void AddSubmitting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FulfillmentOrderSubmitter>();
        builder.Services.AddSingleton<FulfillmentOrderLookup>();
    }
}
