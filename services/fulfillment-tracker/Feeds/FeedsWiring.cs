using FbaMesh.ServiceDefaults;

namespace FbaMesh.FulfillmentTracker.Feeds;

internal static class FeedsWiring
{
    public static void AddFeeds(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<PollOptions, PollOptionsValidator>(PollOptions.SectionName);
        builder.Services.AddSingleton<ChangesPoll>();
    }

    public static void MapFeeds(this WebApplication app)
    {
        app.MapSubmittedSubscriber();
        app.MapNotificationBinding();
        app.MapPollBinding();
    }
}
