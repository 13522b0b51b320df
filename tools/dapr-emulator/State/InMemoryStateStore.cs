using System.Globalization;

namespace FbaMesh.DaprEmulator.State;

/// <summary>A stored value with its ETag (a decimal string, as Dapr's stores hand them out).</summary>
internal sealed record StoredItem(byte[] Value, string ETag, string? ContentType);

/// <summary>One write or delete of a transaction or a single call; keys are already prefixed.</summary>
internal sealed record StateWrite(string Key, byte[]? Value, string? ETag, bool FirstWrite, string? ContentType, bool LastWrite = false)
{
    public bool IsDelete => Value is null;
}

/// <summary>
/// state.in-memory shared by every sidecar of the emulator process (keys carry the app-id prefix, so
/// apps stay apart). All writes of one call apply atomically or not at all.
/// </summary>
internal sealed class InMemoryStateStore(string name) : IStateStore
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

    /// <summary>Every key with its value as UTF-8 text, for inspection.</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        lock (items)
        {
            return items.ToDictionary(i => i.Key, i => System.Text.Encoding.UTF8.GetString(i.Value.Value), StringComparer.Ordinal);
        }
    }

    public void Save(IReadOnlyList<StateWrite> writes) => Apply(writes);

    public void Transact(IReadOnlyList<StateWrite> writes) => Apply(writes);

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

    /// <summary>The checks and messages of components-contrib's state.in-memory (doValidateEtag).</summary>
    private void Check(StateWrite write)
    {
        var existing = items.GetValueOrDefault(write.Key);
        if (string.IsNullOrEmpty(write.ETag))
        {
            // first-write without an ETag may only create the key (and may not delete an existing one).
            if (write.FirstWrite && existing is not null)
            {
                throw new ETagMismatchException("item already exists and no etag was passed");
            }

            return;
        }

        if (existing is null)
        {
            throw new ETagMismatchException($"state not exist or expired for key={write.Key}");
        }

        if (!string.Equals(existing.ETag, write.ETag, StringComparison.Ordinal))
        {
            throw new ETagMismatchException($"state etag not match for key={write.Key}: current={existing.ETag}, expect={write.ETag}");
        }
    }
}

/// <summary>Dapr's ETagError of kind mismatch: "possible etag mismatch. error from state store: {reason}".</summary>
internal sealed class ETagMismatchException(string reason) : Exception("possible etag mismatch. error from state store: " + reason);
