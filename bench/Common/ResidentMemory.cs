using System.Globalization;

namespace FbaMesh.Bench.Common;

/// <summary>A process's resident memory from /proc/&lt;pid&gt;/status (Linux): now (VmRSS) and its peak (VmHWM).</summary>
public sealed record ResidentMemory(double RssMb, double PeakMb)
{
    public static ResidentMemory? Of(int? processId)
    {
        if (processId is not { } pid || !File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }

        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            return new ResidentMemory(Field(lines, "VmRSS:"), Field(lines, "VmHWM:"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    // "VmRSS:	  123456 kB"
    private static double Field(string[] lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        var kb = line is null ? 0 : double.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return Math.Round(kb / 1024, 1);
    }
}
