namespace FbaMesh.Bench.Common;

/// <summary>Where a scenario reports how far it got: a live Spectre display on the console, nothing in tests.</summary>
public interface IBenchProgress
{
    IProgressTrack Track(string description, double total);

    /// <summary>A line worth keeping (a kill, a restart, a round's figure).</summary>
    void Note(string text);
}

public interface IProgressTrack
{
    void Set(double value, string? description = null);
}

/// <summary>For tests and --quiet: progress goes nowhere.</summary>
public sealed class SilentProgress : IBenchProgress, IProgressTrack
{
    public static SilentProgress Instance { get; } = new();

    public IProgressTrack Track(string description, double total) => this;

    public void Note(string text)
    {
    }

    public void Set(double value, string? description = null)
    {
    }
}
