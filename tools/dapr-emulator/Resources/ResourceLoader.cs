using System.Text.Json.Nodes;
using FbaMesh.DaprEmulator.PubSub;

namespace FbaMesh.DaprEmulator.Resources;

/// <summary>What one sidecar loaded from its resources folder, after scopes.</summary>
internal sealed record LoadedResources(
    IReadOnlyList<ComponentSpec> Components,
    IReadOnlyDictionary<string, RetryPolicy> InboundRetries,
    IReadOnlyList<Subscription> DeclarativeSubscriptions);

/// <summary>
/// Reads the top-level YAML files of a resources folder as daprd does (sub-folders are not read) and
/// refuses, with the file and the reason, anything it would otherwise silently not honour.
/// </summary>
internal static class ResourceLoader
{
    public static readonly IReadOnlySet<string> SupportedComponentTypes =
        new HashSet<string>(StringComparer.Ordinal) { "pubsub.in-memory", "state.in-memory", "secretstores.local.file", "bindings.cron", "bindings.aws.sqs" };

    public static LoadedResources Load(string resourcesPath, string appId)
    {
        if (!Directory.Exists(resourcesPath))
        {
            throw new DirectoryNotFoundException($"Resources path '{resourcesPath}' (for app '{appId}') does not exist.");
        }

        var components = new List<ComponentSpec>();
        var retries = new Dictionary<string, RetryPolicy>(StringComparer.Ordinal);
        var subscriptions = new List<Subscription>();
        foreach (var file in ResourceFiles(resourcesPath))
        {
            foreach (var document in YamlDocuments.Read(file))
            {
                switch (document.Text("kind"))
                {
                    case "Component":
                        var component = ReadComponent(document, file);
                        if (component.IsVisibleTo(appId))
                        {
                            components.Add(component);
                        }

                        break;
                    case "Resiliency":
                        foreach (var (name, policy) in ResiliencySpec.InboundRetries(document, appId, file))
                        {
                            retries[name] = policy;
                        }

                        break;
                    case "Subscription":
                        if (DeclarativeSubscription.Read(document, file) is { } s && IsInScope(document, appId))
                        {
                            subscriptions.Add(s);
                        }

                        break;
                    case "Configuration":
                        // daprd takes Configurations from --config only, never from the resources path.
                        break;
                    case var kind:
                        throw new InvalidDataException($"{file}: resource kind '{kind}' is not implemented by the Dapr emulator (it reads Component, Resiliency and Subscription).");
                }
            }
        }

        var duplicate = components.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Component '{duplicate.Key}' is defined twice in {resourcesPath}.");
        }

        return new LoadedResources(components, retries, subscriptions);
    }

    public static IEnumerable<string> ResourceFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private static bool IsInScope(JsonObject document, string appId)
    {
        var scopes = document.Strings("scopes");
        return scopes.Count == 0 || scopes.Contains(appId, StringComparer.Ordinal);
    }

    private static ComponentSpec ReadComponent(JsonObject document, string file)
    {
        var name = document.Object("metadata").Text("name")
            ?? throw new InvalidDataException($"{file}: a Component has no metadata.name.");
        var spec = document.Object("spec");
        var type = spec.Text("type") ?? throw new InvalidDataException($"{file}: component '{name}' has no spec.type.");
        if (!SupportedComponentTypes.Contains(type))
        {
            throw new NotSupportedException(
                $"{file}: component '{name}' has type '{type}', which the Dapr emulator does not implement " +
                $"(it implements {string.Join(", ", SupportedComponentTypes)}). Scope it away from the emulated apps or use a supported type.");
        }

        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in spec.Items("metadata"))
        {
            var key = item.Text("name") ?? throw new InvalidDataException($"{file}: component '{name}' has a metadata item without a name.");
            if (item.Object("secretKeyRef") is not null)
            {
                throw new NotSupportedException($"{file}: component '{name}' metadata '{key}' uses secretKeyRef, which the Dapr emulator does not implement.");
            }

            metadata[key] = item.Text("value") ?? "";
        }

        return new ComponentSpec(name, type, spec.Text("version") ?? "v1", metadata, document.Strings("scopes"), file);
    }
}
