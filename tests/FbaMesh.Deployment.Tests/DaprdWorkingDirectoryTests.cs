using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>
/// daprd resolves a relative path in a component (a local secrets file) from its own working
/// directory, and that directory differs per way of running: the app's appDirPath under
/// `dapr run -f .`, the folder of tye.yaml under `tye run`, a container with no repository files on
/// Kubernetes. Every path must resolve where daprd really runs.
/// </summary>
public sealed class DaprdWorkingDirectoryTests
{
    /// <summary>Component metadata that names a file daprd opens.</summary>
    private static readonly string[] FileKeys = ["secretsFile"];

    [Fact]
    public void Dapr_run_file_paths_resolve_from_each_apps_directory()
    {
        var runFile = YamlDocuments.LoadOne(RepositoryPaths.Combine("dapr.yaml"));
        var resources = runFile["common"]!["resourcesPaths"]!.AsArray().Select(p => RepositoryPaths.Combine(p.Text())).ToList();
        Assert.NotEmpty(resources);

        foreach (var app in runFile["apps"]!.AsArray())
        {
            var daprdDirectory = RepositoryPaths.Combine(app!["appDirPath"].Text());
            Assert.True(Directory.Exists(daprdDirectory), daprdDirectory);
            var config = Path.GetFullPath(app["configFilePath"].Text(), daprdDirectory);
            Assert.True(File.Exists(config), config);
            Assert.Equal(app["appID"].Text() + "-config", YamlDocuments.LoadOne(config)["metadata"]!["name"].Text());
            AssertFilesResolve(resources, daprdDirectory);
        }
    }

    [Fact]
    public void Tye_paths_resolve_from_the_folder_of_tye_yaml()
    {
        // Tye starts `dapr run` with the folder of tye.yaml as working directory and passes
        // components-path unchanged; a config name becomes <components-path>/<name>.yaml.
        var tyeDirectory = RepositoryPaths.Root;
        var dapr = YamlDocuments.LoadOne(RepositoryPaths.Combine("tye.yaml"))["extensions"]!.AsArray().Single(e => e!["name"].Text() == "dapr")!;
        var components = Path.GetFullPath(dapr["components-path"].Text(), tyeDirectory);
        Assert.True(Directory.Exists(components), components);

        foreach (var (appId, service) in dapr["services"]!.AsObject())
        {
            var config = Path.GetFullPath(Path.Combine(dapr["components-path"].Text(), service!["config"].Text() + ".yaml"), tyeDirectory);
            Assert.True(File.Exists(config), config);
            Assert.Equal(appId + "-config", YamlDocuments.LoadOne(config)["metadata"]!["name"].Text());
        }

        AssertFilesResolve([components], tyeDirectory);
    }

    [Fact]
    public void Kubernetes_components_name_no_files()
    {
        // The sidecar container holds none of the repository's files: secrets come from the cluster.
        var named = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component")
            .SelectMany(c => c["spec"]!["metadata"]!.AsArray())
            .Where(m => FileKeys.Contains(m!["name"].Text()));

        Assert.Empty(named);
    }

    [Fact]
    public void Tye_components_are_the_local_components_apart_from_the_secrets_file_path()
    {
        var dapr = YamlDocuments.LoadOne(RepositoryPaths.Combine("tye.yaml"))["extensions"]!.AsArray().Single(e => e!["name"].Text() == "dapr")!;
        var tyeComponents = RepositoryPaths.Combine(dapr["components-path"].Text());
        var local = TopLevel(RepositoryPaths.Combine("components"));
        var tye = TopLevel(tyeComponents);

        Assert.Equal(local.Keys.Order(StringComparer.Ordinal), tye.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, resource) in local)
        {
            Assert.True(JsonNode.DeepEquals(WithoutFiles(resource), WithoutFiles(tye[name])), $"{name} differs between components/ and {tyeComponents}");
        }
    }

    private static Dictionary<string, JsonObject> TopLevel(string folder) =>
        Directory.EnumerateFiles(folder, "*.yaml").SelectMany(YamlDocuments.Load)
            .ToDictionary(d => $"{d["kind"].Text()}/{d["metadata"]!["name"].Text()}");

    private static JsonNode WithoutFiles(JsonObject resource)
    {
        var copy = resource.DeepClone();
        foreach (var item in copy["spec"]?["metadata"]?.AsArray() ?? [])
        {
            if (FileKeys.Contains(item!["name"].Text()))
            {
                item["value"] = "(a file)";
            }
        }

        return copy;
    }

    private static void AssertFilesResolve(IEnumerable<string> resourceFolders, string daprdDirectory)
    {
        var files = resourceFolders
            .SelectMany(f => Directory.EnumerateFiles(f, "*.yaml"))
            .SelectMany(YamlDocuments.Load)
            .Where(d => d["kind"].Text() == "Component")
            .SelectMany(c => c["spec"]!["metadata"]!.AsArray())
            .Where(m => FileKeys.Contains(m!["name"].Text()))
            .Select(m => m!["value"].Text())
            .ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(File.Exists(Path.GetFullPath(f, daprdDirectory)), $"{f} does not resolve from {daprdDirectory}"));
    }
}
