using System.Globalization;

namespace FbaMesh.DaprEmulator.State;

/// <summary>A stored value with its ETag (a decimal string, as Dapr's stores hand them out).</summary>
internal sealed record StoredItem(byte[] Value, string ETag, string? ContentType);

/// <summary>One write or delete of a transaction or a single call; keys are already prefixed.</summary>
internal sealed record StateWrite(string Key, byte[]? Value, string? ETag, bool FirstWrite, string? ContentType)
{
    public bool IsDelete => Value is null;
}

/// <summary>
/// state.in-memory shared by every sidecar of the emulator process (keys carry the app-id prefix, so
/// apps stay apart). All writes of one call apply atomically or not at all.
/// </summary>
internal sealed class InMemoryStateStore(string name)
{
    private readonly Dictionary<string, StoredItem> items = new(StringComparer.Ordinal);
    private long version;

    public string Name { get; } = name;

    public StoredItem? Get(string key)
    {
        lock (items)
        {
            return items.GetValueOrDefault(key);
        }
    }

    /// <summary>Applies every write or none; the exception names the first key whose ETag did not match.</summary>
    public void Apply(IReadOnlyList<StateWrite> writes)
    {
        lock (items)
        {
            foreach (var write in writes)
            {
                Check(write);
            }

            foreach (var write in writes)
            {
                if (write.IsDelete)
                {
                    items.Remove(write.Key);
                }
                else
                {
                    var etag = (++version).ToString(CultureInfo.InvariantCulture);
                    items[write.Key] = new StoredItem(write.Value!, etag, write.ContentType);
                }
            }
        }
    }

    private void Check(StateWrite write)
    {
        var existing = items.GetValueOrDefault(write.Key);
        if (!string.IsNullOrEmpty(write.ETag))
        {
            if (existing is null || !string.Equals(existing.ETag, write.ETag, StringComparison.Ordinal))
            {
                throw new ETagMismatchException(write.Key);
            }
        }
        else if (write.FirstWrite && existing is not null && !write.IsDelete)
        {
            // first-write without an ETag may only create the key; an existing key needs its ETag.
            throw new ETagMismatchException(write.Key);
        }
    }
}

internal sealed class ETagMismatchException(string key) : Exception("possible etag mismatch. error from state store")
{
    public string Key { get; } = key;
}
