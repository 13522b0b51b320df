using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.AspNetCore.Antiforgery;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// One of the shop's commands run from the console (see <see cref="CommandActions"/>): a confirmation page
/// (GET), then the form post (POST, with the anti-forgery token) that runs the shop's own command, so an
/// operator's command is decided, done once and recorded in the order's command history exactly as one
/// from a pipeline stage. What differs between commands (the command, whether the order allows it, the
/// wording and how its outcome is told) is given; the steps around it are the same for every command.
/// </summary>
internal sealed class CommandAction
{
    /// <summary>The command's name in the history (<see cref="CommandNames"/>).</summary>
    public required string Command { get; init; }

    /// <summary>The title of every answer that did not do it: "Not cancelled".</summary>
    public required string NotDoneTitle { get; init; }

    /// <summary>Whether the order page offers the command for the order as it is (<see cref="OrderActions"/>).</summary>
    public required Func<OrderState, bool> Allows { get; init; }

    /// <summary>Why the order does not allow the command.</summary>
    public required Func<OrderState, string> WhyNot { get; init; }

    /// <summary>The confirmation page: question, explanation (HTML), the form's target and its button.</summary>
    public required Func<string, OrderState, (string Question, string Explanation, string Action, string Button)> Confirmation { get; init; }

    /// <summary>The answer to a post without running the command (a second post, a state that does not allow it); null to run it.</summary>
    public required Func<HttpContext, string, OrderState, IResult?> BeforeRun { get; init; }

    /// <summary>Runs the shop's command for an order with the operator's request.</summary>
    public required Func<IServiceProvider, string, CommandEntry, CancellationToken, Task<DeliveryDecision>> RunAsync { get; init; }

    /// <summary>Tells the operator what came of it, from the state before and after and the command's decision.</summary>
    public required Func<HttpContext, string, OrderState, OrderState, DeliveryDecision, IResult> Answer { get; init; }

    public async Task<IResult> ConfirmAsync(string id, HttpContext http, OrderStateStore store, CancellationToken cancellationToken)
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

        if (!Allows(state))
        {
            return ConsoleAnswer.NotDone(http, id, StatusCodes.Status409Conflict, NotDoneTitle, WhyNot(state));
        }

        var (question, explanation, action, button) = Confirmation(id, state);
        return ConsoleAnswer.Confirm(http, id, question, explanation, action, button);
    }

    public async Task<IResult> PostAsync(string id, HttpContext http, IAntiforgery antiforgery, OrderStateStore store, CancellationToken cancellationToken)
    {
        if (ConsoleCredential.NeedsAntiforgery(http) && !await antiforgery.IsRequestValidAsync(http))
        {
            return ConsoleAnswer.FormExpired(http, id, NotDoneTitle);
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

        if (BeforeRun(http, id, before) is { } answered)
        {
            return answered;
        }

        var asked = new CommandEntry(default, Command, "", AskedBy: CommandEntry.ByOperator);
        var decision = await RunAsync(http.RequestServices, id, asked, cancellationToken);
        var (after, _) = await store.GetAsync(id, cancellationToken);
        return Answer(http, id, before, after!, decision);
    }
}
