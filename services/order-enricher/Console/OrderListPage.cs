using System.Globalization;
using System.Text;
using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Orders.Index;
using Microsoft.Extensions.Options;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// GET /console: orders newest first, paged, filtered by status, time of receipt (whole UTC hours) and id,
/// with the counts per status of the range and a chart of orders per hour over the last day. All from the
/// order index; an exact id goes straight to that order's page.
/// </summary>
internal static class OrderListPage
{
    /// <summary>Every status an order can have, in the order of its life.</summary>
    public static readonly string[] Statuses = ["Received", "Waiting", "Submitted", "Shipped", "Completed", "Failed", "Cancelled", "Skipped"];

    private const string TimeFormat = "yyyy-MM-ddTHH:mm";

    public static async Task<IResult> RenderAsync(HttpContext http, OrderIndexQueries index, IOptions<ConsoleOptions> options, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        string? q = query["q"];
        if (!string.IsNullOrWhiteSpace(q))
        {
            var id = q.Trim().ToLowerInvariant();
            return OrderId.IsValid(id)
                ? Results.Redirect(ConsoleRoutes.Order(id))
                : await RenderPageAsync(http, index, options.Value, null, null, null, 1, q, "An order id is 24 hexadecimal characters.", cancellationToken);
        }

        string? status = query["status"];
        status = string.IsNullOrEmpty(status) ? null : status;
        var problems = new List<string>();
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            problems.Add($"Status must be one of {string.Join(", ", Statuses)}.");
            status = null;
        }

        var from = ParseTime(query["from"], "From", problems);
        var to = ParseTime(query["to"], "To", problems);
        var page = 1;
        if (query["page"].Count > 0 && (!int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > 100_000))
        {
            problems.Add("Page must be a whole number from 1.");
            page = 1;
        }

