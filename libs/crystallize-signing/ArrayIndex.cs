namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// ECMAScript's array index: a canonical non-negative integer below 2^32 − 1 ("0", "17", not "017",
/// "-1" or "4294967295"). Such keys are enumerated first, in numeric order, by every JavaScript engine.
/// </summary>
internal static class ArrayIndex
{
    public const long None = -1;
    private const long Limit = uint.MaxValue; // 2^32 − 1 itself is not an index.

    /// <param name="key">The key as written in the output (an index key needs no escaping there).</param>
    public static long Parse(ReadOnlySpan<byte> key)
    {
        if (key.Length is 0 or > 10 || (key[0] == '0' && key.Length > 1))
        {
            return None;
        }

        long value = 0;
        foreach (var c in key)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return None;
            }

            value = (value * 10) + (c - '0');
        }

        return value < Limit ? value : None;
    }
}
