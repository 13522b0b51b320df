using System.Buffers;

namespace FbaMesh.Crystallize.Signing;

/// <summary>Rewrites one already written object in JavaScript's property order.</summary>
internal static class PropertyOrder
{
    public static void Rewrite(ReadOnlySpan<Member> members, ReadOnlySpan<int> firstOf, int objectStart, PooledBuffer output)
    {
        var n = members.Length;
        var pool = ArrayPool<int>.Shared;
        var lastOf = pool.Rent(n);
        var order = pool.Rent(n);
        var indexKeys = ArrayPool<long>.Shared.Rent(n);
        var copyLength = output.Length - objectStart;
        var copy = ArrayPool<byte>.Shared.Rent(copyLength);
        try
        {
            for (var i = 0; i < n; i++)
            {
                lastOf[firstOf[i]] = i;
            }

            // Array-index keys first, ascending; then the rest in order of first appearance.
            var indexCount = 0;
            for (var i = 0; i < n; i++)
            {
                if (firstOf[i] == i && members[i].Index != ArrayIndex.None)
                {
                    indexKeys[indexCount] = members[i].Index;
                    order[indexCount++] = i;
                }
            }

            Array.Sort(indexKeys, order, 0, indexCount);
            var count = indexCount;
            for (var i = 0; i < n; i++)
            {
                if (firstOf[i] == i && members[i].Index == ArrayIndex.None)
                {
                    order[count++] = i;
                }
            }

            output.WrittenSpan[objectStart..].CopyTo(copy);
            var source = copy.AsSpan(0, copyLength);
            output.Length = objectStart + 1; // keep the opening brace
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    output.Write((byte)',');
                }

                var key = members[order[i]];
                var value = members[lastOf[order[i]]];
                output.Write(source[(key.KeyStart - objectStart)..(key.KeyEnd - objectStart)]);
                output.Write((byte)':');
                output.Write(source[(value.ValueStart - objectStart)..(value.ValueEnd - objectStart)]);
            }
        }
        finally
        {
            pool.Return(lastOf);
            pool.Return(order);
            ArrayPool<long>.Shared.Return(indexKeys);
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
