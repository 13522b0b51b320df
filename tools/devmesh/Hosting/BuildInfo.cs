using System.Reflection;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>Facts baked in at build time (AssemblyMetadata in the csproj).</summary>
internal static class BuildInfo
{
    /// <summary>Debug or Release: the services devmesh starts come from the same configuration's output.</summary>
    public static string Configuration { get; } = Read("BuildConfiguration") ?? "Debug";

    /// <summary>The checkout devmesh was built in; a fallback when started from outside it.</summary>
    public static string? RepositoryRoot { get; } = Read("RepositoryRoot");

    private static string? Read(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
