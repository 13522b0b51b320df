using System.Xml.Linq;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>`dotnet publish -t:PublishContainer` must produce the images, ports and tags the manifests run.</summary>
public sealed class ContainerImageTests
{
    [Fact]
    public void Each_service_publishes_the_image_and_port_kubernetes_expects()
    {
        var kustomization = YamlDocuments.LoadOne(Path.Combine(RunFiles.Kubernetes, "kustomization.yaml"));
        var version = XDocument.Load(RepositoryPaths.Combine("Directory.Build.props")).Descendants("Version").Single().Value;
        var runFile = YamlDocuments.LoadOne(RepositoryPaths.Combine("dapr.yaml"))["apps"]!.AsArray();

        foreach (var app in RunFiles.FromDaprYaml())
        {
            var appDirectory = RepositoryPaths.Combine(runFile.Single(a => a!["appID"].Text() == app.AppId)!["appDirPath"].Text());
            var project = XDocument.Load(Directory.EnumerateFiles(appDirectory, "FbaMesh.*.csproj").Single());
            var repository = project.Descendants("ContainerRepository").SingleOrDefault()?.Value;
            var ports = project.Descendants("ContainerPort").Select(p => p.Attribute("Include")?.Value).ToList();

            Assert.Equal($"fbamesh/{app.AppId}", repository);
            Assert.Equal([app.AppPort], ports);
            Assert.Equal("$(Version)", project.Descendants("ContainerImageTag").Single().Value);
            Assert.Contains(kustomization["images"]!.AsArray(),
                i => i!["name"].Text() == repository && i["newTag"].Text() == version);
        }
    }
}
