using System.Globalization;
using System.Text;
using FbaMesh.CrystallizeEmulator.Orders;
using GraphQL.Types;
using Microsoft.AspNetCore.WebUtilities;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>
/// One page of the <c>orders</c> connection. Orders are listed oldest first (createdAt, then id) and
/// the cursor is the position of an order in that order, not an index, so an order created while a
/// reader pages is neither skipped nor read twice by a reader that is already past it.
/// </summary>
internal sealed record OrderPage(IReadOnlyList<OrderEdge> Edges, bool HasNextPage, bool HasPreviousPage)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public string? StartCursor => Edges.Count > 0 ? Edges[0].Cursor : null;

    public string? EndCursor => Edges.Count > 0 ? Edges[^1].Cursor : null;

    public static OrderPage Read(OrderStore store, int? first, string? after, OrderFilter? filter)
    {
        var size = first ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw CoreOrders.BadInput($"\"first\" must be between 1 and {MaxPageSize}.");
        }

        var (from, to) = (Time(filter?.CreatedAt?.From, "from"), Time(filter?.CreatedAt?.To, "to"));
        var position = after is null ? null : Position.Parse(after);
        var matching = store.All()
            .Where(order => (from is null || order.CreatedAt >= from) && (to is null || order.CreatedAt <= to))
            .Where(order => filter?.Customer?.Identifier is not { } customer || CustomerOf(order) == customer)
            .ToList();
        var rest = position is null ? matching : matching.Where(order => Position.Of(order).IsAfter(position)).ToList();
        var page = rest.Take(size).Select(order => new OrderEdge(Position.Of(order).ToCursor(), order)).ToList();
        return new OrderPage(page, rest.Count > size, rest.Count < matching.Count);
    }

    private static DateTimeOffset? Time(string? text, string name) => text is null
        ? null
        : OrderStore.ParseTime(text) ?? throw CoreOrders.BadInput($"\"filter.createdAt.{name}\" is not a date and time.");

    private static string? CustomerOf(OrderSnapshot order) => JsonSource.Text(JsonSource.Object(order, "customer"), "identifier");

    /// <summary>An order's place in the listing: its creation time (UTC ticks), then its id.</summary>
    private sealed record Position(long Ticks, string Id)
    {
        private const string Version = "o1";

        public static Position Of(OrderSnapshot order) => new(order.CreatedAt.UtcTicks, order.Id);

        public bool IsAfter(Position other) =>
            Ticks > other.Ticks || (Ticks == other.Ticks && string.CompareOrdinal(Id, other.Id) > 0);

        public string ToCursor() =>
            WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}:{Ticks}:{Id}")));

        public static Position Parse(string cursor)
        {
            try
            {
                var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split(':');
                if (parts is [Version, var ticks, var id] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    && OrderId.IsValid(id))
                {
                    return new Position(value, id);
                }
            }
            catch (FormatException)
            {
                // Not base64url: the same answer as any other cursor this API never issued.
            }

            throw CoreOrders.BadInput("\"after\" is not a cursor this API issued.");
        }
    }
}

internal sealed record OrderEdge(string Cursor, OrderSnapshot Node);

internal sealed class OrderConnectionGraphType : ObjectGraphType<OrderPage>
{
    public OrderConnectionGraphType()
    {
        Name = "OrderConnection";
        IsTypeOf = value => value is OrderPage;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderEdgeGraphType>>>>("edges").Resolve(context => context.Source.Edges);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(context => context.Source);
    }
}

internal sealed class OrderEdgeGraphType : ObjectGraphType<OrderEdge>
{
    public OrderEdgeGraphType()
    {
        Name = "OrderEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<CoreOrderGraphType>>("node").Resolve(context => context.Source.Node);
    }
}

internal sealed class PageInfoGraphType : ObjectGraphType<OrderPage>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(context => context.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(context => context.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Resolve(context => context.Source.StartCursor);
        Field<StringGraphType>("endCursor").Resolve(context => context.Source.EndCursor);
    }
}
