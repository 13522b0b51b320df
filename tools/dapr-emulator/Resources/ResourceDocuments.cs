namespace FbaMesh.DaprEmulator.Resources;

/// <summary>The YAML shape shared by every Dapr resource file (Component, Resiliency, Configuration, Subscription).</summary>
internal sealed class ResourceDocument
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ResourceMetadata Metadata { get; set; } = new();

    public Dictionary<string, object?>? Spec { get; set; }

    public List<string>? Scopes { get; set; }
}

internal sealed class ResourceMetadata
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }
}

/// <summary>A Component as the emulator uses it: its name, type and metadata values.</summary>
internal sealed record ComponentSpec(string Name, string Type, string Version, IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<string> Scopes, string SourceFile)
{
    /// <summary>Dapr's scopes: a component with scopes is invisible to every app not listed.</summary>
    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);

    public string Category => Type.Split('.')[0];

    public string? Value(string name) =>
        Metadata.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