        return await RenderPageAsync(http, index, options.Value, status, from, to, page, null, problems.Count == 0 ? null : string.Join(" ", problems), cancellationToken);
    }

    private static async Task<IResult> RenderPageAsync(
        HttpContext http, OrderIndexQueries index, ConsoleOptions options, string? status, DateTimeOffset? from, DateTimeOffset? to, int page, string? search, string? problem, CancellationToken cancellationToken)
    {
        var list = await index.ListAsync(new OrderListQuery(status, from, to, page, options.PageSize), cancellationToken);
        var pages = Math.Max(1, (list.Total + options.PageSize - 1) / options.PageSize);
        var body = new StringBuilder();
        body.Append("<h1>Orders</h1>");
        if (problem is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"problem\" role=\"alert\">{E(problem)}</p>");
        }

        body.Append(Filters(status, from, to, search));
        body.Append("<div id=\"orders-live\" data-live>");
        body.Append(Counts(list.StatusCounts, status, from, to));
        body.Append(HourChart.Render(list.PerHour));
        body.Append(Table(list, status, page, pages));
        body.Append(Pager(status, from, to, page, pages));
        body.Append("</div>");
        return Page(http, status is null ? "Orders" : $"{status} orders", body.ToString(), statusCode: problem is null ? 200 : 400);
    }

    private static DateTimeOffset? ParseTime(string? text, string name, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text, [TimeFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return new DateTimeOffset(at, TimeSpan.Zero);
        }

        problems.Add($"{name} must be a UTC date and time like 2026-11-29T14:00.");
        return null;
    }

    private static string Filters(string? status, DateTimeOffset? from, DateTimeOffset? to, string? search)
    {
        var options = string.Concat(Statuses.Select(s => $"<option value=\"{s}\"{(s == status ? " selected" : "")}>{s}</option>"));
        return $"""
            <form class="filters" method="get" action="{ConsoleRoutes.Root}" role="search" aria-label="Filter orders">
              <label for="status">Status
                <select id="status" name="status"><option value="">All statuses</option>{options}</select>
              </label>
              <label for="from">Received from (UTC)
                <input id="from" name="from" type="datetime-local" step="3600" value="{E(from?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture))}">
              </label>
              <label for="to">Received until (UTC)
                <input id="to" name="to" type="datetime-local" step="3600" value="{E(to?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture))}">
              </label>
              <button type="submit">Filter</button>
            </form>
            <form class="filters" method="get" action="{ConsoleRoutes.Root}" role="search" aria-label="Find an order">
              <label for="q">Order id
                <input id="q" name="q" type="search" inputmode="latin" autocomplete="off" spellcheck="false" maxlength="64" value="{E(search)}">
              </label>
              <button type="submit">Find</button>
            </form>
            """;
    }

    private static string Counts(IReadOnlyDictionary<string, int> counts, string? current, DateTimeOffset? from, DateTimeOffset? to)
    {
        var all = counts.Values.Sum();
        var items = new StringBuilder();
        items.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(ListUrl(null, from, to, 1))}\"{(current is null ? " aria-current=\"true\"" : "")}>All <span data-count=\"All\">{all}</span></a></li>");
        foreach (var s in Statuses.Concat(counts.Keys.Except(Statuses, StringComparer.Ordinal).Order(StringComparer.Ordinal)))
        {
            var n = counts.GetValueOrDefault(s);
            items.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(ListUrl(s, from, to, 1))}\"{(current == s ? " aria-current=\"true\"" : "")}>{E(s)} <span data-count=\"{E(s)}\">{n}</span></a></li>");
        }

        return $"<h2 id=\"counts-heading\">Orders per status</h2><ul class=\"counts\" aria-labelledby=\"counts-heading\">{items}</ul>";
    }

    private static string Table(OrderListResult list, string? status, int page, int pages)
    {
        if (list.Orders.Count == 0)
        {
            return "<p>No orders match.</p>";
        }

        var rows = new StringBuilder();
        foreach (var o in list.Orders)
        {
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr data-order="{E(o.OrderId)}">
                <td class="id"><a href="{ConsoleRoutes.Order(o.OrderId)}">{E(o.OrderId)}</a></td>
                <td>{Status(o.Status)}</td>
                <td>{Time(o.ReceivedAt)}</td>
                <td class="wide">{Time(o.ChangedAt)}</td>
                <td class="wide">{E(o.ReasonCode)}</td>
                </tr>
                """);
        }

        var caption = $"{(status is null ? "Orders" : status + " orders")}, newest first: {list.Total} in all, page {page} of {pages}";
        return $"""
            <div class="table-wrap" tabindex="0" role="region" aria-label="Order list">
            <table>
            <caption>{E(caption)}</caption>
            <thead><tr><th scope="col">Order id</th><th scope="col">Status</th><th scope="col">Received</th><th scope="col" class="wide">Last change</th><th scope="col" class="wide">Reason</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            </div>
            """;
    }

    private static string Pager(string? status, DateTimeOffset? from, DateTimeOffset? to, int page, int pages)
    {
        var newer = page > 1 ? $"<a href=\"{E(ListUrl(status, from, to, page - 1))}\" rel=\"prev\">Newer orders</a>" : "";
        var older = page < pages ? $"<a href=\"{E(ListUrl(status, from, to, page + 1))}\" rel=\"next\">Older orders</a>" : "";
        return $"<nav class=\"pager\" aria-label=\"Pages\">{newer}{older}</nav>";
    }

    private static string ListUrl(string? status, DateTimeOffset? from, DateTimeOffset? to, int page)
    {
        var parts = new List<string>();
        if (status is not null)
        {
            parts.Add("status=" + Uri.EscapeDataString(status));
        }

        if (from is { } f)
        {
            parts.Add("from=" + Uri.EscapeDataString(f.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)));
        }

        if (to is { } t)
        {
            parts.Add("to=" + Uri.EscapeDataString(t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)));
        }

        if (page > 1)
        {
            parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? ConsoleRoutes.Root : ConsoleRoutes.Root + "?" + string.Join('&', parts);
    }
}
