using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Common;

/// <summary>What Amazon (the SP-API emulator) and the enricher hold for the orders of a run.</summary>
public sealed record ExactlyOnceReport(
    int Orders,
    int ExpectedAtAmazon,
    int AtAmazonOnce,
    int Lost,
    int Duplicated,
    int UnexpectedAtAmazon,
    int WrongFinalState,
    int Unsettled,
    IReadOnlyDictionary<string, int> FinalStates,
    IReadOnlyList<string> LostOrderIds,
    IReadOnlyList<string> DuplicatedOrderIds)
{
    public bool Clean => Lost == 0 && Duplicated == 0 && UnexpectedAtAmazon == 0;

    /// <summary>The counts that decide a verdict, for the line stderr prints when a run is not clean.</summary>
    public string Describe() =>
        $"lost {Lost}, duplicated {Duplicated}, at Amazon unexpectedly {UnexpectedAtAmazon}, wrong final state {WrongFinalState}, unsettled {Unsettled} (of {Orders} orders)";
}

/// <summary>
/// The proof of "exactly once": every FBA order exactly once at Amazon, no other order there, every
/// order in its expected final state. Lost = an FBA order Amazon does not hold when the wait ended.
/// </summary>
public static class ExactlyOnce
{
    /// <summary>Waits (bounded) until Amazon holds every expected FBA order and every order is settled.</summary>
    public static Task<ExactlyOnceReport> SettleAndCheckAsync(
        Mesh mesh, IReadOnlyList<BenchOrder> orders, TimeSpan timeout, IProgressTrack? track, CancellationToken ct) =>
        SettleAndCheckAsync(mesh.SpApi!, (id, token) => TryGetAsync(mesh, id, token), orders, timeout, track, ct);

    /// <summary>As above, for a mesh seen from outside: Amazon's emulator and a way to read one order's state (null while unknown or unreachable).</summary>
    public static async Task<ExactlyOnceReport> SettleAndCheckAsync(
        SpApiEmulator.SpApiEmulatorApp spApi, Func<string, CancellationToken, Task<OrderProgress?>> getOrder,
        IReadOnlyList<BenchOrder> orders, TimeSpan timeout, IProgressTrack? track, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var fba = orders.Where(o => o.GoesToAmazon).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var states = new Dictionary<string, OrderProgress?>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                var held = AmazonCounts(spApi).Keys.Count(fba.Contains);
                track?.Set(held, $"at Amazon {held}/{fba.Count}");
                if (held >= fba.Count)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }

            foreach (var order in orders)
            {
                while (true)
                {
                    states[order.Id] = await getOrder(order.Id, deadline.Token);
                    if (states[order.Id] is { IsSettled: true })
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The wait is a ceiling; what is missing by then is counted below.
        }

        foreach (var order in orders.Where(o => !states.ContainsKey(o.Id)))
        {
            states[order.Id] = await getOrder(order.Id, ct);
        }

        return Check(spApi, orders, states);
    }

    private static ExactlyOnceReport Check(SpApiEmulator.SpApiEmulatorApp spApi, IReadOnlyList<BenchOrder> orders, Dictionary<string, OrderProgress?> states)
    {
        var atAmazon = AmazonCounts(spApi);
        var ours = orders.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var fba = orders.Where(o => o.GoesToAmazon).ToList();
        var lost = fba.Where(o => !atAmazon.ContainsKey(o.Id)).Select(o => o.Id).ToList();
        var duplicated = atAmazon.Where(a => a.Value > 1 && ours.ContainsKey(a.Key)).Select(a => a.Key).ToList();
        var unexpected = atAmazon.Keys.Count(id => ours.TryGetValue(id, out var o) && !o.GoesToAmazon);
        var finalStates = states.Values.GroupBy(s => s?.Status ?? "Unknown").ToDictionary(g => g.Key, g => g.Count());
        var wrong = orders.Count(o => states[o.Id] is { IsSettled: true } s && !IsExpected(o.Expected, s.Status));
        var unsettled = orders.Count(o => states[o.Id] is not { IsSettled: true });
        return new ExactlyOnceReport(
            orders.Count, fba.Count, fba.Count(o => atAmazon.TryGetValue(o.Id, out var n) && n == 1), lost.Count, duplicated.Count,
            unexpected, wrong, unsettled, finalStates, [.. lost.Take(20)], [.. duplicated.Take(20)]);
    }

    public static Dictionary<string, int> AmazonCounts(Mesh mesh) => AmazonCounts(mesh.SpApi!);

    public static Dictionary<string, int> AmazonCounts(SpApiEmulator.SpApiEmulatorApp spApi) =>
        spApi.FulfillmentOrders.GroupBy(o => o.SellerFulfillmentOrderId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>
    /// A submitted order may have moved on since: Amazon shipped or completed it and the tracker said so
    /// (a run where Amazon ships, such as chaos); it is still on its expected path.
    /// </summary>
    private static bool IsExpected(ExpectedOutcome expected, string status) => expected.Outcome switch
    {
        ExpectedOutcome.Submit => status is OrderProgress.Submitted or OrderProgress.Shipped or OrderProgress.Completed,
        ExpectedOutcome.Skip => status == OrderProgress.Skipped,
        _ => status == OrderProgress.Failed,
    };

    private static async Task<OrderProgress?> TryGetAsync(Mesh mesh, string id, CancellationToken ct)
    {
        try
        {
            return await mesh.GetOrderAsync(id, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
