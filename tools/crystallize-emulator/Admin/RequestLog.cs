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
    private readonly Queue<RecordedRequest> _entries = new();
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(RecordedRequest request)
    {
        lock (_entries)
        {
            _entries.Enqueue(request);
            while (_entries.Count > Math.Max(1, capacity))
            {
                _entries.Dequeue();
                _dropped++;
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
            _dropped = 0;
        }
    }
}
