using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.AspNetCore.Antiforgery;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// Cancelling an order at Amazon from the console: a confirmation page (GET), then the form post (POST, with
/// the anti-forgery token) that runs the shop's own cancel command (<see cref="CancelCommand"/>), so an
/// operator's cancel is decided, done once, recorded in the order's command history and reported to
/// Crystallize as meta fba-cancel exactly as a cancel from a pipeline stage.
/// </summary>
internal static class CancelAction
{
    private const string NotCancelled = "Not cancelled";

    public static async Task<IResult> ConfirmAsync(string id, HttpContext http, OrderStateStore store, CancellationToken cancellationToken)
    {
        if (!OrderId.IsValid(id))
        {
            return ConsoleAnswer.InvalidId(http, id);
        }

        var (state, _) = await store.GetAsync(id, cancellationToken);
        if (state is null)
        {
            return ConsoleAnswer.Unknown(http, id);
        }

        if (!OrderActions.CanCancel(state))
        {
            return ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotCancelled, WhyNot(state));
        }

        return ConsoleAnswer.Confirm(
            http,
            id,
            $"Cancel order {id} at Amazon?",
            $"Amazon holds it as <code>{E(state.SellerFulfillmentOrderId)}</code>. Amazon cancels only while the order is Received or Planning; once it is further, "
            + "the answer is \"too late\" and nothing changes. Either way Crystallize's meta <code>fba-cancel</code> is set to the outcome.",
            ConsoleRoutes.Cancel(id),
            "Yes, cancel the order at Amazon");
    }

    public static async Task<IResult> CancelAsync(
        string id, HttpContext http, IAntiforgery antiforgery, OrderStateStore store, CancelCommand cancel, CancellationToken cancellationToken)
    {
        if (ConsoleCredential.NeedsAntiforgery(http) && !await antiforgery.IsRequestValidAsync(http))
        {
            return ConsoleAnswer.FormExpired(http, id, NotCancelled);
        }

        if (!OrderId.IsValid(id))
        {
            return ConsoleAnswer.InvalidId(http, id);
        }

        var (before, _) = await store.GetAsync(id, cancellationToken);
        if (before is null)
        {
            return ConsoleAnswer.Unknown(http, id);
        }

        // A second post of a decided cancel is let through: the command only finishes an owed report then.
        if (!OrderActions.CanCancel(before) && before.Commands.CancelOutcome is null)
        {
            return ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotCancelled, WhyNot(before));
        }

        var asked = new CommandEntry(default, CommandNames.Cancel, "", AskedBy: CommandEntry.ByOperator);
        var decision = await cancel.HandleAsync(id, asked, cancellationToken);
        var (after, _) = await store.GetAsync(id, cancellationToken);
        return Answer(http, id, before, after!, decision);
    }

    private static IResult Answer(HttpContext http, string id, OrderState before, OrderState after, DeliveryDecision decision)
    {
        var told = after.Commands.CancelReportedAt is not null
            ? " Crystallize's meta fba-cancel says so."
            : " Crystallize could not be told yet (meta fba-cancel); cancel again to tell it.";
        switch (after.Commands.CancelOutcome)
        {
            case CancelOutcomes.Cancelled:
                return ConsoleAnswer.Done(http, id, "cancel", "Cancelled", $"Order {id} is cancelled at Amazon." + told);
            case CancelOutcomes.TooLate:
                var amazonStatus = after.Commands.History.LastOrDefault(h => h.Command == CommandNames.Cancel && h.Outcome == CancelOutcomes.TooLate)?.Detail;
                return ConsoleAnswer.NotDone(
                    http, id, StatusCodes.Status409Conflict, "Too late to cancel", $"Amazon is past Planning with order {id} ({amazonStatus}); it was not cancelled." + told);
        }

        var latest = after.Commands.History.Skip(before.Commands.History.Count).LastOrDefault(h => h.Command == CommandNames.Cancel);
        return latest switch
        {
            { Outcome: "refused" } => ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotCancelled, $"Amazon refused the cancel ({latest.Detail})."),
            { Outcome: "left-to-create" } => ConsoleAnswer.Done(
                http, id, "cancel", "Cancel recorded", $"Order {id} is being sent to Amazon right now; the send cancels it right after Amazon takes it."),
            _ when decision == DeliveryDecision.Retry => ConsoleAnswer.NotDone(
                http, id, StatusCodes.Status503ServiceUnavailable, NotCancelled, $"Amazon could not be asked now, or another cancel of order {id} is under way; look at the order again in a minute."),
            _ => ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotCancelled, WhyNot(after)),
        };
    }

    private static string WhyNot(OrderState state) => state.Status switch
    {
        OrderStatus.Submitted => $"Order {state.OrderId}'s cancel was decided before ({state.Commands.CancelOutcome}).",
        OrderStatus.Shipped or OrderStatus.Completed or OrderStatus.Cancelled => $"Order {state.OrderId} is {state.Status} at Amazon; it can no longer be cancelled.",
        _ => $"Order {state.OrderId} is {state.Status}, not at Amazon; only a Submitted order can be cancelled at Amazon.",
    };
}
