using FbaMesh.DaprEmulator;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// The environment each service gets: where it listens, where its sidecar is, its tokens, and where
/// its upstream is when an emulator stands in for it. MeshOptions.AppEnvironment is applied last.
/// </summary>
internal static class ServiceEnvironment
{
    /// <summary>
    /// Crystallize's order API. Set explicitly for a real tenant because the enricher's Development
    /// settings point at the local emulator (http://localhost:5400), and devmesh runs in Development.
    /// </summary>
    public const string RealCrystallizeOrderApi = "https://api.crystallize.com/{tenantIdentifier}/orders";

    /// <summary>Crystallize's Core API, which the tracker writes to; set explicitly for the same reason.</summary>
    public const string RealCrystallizeCoreApi = "https://api.crystallize.com/@{tenantIdentifier}";

    /// <summary>Inherited variables that would make a service listen somewhere else.</summary>
    private static readonly string[] Cleared = ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "DOTNET_HTTP_PORTS"];

    public static ServiceDefinition Define(SidecarOptions sidecar, MeshOptions options, UpstreamUrls upstreams)
    {
        var appPort = sidecar.AppPort ?? throw new ArgumentException("A service needs an app port.", nameof(sidecar));
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Cleared)
        {
            env[name] = null;
        }

        foreach (var (name, original) in options.ParentOnlyEnvironment)
        {
            env[name] = original;
        }

        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{appPort}";
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{sidecar.DaprHttpPort}";
        env["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{sidecar.DaprGrpcPort}";
        env["DAPR_HTTP_PORT"] = sidecar.DaprHttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["DAPR_GRPC_PORT"] = sidecar.DaprGrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["APP_ID"] = sidecar.AppId;
        env["DAPR_API_TOKEN"] = sidecar.DaprApiToken;
        env["APP_API_TOKEN"] = sidecar.AppApiToken;

        AddUpstreams(sidecar.AppId, env, options, upstreams);

        if (options.AppEnvironment.TryGetValue(sidecar.AppId, out var extra))
        {
            foreach (var (name, value) in extra)
            {
                env[name] = value;
            }
        }

        return new ServiceDefinition(
            sidecar.AppId, sidecar.AppProtocol, appPort, sidecar.DaprHttpPort, sidecar.DaprGrpcPort, sidecar.AppDirectory,
            ServiceDefinition.FindAssembly(sidecar.AppDirectory, options.BuildConfiguration), env);
    }

    private static void AddUpstreams(string appId, Dictionary<string, string?> env, MeshOptions options, UpstreamUrls upstreams)
    {
        switch (appId)
        {
            case "webhook-gateway" when options.PublicBaseUrl is { } publicUrl:
                env["Webhook__PublicBaseUrl"] = publicUrl.ToString();
                break;
            case "order-enricher" when upstreams.CrystallizeOrderApi is { } orderApi:
                env["Crystallize__OrderApiUrl"] = orderApi.ToString();
                // The shop's commands write meta (fba-cancel) and the sweep lists orders through the emulator's Core API.
                env["CrystallizeCoreApi__Url"] = orderApi.GetLeftPart(UriPartial.Authority) + "/@{tenantIdentifier}";
                foreach (var (name, value) in SampleMappingOptions.ToEnvironment(UpstreamEmulators.FixturesPath(options.RepositoryRoot)))
                {
                    env[name] = value;
                }

                break;
            case "order-enricher":
                env["Crystallize__OrderApiUrl"] = RealCrystallizeOrderApi;
                env["CrystallizeCoreApi__Url"] = RealCrystallizeCoreApi;
                break;
            case "fulfillment-tracker" when upstreams.CrystallizeBase is { } crystallize:
                env["CrystallizeCoreApi__Url"] = crystallize + "@{tenantIdentifier}";
                break;
            case "fulfillment-tracker":
                env["CrystallizeCoreApi__Url"] = RealCrystallizeCoreApi;
                break;
            case "fba-submitter" when upstreams.SpApi is { } spApi && upstreams.LwaTokenEndpoint is { } token:
                env["SpApi__EndpointOverride"] = spApi.ToString();
                env["SpApi__TokenEndpointOverride"] = token.ToString();
                break;
            case "fba-submitter":
                // The real upstream from devmesh is always Amazon's sandbox: a developer's mesh ships nothing.
                env["SpApi__Sandbox"] = "true";
                break;
        }
    }
}

/// <summary>Where the emulators listen; null for an upstream that is the real one.</summary>
internal sealed record UpstreamUrls(Uri? CrystallizeOrderApi, Uri? SpApi, Uri? LwaTokenEndpoint, Uri? CrystallizeBase = null);
