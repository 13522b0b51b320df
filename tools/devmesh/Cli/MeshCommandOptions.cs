using System.CommandLine;
using FbaMesh.DevMesh.Hosting;

namespace FbaMesh.DevMesh.Cli;

/// <summary>Options shared by the commands; credentials are never among them (they live in the secrets file).</summary>
internal sealed class MeshCommandOptions
{
    private readonly Option<bool> freePorts = new("--free-ports") { Description = "Use fresh loopback ports instead of those in dapr.yaml (parallel meshes, tests)." };
    private readonly Option<string> crystallize = new("--crystallize") { Description = "emulator (default) or real: a real Crystallize tenant, credentials from the secrets file.", DefaultValueFactory = _ => "emulator" };
    private readonly Option<string> spApi = new("--sp-api") { Description = "emulator (default) or sandbox: Amazon's SP-API sandbox, credentials from the secrets file.", DefaultValueFactory = _ => "emulator" };
    private readonly Option<FileInfo?> secretsFile = new("--secrets-file") { Description = "Secrets JSON (default components/secrets.dev.json, or components/secrets.local.json with a real upstream)." };
    private readonly Option<Uri?> publicUrl = new("--public-url") { Description = "Public base URL that a real Crystallize calls (a tunnel), for the webhook signature." };
    private readonly Option<DirectoryInfo?> repository = new("--repository") { Description = "The FbaMesh checkout (default: found above the working directory)." };
    private readonly Option<FileInfo?> endpointsFile = new("--endpoints-file") { Description = "Where the endpoints JSON goes (default .devmesh/endpoints.json)." };
    private readonly Option<bool> durable = new("--durable") { Description = "Pub/sub and state in a local redis-server (components/durable; data in .devmesh/redis) instead of memory: a crash of the whole mesh loses nothing." };
    private readonly Option<string?> redisHost = new("--redis-host") { Description = "With --durable: use this running Redis (host:port) instead of starting redis-server." };
    private readonly Option<string?> crystallizeUrl = new("--crystallize-url") { Description = "Use a Crystallize emulator that already runs: its order API URL (with --sp-api-url and --sp-api-token-url)." };
    private readonly Option<string?> spApiUrl = new("--sp-api-url") { Description = "Use an SP-API emulator that already runs: its base address." };
    private readonly Option<string?> spApiTokenUrl = new("--sp-api-token-url") { Description = "The LWA token endpoint of the running SP-API emulator." };
    private readonly Option<string[]> replicas = new("--replicas") { Description = "app-id=N (repeatable): N processes of the app, each with its own sidecar; devmesh kill|restart app-id#N names one." };
    private readonly Option<DirectoryInfo?> logDirectory = new("--log-directory") { Description = "Where service output goes (default .devmesh/logs)." };

    public MeshCommandOptions()
    {
        crystallize.AcceptOnlyFromAmong("emulator", "real");
        spApi.AcceptOnlyFromAmong("emulator", "sandbox");
        replicas.Validators.Add(result =>
        {
            if (!ReplicaCounts.TryParse(result.Tokens.Select(t => t.Value), out _, out var error))
            {
                result.AddError(error!);
            }
        });
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { freePorts, crystallize, spApi, secretsFile, publicUrl, repository, endpointsFile, logDirectory, durable, redisHost, crystallizeUrl, spApiUrl, spApiTokenUrl, replicas })
        {
            command.Options.Add(option);
        }
    }

    private RunningUpstreams? Running(ParseResult parse)
    {
        var (order, spApi, token) = (parse.GetValue(crystallizeUrl), parse.GetValue(spApiUrl), parse.GetValue(spApiTokenUrl));
        if (order is null && spApi is null && token is null)
        {
            return null;
        }

        return order is not null && spApi is not null && token is not null
            ? new RunningUpstreams(Absolute(order, "--crystallize-url"), Absolute(spApi, "--sp-api-url"), Absolute(token, "--sp-api-token-url"))
            : throw new ArgumentException("--crystallize-url, --sp-api-url and --sp-api-token-url go together.");
    }

    private static Uri Absolute(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ArgumentException($"{option} must be an absolute http(s) URL, not '{text}'.");

    public MeshCommandSettings Read(ParseResult parse)
    {
        var root = parse.GetValue(repository)?.FullName ?? RepositoryLocator.Find();
        var mesh = new MeshOptions
        {
            RepositoryRoot = root,
            UseFreePorts = parse.GetValue(freePorts),
            UseCrystallizeEmulator = parse.GetValue(crystallize) != "real",
            UseSpApiEmulator = parse.GetValue(spApi) != "sandbox",
            SecretsFile = parse.GetValue(secretsFile)?.FullName,
            PublicBaseUrl = parse.GetValue(publicUrl),
            LogDirectory = parse.GetValue(logDirectory)?.FullName,
            Durable = parse.GetValue(durable) || parse.GetValue(redisHost) is not null,
            RedisHost = parse.GetValue(redisHost),
            RunningUpstreams = Running(parse),
            Replicas = ReplicaCounts.Parse(parse.GetValue(replicas)),
        };
        var endpoints = parse.GetValue(endpointsFile)?.FullName ?? Path.Combine(root, ".devmesh", "endpoints.json");
        return new MeshCommandSettings(mesh, endpoints);
    }
}

internal sealed record MeshCommandSettings(MeshOptions Mesh, string EndpointsFile);
