using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>dapr.yaml is the source of truth for app ids, ports and protocols (DESIGN §3, §4).</summary>
public sealed class RunFileAgreementTests
{
    [Fact]
    public void Dapr_run_file_has_the_four_apps_of_the_design()
    {
        var ids = RunFiles.FromDaprYaml().Select(a => a.AppId);

        Assert.Equal(["fba-submitter", "fulfillment-tracker", "order-enricher", "webhook-gateway"], ids.Order(StringComparer.Ordinal));
        Assert.Equal("grpc", RunFiles.FromDaprYaml().Single(a => a.AppId == "fba-submitter").Protocol);
    }

    [Fact]
    public void Tye_file_matches_the_dapr_run_file_app_for_app()
    {
        Assert.Equal(RunFiles.FromDaprYaml(), RunFiles.FromTyeYaml());
    }

    [Fact]
    public void Tye_projects_live_in_the_dapr_app_directories()
    {
        var daprApps = YamlDocuments.LoadOne(RepositoryPaths.Combine("dapr.yaml"))["apps"]!.AsArray()
            .ToDictionary(a => a!["appID"].Text(), a => Path.GetFullPath(RepositoryPaths.Combine(a!["appDirPath"].Text())));
        var tye = YamlDocuments.LoadOne(RepositoryPaths.Combine("tye.yaml"));

        foreach (var service in tye["services"]!.AsArray())
        {
            var project = Path.GetFullPath(RepositoryPaths.Combine(service!["project"].Text()));
            Assert.Equal(daprApps[service["name"].Text()], Path.GetDirectoryName(project));
            Assert.Matches(@"^FbaMesh\.[A-Za-z]+\.csproj$", Path.GetFileName(project));
        }
    }

    [Fact]
    public void Kubernetes_deployments_match_the_dapr_run_file()
    {
        var expected = RunFiles.FromDaprYaml().Select(a => (a.AppId, a.AppPort, a.Protocol, a.MetricsPort));

        var actual = RunFiles.Deployments()
            .Select(d =>
            {
                var annotations = RunFiles.Annotations(d);
                return (annotations["dapr.io/app-id"].Text(), annotations["dapr.io/app-port"].Text(),
                    annotations["dapr.io/app-protocol"].Text(), annotations["dapr.io/metrics-port"].Text());
            })
            .OrderBy(a => a.Item1, StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Kubernetes_containers_and_services_listen_on_the_app_port()
    {
        var services = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Service")
            .ToDictionary(s => s["metadata"]!["name"].Text());
        Assert.NotEmpty(services);

        foreach (var app in RunFiles.FromDaprYaml())
        {
            var deployment = RunFiles.Deployments().Single(d => RunFiles.Annotations(d)["dapr.io/app-id"].Text() == app.AppId);
            var container = RunFiles.Container(deployment);
            Assert.Equal(app.AppPort, container["ports"]![0]!["containerPort"].Text());
            Assert.Contains(container["env"]!.AsArray(), e => e!["name"].Text() == "ASPNETCORE_HTTP_PORTS" && e["value"].Text() == app.AppPort);
            if (services.TryGetValue(app.AppId, out var service))
            {
                Assert.Equal(app.AppPort, service["spec"]!["ports"]![0]!["port"].Text());
            }
        }
    }

    [Fact]
    public void Every_app_names_a_configuration_that_exists_locally_and_on_kubernetes()
    {
        var local = YamlDocuments.LoadKind(RepositoryPaths.Combine("components"), "Configuration")
            .Select(c => c["metadata"]!["name"].Text()).ToHashSet();
        var cluster = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Configuration")
            .Select(c => c["metadata"]!["name"].Text()).ToHashSet();

        foreach (var deployment in RunFiles.Deployments())
        {
            var config = RunFiles.Annotations(deployment)["dapr.io/config"].Text();
            Assert.Contains(config, cluster);
            Assert.Contains(config, local);
        }
    }
}
