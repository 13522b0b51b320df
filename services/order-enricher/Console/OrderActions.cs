using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Orders;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>Which actions the order page offers for an order in the state it is in (the commands decide again when asked).</summary>
internal static class OrderActions
{
    /// <summary>
    /// At Amazon and, as far as the enricher knows, not past Planning (the tracker moves it on once Amazon
    /// ships, cancels or gives up), with no cancel decided yet; or decided but the shop not yet told, so an
    /// operator can finish telling it. Amazon itself answers "too late" when it is further than the enricher knows.
    /// </summary>
    public static bool CanCancel(OrderState state) =>
        state.Status == OrderStatus.Submitted
        && (state.Commands.CancelOutcome is null || state.Commands.CancelReportedAt is null);

    /// <summary>Created with Hold at Amazon and neither released nor cancelled.</summary>
    public static bool CanRelease(OrderState state) =>
        state.Status == OrderStatus.Submitted
        && state.Commands.FulfillmentAction == CommandDecisions.HoldAction
        && state.Commands.ReleasedAt is null
        && state.Commands.CancelRequestedAt is null
        && state.Commands.CancelOutcome is null;
}
