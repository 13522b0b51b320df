using System.Globalization;
using System.Text;
using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// GET /console/orders/{id}: one order from its state (the truth) and its timeline, the actions it allows
/// and a link to it in Crystallize's admin. Looking at an order also repairs its row in the index when a
/// crash left that row behind.
/// </summary>
internal static class OrderPage
{
    public static async Task<IResult> RenderAsync(
        string id, HttpContext http, OrderStateStore store, OrderIndex index, OrderIndexQueries queries, IOptions<ConsoleOptions> options, CancellationToken cancellationToken)
    {
        if (!OrderId.IsValid(id))
        {
            return Page(http, "Invalid order id", "<h1>Invalid order id</h1><p class=\"problem\" role=\"alert\">An order id is 24 lowercase hexadecimal characters.</p>", statusCode: 400);
        }

        var (state, _) = await store.GetAsync(id, cancellationToken);
        if (state is null)
        {
            return Page(http, "Unknown order", $"<h1>Order {E(id)}</h1><p class=\"problem\" role=\"alert\">The enricher has no record of this order.</p>", statusCode: 404);
        }

        await index.RecordAsync(state, cancellationToken);
        var timeline = await queries.TimelineAsync(id, cancellationToken);
        var admin = await CrystallizeLinkAsync(http, options.Value, id, cancellationToken);
        var body = $"""
            <h1>Order {E(id)}</h1>
            <div id="order-live" data-live>
            {Facts(state, admin)}
            {Actions(state)}
            <h2>Timeline</h2>
            {Timeline(CommandSteps.Merge(timeline, state))}
            </div>
            """;
        return Page(http, $"Order {id}", body);
    }

    private static string Facts(OrderState state, string? admin)
    {
        var rows = new StringBuilder();
        void Row(string name, string html) => rows.Append(CultureInfo.InvariantCulture, $"<dt>{name}</dt><dd>{html}</dd>");
        Row("Status", $"<span id=\"order-status\">{Status(state.Status.ToString())}</span>");
        if (state.ReasonCode is not null)
        {
            Row("Reason", $"<code>{E(state.ReasonCode)}</code> {E(state.ReasonMessage)}");
        }

        if (state.SellerFulfillmentOrderId is not null)
        {
            Row("Amazon order id", $"<code>{E(state.SellerFulfillmentOrderId)}</code>{(state.SubmitOutcome is null ? "" : $" ({E(state.SubmitOutcome)})")}");
        }

        Row("Received", Time(state.ReceivedAt));
        Row("Last change", Time(state.UpdatedAt));
        Row("Attempts", state.Attempts.ToString(CultureInfo.InvariantCulture));
        Row("Operator retries", state.OperatorRetries.ToString(CultureInfo.InvariantCulture));
        if (admin is not null)
        {
            Row("Crystallize", $"<a href=\"{E(admin)}\" rel=\"noopener noreferrer\" target=\"_blank\">Open the order in Crystallize (new tab)</a>");
        }

        return $"<dl class=\"facts\">{rows}</dl>";
    }

    private static string Actions(OrderState state)
    {
        var actions = new List<string>();
        if (state.Status == OrderStatus.Failed)
        {
            actions.Add($"<a href=\"{ConsoleRoutes.Retry(state.OrderId)}\">Retry this order…</a> once its cause is fixed (it goes through the same path as the first try).");
        }

        if (OrderActions.CanCancel(state))
        {
            actions.Add($"<a href=\"{ConsoleRoutes.Cancel(state.OrderId)}\">Cancel at Amazon…</a> while Amazon still allows it (Received or Planning); Crystallize is told the outcome.");
        }

        if (OrderActions.CanRelease(state))
        {
            actions.Add($"<a href=\"{ConsoleRoutes.Release(state.OrderId)}\">Release this order…</a> it was created on Hold; releasing it tells Amazon to ship.");
        }

        var list = actions.Count == 0
            ? "<p>No action applies to an order in this status.</p>"
            : "<ul>" + string.Concat(actions.Select(a => $"<li>{a}</li>")) + "</ul>";
        return $"<h2>Actions</h2>{list}";
    }

    private static string Timeline(IReadOnlyList<TimelineEntry> steps)
    {
        if (steps.Count == 0)
        {
            return "<p>No steps recorded yet.</p>";
        }

        var items = new StringBuilder();
        foreach (var step in steps)
        {
            var extra = new StringBuilder();
            if (step.Carrier is not null)
            {
                extra.Append(CultureInfo.InvariantCulture, $" Carrier: {E(step.Carrier)}.");
            }

            if (step.TrackingUrl is not null && Uri.TryCreate(step.TrackingUrl, UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp))
            {
                extra.Append(CultureInfo.InvariantCulture, $" <a href=\"{E(link.AbsoluteUri)}\" rel=\"noopener noreferrer\" target=\"_blank\">Track {E(step.Reference ?? "the package")} (new tab)</a>");
            }
            else if (step.Kind == "shipped" && step.Reference is not null)
            {
                extra.Append(CultureInfo.InvariantCulture, $" Tracking number {E(step.Reference)}.");
            }

            items.Append(CultureInfo.InvariantCulture, $"<li data-kind=\"{E(step.Kind)}\">{Time(step.At)}<strong>{E(step.Kind)}</strong> {E(step.Text)}{extra}</li>");
        }

        return $"<ol class=\"timeline\">{items}</ol>";
    }

    private static async Task<string?> CrystallizeLinkAsync(HttpContext http, ConsoleOptions options, string orderId, CancellationToken cancellationToken)
    {
        try
        {
            var credential = await http.RequestServices.GetRequiredService<SecretReader<CrystallizeAccessToken>>().GetAsync(cancellationToken);
            return options.CrystallizeOrderUrl
                .Replace("{tenantIdentifier}", Uri.EscapeDataString(credential.TenantIdentifier), StringComparison.Ordinal)
                .Replace("{orderId}", Uri.EscapeDataString(orderId), StringComparison.Ordinal);
        }
        catch (SecretUnavailableException)
        {
            return null; // no tenant known: the page shows no link rather than a wrong one
        }
    }
}
