using Dapr.Client;
using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Api;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// Retrying a Failed order from the console: a confirmation page (GET), then the form post (POST, with the
/// anti-forgery token) that runs the operator API's own retry, so the rules (what may be retried, the cap,
/// the timeline step "retried") are the same whichever way an operator asks.
/// </summary>
internal static class RetryAction
{
    public static async Task<IResult> ConfirmAsync(string id, HttpContext http, OrderStateStore store, CancellationToken cancellationToken)
    {
        if (!OrderId.IsValid(id))
        {
            return Page(http, "Invalid order id", "<h1>Invalid order id</h1><p class=\"problem\" role=\"alert\">An order id is 24 lowercase hexadecimal characters.</p>", statusCode: 400);
        }

        var (state, _) = await store.GetAsync(id, cancellationToken);
        var status = state?.Status.ToString() ?? "unknown";
        var body = $"""
            <h1>Retry order {E(id)}?</h1>
            <p>The order is {Status(status)}{(state?.ReasonCode is null ? "" : $" (<code>{E(state.ReasonCode)}</code>)")}. Retry only once its cause is fixed:
            the order is read from Crystallize again and sent to Amazon through the usual path, at most once.</p>
            <form method="post" action="{ConsoleRoutes.Retry(id)}">
              {Antiforgery(http)}
              <button type="submit">Yes, retry the order</button>
              <a href="{ConsoleRoutes.Order(id)}">No, back to the order</a>
            </form>
            """;
        return Page(http, $"Retry order {id}", body);
    }

    public static async Task<IResult> RetryAsync(
        string id,
        HttpContext http,
        IAntiforgery antiforgery,
        OrderStateStore store,
        DaprClient dapr,
        TimeProvider time,
        IOptions<OperatorApiOptions> operatorApi,
        IOptions<PipelineOptions> pipeline,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (ConsoleCredential.NeedsAntiforgery(http) && !await antiforgery.IsRequestValidAsync(http))
        {
            return ConsoleAnswer.FormExpired(http, id, "Not retried");
        }

        var result = await OrderRetry.RetryAsync(id, store, dapr, time, operatorApi, pipeline, loggers, cancellationToken);
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status202Accepted })
        {
            return Results.Redirect(ConsoleRoutes.Order(id), permanent: false, preserveMethod: false);
        }

        var (code, detail) = result is ProblemHttpResult problem
            ? (problem.StatusCode, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title)
            : (StatusCodes.Status500InternalServerError, "The retry did not go through.");
        return ConsoleAnswer.NotDone(http, id, code, "Not retried", detail ?? "The retry did not go through.");
    }
}
