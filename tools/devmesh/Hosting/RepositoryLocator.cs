namespace FbaMesh.DevMesh.Hosting;

/// <summary>Finds the checkout: the nearest folder with FbaMesh.sln and dapr.yaml above the working directory.</summary>
internal static class RepositoryLocator
{
    public static string Find() =>
        FindAbove(Directory.GetCurrentDirectory())
        ?? FindAbove(AppContext.BaseDirectory)
        ?? (BuildInfo.RepositoryRoot is { } baked && IsRoot(baked) ? baked : null)
        ?? throw new DirectoryNotFoundException(
            "No FbaMesh checkout (FbaMesh.sln and dapr.yaml) above the working directory; run devmesh inside the repository or pass --repository.");

    public static bool IsRoot(string folder) =>
        File.Exists(Path.Combine(folder, "FbaMesh.sln")) && File.Exists(Path.Combine(folder, "dapr.yaml"));

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (IsRoot(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
