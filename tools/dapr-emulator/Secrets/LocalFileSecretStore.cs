using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.DaprEmulator.Resources;

namespace FbaMesh.DaprEmulator.Secrets;

/// <summary>
/// secretstores.local.file: a JSON file flattened with nestedSeparator (default ":"). With multiValued
/// false every flattened key is a secret holding one value under its own name; with multiValued true each
/// top-level key is a secret whose (flattened) children are its values. The file is read per call, as
/// a developer may edit it while the mesh runs. Overlay secrets are served as if the file held them (over
/// a secret of the same name), without ever being written anywhere.
/// </summary>
internal sealed class LocalFileSecretStore(string name, string file, string separator, bool multiValued, IReadOnlyList<SecretOverlay> overlays)
{
    public string Name { get; } = name;

    public static LocalFileSecretStore From(ComponentSpec component, SidecarOptions sidecar)
    {
        var file = component.Value("secretsFile")
            ?? throw new InvalidDataException($"{component.SourceFile}: secret store '{component.Name}' needs metadata secretsFile.");
        var separator = component.Value("nestedSeparator") is { Length: > 0 } s ? s : ":";
        var multi = component.Value("multiValued") is { } m && bool.TryParse(m, out var b) && b;
        var overlays = sidecar.SecretOverlays.Where(o => o.StoreName == component.Name).ToList();
        return new LocalFileSecretStore(component.Name, sidecar.ResolvePath(file), separator, multi, overlays);
    }

    /// <summary>The values of one secret, or null when the store has no such secret.</summary>
    public IReadOnlyDictionary<string, string>? Get(string key)
    {
        var secrets = ReadAll();
        return secrets.TryGetValue(key, out var values) ? values : null;
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ReadAll()
    {
        using var document = overlays.Count == 0 ? JsonDocument.Parse(File.ReadAllBytes(file)) : WithOverlays(File.ReadAllBytes(file));
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (multiValued && document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var secret in document.RootElement.EnumerateObject())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                if (secret.Value.ValueKind == JsonValueKind.Object)
                {
                    Flatten(secret.Value, "", values);
                }
                else if (secret.Value.ValueKind == JsonValueKind.String)
                {
                    values[secret.Name] = secret.Value.GetString()!;
                }
                else
                {
                    // As components-contrib: with multiValued, only top-level strings and objects are secrets.
                    continue;
                }

                result[secret.Name] = values;
            }

            return result;
        }

        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(document.RootElement, "", flat);
        foreach (var (key, value) in flat)
        {
            result[key] = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value };
        }

        return result;
    }

    private JsonDocument WithOverlays(byte[] json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("the secrets file is not a JSON object");
        foreach (var overlay in overlays)
        {
            root[overlay.SecretName] = new JsonObject(overlay.Values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(v.Value))));
        }

        return JsonSerializer.SerializeToDocument(root);
    }

    private void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + separator + p.Name, into);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + separator + i++, into);
                }

                break;
            default:
                into[prefix] = Scalar(element);
                break;
        }
    }

    private static string Scalar(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
}
