namespace FbaMesh.Testing;

/// <summary>
/// The repository's pub/sub, state and secret components, copied into a fresh temporary folder beside a
/// test's own resiliency policy, so a test mesh runs the real components on its own redelivery timescale.
/// </summary>
public static class TestComponents
{
    private static readonly string[] Copied = ["pubsub.yaml", "statestore.yaml", "secretstore.yaml"];

    /// <returns>The folder to hand to the emulated sidecar as its resources path.</returns>
    public static string Create(string testArea, string resiliencyYaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), testArea, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var name in Copied)
        {
            File.Copy(RepositoryPaths.Combine("components", name), Path.Combine(folder, name));
        }

        File.WriteAllText(Path.Combine(folder, "resiliency.yaml"), resiliencyYaml);
        return folder;
    }

    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
