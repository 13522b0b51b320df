using System.Diagnostics;
using System.Net;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>The emulator as the local mesh and the bench run it: a process started from the command line.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task The_process_serves_the_token_endpoint_with_the_secrets_files_credentials()
    {
        var port = FreeTcpPort.Next();
        var secrets = RepositoryPaths.Combine("components", "secrets.dev.json");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "FbaMesh.SpApiEmulator.dll"), "--urls", $"http://127.0.0.1:{port}", "--secrets-file", secrets },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await Eventually.UntilAsync(
                async () =>
                {
                    try
                    {
                        return (await http.GetAsync("healthz")).IsSuccessStatusCode;
                    }
                    catch (HttpRequestException) when (!process.HasExited)
                    {
                        return false;
                    }
                },
                "the emulator process to listen");

            var token = await http.PostAsync("auth/o2/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = "dev-only-fake-refresh-token",
                ["client_id"] = "dev-only-fake-lwa-client-id",
                ["client_secret"] = "dev-only-fake-lwa-client-secret",
            }));

            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Port_zero_picks_a_free_port_and_reports_it()
    {
        await using var app = await SpApiEmulatorApp.StartAsync(new SpApiEmulatorOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.NotEqual(0, app.BaseAddress.Port);
        Assert.Equal(new Uri(app.BaseAddress, "auth/o2/token"), app.TokenEndpoint);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
    }
}
