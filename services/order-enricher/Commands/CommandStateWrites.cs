using FbaMesh.OrderEnricher.Orders;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>
/// Read-decide-write on the order state with the ETag that was read (first write wins), as the create
/// path writes it: a write that loses re-reads and decides again, so a command and a create never
/// overwrite each other.
/// </summary>
internal sealed class CommandStateWrites(OrderStateStore store)
{
    private const int MaxRounds = 8;

    /// <param name="decide">From the current state (null: none yet) to the state to write, or null to write nothing; and what to hand back.</param>
    /// <returns>What <paramref name="decide"/> handed back for the state it last saw, and whether its write (if any) took.</returns>
    public async Task<(T Result, OrderState? Written)> UpdateAsync<T>(
        string orderId, Func<OrderState?, (OrderState? Next, T Result)> decide, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var (current, etag) = await store.GetAsync(orderId, cancellationToken);
            var (next, result) = decide(current);
            if (next is null)
            {
                return (result, null);
            }

            if (await store.TrySaveAsync(next, etag, cancellationToken))
            {
                return (result, next);
            }

            if (round >= MaxRounds)
            {
                throw new InvalidOperationException($"The state of order {orderId} kept changing under {MaxRounds} attempts to record a command.");
            }
        }
    }
}
