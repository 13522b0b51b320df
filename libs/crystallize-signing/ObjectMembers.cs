using System.Buffers;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// The members of the objects being written, innermost last. When an object ends it is put into
/// JavaScript's own property order: array-index keys ascending, then the other keys in order of
/// first appearance, each with the value of its last appearance (what JSON.parse builds).
/// </summary>
internal sealed class ObjectMembers : IDisposable
{
    private const int StackLimit = 32;

    private Member[] items = ArrayPool<Member>.Shared.Rent(64);

    public int Count { get; private set; }

    public void Add(Member member)
    {
        if (Count == items.Length)
        {
            var bigger = ArrayPool<Member>.Shared.Rent(items.Length * 2);
            items.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<Member>.Shared.Return(items);
            items = bigger;
        }

        items[Count++] = member;
    }

    /// <summary>Reorders the object that started at <paramref name="objectStart"/> if needed, then forgets its members.</summary>
    public void Canonicalize(int firstMember, int objectStart, PooledBuffer output)
    {
        var members = items.AsSpan(firstMember, Count - firstMember);
        Count = firstMember;
        if (members.Length < 2)
        {
            return;
        }

        // Webhook objects are small: their bookkeeping lives on the stack, large ones borrow from the pool.
        int[]? rented = null;
        var firstOf = members.Length <= StackLimit
            ? stackalloc int[StackLimit]
            : rented = ArrayPool<int>.Shared.Rent(members.Length);
        firstOf = firstOf[..members.Length];
        try
        {
            var repeated = DuplicateKeys.FindFirstOccurrences(members, output.WrittenSpan, firstOf);
            if (repeated || !IndexKeysLeadInOrder(members))
            {
                PropertyOrder.Rewrite(members, firstOf, objectStart, output);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<Member>.Shared.Return(items);
        items = [];
    }

    private static bool IndexKeysLeadInOrder(ReadOnlySpan<Member> members)
    {
        var previous = ArrayIndex.None;
        var seenOtherKey = false;
        foreach (var member in members)
        {
            if (member.Index == ArrayIndex.None)
            {
                seenOtherKey = true;
            }
            else if (seenOtherKey || member.Index <= previous)
            {
                return false;
            }
            else
            {
                previous = member.Index;
            }
        }

        return true;
    }
}
