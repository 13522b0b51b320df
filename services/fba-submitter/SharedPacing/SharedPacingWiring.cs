using FbaMesh.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FbaMesh.FbaSubmitter.SharedPacing;

internal static class SharedPacingWiring
{
    /// <summary>With SharedPacing:Enabled (the default) every pacer books its permits in the shared plan.</summary>
    public static void AddSharedPacing(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SharedPacingOptions, SharedPacingOptionsValidator>(SharedPacingOptions.SectionName);
        var enabled = builder.Configuration.GetSection(SharedPacingOptions.SectionName).GetValue(nameof(SharedPacingOptions.Enabled), true);
        if (enabled)
        {
            builder.Services.TryAddSingleton<IPlanStore, DaprPlanStore>();
            builder.Services.AddSingleton<SharedPlans>();
        }
    }
}
