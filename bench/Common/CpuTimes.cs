using System.Globalization;

namespace FbaMesh.Bench.Common;

/// <summary>The whole machine's CPU time so far, in clock ticks, as the first line of /proc/stat counts it.</summary>
public readonly record struct CpuTimes(long Busy, long Idle)
{
    /// <summary>Now, or null where there is no /proc/stat (not Linux).</summary>
    public static CpuTimes? Read()
    {
        try
        {
            return Parse(File.ReadLines("/proc/stat").First());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>"cpu user nice system idle iowait irq softirq steal …": waiting for I/O counts as idle.</summary>
    public static CpuTimes Parse(string cpuLine)
    {
        var f = cpuLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 9 || f[0] != "cpu")
        {
            throw new FormatException($"Not the machine's cpu line of /proc/stat: '{cpuLine}'.");
        }

        long At(int i) => long.Parse(f[i], NumberStyles.None, CultureInfo.InvariantCulture);
        return new CpuTimes(At(1) + At(2) + At(3) + At(6) + At(7) + At(8), At(4) + At(5));
    }

    /// <summary>The share of the CPU time between <paramref name="earlier"/> and this that was idle (1 when none passed).</summary>
    public double IdleShareSince(CpuTimes earlier)
    {
        var busy = Busy - earlier.Busy;
        var idle = Idle - earlier.Idle;
        return busy + idle <= 0 ? 1 : (double)idle / (busy + idle);
    }
}
