using System.Globalization;
using System.Text;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// GET /console/dead-letters: every orders.received event the enricher dropped to the dead-letter topic
/// (it records the order Failed first), newest first, with what has happened to the order since, read from
/// the order's own state.
/// </summary>
internal static class DeadLettersPage
{
    public static async Task<IResult> RenderAsync(HttpContext http, OrderIndexQueries queries, CancellationToken cancellationToken)
    {
        var letters = await queries.DeadLettersAsync(cancellationToken);
        var states = await queries.StatesAsync(letters.Select(l => l.OrderId), cancellationToken);
        var rows = new StringBuilder();
        foreach (var letter in letters)
        {
            var state = states.GetValueOrDefault(letter.OrderId);
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr data-order="{E(letter.OrderId)}">
                <td class="id"><a href="{ConsoleRoutes.Order(letter.OrderId)}">{E(letter.OrderId)}</a></td>
                <td>{Time(letter.At)}</td>
                <td><code>{E(letter.ReasonCode)}</code></td>
                <td>{(state is null ? "No state any more" : Status(state.Status.ToString()))}</td>
                <td>{E(Since(letter, state))}</td>
                </tr>
                """);
        }

        var table = letters.Count == 0
            ? "<p>No dead letters.</p>"
            : $"""
              <div class="table-wrap" tabindex="0" role="region" aria-label="Dead letters">
              <table>
              <caption>Dead-lettered order events, newest first ({letters.Count})</caption>
              <thead><tr><th scope="col">Order id</th><th scope="col">Dead-lettered</th><th scope="col">Reason</th><th scope="col">Status now</th><th scope="col">What happened since</th></tr></thead>
              <tbody>{rows}</tbody>
              </table>
              </div>
              """;
        var body = $"""
            <h1>Dead letters</h1>
            <p>Order events the enricher gave up on and dropped to <code>orders.received.deadletter</code>, after recording the order as Failed with its reason.</p>
            <div id="dead-letters-live" data-live>{table}</div>
            """;
        return Page(http, "Dead letters", body);
    }

    private static string Since(DeadLetter letter, OrderState? state) => state switch
    {
        null => "The order's state is gone.",
        { Status: OrderStatus.Failed, UpdatedAt: var at } when at <= letter.At => "Nothing yet: waiting for an operator (retry once the cause is fixed).",
        { Status: OrderStatus.Failed } => $"Retried {state.OperatorRetries} time(s); failed again.",
        _ when state.OperatorRetries > 0 => $"Retried by an operator ({state.OperatorRetries}); now {state.Status}.",
        _ => $"Now {state.Status}.",
    };
}
