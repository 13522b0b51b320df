using YamlDotNet.RepresentationModel;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// A copy of the resources folder whose local-file secret store reads another secrets file (the
/// git-ignored secrets.local.json for real upstreams) and whose Redis components point at this run's
/// redis-server, so components/ itself never changes.
/// </summary>
internal sealed class ResourcesOverlay : IDisposable
{
    private ResourcesOverlay(string path) => Path = path;

    public string Path { get; }

    /// <param name="cronSchedules">New schedules for bindings.cron components, by component name.</param>
    public static ResourcesOverlay Create(string resourcesPath, string? secretsFile, string? redisHost = null, IReadOnlyDictionary<string, string>? cronSchedules = null)
    {
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

    private static void SetMetadata(YamlNode root, Func<string, bool> ofType, string field, string value)
    {
        if (root is not YamlMappingNode doc
            || !doc.Children.TryGetValue("spec", out var spec) || spec is not YamlMappingNode specMap
            || !specMap.Children.TryGetValue("type", out var type) || !ofType(type.ToString())
            || !specMap.Children.TryGetValue("metadata", out var metadata) || metadata is not YamlSequenceNode items)
        {
            return;
        }

        foreach (var item in items.OfType<YamlMappingNode>())
        {
            if (item.Children.TryGetValue("name", out var name) && name.ToString() == field)
            {
                item.Children[new YamlScalarNode("value")] = new YamlScalarNode(value);
            }
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
