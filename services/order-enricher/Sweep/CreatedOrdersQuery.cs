namespace FbaMesh.OrderEnricher.Sweep;

/// <summary>
/// One page of the Core API's <c>orders</c> connection, oldest first, filtered by creation time: the
/// connection Crystallize's JS client pages in its order fetcher. Only ids and times are selected, so the
/// sweep reads no personal data.
/// </summary>
internal static class CreatedOrdersQuery
{
    public const string Text = """
        query CreatedOrders($first: Int, $after: String, $from: DateTime!) {
          orders(first: $first, after: $after, filter: {createdAt: {from: $from}}) {
            ... on OrderConnection {
              pageInfo { hasNextPage endCursor }
              edges { node { id createdAt } }
            }
            ... on BasicError { errorName message }
          }
        }
        """;
}

internal sealed record CreatedOrdersRequest(string Query, CreatedOrdersVariables Variables);

internal sealed record CreatedOrdersVariables(int First, string? After, string From);

internal sealed record CreatedOrdersResponse(CreatedOrdersData? Data, IReadOnlyList<Crystallize.GraphQlError>? Errors);

internal sealed record CreatedOrdersData(OrderConnection? Orders);

/// <summary>The union answer: a connection, or a BasicError (errorName set).</summary>
internal sealed record OrderConnection(PageInfo? PageInfo, IReadOnlyList<OrderEdge>? Edges, string? ErrorName, string? Message);

internal sealed record PageInfo(bool HasNextPage, string? EndCursor);

internal sealed record OrderEdge(ListedOrder? Node);

internal sealed record ListedOrder(string? Id, DateTimeOffset? CreatedAt);

/// <summary>A page read, or why not.</summary>
internal abstract record OrderListPage
{
    public sealed record Read(IReadOnlyList<string> OrderIds, bool HasNextPage, string? EndCursor) : OrderListPage;

    public sealed record Failed(string Message) : OrderListPage;
}
