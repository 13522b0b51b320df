using System.Runtime.InteropServices;

namespace FbaMesh.Bench.Common;

/// <summary>Where and when figures were taken: they only mean something next to the machine's load.</summary>
public sealed record RunInfo(DateTimeOffset StartedAt, int ProcessorCount, string LoadAverage, string Os, string Runtime, string Configuration)
{
    public static RunInfo Now() => new(
        DateTimeOffset.UtcNow,
        Environment.ProcessorCount,
        LoadAverageNow(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
#if DEBUG
        "Debug");
#else
        "Release");
#endif

    /// <summary>The 1, 5 and 15 minute load averages of /proc/loadavg, or "n/a" off Linux.</summary>
    public static string LoadAverageNow()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
