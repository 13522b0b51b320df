using Dapr.Client.Autogen.Grpc.v1;
using FbaMesh.DaprEmulator.PubSub;
using FbaMesh.DaprEmulator.Resources;

namespace FbaMesh.DaprEmulator.Hosting;

/// <summary>What GET /v1.0/metadata and the GetMetadata call report: app id, components, subscriptions.</summary>
internal static class SidecarMetadata
{
    public const string RuntimeVersion = "1.19.0-fbamesh-emulator";

    public static object Json(EmulatedSidecar sidecar) => new
    {
        id = sidecar.AppId,
        runtimeVersion = RuntimeVersion,
        enabledFeatures = Array.Empty<string>(),
        actors = Array.Empty<object>(),
        components = sidecar.Resources.Components.Select(c => new { name = c.Name, type = c.Type, version = c.Version, capabilities = Capabilities(c) }),
        httpEndpoints = Array.Empty<object>(),
        subscriptions = sidecar.Subscriptions.Select(s => new
        {
            pubsubname = s.PubSubName,
            topic = s.Topic,
            metadata = s.Metadata,
            rules = Rules(s).Select(r => new { match = r.Match, path = r.Path }),
            deadLetterTopic = s.DeadLetterTopic ?? "",
            type = s.Kind,
        }),
        appConnectionProperties = new
        {
            port = sidecar.Options.AppPort ?? 0,
            protocol = sidecar.Options.AppProtocol,
            channelAddress = sidecar.Options.AppHost ?? "127.0.0.1",
            maxConcurrency = -1,
        },
        extended = new Dictionary<string, string> { ["daprRuntimeVersion"] = RuntimeVersion },
    };

    public static GetMetadataResponse Grpc(EmulatedSidecar sidecar)
    {
        var response = new GetMetadataResponse
        {
            Id = sidecar.AppId,
            RuntimeVersion = RuntimeVersion,
            AppConnectionProperties = new AppConnectionProperties
            {
                Port = sidecar.Options.AppPort ?? 0,
                Protocol = sidecar.Options.AppProtocol,
                ChannelAddress = sidecar.Options.AppHost ?? "127.0.0.1",
                MaxConcurrency = -1,
            },
        };
        foreach (var c in sidecar.Resources.Components)
        {
            var registered = new RegisteredComponents { Name = c.Name, Type = c.Type, Version = c.Version };
            registered.Capabilities.Add(Capabilities(c));
            response.RegisteredComponents.Add(registered);
        }

        foreach (var s in sidecar.Subscriptions)
        {
            var subscription = new PubsubSubscription { PubsubName = s.PubSubName, Topic = s.Topic, DeadLetterTopic = s.DeadLetterTopic ?? "", Rules = new PubsubSubscriptionRules() };
            subscription.Metadata.Add(new Dictionary<string, string>(s.Metadata));
            subscription.Rules.Rules.Add(Rules(s).Select(r => new PubsubSubscriptionRule { Match = r.Match, Path = r.Path }));
            response.Subscriptions.Add(subscription);
        }

        response.ExtendedMetadata.Add("daprRuntimeVersion", RuntimeVersion);
        return response;
    }

    private static IEnumerable<RouteRule> Rules(Subscription s) =>
        s.DefaultRoute is null ? s.Rules : [.. s.Rules, new RouteRule("", s.DefaultRoute)];

    private static string[] Capabilities(ComponentSpec c) => c.Type switch
    {
        "state.in-memory" => ["ETAG", "TRANSACTIONAL"],
        "bindings.cron" or "bindings.aws.sqs" when Bindings.InputBinding.From(c).IsInput => ["INPUT_BINDING"],
        "secretstores.local.file" when string.Equals(c.Value("multiValued"), "true", StringComparison.OrdinalIgnoreCase) => ["MULTIPLE_KEY_VALUES_PER_SECRET"],
        _ => [],
    };
}
