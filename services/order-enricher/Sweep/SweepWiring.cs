using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Sweep;

internal static class SweepWiring
{
    /// <summary>The reconciliation sweep; it lists orders through the shared Core API client (AddCrystallizeCoreApi).</summary>
    public static void AddSweep(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SweepOptions, SweepOptionsValidator>(SweepOptions.SectionName);
        builder.Services.AddSingleton<CrystallizeOrderList>();
        builder.Services.AddSingleton<ReconciliationSweep>();
    }
}
