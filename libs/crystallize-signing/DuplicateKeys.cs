using System.Buffers;
using System.Numerics;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// Finds repeated keys in one object by their written (escaped) form, which is unique per key
/// string. Small objects compare pairwise; large ones use a seeded hash table so a hostile body
/// with many keys stays linear.
/// </summary>
internal static class DuplicateKeys
{
    private const int PairwiseLimit = 8;

    /// <summary>Fills firstOf[i] with the position of the first member carrying member i's key.</summary>
    /// <returns>Whether any key repeats.</returns>
    public static bool FindFirstOccurrences(ReadOnlySpan<Member> members, ReadOnlySpan<byte> output, Span<int> firstOf)
    {
        return members.Length <= PairwiseLimit ? Pairwise(members, output, firstOf) : Hashed(members, output, firstOf);
    }

    private static bool Pairwise(ReadOnlySpan<Member> members, ReadOnlySpan<byte> output, Span<int> firstOf)
    {
        var repeated = false;
        for (var i = 0; i < members.Length; i++)
        {
            firstOf[i] = i;
            var key = KeyOf(members[i], output);
            for (var j = 0; j < i; j++)
            {
                if (firstOf[j] == j && key.SequenceEqual(KeyOf(members[j], output)))
                {
                    firstOf[i] = j;
                    repeated = true;
                    break;
                }
            }
        }

        return repeated;
    }

    private static bool Hashed(ReadOnlySpan<Member> members, ReadOnlySpan<byte> output, Span<int> firstOf)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)members.Length * 2);
        var slots = ArrayPool<int>.Shared.Rent(size);
        var table = slots.AsSpan(0, size);
        table.Clear();
        var repeated = false;
        try
        {
            for (var i = 0; i < members.Length; i++)
            {
                var key = KeyOf(members[i], output);
                var hash = new HashCode();
                hash.AddBytes(key);
                var slot = hash.ToHashCode() & (size - 1);
                firstOf[i] = i;
                while (table[slot] != 0)
                {
                    var other = table[slot] - 1;
                    if (key.SequenceEqual(KeyOf(members[other], output)))
                    {
                        firstOf[i] = other;
                        repeated = true;
                        break;
                    }

                    slot = (slot + 1) & (size - 1);
                }

                if (firstOf[i] == i)
                {
                    table[slot] = i + 1;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slots);
        }

        return repeated;
    }

    private static ReadOnlySpan<byte> KeyOf(Member member, ReadOnlySpan<byte> output) =>
        output[member.KeyStart..member.KeyEnd];
}
