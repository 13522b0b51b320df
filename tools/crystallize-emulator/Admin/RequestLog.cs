using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Admin;

/// <summary>One Order API request as the emulator answered it.</summary>
public sealed record RecordedRequest(
    DateTimeOffset Time,
    string Path,
    string? OperationName,
    JsonObject? Variables,
    IReadOnlyList<string> OrderIds,
    int Status,
    IReadOnlyList<string> Errors)
{
    /// <summary>The W3C traceparent header the caller sent, if any.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>The most recent Order API requests, bounded so a long bench run cannot grow it without end.</summary>
public sealed class RequestLog(int capacity)
{
    private readonly Queue<RecordedRequest> entries = new();
    private long dropped;

    public long Dropped => Interlocked.Read(ref dropped);

    public void Add(RecordedRequest request)
    {
        lock (entries)
        {
            entries.Enqueue(request);
            while (entries.Count > Math.Max(1, capacity))
            {
                entries.Dequeue();
                dropped++;
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (entries)
        {
            return [.. entries];
        }
    }

    public void Clear()
    {
        lock (entries)
        {
            entries.Clear();
            dropped = 0;
        }
    }
}
