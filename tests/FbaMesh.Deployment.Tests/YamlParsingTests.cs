using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

public sealed class YamlParsingTests
{
    private static readonly string[] Ignored = ["bin", "obj", "node_modules", ".git", "TestResults", ".devmesh"];

    public static TheoryData<string> YamlFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Walk(RepositoryPaths.Root))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Yaml_file_parses(string relativePath)
    {
        var documents = YamlDocuments.Load(RepositoryPaths.Combine(relativePath));

        Assert.NotEmpty(documents);
    }

    [Fact]
    public void The_run_files_are_among_the_parsed_files()
    {
        var files = Walk(RepositoryPaths.Root).Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)).ToList();

        Assert.Contains("dapr.yaml", files);
        Assert.Contains("tye.yaml", files);
        Assert.Contains(Path.Combine("deploy", "kubernetes", "kustomization.yaml"), files);
    }

    [Fact]
    public void Kustomization_lists_every_manifest_except_the_secret_templates()
    {
        var kustomization = YamlDocuments.LoadOne(Path.Combine(RunFiles.Kubernetes, "kustomization.yaml"));
        var listed = kustomization["resources"]!.AsArray().Select(r => Path.GetFullPath(Path.Combine(RunFiles.Kubernetes, r.Text()))).ToHashSet();
        var onDisk = Directory.EnumerateFiles(RunFiles.Kubernetes, "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml" && !f.Contains("secret-templates", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Equal(onDisk.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => !Ignored.Contains(Path.GetFileName(d))))
        {
            foreach (var file in Walk(sub))
            {
                yield return file;
            }
        }
    }
}
