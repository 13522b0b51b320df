namespace FbaMesh.Crystallize.CoreApi;

/// <summary>The meta to send so that the given keys hold the given values and every other key is kept.</summary>
public static class MetaMerge
{
    /// <summary>The whole merged meta, or null when every key already holds its value (nothing to write).</summary>
    public static IReadOnlyList<MetaEntry>? Merge(IReadOnlyList<MetaEntry> current, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(values);
        var merged = new List<MetaEntry>(current.Count + values.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var entry in current)
        {
            // A key repeated in the stored meta is sent once: the Core API refuses repeated keys.
            if (!seen.Add(entry.Key))
            {
                changed |= values.ContainsKey(entry.Key);
                continue;
            }

            if (values.TryGetValue(entry.Key, out var value))
            {
                changed |= !string.Equals(entry.Value, value, StringComparison.Ordinal);
                merged.Add(new MetaEntry(entry.Key, value));
            }
            else
            {
                merged.Add(entry);
            }
        }

        foreach (var (key, value) in values)
        {
            if (seen.Add(key))
            {
                changed = true;
                merged.Add(new MetaEntry(key, value));
            }
        }

        return changed ? merged : null;
    }
}
