using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FbaMesh.Bench.Ingest;

/// <summary>
/// The ingest baseline: bare Kestrel in this process on the gateway's path that reads the whole body
/// and answers 202. What is left of the gateway's time above it is verification, parsing and publish.
/// </summary>
public static class BaselineEndpoint
{
    public static async Task<(WebApplication App, Uri Url)> StartAsync(string path)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost(path, async (HttpContext http) =>
        {
            var buffer = new byte[16 * 1024];
            while (await http.Request.Body.ReadAsync(buffer, http.RequestAborted) > 0)
            {
            }

            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.StartAsync();
        return (app, new Uri(new Uri(app.Urls.First()), path));
    }
}
