namespace FbaMesh.OrderEnricher.DeadLetters;

internal static class DeadLetterWiring
{
    public static void AddDeadLetters(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<DeadLetteredOrders>();
}
