using FbaMesh.Contracts;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>What an action answers: a page for a person, JSON (done) or problem+json (not done) for automation.</summary>
internal static class ConsoleAnswer
{
    public static IResult Done(HttpContext http, string orderId, string action, string title, string detail) =>
        ConsoleCredential.IsBearer(http)
            ? Results.Json(new { orderId, action, title, detail })
            : Page(http, title, $"<h1>{E(title)}</h1><p role=\"status\">{E(detail)}</p><p><a href=\"{ConsoleRoutes.Order(orderId)}\">Back to the order</a></p>");

    public static IResult NotDone(HttpContext http, string orderId, int statusCode, string title, string detail) =>
        ConsoleCredential.IsBearer(http)
            ? Results.Problem(statusCode: statusCode, title: title, detail: detail)
            : Page(
                http,
                title,
                $"<h1>{E(title)}</h1><p class=\"problem\" role=\"alert\">{E(detail)}</p><p><a href=\"{(OrderId.IsValid(orderId) ? ConsoleRoutes.Order(orderId) : ConsoleRoutes.Root)}\">Back to the order</a></p>",
                statusCode: statusCode);

    public static IResult InvalidId(HttpContext http, string orderId) =>
        NotDone(http, orderId, StatusCodes.Status400BadRequest, "Invalid order id", "An order id is 24 lowercase hexadecimal characters.");

    public static IResult Unknown(HttpContext http, string orderId) =>
        NotDone(http, orderId, StatusCodes.Status404NotFound, "Unknown order", $"The enricher has no record of order {orderId}.");

    public static IResult FormExpired(HttpContext http, string orderId, string title) =>
        NotDone(http, orderId, StatusCodes.Status400BadRequest, title, "The form had expired or did not come from this console; open the order and try again.");

    /// <summary>The confirmation step of an action: what it will do, and the form (with its anti-forgery token) that does it.</summary>
    public static IResult Confirm(HttpContext http, string orderId, string question, string explanation, string action, string button) =>
        Page(http, question, $"""
            <h1>{E(question)}</h1>
            <p>{explanation}</p>
            <form method="post" action="{action}">
              {Antiforgery(http)}
              <button type="submit">{E(button)}</button>
              <a href="{ConsoleRoutes.Order(orderId)}">No, back to the order</a>
            </form>
            """);
}
