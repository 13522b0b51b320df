using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DevMesh.Cli;

/// <summary>
/// A loopback HTTP endpoint through which `devmesh restart|kill &lt;app-id&gt;` reaches a running
/// devmesh. Its port and a random token are in endpoints.json; calls without the token are refused.
/// </summary>
internal sealed class ControlEndpoint : IAsyncDisposable
{
    public const string TokenHeader = "X-DevMesh-Token";

    private readonly WebApplication app;

    private ControlEndpoint(WebApplication app, string token)
    {
        this.app = app;
        Token = token;
    }

    public string Token { get; }

    public Uri Url => new(app.Urls.First());

    /// <param name="changed">Called after every restart or kill (process ids changed).</param>
    public static async Task<ControlEndpoint> StartAsync(Mesh mesh, Func<Task> changed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var expected = Encoding.UTF8.GetBytes(token);

        app.Use(async (context, next) =>
        {
            var presented = Encoding.UTF8.GetBytes(context.Request.Headers[TokenHeader].ToString());
            if (!CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                await Results.Problem(statusCode: 401, title: $"Missing or wrong {TokenHeader}").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.MapPost("/apps/{appId}/restart", (string appId, CancellationToken ct) => Act(mesh, appId, () => mesh.RestartAsync(appId, ct), changed));
        app.MapPost("/apps/{appId}/kill", (string appId) => Act(mesh, appId, () => mesh.KillAsync(appId), changed));
        app.MapGet("/endpoints", () => Results.Json(mesh.Endpoints, MeshEndpoints.Json));

        await app.StartAsync();
        return new ControlEndpoint(app, token);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task<IResult> Act(Mesh mesh, string appId, Func<Task> action, Func<Task> changed)
    {
        if (mesh.ResolveInstance(appId) is not { } instance)
        {
            return Results.Problem(statusCode: 404, title: "Unknown app instance",
                detail: $"Instances: {string.Join(", ", mesh.Endpoints.Services.Keys)}.");
        }

        try
        {
            await action();
            await changed();
            return Results.Json(mesh.Endpoints.Services[instance], MeshEndpoints.Json);
        }
        catch (Processes.MeshStartException ex)
        {
            await changed();
            return Results.Problem(statusCode: 503, title: $"{appId} did not become ready", detail: ex.Message);
        }
    }
}
