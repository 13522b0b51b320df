using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>Hands a sidecar's subscriptions to the brokers of the pub/sub components that app can see.</summary>
internal static partial class SubscriptionTable
{
    public static void Apply(EmulatedSidecar sidecar, IReadOnlyList<Subscription> subscriptions)
    {
        var unique = new List<Subscription>();
        foreach (var subscription in subscriptions)
        {
            if (sidecar.Component(subscription.PubSubName, "pubsub") is null)
            {
                LogInvisible(sidecar.Logger, sidecar.AppId, subscription.PubSubName, subscription.Topic);
            }
            else if (unique.Any(u => u.PubSubName == subscription.PubSubName && u.Topic == subscription.Topic))
            {
                LogDuplicate(sidecar.Logger, sidecar.AppId, subscription.PubSubName, subscription.Topic);
            }
            else
            {
                unique.Add(subscription);
            }
        }

        foreach (var component in sidecar.Resources.Components.Where(c => c.Category == "pubsub"))
        {
            sidecar.Shared.Broker(component).Subscribe(sidecar, unique.Where(s => s.PubSubName == component.Name));
        }
    }

    [LoggerMessage(LogLevel.Warning, "App {AppId} subscribes to {Topic} on pub/sub {PubSub}, which it cannot see (missing or scoped away); ignored.")]
    private static partial void LogInvisible(ILogger logger, string appId, string pubSub, string topic);

    [LoggerMessage(LogLevel.Warning, "App {AppId} subscribes twice to {Topic} on {PubSub}; the first subscription is used.")]
    private static partial void LogDuplicate(ILogger logger, string appId, string pubSub, string topic);
}
