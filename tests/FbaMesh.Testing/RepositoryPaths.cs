namespace FbaMesh.Testing;

/// <summary>Finds files of the repository from a test's output folder (the folder holding FbaMesh.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FbaMesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"FbaMesh.sln not found above {AppContext.BaseDirectory}.");
    }
}
