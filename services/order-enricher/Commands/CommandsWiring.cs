using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Commands;

internal static class CommandsWiring
{
    /// <summary>The shop's commands (cancel, release, submit on a stage) and the preview before a create.</summary>
    public static void AddCommands(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<LifecycleOptions, LifecycleOptionsValidator>(LifecycleOptions.SectionName);
        builder.AddValidatedOptions<CommandOptions, CommandOptionsValidator>(CommandOptions.SectionName);
        builder.Services.AddOptions<PreviewOptions>().Bind(builder.Configuration.GetSection(PreviewOptions.SectionName));

        builder.Services.AddSingleton<CommandStateWrites>();
        builder.Services.AddSingleton<IAmazonCommands, SubmitterAmazonCommands>();
        builder.Services.AddSingleton<IShopFeedback, CrystallizeShopFeedback>();
        builder.Services.AddSingleton<CancelCommand>();
        builder.Services.AddSingleton<ReleaseCommand>();
        builder.Services.AddSingleton<CreateGuard>();
        builder.Services.AddScoped<SubmitOnStage>();
        builder.Services.AddScoped<StageChangeHandler>();
    }
}
