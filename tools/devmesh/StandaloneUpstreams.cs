using FbaMesh.CrystallizeEmulator;
using FbaMesh.DevMesh.Hosting;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.DevMesh;

/// <summary>
/// The Crystallize and SP-API emulators on their own, configured from the mesh's secrets file as devmesh
/// configures them, for a devmesh process started with <see cref="DevMeshArguments"/>: they outlive any
/// number of crashes of that mesh, so what Amazon received can be counted across them.
/// </summary>
public sealed class StandaloneUpstreams : IAsyncDisposable
{
    private StandaloneUpstreams(CrystallizeEmulatorApp crystallize, SpApiEmulatorApp spApi) => (Crystallize, SpApi) = (crystallize, spApi);

    public CrystallizeEmulatorApp Crystallize { get; }

    public SpApiEmulatorApp SpApi { get; }

    public RunningUpstreams Urls => new(Crystallize.OrderApiUrl, SpApi.BaseAddress, SpApi.TokenEndpoint, Crystallize.BaseAddress);

    /// <summary>The devmesh options that point a mesh at these emulators.</summary>
    public IReadOnlyList<string> DevMeshArguments =>
        ["--crystallize-url", Urls.CrystallizeOrderApi.ToString(), "--sp-api-url", Urls.SpApi.ToString(), "--sp-api-token-url", Urls.SpApiTokenEndpoint.ToString()];

    public static async Task<StandaloneUpstreams> StartAsync(MeshOptions options)
    {
        var secrets = MeshSecrets.Load(options.ResolvedSecretsFile);
        var ports = new PortPlan(fresh: true);
        var crystallize = await UpstreamEmulators.StartCrystallizeAsync(options, secrets, ports);
        try
        {
            return new StandaloneUpstreams(crystallize, await UpstreamEmulators.StartSpApiAsync(options, secrets, ports));
        }
        catch
        {
            await crystallize.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await SpApi.DisposeAsync();
        await Crystallize.DisposeAsync();
    }
}
