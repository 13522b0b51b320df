using System.CommandLine;
using System.Net.Http.Json;

namespace FbaMesh.DevMesh.Cli;

/// <summary>`devmesh restart|kill &lt;app-id&gt;[#N]`: asks the running devmesh through its control endpoint.</summary>
internal static class ControlCommand
{
    public static Command Create(string verb, string description, MeshCommandOptions options)
    {
        var appId = new Argument<string>("app-id") { Description = "webhook-gateway, order-enricher or fba-submitter; app-id#N names one replica (--replicas)." };
        var command = new Command(verb, description);
        options.AddTo(command);
        command.Arguments.Add(appId);
        command.SetAction((parse, ct) => SendAsync(verb, parse.GetValue(appId)!, options.Read(parse), ct));
        return command;
    }

    private static async Task<int> SendAsync(string verb, string appId, MeshCommandSettings settings, CancellationToken ct)
    {
        if (!File.Exists(settings.EndpointsFile))
        {
            await Console.Error.WriteLineAsync($"No running devmesh: {settings.EndpointsFile} does not exist.");
            return 2;
        }

        var endpoints = MeshEndpoints.FromJson(await File.ReadAllTextAsync(settings.EndpointsFile, ct));
        if (endpoints.ControlUrl is null || endpoints.ControlToken is null)
        {
            await Console.Error.WriteLineAsync($"{settings.EndpointsFile} names no control endpoint.");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = endpoints.ControlUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add(ControlEndpoint.TokenHeader, endpoints.ControlToken);
        try
        {
            using var response = await http.PostAsync(new Uri($"/apps/{Uri.EscapeDataString(appId)}/{verb}", UriKind.Relative), null, ct);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"{verb} {appId} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
                return 1;
            }

            var service = await response.Content.ReadFromJsonAsync<ServiceEndpoints>(MeshEndpoints.Json, ct);
            Console.WriteLine(verb == "kill" ? $"{appId} killed." : $"{appId} restarted (pid {service?.ProcessId}), ready at {service?.ReadyUrl}.");
            return 0;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"devmesh at {endpoints.ControlUrl} does not answer ({ex.Message}); is it still running?");
            return 2;
        }
    }
}
