using FbaMesh.DaprEmulator;
using FbaMesh.DevMesh.Hosting;
using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

/// <summary>What each service is told at start: its ports, its sidecar, its tokens and where its upstream is.</summary>
public sealed class ServiceEnvironmentTests
{
    private static readonly UpstreamUrls Emulators = new(
        new Uri("http://127.0.0.1:5400/fbamesh-dev/orders"), new Uri("http://127.0.0.1:5500/"), new Uri("http://127.0.0.1:5500/auth/o2/token"));

    private static readonly UpstreamUrls RealUpstreams = new(null, null, null);

    private static IReadOnlyDictionary<string, string?> EnvironmentOf(string appId, UpstreamUrls upstreams, MeshOptions? options = null)
    {
        options ??= new MeshOptions { RepositoryRoot = RepositoryPaths.Root };
        var sidecar = DaprEmulatorHost.ReadRunFile(RepositoryPaths.Combine("dapr.yaml")).Single(s => s.AppId == appId)
            with { DaprApiToken = "dapr-token", AppApiToken = "app-token" };
        return ServiceEnvironment.Define(sidecar, options, upstreams).Environment;
    }

    [Fact]
    public void A_service_listens_on_its_app_port_and_finds_its_own_sidecar()
    {
        var env = EnvironmentOf("webhook-gateway", Emulators);

        Assert.Equal("http://127.0.0.1:5100", env["ASPNETCORE_URLS"]);
        Assert.Equal("http://127.0.0.1:3500", env["DAPR_HTTP_ENDPOINT"]);
        Assert.Equal("http://127.0.0.1:50001", env["DAPR_GRPC_ENDPOINT"]);
        Assert.Equal("dapr-token", env["DAPR_API_TOKEN"]);
        Assert.Equal("app-token", env["APP_API_TOKEN"]);
        Assert.Null(env["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void With_emulators_the_enricher_and_submitter_are_pointed_at_them_and_the_sample_mapping_applies()
    {
        var enricher = EnvironmentOf("order-enricher", Emulators);
        var submitter = EnvironmentOf("fba-submitter", Emulators);

        Assert.Equal("http://127.0.0.1:5400/fbamesh-dev/orders", enricher["Crystallize__OrderApiUrl"]);
        Assert.Equal("http://127.0.0.1:5400/@{tenantIdentifier}", enricher["CrystallizeCoreApi__Url"]);
        Assert.Equal("A1F83G8C2ARO7P", enricher["Fulfillment__MarketplaceByCountry__GB"]);
        // The sample configuration's stage commands: (fba, cancel) cancels, (fba, release) releases.
        Assert.Equal(("fba", "cancel", "Cancel"), (enricher["Commands__Stages__0__PipelineId"], enricher["Commands__Stages__0__StageId"], enricher["Commands__Stages__0__Command"]));
        Assert.Equal(("fba", "release", "Release"), (enricher["Commands__Stages__1__PipelineId"], enricher["Commands__Stages__1__StageId"], enricher["Commands__Stages__1__Command"]));
        Assert.Equal("http://127.0.0.1:5500/", submitter["SpApi__EndpointOverride"]);
        Assert.Equal("http://127.0.0.1:5500/auth/o2/token", submitter["SpApi__TokenEndpointOverride"]);
    }

    [Fact]
    public void Real_upstreams_mean_crystallize_itself_and_only_ever_amazons_sandbox()
    {
        var enricher = EnvironmentOf("order-enricher", RealUpstreams);
        var submitter = EnvironmentOf("fba-submitter", RealUpstreams);

        // The enricher's Development settings point at the local emulator; a real tenant needs the real API.
        Assert.Equal(ServiceEnvironment.RealCrystallizeOrderApi, enricher["Crystallize__OrderApiUrl"]);
        Assert.Equal(ServiceEnvironment.RealCrystallizeCoreApi, enricher["CrystallizeCoreApi__Url"]);
        Assert.False(enricher.ContainsKey("Fulfillment__MarketplaceByCountry__GB"));
        Assert.Equal("true", submitter["SpApi__Sandbox"]);
        Assert.False(submitter.ContainsKey("SpApi__EndpointOverride"));
    }

    [Fact]
    public void App_environment_from_the_options_is_applied_last()
    {
        var options = new MeshOptions { RepositoryRoot = RepositoryPaths.Root };
        options.AppEnvironment["order-enricher"] = new Dictionary<string, string> { ["Fulfillment__NotifyCustomer"] = "false" };

        var env = EnvironmentOf("order-enricher", Emulators, options);

        Assert.Equal("false", env["Fulfillment__NotifyCustomer"]);
    }
}
