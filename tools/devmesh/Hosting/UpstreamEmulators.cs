using FbaMesh.CrystallizeEmulator;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// The Crystallize and SP-API emulators, configured with the credentials of the secrets file the
/// sidecars serve, so the services authenticate against them exactly as against the real ones.
/// </summary>
internal static class UpstreamEmulators
{
    public const int CrystallizePort = 5400;
    public const int SpApiPort = 5500;

    public static Task<CrystallizeEmulatorApp> StartCrystallizeAsync(MeshOptions options, MeshSecrets secrets, PortPlan ports)
    {
        var emulator = new CrystallizeEmulatorOptions
        {
            Port = ports.Pick(CrystallizePort),
            TenantIdentifier = secrets.Get("crystallize-api", "tenantIdentifier"),
            AccessTokenId = secrets.Get("crystallize-api", "accessTokenId"),
            AccessTokenSecret = secrets.Get("crystallize-api", "accessTokenSecret"),
            SignatureSecret = secrets.Get("crystallize-webhook", "signatureSecret"),
            FixturesPath = FixturesPath(options.RepositoryRoot),
        };
        options.ConfigureCrystallize?.Invoke(emulator);
        return CrystallizeEmulatorApp.StartAsync(emulator);
    }

    /// <param name="notifications">Where FULFILLMENT_ORDER_STATUS notifications go (the tracker's queue feed); null = off.</param>
    public static Task<SpApiEmulatorApp> StartSpApiAsync(MeshOptions options, MeshSecrets secrets, PortPlan ports, Uri? notifications = null)
    {
        var emulator = new SpApiEmulatorOptions
        {
            Port = ports.Pick(SpApiPort),
            LwaClientId = secrets.Get("sp-api", "lwaClientId"),
            LwaClientSecret = secrets.Get("sp-api", "lwaClientSecret"),
            RefreshTokens = [secrets.Get("sp-api", "refreshToken")],
        };
        emulator.Notifications.Url = notifications?.ToString();
        options.ConfigureSpApi?.Invoke(emulator);
        return SpApiEmulatorApp.StartAsync(emulator);
    }

    /// <summary>The sample orders and their expected outcomes (fixtures/expected.json).</summary>
    public static string FixturesPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "tools", "crystallize-emulator", "fixtures");
}
