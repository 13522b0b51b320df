using System.Globalization;

namespace FbaMesh.DevMesh.Tests;

/// <summary>Linux /proc: who descends from whom, and whether a process still lives (a zombie does not).</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = stat.Parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    public static bool IsAlive(int pid) => Stat(pid) is { State: not 'Z' and not 'X' };

    public static string CommandName(int pid) => Stat(pid)?.Name ?? "";

    private static (string Name, char State, int Parent)? Stat(int pid)
    {
        try
        {
            // pid (comm) state ppid ...; comm may hold spaces, so split after the last ')'.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            var name = text[(text.IndexOf('(') + 1)..close];
            var rest = text[(close + 2)..].Split(' ');
            return (name, rest[0][0], int.Parse(rest[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
