namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>One topic subscription of an app, from GET /dapr/subscribe or a Subscription resource.</summary>
internal sealed record Subscription(
    string PubSubName,
    string Topic,
    string? DefaultRoute,
    IReadOnlyList<RouteRule> Rules,
    string? DeadLetterTopic,
    IReadOnlyDictionary<string, string> Metadata,
    string Kind)
{
    public const string Programmatic = "PROGRAMMATIC";
    public const string Declarative = "DECLARATIVE";

    /// <summary>
    /// The path an event goes to. Rules with a CEL match expression are not evaluated (the emulator has no
    /// CEL engine): a rule with an empty match is taken, otherwise the default route.
    /// </summary>
    public string? RouteFor() =>
        Rules.FirstOrDefault(r => string.IsNullOrWhiteSpace(r.Match))?.Path ?? DefaultRoute;

    public bool HasUnevaluatedRules => Rules.Any(r => !string.IsNullOrWhiteSpace(r.Match));
}

internal sealed record RouteRule(string Match, string Path);
