using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

/// <summary>The emulator as devmesh and a developer start it: a process with command-line options.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task The_process_serves_the_sample_fixtures_with_the_secrets_files_token()
    {
        var port = FreeTcpPort.Next();
        var secrets = Path.GetTempFileName();
        await File.WriteAllTextAsync(secrets, """{"crystallize-api":{"tenantIdentifier":"shop","accessTokenId":"proc-id","accessTokenSecret":"proc-secret"},"crystallize-webhook":{"signatureSecret":"proc-signature-secret-01234"}}""");
        var start = new ProcessStartInfo("dotnet", ["FbaMesh.CrystallizeEmulator.dll", "--urls", $"http://127.0.0.1:{port}", "--secrets-file", secrets])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => errors.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        try
        {
            await Eventually.UntilAsync(async () => process.HasExited || await IsHealthyAsync(http), "the emulator process to listen");
            Assert.False(process.HasExited, $"The emulator exited: {string.Join('\n', errors)}");

            using var request = new HttpRequestMessage(HttpMethod.Post, "shop/orders")
            {
                Content = JsonContent.Create(new { query = "query Q($id: ID!) { order { get(id: $id) { id } } }", variables = new { id = "6724c1a95e1d4b0012a3f101" } }),
            };
            request.Headers.Add("X-Crystallize-Access-Token-Id", "proc-id");
            request.Headers.Add("X-Crystallize-Access-Token-Secret", "proc-secret");
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"data":{"order":{"get":{"id":"6724c1a95e1d4b0012a3f101"}}}}""", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            File.Delete(secrets);
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("healthz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
