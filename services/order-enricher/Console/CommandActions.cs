using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.Extensions.Options;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>The shop's commands an operator can run from an order's page, each through <see cref="CommandAction"/>.</summary>
internal static class CommandActions
{
    private const string NotCancelled = "Not cancelled";
    private const string NotReleased = "Not released";

    /// <summary>
    /// Cancel at Amazon through the shop's own cancel command (<see cref="CancelCommand"/>), so it is reported
    /// to Crystallize as meta fba-cancel exactly as a cancel from a pipeline stage.
    /// </summary>
    public static CommandAction Cancel { get; } = new()
    {
        Command = CommandNames.Cancel,
        NotDoneTitle = NotCancelled,
        Allows = OrderActions.CanCancel,
        WhyNot = WhyNotCancel,
        Confirmation = (id, state) => (
            $"Cancel order {id} at Amazon?",
            $"Amazon holds it as <code>{E(state.SellerFulfillmentOrderId)}</code>. Amazon cancels only while the order is Received or Planning; once it is further, "
            + "the answer is \"too late\" and nothing changes. Either way Crystallize's meta <code>fba-cancel</code> is set to the outcome.",
            ConsoleRoutes.Cancel(id),
            "Yes, cancel the order at Amazon"),

        // A second post of a decided cancel is let through: the command only finishes an owed report then.
        BeforeRun = (http, id, before) => !OrderActions.CanCancel(before) && before.Commands.CancelOutcome is null
            ? ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotCancelled, WhyNotCancel(before))
            : null,
        RunAsync = (services, id, asked, cancellationToken) => services.GetRequiredService<CancelCommand>().HandleAsync(id, asked, cancellationToken),
        Answer = CancelAnswer,
    };

    /// <summary>
    /// Release an order created with Hold through the shop's own release command (<see cref="ReleaseCommand"/>),
    /// done once and recorded as a release from a pipeline stage is.
    /// </summary>
    public static CommandAction Release { get; } = new()
    {
        Command = CommandNames.Release,
        NotDoneTitle = NotReleased,
        Allows = OrderActions.CanRelease,
        WhyNot = WhyNotRelease,
        Confirmation = (id, state) => (
            $"Release order {id}?",
            $"Amazon holds <code>{E(state.SellerFulfillmentOrderId)}</code> on Hold: it is reserved but not shipped. Releasing it tells Amazon to ship it (fulfillment action Ship); this cannot be undone.",
            ConsoleRoutes.Release(id),
            "Yes, release the order"),
        BeforeRun = (http, id, before) =>
            // A second post: the release was done once, it is not done again.
            before.Commands.ReleasedAt is { } releasedBefore
                ? ConsoleAnswer.Done(http, id, "release", "Released", $"Order {id} was released at {releasedBefore.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.")
            : !OrderActions.CanRelease(before)
                ? ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotReleased, WhyNotRelease(before))
            : null,
        RunAsync = (services, id, asked, cancellationToken) => services.GetRequiredService<ReleaseCommand>().HandleAsync(id, asked, cancellationToken),
        Answer = ReleaseAnswer,
    };

    private static IResult CancelAnswer(HttpContext http, string id, OrderState before, OrderState after, DeliveryDecision decision)
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
            _ => ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotCancelled, WhyNotCancel(after)),
        };
    }

    private static IResult ReleaseAnswer(HttpContext http, string id, OrderState before, OrderState after, DeliveryDecision decision)
    {
        if (after.Commands.ReleasedAt is not null)
        {
            return ConsoleAnswer.Done(http, id, "release", "Released", $"Order {id} is released: Amazon ships it.");
        }

        var latest = after.Commands.History.Skip(before.Commands.History.Count).LastOrDefault(h => h.Command == CommandNames.Release);
        return latest switch
        {
            { Outcome: "refused" } => ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotReleased, $"Amazon refused the release ({latest.Detail})."),
            { Outcome: "not-on-hold" } => ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotReleased, $"Amazon says order {id} is not on hold; it ships already."),
            { Outcome: "not-at-amazon" } => ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotReleased, $"Amazon holds no order {after.SellerFulfillmentOrderId}."),
            _ when decision == DeliveryDecision.Retry => ConsoleAnswer.NotDone(
                http, id, StatusCodes.Status503ServiceUnavailable, NotReleased, $"Amazon could not be asked now, or order {id} is being sent or released right now; look at the order again in a minute."),
            _ => ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotReleased, CancelledBefore(http, after) ? $"Order {id} was cancelled; there is nothing to release." : WhyNotRelease(after)),
        };
    }

    private static bool CancelledBefore(HttpContext http, OrderState state)
    {
        var services = http.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var claimLease = services.GetRequiredService<IOptions<PipelineOptions>>().Value.ClaimLease;
        var commandLease = services.GetRequiredService<IOptionsMonitor<CommandOptions>>().CurrentValue.Lease;
        return CommandDecisions.Release(state, now, claimLease, commandLease) == ReleaseStep.CancelledBefore;
    }

    private static string WhyNotCancel(OrderState state) => state.Status switch
    {
        OrderStatus.Submitted => $"Order {state.OrderId}'s cancel was decided before ({state.Commands.CancelOutcome}).",
        OrderStatus.Shipped or OrderStatus.Completed or OrderStatus.Cancelled => $"Order {state.OrderId} is {state.Status} at Amazon; it can no longer be cancelled.",
        _ => $"Order {state.OrderId} is {state.Status}, not at Amazon; only a Submitted order can be cancelled at Amazon.",
    };

    private static string WhyNotRelease(OrderState state) =>
        state.Status != OrderStatus.Submitted ? $"Order {state.OrderId} is {state.Status}; only a Submitted order on Hold can be released."
        : state.Commands.CancelOutcome is not null || state.Commands.CancelRequestedAt is not null ? $"Order {state.OrderId} was cancelled; there is nothing to release."
        : $"Order {state.OrderId} was created with fulfillment action {state.Commands.FulfillmentAction ?? "unknown"}, not Hold; it ships without a release.";
}
