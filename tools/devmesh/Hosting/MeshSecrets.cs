using System.Text.Json.Nodes;
using FbaMesh.DevMesh.Processes;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// The values of the local secrets file the sidecars serve (DESIGN §4). The emulators are configured
/// from the same file, so what the services read and what the emulators expect always agree.
/// Values are only handed to emulator options; none is ever written to a log or the console.
/// </summary>
internal sealed class MeshSecrets(JsonObject root, string path)
{
    public string Path => path;

    public static MeshSecrets Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new MeshStartException(
                $"Secrets file {path} does not exist. With a real upstream, copy components/secrets.dev.json to " +
                "components/secrets.local.json (git-ignored) and put the real credentials there.");
        }

        return JsonNode.Parse(File.ReadAllText(path)) is JsonObject root
            ? new MeshSecrets(root, path)
            : throw new MeshStartException($"Secrets file {path} is not a JSON object.");
    }

    /// <summary>A value such as ("crystallize-webhook", "signatureSecret"); a missing one is a clear start error.</summary>
    public string Get(string secret, string key) =>
        root[secret]?[key]?.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw new MeshStartException($"Secrets file {path} has no value for {secret}:{key}.");

    public string? Find(string secret, string key) => root[secret]?[key]?.GetValue<string>();
}
