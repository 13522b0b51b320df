using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>listAllFulfillmentOrders (queryStartDate, nextToken paging) and getFulfillmentPreview.</summary>
internal static class OrderQueries
{
    public static IResult ListAll(HttpRequest request, EmulatorState state)
    {
        var start = request.Query["queryStartDate"].FirstOrDefault();
        var token = request.Query["nextToken"].FirstOrDefault();
        if (RequestChecks.Parameter(state, Operations.ListAll, "queryStartDate", start) is { } badStart)
        {
            return badStart;
        }

        var after = 0L;
        DateTimeOffset? since = start is null ? null : Iso8601.TryParse(start, out var s) ? s : null;
        if (token is not null && !TryReadToken(token, out after, out since))
        {
            state.Stats.SchemaViolation(Operations.ListAll);
            return SpApiResponse.InvalidInput([Violation.Invalid("nextToken", SchemaValidator.Shown(token), "not a token this API handed out")]);
        }

        var page = new JsonArray();
        long last = after;
        var more = false;
        foreach (var order in state.Orders.All().Where(o => o.Sequence > after))
        {
            lock (order.Gate)
            {
                state.Advance(order);
                if (since is { } from && order.StatusUpdatedAt < from)
                {
                    continue;
                }

                if (page.Count == state.Options.ListPageSize)
                {
                    more = true;
                    break;
                }

                page.Add(OrderView.FulfillmentOrder(order, state.Options.DefaultMarketplaceId));
                last = order.Sequence;
            }
        }

        var payload = new JsonObject { ["fulfillmentOrders"] = page };
        if (more)
        {
            payload["nextToken"] = WriteToken(last, since);
        }

        return SpApiResponse.Ok(payload);
    }

    public static async Task<IResult> PreviewAsync(HttpRequest request, EmulatorState state)
    {
        var (body, error) = await RequestChecks.ValidBodyAsync(request, state, Operations.Preview);
        if (error is not null)
        {
            return error;
        }

        using (body)
        {
            return SpApiResponse.Ok(FulfillmentPreviews.For(JsonNode.Parse(body!.Raw)!.AsObject(), state.Inventory, state.Now, state.Options.DefaultMarketplaceId));
        }
    }

    // Opaque to callers, as Amazon's are: the last sequence handed out and the query's start.
    private static string WriteToken(long lastSequence, DateTimeOffset? since) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{lastSequence}|{since?.UtcTicks ?? -1}")));

    private static bool TryReadToken(string token, out long lastSequence, out DateTimeOffset? since)
    {
        lastSequence = 0;
        since = null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out lastSequence)
                || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks) || ticks < -1 || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            since = ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
