using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// Releasing an order created with Hold from the console: a confirmation page (GET), then the form post
/// (POST, with the anti-forgery token) that runs the shop's own release command (<see cref="ReleaseCommand"/>),
/// so it is done once and recorded in the order's command history as a release from a pipeline stage is.
/// </summary>
internal static class ReleaseAction
{
    private const string NotReleased = "Not released";

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

        if (!OrderActions.CanRelease(state))
        {
            return ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotReleased, WhyNot(state));
        }

        return ConsoleAnswer.Confirm(
            http,
            id,
            $"Release order {id}?",
            $"Amazon holds <code>{E(state.SellerFulfillmentOrderId)}</code> on Hold: it is reserved but not shipped. Releasing it tells Amazon to ship it (fulfillment action Ship); this cannot be undone.",
            ConsoleRoutes.Release(id),
            "Yes, release the order");
    }

    public static async Task<IResult> ReleaseAsync(
        string id,
        HttpContext http,
        IAntiforgery antiforgery,
        OrderStateStore store,
        ReleaseCommand release,
        TimeProvider time,
        IOptions<PipelineOptions> pipeline,
        IOptionsMonitor<CommandOptions> commands,
        CancellationToken cancellationToken)
    {
        if (ConsoleCredential.NeedsAntiforgery(http) && !await antiforgery.IsRequestValidAsync(http))
        {
            return ConsoleAnswer.FormExpired(http, id, NotReleased);
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

        if (before.Commands.ReleasedAt is { } releasedBefore)
        {
            // A second post: the release was done once, it is not done again.
            return ConsoleAnswer.Done(http, id, "release", "Released", $"Order {id} was released at {releasedBefore.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.");
        }

        if (!OrderActions.CanRelease(before))
        {
            return ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotReleased, WhyNot(before));
        }

        var asked = new CommandEntry(default, CommandNames.Release, "", AskedBy: CommandEntry.ByOperator);
        var decision = await release.HandleAsync(id, asked, cancellationToken);
        var (after, _) = await store.GetAsync(id, cancellationToken);
        if (after!.Commands.ReleasedAt is not null)
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
            _ => ConsoleAnswer.NotDone(
                http, id, StatusCodes.Status409Conflict, NotReleased,
                CommandDecisions.Release(after, time.GetUtcNow(), pipeline.Value.ClaimLease, commands.CurrentValue.Lease) == ReleaseStep.CancelledBefore
                    ? $"Order {id} was cancelled; there is nothing to release."
                    : WhyNot(after)),
        };
    }

    private static string WhyNot(OrderState state) =>
        state.Status != OrderStatus.Submitted ? $"Order {state.OrderId} is {state.Status}; only a Submitted order on Hold can be released."
        : state.Commands.CancelOutcome is not null || state.Commands.CancelRequestedAt is not null ? $"Order {state.OrderId} was cancelled; there is nothing to release."
        : $"Order {state.OrderId} was created with fulfillment action {state.Commands.FulfillmentAction ?? "unknown"}, not Hold; it ships without a release.";
}
