using YamlDotNet.RepresentationModel;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// A copy of the resources folder whose local-file secret store reads another secrets file (the
/// git-ignored secrets.local.json for real upstreams) and whose Redis components point at this run's
/// redis-server (and, when asked, whose pub/sub components carry another <c>concurrency</c>), so
/// components/ itself never changes.
/// </summary>
internal sealed class ResourcesOverlay : IDisposable
{
    private ResourcesOverlay(string path) => Path = path;

    public string Path { get; }

    /// <param name="cronSchedules">New schedules for bindings.cron components, by component name.</param>
    /// <param name="pubSubConcurrency">Deliveries in flight per subscribed sidecar, set on every pubsub.* component.</param>
    public static ResourcesOverlay Create(
        string resourcesPath, string? secretsFile, string? redisHost = null, IReadOnlyDictionary<string, string>? cronSchedules = null, int? pubSubConcurrency = null)
    {
        if (pubSubConcurrency is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pubSubConcurrency), pubSubConcurrency, "Deliveries in flight must be at least 1.");
        }

        var target = Directory.CreateTempSubdirectory("devmesh-resources-").FullName;
        foreach (var file in Directory.EnumerateFiles(resourcesPath, "*.yaml"))
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                stream.Load(reader);
            }

            foreach (var document in stream.Documents)
            {
                if (secretsFile is not null)
                {
                    SetMetadata(document.RootNode, t => t == "secretstores.local.file", "secretsFile", secretsFile);
                }

                if (redisHost is not null)
                {
                    SetMetadata(document.RootNode, t => t is "pubsub.redis" or "state.redis", "redisHost", redisHost);
                }

                if (pubSubConcurrency is { } concurrency)
                {
                    SetMetadata(document.RootNode, t => t.StartsWith("pubsub.", StringComparison.Ordinal), "concurrency",
                        concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), addWhenMissing: true);
                }

                Reschedule(document.RootNode, cronSchedules);
            }

            using var writer = File.CreateText(System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
            stream.Save(writer, assignAnchors: false);
        }

        return new ResourcesOverlay(target);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static void SetMetadata(YamlNode root, Func<string, bool> ofType, string field, string value, bool addWhenMissing = false)
    {
        if (root is not YamlMappingNode doc
            || !doc.Children.TryGetValue("spec", out var spec) || spec is not YamlMappingNode specMap
            || !specMap.Children.TryGetValue("type", out var type) || !ofType(type.ToString())
            || !specMap.Children.TryGetValue("metadata", out var metadata) || metadata is not YamlSequenceNode items)
        {
            return;
        }

        var found = false;
        foreach (var item in items.OfType<YamlMappingNode>())
        {
            if (item.Children.TryGetValue("name", out var name) && name.ToString() == field)
            {
                item.Children[new YamlScalarNode("value")] = new YamlScalarNode(value);
                found = true;
            }
        }

        if (!found && addWhenMissing)
        {
            // A quoted string, as Dapr's metadata values are (an unquoted 40 would be read as a number).
            items.Add(new YamlMappingNode(
                new YamlScalarNode("name"), new YamlScalarNode(field),
                new YamlScalarNode("value"), new YamlScalarNode(value) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted }));
        }
    }

    private static void Reschedule(YamlNode root, IReadOnlyDictionary<string, string>? schedules)
    {
        if (schedules is not { Count: > 0 }
            || root is not YamlMappingNode doc
            || !doc.Children.TryGetValue("metadata", out var meta) || meta is not YamlMappingNode metaMap
            || !metaMap.Children.TryGetValue("name", out var componentName) || !schedules.TryGetValue(componentName.ToString(), out var schedule)
            || !doc.Children.TryGetValue("spec", out var spec) || spec is not YamlMappingNode specMap
            || !specMap.Children.TryGetValue("type", out var type) || type.ToString() != "bindings.cron"
            || !specMap.Children.TryGetValue("metadata", out var metadata) || metadata is not YamlSequenceNode items)
        {
            return;
        }

        foreach (var item in items.OfType<YamlMappingNode>())
        {
            if (item.Children.TryGetValue("name", out var name) && name.ToString() == "schedule")
            {
                item.Children[new YamlScalarNode("value")] = new YamlScalarNode(schedule);
            }
        }
    }
}
